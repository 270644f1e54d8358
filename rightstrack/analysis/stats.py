"""Counts people cite, for the records any SearchQuery selects.

Two bases, always labelled:

- ``rows``: one unit per recommending state named by a source row (a recommendation made jointly
  by three states counts three times). This is how UPR Info's database and analyses built on its
  exports count.
- ``records``: one unit per recommendation or pledge, however many states made it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rightstrack.analysis.options import Basis as Basis
from rightstrack.domain import RegionalGroup, Response, accepted_share
from rightstrack.search.engine import Selection
from rightstrack.search.query import Dimension

ROW_LEVEL = (Dimension.RECOMMENDER, Dimension.RECOMMENDER_GROUP, Dimension.RECOMMENDER_ORG)


def _row_mask(selection: Selection) -> np.ndarray:
    """Rows of the selected records, narrowed by filters on the recommending side."""
    index = selection.index
    rows = index.rows
    keep = selection.mask[rows.positions]
    filters = selection_filters(selection)
    if Dimension.RECOMMENDER in filters:
        wanted = [i for i, s in enumerate(rows.state_labels) if s in filters[Dimension.RECOMMENDER]]
        keep &= np.isin(rows.states, wanted)
    if Dimension.RECOMMENDER_GROUP in filters:
        wanted = [i for i, g in enumerate(rows.group_labels) if g in filters[Dimension.RECOMMENDER_GROUP]]
        keep &= np.isin(rows.groups, wanted)
    if Dimension.RECOMMENDER_ORG in filters:
        orgs = filters[Dimension.RECOMMENDER_ORG]
        members = {s for s, state_orgs in index.organisations.items() if state_orgs & orgs}
        wanted = [i for i, s in enumerate(rows.state_labels) if s in members]
        keep &= np.isin(rows.states, wanted)
    return keep


def selection_filters(selection: Selection) -> dict[Dimension, frozenset[str]]:
    return dict(selection.query.filters) if selection.query is not None else {}


def units(selection: Selection, basis: Basis) -> pd.DataFrame:
    """One line per counted unit, with its record's position and single-valued categories."""
    index = selection.index
    if basis is Basis.RECORDS:
        positions = np.flatnonzero(selection.mask)
        frame = pd.DataFrame({"position": positions})
    else:
        rows = index.rows
        keep = _row_mask(selection)
        positions = rows.positions[keep]
        frame = pd.DataFrame(
            {
                "position": positions,
                Dimension.RECOMMENDER.value: np.array(rows.state_labels, dtype=object)[rows.states[keep]],
                Dimension.RECOMMENDER_GROUP.value: np.array(rows.group_labels, dtype=object)[
                    rows.groups[keep]
                ],
            }
        )
    for dimension, column in index.columns.items():
        if column.positions is None:
            frame[dimension.value] = np.array(column.labels, dtype=object)[column.codes[positions]]
    return frame


def _values(selection: Selection, frame: pd.DataFrame, dimension: Dimension, basis: Basis) -> pd.DataFrame:
    """(unit, value) pairs for a dimension; a unit with two issues appears under both."""
    index = selection.index
    column = index.columns[dimension]
    if dimension.value in frame.columns:
        return pd.DataFrame({"unit": frame.index, "value": frame[dimension.value]})
    if basis is Basis.ROWS and dimension is Dimension.RECOMMENDER_ORG:
        states = frame[Dimension.RECOMMENDER.value]
        orgs = states.map(lambda s: sorted(index.organisations.get(s, ())))
        exploded = orgs.explode().dropna()
        return pd.DataFrame({"unit": exploded.index, "value": exploded.values})
    assert column.positions is not None
    pairs = pd.DataFrame(
        {"position": column.positions, "value": np.array(column.labels, dtype=object)[column.codes]}
    )
    merged = frame[["position"]].reset_index(names="unit").merge(pairs, on="position")
    return merged[["unit", "value"]]


