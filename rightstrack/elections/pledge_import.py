"""Pledges and pledging-event participation from CSV, all or nothing.

Two layouts, told apart by their header:

- pledges: ``year,state,symbol,published_on,url,note``;
- participation: ``year,event_date,place,organisers,state,took_part,note`` (took_part: yes/no).

``state`` is an ISO alpha-3 code or a name RightsTrack knows. Every problem is reported with the
file, line and column, and nothing is written unless every row is good. Importing the same file
again changes nothing: a pledge is the same when year, state and symbol (or address) match.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.domain import InputProblem
from rightstrack.elections.inputs import NewParticipation, NewPledge, PledgeChange
from rightstrack.elections.pledges import add_pledge, participate, pledges, require_editor, update_pledge
from rightstrack.errors import InvalidInput, TrackingError
from rightstrack.limits import parse
from rightstrack.reference.hrc import ElectionData
from rightstrack.reference.states import UnknownStateError, resolve_state

PLEDGE_COLUMNS = ("year", "state", "symbol", "published_on", "url", "note")
PARTICIPATION_COLUMNS = ("year", "event_date", "place", "organisers", "state", "took_part", "note")


class PledgeImportError(TrackingError):
    def __init__(self, problems: list[InputProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:10]))
        self.problems = problems


@dataclass
class PledgeImportSummary:
    kind: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rows: int = 0
    notes: list[str] = field(default_factory=list)


def _state(text: str) -> str:
    text = text.strip()
    if len(text) == 3 and text.isupper():
        return text
    return resolve_state(text).code


def import_csv(
    connection: Connection, user: User | None, data: ElectionData, content: bytes, name: str
) -> PledgeImportSummary:
    """Reads ``content`` (the file's bytes; ``name`` for messages) inside the caller's transaction."""
    require_editor(user)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PledgeImportError([InputProblem(name, 1, "encoding", f"not UTF-8: {exc.reason}")]) from None
    # Strict, and every row read before any is applied: a file cut inside a quoted field is
    # refused as a whole instead of ending in a field that runs to the end of the file.
    reader = csv.DictReader(io.StringIO(text), strict=True)
    records: list[tuple[int, dict[str, str]]] = []
    line = 0  # the last line read; the header is line 1
    try:
        header = tuple(h.strip() for h in reader.fieldnames or ())
        line = 1
        for line, row in enumerate(reader, start=2):
            records.append((line, row))
    except csv.Error as exc:
        raise PledgeImportError([InputProblem(name, line + 1, "row", f"not valid CSV: {exc}")]) from None
    if set(PLEDGE_COLUMNS) <= set(header):
        kind = "pledges"
    elif set(PARTICIPATION_COLUMNS) <= set(header):
        kind = "participation"
    else:
        message = f"expected the columns {', '.join(PLEDGE_COLUMNS)} or {', '.join(PARTICIPATION_COLUMNS)}"
        raise PledgeImportError([InputProblem(name, 1, "header", message)])
    summary = PledgeImportSummary(kind)
    rows = _Rows(connection, user, data, summary)
    apply = rows.pledge if kind == "pledges" else rows.participation
    problems: list[InputProblem] = []
    nested = connection.begin_nested()
    for line, row in records:
        values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        summary.rows += 1
        try:
            apply(values)
        except UnknownStateError as exc:
            problems.append(InputProblem(name, line, "state", str(exc)))
        except InvalidInput as exc:
            problems.append(InputProblem(name, line, exc.field, str(exc).split(": ", 1)[-1]))
        except TrackingError as exc:
            problems.append(InputProblem(name, line, "row", str(exc)))
    if problems:
        nested.rollback()
        raise PledgeImportError(problems)
    nested.commit()
    return summary


def _year(values: dict[str, str]) -> int:
    try:
        return int(values["year"])
    except ValueError:
        raise InvalidInput("year", f"{values['year']!r} is not a year") from None


def _day(values: dict[str, str], column: str) -> date | None:
    try:
        return date.fromisoformat(values[column]) if values[column] else None
    except ValueError:
        raise InvalidInput(column, f"{values[column]!r} is not a date (YYYY-MM-DD)") from None


@dataclass
class _Rows:
    """Applies one row of either kind of file, in the import's transaction, counting in ``summary``."""

    connection: Connection
    user: User | None
    data: ElectionData
    summary: PledgeImportSummary

    def pledge(self, values: dict[str, str]) -> None:
        year, state = _year(values), _state(values["state"])
        fields = {
            "symbol": values["symbol"],
            "published_on": _day(values, "published_on"),
            "url": values["url"],
            "note": values["note"],
        }
        pledge = parse(NewPledge, {"state": state, **fields})
        same = [
            p
            for p in pledges(self.connection, year)
            if p.state == state
            and ((pledge.symbol and p.symbol == pledge.symbol) or (not pledge.symbol and p.url == pledge.url))
        ]
        if not same:
            add_pledge(self.connection, self.user, self.data, year, pledge)
            self.summary.added += 1
            return
        current = same[0]
        stored = (current.published_on, current.url, current.note)
        if stored == (pledge.published_on, pledge.url, pledge.note):
            self.summary.unchanged += 1
            return
        change = parse(PledgeChange, fields)
        update_pledge(self.connection, self.user, self.data, current.id, change, current.version)
        self.summary.changed += 1

    def participation(self, values: dict[str, str]) -> None:
        year, state = _year(values), _state(values["state"])
        held_on = _day(values, "event_date")
        if held_on is None:
            raise InvalidInput("event_date", "give the event's date")
        answer = values["took_part"].lower()
        if answer not in ("yes", "no"):
            raise InvalidInput("took_part", f"{values['took_part']!r} is not yes or no")
        entry = parse(
            NewParticipation,
            {
                "state": state,
                "held_on": held_on,
                "place": values["place"],
                "organisers": values["organisers"],
                "took_part": answer == "yes",
                "note": values["note"],
            },
        )
        if participate(self.connection, self.user, self.data, year, entry).new_event:
            self.summary.notes.append(f"new pledging event: {entry.place}, {held_on.isoformat()}")
        self.summary.added += 1


def import_file(
    connection: Connection, user: User | None, data: ElectionData, path: Path
) -> PledgeImportSummary:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise PledgeImportError([InputProblem(str(path), 1, "file", exc.strerror or str(exc))]) from None
    return import_csv(connection, user, data, content, str(path))
