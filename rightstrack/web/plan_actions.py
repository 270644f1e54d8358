"""The forms of the plan pages. Every one checks the CSRF token and the signed-in user; the
tracking layer checks the role. After a change the browser goes back where it came from (303)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool

from rightstrack.accounts import User
from rightstrack.domain import Implementation, PlanRole, ProgressStatus
from rightstrack.errors import InvalidInput, NotFound
from rightstrack.limits import parse
from rightstrack.tracking import assessments, inputs, measures, plans
from rightstrack.tracking.reminders import SmtpSettings, digests, send
from rightstrack.tracking.spreadsheet_import import import_sheets
from rightstrack.tracking.spreadsheets import MAX_FILE_BYTES, read_spreadsheet
from rightstrack.tracking.views import plan_view, today
from rightstrack.web.auth import store
from rightstrack.web.forms import MAX_UPLOAD, Fields, checked_form, submit
from rightstrack.web.params import Id

router = APIRouter(include_in_schema=False)

TABLES = {
    "plan_clusters": plans.CLUSTERS,
    "agencies": plans.AGENCIES,
    "plan_members": plans.MEMBERS,
    "plan_recommendations": plans.PLAN_RECOMMENDATIONS,
    "measures": measures.MEASURES,
    "indicators": measures.INDICATORS,
}


@router.post("/plans")
async def create_plan(request: Request) -> RedirectResponse:
    form, user = await checked_form(request)
    fields = Fields(form)
    draft = inputs.NewPlan(
        state=fields.text("state"),
        cycles=fields.ints("cycles"),
        title=fields.text("title"),
        description=fields.text("description"),
        include_noted=fields.checked("include_noted"),
        propose_clusters=fields.checked("propose_clusters"),
    )
    plan_id = await run_in_threadpool(plans.create_plan, store(request), user, draft)
    return RedirectResponse(f"/plans/{plan_id}?done=created", status_code=303)


@router.post("/plans/{plan_id}/settings")
async def plan_settings(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        change = inputs.PlanChange(
            title=f.text("title"), description=f.text("description"), published=f.checked("published")
        )
        plans.update_plan(connection, user, plan_id, change, f.integer("version"))
        return "saved"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/agencies")
async def add_agency(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        agency = inputs.NewAgency(name=f.text("name"), kind=f.text("kind"))
        plans.add_agency(connection, user, plan_id, agency)
        # Back to the agencies, whose field takes the next name: several are added in a row.
        return f"/plans/{plan_id}?done=agency%20added#agencies"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/members")
async def add_member(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        member = inputs.NewMember(
            username=f.text("username"),
            role=f.choice("role", PlanRole),
            agency_id=f.optional_int("agency_id"),
            organisation=f.text("organisation"),
        )
        plans.add_member(connection, user, plan_id, member)
        return f"/plans/{plan_id}?done=member%20added#settings"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/clusters")
async def add_cluster(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        plans.add_cluster(connection, user, plan_id, f.text("name"))
        return f"/plans/{plan_id}?done=cluster%20added#settings"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/recommendations")
async def add_recommendation(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        plans.add_recommendation(connection, user, plan_id, f.integer("recommendation_id"))
        return f"/plans/{plan_id}?done=recommendation%20added#settings"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/arrange")
async def arrange(request: Request, plan_id: Id) -> RedirectResponse:
    """Moves recommendations between clusters (one select per recommendation, with its version)."""

    def work(connection: Connection, user: User, f: Fields) -> str:
        view = plan_view(connection, plan_id, user)
        moved = 0
        for record in view.recommendations.values():
            chosen = f.optional_int(f"cluster_{record.id}")
            if chosen is None or chosen == record.cluster_id:
                continue
            version = f.optional_int(f"version_{record.id}") or record.version
            plans.move_recommendation(connection, user, plan_id, record.link_id, version, chosen)
            moved += 1
        return f"{moved} moved"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/move")
async def move(request: Request, plan_id: Id) -> RedirectResponse:
    """Moves the ticked recommendations (the new-measure form's boxes) into one cluster."""

    def work(connection: Connection, user: User, f: Fields) -> str:
        target = f.integer("target_cluster_id")
        ticked = set(f.ints("recommendation_ids"))
        view = plan_view(connection, plan_id, user)
        moved = 0
        for record in view.recommendations.values():
            if record.id in ticked and record.cluster_id != target:
                plans.move_recommendation(connection, user, plan_id, record.link_id, record.version, target)
                moved += 1
        return f"/plans/{plan_id}?done={moved}%20moved#recommendations"

    return await submit(request, work, f"/plans/{plan_id}")


def _measure_draft(f: Fields) -> inputs.NewMeasure:
    return inputs.NewMeasure(
        title=f.text("title"),
        description=f.text("description"),
        lead_agency_id=f.optional_int("lead_agency_id"),
        supporting_agency_ids=f.ints("supporting_agency_ids"),
        start_date=f.day("start_date"),
        target_date=f.day("target_date"),
        budget=f.number("budget"),
        currency=f.text("currency"),
        expected_outcome=f.text("expected_outcome"),
        recommendation_ids=f.ints("recommendation_ids"),
    )


@router.post("/plans/{plan_id}/measures")
async def create_measure(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        measure_id = measures.create_measure(connection, user, plan_id, _measure_draft(f))
        return f"/plans/{plan_id}/measures/{measure_id}?done=created"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/measures/{measure_id}")
async def update_measure(request: Request, plan_id: Id, measure_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        values: dict[str, Any] = {}
        readers: dict[str, Callable[[str], Any]] = {
            "title": f.text,
            "description": f.text,
            "expected_outcome": f.text,
            "currency": f.text,
            "start_date": f.day,
            "target_date": f.day,
            "budget": f.number,
            "lead_agency_id": f.optional_int,
        }
        for name, read in readers.items():
            if name in f.form:
                values[name] = read(name)
        change = parse(inputs.MeasureChange, values)
        measures.update_measure(connection, user, plan_id, measure_id, change, f.integer("version"))
        if "supporting_agency_ids" in f.form or "recommendation_ids" in f.form:
            measures.set_measure_links(
                connection,
                user,
                plan_id,
                measure_id,
                supporting_agency_ids=f.ints("supporting_agency_ids")
                if "supporting_agency_ids" in f.form
                else None,
                recommendation_ids=f.ints("recommendation_ids") if "recommendation_ids" in f.form else None,
            )
        return "saved"

    return await submit(request, work, f"/plans/{plan_id}/measures/{measure_id}")


async def _report(request: Request, plan_id: Id, subject: str, subject_id: Id, back: str) -> RedirectResponse:
    form = await request.form(max_part_size=MAX_UPLOAD)
    uploads = [
        (u.filename or "evidence", u.content_type or "", await u.read()) for u in Fields(form).files("files")
    ]

    def work(connection: Connection, user: User, f: Fields) -> str:
        report = inputs.ProgressReport(
            status=f.choice("status", ProgressStatus),
            narrative=f.text("narrative"),
            value=f.number("value"),
            evidence_links=tuple(f.text("evidence_links").splitlines()),
            reported_on=f.day("reported_on"),
        )
        measures.report_progress(
            connection, user, plan_id, subject, subject_id, report, f.optional_int("version"), uploads
        )
        return "progress recorded"

    return await submit(request, work, back)


@router.post("/plans/{plan_id}/measures/{measure_id}/progress")
async def measure_progress(request: Request, plan_id: Id, measure_id: Id) -> RedirectResponse:
    return await _report(request, plan_id, "measure", measure_id, f"/plans/{plan_id}/measures/{measure_id}")


@router.post("/plans/{plan_id}/indicators/{indicator_id}/progress")
async def indicator_progress(request: Request, plan_id: Id, indicator_id: Id) -> RedirectResponse:
    back = request.query_params.get("back", "")
    target = back if back.startswith(f"/plans/{plan_id}/") else f"/plans/{plan_id}"
    return await _report(request, plan_id, "indicator", indicator_id, target)


@router.post("/plans/{plan_id}/indicators")
async def create_indicator(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        measures.create_indicator(
            connection,
            user,
            plan_id,
            inputs.NewIndicator(
                name=f.text("name"),
                unit=f.text("unit"),
                baseline=f.number("baseline"),
                target=f.number("target"),
                due_date=f.day("due_date"),
                measure_ids=f.ints("measure_ids"),
                recommendation_ids=f.ints("recommendation_ids"),
            ),
        )
        return "indicator added"

    back = request.query_params.get("back", "")
    return await submit(request, work, back if back.startswith(f"/plans/{plan_id}/") else f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/assessments")
async def assess(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        assessment = inputs.NewAssessment(
            recommendation_id=f.integer("recommendation_id"),
            status=f.choice("status", Implementation),
            sources=f.text("sources"),
            comment=f.text("comment"),
        )
        assessments.assess(connection, user, plan_id, assessment)
        # Back to the recommendation assessed: the browser opens the cluster that holds it.
        return f"/plans/{plan_id}?done=assessment%20added#r{assessment.recommendation_id}"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/assessments/{assessment_id}/withdraw")
async def withdraw(request: Request, plan_id: Id, assessment_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        assessments.withdraw_assessment(connection, user, plan_id, assessment_id, f.integer("version"))
        return "assessment withdrawn"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/delete/{entity}/{entity_id}")
async def delete(request: Request, plan_id: Id, entity: str, entity_id: Id) -> RedirectResponse:
    table = TABLES.get(entity)
    if table is None:
        raise NotFound(f"nothing called {entity!r} can be deleted")

    def work(connection: Connection, user: User, f: Fields) -> str:
        plans.delete_item(connection, user, plan_id, table, entity_id, f.optional_int("version"))
        return "deleted (restorable from the history)"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/rename/{entity}/{entity_id}")
async def rename(request: Request, plan_id: Id, entity: str, entity_id: Id) -> RedirectResponse:
    if entity not in ("plan_clusters", "agencies"):
        raise NotFound(f"nothing called {entity!r} can be renamed")

    def work(connection: Connection, user: User, f: Fields) -> str:
        plans.rename_item(
            connection, user, plan_id, TABLES[entity], entity_id, f.integer("version"), f.text("name")
        )
        return "renamed"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/restore/{entity}/{entity_id}")
async def restore(request: Request, plan_id: Id, entity: str, entity_id: Id) -> RedirectResponse:
    table = TABLES.get(entity)
    if table is None:
        raise NotFound(f"nothing called {entity!r} can be restored")

    def work(connection: Connection, user: User, f: Fields) -> str:
        plans.restore_item(connection, user, plan_id, table, entity_id)
        return "restored"

    return await submit(request, work, f"/plans/{plan_id}/history")


@router.post("/plans/{plan_id}/import")
async def import_spreadsheet(request: Request, plan_id: Id) -> RedirectResponse:
    form, _ = await checked_form(request)  # CSRF and a signed-in user before the file is read
    upload = next(iter(Fields(form).files("file")), None)
    if upload is None:
        raise InvalidInput("file", "choose an .xlsx or .csv file")
    name = upload.filename or "upload"
    # One byte more than allowed tells a file over the limit without reading the rest of it.
    data = await upload.read(MAX_FILE_BYTES + 1)
    sheet = Fields(form).text("sheet") or "Measures"
    # Read and checked before the transaction: a large or bad file never holds the write lock.
    sheets = await run_in_threadpool(read_spreadsheet, data, name, sheet)

    def work(connection: Connection, user: User, f: Fields) -> str:
        summary = import_sheets(connection, user, plan_id, sheets)
        return f"imported: {summary.created} created, {summary.updated} updated, {summary.moved} moved"

    return await submit(request, work, f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/reminders")
async def send_reminders(request: Request, plan_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        view = plan_view(connection, plan_id, user)
        view.access.require_manager()
        settings = SmtpSettings.from_environment()
        if settings is None:
            raise InvalidInput("smtp", "no mail server is configured (RIGHTSTRACK_SMTP_HOST)")
        sent = send(digests(connection, view, today()), settings, today())
        return f"{sent} reminders sent"

    return await submit(request, work, f"/plans/{plan_id}/dashboard")