@dataclass(frozen=True)
class BreakdownRow:
    value: str
    label: str
    count: int
    share: float  # of all units in the selection
    accepted: int
    noted: int

    @property
    def acceptance_rate(self) -> float | None:
        return accepted_share(self.accepted, self.noted)


@dataclass(frozen=True)
class Breakdown:
    dimension: Dimension
    basis: Basis
    total: int
    rows: list[BreakdownRow]


def breakdown(selection: Selection, dimension: Dimension, basis: Basis = Basis.ROWS) -> Breakdown:
    frame = units(selection, basis)
    pairs = _values(selection, frame, dimension, basis)
    pairs["response"] = frame[Dimension.RESPONSE.value].reindex(pairs["unit"]).to_numpy()
    grouped = pairs.groupby("value", sort=False)
    counts = grouped.size()
    accepted = grouped["response"].agg(lambda r: int((r == Response.ACCEPTED.value).sum()))
    noted = grouped["response"].agg(lambda r: int((r == Response.NOTED.value).sum()))
    total = len(frame)
    result = [
        BreakdownRow(
            str(value),
            selection.index.label(dimension, str(value)),
            int(counts[value]),
            counts[value] / total if total else 0.0,
            int(accepted[value]),
            int(noted[value]),
        )
        for value in counts.index
    ]
    numeric = dimension in (Dimension.SESSION, Dimension.CYCLE, Dimension.YEAR, Dimension.ACTION)
    result.sort(
        key=(lambda r: (not r.value.isdigit(), int(r.value) if r.value.isdigit() else 0, r.value))
        if numeric
        else (lambda r: (-r.count, r.label))
    )
    return Breakdown(dimension, basis, total, result)


def crosstab(
    selection: Selection, rows: Dimension, columns: Dimension, basis: Basis = Basis.ROWS
) -> pd.DataFrame:
    """Counts of units for each pair of values (e.g. recommending group × SuR group)."""
    frame = units(selection, basis)
    left = _values(selection, frame, rows, basis).rename(columns={"value": rows.value})
    right = _values(selection, frame, columns, basis).rename(columns={"value": columns.value})
    joined = left.merge(right, on="unit")
    table = pd.crosstab(joined[rows.value], joined[columns.value], margins=True, margins_name="Total")
    return table


def acceptance_rate(selection: Selection, basis: Basis = Basis.ROWS) -> float | None:
    frame = units(selection, basis)
    responses = frame[Dimension.RESPONSE.value]
    answered = responses.isin([Response.ACCEPTED.value, Response.NOTED.value]).sum()
    return float((responses == Response.ACCEPTED.value).sum() / answered) if answered else None


@dataclass(frozen=True)
class Headline:
    """The figures of a sentence such as "of all UPR recommendations, N are election-related …"."""

    basis: Basis
    count: int
    universe: int
    accepted_rate: float | None
    by_recommending_group: dict[str, float]
    by_sur_group: dict[str, float]

    @property
    def share_of_universe(self) -> float:
        return self.count / self.universe if self.universe else 0.0

    def recommending_share(self, *groups: str) -> float:
        return sum(self.by_recommending_group.get(g, 0.0) for g in groups)

    def sur_share(self, *groups: str) -> float:
        return sum(self.by_sur_group.get(g, 0.0) for g in groups)


def headline(selection: Selection, universe: Selection, basis: Basis) -> Headline:
    count = len(units(selection, basis))
    by_recommending = {
        r.value: r.share for r in breakdown(selection, Dimension.RECOMMENDER_GROUP, basis).rows
    }
    by_sur = {r.value: r.share for r in breakdown(selection, Dimension.SUR_GROUP, basis).rows}
    return Headline(
        basis,
        count,
        len(units(universe, basis)),
        acceptance_rate(selection, basis),
        by_recommending,
        by_sur,
    )


NORTH_WEST = (RegionalGroup.WEOG.value, RegionalGroup.EASTERN_EUROPEAN.value, RegionalGroup.GRULAC.value)
AFRICA_ASIA = (RegionalGroup.AFRICAN.value, RegionalGroup.ASIA_PACIFIC.value)
