"""The Council elections on the web: an overview with the competitiveness chart, a page per year
(with its pledges, editable by elections editors), a page per candidate, the Council's members on
any day, and the yearly briefing as HTML, PDF or DOCX."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.documents.formats import FORMATS, render
from rightstrack.documents.workbook import table_workbook
from rightstrack.elections import pledges
from rightstrack.elections.briefing import GROUPS, build_briefing, shipped_chart
from rightstrack.elections.competitiveness import closed_shares, yearly
from rightstrack.elections.council_upr import CouncilUprAnalysis, membership_split
from rightstrack.elections.inputs import NewParticipation, NewPledge
from rightstrack.elections.views import candidate_view, year_view
from rightstrack.errors import InvalidInput, NotFound
from rightstrack.languages import translations
from rightstrack.reference.hrc import election_data
from rightstrack.reference.membership import timeline
from rightstrack.reference.states import parse_group
from rightstrack.store.database import data_fingerprint
from rightstrack.web.auth import current_user, store
from rightstrack.web.downloads import XLSX, chart_about, disposition, document_response
from rightstrack.web.forms import Fields, submit
from rightstrack.web.i18n import negotiate, state_names
from rightstrack.web.pages import render as render_page
from rightstrack.web.params import Id, Year

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=8)
def _split(engine: Engine, fingerprint: str) -> CouncilUprAnalysis:
    """Cached per store and its data: the join reads every recommendation (about 1.5 s for 38,000).

    Keyed by the data's fingerprint, not by a count of records: an addendum changes responses
    and not the count, and another server or the command line may have written since."""
    return membership_split(engine, timeline())


def council_upr(engine: Engine) -> CouncilUprAnalysis:
    with engine.connect() as connection:
        fingerprint = data_fingerprint(connection)
    return _split(engine, fingerprint)


@router.get("/council-elections", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    data = election_data()
    context = {
        "years": yearly(data),
        "shares": closed_shares(data),
        "split": council_upr(store(request)),
        "groups": GROUPS,
    }
    return render_page(request, "council_elections.html", context)


@router.get("/council-elections/chart.png")
def chart(request: Request) -> Response:
    png = shipped_chart(negotiate(request))
    return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})


@router.get("/council-elections/{year}", response_class=HTMLResponse)
def year_page(request: Request, year: Year, group: str = "", done: str = "") -> HTMLResponse:
    data = election_data()
    view = year_view(data, year, parse_group(group) if group else None)
    user = current_user(request)
    with store(request).connect() as connection:
        status = pledges.statuses(connection, data, year)
    candidates = sorted({c.state for contest in view.contests for c in contest.standing})
    context = {
        "view": view,
        "statuses": status,
        "late_days": pledges.LATE_DAYS,
        "groups": GROUPS,
        "names": state_names(candidates, negotiate(request)),
        "can_edit": bool(user and user.edits_elections),
        "formats": FORMATS,
        "done": done,
    }
    return render_page(request, "council_year.html", context)


@router.get("/council-elections/{year}/briefing.{format_name}")
def briefing(request: Request, year: Year, format_name: str, lang: str = "") -> Response:
    if format_name not in FORMATS:
        raise NotFound(f"no briefing as {format_name!r} (one of {', '.join(FORMATS)})")
    locale = lang or negotiate(request)
    report = build_briefing(store(request), election_data(), timeline(), year, locale, date.today())
    body = render(report, format_name)
    filename = f"hrc-election-{year}-briefing-{locale}.{format_name}"
    return document_response(body, format_name, filename, inline=format_name in ("html", "pdf"))


@router.get("/council-elections/{year}/results.xlsx")
def results_workbook(request: Request, year: Year) -> Response:
    """The year's candidates and votes as a styled workbook, with an "About" sheet of its sources."""
    view = year_view(election_data(), year)
    columns = ["group", "seats", "state", "votes per round", "outcome", "slate", "election"]
    rows = [
        [
            contest.group.value,
            contest.seats,
            candidacy.state,
            " / ".join("" if v is None else str(v) for v in candidacy.votes),
            candidacy.outcome.value,
            contest.status,
            contest.election.kind.value,
        ]
        for contest in view.contests
        for candidacy in (*contest.standing, *contest.withdrawn)
    ]
    about = [
        ("election", f"Human Rights Council, {year}"),
        ("vote in the General Assembly", view.held.isoformat()),
        *((f"source: {s.publisher}", f"{s.published.isoformat()}: {s.title}. {s.url}") for s in view.sources),
        *chart_about(store(request)),
    ]
    body = table_workbook(f"HRC election {year}", columns, rows, about)
    return Response(body, media_type=XLSX, headers=disposition(f"hrc-election-{year}-results.xlsx"))


@router.get("/council-elections/{year}/{state}", response_class=HTMLResponse)
def candidate_page(request: Request, year: Year, state: str) -> HTMLResponse:
    view = candidate_view(store(request), election_data(), timeline(), year, state)
    return render_page(request, "council_candidate.html", {"view": view, "groups": GROUPS})


@router.get("/council", response_class=HTMLResponse)
def members_page(request: Request, on: str = "") -> HTMLResponse:
    try:
        day = date.fromisoformat(on) if on else date.today()
    except ValueError:
        raise ValueError(f"on: {on!r} is not a date (YYYY-MM-DD)") from None
    members = timeline().members_on(day)
    suspended = [s for s in timeline().suspensions() if s.start <= day and (s.end is None or day <= s.end)]
    vacant = [v for v in timeline().vacancies() if v.start <= day <= v.end]
    context = {
        "day": day,
        "members": members,
        "suspended": {s.state for s in suspended},
        "vacant": vacant,
        "names": state_names((m.state for m in members), negotiate(request)),
        "groups": GROUPS,
    }
    return render_page(request, "council_members.html", context)


def _back(year: int) -> str:
    return f"/council-elections/{year}"


@router.post("/council-elections/{year}/pledges")
async def add_pledge(request: Request, year: Year) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        pledge = NewPledge(
            state=f.text("state"),
            symbol=f.text("symbol"),
            published_on=f.day("published_on"),
            url=f.text("url"),
            note=f.text("note"),
        )
        pledges.add_pledge(connection, user, election_data(), year, pledge)
        return translations(negotiate(request)).gettext("pledge recorded")

    return await submit(request, work, _back(year))


@router.post("/council-elections/{year}/pledges/{pledge_id}/delete")
async def delete_pledge(request: Request, year: Year, pledge_id: Id) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        pledges.delete_pledge(connection, user, pledge_id, f.integer("version"))
        return translations(negotiate(request)).gettext("pledge removed")

    return await submit(request, work, _back(year))


@router.post("/council-elections/{year}/participation")
async def add_participation(request: Request, year: Year) -> RedirectResponse:
    def work(connection: Connection, user: User, f: Fields) -> str:
        held_on = f.day("held_on")
        if held_on is None:
            raise InvalidInput("held_on", "give the event's date")
        entry = NewParticipation(
            state=f.text("state"),
            held_on=held_on,
            place=f.text("place"),
            organisers=f.text("organisers"),
            took_part=f.text("took_part") == "yes",
        )
        pledges.participate(connection, user, election_data(), year, entry)
        return translations(negotiate(request)).gettext("participation recorded")

    return await submit(request, work, _back(year))
