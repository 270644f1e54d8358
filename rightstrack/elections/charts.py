"""The competitiveness chart: one row per regional group, one cell per election year, showing the
candidates on the ballot minus the seats (0 is a closed slate; "?" where the candidates are not
all known and none is known to have lost)."""

from __future__ import annotations

from rightstrack.documents.charts import png_bytes, pyplot
from rightstrack.domain import ElectionKind, RegionalGroup
from rightstrack.elections.competitiveness import contests
from rightstrack.reference.hrc import ElectionData

# Okabe–Ito: closed slates grey, contested ones from light to dark blue, unknown white.
SHADES = ["#FFFFFF", "#BBBBBB", "#9ECAE9", "#56B4E9", "#0072B2", "#003F66"]


def competitiveness_chart(data: ElectionData, labels: dict[str, str] | None = None) -> bytes:
    """PNG; ``labels`` translates the title, legend and group names (keys as written here)."""
    words = labels or {}
    years = data.years()
    groups = list(RegionalGroup)
    grid = [[0.0] * len(years) for _ in groups]
    text = [[""] * len(years) for _ in groups]
    for contest in contests(data, kind=ElectionKind.REGULAR):
        row, column = groups.index(contest.group), years.index(contest.year)
        if contest.closed is None:
            grid[row][column], text[row][column] = 0, "?"
        else:
            grid[row][column] = 1 + min(contest.surplus, 4)
            text[row][column] = (
                str(contest.surplus) if contest.election.candidates_complete else f"≥{contest.surplus}"
            )
    plt = pyplot()  # matplotlib at the first chart drawn, not in every server
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    figure, axes = plt.subplots(figsize=(11, 3.4))
    axes.imshow(grid, cmap=ListedColormap(SHADES), vmin=0, vmax=len(SHADES) - 1, aspect="auto")
    for row, cells in enumerate(text):
        for column, value in enumerate(cells):
            dark = grid[row][column] >= 4
            axes.text(
                column, row, value, ha="center", va="center", fontsize=8, color="white" if dark else "black"
            )
    axes.set_xticks(range(len(years)), [str(y) for y in years], rotation=90, fontsize=8)
    axes.set_yticks(range(len(groups)), [words.get(g.value, g.value) for g in groups], fontsize=8)
    axes.set_title(
        words.get("title", "Candidates minus seats per regional group (0: closed slate)"), fontsize=10
    )
    legend = [
        Patch(facecolor=SHADES[1], label=words.get("closed", "closed slate")),
        Patch(facecolor=SHADES[3], label=words.get("competitive", "more candidates than seats")),
        Patch(
            facecolor=SHADES[0], edgecolor="#999999", label=words.get("unknown", "not all candidates known")
        ),
    ]
    axes.legend(
        handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=3, fontsize=8, frameon=False
    )
    figure.tight_layout()
    return png_bytes(figure)
