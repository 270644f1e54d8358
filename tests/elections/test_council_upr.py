"""Council membership joined to the UPR data (all of UPR Info's export, both backends)."""

from __future__ import annotations

from sqlalchemy import select

from rightstrack.domain import RecordKind
from rightstrack.elections.council_upr import membership_split
from rightstrack.reference.membership import timeline
from rightstrack.reference.sessions import review_day
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
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


def test_council_facets_in_search(loaded: SearchEngine) -> None:

    council = timeline()
    with loaded.engine.connect() as connection:
        rows = connection.execute(
            select(RecommenderRow.recommendation_id, RecommenderRow.state_code, RecommendationRow.session)
            .join(RecommendationRow, RecommendationRow.id == RecommenderRow.recommendation_id)
            .where(
                RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
                RecommenderRow.state_code.is_not(None),
            )
        ).all()
    by_a_member = {rid for rid, state, session in rows if council.was_member(state, review_day(session))}
    found = loaded.search(
        SearchQuery.build("", {"type": ["recommendation"], "recommender_council": ["member"]})
    )
    assert found.total == len(by_a_member)
    analysis = membership_split(loaded.engine, council)
    reviewed = loaded.search(SearchQuery.build("", {"type": ["recommendation"], "sur_council": ["yes"]}))
    assert reviewed.total == analysis.by_reviewed[0].recommendations
    labels = {v.label: v.count for v in reviewed.facets[Dimension.SUR_COUNCIL]}
    # A facet counts its other values as if its own filter were off (multi-select facets).
    assert labels == {
        "Council member": reviewed.total,
        "not a member": analysis.by_reviewed[1].recommendations,
    }
