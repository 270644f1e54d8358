"""Pages of implementation plans: the list, a plan, a measure, the dashboard, the history, the
reports and the spreadsheet. Each shows what the reader's role allows; the forms post to
``plan_actions``."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
from collections import Counter, OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rightstrack.documents.formats import FORMATS
from rightstrack.documents.formats import render as render_report
from rightstrack.domain import Implementation, PlanRole, ProgressStatus
from rightstrack.errors import NotFound
from rightstrack.history import history
from rightstrack.languages import LOCALES, N_
from rightstrack.reference.states import all_states
from rightstrack.tracking.access import agencies_of_measure
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.measures import evidence_file
from rightstrack.tracking.monitoring import STATUSES, Dashboard, dashboard
from rightstrack.tracking.reminders import digests
from rightstrack.tracking.reports import KINDS, STATUS_LABELS, build_report, dashboard_charts
from rightstrack.tracking.spreadsheets import SHEETS, to_csv, to_xlsx, xlsx_filename
from rightstrack.tracking.views import list_plans, plan_view, progress_of, today
from rightstrack.web.auth import current_user, store
from rightstrack.web.downloads import disposition, document_response
from rightstrack.web.i18n import negotiate, state_names
from rightstrack.web.pages import render
from rightstrack.web.params import Id

router = APIRouter(include_in_schema=False)

ROLE_LABELS = {
    "owner": N_("plan owner"),
    "contributor": N_("agency contributor"),
    "assessor": N_("independent assessor"),
    "admin": N_("administrator"),
}

# What a form did, as the plan page says it (``?done=``); other values are shown as they come.
DONE_LABELS = {
    "created": N_("Plan created."),
    "saved": N_("Saved."),
    "agency added": N_("Agency added. Add another, or go on to the measures."),
    "member added": N_("Member added."),
    "cluster added": N_("Cluster added."),
    "recommendation added": N_("Recommendation added."),
    "indicator added": N_("Indicator added."),
    "progress recorded": N_("Progress recorded."),
    "assessment added": N_("Assessment added."),
    "assessment withdrawn": N_("Assessment withdrawn."),
    "renamed": N_("Renamed."),
    "deleted (restorable from the history)": N_("Deleted (restorable from the history)."),
}
MEASURE_DONE_LABELS = {**DONE_LABELS, "created": N_("Measure created.")}
MOVED = N_("{count} moved.")


def _done(request: Request, labels: dict[str, str]) -> tuple[str, dict[str, str]] | None:
    """What ``?done=`` says, as a message id and its values; an unknown value as it came."""
    done = request.query_params.get("done")
    if done is None:
        return None
    moved = re.fullmatch(r"(\d+) moved", done)
    if moved:
        return MOVED, {"count": moved[1]}
    return labels.get(done, done), {}


# After these the settings panel opens again, where the reader was working.
SETTINGS_DONE = frozenset({"saved", "member added", "cluster added", "recommendation added", "renamed"})


def _view(request: Request, plan_id: int) -> PlanView:
    with store(request).connect() as connection:
        return plan_view(connection, plan_id, current_user(request))


def _common(view: PlanView) -> dict[str, Any]:
    access = view.access
    return {
        "plan": view,
        "role": access.role.value if access.role else ("admin" if access.is_admin else None),
        "manages": access.manages,
        "is_member": access.is_member,
        "is_assessor": access.role is PlanRole.ASSESSOR,
        "statuses": [s.value for s in ProgressStatus],
        "findings": [f.value for f in Implementation],
        "status_labels": STATUS_LABELS,
        "roles": [r.value for r in PlanRole],
        "role_labels": ROLE_LABELS,
    }


def _overview(view: PlanView) -> dict[str, Any]:
    """The plan page's summary: measures by status, recommendations a measure answers (in all and
    per cluster, in the clusters' order)."""
    answered = {r.id for r in view.recommendations.values() if r.measure_ids}
    statuses = Counter(m.status for m in view.measures.values())
    return {
        "answered": len(answered),
        "cluster_answered": [sum(1 for i in c.recommendation_ids if i in answered) for c in view.clusters],
        "measure_statuses": [(s.value, statuses[s.value]) for s in ProgressStatus if statuses[s.value]],
        "settings_done": SETTINGS_DONE,
    }


@router.get("/plans", response_class=HTMLResponse)
def plans_page(request: Request) -> HTMLResponse:
    user = current_user(request)
    with store(request).connect() as connection:
        plans = list_plans(connection, user)
    states = state_names(all_states(), negotiate(request))
    return render(request, "plans.html", {"plans": plans, "states": states})


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(request: Request, plan_id: Id) -> HTMLResponse:
    view = _view(request, plan_id)
    user = current_user(request)
    editable: set[int] = set()
    if view.access.manages:
        editable = set(view.measures)
    elif view.access.role is PlanRole.CONTRIBUTOR:
        with store(request).connect() as connection:
            editable = {
                m for m in view.measures if view.access.agency_id in agencies_of_measure(connection, m)
            }
    return render(
        request,
        "plan.html",
        {
            **_common(view),
            **_overview(view),
            "editable": editable,
            "user_id": user.id if user else None,
            "kinds": KINDS,
            "formats": FORMATS,
            "report_locales": LOCALES,
            "done": request.query_params.get("done"),
            "done_message": _done(request, DONE_LABELS),
        },
    )


