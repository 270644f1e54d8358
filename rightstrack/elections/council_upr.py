"""The Council's membership joined to the UPR data: were the recommending states, and the states
under review, members of the Human Rights Council when the review took place?

A review's day is the 15th of the month its Working Group session opened (``sessions.csv``), close
enough for terms that change in January or June. Joint recommendations count once per state.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from rightstrack.domain import ACCEPTING, RecordKind, Response, accepted_share
from rightstrack.languages import N_
from rightstrack.reference.membership import Timeline
from rightstrack.reference.sessions import review_day
from rightstrack.store.schema import RecommendationRow, RecommenderRow


@dataclass(frozen=True)
class MembershipSplit:
    """Recommendations on one side of the split (made by members, or by non-members, …)."""

    label: str
    recommendations: int
    accepted: int
    noted: int

    @property
    def accepted_share(self) -> float | None:
        return accepted_share(self.accepted, self.noted)


@dataclass(frozen=True)
class CouncilUprAnalysis:
    by_recommender: tuple[MembershipSplit, MembershipSplit]  # members, non-members
    by_reviewed: tuple[MembershipSplit, MembershipSplit]
    unknown_recommender: int  # rows whose source names no state
    before_council: int  # reviews held before the Council's first day


def membership_split(engine: Engine, timeline: Timeline) -> CouncilUprAnalysis:
    member = timeline.membership_lookup()
    days: dict[int, date] = {}
    made: dict[bool, list[int]] = defaultdict(lambda: [0, 0, 0])
    reviewed: dict[bool, list[int]] = defaultdict(lambda: [0, 0, 0])
    unknown = before = 0
    query = (
        select(
            RecommendationRow.id,
            RecommendationRow.session,
            RecommendationRow.sur_code,
            RecommendationRow.response,
            RecommenderRow.state_code,
        )
        .join(RecommenderRow, RecommenderRow.recommendation_id == RecommendationRow.id)
        # The UPR's: a review's day is its session's, and only UPR records have one.
        .where(
            RecommendationRow.kind == RecordKind.RECOMMENDATION.value, RecommendationRow.session.is_not(None)
        )
        .order_by(RecommendationRow.id)
    )
    seen_recommendations: set[int] = set()
    seen_pairs: set[tuple[int, str]] = set()
    with engine.connect() as connection:
        for row in connection.execute(query):
            day = days.get(row.session)
            if day is None:
                day = days[row.session] = review_day(row.session)
            if day < timeline.first_day:
                before += 1
                continue
            answer = 1 if row.response in ACCEPTING else 2 if row.response == Response.NOTED.value else None
            if row.id not in seen_recommendations:
                seen_recommendations.add(row.id)
                tally = reviewed[member(row.sur_code, day)]
                tally[0] += 1
                if answer:
                    tally[answer] += 1
            if row.state_code is None:
                unknown += 1
                continue
            if (row.id, row.state_code) in seen_pairs:
                continue
            seen_pairs.add((row.id, row.state_code))
            tally = made[member(row.state_code, day)]
            tally[0] += 1
            if answer:
                tally[answer] += 1
    return CouncilUprAnalysis(
        (
            MembershipSplit(N_("made by Council members"), *made[True]),
            MembershipSplit(N_("made by non-members"), *made[False]),
        ),
        (
            MembershipSplit(N_("received by Council members"), *reviewed[True]),
            MembershipSplit(N_("received by non-members"), *reviewed[False]),
        ),
        unknown,
        before,
    )


def state_split(engine: Engine, timeline: Timeline, code: str) -> tuple[MembershipSplit, MembershipSplit]:
    """The recommendations ``code`` made while it sat on the Council, and those it made otherwise."""
    member = timeline.membership_lookup()
    tallies = {True: [0, 0, 0], False: [0, 0, 0]}
    query = (
        select(RecommendationRow.id, RecommendationRow.session, RecommendationRow.response)
        .join(RecommenderRow, RecommenderRow.recommendation_id == RecommendationRow.id)
        .where(
            RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
            RecommenderRow.state_code == code,
            RecommendationRow.session.is_not(None),
        )
        .distinct()
    )
    with engine.connect() as connection:
        for row in connection.execute(query):
            tally = tallies[member(code, review_day(row.session))]
            tally[0] += 1
            if row.response in ACCEPTING:
                tally[1] += 1
            elif row.response == Response.NOTED.value:
                tally[2] += 1
    return (
        MembershipSplit(N_("made while a Council member"), *tallies[True]),
        MembershipSplit(N_("made while not a member"), *tallies[False]),
    )
