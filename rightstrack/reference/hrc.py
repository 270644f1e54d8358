"""The Human Rights Council elections since 2006, as the project compiled them from UN press
releases, UN News and, where no UN text was found, wire reports (``reference/hrc/*.csv``; how and
from what is in SOURCES.md).

Each file is read strictly: a bad value stops the load with the file, line and column named,
because a silently skipped row would change every count built on it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

from rightstrack.domain import (
    Candidacy,
    CandidacyOutcome,
    ElectionKind,
    FactSource,
    GroupElection,
    MembershipEvent,
    RegionalGroup,
)
from rightstrack.reference.states import all_states, parse_group

FOLDER = "hrc"
T = TypeVar("T")


class ElectionDataError(ValueError):
    def __init__(self, file: str, line: int, column: str, message: str) -> None:
        super().__init__(f"{file}:{line}: {column}: {message}")
        self.file, self.line, self.column = file, line, column


@dataclass(frozen=True)
class ElectionData:
    sources: dict[str, FactSource]
    elections: tuple[GroupElection, ...]
    candidacies: tuple[Candidacy, ...]
    events: tuple[MembershipEvent, ...]

    def years(self) -> list[int]:
        return sorted({e.year for e in self.elections})

    def election(self, year: int, group: RegionalGroup, kind: ElectionKind) -> GroupElection:
        for item in self.elections:
            if (item.year, item.group, item.kind) == (year, group, kind):
                return item
        raise KeyError((year, group, kind))

    def candidates(self, year: int, group: RegionalGroup, kind: ElectionKind) -> list[Candidacy]:
        return [c for c in self.candidacies if (c.year, c.group, c.kind) == (year, group, kind)]


class _Row:
    """One CSV row whose readers name the file, line and column of any bad value."""

    def __init__(self, file: str, line: int, values: dict[str, str]) -> None:
        self.file, self.line, self.values = file, line, values

    def fail(self, column: str, message: str) -> ElectionDataError:
        return ElectionDataError(self.file, self.line, column, message)

    def text(self, column: str, required: bool = True) -> str:
        if column not in self.values:
            raise self.fail(column, "column missing")
        value = (self.values[column] or "").strip()
        if required and not value:
            raise self.fail(column, "empty")
        return value

    def read(self, column: str, parse: Callable[[str], T], what: str) -> T:
        value = self.text(column)
        try:
            return parse(value)
        except ValueError:
            raise self.fail(column, f"{value!r} is not {what}") from None

    def number(self, column: str) -> int:
        return self.read(column, int, "a whole number")

    def optional_number(self, column: str) -> int | None:
        return self.number(column) if self.text(column, required=False) else None

    def day(self, column: str) -> date:
        return self.read(column, date.fromisoformat, "a date (YYYY-MM-DD)")

    def optional_day(self, column: str) -> date | None:
        return self.day(column) if self.text(column, required=False) else None

    def group(self, column: str = "group") -> RegionalGroup:
        return self.read(column, parse_group, "a regional group")

    def state(self, column: str = "state") -> str:
        code = self.text(column)
        if code not in all_states():
            raise self.fail(column, f"{code!r} is not an ISO alpha-3 code in states.csv")
        return code

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in ("yes", "no"):
            raise self.fail(column, f"{value!r} is not yes or no")
        return value == "yes"

    def ids(self, column: str, known: dict[str, FactSource] | None) -> tuple[str, ...]:
        found = tuple(part.strip() for part in self.text(column).split(";") if part.strip())
        if known is not None:
            for source in found:
                if source not in known:
                    raise self.fail(column, f"source {source!r} is not in sources.csv")
        return found


def _rows(folder: Traversable, name: str) -> Iterator[_Row]:
    text = folder.joinpath(name).read_text(encoding="utf-8")
    for line, values in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
        yield _Row(f"{folder.name}/{name}", line, values)


def _source(row: _Row) -> FactSource:
    kind = row.text("kind")
    if kind not in ("UN", "secondary"):
        raise row.fail("kind", f"{kind!r} is not UN or secondary")
    url = row.text("url")
    if not url.startswith(("http://", "https://")):
        raise row.fail("url", f"{url!r} is not a web address")
    return FactSource(row.text("id"), row.text("publisher"), kind, row.day("date"), row.text("title"), url)


def _election(row: _Row, sources: dict[str, FactSource]) -> GroupElection:
    return GroupElection(
        year=row.number("year"),
        held=row.day("date"),
        kind=row.read("kind", ElectionKind, "regular or by-election"),
        group=row.group(),
        seats=row.number("seats"),
        candidates_complete=row.flag("candidates_complete"),
        valid_ballots=row.optional_number("valid_ballots"),
        abstentions=row.optional_number("abstentions"),
        members_voting=row.optional_number("members_voting"),
        required_majority=row.number("required_majority"),
        rounds=row.number("rounds"),
        sources=row.ids("source", sources),
        note=row.text("note", required=False),
    )


def _candidacy(row: _Row, sources: dict[str, FactSource]) -> Candidacy:
    votes = tuple(row.optional_number(f"votes_round_{n}") for n in (1, 2, 3))
    while votes and votes[-1] is None:
        votes = votes[:-1]
    outcome = row.read("outcome", CandidacyOutcome, "elected, defeated or withdrawn")
    start, end = row.optional_day("term_start"), row.optional_day("term_end")
    if outcome is CandidacyOutcome.ELECTED and (start is None or end is None):
        raise row.fail("term_start" if start is None else "term_end", "an elected candidate needs its term")
    if outcome is not CandidacyOutcome.ELECTED and (start or end):
        raise row.fail("term_start", "only an elected candidate has a term")
    return Candidacy(
        year=row.number("year"),
        kind=row.read("kind", ElectionKind, "regular or by-election"),
        group=row.group(),
        state=row.state(),
        outcome=outcome,
        votes=votes,
        term_start=start,
        term_end=end,
        sources=row.ids("source", sources),
        note=row.text("note", required=False),
    )


def _event(row: _Row, sources: dict[str, FactSource]) -> MembershipEvent:
    event = row.text("event")
    if event not in ("suspended", "reinstated", "withdrew"):
        raise row.fail("event", f"{event!r} is not suspended, reinstated or withdrew")
    return MembershipEvent(
        row.day("date"), row.state(), event, row.ids("source", sources), row.text("note", required=False)
    )


@cache
def election_data() -> ElectionData:
    """The compiled data shipped with RightsTrack (``reference/hrc``)."""
    return read_election_data(resources.files("rightstrack.reference").joinpath(FOLDER))


def read_election_data(folder: Traversable) -> ElectionData:
    """Reads the four files of ``folder``; the first bad value stops it, named by file, line, column."""
    sources: dict[str, FactSource] = {}
    for row in _rows(folder, "sources.csv"):
        source = _source(row)
        if source.id in sources:
            raise row.fail("id", f"{source.id!r} appears twice")
        sources[source.id] = source
    elections = tuple(_election(row, sources) for row in _rows(folder, "elections.csv"))
    candidacies = tuple(_candidacy(row, sources) for row in _rows(folder, "candidacies.csv"))
    events = tuple(_event(row, sources) for row in _rows(folder, "membership_events.csv"))
    return ElectionData(sources, elections, candidacies, events)
