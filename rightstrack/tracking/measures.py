"""Measures (the actions that answer recommendations), indicators, and progress on both.

The owner creates and assigns measures and indicators; an agency contributor reports progress on
the measures its agency leads or supports, and edits their details (not their assignment). A
progress update sets the status of its measure (and the value of its indicator), in the history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.domain import ProgressStatus
from rightstrack.errors import InvalidInput, NotFound
from rightstrack.history import Recorder, now
from rightstrack.limits import check_id
from rightstrack.store.tracking_schema import (
    EvidenceFileRow,
    IndicatorMeasureRow,
    IndicatorRecommendationRow,
    IndicatorRow,
    MeasureAgencyRow,
    MeasureRecommendationRow,
    MeasureRow,
    PlanRecommendationRow,
    ProgressUpdateRow,
)
from rightstrack.tracking.access import (
    plan_access,
    require_indicator_reporter,
    require_measure_editor,
)
from rightstrack.tracking.inputs import (
    IndicatorChange,
    MeasureChange,
    NewIndicator,
    NewMeasure,
    ProgressReport,
)
from rightstrack.tracking.plans import AGENCIES

MEASURES: Table = MeasureRow.__table__  # type: ignore[assignment]
INDICATORS: Table = IndicatorRow.__table__  # type: ignore[assignment]
PROGRESS: Table = ProgressUpdateRow.__table__  # type: ignore[assignment]
MEASURE_AGENCIES: Table = MeasureAgencyRow.__table__  # type: ignore[assignment]
MEASURE_RECOMMENDATIONS: Table = MeasureRecommendationRow.__table__  # type: ignore[assignment]
INDICATOR_MEASURES: Table = IndicatorMeasureRow.__table__  # type: ignore[assignment]
INDICATOR_RECOMMENDATIONS: Table = IndicatorRecommendationRow.__table__  # type: ignore[assignment]
EVIDENCE: Table = EvidenceFileRow.__table__  # type: ignore[assignment]

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# An uploaded evidence file: (file name, content type, bytes).
EvidenceFile = tuple[str, str, bytes]


def _in_plan(connection: Connection, table: Table, entity_id: int, plan_id: int, what: str) -> None:
    check_id(what, entity_id)
    found = connection.scalar(
        select(table.c.plan_id).where(table.c.id == entity_id, table.c.deleted_at.is_(None))
    )
    if found != plan_id:
        raise InvalidInput(what, f"{table.name} {entity_id} is not part of plan {plan_id}")


def _check_recommendations(connection: Connection, plan_id: int, ids: tuple[int, ...]) -> None:
    for recommendation_id in ids:
        check_id("recommendations", recommendation_id)
    # In batches: a list typed into a spreadsheet cell can hold more ids than one statement may
    # have bound parameters (SQLite and PostgreSQL both have a limit).
    wanted = sorted(set(ids))
    present: set[int] = set()
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        present.update(
            connection.scalars(
                select(PlanRecommendationRow.recommendation_id).where(
                    PlanRecommendationRow.plan_id == plan_id,
                    PlanRecommendationRow.recommendation_id.in_(batch),
                    PlanRecommendationRow.deleted_at.is_(None),
                )
            )
        )
    require_in_plan(ids, present)


def require_in_plan(ids: tuple[int, ...], present: set[int]) -> None:
    """Refuses recommendation ids that are not among the plan's (``present``)."""
    missing = sorted(set(ids) - present)
    if missing:
        raise InvalidInput("recommendations", f"not in this plan: {', '.join(map(str, missing))}")


def create_measure(connection: Connection, user: User | None, plan_id: int, draft: NewMeasure) -> int:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    values = {
        "plan_id": plan_id,
        "title": draft.title,
        "description": draft.description,
        "lead_agency_id": draft.lead_agency_id,
        "start_date": draft.start_date,
        "target_date": draft.target_date,
        "budget": draft.budget,
        "currency": draft.currency,
        "expected_outcome": draft.expected_outcome,
        "status": ProgressStatus.NOT_STARTED.value,
    }
    for agency_id in (draft.lead_agency_id, *draft.supporting_agency_ids):
        if agency_id is not None:
            _in_plan(connection, AGENCIES, agency_id, plan_id, "agency")
    _check_recommendations(connection, plan_id, draft.recommendation_ids)
    recorder = access.recorder(connection)
    measure_id = recorder.insert(MEASURES, values)
    for agency_id in draft.supporting_agency_ids:
        if agency_id != draft.lead_agency_id:
            recorder.link(MEASURE_AGENCIES, {"measure_id": measure_id, "agency_id": agency_id}, True)
    for recommendation_id in draft.recommendation_ids:
        recorder.link(
            MEASURE_RECOMMENDATIONS, {"measure_id": measure_id, "recommendation_id": recommendation_id}, True
        )
    return measure_id


def update_measure(
    connection: Connection,
    user: User | None,
    plan_id: int,
    measure_id: int,
    change: MeasureChange,
    version: int,
) -> dict[str, object]:
    """Applies the fields ``change`` gives; a contributor changes only the ``MeasureDetails``."""
    access = plan_access(connection, plan_id, user)
    _in_plan(connection, MEASURES, measure_id, plan_id, "measure")
    if access.manages:
        if change.lead_agency_id is not None:
            _in_plan(connection, AGENCIES, change.lead_agency_id, plan_id, "lead_agency_id")
    else:
        require_measure_editor(connection, access, measure_id)
        if change.owners_fields():
            access.require_manager()  # refuses: only the owner reassigns or re-budgets a measure
    return access.recorder(connection).update(MEASURES, measure_id, version, change.changes())


