"""Each role can do what it must, and cannot do what it must not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from rightstrack.domain import Implementation, PlanRole, ProgressStatus
from rightstrack.errors import Forbidden, NotFound, TrackingError
from rightstrack.tracking.access import plan_access
from rightstrack.tracking.assessments import assess, update_assessment, withdraw_assessment
from rightstrack.tracking.inputs import (
    AssessmentChange,
    MeasureChange,
    NewAgency,
    NewAssessment,
    NewIndicator,
    NewMeasure,
    NewMember,
    PlanChange,
    ProgressReport,
)
from rightstrack.tracking.measures import (
    create_indicator,
    create_measure,
    report_progress,
    update_measure,
)
from rightstrack.tracking.plans import (
    CLUSTERS,
    add_agency,
    add_cluster,
    add_member,
    delete_plan,
    rename_item,
    restore_plan,
    update_plan,
)
from rightstrack.tracking.views import list_plans, plan_view
from tests.tracking.conftest import Team


@pytest.fixture
def work(slovenia_store: Engine, team: Team) -> dict[str, int]:
    """Two measures, one per agency, an indicator on each, and an NHRI assessment."""
    with slovenia_store.begin() as connection:
        first, second = list(plan_view(connection, team.plan_id, team.owner).recommendations)[:2]
        justice_measure = create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(title="Reform of legal aid", lead_agency_id=team.justice, recommendation_ids=(first,)),
        )
        equality_measure = create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(
                title="Equality body funding", lead_agency_id=team.equality, recommendation_ids=(second,)
            ),
        )
        justice_indicator = create_indicator(
            connection,
            team.owner,
            team.plan_id,
            NewIndicator(name="Legal aid grants", measure_ids=(justice_measure,)),
        )
        equality_indicator = create_indicator(
            connection,
            team.owner,
            team.plan_id,
            NewIndicator(name="Complaints", measure_ids=(equality_measure,)),
        )
        assessment = assess(
            connection,
            team.nhri,
            team.plan_id,
            NewAssessment(
                recommendation_id=first, status=Implementation.PARTIALLY, sources="Annual report 2026"
            ),
        )
    return {
        "first": first,
        "second": second,
        "justice_measure": justice_measure,
        "equality_measure": equality_measure,
        "justice_indicator": justice_indicator,
        "equality_indicator": equality_indicator,
        "assessment": assessment,
    }


def _refused(engine: Engine, action: Callable[..., Any], *args: Any, **kwargs: Any) -> TrackingError:
    with engine.begin() as connection, pytest.raises((Forbidden, NotFound)) as refused:
        action(connection, *args, **kwargs)
    return refused.value


def _version(engine: Engine, plan_id: int, user: Any, kind: str, item_id: int) -> int:
    with engine.connect() as connection:
        view = plan_view(connection, plan_id, user)
    return int(getattr(view, kind)[item_id].version)


def test_contributor_edits_only_its_own_agency_measures(
    slovenia_store: Engine, team: Team, work: dict[str, int]
) -> None:
    engine, plan = slovenia_store, team.plan_id
    report = ProgressReport(status=ProgressStatus.IN_PROGRESS, narrative="Bill sent to parliament")
    with engine.begin() as connection:
        report_progress(connection, team.ministry, plan, "measure", work["justice_measure"], report)
        report_progress(
            connection,
            team.ministry,
            plan,
            "indicator",
            work["justice_indicator"],
            ProgressReport(status=ProgressStatus.IN_PROGRESS, value=12.0),
        )
    version = _version(engine, plan, team.ministry, "measures", work["justice_measure"])
    with engine.begin() as connection:
        update_measure(
            connection,
            team.ministry,
            plan,
            work["justice_measure"],
            MeasureChange(description="Amendments to the Free Legal Aid Act"),
            version,
        )
    # not the other agency's measure or indicator
    _refused(engine, report_progress, team.ministry, plan, "measure", work["equality_measure"], report)
    _refused(engine, report_progress, team.ministry, plan, "indicator", work["equality_indicator"], report)
    _refused(
        engine,
        update_measure,
        team.ministry,
        plan,
        work["equality_measure"],
        MeasureChange(description="x"),
        1,
    )
    # not the assignment, budget or title of its own measure
    version = _version(engine, plan, team.ministry, "measures", work["justice_measure"])
    _refused(
        engine,
        update_measure,
        team.ministry,
        plan,
        work["justice_measure"],
        MeasureChange(lead_agency_id=team.equality),
        version,
    )
    _refused(
        engine,
        update_measure,
        team.ministry,
        plan,
        work["justice_measure"],
        MeasureChange(budget=1.0),
        version,
    )
    # not the plan's structure
    _refused(engine, create_measure, team.ministry, plan, NewMeasure(title="Anything"))
    _refused(engine, create_indicator, team.ministry, plan, NewIndicator(name="Anything"))
    _refused(engine, add_agency, team.ministry, plan, NewAgency(name="Ministry of Finance"))
    _refused(engine, add_cluster, team.ministry, plan, "Justice")
    _refused(
        engine,
        add_member,
        team.ministry,
        plan,
        NewMember(username=team.outsider.username, role=PlanRole.OWNER),
    )
    _refused(engine, update_plan, team.ministry, plan, PlanChange(published=True), 1)
    _refused(engine, delete_plan, team.ministry, plan, 1)
    # not assessments
    _refused(
        engine,
        assess,
        team.ministry,
        plan,
        NewAssessment(recommendation_id=work["first"], status=Implementation.FULLY),
    )
    _refused(
        engine,
        update_assessment,
        team.ministry,
        plan,
        work["assessment"],
        AssessmentChange(status=Implementation.FULLY),
        1,
    )


def test_assessor_assesses_and_changes_nothing_else(
    slovenia_store: Engine, team: Team, work: dict[str, int]
) -> None:
    engine, plan = slovenia_store, team.plan_id
    with engine.begin() as connection:
        assess(
            connection,
            team.ngo,
            plan,
            NewAssessment(
                recommendation_id=work["first"],
                status=Implementation.NOT,
                sources="Shadow report",
                comment="No bill yet",
            ),
        )
        update_assessment(
            connection, team.nhri, plan, work["assessment"], AssessmentChange(comment="Bill drafted"), 1
        )
    _refused(
        engine,
        update_assessment,
        team.ngo,
        plan,
        work["assessment"],
        AssessmentChange(status=Implementation.FULLY),
        2,
    )
    _refused(engine, withdraw_assessment, team.ngo, plan, work["assessment"], 2)
    _refused(
        engine,
        report_progress,
        team.nhri,
        plan,
        "measure",
        work["justice_measure"],
        ProgressReport(status=ProgressStatus.COMPLETED),
    )
    _refused(
        engine, update_measure, team.nhri, plan, work["justice_measure"], MeasureChange(description="x"), 1
    )
    _refused(engine, rename_item, team.nhri, plan, CLUSTERS, 1, None, "x")
    _refused(engine, update_plan, team.nhri, plan, PlanChange(published=True), 1)
    with engine.connect() as connection:
        view = plan_view(connection, plan, team.nhri)
    record = view.recommendations[work["first"]]
    assert [(a.organisation, a.status) for a in record.assessments] == [
        ("Human Rights Ombudsman", "partially implemented"),
        ("Amnesty Slovenia", "not implemented"),
    ]
    assert record.status == "not started"  # the government's own status is untouched


def test_owner_cannot_write_assessments(slovenia_store: Engine, team: Team, work: dict[str, int]) -> None:
    new = NewAssessment(recommendation_id=work["first"], status=Implementation.FULLY)
    _refused(slovenia_store, assess, team.owner, team.plan_id, new)
    change = AssessmentChange(comment="x")
    _refused(slovenia_store, update_assessment, team.owner, team.plan_id, work["assessment"], change, 1)
    _refused(slovenia_store, withdraw_assessment, team.owner, team.plan_id, work["assessment"], 1)


def test_outsiders_see_nothing_until_published_and_then_only_read(
    slovenia_store: Engine, team: Team, work: dict[str, int]
) -> None:
    engine, plan = slovenia_store, team.plan_id
    for reader in (team.outsider, None):
        _refused(engine, plan_view, plan, reader)
        with engine.connect() as connection:
            assert plan not in [p.id for p in list_plans(connection, reader)]
    with engine.begin() as connection:
        update_plan(connection, team.owner, plan, PlanChange(published=True), _plan_version(engine, team))
    for reader in (team.outsider, None):
        with engine.connect() as connection:
            view = plan_view(connection, plan, reader)
            assert plan in [p.id for p in list_plans(connection, reader)]
        assert view.members == []  # who works on the plan is the members' business
        assert view.recommendations[work["first"]].assessments  # independent views are public
        _refused(
            engine,
            report_progress,
            reader,
            plan,
            "measure",
            work["justice_measure"],
            ProgressReport(status=ProgressStatus.COMPLETED),
        )
        _refused(
            engine, update_measure, reader, plan, work["justice_measure"], MeasureChange(description="x"), 1
        )
        new = NewAssessment(recommendation_id=work["first"], status=Implementation.FULLY)
        _refused(engine, assess, reader, plan, new)
        _refused(engine, update_plan, reader, plan, PlanChange(published=False), 2)
        _refused(engine, add_member, reader, plan, NewMember(username="anyone", role=PlanRole.OWNER))
    with engine.connect() as connection:
        assert plan_access(connection, plan, team.outsider).role is None


def _plan_version(engine: Engine, team: Team) -> int:
    with engine.connect() as connection:
        return plan_view(connection, team.plan_id, team.owner).version


def test_administrator_may_do_everything_including_restoring_a_deleted_plan(
    slovenia_store: Engine, team: Team, work: dict[str, int]
) -> None:
    engine, plan = slovenia_store, team.plan_id
    with engine.begin() as connection:
        report_progress(
            connection,
            team.admin,
            plan,
            "measure",
            work["equality_measure"],
            ProgressReport(status=ProgressStatus.DELAYED, narrative="Budget cut"),
        )
        delete_plan(connection, team.owner, plan, _plan_version(engine, team))
    _refused(engine, plan_view, plan, team.owner)
    _refused(engine, restore_plan, team.owner, plan)
    with engine.begin() as connection:
        restore_plan(connection, team.admin, plan)
        assert plan_view(connection, plan, team.owner).measures[work["equality_measure"]].status == "delayed"


def test_a_disabled_or_removed_member_loses_its_role(
    slovenia_store: Engine, team: Team, work: dict[str, int]
) -> None:
    from rightstrack.tracking.plans import MEMBERS, delete_item

    with slovenia_store.connect() as connection:
        member = next(
            m
            for m in plan_view(connection, team.plan_id, team.owner).members
            if m.user_id == team.ministry.id
        )
    with slovenia_store.begin() as connection:
        delete_item(connection, team.owner, team.plan_id, MEMBERS, member.id, None)
    _refused(
        slovenia_store,
        report_progress,
        team.ministry,
        team.plan_id,
        "measure",
        work["justice_measure"],
        ProgressReport(status=ProgressStatus.COMPLETED, reported_on=date(2026, 5, 1)),
    )
