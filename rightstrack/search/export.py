"""Export of any result set, streamed in batches: CSV, JSON and XLSX, with no row cap.

Recommendations are free text: one that begins with ``=``, ``+``, ``-`` or ``@`` would run as a
formula in the spreadsheet that opens the file. CSV cells get the quote OWASP advises
(``formulas.neutralise``) and XLSX cells are typed as text (``formulas.xlsx_text_cell``); JSON is
data for programs and keeps the text as it is.

Every export says what the data it was drawn from covers (``meta``, built by the caller from
``rightstrack.analysis.coverage.export_meta``: the query, the sources, where each mechanism's
data ends). A comment line on top of a CSV file would break the programs that read it, so the
CSV keeps its plain header and the meta goes beside it: a ``FILE.meta.json`` sidecar from the
command line, the ``X-Data-Coverage`` header and ``/api/v1/coverage`` from the API. The JSON export
is an object, ``{"meta": …, "records": […]}``; the XLSX workbook has an "About" sheet.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO, Any

from rightstrack.documents.model import slug
from rightstrack.formulas import FORMULA_STARTS, neutralise, xlsx_text_cell, xlsx_value
from rightstrack.languages import DEFAULT_LOCALE, N_, translations
from rightstrack.reference.names import state_name, term
from rightstrack.search.engine import SearchEngine, Selection
from rightstrack.search.options import ExportFormat as ExportFormat
from rightstrack.search.query import SearchQuery
from rightstrack.search.records import Hit

BATCH = 1000

COLUMNS = (
    "id",
    "type",
    "mechanism",
    "body",
    "state_under_review",
    "sur_code",
    "sur_group",
    "session",
    "cycle",
    "year",
    "published",
    "text",
    "response",
    "response_comment",
    "action_category",
    "issues",
    "recommending_states",
    "recommending_codes",
    "recommending_groups",
    "document_symbol",
    "paragraph",
    "sources",
)


# The header row of a CSV or XLSX file exported in French or Spanish (``locale``): what each column
# holds, in that language. English files keep the column names, which programs read; JSON keeps
# its keys and its values (data for programs), all but the names of states (``named``).
HEADERS = {
    "id": N_("ID"),
    "type": N_("Type"),
    "mechanism": N_("Mechanism"),
    "body": N_("Body"),
    "state_under_review": N_("State under review"),
    "sur_code": N_("State code"),
    "sur_group": N_("SuR regional group"),
    "session": N_("Session"),
    "cycle": N_("Cycle"),
    "year": N_("Year"),
    "published": N_("Published"),
    "text": N_("Text"),
    "response": N_("Response"),
    "response_comment": N_("Response comment"),
    "action_category": N_("Action category"),
    "issues": N_("Issues"),
    "recommending_states": N_("Recommending states"),
    "recommending_codes": N_("Recommending state codes"),
    "recommending_groups": N_("Recommending regional groups"),
    "document_symbol": N_("Document symbol"),
    "paragraph": N_("Paragraph"),
    "sources": N_("Sources"),
}


def header(locale: str = DEFAULT_LOCALE) -> list[str]:
    """The header row: column names in English, what they hold in another language."""
    if locale == DEFAULT_LOCALE:
        return list(COLUMNS)
    words = translations(locale).gettext
    return [words(HEADERS[column]) for column in COLUMNS]


def named(record: dict[str, Any], locale: str) -> dict[str, Any]:
    """A record of the JSON export (``Hit.to_dict``) with its states' names in ``locale``; their
    codes, the issues and the response stay the values the API filters on."""
    if locale == DEFAULT_LOCALE:
        return record
    record["sur_name"] = state_name(record["sur"], locale) if record["sur"] else record["sur_name"]
    for recommender in record["recommenders"]:
        recommender["name"] = state_name(recommender.get("code") or recommender["name"], locale)
    return record


def hits(engine: SearchEngine, selection: Selection) -> Iterator[Hit]:
    ids = selection.index.ids[selection.positions]
    for start in range(0, len(ids), BATCH):
        yield from engine.fetch([int(i) for i in ids[start : start + BATCH]], use_cache=False)


def as_row(hit: Hit, groups: dict[str, str], locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    """One record's columns. In another ``locale`` the columns people read (kind, mechanism, state
    and group names, response, issues) are in that language; codes, ids and texts stay as stored."""
    codes = [r.code or "" for r in hit.recommenders]
    row = {
        "id": hit.id,
        "type": hit.kind,
        "mechanism": hit.mechanism,
        "body": hit.body,
        "state_under_review": hit.sur_name,
        "sur_code": hit.sur,
        "sur_group": groups.get(hit.sur, ""),
        "session": hit.session if hit.session is not None else "",
        "cycle": hit.cycle if hit.cycle is not None else "",
        "year": hit.year,
        "published": hit.published.isoformat() if hit.published else "",
        "text": hit.text,
        "response": hit.response or "",
        "response_comment": hit.response_comment or "",
        "action_category": hit.action_category or "",
        "issues": "; ".join(hit.issues),
        "recommending_states": "; ".join(r.name for r in hit.recommenders),
        "recommending_codes": "; ".join(codes),
        "recommending_groups": "; ".join(sorted({groups.get(c, "") for c in codes if c})),
        "document_symbol": hit.document_symbol or "",
        "paragraph": hit.paragraph or "",
        "sources": "; ".join(sorted({f"{r.source}:{r.line}" for r in hit.recommenders})),
    }
    return row if locale == DEFAULT_LOCALE else _localised(row, hit, groups, locale)


def _localised(row: dict[str, Any], hit: Hit, groups: dict[str, str], locale: str) -> dict[str, Any]:
    words = translations(locale).gettext  # not "gettext": pybabel would read its calls
    codes = [r.code for r in hit.recommenders if r.code]
    return {
        **row,
        "type": words(hit.kind),
        "mechanism": words(hit.mechanism),
        "state_under_review": state_name(hit.sur, locale) if hit.sur else row["state_under_review"],
        "sur_group": words(row["sur_group"]) if row["sur_group"] else "",
        "response": words(hit.response) if hit.response else "",
        "issues": "; ".join(term(issue, locale) for issue in hit.issues),
        "recommending_states": "; ".join(state_name(r.code or r.name, locale) for r in hit.recommenders),
        "recommending_groups": "; ".join(
            sorted({words(groups[c]) for c in codes if groups.get(c)}, key=str.casefold)
        ),
    }


def csv_row(hit: Hit, groups: dict[str, str], locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    """A CSV row, every text that a spreadsheet would run as a formula made inert."""
    return {name: neutralise(value) for name, value in as_row(hit, groups, locale).items()}


def write_csv(
    engine: SearchEngine, selection: Selection, stream: IO[str], locale: str = DEFAULT_LOCALE
) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    csv.writer(stream).writerow(header(locale))
    count = 0
    for hit in hits(engine, selection):
        writer.writerow(csv_row(hit, selection.index.state_groups, locale))
        count += 1
    return count


def write_json(
    engine: SearchEngine, selection: Selection, stream: IO[str], meta: dict[str, Any] | None = None
) -> int:
    """``{"meta": …, "records": […]}`` written record by record, so memory stays flat for any
    result size."""
    stream.write('{"meta": ' + json.dumps(meta or {}, ensure_ascii=False) + ',\n"records": [')
    count = 0
    for hit in hits(engine, selection):
        row = as_row(hit, selection.index.state_groups)
        row["issues"] = list(hit.issues)
        row["session"], row["cycle"] = hit.session, hit.cycle  # null, not "", for other mechanisms
        row["published"] = hit.published.isoformat() if hit.published else None
        row["recommending_states"] = [r.to_dict() for r in hit.recommenders]
        del row["recommending_codes"], row["sources"]
        stream.write(("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def write_sidecar(path: Path, meta: dict[str, Any], records: int) -> Path:
    """``FILE.meta.json`` beside an exported file: what it holds and what the data covers."""
    sidecar = path.with_name(path.name + ".meta.json")
    sidecar.write_text(
        json.dumps({**meta, "records": records}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return sidecar


ABOUT_LABELS = {
    "generated": "generated (UTC)",
    "app_version": "RightsTrack version",
    "data_version": "data version (the store's count of changes)",
    "records": "records in this file",
}


def about_lines(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The meta as (field, value) lines, for the XLSX "About" sheet: the search (words, filters,
    order), when, from which data (its version, sources, periods) and by which RightsTrack."""
    lines: list[tuple[str, str]] = []
    query = meta.get("query") or {}
    if query:
        lines.append(("search words", str(query.get("text") or "(none)")))
        filters = query.get("filters") or {}
        for dimension, values in filters.items():
            lines.append((f"filter: {dimension}", " OR ".join(str(v) for v in values)))
        if not filters:
            lines.append(("filters", "(none: every record)"))
        lines.append(("order", str(query.get("sort", ""))))
    for key, value in meta.items():
        if key in ("coverage", "query"):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append((ABOUT_LABELS.get(key, str(key)), shown))
    coverage = meta.get("coverage") or {}
    if coverage:
        lines.append(("data covers", str(coverage.get("summary", ""))))
        for period in coverage.get("mechanisms", []):
            lines.append(
                (
                    f"{period['mechanism']} data",
                    f"{period['first_year']}-{period['last_year']}, {period['records']} records",
                )
            )
        for source in coverage.get("sources", []):
            lines.append(
                (
                    f"source: {source['kind']}",
                    f"{source['files']} files, e.g. {', '.join(source['examples'])}",
                )
            )
    return lines


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """The value as a write-only workbook takes it: formula-like text as a text cell."""
    value = xlsx_value(value)
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value  # a plain value costs no cell object (most of a large export)
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    xlsx_text_cell(cell)
    return cell


