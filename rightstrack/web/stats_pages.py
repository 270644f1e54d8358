"""The statistics pages: the builder (``/stats``), its election preset (``/elections``), and each
chart's table as CSV, SVG or PNG. Everything works without JavaScript: the form is a GET form,
every chart is a table first; ``static/stats-charts.js`` draws the interactive chart over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rightstrack.analysis.stats import (
    Basis,
    Breakdown,
    Headline,
    HeadlineFigure,
    breakdown,
    headline,
    relevant_figures,
)
from rightstrack.analysis.tables import Measure
from rightstrack.languages import N_
from rightstrack.reference.states import all_states
from rightstrack.search.engine import SearchEngine, Selection
from rightstrack.search.export import export_filename, query_lines
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.web import charts
from rightstrack.web.builder import COMPARE_ON, TOPS, Builder, Words, build_table, read_builder
from rightstrack.web.downloads import XLSX, chart_about, disposition
from rightstrack.web.i18n import Formatter, negotiate
from rightstrack.web.pages import render
from rightstrack.web.params import query_string

router = APIRouter(include_in_schema=False)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
    "xlsx": XLSX,
}
GROUPS = ("African", "Asia-Pacific", "Eastern European", "GRULAC", "WEOG")
# Headline figures' sentences, by key (analysis.stats.relevant_figures).
FIGURE_LABELS = {
    "accepted": N_("accepted"),
    "made_by_north_west": N_("made by WEOG, EEG and GRULAC states"),
    "addressed_to_africa_asia": N_("addressed to African and Asia-Pacific states"),
}
MEASURE_NAMES = {
    Measure.COUNT: N_("Count"),
    Measure.SHARE: N_("Share"),
    Measure.ACCEPTED: N_("Accepted"),
}


def _engine(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


@dataclass(frozen=True)
class Figures:
    """One headline box: whose figures (a basis, or a compared state), and those worth printing."""

    title: str
    basis: Basis
    headline: Headline
    figures: list[HeadlineFigure]


def _chart(
    engine: SearchEngine, name: str, builder: Builder, title: str | None, gettext: Any
) -> charts.Chart:
    table = build_table(engine, builder)
    return charts.Chart(name, title or charts.title_of(builder, table, gettext), builder, table)


def _headlines(engine: SearchEngine, builder: Builder, gettext: Any) -> list[Figures]:
    query = builder.query
    universe = engine.select(SearchQuery(filters={Dimension.TYPE: query.filters[Dimension.TYPE]}))
    if builder.compare:
        boxes = []
        for dimension, value in builder.compare:
            narrowed = query.with_filter(dimension, value)
            selection = engine.select(narrowed)
            figures = headline(selection, universe, builder.basis)
            title = selection.index.label(dimension, value)
            boxes.append(Figures(title, builder.basis, figures, relevant_figures(figures, narrowed.filters)))
        return boxes
    selection = engine.select(query)
    boxes = []
    for basis in Basis:
        figures = headline(selection, universe, basis)
        title = (
            gettext("Counting rows (one per recommending state)")
            if basis is Basis.ROWS
            else gettext("Counting recommendations (joint recommendations once)")
        )
        boxes.append(Figures(title, basis, figures, relevant_figures(figures, query.filters)))
    return boxes


def stats_context(request: Request, builder: Builder, preset: str | None) -> dict[str, Any]:
    engine = _engine(request)
    gettext = Words(negotiate(request))
    if builder.by is None:
        made = [
            _chart(engine, name, charts.preset(name, builder), gettext(title), gettext)
            for name, (title, _) in charts.PRESETS.items()
        ]
    else:
        made = [_chart(engine, "builder", builder, None, gettext)]
    selection = engine.select(builder.query)
    search_qs = query_string(builder.query)
    return {
        "preset": preset,
        "builder": builder,
        "query": builder.query,
        "qs": search_qs,
        # The search's own parameters, carried by the builder's form as hidden fields.
        "search_fields": parse_qsl(search_qs),
        "headlines": _headlines(engine, builder, gettext),
        "figure_labels": FIGURE_LABELS,
        "charts": [(chart, charts.chart_data(chart, gettext), _downloads(chart)) for chart in made],
        "number_format": number_format(negotiate(request)),
        "chart_rows": lambda chart: _shown_rows(chart, Formatter(negotiate(request)), gettext),
        "series_labels": lambda chart: charts.series_labels(chart.table, gettext),
        "builder_link": lambda chart: "/stats?" + chart.builder.query_string(),
        "dimensions": list(Dimension),
        "bases": list(Basis),
        "measures": MEASURE_NAMES,
        "tops": TOPS,
        "compare_on": COMPARE_ON,
        "compare_values": [selection.index.label(d, value) for d, value in builder.compare],
        "compare_dimension": builder.compare[0][0] if builder.compare else Dimension.SUR,
        "state_names": sorted(state.name for state in all_states().values()),
        "group_names": GROUPS,
        # Filters widened through the theme mapping, said as on the search page.
        "mapped": engine.search(
            SearchQuery(builder.query.text, builder.query.filters, per_page=0), facets=False
        ).mapped,
        # Which mechanisms and bodies the counts rest on (one unit per record), where they are
        # several: "UPR: 100 %" says nothing, and a comparison's are its selections' own.
        "by_origin": [] if builder.compare else _origins(selection),
    }


def _origins(selection: Selection) -> list[tuple[Breakdown, str]]:
    parts = [
        (breakdown(selection, Dimension.MECHANISM, Basis.RECORDS), N_("By mechanism")),
        (breakdown(selection, Dimension.BODY, Basis.RECORDS), N_("By body")),
    ]
    return parts if any(len(part.rows) > 1 for part, _ in parts) else []


def _shown_rows(chart: charts.Chart, fmt: Formatter, gettext: Any) -> Iterator[tuple[str, list[str], str]]:
    """Each table row as the page prints it: label, cells, total. A number is formatted once per
    distinct value (a table of 190 states × 12 issues repeats its small counts; each CLDR
    formatting costs tens of microseconds)."""
    table = chart.table
    counts = table.measure is Measure.COUNT
    shown: dict[float, str] = {}

    def text(value: float | None) -> str:
        if value is None:
            return "—"
        if value not in shown:
            shown[value] = fmt.number(int(value)) if counts else fmt.percent(value)
        return shown[value]

    for label, row, total in zip(
        charts.row_labels(table, gettext), charts.cells(table), table.row_totals, strict=True
    ):
        yield label, [text(v) for v in row], fmt.number(total)


def number_format(locale: str) -> dict[str, Any]:
    """The page language's separators for the charts' axes and tooltips (d3-format's locale),
    from the same CLDR data as the tables' numbers: "1 946" and "74,1 %" in French."""
    from babel import Locale

    cldr = Locale.parse(locale)
    symbols = cldr.number_symbols["latn"]
    percent = cldr.percent_formats[None].pattern
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [3],
        "currency": ["", ""],
        "percent": percent[percent.rindex("0") + 1 :] or "%",
    }


