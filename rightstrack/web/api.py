"""The JSON API, ``/api/v1``: search with facets, records, states, statistics, exports."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, StreamingResponse
from starlette.background import BackgroundTask

from rightstrack.analysis.clusters import thematic_clusters
from rightstrack.analysis.coverage import export_meta, header_text, store_coverage
from rightstrack.analysis.drafting import draft_report
from rightstrack.analysis.profiles import StateProfile, state_counts, state_profile
from rightstrack.analysis.reviews import state_reviews
from rightstrack.analysis.stats import Basis, Breakdown, breakdown, crosstab, headline
from rightstrack.analysis.timeline import state_history
from rightstrack.languages import DEFAULT_LOCALE, LOCALES
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.search.engine import SearchEngine, SearchResult, Selection
from rightstrack.search.export import COLUMNS, csv_row, export_filename, header, hits, named, write_xlsx
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.search.records import Hit
from rightstrack.web.api_models import (
    BAD_REQUEST,
    ERRORS,
    CoverageOut,
    DraftOut,
    ExportOut,
    NeighboursOut,
    RecordOut,
    SearchOut,
)
from rightstrack.web.appstate import models_of
from rightstrack.web.downloads import disposition
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.params import Id, search_query
from rightstrack.web.responses import JSONResponse
from rightstrack.web.state_models import ClustersOut, CrosstabOut, StateCountsOut, StateProfileOut, StatsOut

router = APIRouter(prefix="/api/v1", tags=["api"])

# Answers are sent as ready orjson responses: the models describe them for the OpenAPI schema, and
# tests/web/test_openapi.py checks they are truthful. Validating through them would cost a search
# +21 % at p50 with the query cache off, +42 % with it on (bench/api_models_bench.py; budget 10 %).
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_EXPORT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The records, one row each, with a header row",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
    **BAD_REQUEST,
}
JSON_EXPORT: dict[int | str, dict[str, Any]] = {
    200: {"description": "The export's meta and every record", "model": ExportOut},
    **BAD_REQUEST,
}
XLSX_EXPORT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": 'A workbook: the records, and an "About" sheet of meta',
        "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
    },
    **BAD_REQUEST,
}


def engine_of(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


def result_payload(result: SearchResult) -> dict[str, Any]:
    return {
        "total": result.total,
        "page": result.query.page,
        "per_page": result.query.per_page,
        "pages": result.pages,
        "took_ms": round(result.took_ms, 2),
        "hits": [hit.to_dict() for hit in result.hits],
        "facets": {d.value: [v.to_dict() for v in values] for d, values in result.facets.items()},
        # Filters widened through the theme mapping (UHRI themes <-> UPR Info issues).
        "matched_through_mapping": {d.value: m.to_dict() for d, m in result.mapped.items()},
    }


def breakdown_payload(part: Breakdown) -> dict[str, Any]:
    return {
        "dimension": part.dimension.value,
        "basis": part.basis.value,
        "total": part.total,
        "rows": [
            {
                "value": row.value,
                "label": row.label,
                "count": row.count,
                "share": round(float(row.share), 6),
                "accepted": row.accepted,
                "noted": row.noted,
                "acceptance_rate": None if row.acceptance_rate is None else round(row.acceptance_rate, 6),
            }
            for row in part.rows
        ],
    }


@router.get(
    "/search",
    response_model=SearchOut,
    responses=BAD_REQUEST,
    summary="Search with filters, facet counts and pages",
)
async def search(request: Request) -> JSONResponse:
    """Query string: ``q`` (full text), any dimension (repeatable: ``sur_group=African``; values
    of one dimension combine with OR, dimensions with AND), a value left out with ``!=``
    (``issue!=Elections``), a range of days with ``from`` and ``to`` (``2015``, ``2015-06`` or
    ``2015-06-30``, both included: a UPR record's review day, another's publication date),
    ``sort`` (relevance, session, recent, state), ``page``, ``per_page`` (≤ 500)."""
    query = search_query(request.query_params)
    engine = engine_of(request)
    return await in_search_lane(lambda: JSONResponse(result_payload(engine.search(query))))


@router.get(
    "/records/{record_id}", response_model=RecordOut, responses=ERRORS, summary="One recommendation or pledge"
)
async def record(request: Request, record_id: Id) -> JSONResponse:
    found = await in_search_lane(engine_of(request).fetch, [record_id])
    if not found:
        return JSONResponse({"error": f"no record with id {record_id}"}, status_code=404)
    sources = await in_search_lane(engine_of(request).sources, record_id)
    return JSONResponse({**found[0].to_dict(), **sources.to_dict()})


def neighbours_payload(found: list[tuple[Hit, float]]) -> dict[str, Any]:
    answered = [hit.response for hit, _ in found if hit.response in ("Accepted", "Noted")]
    return {
        "accepted_share": answered.count("Accepted") / len(answered) if answered else None,
        "neighbours": [{"similarity": round(score, 4), **hit.to_dict()} for hit, score in found],
    }


@router.get(
    "/records/{record_id}/similar",
    response_model=NeighboursOut,
    responses=ERRORS,
    summary="The recommendations most like one recommendation",
)
async def similar_to_record(
    request: Request,
    record_id: Id,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> JSONResponse:
    found = await in_search_lane(lambda: engine_of(request).similar(record_id=record_id, limit=limit))
    if found is None:
        return JSONResponse({"error": f"no recommendation with id {record_id}"}, status_code=404)
    return JSONResponse(neighbours_payload(found))


@router.get(
    "/similar",
    response_model=NeighboursOut,
    responses=BAD_REQUEST,
    summary="The recommendations most like any text (e.g. a draft)",
)
async def similar_to_text(
    request: Request,
    q: Annotated[str, Query(min_length=3, max_length=2000)],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> JSONResponse:
    found = await in_search_lane(lambda: engine_of(request).similar(text=q, limit=limit))
    return JSONResponse(neighbours_payload(found or []))


@router.get(
    "/draft",
    response_model=DraftOut,
    responses=BAD_REQUEST,
    summary="SMART assessment of a draft recommendation, with similar past ones",
)
async def draft(request: Request, text: Annotated[str, Query(min_length=3, max_length=2000)]) -> JSONResponse:
    report = await in_search_lane(lambda: draft_report(engine_of(request), models_of(request), text))
    return JSONResponse(report.to_dict())


@router.get("/states", response_model=list[StateCountsOut], summary="Every state with its counts")
def states(request: Request) -> JSONResponse:
    return JSONResponse([asdict(counts) for counts in state_counts(engine_of(request))])


def profile_payload(profile: StateProfile) -> dict[str, Any]:
    sur, given = profile.as_sur, profile.as_recommender
    return {
        "state": asdict(profile.state),
        "organisations": sorted(profile.organisations),
        "as_state_under_review": {
            "recommendations": sur.recommendations,
            "recommendation_rows": sur.recommendation_rows,
            "pledges": sur.pledges,
            "acceptance_rate": sur.acceptance_rate,
            **{
                name: breakdown_payload(getattr(sur, name))
                for name in ("by_cycle", "by_response", "by_action", "by_issue", "by_recommending_group")
            },
        },
        "as_recommending_state": {
            "rows": given.rows,
            "acceptance_rate": given.acceptance_rate,
            **{
                name: breakdown_payload(getattr(given, name))
                for name in ("by_cycle", "by_sur_group", "by_sur", "by_issue")
            },
        },
    }


@router.get(
    "/states/{name}",
    response_model=StateProfileOut,
    responses=ERRORS,
    summary="A state's profile as SuR and as recommending state",
)
def state(request: Request, name: str) -> JSONResponse:
    try:
        code = resolve_state(name).code
    except UnknownStateError as exc:
        return JSONResponse({"error": str(exc)}, status_code=404)
    engine = engine_of(request)
    payload = profile_payload(state_profile(engine, code))
    reviews = [cycle.to_dict() for cycle in state_reviews(engine.engine, code)]
    return JSONResponse({**payload, "reviews": reviews, **state_history(engine.engine, code).to_dict()})


@router.get(
    "/states/{name}/clusters",
    response_model=ClustersOut,
    responses=ERRORS,
    summary="A state's recommendations of one cycle in thematic clusters",
)
def clusters(request: Request, name: str, cycle: Annotated[int, Query(ge=1, le=9)]) -> JSONResponse:
    try:
        code = resolve_state(name).code
    except UnknownStateError as exc:
        return JSONResponse({"error": str(exc)}, status_code=404)
    found = thematic_clusters(engine_of(request).engine, code, cycle)
    return JSONResponse({"state": code, "cycle": cycle, "clusters": [c.to_dict() for c in found]})


def _stats_query(request: Request) -> SearchQuery:
    query = search_query(request.query_params)
    if Dimension.TYPE not in query.filters:
        query = query.with_filter(Dimension.TYPE, "recommendation")
    return query


@router.get(
    "/stats",
    response_model=StatsOut,
    responses=BAD_REQUEST,
    summary="Counts, shares and acceptance rates for any search",
)
def stats(
    request: Request,
    by: Annotated[list[Dimension] | None, Query()] = None,
    basis: Annotated[list[Basis] | None, Query()] = None,
) -> JSONResponse:
    """Recommendations only unless ``type`` is given; ``by`` repeats; ``basis`` is rows and/or
    records (default both)."""
    engine = engine_of(request)
    query = _stats_query(request)
    selection = engine.select(query)
    universe = engine.select(SearchQuery(filters={Dimension.TYPE: query.filters[Dimension.TYPE]}))
    dimensions = by or [Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Dimension.CYCLE]
    payload: dict[str, Any] = {}
    for b in basis or list(Basis):
        figures = headline(selection, universe, b)
        payload[b.value] = {
            "label": b.label,
            "headline": {**asdict(figures), "share_of_universe": figures.share_of_universe},
            "breakdowns": [breakdown_payload(breakdown(selection, d, b)) for d in dimensions],
        }
    return JSONResponse(json.loads(json.dumps(payload, default=float)))


@router.get(
    "/stats/crosstab",
    response_model=CrosstabOut,
    responses=BAD_REQUEST,
    summary="Cross-tabulation of two dimensions",
)
def stats_crosstab(
    request: Request,
    rows: Annotated[Dimension, Query()] = Dimension.RECOMMENDER_GROUP,
    columns: Annotated[Dimension, Query()] = Dimension.SUR_GROUP,
    basis: Annotated[Basis, Query()] = Basis.ROWS,
) -> JSONResponse:
    selection = engine_of(request).select(_stats_query(request))
    table = crosstab(selection, rows, columns, basis)
    return JSONResponse(
        {
            "rows": rows.value,
            "columns": columns.value,
            "basis": basis.value,
            "row_labels": [str(v) for v in table.index],
            "column_labels": [str(v) for v in table.columns],
            "counts": table.to_numpy().tolist(),
        }
    )


def _export_locale(request: Request) -> str:
    """An export's language: only an explicit ``?lang=`` (the pages' export links carry theirs), so
    a program's download never changes with a browser's preference."""
    asked = request.query_params.get("lang", DEFAULT_LOCALE)
    return asked if asked in LOCALES else DEFAULT_LOCALE


def _csv_stream(engine: SearchEngine, selection: Selection, locale: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    csv.writer(buffer).writerow(header(locale))
    for hit in hits(engine, selection):
        writer.writerow(csv_row(hit, selection.index.state_groups, locale))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_stream(
    engine: SearchEngine, selection: Selection, meta: dict[str, Any], locale: str
) -> Iterator[str]:
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ',\n"records": ['
    for n, hit in enumerate(hits(engine, selection)):
        yield ("\n" if n == 0 else ",\n") + json.dumps(named(hit.to_dict(), locale), ensure_ascii=False)
    yield "\n]}\n"


def _coverage_headers(engine: SearchEngine) -> dict[str, str]:
    """A CSV cannot carry its meta without breaking its readers: the answer's headers do."""
    return {
        "X-Data-Coverage": header_text(store_coverage(engine.engine)),
        "Link": '</api/v1/coverage>; rel="describedby"',
    }


