"""The statistics pages' charts: a builder's table, shown as an HTML table (always), drawn in the
browser by Vega-Lite from the same numbers (``chart_data``; ``static/stats-charts.js``), and
served as CSV, SVG or PNG (matplotlib) for downloads and for readers without JavaScript.

The page's default charts are builder presets (``PRESETS``), so they have the builder's tables,
downloads and links, and ``/charts/NAME.svg|png|csv`` stay the addresses they were.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from typing import Any

from rightstrack.analysis.stats import Basis
from rightstrack.analysis.tables import ORDERED, Measure, StatTable
from rightstrack.documents import palette
from rightstrack.documents.charts import figure_bytes, pyplot
from rightstrack.formulas import neutralise
from rightstrack.languages import N_
from rightstrack.search.query import Dimension
from rightstrack.web.builder import Builder, Translate, value_label


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    builder: Builder
    table: StatTable


# name → (title, what the builder counts); marked for translation, translated when shown.
PRESETS: dict[str, tuple[str, dict[str, Any]]] = {
    "per-cycle": (
        N_("Recommendations per cycle, by response"),
        {"by": Dimension.CYCLE, "split": Dimension.RESPONSE, "basis": Basis.RECORDS},
    ),
    "acceptance-by-issue": (
        N_("Acceptance by issue (largest issues)"),
        {"by": Dimension.ISSUE, "measure": Measure.ACCEPTED, "top": 10, "basis": Basis.RECORDS},
    ),
    "group-matrix": (
        N_("Who recommends to whom (rows)"),
        {"by": Dimension.RECOMMENDER_GROUP, "split": Dimension.SUR_GROUP, "basis": Basis.ROWS},
    ),
    "top-issues": (
        N_("Top issues"),
        {"by": Dimension.ISSUE, "top": 10, "basis": Basis.RECORDS},
    ),
}


def preset(name: str, builder: Builder) -> Builder:
    """The search of ``builder`` counted as the preset ``name`` counts."""
    choices: dict[str, Any] = {"split": None, "measure": Measure.COUNT, "top": 20, "compare": ()}
    return replace(builder, **{**choices, **PRESETS[name][1]})


def title_of(builder: Builder, table: StatTable, _: Translate) -> str:
    """A builder's chart title, in words every language has: "Recommendations: Issue × Response"."""
    if builder.measure is Measure.ACCEPTED:
        what = _("Acceptance")
    elif builder.measure is Measure.SHARE:
        what = _("Share of recommendations") if builder.basis is Basis.RECORDS else _("Share of rows")
    else:
        what = _("Recommendations") if builder.basis is Basis.RECORDS else _("Rows")
    dimensions = _(table.rows_dimension.label)
    if table.columns_dimension is not None:
        dimensions += f" × {_(table.columns_dimension.label)}"
    if table.compared:
        dimensions += " — " + ", ".join(series_labels(table, _))
    return f"{what}: {dimensions}"


def series_labels(table: StatTable, _: Translate) -> list[str]:
    if table.columns_dimension is None and not table.compared:
        return [measure_label(table, _)]
    dimension = table.columns_dimension or _compared_dimension(table)
    return [value_label(dimension, s.label, _) for s in table.columns]


def _compared_dimension(table: StatTable) -> Dimension | None:
    name = table.columns[0].value.partition(":")[0] if table.columns else ""
    return Dimension(name) if name in {d.value for d in Dimension} else None


def measure_label(table: StatTable, _: Translate) -> str:
    if table.measure is Measure.ACCEPTED:
        return _("Accepted")
    if table.measure is Measure.SHARE:
        return _("Share")
    return _("Recommendations") if table.basis is Basis.RECORDS else _("Rows")


def row_labels(table: StatTable, _: Translate) -> list[str]:
    return [value_label(table.rows_dimension, label, _) for label in table.row_labels]


def cells(table: StatTable) -> list[list[float | None]]:
    return [[table.value(r, c) for c in range(len(table.columns))] for r in range(len(table.row_values))]


def chart_data(chart: Chart, _: Translate) -> dict[str, Any]:
    """What ``stats-charts.js`` draws: long-form values, the orders, and how to draw them."""
    table = chart.table
    categories, series = row_labels(table, _), series_labels(table, _)
    values = [
        {"category": categories[r], "series": series[c], "value": value}
        for r, row in enumerate(cells(table))
        for c, value in enumerate(row)
        if value is not None
    ]
    several = len(series) > 1
    stacked = several and not table.compared and table.measure is Measure.COUNT
    return {
        "name": chart.name,
        "title": chart.title,
        "category": _(table.rows_dimension.label),
        "seriesTitle": _(table.columns_dimension.label) if table.columns_dimension else "",
        "measure": table.measure.value,
        "measureLabel": measure_label(table, _),
        "ordered": table.rows_dimension in ORDERED,
        "layout": ("stacked" if stacked else "grouped") if several else "single",
        "categories": categories,
        "series": series,
        "colours": _colours(table, series),
        "values": values,
    }


