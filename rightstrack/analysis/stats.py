"""Counts people cite, for the records any SearchQuery selects.

Two bases, always labelled:

- ``rows``: one unit per recommending state named by a source row (a recommendation made jointly
  by three states counts three times). This is how UPR Info's database and analyses built on its
  exports count.
- ``records``: one unit per recommendation or pledge, however many states made it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from rightstrack.analysis.options import Basis as Basis
from rightstrack.domain import RegionalGroup, Response, accepted_share
from rightstrack.search.engine import Selection
from rightstrack.search.facets import run_owners, run_places
from rightstrack.search.query import Dimension

if TYPE_CHECKING:
    import pandas as pd

ROW_LEVEL = (Dimension.RECOMMENDER, Dimension.RECOMMENDER_GROUP, Dimension.RECOMMENDER_ORG)

Ints = NDArray[np.int64]


def _row_mask(selection: Selection) -> NDArray[np.bool_]:
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


@dataclass(frozen=True)
class Units:
    """What is counted: one unit per selected record, or per source row naming a recommending
    state (``rows`` then says which of the index's rows). Everything below is arrays of integer
    codes, so a count over half a million records is a ``bincount``, not a table of strings."""

    selection: Selection
    basis: Basis
    positions: NDArray[np.int32]  # each unit's record
    rows: NDArray[np.intp] | None  # each unit's row in index.rows (basis rows only)

    def __len__(self) -> int:
        return len(self.positions)


@dataclass(frozen=True)
class Pairs:
    """(unit, value) pairs of one dimension: a unit with two issues appears under both."""

    units: Ints
    codes: Ints
    labels: tuple[str, ...]


def units(selection: Selection, basis: Basis) -> Units:
    if basis is Basis.RECORDS:
        return Units(selection, basis, np.flatnonzero(selection.mask).astype(np.int32), None)
    kept = np.flatnonzero(_row_mask(selection))
    return Units(selection, basis, selection.index.rows.positions[kept], kept)


def pairs(counted: Units, dimension: Dimension) -> Pairs:
    index = counted.selection.index
    if counted.rows is not None and dimension in (Dimension.RECOMMENDER, Dimension.RECOMMENDER_GROUP):
        rows = index.rows
        every = np.arange(len(counted), dtype=np.int64)
        if dimension is Dimension.RECOMMENDER:
            return Pairs(every, rows.states[counted.rows].astype(np.int64), rows.state_labels)
        return Pairs(every, rows.groups[counted.rows].astype(np.int64), rows.group_labels)
    if counted.rows is not None and dimension is Dimension.RECOMMENDER_ORG:
        return _organisation_pairs(counted)
    column = index.columns[dimension]
    if column.positions is None:
        every = np.arange(len(counted), dtype=np.int64)
        return Pairs(every, column.codes[counted.positions].astype(np.int64), column.labels)
    starts, lengths = column.runs_of(counted.positions)
    places = run_places(starts, lengths)
    return Pairs(run_owners(lengths), column.codes[places].astype(np.int64), column.labels)


def _organisation_pairs(counted: Units) -> Pairs:
    """Each row's recommending state's organisations (a state in two counts under both)."""
    index = counted.selection.index
    rows = index.rows
    labels = tuple(sorted({org for orgs in index.organisations.values() for org in orgs}))
    code = {org: i for i, org in enumerate(labels)}
    per_state = [sorted(code[o] for o in index.organisations.get(s, ())) for s in rows.state_labels]
    lengths_by_state = np.array([len(orgs) for orgs in per_state], dtype=np.int64)
    flat = np.array([c for orgs in per_state for c in orgs], dtype=np.int64)
    starts_by_state = np.cumsum(lengths_by_state) - lengths_by_state
    states = rows.states[counted.rows]
    lengths = lengths_by_state[states]
    return Pairs(run_owners(lengths), flat[run_places(starts_by_state[states], lengths)], labels)


def responses_of(counted: Units) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Per unit: whether its record was accepted, and whether noted."""
    column = counted.selection.index.columns[Dimension.RESPONSE]
    codes = column.codes[counted.positions]
    accepted = column.code_of(Response.ACCEPTED.value)
    noted = column.code_of(Response.NOTED.value)
    return (
        codes == (accepted if accepted is not None else -1),
        codes == (noted if noted is not None else -1),
    )


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
    return breakdown_of(units(selection, basis), dimension)


def breakdown_of(counted: Units, dimension: Dimension) -> Breakdown:
    """Units per value of a dimension (for several breakdowns of one selection, count its
    units once: ``units``)."""
    selection = counted.selection
    found = pairs(counted, dimension)
    accepted_unit, noted_unit = responses_of(counted)
    size = len(found.labels)
    counts = np.bincount(found.codes, minlength=size)
    accepted = np.bincount(found.codes, weights=accepted_unit[found.units], minlength=size)
    noted = np.bincount(found.codes, weights=noted_unit[found.units], minlength=size)
    total = len(counted)
    result = [
        BreakdownRow(
            found.labels[code],
            selection.index.label(dimension, found.labels[code]),
            int(counts[code]),
            int(counts[code]) / total if total else 0.0,
            int(accepted[code]),
            int(noted[code]),
        )
        for code in np.flatnonzero(counts)
    ]
    numeric = dimension in (Dimension.SESSION, Dimension.CYCLE, Dimension.YEAR, Dimension.ACTION)
    result.sort(
        key=(lambda r: (not r.value.isdigit(), int(r.value) if r.value.isdigit() else 0, r.value))
        if numeric
        else (lambda r: (-r.count, r.label))
    )
    return Breakdown(dimension, counted.basis, total, result)


def crosstab(
    selection: Selection, rows: Dimension, columns: Dimension, basis: Basis = Basis.ROWS
) -> pd.DataFrame:
    """Counts of units for each pair of values (e.g. recommending group × SuR group)."""
    import pandas as pd  # only for the table's shape: the counting is done on codes

    counted = units(selection, basis)
    left, right = pairs(counted, rows), pairs(counted, columns)
    joined = pd.DataFrame({"unit": left.units, rows.value: left.codes}).merge(
        pd.DataFrame({"unit": right.units, columns.value: right.codes}), on="unit"
    )
    joined[rows.value] = np.array(left.labels, dtype=object)[joined[rows.value].to_numpy()]
    joined[columns.value] = np.array(right.labels, dtype=object)[joined[columns.value].to_numpy()]
    return pd.crosstab(joined[rows.value], joined[columns.value], margins=True, margins_name="Total")


def acceptance_rate(selection: Selection, basis: Basis = Basis.ROWS) -> float | None:
    return acceptance_of(units(selection, basis))


def acceptance_of(counted: Units) -> float | None:
    accepted, noted = responses_of(counted)
    answered = int(accepted.sum() + noted.sum())
    return float(accepted.sum() / answered) if answered else None


NORTH_WEST = (RegionalGroup.WEOG.value, RegionalGroup.EASTERN_EUROPEAN.value, RegionalGroup.GRULAC.value)
AFRICA_ASIA = (RegionalGroup.AFRICAN.value, RegionalGroup.ASIA_PACIFIC.value)


@dataclass(frozen=True)
class Headline:
    """The figures of a sentence such as "of all UPR recommendations, N are election-related …"."""

    basis: Basis
    count: int
    universe: int
    accepted_rate: float | None
    by_recommending_group: dict[str, float]
    by_sur_group: dict[str, float]
    # Units with at least one recommending state of WEOG, EEG or GRULAC (a joint recommendation
    # by a GRULAC and a WEOG state is one unit, not two: the group shares can add up past 1).
    made_by_north_west: float
    addressed_to_africa_asia: float

    @property
    def share_of_universe(self) -> float:
        return self.count / self.universe if self.universe else 0.0

    def recommending_share(self, *groups: str) -> float:
        """The units made by these groups' states; exact on the rows basis (one state a unit),
        an upper bound for recommendations (``made_by_north_west`` is exact on both)."""
        return sum(self.by_recommending_group.get(g, 0.0) for g in groups)

    def sur_share(self, *groups: str) -> float:
        return sum(self.by_sur_group.get(g, 0.0) for g in groups)


def share_with_any(counted: Units, dimension: Dimension, values: tuple[str, ...]) -> float:
    """The share of units that hold at least one of the values."""
    if not len(counted):
        return 0.0
    found = pairs(counted, dimension)
    wanted = [code for code, label in enumerate(found.labels) if label in values]
    holds = np.zeros(len(counted), dtype=bool)  # a mask, not np.unique: no sort of the pairs
    holds[found.units[np.isin(found.codes, wanted)]] = True
    return int(holds.sum()) / len(counted)


def headline(selection: Selection, universe: Selection, basis: Basis) -> Headline:
    counted = units(selection, basis)
    by_recommending = {r.value: r.share for r in breakdown_of(counted, Dimension.RECOMMENDER_GROUP).rows}
    by_sur = {r.value: r.share for r in breakdown_of(counted, Dimension.SUR_GROUP).rows}
    return Headline(
        basis,
        len(counted),
        len(units(universe, basis)),
        acceptance_of(counted),
        by_recommending,
        by_sur,
        share_with_any(counted, Dimension.RECOMMENDER_GROUP, NORTH_WEST),
        share_with_any(counted, Dimension.SUR_GROUP, AFRICA_ASIA),
    )


RECOMMENDING_SIDE = frozenset({Dimension.RECOMMENDER, Dimension.RECOMMENDER_GROUP, Dimension.RECOMMENDER_ORG})
SUR_SIDE = frozenset({Dimension.SUR, Dimension.SUR_GROUP, Dimension.SUR_ORG})


@dataclass(frozen=True)
class HeadlineFigure:
    key: str  # "accepted", "made_by_north_west", "addressed_to_africa_asia"
    value: float


def relevant_figures(head: Headline, filters: Mapping[Dimension, frozenset[str]]) -> list[HeadlineFigure]:
    """The headline's shares worth printing for a selection. A share that a filter on its own
    side decides, 0 % or 100 % whatever the records say ("made by WEOG, EEG and GRULAC states:
    100 %" of a GRULAC-only search, "accepted: 0 %" of the noted ones), is left out; so is
    every share of a selection with nothing in it."""
    if not head.count:
        return []
    candidates = (
        ("accepted", head.accepted_rate, frozenset({Dimension.RESPONSE})),
        ("made_by_north_west", head.made_by_north_west, RECOMMENDING_SIDE),
        ("addressed_to_africa_asia", head.addressed_to_africa_asia, SUR_SIDE),
    )
    shown = []
    for key, value, decided_by in candidates:
        if value is None:
            continue
        trivial = math.isclose(value, 0.0, abs_tol=1e-9) or math.isclose(value, 1.0, abs_tol=1e-9)
        if trivial and decided_by & filters.keys():
            continue
        shown.append(HeadlineFigure(key, value))
    return shown
