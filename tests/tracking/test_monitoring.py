"""Dashboards and reminder digests, the latter sent to a real (local) SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, update

from rightstrack.domain import Implementation, ProgressStatus
from rightstrack.store.tracking_schema import UserRow
from rightstrack.tracking.assessments import assess
from rightstrack.tracking.inputs import NewAssessment, NewIndicator, NewMeasure, ProgressReport
from rightstrack.tracking.measures import (
    create_indicator,
    create_measure,
    report_progress,
)
from rightstrack.tracking.monitoring import dashboard
from rightstrack.tracking.reminders import SmtpSettings, digests, send
from rightstrack.tracking.views import plan_view
from tests.tracking.conftest import Team

TODAY = date(2026, 6, 15)


@pytest.fixture
def planned(slovenia_store: Engine, team: Team) -> dict[str, int]:
    with slovenia_store.begin() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        cluster = view.clusters[0]
        first, second = cluster.recommendation_ids[:2]
        late = create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(
                title="Legal aid reform",
                lead_agency_id=team.justice,
                start_date=date(2025, 1, 1),
                target_date=date(2026, 3, 31),
                recommendation_ids=(first,),
            ),
        )
        soon = create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(
                title="Equality campaign",
                lead_agency_id=team.equality,
                supporting_agency_ids=(team.justice,),
                target_date=date(2026, 7, 1),
                recommendation_ids=(second,),
            ),
        )
        create_indicator(
            connection,
            team.owner,
            team.plan_id,
            NewIndicator(name="Grants", due_date=date(2026, 5, 1), measure_ids=(late,)),
        )
        report_progress(
            connection,
            team.ministry,
            team.plan_id,
            "measure",
            late,
            ProgressReport(status=ProgressStatus.IN_PROGRESS, reported_on=date(2026, 2, 10)),
        )
        report_progress(
            connection,
            team.ministry,
            team.plan_id,
            "measure",
            late,
            ProgressReport(status=ProgressStatus.DELAYED, reported_on=date(2026, 4, 20)),
        )
        report_progress(
            connection,
            team.office,
            team.plan_id,
            "measure",
            soon,
            ProgressReport(status=ProgressStatus.COMPLETED, reported_on=date(2026, 5, 5)),
        )
        assess(
            connection,
            team.nhri,
            team.plan_id,
            NewAssessment(recommendation_id=second, status=Implementation.PARTIALLY),
        )
        connection.execute(
            update(UserRow).values(email="justice@gov.si").where(UserRow.id == team.ministry.id)
        )
        connection.execute(
            update(UserRow).values(email="equality@gov.si").where(UserRow.id == team.office.id)
        )
    return {"late": late, "soon": soon, "first": first, "second": second}


def test_dashboard_counts_progress_every_way(
    slovenia_store: Engine, team: Team, planned: dict[str, int]
) -> None:
    with slovenia_store.connect() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        board = dashboard(connection, view, TODAY)
    assert board.overall.total == 217
    assert board.overall.counts["delayed"] == 1 and board.overall.counts["completed"] == 1
    assert board.overall.counts["no measure"] == 215
    first_cluster = board.by_cluster[0]
    assert first_cluster.counts.get("delayed") == 1 and first_cluster.counts.get("completed") == 1
    agencies = {b.label: b.counts for b in board.by_agency}
    assert agencies == {
        "Ministry of Justice": {"delayed": 1, "completed": 1},
        "Government Office for Equality": {"completed": 1},
    }
    assert [m.id for m in board.overdue_measures] == [planned["late"]]
    assert [i.name for i in board.overdue_indicators] == ["Grants"]
    assert board.due_soon_measures == []  # the one due soon is completed
    assert sum(b.total for b in board.by_sdg) >= 1  # the OHCHR matrix codes SDGs
    assert board.agreement == {("completed", "partially implemented"): 1}
    months = dict(board.timeline)
    assert min(months) == date(2026, 2, 28)  # the first report; the measures were entered later
    assert months[date(2026, 2, 28)] == {"in progress": 1}
    assert months[date(2026, 4, 30)]["delayed"] == 1
    assert months[date(2026, 5, 31)] == {"delayed": 1, "completed": 1}


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[Any]]]:
    received: list[Any] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_digests_go_to_each_agency_by_email(
    slovenia_store: Engine, team: Team, planned: dict[str, int], smtp_server: tuple[int, list[Any]]
) -> None:
    port, received = smtp_server
    with slovenia_store.connect() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        found = {d.agency: d for d in digests(connection, view, TODAY)}
    justice = found["Ministry of Justice"]
    assert [m.id for m in justice.overdue if hasattr(m, "title")] == [planned["late"]]
    assert "Indicator" in justice.text(TODAY) and "Legal aid reform" in justice.text(TODAY)
    assert found["Government Office for Equality"].empty
    sent = send(list(found.values()), SmtpSettings("127.0.0.1", port, sender="plans@gov.si"), TODAY)
    assert sent == 1 and len(received) == 1
    envelope = received[0]
    assert envelope.rcpt_tos == ["justice@gov.si"] and envelope.mail_from == "plans@gov.si"
    message = message_from_bytes(envelope.content)
    assert message["Subject"] == "[RightsTrack] Ministry of Justice: 2 overdue, 0 due soon"
    assert "Legal aid reform (target 2026-03-31, delayed)" in message.get_payload()


def test_smtp_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RIGHTSTRACK_SMTP_HOST", raising=False)
    assert SmtpSettings.from_environment() is None
    monkeypatch.setenv("RIGHTSTRACK_SMTP_HOST", "mail.gov.si")
    monkeypatch.setenv("RIGHTSTRACK_SMTP_PORT", "submission")
    with pytest.raises(ValueError, match="RIGHTSTRACK_SMTP_PORT"):
        SmtpSettings.from_environment()
    monkeypatch.setenv("RIGHTSTRACK_SMTP_PORT", "587")
    monkeypatch.setenv("RIGHTSTRACK_SMTP_STARTTLS", "1")
    assert SmtpSettings.from_environment() == SmtpSettings("mail.gov.si", 587, starttls=True)


def test_the_mid_term_report_charts_the_months(
    slovenia_store: Engine, team: Team, planned: dict[str, int]
) -> None:
    from rightstrack.tracking.reports import build_report

    with slovenia_store.connect() as connection:
        report = build_report(connection, team.plan_id, team.owner, "midterm", "es", TODAY)
    overview = report.sections[1]
    assert [chart.title for chart in overview.charts] == [
        "Estado de aplicación por grupo temático",
        "Medidas por estado, mes a mes",
    ]
    assert all(chart.png.startswith(b"\x89PNG") for chart in overview.charts)
