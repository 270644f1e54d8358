"""Candidates' voluntary pledges documents and their part in pledging events: kept in the store,
edited by administrators and elections editors only, every change recorded (``changes``).

Timeliness: GA resolution 60/251 asks voters to take the pledges into account, which they can do
only if the pledges are out before the vote. RightsTrack flags a pledge published fewer than
``late_days`` days before the election (30 by default: a threshold of its own, not a UN rule, which
every function takes as a parameter), and a candidate with no pledge recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from rightstrack.domain import CandidacyOutcome, ElectionKind
from rightstrack.elections.inputs import NewParticipation, NewPledge, PledgeChange
from rightstrack.elections.options import LATE_DAYS as LATE_DAYS
from rightstrack.errors import Forbidden, InvalidInput, NotFound
from rightstrack.history import Recorder
from rightstrack.limits import check_row
from rightstrack.reference.hrc import ElectionData
from rightstrack.store.elections_schema import PledgeDocumentRow, PledgingEventRow, PledgingParticipationRow

if TYPE_CHECKING:
    from rightstrack.accounts import User  # a type only: accounts brings argon2 and zxcvbn's hooks

PLEDGES: Table = PledgeDocumentRow.__table__  # type: ignore[assignment]
EVENTS: Table = PledgingEventRow.__table__  # type: ignore[assignment]
PARTICIPATION: Table = PledgingParticipationRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True, kw_only=True)
class Pledge:
    id: int
    year: int
    state: str
    symbol: str | None
    published_on: date | None
    url: str | None
    note: str | None
    version: int


@dataclass(frozen=True, kw_only=True)
class Participation:
    id: int
    event_id: int
    held_on: date
    place: str
    state: str
    took_part: bool
    version: int


@dataclass(frozen=True, kw_only=True)
class PledgeStatus:
    state: str
    group: str
    pledge: Pledge | None
    days_before: int | None  # days between publication and the election
    flag: str  # "on time", "late", "after the vote", "date unknown", "none recorded"
    events: tuple[Participation, ...]


def require_editor(user: User | None) -> User:
    if user is None or not user.edits_elections:
        raise Forbidden("only administrators and elections editors may change pledges")
    return user


def election_day(data: ElectionData, year: int) -> date:
    days = [e.held for e in data.elections if e.year == year and e.kind is ElectionKind.REGULAR]
    if not days:
        raise NotFound(
            f"no Council election in {year} (the data covers {min(data.years())}–{max(data.years())})"
        )
    return days[0]


def _candidates(data: ElectionData, year: int) -> dict[str, str]:
    election_day(data, year)
    return {c.state: c.group.value for c in data.candidacies if c.year == year}


def _checked(data: ElectionData, values: dict[str, Any]) -> dict[str, Any]:
    """The pledge's row, once its state is known to have been a candidate that year and it
    names its document (the fields' own rules are ``NewPledge``'s)."""
    year, state = int(values["year"]), str(values["state_code"]).upper()
    if state not in _candidates(data, year):
        raise InvalidInput("state", f"{state} was not a candidate in the {year} election")
    if values.get("symbol") is None and values.get("url") is None:
        raise InvalidInput("symbol", "give the document's symbol or its address")
    checked = {**values, "year": year, "state_code": state}
    check_row(PLEDGES, checked, fields={"state_code": "state"})
    return checked


def _pledge(row: Any) -> Pledge:
    return Pledge(
        id=row.id,
        year=row.year,
        state=row.state_code,
        symbol=row.symbol,
        published_on=row.published_on,
        url=row.url,
        note=row.note,
        version=row.version,
    )


def pledges(connection: Connection, year: int | None = None) -> list[Pledge]:
    query = select(PLEDGES).where(PLEDGES.c.deleted_at.is_(None))
    if year is not None:
        query = query.where(PLEDGES.c.year == year)
    return [_pledge(row) for row in connection.execute(query.order_by(PLEDGES.c.year, PLEDGES.c.state_code))]


def add_pledge(
    connection: Connection, user: User | None, data: ElectionData, year: int, pledge: NewPledge
) -> Pledge:
    editor = require_editor(user)
    values = pledge.model_dump(exclude={"state"})
    checked = _checked(data, {**values, "year": year, "state_code": pledge.state})
    pledge_id = Recorder(connection, editor.id).insert(PLEDGES, {**checked, "version": 1})
    return get_pledge(connection, pledge_id)


def get_pledge(connection: Connection, pledge_id: int) -> Pledge:
    row = connection.execute(select(PLEDGES).where(PLEDGES.c.id == pledge_id)).first()
    if row is None or row.deleted_at is not None:
        raise NotFound(f"pledge {pledge_id} does not exist")
    return _pledge(row)


def update_pledge(
    connection: Connection,
    user: User | None,
    data: ElectionData,
    pledge_id: int,
    change: PledgeChange,
    version: int,
) -> Pledge:
    """Applies the fields ``change`` gives to the pledge."""
    editor = require_editor(user)
    current = get_pledge(connection, pledge_id)
    merged = {
        "year": current.year,
        "state_code": current.state,
        "symbol": current.symbol,
        "published_on": current.published_on,
        "url": current.url,
        "note": current.note,
        **change.changes(),
    }
    Recorder(connection, editor.id).update(PLEDGES, pledge_id, version, _checked(data, merged))
    return get_pledge(connection, pledge_id)


def delete_pledge(connection: Connection, user: User | None, pledge_id: int, version: int) -> None:
    editor = require_editor(user)
    get_pledge(connection, pledge_id)
    Recorder(connection, editor.id).delete(PLEDGES, pledge_id, version)


def add_event(
    connection: Connection, user: User | None, year: int, held_on: date, place: str, organisers: str = ""
) -> int:
    editor = require_editor(user)
    if not place.strip():
        raise InvalidInput("place", "say where the event was held")
    values = {
        "year": year,
        "held_on": held_on,
        "place": place.strip(),
        "organisers": organisers.strip() or None,
    }
    check_row(EVENTS, values)
    return Recorder(connection, editor.id).insert(EVENTS, {**values, "version": 1})


def find_event(connection: Connection, year: int, held_on: date, place: str) -> int | None:
    return connection.execute(
        select(EVENTS.c.id).where(
            EVENTS.c.year == year,
            EVENTS.c.held_on == held_on,
            EVENTS.c.place == place.strip(),
            EVENTS.c.deleted_at.is_(None),
        )
    ).scalar()


@dataclass(frozen=True, kw_only=True)
class Participated:
    """What ``participate`` recorded: the participation row, its event, and whether the event
    was new."""

    id: int
    event_id: int
    new_event: bool


def participate(
    connection: Connection, user: User | None, data: ElectionData, year: int, entry: NewParticipation
) -> Participated:
    """Records whether a candidate took part in a pledging event of ``year``, recording the event
    (its day and place) first if it is new."""
    require_editor(user)
    event_id = find_event(connection, year, entry.held_on, entry.place)
    new_event = event_id is None
    if event_id is None:
        event_id = add_event(connection, user, year, entry.held_on, entry.place, entry.organisers)
    row_id = record_participation(connection, user, data, event_id, entry.state, entry.took_part, entry.note)
    return Participated(id=row_id, event_id=event_id, new_event=new_event)


def record_participation(
    connection: Connection,
    user: User | None,
    data: ElectionData,
    event_id: int,
    state: str,
    took_part: bool,
    note: str = "",
) -> int:
    """Records (or changes) whether ``state`` took part in the event; one row per state and event."""
    editor = require_editor(user)
    event = connection.execute(select(EVENTS).where(EVENTS.c.id == event_id)).first()
    if event is None or event.deleted_at is not None:
        raise NotFound(f"pledging event {event_id} does not exist")
    state = state.upper()
    if state not in _candidates(data, event.year):
        raise InvalidInput("state", f"{state} was not a candidate in the {event.year} election")
    recorder = Recorder(connection, editor.id)
    existing = connection.execute(
        select(PARTICIPATION).where(
            PARTICIPATION.c.event_id == event_id,
            PARTICIPATION.c.state_code == state,
            PARTICIPATION.c.deleted_at.is_(None),
        )
    ).first()
    values = {"took_part": took_part, "note": note.strip() or None}
    if existing is None:
        return recorder.insert(
            PARTICIPATION, {"event_id": event_id, "state_code": state, **values, "version": 1}
        )
    if (bool(existing.took_part), existing.note) != (took_part, values["note"]):
        recorder.update(PARTICIPATION, existing.id, None, values)
    return int(existing.id)


def participation(connection: Connection, year: int) -> list[Participation]:
    rows = connection.execute(
        select(PARTICIPATION, EVENTS.c.held_on, EVENTS.c.place)
        .join(EVENTS, EVENTS.c.id == PARTICIPATION.c.event_id)
        .where(EVENTS.c.year == year, EVENTS.c.deleted_at.is_(None), PARTICIPATION.c.deleted_at.is_(None))
        .order_by(EVENTS.c.held_on, PARTICIPATION.c.state_code)
    )
    return [
        Participation(
            id=r.id,
            event_id=r.event_id,
            held_on=r.held_on,
            place=r.place,
            state=r.state_code,
            took_part=bool(r.took_part),
            version=r.version,
        )
        for r in rows
    ]


def statuses(
    connection: Connection, data: ElectionData, year: int, late_days: int = LATE_DAYS
) -> list[PledgeStatus]:
    """Each candidate on the ballot: its pledge (the earliest published), and how timely it was."""
    held = election_day(data, year)
    recorded: dict[str, list[Pledge]] = {}
    for document in pledges(connection, year):
        recorded.setdefault(document.state, []).append(document)
    events: dict[str, list[Participation]] = {}
    for item in participation(connection, year):
        events.setdefault(item.state, []).append(item)
    found = []
    for candidacy in data.candidacies:
        if candidacy.year != year or candidacy.outcome is CandidacyOutcome.WITHDRAWN:
            continue
        if candidacy.kind is not ElectionKind.REGULAR:
            continue
        documents = sorted(recorded.get(candidacy.state, []), key=lambda p: p.published_on or date.max)
        earliest = documents[0] if documents else None
        days = (held - earliest.published_on).days if earliest and earliest.published_on else None
        if earliest is None:
            flag = "none recorded"
        elif days is None:
            flag = "date unknown"
        elif days < 0:
            flag = "after the vote"
        else:
            flag = "late" if days < late_days else "on time"
        found.append(
            PledgeStatus(
                state=candidacy.state,
                group=candidacy.group.value,
                pledge=earliest,
                days_before=days,
                flag=flag,
                events=tuple(events.get(candidacy.state, ())),
            )
        )
    return found