@router.get("/plans/{plan_id}/measures/{measure_id}", response_class=HTMLResponse)
def measure_page(request: Request, plan_id: Id, measure_id: Id) -> HTMLResponse:
    view = _view(request, plan_id)
    measure = view.measures.get(measure_id)
    if measure is None:
        raise NotFound(f"plan {plan_id} has no measure {measure_id}")
    with store(request).connect() as connection:
        agencies = agencies_of_measure(connection, measure_id)
        reports = progress_of(connection, plan_id, current_user(request), "measure", measure_id)
        indicator_reports = {
            i: progress_of(connection, plan_id, current_user(request), "indicator", i)
            for i in measure.indicator_ids
        }
    can_edit = view.access.manages or (
        view.access.role is PlanRole.CONTRIBUTOR and view.access.agency_id in agencies
    )
    return render(
        request,
        "measure.html",
        {
            **_common(view),
            "measure": measure,
            "can_edit": can_edit,
            "reports": reports,
            "indicator_reports": indicator_reports,
            "done": request.query_params.get("done"),
            "done_message": _done(request, MEASURE_DONE_LABELS),
        },
    )


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


# Drawing the dashboard's charts takes matplotlib 0.5-2 s, six times the page's budget, and most
# views show figures unchanged since the last one. So the drawn charts are kept, keyed by what
# they are drawn from (the counts by cluster, the timeline) and the language: a pure function's
# results, which no other server's change can make stale. 64 entries of ~100 KB at most.
_CHARTS: OrderedDict[tuple[str, str], list[tuple[str, str]]] = OrderedDict()
_CHARTS_LOCK = threading.Lock()
_CHARTS_KEPT = 64


def _charts(board: Dashboard, locale: str) -> list[tuple[str, str]]:
    drawn_from = repr(([(b.label, sorted(b.counts.items())) for b in board.by_cluster], board.timeline))
    key = (hashlib.sha256(drawn_from.encode()).hexdigest(), locale)
    with _CHARTS_LOCK:
        if key in _CHARTS:
            _CHARTS.move_to_end(key)
            return _CHARTS[key]
    charts = [(chart.title, _data_uri(chart.png)) for chart in dashboard_charts(board, locale)]
    with _CHARTS_LOCK:
        _CHARTS[key] = charts
        while len(_CHARTS) > _CHARTS_KEPT:
            _CHARTS.popitem(last=False)
    return charts


def _indicator_groups(view: PlanView) -> list[tuple[str, str | None, list[int]]]:
    """The dashboard's indicators by measure (title, link, indicator ids), then those of no measure."""
    groups: list[tuple[str, str | None, list[int]]] = [
        (m.title, f"/plans/{view.id}/measures/{m.id}", [i for i in m.indicator_ids if i in view.indicators])
        for m in view.measures.values()
    ]
    loose = [i.id for i in view.indicators.values() if not i.measure_ids]
    if loose:
        groups.append(("", None, loose))  # the template names it
    return groups


@router.get("/plans/{plan_id}/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, plan_id: Id) -> HTMLResponse:
    view = _view(request, plan_id)
    with store(request).connect() as connection:
        board = dashboard(connection, view, today())
        reminders = digests(connection, view, today()) if view.access.is_member else []
    return render(
        request,
        "plan_dashboard.html",
        {
            **_common(view),
            "board": board,
            "charts": _charts(board, negotiate(request)),
            "reminders": reminders,
            "indicator_groups": _indicator_groups(view),
            "today": today(),
            "all_statuses": STATUSES,
        },
    )


@router.get("/plans/{plan_id}/history", response_class=HTMLResponse)
def history_page(request: Request, plan_id: Id) -> HTMLResponse:
    view = _view(request, plan_id)
    view.access.require_member()
    with store(request).connect() as connection:
        changes = history(connection, plan_id, limit=1000)
    return render(request, "plan_history.html", {**_common(view), "changes": changes})


@router.get("/plans/{plan_id}/report.{format_name}")
def report_download(
    request: Request, plan_id: Id, format_name: str, kind: str = "midterm", language: str | None = None
) -> Response:
    locale = language or negotiate(request)
    with store(request).connect() as connection:
        report = build_report(connection, plan_id, current_user(request), kind, locale, today())  # type: ignore[arg-type]
    body = render_report(report, format_name)
    return document_response(body, format_name, report.filename(format_name), inline=format_name == "html")


@router.get("/plans/{plan_id}/plan.xlsx")
def export_xlsx(request: Request, plan_id: Id) -> Response:
    view = _view(request, plan_id)
    view.access.require_member()
    return Response(
        to_xlsx(view),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=disposition(xlsx_filename(view, today())),
    )


@router.get("/plans/{plan_id}/{sheet}.csv")
def export_csv(request: Request, plan_id: Id, sheet: str) -> Response:
    view = _view(request, plan_id)
    view.access.require_member()
    name = next((s for s in SHEETS if s.lower() == sheet.lower()), None)
    if name is None:
        raise NotFound(f"no sheet {sheet!r}: {', '.join(s.lower() for s in SHEETS)}")
    return Response(
        to_csv(view, name),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="plan-{plan_id}-{sheet.lower()}.csv"'},
    )


@router.get("/evidence/{file_id}")
def evidence_download(request: Request, file_id: Id) -> Response:
    with store(request).connect() as connection:
        name, _content_type, data = evidence_file(connection, current_user(request), file_id)
    # Always a download, never rendered here: an uploaded file must not run as this site's page.
    safe_name = "".join(c for c in name if c.isalnum() or c in "._- ") or "evidence"
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{safe_name}"'},
    )
