"""Council membership joined to the UPR data (all of UPR Info's export, both backends)."""

from __future__ import annotations

from sqlalchemy import select

from rightstrack.domain import RecordKind
from rightstrack.elections.council_upr import membership_split, review_day
from rightstrack.elections.membership import timeline
from rightstrack.search.engine import SearchEngine
from rightstrack.store.schema import RecommendationRow, RecommenderRow


def test_recommendations_by_members_and_non_members(loaded: SearchEngine) -> None:
    council = timeline()
    analysis = membership_split(loaded.engine, council)
    with loaded.engine.connect() as connection:
        pairs = set(
            connection.execute(
                select(RecommenderRow.recommendation_id, RecommenderRow.state_code, RecommendationRow.session)
                .join(RecommendationRow, RecommendationRow.id == RecommenderRow.recommendation_id)
                .where(
                    RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
                    RecommenderRow.state_code.is_not(None),
                )
            ).all()
        )
    # The same answer by a plain scan of every term, without the lookup's bisection.
    by_members = sum(1 for _, state, session in pairs if council.was_member(state, review_day(session)))
    members, others = analysis.by_recommender
    assert members.recommendations == by_members
    assert members.recommendations + others.recommendations == len(pairs)
    assert members.accepted + members.noted <= members.recommendations
    assert 0.5 < (members.accepted_share or 0) < 1 and 0.5 < (others.accepted_share or 0) < 1
    reviewed_members, reviewed_others = analysis.by_reviewed
    with loaded.engine.connect() as connection:
        total = len(
            connection.scalars(
                select(RecommendationRow.id).where(RecommendationRow.kind == "recommendation")
            ).all()
        )
    assert reviewed_members.recommendations + reviewed_others.recommendations == total
    assert analysis.before_council == 0  # UPR Info's export starts with session 1, April 2008
