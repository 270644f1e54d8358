"""A state's profile: what it received as state under review, and what it recommended to others."""

from __future__ import annotations

from dataclasses import dataclass

from rightstrack.analysis.stats import Basis, Breakdown, acceptance_rate, breakdown, units
from rightstrack.domain import Mechanism, RecordKind, State
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
    rows = Basis.ROWS
    as_sur = AsStateUnderReview(
        recommendations=len(units(received, Basis.RECORDS)),
        recommendation_rows=len(units(received, rows)),
        pledges=len(units(pledged, Basis.RECORDS)),
        acceptance_rate=acceptance_rate(received, Basis.RECORDS),
        by_cycle=breakdown(received, Dimension.CYCLE, Basis.RECORDS),
        by_response=breakdown(received, Dimension.RESPONSE, Basis.RECORDS),
        by_action=breakdown(received, Dimension.ACTION, Basis.RECORDS),
        by_issue=breakdown(received, Dimension.ISSUE, Basis.RECORDS),
        by_recommending_group=breakdown(received, Dimension.RECOMMENDER_GROUP, rows),
    )
    as_recommender = AsRecommendingState(
        rows=len(units(made, rows)),
        acceptance_rate=acceptance_rate(made, rows),
        by_cycle=breakdown(made, Dimension.CYCLE, rows),
        by_sur_group=breakdown(made, Dimension.SUR_GROUP, rows),
        by_sur=breakdown(made, Dimension.SUR, rows),
        by_issue=breakdown(made, Dimension.ISSUE, rows),
    )
    organisations = received.index.organisations.get(code, frozenset())
    return StateProfile(reference_state(code), organisations, as_sur, as_recommender)