def _downloads(chart: charts.Chart) -> dict[str, str]:
    if chart.name == "builder":
        return {f: f"/stats/chart.{f}?{chart.builder.query_string()}" for f in FORMATS}
    return {f: f"/charts/{chart.name}.{f}?{query_string(chart.builder.query)}" for f in FORMATS}


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request) -> HTMLResponse:
    return render(request, "stats.html", stats_context(request, read_builder(request.query_params), None))


@router.get("/elections", response_class=HTMLResponse)
def elections_page(request: Request) -> HTMLResponse:
    """The election-related figures of UPR Info's database, as a shareable page."""
    query = SearchQuery.build("", {"issue": ["Elections"], "type": ["recommendation"]})
    return render(request, "stats.html", stats_context(request, Builder(query), "elections"))


def _file(request: Request, chart: charts.Chart, name: str, image_format: str) -> Response:
    """A chart as a file named from its query (``rightstrack-top-issues-sur-svn-2026-12-03.csv``);
    an XLSX one carries the styled table and an "About" sheet saying which search and data."""
    gettext = Words(negotiate(request))
    query = chart.builder.query
    filename = export_filename(query, image_format, date.today(), kind=name)
    if image_format == "csv":
        body: bytes | str = charts.csv_text(chart, gettext)
    elif image_format == "xlsx":
        from rightstrack.documents.workbook import table_workbook

        columns, rows = charts.table_rows(chart, gettext)
        about = [("table", chart.title), *query_lines(query), *chart_about(_engine(request).engine)]
        body = table_workbook(chart.title, columns, rows, about)
    else:
        body = charts.render(chart, image_format, gettext)
    inline = image_format != "xlsx"
    return Response(body, media_type=FORMATS[image_format], headers=disposition(filename, inline=inline))


@router.get("/stats/chart.{image_format}")
def builder_file(request: Request, image_format: str) -> Response:
    """The builder's chart as CSV, SVG or PNG: the same table the page shows."""
    builder = read_builder(request.query_params)
    if image_format not in FORMATS or builder.by is None:
        return Response("no such chart: give by= and a format csv, xlsx, svg or png", status_code=404)
    gettext = Words(negotiate(request))
    name = "statistics-" + "-".join(filter(None, [builder.by.value, builder.split and builder.split.value]))
    return _file(request, _chart(_engine(request), "builder", builder, None, gettext), name, image_format)


@router.get("/charts/{name}.{image_format}")
def chart_file(request: Request, name: str, image_format: str) -> Response:
    if name not in charts.PRESETS or image_format not in FORMATS:
        return Response("no such chart", status_code=404, media_type="text/plain")
    builder = charts.preset(name, read_builder(request.query_params))
    gettext = Words(negotiate(request))
    chart = _chart(_engine(request), name, builder, gettext(charts.PRESETS[name][0]), gettext)
    return _file(request, chart, name, image_format)