@router.get(
    "/coverage",
    response_model=CoverageOut,
    summary="What the data covers: sources, and the period of each mechanism",
)
def coverage(request: Request) -> JSONResponse:
    return JSONResponse(store_coverage(engine_of(request).engine).to_dict())


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses=CSV_EXPORT,
    summary="Every record of a search as CSV (streamed, no row cap)",
)
def export_csv(request: Request) -> StreamingResponse:
    # Selected before the answer starts: a bad query is a 400, not a stream cut short.
    engine = engine_of(request)
    query = search_query(request.query_params)
    selection = engine.select(query)
    return StreamingResponse(
        _csv_stream(engine, selection, _export_locale(request)),
        media_type="text/csv; charset=utf-8",
        headers={
            **disposition(export_filename(query, "csv", date.today())),
            **_coverage_headers(engine),
        },
    )


@router.get(
    "/export.json",
    response_class=StreamingResponse,
    responses=JSON_EXPORT,
    summary="Every record of a search as a JSON array (streamed)",
)
def export_json(request: Request) -> StreamingResponse:
    engine = engine_of(request)
    query = search_query(request.query_params)
    selection = engine.select(query)
    return StreamingResponse(
        _json_stream(engine, selection, export_meta(engine.engine, query), _export_locale(request)),
        media_type="application/json",
        headers={
            **disposition(export_filename(query, "json", date.today())),
            **_coverage_headers(engine),
        },
    )


@router.get(
    "/export.xlsx",
    response_class=FileResponse,
    responses=XLSX_EXPORT,
    summary="Every record of a search as an Excel workbook",
)
def export_xlsx(request: Request) -> FileResponse:
    query = search_query(request.query_params)
    engine = engine_of(request)
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as handle:
        path = Path(handle.name)
    meta = export_meta(engine.engine, query)
    write_xlsx(engine, engine.select(query), path, meta, _export_locale(request))
    return FileResponse(
        path,
        media_type=XLSX,
        filename=export_filename(query, "xlsx", date.today()),
        background=BackgroundTask(path.unlink, missing_ok=True),
    )
