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
from rightstrack.tracking.measures import (
    IndicatorDraft,
    MeasureDraft,
    ProgressReport,
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
    edit_item,
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
            MeasureDraft("Reform of legal aid", lead_agency_id=team.justice, recommendation_ids=(first,)),
        )
        equality_measure = create_measure(
            connection,
            team.owner,
            team.plan_id,
            MeasureDraft("Equality body funding", lead_agency_id=team.equality, recommendation_ids=(second,)),
        )
        justice_indicator = create_indicator(
            connection,
            team.owner,
            team.plan_id,
            IndicatorDraft("Legal aid grants", measure_ids=(justice_measure,)),
        )
        equality_indicator = create_indicator(
            connection,
            team.owner,
            team.plan_id,
            IndicatorDraft("Complaints", measure_ids=(equality_measure,)),
        )
        assessment = assess(
            connection, team.nhri, team.plan_id, first, Implementation.PARTIALLY, "Annual report 2026"
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
    report = ProgressReport(ProgressStatus.IN_PROGRESS, "Bill sent to parliament")
    with engine.begin() as connection:
        report_progress(connection, team.ministry, plan, "measure", work["justice_measure"], report)
        report_progress(
            connection,
            team.ministry,
            plan,
            "indicator",
            work["justice_indicator"],
            ProgressReport(ProgressStatus.IN_PROGRESS, value=12.0),
        )
    version = _version(engine, plan, team.ministry, "measures", work["justice_measure"])
    with engine.begin() as connection:
        update_measure(
            connection,
            team.ministry,
            plan,
            work["justice_measure"],
            version,
            {"description": "Amendments to the Free Legal Aid Act"},
        )
    # not the other agency's measure or indicator
    _refused(engine, report_progress, team.ministry, plan, "measure", work["equality_measure"], report)
    _refused(engine, report_progress, team.ministry, plan, "indicator", work["equality_indicator"], report)
    _refused(engine, update_measure, team.ministry, plan, work["equality_measure"], 1, {"description": "x"})
    # not the assignment, budget or title of its own measure
    version = _version(engine, plan, team.ministry, "measures", work["justice_measure"])
    _refused(
        engine,
        update_measure,
        team.ministry,
        plan,
        work["justice_measure"],
        version,
        {"lead_agency_id": team.equality},
    )
    _refused(engine, update_measure, team.ministry, plan, work["justice_measure"], version, {"budget": 1.0})
    # not the plan's structure
    _refused(engine, create_measure, team.ministry, plan, MeasureDraft("Anything"))
    _refused(engine, create_indicator, team.ministry, plan, IndicatorDraft("Anything"))
    _refused(engine, add_agency, team.ministry, plan, "Ministry of Finance")
    _refused(engine, add_cluster, team.ministry, plan, "Justice")
    _refused(engine, add_member, team.ministry, plan, team.outsider.username, PlanRole.OWNER)
    _refused(engine, update_plan, team.ministry, plan, 1, published=True)
    _refused(engine, delete_plan, team.ministry, plan, 1)
    # not assessments
    _refused(engine, assess, team.ministry, plan, work["first"], Implementation.FULLY)
    _refused(
        engine, update_assessment, team.ministry, plan, work["assessment"], 1, {"status": "fully implemented"}
    )


def test_assessor_assesses_and_changes_nothing_else(
    slovenia_store: Engine, team: Team, work: dict[str, int]
) -> None:
    engine, plan = slovenia_store, team.plan_id
    with engine.begin() as connection:
        assess(connection, team.ngo, plan, work["first"], Implementation.NOT, "Shadow report", "No bill yet")
        update_assessment(connection, team.nhri, plan, work["assessment"], 1, {"comment": "Bill drafted"})
    _refused(
        engine, update_assessment, team.ngo, plan, work["assessment"], 2, {"status": "fully implemented"}
    )
    _refused(engine, withdraw_assessment, team.ngo, plan, work["assessment"], 2)
    _refused(
        engine,
        report_progress,
        team.nhri,
        plan,
        "measure",
        work["justice_measure"],
        ProgressReport(ProgressStatus.COMPLETED),
    )
    _refused(engine, update_measure, team.nhri, plan, work["justice_measure"], 1, {"description": "x"})
    _refused(engine, edit_item, team.nhri, plan, CLUSTERS, 1, None, {"name": "x"})
    _refused(engine, update_plan, team.nhri, plan, 1, published=True)
    with engine.connect() as connection:
        view = plan_view(connection, plan, team.nhri)
    record = view.recommendations[work["first"]]
    assert [(a.organisation, a.status) for a in record.assessments] == [
        ("Human Rights Ombudsman", "partially implemented"),
        ("Amnesty Slovenia", "not implemented"),
    ]
    assert record.status == "not started"  # the government's own status is untouched


def test_owner_cannot_write_assessments(slovenia_store: Engine, team: Team, work: dict[str, int]) -> None:
    _refused(slovenia_store, assess, team.owner, team.plan_id, work["first"], Implementation.FULLY)
    _refused(
        slovenia_store, update_assessment, team.owner, team.plan_id, work["assessment"], 1, {"comment": "x"}
    )
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
        update_plan(connection, team.owner, plan, _plan_version(engine, team), published=True)
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
            ProgressReport(ProgressStatus.COMPLETED),
        )
        _refused(engine, update_measure, reader, plan, work["justice_measure"], 1, {"description": "x"})
        _refused(engine, assess, reader, plan, work["first"], Implementation.FULLY)
        _refused(engine, update_plan, reader, plan, 2, published=False)
        _refused(engine, add_member, reader, plan, "anyone", PlanRole.OWNER)
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
            ProgressReport(ProgressStatus.DELAYED, "Budget cut"),
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
        ProgressReport(ProgressStatus.COMPLETED, reported_on=date(2026, 5, 1)),
    )
