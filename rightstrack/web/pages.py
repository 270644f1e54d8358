"""Server-rendered pages (Jinja2). Every page works without JavaScript; its URL is its permalink."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from rightstrack.analysis.coverage import Coverage, fetch_command, store_coverage
from rightstrack.analysis.drafting import draft_report
from rightstrack.analysis.stats import AFRICA_ASIA, NORTH_WEST, Basis, breakdown, headline
from rightstrack.domain import RecordKind, Vocabulary
from rightstrack.languages import N_
from rightstrack.reference.issues import ACTION_CATEGORIES
from rightstrack.reference.undocs import document_url
from rightstrack.search.engine import SearchEngine, SearchResult
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.search.records import Hit
from rightstrack.web import charts
from rightstrack.web.appstate import models_of
from rightstrack.web.auth import current_user
from rightstrack.web.i18n import COOKIE, LOCALES, Formatter, negotiate, translations
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.params import query_string, search_query, toggled
from rightstrack.web.security import CSRF_FIELD, check_csrf, csrf_token, remember_csrf, safe_next

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _engine(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


def highlighted(hit: Hit) -> Markup:
    """The text with matched words in <mark>, everything else escaped."""
    parts: list[str] = []
    cursor = 0
    for start, end in hit.highlights:
        parts.append(str(escape(hit.text[cursor:start])))
        parts.append(f"<mark>{escape(hit.text[start:end])}</mark>")
        cursor = end
    parts.append(str(escape(hit.text[cursor:])))
    return Markup("".join(parts))


# N_ marks the names for translation; the template translates them when it shows them.
KIND_NAMES = {
    RecordKind.RECOMMENDATION.value: N_("Recommendation"),
    RecordKind.PLEDGE.value: N_("Voluntary pledge"),
    RecordKind.CONCERN.value: N_("Concern or observation"),
    RecordKind.OTHER.value: N_("Other observation"),
}
# Marked for translation: templates show a record's mechanism through _().
MECHANISM_NAMES = [N_("UPR"), N_("Treaty body"), N_("Special procedure"), N_("Election observation")]

VOCABULARY_NAMES = {
    Vocabulary.UHRI_THEME.value: N_("UHRI themes"),
    Vocabulary.AFFECTED_PERSONS.value: N_("Affected persons"),
    Vocabulary.SDG.value: N_("Sustainable Development Goals"),
}


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    locale = negotiate(request)
    gettext = translations(locale).gettext
    base = {
        "_": gettext,
        "fmt": Formatter(locale),
        "locale": locale,
        "locales": LOCALES,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "current_url": str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
        "dimensions": list(Dimension),
        "action_categories": ACTION_CATEGORIES,
        "vocabulary_names": VOCABULARY_NAMES,
        "kind_names": KIND_NAMES,
        "document_url": document_url,
        "fetch_command": fetch_command,
        "user": current_user(request),
        # Every page says what the data covers (where it ends), computed from the store.
        "coverage": _coverage(request),
    }
    response = templates.TemplateResponse(request, template, {**base, **context}, status_code=status_code)
    remember_csrf(request, response)
    if request.query_params.get("lang") in LOCALES:
        response.set_cookie(COOKIE, request.query_params["lang"], samesite="lax", max_age=365 * 86400)
    return response


def _coverage(request: Request) -> Coverage | None:
    search = getattr(request.app.state, "search", None)
    return store_coverage(search.engine) if isinstance(search, SearchEngine) else None


@dataclass(frozen=True)
class FacetLink:
    label: str
    value: str
    count: int
    selected: bool
    href: str


FACET_SHOWN = 8  # values shown at once; the rest sit behind "More" (<details>, no script)
FACET_LIMIT = 60


def facet_links(result: SearchResult) -> dict[Dimension, list[FacetLink]]:
    links: dict[Dimension, list[FacetLink]] = {}
    for dimension, values in result.facets.items():
        chosen = [v for v in values if v.selected]
        others = [v for v in values if not v.selected][: max(0, FACET_LIMIT - len(chosen))]
        links[dimension] = [
            FacetLink(
                v.label,
                v.value,
                v.count,
                v.selected,
                "/?" + query_string(toggled(result.query, dimension, v.value)),
            )
            for v in chosen + others
        ]
    return links


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request) -> HTMLResponse:
    query = search_query(request.query_params, strict=False)
    return await in_search_lane(_search_page, request, query)


def _search_page(request: Request, query: SearchQuery) -> HTMLResponse:
    result = _engine(request).search(query)
    return render(
        request,
        "search.html",
        {
            "query": query,
            "result": result,
            "facets": facet_links(result),
            "facet_shown": FACET_SHOWN,
            "highlighted": highlighted,
            "qs": query_string(query),
            "page_url": lambda page: "/?" + query_string(query, page=page if page > 1 else None),
            "sorts": ["relevance", "recent", "session", "state"],
        },
    )


def _stats_context(request: Request, query: SearchQuery) -> dict[str, Any]:
    if Dimension.TYPE not in query.filters:
        query = query.with_filter(Dimension.TYPE, "recommendation")
    engine = _engine(request)
    selection = engine.select(query)
    universe = engine.select(SearchQuery(filters={Dimension.TYPE: query.filters[Dimension.TYPE]}))
    gettext = translations(negotiate(request)).gettext
    return {
        "query": query,
        "qs": query_string(query),
        "headlines": [headline(selection, universe, basis) for basis in Basis],
        "north_west": NORTH_WEST,
        "africa_asia": AFRICA_ASIA,
        "charts": [make(selection, gettext) for make in charts.CHARTS.values()],
        # Filters widened through the theme mapping, said as on the search page.
        "mapped": engine.search(
            SearchQuery(query.text, query.filters, query.sort, 1, 0), facets=False
        ).mapped,
        # Which mechanisms and bodies the counts rest on (one unit per record).
        "by_origin": [
            (breakdown(selection, Dimension.MECHANISM, Basis.RECORDS), N_("By mechanism")),
            (breakdown(selection, Dimension.BODY, Basis.RECORDS), N_("By body")),
        ],
    }


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request) -> HTMLResponse:
    query = search_query(request.query_params, strict=False)
    return render(request, "stats.html", {**_stats_context(request, query), "preset": None})


@router.get("/elections", response_class=HTMLResponse)
def elections_page(request: Request) -> HTMLResponse:
    """The election-related figures of UPR Info's database, as a shareable page."""
    query = SearchQuery.build("", {"issue": ["Elections"], "type": ["recommendation"]})
    return render(request, "stats.html", {**_stats_context(request, query), "preset": "elections"})


