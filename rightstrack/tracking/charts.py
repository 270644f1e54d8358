"""Charts of a plan's reports and dashboard (matplotlib, without a display)."""

from __future__ import annotations

from rightstrack.documents.charts import png_bytes, pyplot

# One colour per status, from "nothing yet" to "completed" (colour-blind safe, Okabe–Ito).
COLOURS = {
    "no measure": "#BBBBBB",
    "not started": "#E69F00",
    "in progress": "#56B4E9",
    "delayed": "#D55E00",
    "completed": "#009E73",
}


def _integers() -> object:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def status_chart(
    rows: list[tuple[str, dict[str, int]]], statuses: list[tuple[str, str]], title: str, axis: str
) -> bytes:
    """Horizontal stacked bars, one per row, as PNG."""
    labels = [label if len(label) <= 48 else label[:47] + "…" for label, _ in rows][::-1]
    counts = [c for _, c in rows][::-1]
    figure, axes = pyplot().subplots(figsize=(8, 0.42 * max(len(rows), 3) + 1.8))
    left = [0] * len(rows)
    # Numeric positions: two clusters whose shortened names coincide keep a bar each.
    positions = list(range(len(rows)))
    for status, shown in statuses:
        values = [c.get(status, 0) for c in counts]
        axes.barh(positions, values, left=left, color=COLOURS.get(status, "#999999"), label=shown)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, labels)
    axes.set_title(title)
    axes.set_xlabel(axis)
    axes.set_xlim(0, max([*left, 1]) * 1.05)
    axes.xaxis.set_major_locator(_integers())  # counts: no tick at half a recommendation
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=7, frameon=False)
    axes.tick_params(axis="y", labelsize=7)
    figure.tight_layout()
    return png_bytes(figure)


def timeline_chart(
    months: list[tuple[str, dict[str, int]]], statuses: list[tuple[str, str]], title: str, axis: str
) -> bytes:
    """Measures by status at the end of each month, stacked, as PNG."""
    figure, axes = pyplot().subplots(figsize=(8, 3.6))
    positions = list(range(len(months)))
    bottom = [0] * len(months)
    for status, shown in statuses:
        values = [counts.get(status, 0) for _, counts in months]
        axes.bar(
            positions, values, bottom=bottom, color=COLOURS.get(status, "#999999"), label=shown, width=0.8
        )
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    step = max(1, len(months) // 12)
    axes.set_xticks(
        positions[::step], [label for label, _ in months][::step], rotation=45, ha="right", fontsize=7
    )
    axes.set_title(title)
    axes.set_ylabel(axis)
    axes.yaxis.set_major_locator(_integers())
    axes.legend(loc="upper left", fontsize=7, frameon=False)
    figure.tight_layout()
    return png_bytes(figure)
