"""The JSON API of the Council elections: ``/api/v1/council-elections`` and ``/api/v1/council``.

Reading is open to all. Pledges are changed by administrators and elections editors, signed in
with a bearer token (``POST /api/v1/auth/login``) or the browser's session with ``X-CSRF-Token``;
a change names the ``version`` it was made against (409 if someone changed the pledge meanwhile).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from rightstrack.elections import pledges
from rightstrack.elections.council_upr import state_split
from rightstrack.elections.export import (
    candidate_json,
    membership_json,
    overview_json,
    pledge_status_json,
    split_json,
    year_json,
)
from rightstrack.elections.inputs import NewParticipation, NewPledge, PledgeChange
from rightstrack.elections.views import candidate_view, year_view
from rightstrack.errors import NotFound
from rightstrack.limits import narrowed
from rightstrack.reference.hrc import election_data
from rightstrack.reference.membership import timeline
from rightstrack.reference.states import UnknownStateError, parse_group, resolve_state
from rightstrack.web.api_models import BAD_REQUEST, ERRORS, REFUSALS
from rightstrack.web.auth import check_api_write, signed_in, store
from rightstrack.web.election_pages import council_upr
from rightstrack.web.elections_models import (
    CandidateOut,
    CouncilUprOut,
    DeletedOut,
    MemberHistoryOut,
    MembersOut,
    OverviewOut,
    ParticipationOut,
    PledgeOut,
    PledgeStatusesOut,
    YearOut,
)
from rightstrack.web.params import Id, Version, Year
from rightstrack.web.responses import JSONResponse

router = APIRouter(prefix="/api/v1", tags=["council elections"])


# Days before the vote under which a pledge counts as late: up to ten years, far past any use.
LateDays = Annotated[int, Query(ge=0, le=3650)]


def _state_code(name: str) -> str:
    try:
        return resolve_state(name).code
    except UnknownStateError as exc:
        raise NotFound(str(exc)) from None


@router.get("/council-elections", response_model=OverviewOut)
def overview() -> JSONResponse:
    """Every election since 2006: seats, candidates and slates per year; closed slates per group."""
    return JSONResponse(overview_json(election_data()))


@router.get("/council-elections/upr", response_model=CouncilUprOut)
def upr_split(request: Request) -> JSONResponse:
    """Recommendations by whether the recommending (or reviewed) state sat on the Council then."""
    analysis = council_upr(store(request))

    return JSONResponse(
        {
            "by_recommender": [split_json(s) for s in analysis.by_recommender],
            "by_reviewed": [split_json(s) for s in analysis.by_reviewed],
            "unknown_recommender": analysis.unknown_recommender,
        }
    )


@router.get("/council-elections/{year}", response_model=YearOut, responses=ERRORS)
def election(year: Year, group: str = "") -> JSONResponse:
    """One year's election: every group's seats, candidates, votes per round and sources."""
    return JSONResponse(year_json(year_view(election_data(), year, parse_group(group) if group else None)))


@router.get("/council-elections/{year}/candidates/{state}", response_model=CandidateOut, responses=ERRORS)
def candidate(request: Request, year: Year, state: str) -> JSONResponse:
    """A candidate's record from RightsTrack's own data, as facts."""
    code = _state_code(state)
    return JSONResponse(
        candidate_json(candidate_view(store(request), election_data(), timeline(), year, code))
    )


@router.get("/council/members", response_model=MembersOut, responses=BAD_REQUEST)
def members(on: date | None = None) -> JSONResponse:
    """The Council's members on a day (default: today)."""
    day = on or date.today()
    return JSONResponse(
        {"date": day.isoformat(), "members": [membership_json(m) for m in timeline().members_on(day)]}
    )


@router.get("/council/members/{state}", response_model=MemberHistoryOut, responses=ERRORS)
def member_history(request: Request, state: str) -> JSONResponse:
    """A state's Council terms, and the recommendations it made while a member and while not."""
    code = _state_code(state)
    made = state_split(store(request), timeline(), code)
    return JSONResponse(
        {
            "state": code,
            "terms": [membership_json(m) for m in timeline().history(code)],
            "recommendations_made": [split_json(side) for side in made],
        }
    )


@router.get("/council-elections/{year}/pledges", response_model=PledgeStatusesOut, responses=ERRORS)
def pledge_statuses(request: Request, year: Year, late_days: LateDays = pledges.LATE_DAYS) -> JSONResponse:
    """Each candidate's pledges document, its timeliness and its pledging events."""
    with store(request).connect() as connection:
        found = pledges.statuses(connection, election_data(), year, late_days)
    return JSONResponse(
        {"year": year, "late_days": late_days, "candidates": [pledge_status_json(s) for s in found]}
    )


# The bodies are the elections layer's inputs (``elections.inputs``); a change names the version
# it was made against beside it.
class PledgePatch(PledgeChange):
    version: Version


def _pledge_json(pledge: pledges.Pledge) -> dict[str, Any]:
    return {
        "id": pledge.id,
        "year": pledge.year,
        "state": pledge.state,
        "symbol": pledge.symbol,
        "published_on": pledge.published_on.isoformat() if pledge.published_on else None,
        "url": pledge.url,
        "note": pledge.note,
        "version": pledge.version,
    }


@router.post(
    "/council-elections/{year}/pledges", status_code=201, response_model=PledgeOut, responses=REFUSALS
)
async def create_pledge(request: Request, year: Year, body: NewPledge) -> JSONResponse:
    check_api_write(request)
    user = signed_in(request)

    def run() -> pledges.Pledge:
        with store(request).begin() as connection:
            return pledges.add_pledge(connection, user, election_data(), year, body)

    return JSONResponse(_pledge_json(await run_in_threadpool(run)), status_code=201)


@router.patch("/pledges/{pledge_id}", response_model=PledgeOut, responses=REFUSALS)
async def change_pledge(request: Request, pledge_id: Id, body: PledgePatch) -> JSONResponse:
    check_api_write(request)
    user = signed_in(request)
    change = narrowed(body, PledgeChange)

    def run() -> pledges.Pledge:
        with store(request).begin() as connection:
            return pledges.update_pledge(connection, user, election_data(), pledge_id, change, body.version)

    return JSONResponse(_pledge_json(await run_in_threadpool(run)))


@router.delete("/pledges/{pledge_id}", response_model=DeletedOut, responses=REFUSALS)
async def remove_pledge(request: Request, pledge_id: Id, version: Version) -> JSONResponse:
    check_api_write(request)
    user = signed_in(request)

    def run() -> None:
        with store(request).begin() as connection:
            pledges.delete_pledge(connection, user, pledge_id, version)

    await run_in_threadpool(run)
    return JSONResponse({"deleted": pledge_id})


@router.post(
    "/council-elections/{year}/participation",
    status_code=201,
    response_model=ParticipationOut,
    responses=REFUSALS,
)
async def record_participation(request: Request, year: Year, body: NewParticipation) -> JSONResponse:
    """Records whether a candidate took part in a pledging event (the event is created if new)."""
    check_api_write(request)
    user = signed_in(request)

    def run() -> dict[str, Any]:
        with store(request).begin() as connection:
            done = pledges.participate(connection, user, election_data(), year, body)
        return {
            "id": done.id,
            "event_id": done.event_id,
            "state": body.state.upper(),
            "took_part": body.took_part,
        }

    return JSONResponse(await run_in_threadpool(run), status_code=201)