def _xlsx_row(row: dict[str, Any]) -> list[Any]:
    """Figures as numbers and the publication day as a date (openpyxl formats it yyyy-mm-dd)."""
    values = [row[c] for c in COLUMNS]
    published = COLUMNS.index("published")
    if values[published]:
        values[published] = date.fromisoformat(values[published])
    return values


def export_filename(query: SearchQuery, extension: str, today: date, kind: str = "") -> str:
    """``rightstrack-issue-elections-response-noted-2026-12-03.xlsx``: what the file holds (a
    chart's name, say), the filters and words of the search, in safe characters and bounded, then
    the day."""
    parts = [" ".join([d.value, *sorted(v)]) for d, v in sorted(query.filters.items())]
    about = slug(kind, *parts, query.text, length=60)
    return f"rightstrack-{about + '-' if about else ''}{today.isoformat()}.{extension}"


def query_lines(query: SearchQuery) -> list[tuple[str, str]]:
    """The search as (field, value) lines for an "About" sheet."""
    lines = [("search words", query.text or "(none)")]
    lines += [(f"filter: {d.value}", " OR ".join(sorted(v))) for d, v in sorted(query.filters.items())]
    return lines if query.filters else [*lines, ("filters", "(none: every record)")]


def write_xlsx(
    engine: SearchEngine,
    selection: Selection,
    path: Path,
    meta: dict[str, Any] | None = None,
    locale: str = DEFAULT_LOCALE,
) -> int:
    """The records on a sheet with a frozen, styled header, fitted column widths and a filter on
    every column; an "About" sheet saying which search, when, and from which data."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from rightstrack.documents.workbook import about_sheet, fitted_widths, header_cells, set_widths

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("recommendations")
    groups = selection.index.state_groups
    batches = hits(engine, selection)
    first = [_xlsx_row(as_row(hit, groups, locale)) for _, hit in zip(range(BATCH), batches, strict=False)]
    # A write-only sheet writes its columns and panes before its rows: the widths are fitted to
    # the first thousand rows, which is what a reader sees first.
    columns = header(locale)
    set_widths(sheet, fitted_widths(columns, first))
    sheet.freeze_panes = "A2"
    sheet.append(header_cells(sheet, columns))
    count = 0
    for values in chain(first, (_xlsx_row(as_row(hit, groups, locale)) for hit in batches)):
        sheet.append([_xlsx_cell(sheet, v) for v in values])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    if meta is not None:
        about_sheet(workbook, [*about_lines({**meta, "records": count})])
    workbook.save(path)
    return count
