"""The JSON API of implementation tracking, ``/api/v1/plans`` and ``/api/v1/auth``.

Clients sign in with ``POST /api/v1/auth/login`` and send the token back as
``Authorization: Bearer …``. Every change names the ``version`` it was made against; a change to
an item someone else changed meanwhile answers 409 with the item as it now is.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import Table
from starlette.concurrency import run_in_threadpool

from rightstrack.accounts import (
    SESSION_LIFETIME,
    TooManyAttempts,
    authenticate,
    end_session,
    start_session,
)
from rightstrack.errors import Forbidden, NotFound, StaleEdit, TrackingError
from rightstrack.history import history
from rightstrack.limits import column_length, narrowed
from rightstrack.store.tracking_schema import UserRow
from rightstrack.tracking import assessments, measures, plans
from rightstrack.tracking.inputs import (
    AssessmentChange,
    MeasureChange,
    NewAgency,
    NewAssessment,
    NewIndicator,
    NewMeasure,
    NewMember,
    NewPlan,
    PlanChange,
    ProgressReport,
)
from rightstrack.tracking.monitoring import dashboard
from rightstrack.tracking.views import list_plans, plan_view, progress_of, today
from rightstrack.web.api_models import REFUSALS
from rightstrack.web.auth import check_api_write, client_address, current_user, signed_in, store
from rightstrack.web.params import Id, Version
from rightstrack.web.responses import JSONResponse
from rightstrack.web.tracking_models import (
    AssessmentRowOut,
    CreatedOut,
    DashboardOut,
    HistoryOut,
    MeasureRowOut,
    PlanOut,
    PlansOut,
    ProgressListOut,
    SignedInOut,
    SignedOutOut,
)

router = APIRouter(prefix="/api/v1", tags=["tracking"])
USERS: Table = UserRow.__table__  # type: ignore[assignment]


def tracking_status(exc: TrackingError) -> int:
    if isinstance(exc, TooManyAttempts):
        return 429
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, StaleEdit):
        return 409
    return 400


class Credentials(BaseModel):
    username: str = Field(max_length=column_length(USERS, "username"))
    password: str = Field(max_length=1000)


# The bodies are the tracking layer's inputs (``tracking.inputs``); a change names the version it
# was made against beside it.
class PlanPatch(PlanChange):
    version: Version


class MeasurePatch(MeasureChange):
    version: Version


class AssessmentPatch(AssessmentChange):
    version: Version


class ProgressBody(ProgressReport):
    version: Version | None = None  # of the measure or indicator the reporter saw


async def _write(request: Request, work: Any, *args: Any) -> Any:
    check_api_write(request)
    user = signed_in(request)

    def run() -> Any:
        with store(request).begin() as connection:
            return work(connection, user, *args)

    return await run_in_threadpool(run)


@router.post("/auth/login", response_model=SignedInOut, responses=REFUSALS)
def login(request: Request, credentials: Credentials) -> JSONResponse:
    user = authenticate(store(request), credentials.username, credentials.password, client_address(request))
    with store(request).begin() as connection:
        token = start_session(connection, user)
    return JSONResponse(
        {"token": token, "expires_in": int(SESSION_LIFETIME.total_seconds()), "user": asdict(user)}
    )


@router.post("/auth/logout", response_model=SignedOutOut)
def logout(request: Request) -> JSONResponse:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        with store(request).begin() as connection:
            end_session(connection, header[7:].strip())
    return JSONResponse({"signed_out": True})


@router.get("/plans", response_model=PlansOut)
def plans_list(request: Request) -> JSONResponse:
    with store(request).connect() as connection:
        return JSONResponse({"plans": [asdict(p) for p in list_plans(connection, current_user(request))]})


@router.post("/plans", status_code=201, response_model=CreatedOut, responses=REFUSALS)
async def plan_create(request: Request, body: NewPlan) -> JSONResponse:
    check_api_write(request)
    user = signed_in(request)
    plan_id = await run_in_threadpool(plans.create_plan, store(request), user, body)
    return JSONResponse({"id": plan_id}, status_code=201)


@router.get("/plans/{plan_id}", response_model=PlanOut, responses=REFUSALS)
def plan_get(request: Request, plan_id: Id) -> JSONResponse:
    with store(request).connect() as connection:
        return JSONResponse(plan_view(connection, plan_id, current_user(request)).to_dict())


@router.patch("/plans/{plan_id}", response_model=PlanOut, responses=REFUSALS)
async def plan_change(request: Request, plan_id: Id, body: PlanPatch) -> JSONResponse:
    def work(connection: Any, user: Any) -> None:
        plans.update_plan(connection, user, plan_id, narrowed(body, PlanChange), body.version)

    await _write(request, work)
    return plan_get(request, plan_id)


@router.post("/plans/{plan_id}/agencies", status_code=201, response_model=CreatedOut, responses=REFUSALS)
async def agency_create(request: Request, plan_id: Id, body: NewAgency) -> JSONResponse:
    agency_id = await _write(request, lambda c, u: plans.add_agency(c, u, plan_id, body))
    return JSONResponse({"id": agency_id}, status_code=201)


@router.post("/plans/{plan_id}/members", status_code=201, response_model=CreatedOut, responses=REFUSALS)
async def member_create(request: Request, plan_id: Id, body: NewMember) -> JSONResponse:
    member_id = await _write(request, lambda c, u: plans.add_member(c, u, plan_id, body))
    return JSONResponse({"id": member_id}, status_code=201)


@router.post("/plans/{plan_id}/measures", status_code=201, response_model=CreatedOut, responses=REFUSALS)
async def measure_create(request: Request, plan_id: Id, body: NewMeasure) -> JSONResponse:
    measure_id = await _write(request, lambda c, u: measures.create_measure(c, u, plan_id, body))
    return JSONResponse({"id": measure_id}, status_code=201)


@router.patch("/plans/{plan_id}/measures/{measure_id}", response_model=MeasureRowOut, responses=REFUSALS)
async def measure_change(request: Request, plan_id: Id, measure_id: Id, body: MeasurePatch) -> JSONResponse:
    change = narrowed(body, MeasureChange)
    after = await _write(
        request, lambda c, u: measures.update_measure(c, u, plan_id, measure_id, change, body.version)
    )
    return JSONResponse(after)


@router.post(
    "/plans/{plan_id}/{subject}s/{subject_id}/progress",
    status_code=201,
    response_model=CreatedOut,
    responses=REFUSALS,
)
async def progress_create(
    request: Request,
    plan_id: Id,
    subject: Literal["measure", "indicator"],
    subject_id: Id,
    body: ProgressBody,
) -> JSONResponse:
    progress_id = await _write(
        request,
        lambda c, u: measures.report_progress(c, u, plan_id, subject, subject_id, body, body.version),
    )
    return JSONResponse({"id": progress_id}, status_code=201)


@router.post("/plans/{plan_id}/indicators", status_code=201, response_model=CreatedOut, responses=REFUSALS)
async def indicator_create(request: Request, plan_id: Id, body: NewIndicator) -> JSONResponse:
    indicator_id = await _write(request, lambda c, u: measures.create_indicator(c, u, plan_id, body))
    return JSONResponse({"id": indicator_id}, status_code=201)


@router.post("/plans/{plan_id}/assessments", status_code=201, response_model=CreatedOut, responses=REFUSALS)
async def assessment_create(request: Request, plan_id: Id, body: NewAssessment) -> JSONResponse:
    assessment_id = await _write(request, lambda c, u: assessments.assess(c, u, plan_id, body))
    return JSONResponse({"id": assessment_id}, status_code=201)


@router.patch(
    "/plans/{plan_id}/assessments/{assessment_id}",
    response_model=AssessmentRowOut,
    responses=REFUSALS,
)
async def assessment_change(
    request: Request, plan_id: Id, assessment_id: Id, body: AssessmentPatch
) -> JSONResponse:
    change = narrowed(body, AssessmentChange)
    after = await _write(
        request,
        lambda c, u: assessments.update_assessment(c, u, plan_id, assessment_id, change, body.version),
    )
    return JSONResponse(after)


@router.get("/plans/{plan_id}/dashboard", response_model=DashboardOut, responses=REFUSALS)
def plan_dashboard(request: Request, plan_id: Id) -> JSONResponse:
    with store(request).connect() as connection:
        view = plan_view(connection, plan_id, current_user(request))
        board = dashboard(connection, view, today())
    content = asdict(board)
    content["agreement"] = [
        {"government": status, "assessor": finding, "recommendations": count}
        for (status, finding), count in board.agreement.items()
    ]
    content["timeline"] = [{"month": month, "measures": counts} for month, counts in board.timeline]
    return JSONResponse(content)


@router.get("/plans/{plan_id}/progress", response_model=ProgressListOut, responses=REFUSALS)
def plan_progress(request: Request, plan_id: Id) -> JSONResponse:
    with store(request).connect() as connection:
        reports = progress_of(connection, plan_id, current_user(request))
    return JSONResponse({"progress": [asdict(r) for r in reports]})


@router.get("/plans/{plan_id}/history", response_model=HistoryOut, responses=REFUSALS)
def plan_history(request: Request, plan_id: Id) -> JSONResponse:
    with store(request).connect() as connection:
        view = plan_view(connection, plan_id, current_user(request))
        view.access.require_member()
        changes = history(connection, plan_id, limit=1000)
    return JSONResponse({"changes": [asdict(c) for c in changes]})