def set_measure_links(
    connection: Connection,
    user: User | None,
    plan_id: int,
    measure_id: int,
    *,
    supporting_agency_ids: tuple[int, ...] | None = None,
    recommendation_ids: tuple[int, ...] | None = None,
) -> None:
    """Replaces the measure's supporting agencies and/or the recommendations it answers."""
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    _in_plan(connection, MEASURES, measure_id, plan_id, "measure")
    recorder = access.recorder(connection)
    if supporting_agency_ids is not None:
        for agency_id in supporting_agency_ids:
            _in_plan(connection, AGENCIES, agency_id, plan_id, "agency")
        _replace_links(
            recorder, MEASURE_AGENCIES, "measure_id", measure_id, "agency_id", set(supporting_agency_ids)
        )
    if recommendation_ids is not None:
        _check_recommendations(connection, plan_id, recommendation_ids)
        _replace_links(
            recorder,
            MEASURE_RECOMMENDATIONS,
            "measure_id",
            measure_id,
            "recommendation_id",
            set(recommendation_ids),
        )


def _replace_links(
    recorder: Recorder, table: Table, key: str, key_id: int, other: str, wanted: set[int]
) -> None:
    present = set(recorder.connection.scalars(select(table.c[other]).where(table.c[key] == key_id)))
    for other_id in sorted(present - wanted):
        recorder.link(table, {key: key_id, other: other_id}, False)
    for other_id in sorted(wanted - present):
        recorder.link(table, {key: key_id, other: other_id}, True)


def create_indicator(connection: Connection, user: User | None, plan_id: int, draft: NewIndicator) -> int:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    for measure_id in draft.measure_ids:
        _in_plan(connection, MEASURES, measure_id, plan_id, "measures")
    _check_recommendations(connection, plan_id, draft.recommendation_ids)
    recorder = access.recorder(connection)
    indicator_id = recorder.insert(
        INDICATORS,
        {
            "plan_id": plan_id,
            "name": draft.name,
            "unit": draft.unit,
            "baseline": draft.baseline,
            "target": draft.target,
            "due_date": draft.due_date,
            "current_value": draft.baseline,
            "status": ProgressStatus.NOT_STARTED.value,
        },
    )
    for measure_id in draft.measure_ids:
        recorder.link(INDICATOR_MEASURES, {"indicator_id": indicator_id, "measure_id": measure_id}, True)
    for recommendation_id in draft.recommendation_ids:
        recorder.link(
            INDICATOR_RECOMMENDATIONS,
            {"indicator_id": indicator_id, "recommendation_id": recommendation_id},
            True,
        )
    return indicator_id


def update_indicator(
    connection: Connection,
    user: User | None,
    plan_id: int,
    indicator_id: int,
    change: IndicatorChange,
    version: int,
) -> dict[str, object]:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    _in_plan(connection, INDICATORS, indicator_id, plan_id, "indicator")
    return access.recorder(connection).update(INDICATORS, indicator_id, version, change.changes())


def report_progress(
    connection: Connection,
    user: User | None,
    plan_id: int,
    subject: str,
    subject_id: int,
    report: ProgressReport,
    version: int | None = None,
    files: Sequence[EvidenceFile] = (),
) -> int:
    """Records progress on a measure or an indicator and updates its status (and value), with
    the evidence ``files`` uploaded beside the report.

    ``version`` is the version of the measure or indicator the reporter saw: a report on an item
    someone changed in the meantime is refused rather than applied to something it did not see."""
    access = plan_access(connection, plan_id, user)
    if subject == "measure":
        table = MEASURES
        _in_plan(connection, table, subject_id, plan_id, "measure")
        require_measure_editor(connection, access, subject_id)
    elif subject == "indicator":
        table = INDICATORS
        _in_plan(connection, table, subject_id, plan_id, "indicator")
        require_indicator_reporter(connection, access, subject_id)
    else:
        raise InvalidInput("subject", "progress is reported on a measure or an indicator")
    for name, _type, data in files:
        if len(data) > MAX_EVIDENCE_BYTES:
            raise InvalidInput("files", f"{name} is larger than {MAX_EVIDENCE_BYTES // 1024 // 1024} MB")
    recorder = access.recorder(connection)
    subject_values: dict[str, object] = {"status": report.status.value}
    if subject == "indicator" and report.value is not None:
        subject_values["current_value"] = report.value
    recorder.update(table, subject_id, version, subject_values)
    assert access.user is not None  # a contributor or owner is signed in
    progress_id = recorder.insert(
        PROGRESS,
        {
            "plan_id": plan_id,
            "subject": subject,
            "subject_id": subject_id,
            "status": report.status.value,
            "narrative": report.narrative,
            "value": report.value,
            "evidence_links": "\n".join(report.evidence_links),
            "author_id": access.user.id,
            "reported_on": report.reported_on or now().date(),
            "created_at": now(),
        },
    )
    for name, content_type, data in files:
        recorder.insert(
            EVIDENCE,
            {
                "progress_id": progress_id,
                "filename": name[-255:],
                "content_type": content_type[:100] or "application/octet-stream",
                "sha256": hashlib.sha256(data).hexdigest(),
                "data": data,
            },
        )
    return progress_id


def evidence_file(connection: Connection, user: User | None, file_id: int) -> tuple[str, str, bytes]:
    row = connection.execute(
        select(EvidenceFileRow, ProgressUpdateRow.plan_id)
        .join(ProgressUpdateRow, ProgressUpdateRow.id == EvidenceFileRow.progress_id)
        .where(EvidenceFileRow.id == file_id)
    ).first()
    if row is None:
        raise NotFound(f"evidence file {file_id} does not exist")
    plan_access(connection, row.plan_id, user).require_view()
    return row.filename, row.content_type, row.data