def _colours(table: StatTable, series: list[str]) -> list[str]:
    if table.columns_dimension is Dimension.RESPONSE:
        return [
            palette.RESPONSES.get(s.value, palette.SERIES[i % len(palette.SERIES)])
            for i, s in enumerate(table.columns)
        ]
    return [palette.SERIES[i % len(palette.SERIES)] for i in range(len(series))]


def csv_text(chart: Chart, _: Translate) -> str:
    """The chart's table as CSV: counts as integers, shares and rates as percentages; every text
    cell made inert for spreadsheets (a state or issue name cannot start a formula)."""
    header, rows = table_rows(chart, _)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow([neutralise(cell) for cell in header])
    for label, *values in rows:
        shown = ["" if v is None else (f"{v:.1f}" if isinstance(v, float) else str(v)) for v in values]
        writer.writerow([neutralise(str(label)), *shown])
    return output.getvalue()


def table_rows(chart: Chart, _: Translate) -> tuple[list[str], list[list[Any]]]:
    """The chart's table in the reader's words: a header, then one row per label with counts as
    integers and shares and rates as percentages (one decimal) — for CSV and XLSX alike."""
    table = chart.table
    percent = table.measure is not Measure.COUNT
    header = [_(table.rows_dimension.label)] + [
        f"{label} (%)" if percent else label for label in series_labels(table, _)
    ]
    rows: list[list[Any]] = [
        [label, *(None if v is None else (round(v * 100, 1) if percent else int(v)) for v in row)]
        for label, row in zip(row_labels(table, _), cells(table), strict=True)
    ]
    return header, rows


def render(chart: Chart, image_format: str, _: Translate) -> bytes:
    """The chart as SVG or PNG: the app's palette, whole numbers on count axes, percentages on
    share axes, and a sentence instead of an empty frame when nothing matches."""
    plt = pyplot()
    import matplotlib
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    table = chart.table
    categories, series = row_labels(table, _), series_labels(table, _)
    horizontal = table.rows_dimension not in ORDERED
    rows = len(categories)
    height = max(2.6, 0.34 * rows * (len(series) if table.compared else 1) + 1.6) if horizontal else 3.6
    figure, axes = plt.subplots(figsize=(7.5, height), dpi=110)
    try:
        if table.is_empty:
            axes.text(0.5, 0.5, _("No recommendations match"), ha="center", va="center", color=palette.MUTED)
            axes.set_axis_off()
        else:
            _draw_bars(axes, table, categories, series, horizontal)
            value_axis = axes.xaxis if horizontal else axes.yaxis
            if table.measure is Measure.COUNT:
                value_axis.set_major_locator(MaxNLocator(integer=True))
            else:
                value_axis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            if table.measure is Measure.ACCEPTED:  # a rate's whole scale, as on the page
                (axes.set_xlim if horizontal else axes.set_ylim)(0, 1)
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
            axes.grid(axis="x" if horizontal else "y", color=palette.GRID, linewidth=0.6)
            axes.set_axisbelow(True)
            axes.tick_params(colors=palette.INK, labelsize=8)
            if len(series) > 1:
                axes.legend(frameon=False, fontsize=8, loc="best")
        axes.set_title(chart.title, fontsize=10, color=palette.INK, loc="left")
        figure.tight_layout()
        # SVG text as text, not outlines: smaller, searchable, and read by screen readers.
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            return figure_bytes(figure, image_format)
    finally:
        plt.close(figure)  # where drawing failed (figure_bytes closes it otherwise)


def _draw_bars(
    axes: Any, table: StatTable, categories: list[str], series: list[str], horizontal: bool
) -> None:
    values = [[v or 0.0 for v in row] for row in cells(table)]
    colours = _colours(table, series)
    positions = list(range(len(categories)))
    stacked = len(series) > 1 and not table.compared and table.measure is Measure.COUNT
    width = 0.8 if stacked or len(series) == 1 else 0.8 / len(series)
    base = [0.0] * len(categories)
    for s, name in enumerate(series):
        heights = [row[s] for row in values]
        offset = 0.0 if stacked or len(series) == 1 else (s - (len(series) - 1) / 2) * width
        places = [p + offset for p in positions]
        if horizontal:
            axes.barh(
                places, heights, height=width, left=base if stacked else None, color=colours[s], label=name
            )
        else:
            axes.bar(
                places, heights, width=width, bottom=base if stacked else None, color=colours[s], label=name
            )
        if stacked:
            base = [b + h for b, h in zip(base, heights, strict=True)]
    if horizontal:
        axes.set_yticks(positions, categories)
        axes.invert_yaxis()  # the largest first, at the top, as in the table
    else:
        axes.set_xticks(positions, categories)