@router.get("/charts/{name}.{image_format}")
def chart_file(request: Request, name: str, image_format: str) -> Response:
    make = charts.CHARTS.get(name)
    if make is None or image_format not in {"svg", "png", "csv"}:
        return Response("no such chart", status_code=404, media_type="text/plain")
    query = search_query(request.query_params, strict=False)
    if Dimension.TYPE not in query.filters:
        query = query.with_filter(Dimension.TYPE, "recommendation")
    chart = make(_engine(request).select(query), translations(negotiate(request)).gettext)
    disposition = {"Content-Disposition": f'inline; filename="{name}.{image_format}"'}
    if image_format == "csv":
        return Response(chart.table.to_csv(), media_type="text/csv; charset=utf-8", headers=disposition)
    media = "image/svg+xml" if image_format == "svg" else "image/png"
    return Response(charts.render(chart, image_format), media_type=media, headers=disposition)


@router.post("/language")
def set_language(
    request: Request,
    lang: Annotated[str, Form()],
    csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    next_url: Annotated[str, Form(alias="next")] = "/",
) -> RedirectResponse:
    check_csrf(request, csrf_token_field)
    response = RedirectResponse(safe_next(next_url), status_code=303)
    if lang in LOCALES:
        response.set_cookie(COOKIE, lang, samesite="lax", max_age=365 * 86400)
    return response


@router.get("/draft", response_class=HTMLResponse)
async def draft_page(request: Request, text: str = "") -> HTMLResponse:
    """SMART help for a draft recommendation, and how similar ones fared."""
    text = text.strip()[:2000]
    report = None
    if len(text) >= 3:
        report = await in_search_lane(lambda: draft_report(_engine(request), models_of(request), text))
    return render(request, "draft.html", {"text": text, "report": report})
