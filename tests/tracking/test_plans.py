"""A plan for Slovenia's cycle-4 recommendations, built from the UN's documents."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from rightstrack.domain import ProgressStatus
from rightstrack.errors import InvalidInput
from rightstrack.history import history
from rightstrack.store.schema import RecommendationRow
from rightstrack.store.tracking_schema import PlanRecommendationRow
from rightstrack.tracking.inputs import NewIndicator, NewMeasure, NewPlan, ProgressReport
from rightstrack.tracking.measures import (
    create_indicator,
    create_measure,
    report_progress,
)
from rightstrack.tracking.plans import (
    CLUSTERS,
    add_cluster,
    add_recommendation,
    create_plan,
    delete_item,
    move_recommendation,
)
from rightstrack.tracking.views import plan_view
from tests.tracking.conftest import Team


def test_plan_holds_the_accepted_recommendations_in_proposed_clusters(
    slovenia_store: Engine, team: Team
) -> None:
    with slovenia_store.connect() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        accepted = connection.scalar(
            select(func.count()).where(
                RecommendationRow.sur_code == "SVN",
                RecommendationRow.cycle == 4,
                RecommendationRow.response.in_(["Accepted", "Partly accepted"]),
            )
        )
    assert accepted == 217  # the addendum's own total of supported recommendations
    assert len(view.recommendations) == 217
    assert all(r.response in ("Accepted", "Partly accepted") for r in view.recommendations.values())
    named = [c for c in view.clusters if c.id is not None]
    assert 3 <= len(named) <= 20  # a few themes, the largest split by text
    assert sum(len(c.recommendation_ids) for c in view.clusters) == 217
    assert not [c for c in view.clusters if c.id is None], "every recommendation starts in a proposed cluster"
    assert view.title == "Slovenia: implementation of UPR cycle 4"
    assert not view.published


def test_repeated_recommendations_are_linked_as_overlapping(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.connect() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
    overlapping = [r for r in view.recommendations.values() if r.overlaps]
    assert len(overlapping) >= 20
    earlier = [o for r in overlapping for o in r.overlaps if o[1] < 4]
    assert earlier, "cycle-4 recommendations repeat earlier cycles' ones"
    assert all(0.45 <= similarity <= 1.0 for r in overlapping for _, _, similarity in r.overlaps)


def test_noted_recommendations_can_be_added_and_those_of_other_states_cannot(
    slovenia_store: Engine, team: Team
) -> None:
    with slovenia_store.begin() as connection:
        noted = connection.scalar(
            select(RecommendationRow.id)
            .where(
                RecommendationRow.sur_code == "SVN",
                RecommendationRow.cycle == 4,
                RecommendationRow.response == "Noted",
            )
            .limit(1)
        )
        other = connection.scalar(
            select(RecommendationRow.id).where(RecommendationRow.sur_code != "SVN").limit(1)
        )
        add_recommendation(connection, team.owner, team.plan_id, int(noted))
        if other is not None:
            with pytest.raises(InvalidInput, match="another state"):
                add_recommendation(connection, team.owner, team.plan_id, int(other))
        view = plan_view(connection, team.plan_id, team.owner)
    assert noted in view.recommendations and len(view.recommendations) == 218


def test_plan_with_noted_recommendations_and_without_clusters(slovenia_store: Engine, team: Team) -> None:
    plan_id = create_plan(
        slovenia_store,
        team.owner,
        NewPlan(state="SVN", cycles=(3, 4), include_noted=True, propose_clusters=False),
    )
    with slovenia_store.connect() as connection:
        view = plan_view(connection, plan_id, team.owner)
    assert len(view.recommendations) == 219 + 254
    assert [c.name for c in view.clusters] == ["Not clustered"]


def test_unknown_state_and_cycles_are_refused(slovenia_store: Engine, team: Team) -> None:
    with pytest.raises(InvalidInput, match="state: unknown state 'Atlantis'"):
        create_plan(slovenia_store, team.owner, NewPlan(state="Atlantis", cycles=(4,)))
    with pytest.raises(InvalidInput, match="cycles"):
        create_plan(slovenia_store, team.owner, NewPlan(state="Slovenia", cycles=()))


def test_measures_indicators_and_progress_make_the_government_status(
    slovenia_store: Engine, team: Team
) -> None:
    with slovenia_store.begin() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        first, second = list(view.recommendations)[:2]
        measure = create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(
                title="Adopt a national action plan against domestic violence",
                lead_agency_id=team.justice,
                supporting_agency_ids=(team.equality,),
                start_date=date(2026, 1, 1),
                target_date=date(2027, 12, 31),
                budget=250000.0,
                currency="eur",
                recommendation_ids=(first, second),
            ),
        )
        indicator = create_indicator(
            connection,
            team.owner,
            team.plan_id,
            NewIndicator(
                name="Shelter places",
                unit="places",
                baseline=120.0,
                target=200.0,
                due_date=date(2027, 12, 31),
                measure_ids=(measure,),
                recommendation_ids=(first,),
            ),
        )
        report_progress(
            connection,
            team.ministry,
            team.plan_id,
            "measure",
            measure,
            ProgressReport(
                status=ProgressStatus.IN_PROGRESS,
                narrative="Draft plan in public consultation",
                evidence_links=("https://www.gov.si/en/news/",),
            ),
        )
        report_progress(
            connection,
            team.office,
            team.plan_id,
            "indicator",
            indicator,
            ProgressReport(status=ProgressStatus.IN_PROGRESS, value=160.0),
        )
        view = plan_view(connection, team.plan_id, team.owner)
    assert view.measures[measure].status == "in progress"
    assert view.measures[measure].currency == "EUR"
    assert view.recommendations[first].status == view.recommendations[second].status == "in progress"
    assert view.indicators[indicator].current_value == 160.0
    assert view.indicators[indicator].achieved == pytest.approx(0.5)
    assert view.measures[measure].indicator_ids == [indicator]
    with slovenia_store.connect() as connection:
        actions = [(c.entity, c.action) for c in history(connection, team.plan_id, "measures", measure)]
    assert actions[0] == ("measures", "update") and actions[-1] == ("measures", "create")


def test_bad_measure_input_names_the_field(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.begin() as connection:
        with pytest.raises(InvalidInput, match="target_date: comes before the start date"):
            create_measure(
                connection,
                team.owner,
                team.plan_id,
                NewMeasure(title="Reform", start_date=date(2027, 1, 1), target_date=date(2026, 1, 1)),
            )
        with pytest.raises(InvalidInput, match="recommendations: not in this plan: 1"):
            create_measure(
                connection, team.owner, team.plan_id, NewMeasure(title="Reform", recommendation_ids=(1,))
            )
        with pytest.raises(InvalidInput, match="evidence_links: not a web address"):
            measure = create_measure(connection, team.owner, team.plan_id, NewMeasure(title="Reform"))
            report_progress(
                connection,
                team.owner,
                team.plan_id,
                "measure",
                measure,
                ProgressReport(status=ProgressStatus.DELAYED, evidence_links=("javascript:alert(1)",)),
            )


def test_a_recommendation_moves_only_into_a_live_cluster_of_its_own_plan(
    slovenia_store: Engine, team: Team
) -> None:
    """Issue 14: another plan's cluster was accepted, on every path that sets ``cluster_id`` (the
    arrange form, the spreadsheet import) since all go through ``edit_item``."""
    other_plan = create_plan(
        slovenia_store, team.outsider, NewPlan(state="Slovenia", cycles=(3,), propose_clusters=False)
    )
    with slovenia_store.begin() as connection:
        foreign = add_cluster(connection, team.outsider, other_plan, "Someone else's")
        own = add_cluster(connection, team.owner, team.plan_id, "Ours")
        gone = add_cluster(connection, team.owner, team.plan_id, "Deleted")
        delete_item(connection, team.owner, team.plan_id, CLUSTERS, gone, None)
        link = connection.execute(
            select(PlanRecommendationRow.id).where(PlanRecommendationRow.plan_id == team.plan_id).limit(1)
        ).scalar_one()
    refusals = {
        foreign: "has no cluster",
        gone: "was deleted",
        own + 10_000: "has no cluster",
        2**63: "out of range",
    }
    for cluster_id, message in refusals.items():
        with slovenia_store.begin() as connection, pytest.raises(InvalidInput, match=message):
            move_recommendation(connection, team.owner, team.plan_id, link, None, cluster_id)
    with slovenia_store.begin() as connection:
        after = move_recommendation(connection, team.owner, team.plan_id, link, None, own)
    assert after["cluster_id"] == own
