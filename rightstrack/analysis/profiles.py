"""A state's profile: what it received as state under review, and what it recommended to others."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rightstrack.analysis.stats import (
    Basis,
    Breakdown,
    BreakdownRow,
    Units,
    acceptance_of,
    breakdown_of,
    pairs,
    units,
)
from rightstrack.domain import Mechanism, RecordKind, State
from rightstrack.reference.sessions import cycles
from rightstrack.reference.states import state as reference_state
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery


@dataclass(frozen=True)
class AsStateUnderReview:
    recommendations: int  # records
    recommendation_rows: int
    pledges: int
    acceptance_rate: float | None
    by_cycle: Breakdown
    by_response: Breakdown
    by_action: Breakdown
    by_issue: Breakdown
    by_recommending_group: Breakdown


@dataclass(frozen=True)
class AsRecommendingState:
    rows: int
    acceptance_rate: float | None
    by_cycle: Breakdown
    by_sur_group: Breakdown
    by_sur: Breakdown
    by_issue: Breakdown


@dataclass(frozen=True)
class StateProfile:
    state: State
    organisations: frozenset[str]
    as_sur: AsStateUnderReview
    as_recommender: AsRecommendingState


@dataclass(frozen=True)
class StateCounts:
    code: str
    name: str
    regional_group: str | None
    records_received: int
    records_recommended: int


def state_counts(engine: SearchEngine) -> list[StateCounts]:
    """Every state by name, with the records it received and those it recommended."""
    result = engine.search(SearchQuery(per_page=0))
    received = {v.value: v.count for v in result.facets[Dimension.SUR]}
    made = {v.value: v.count for v in result.facets[Dimension.RECOMMENDER]}
    index = engine.index()
    return [
        StateCounts(code, name, index.state_groups.get(code), received.get(code, 0), made.get(code, 0))
        for code, name in sorted(index.state_names.items(), key=lambda item: item[1])
    ]


def state_profile(engine: SearchEngine, code: str) -> StateProfile:
    recommendation = RecordKind.RECOMMENDATION.value
    # A state under review and a recommending state are the UPR's roles: other mechanisms'
    # records of the state are in its timeline (analysis/timeline.py), not in these counts.
    upr = [Mechanism.UPR.value]
    received = engine.select(
        SearchQuery.build(filters={"sur": [code], "type": [recommendation], "mechanism": upr})
    )
    pledged = engine.select(
        SearchQuery.build(filters={"sur": [code], "type": [RecordKind.PLEDGE.value], "mechanism": upr})
    )
    made = engine.select(
        SearchQuery.build(filters={"recommender": [code], "type": [recommendation], "mechanism": upr})
    )
    # Each selection's units counted once, for all its breakdowns.
    received_records = units(received, Basis.RECORDS)
    received_rows = units(received, Basis.ROWS)
    made_rows = units(made, Basis.ROWS)
    as_sur = AsStateUnderReview(
        recommendations=len(received_records),
        recommendation_rows=len(received_rows),
        pledges=len(units(pledged, Basis.RECORDS)),
        acceptance_rate=acceptance_of(received_records),
        by_cycle=every_cycle(breakdown_of(received_records, Dimension.CYCLE)),
        by_response=breakdown_of(received_records, Dimension.RESPONSE),
        by_action=breakdown_of(received_records, Dimension.ACTION),
        by_issue=breakdown_of(received_records, Dimension.ISSUE),
        by_recommending_group=breakdown_of(received_rows, Dimension.RECOMMENDER_GROUP),
    )
    as_recommender = AsRecommendingState(
        rows=len(made_rows),
        acceptance_rate=acceptance_of(made_rows),
        by_cycle=every_cycle(breakdown_of(made_rows, Dimension.CYCLE)),
        by_sur_group=breakdown_of(made_rows, Dimension.SUR_GROUP),
        by_sur=breakdown_of(made_rows, Dimension.SUR),
        by_issue=breakdown_of(made_rows, Dimension.ISSUE),
    )
    organisations = received.index.organisations.get(code, frozenset())
    return StateProfile(reference_state(code), organisations, as_sur, as_recommender)


def every_cycle(counted: Breakdown) -> Breakdown:
    """The breakdown by cycle with a row for every UPR cycle, 0 where the selection has none:
    a table that leaves a cycle out reads as if the state had no review in it."""
    present = {row.value for row in counted.rows}
    missing = [BreakdownRow(str(c), str(c), 0, 0.0, 0, 0) for c in cycles() if str(c) not in present]
    rows = sorted([*counted.rows, *missing], key=lambda r: int(r.value) if r.value.isdigit() else 0)
    return replace(counted, rows=rows)


@dataclass(frozen=True)
class CodingByCycle:
    """One vocabulary (UPR Info's issues, OHCHR's themes) counted in each cycle of one state's
    recommendations: which cycles carry that coding at all, and its most frequent values."""

    dimension: Dimension
    cycles: list[int]
    records: dict[int, int]  # the state's recommendations per cycle
    coded: dict[int, int]  # of which carry at least one value of this vocabulary
    rows: list[tuple[str, str, dict[int, int], int]]  # (value, label, count per cycle, total)


def coding_by_cycle(engine: SearchEngine, code: str, dimension: Dimension, limit: int = 12) -> CodingByCycle:
    every = cycles()
    records: dict[int, int] = {}
    coded: dict[int, int] = {}
    per_value: dict[str, dict[int, int]] = {}
    labels: dict[str, str] = {}
    for cycle in every:
        selection = engine.select(
            SearchQuery.build(
                filters={"sur": [code], "type": [RecordKind.RECOMMENDATION.value],
                         "mechanism": [Mechanism.UPR.value], "cycle": [str(cycle)]}
            )
        )  # fmt: skip
        counted = units(selection, Basis.RECORDS)
        records[cycle] = len(counted)
        found = breakdown_of(counted, dimension)
        coded[cycle] = _coded(counted, dimension)
        for row in found.rows:
            per_value.setdefault(row.value, {})[cycle] = row.count
            labels[row.value] = row.label
    ranked = sorted(per_value.items(), key=lambda item: (-sum(item[1].values()), labels[item[0]]))
    rows = [(value, labels[value], counts, sum(counts.values())) for value, counts in ranked[:limit]]
    return CodingByCycle(dimension, every, records, coded, rows)


def _coded(counted: Units, dimension: Dimension) -> int:
    """Units with at least one value of the dimension."""
    return len(np.unique(pairs(counted, dimension).units))


def states_reviewed_by_cycle(engine: SearchEngine) -> dict[int, int]:
    """How many states' reviews the store holds in each cycle: what a recommending state's count
    per cycle rests on (0 recommendations made in a cycle of which one review is loaded means little)."""
    reviewed: dict[int, int] = {}
    for cycle in cycles():
        selection = engine.select(
            SearchQuery.build(filters={"mechanism": [Mechanism.UPR.value], "cycle": [str(cycle)]})
        )
        counted = units(selection, Basis.RECORDS)
        reviewed[cycle] = len(np.unique(pairs(counted, Dimension.SUR).codes)) if len(counted) else 0
    return reviewed
