"""Charts for the statistics pages: each is a table (also served as CSV) drawn as SVG or PNG."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rightstrack.analysis.stats import Basis, BreakdownRow, breakdown, crosstab
from rightstrack.documents.charts import figure_bytes, pyplot
from rightstrack.search.engine import Selection
from rightstrack.search.query import Dimension
from rightstrack.web.i18n import shown, translations

if TYPE_CHECKING:
    import pandas as pd

TOP = 15
LABEL_WIDTH = 34  # characters per line of a bar's label
GROUP_ORDER = ["African", "Asia-Pacific", "Eastern European", "GRULAC", "WEOG"]


@dataclass(frozen=True)
class Words:
    """A chart's words in one language: the interface's through the catalogue (``words("Cycle")``),
    the data's (issues, groups, states) through ``value``, so axes, legends, the table and its CSV
    all read in the page's language."""

    locale: str

    def __call__(self, message: str) -> str:
        return translations(self.locale).gettext(message)

    def value(self, dimension: Dimension, label: str) -> str:
        return shown(label, dimension, self.locale)


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    table: pd.DataFrame
    kind: str  # "bar", "barh", "heatmap"


def _table(
    columns: dict[str, list[float]], rows: list[BreakdownRow], name: str, labels: list[str]
) -> pd.DataFrame:
    """A chart's table: one line per breakdown row, named by its label in the reader's language."""
    import pandas as pd  # only when a chart is asked for, not in every server

    return pd.DataFrame(columns, index=pd.Index(labels, name=name))


def _labels(rows: list[BreakdownRow], dimension: Dimension, _: Words) -> list[str]:
    return [_.value(dimension, r.label) for r in rows]


def per_cycle(selection: Selection, _: Words) -> Chart:
    rows = breakdown(selection, Dimension.CYCLE, Basis.RECORDS).rows
    table = _table(
        {_("Accepted"): [r.accepted for r in rows], _("Noted"): [r.noted for r in rows]},
        rows,
        _("Cycle"),
        _labels(rows, Dimension.CYCLE, _),
    )
    return Chart("per-cycle", _("Recommendations per cycle"), table, "bar")


def acceptance_by_issue(selection: Selection, _: Words) -> Chart:
    rows = breakdown(selection, Dimension.ISSUE, Basis.RECORDS).rows[:TOP]
    rates = [round((r.acceptance_rate or 0) * 100, 1) for r in rows]
    table = _table({_("Accepted (%)"): rates}, rows, _("Issue"), _labels(rows, Dimension.ISSUE, _))
    return Chart("acceptance-by-issue", _("Acceptance by issue (largest issues)"), table, "barh")


def top_issues(selection: Selection, _: Words) -> Chart:
    rows = breakdown(selection, Dimension.ISSUE, Basis.RECORDS).rows[:TOP]
    table = _table(
        {_("Recommendations"): [r.count for r in rows]}, rows, _("Issue"), _labels(rows, Dimension.ISSUE, _)
    )
    return Chart("top-issues", _("Top issues"), table, "barh")


def group_matrix(selection: Selection, _: Words) -> Chart:
    table = crosstab(selection, Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Basis.ROWS)
    table = table.drop(index="Total", columns="Total", errors="ignore")
    table = (
        table.reindex(
            index=[g for g in GROUP_ORDER if g in table.index]
            + [g for g in table.index if g not in GROUP_ORDER],
            columns=[g for g in GROUP_ORDER if g in table.columns],
        )
        .fillna(0)
        .astype(int)
    )
    table = table.rename(
        index=lambda g: _.value(Dimension.RECOMMENDER_GROUP, str(g)),
        columns=lambda g: _.value(Dimension.SUR_GROUP, str(g)),
    )
    table.index.name = _("Recommending group")
    table.columns.name = _("Group of the state under review")
    return Chart("group-matrix", _("Who recommends to whom (rows)"), table, "heatmap")


CHARTS: dict[str, Callable[[Selection, Words], Chart]] = {
    "per-cycle": per_cycle,
    "acceptance-by-issue": acceptance_by_issue,
    "group-matrix": group_matrix,
    "top-issues": top_issues,
}


def render(chart: Chart, image_format: str) -> bytes:
    """The chart as SVG or PNG bytes."""
    plt = pyplot()
    table = chart.table
    height = {"bar": 3.2, "heatmap": 4.6}.get(chart.kind, max(3.2, 0.32 * len(table) + 1.2))
    figure, axes = plt.subplots(figsize=(7.5, height), dpi=110)
    try:
        if table.empty:
            axes.text(0.5, 0.5, "—", ha="center", va="center")
            axes.set_axis_off()
        elif chart.kind == "bar":
            table.plot.bar(stacked=True, ax=axes, rot=0, color=["#1f6f8b", "#e0a458"])
        elif chart.kind == "barh":
            # French and Spanish issue names run longer: wrapped, they leave the bars their room.
            wrapped = table.rename(index=lambda label: textwrap.fill(str(label), LABEL_WIDTH))
            wrapped.iloc[::-1].plot.barh(ax=axes, legend=False, color="#1f6f8b")
            if "%" in str(table.columns[0]):
                axes.set_xlim(0, 100)
        else:
            image = axes.imshow(table.to_numpy(), cmap="Blues", vmin=0)
            axes.set_xticks(
                range(len(table.columns)), [str(c) for c in table.columns], rotation=30, ha="right"
            )
            axes.set_yticks(range(len(table.index)), [str(i) for i in table.index])
            peak = table.to_numpy().max() or 1
            for y, row in enumerate(table.to_numpy()):
                for x, value in enumerate(row):
                    colour = "white" if value > peak / 2 else "black"
                    axes.text(x, y, f"{value:,}", ha="center", va="center", color=colour, fontsize=8)
            figure.colorbar(image, ax=axes, shrink=0.8)
            axes.set_xlabel(str(table.columns.name))
            axes.set_ylabel(str(table.index.name))
        # Over the figure, not the axes: a long title beside long labels is not cut at the edge.
        figure.suptitle(chart.title, fontsize=11)
        figure.tight_layout()
        return figure_bytes(figure, image_format)
    finally:
        plt.close(figure)  # where drawing failed (figure_bytes closes it otherwise)
