"""How long implementation tracking takes on a real plan: Slovenia's cycle-4 recommendations
(217 accepted), read from the UN's documents into a fresh SQLite store.

Measured: creating the plan (clusters proposed, overlaps linked), reading it as a page does,
its dashboard, and each report format; percentiles over repeated runs. The reference for pages
is the half second a person waits without noticing; printed as a ratio.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from timing import PAGE_BUDGET, line, timed  # bench/timing.py

from rightstrack import config
from rightstrack.accounts import User, create_user, start_session
from rightstrack.documents.formats import render
from rightstrack.domain import PlanRole, ProgressStatus
from rightstrack.ingest.pipeline import ingest_paths
from rightstrack.store.database import open_store
from rightstrack.tracking.inputs import NewAgency, NewMeasure, NewMember, NewPlan, ProgressReport
from rightstrack.tracking.measures import create_measure, report_progress
from rightstrack.tracking.monitoring import dashboard
from rightstrack.tracking.plans import add_agency, add_member, create_plan
from rightstrack.tracking.reports import build_report
from rightstrack.tracking.views import plan_view

REPEATS = 7


def _timed(work: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    return timed(work, repeats)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        started = time.perf_counter()
        ingest_paths(engine, [config.ohchr_documents_dir() / "slovenia"])
        print(f"Slovenia's documents ingested in {time.perf_counter() - started:.1f} s")
        with engine.begin() as connection:
            owner = create_user(connection, "owner", "benchmark password")
            agency = create_user(connection, "agency", "benchmark password")
        plans: list[int] = []
        line(
            "create plan (clusters, overlaps)",
            _timed(lambda: plans.append(create_plan(engine, owner, NewPlan(state="Slovenia", cycles=(4,))))),
        )
        plan_id = plans[0]
        with engine.begin() as connection:
            justice = add_agency(connection, owner, plan_id, NewAgency(name="Ministry of Justice"))
            agency = NewMember(username="agency", role=PlanRole.CONTRIBUTOR, agency_id=justice)
            add_member(connection, owner, plan_id, agency)
            view = plan_view(connection, plan_id, owner)
            for position, record_id in enumerate(list(view.recommendations)[:60]):
                measure = create_measure(
                    connection,
                    owner,
                    plan_id,
                    NewMeasure(
                        title=f"Measure {position}",
                        lead_agency_id=justice,
                        target_date=date(2027, 1, 1),
                        recommendation_ids=(record_id,),
                    ),
                )
                report_progress(
                    connection,
                    agency,
                    plan_id,
                    "measure",
                    measure,
                    ProgressReport(status=ProgressStatus.IN_PROGRESS, narrative="Under way"),
                )
        print("plan with 217 recommendations, 60 measures, 60 progress reports")

        def read() -> object:
            with engine.connect() as connection:
                return plan_view(connection, plan_id, owner)

        def board() -> object:
            with engine.connect() as connection:
                return dashboard(connection, plan_view(connection, plan_id, owner), date(2026, 11, 23))

        line("read the plan (plan page's data)", _timed(read), PAGE_BUDGET)
        line("dashboard", _timed(board), PAGE_BUDGET)
        with engine.connect() as connection:
            report = build_report(connection, plan_id, owner, "midterm", "fr", date(2026, 11, 23))
        for format_name in ("html", "docx", "pdf"):
            line(
                f"mid-term report in French, {format_name}",
                _timed(lambda f=format_name: render(report, f), 3),
            )
        line("build report content (incl. chart)", _timed(lambda: _build(engine, plan_id, owner), 3))
        _pages(engine, plan_id, owner)


def _pages(engine: Engine, plan_id: int, owner: User) -> None:
    """The pages as a browser gets them, through the whole ASGI stack (in process, no network)."""
    from fastapi.testclient import TestClient

    from rightstrack.search.engine import SearchEngine
    from rightstrack.web.app import create_app

    with engine.begin() as connection:
        token = start_session(connection, owner)
    with TestClient(create_app(search=SearchEngine(engine))) as client:
        client.cookies.set("rt_session", token)
        for name, path in (
            ("plan page (HTML, 217 recommendations)", f"/plans/{plan_id}"),
            ("dashboard page (HTML, chart)", f"/plans/{plan_id}/dashboard"),
            ("plan as JSON (API)", f"/api/v1/plans/{plan_id}"),
        ):
            assert client.get(path).status_code == 200
            line(name, _timed(lambda p=path: client.get(p)), PAGE_BUDGET)


def _build(engine: object, plan_id: int, owner: object) -> object:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return build_report(connection, plan_id, owner, "midterm", "fr", date(2026, 11, 23))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
