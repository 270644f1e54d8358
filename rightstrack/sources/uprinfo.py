"""Importer for UPR Info's database exports (CSV).

Columns: To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue, Session.
One row per recommending state; rows with the same SuR, session, text and response are one
(joint) recommendation. Voluntary pledges come in the same layout with Response
"Voluntary Pledge" and become pledges, never recommendations.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rightstrack.domain import (
    InputProblem,
    Recommendation,
    RecordKind,
    Response,
    SourceRef,
    text_key,
)
from rightstrack.reference.issues import canonical_issue
from rightstrack.reference.sessions import session as session_info
from rightstrack.reference.states import (
    UnknownStateError,
    is_unknown_marker,
    parse_group,
    resolve_state,
    state,
)
from rightstrack.sources.encoding import UnreadableFileError, decode_bytes

REQUIRED_COLUMNS = ("To", "Text", "From", "Response", "Action", "Session")
ENCODING_FIELD = "(encoding)"  # warnings about how a file that is not valid UTF-8 was read

_RESPONSES = {
    "accepted": Response.ACCEPTED,
    "supported": Response.ACCEPTED,
    "noted": Response.NOTED,
    # UPR Info used "Rejected" before the Council settled on "noted"; it is the same position.
    "rejected": Response.NOTED,
}
_PLEDGE_RESPONSES = {"voluntary pledge", "voluntary commitment", "pledge"}


@dataclass(frozen=True)
class Stop:
    """Where reading a file stopped before its end: a row the CSV reader cannot delimit."""

    line: int
    reason: str

    @property
    def truncated(self) -> bool:
        """The file ends inside a quoted field: it was cut off mid-row."""
        return "unexpected end of data" in self.reason


@dataclass
class ParsedFile:
    source: str
    encoding: str
    line_ending: str
    rows_read: int = 0
    records: list[Recommendation] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    # Organisations each state belongs to, as the export lists them (To-Org / From-Org).
    organisations: dict[str, set[str]] = field(default_factory=dict)
    stopped: Stop | None = None  # set where a broken row ended the reading early

    @property
    def rows_kept(self) -> int:
        """Rows read whole and valid: each names one recommending state of one record."""
        return sum(len(record.recommenders) for record in self.records)

    @property
    def errors(self) -> list[InputProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[InputProblem]:
        return [p for p in self.problems if p.severity == "warning"]


class RowError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def clean_text(value: str) -> str:
    """Decode HTML entities (some twice-escaped) and tidy whitespace."""
    if "&" in value:
        value = html.unescape(html.unescape(value))
    return " ".join(value.split())


def _rows(text: str, parsed: ParsedFile) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The reader cannot find where the broken row ends, so nothing after it is read.
            parsed.stopped = Stop(start, str(exc))
            message = (
                "the file ends in the middle of this row" if parsed.stopped.truncated else "malformed CSV"
            )
            parsed.problems.append(InputProblem(parsed.source, start, "(row)", f"{message}: {exc}"))
            return
        yield start, row
        start = reader.line_num + 1


class _Row(NamedTuple):
    kind: RecordKind
    sur: str
    text: str
    response: Response | None
    recommender: str | None
    action: int
    session: int
    issues: frozenset[str]


# Most cells repeat from row to row (states, responses, sessions, issue lists), so each distinct
# value is read once: a 300,000-row export names some 200 states and a few thousand issue lists.
# A value that is wrong raises each time it is met (lru_cache keeps results, not exceptions).
_REPEATED = 8192


def _required(column: str, raw: str) -> str:
    value = clean_text(raw)
    if not value:
        raise RowError(column, "missing value")
    return value


@lru_cache(maxsize=_REPEATED)
def _state_code(column: str, raw: str, unknown_allowed: bool) -> str | None:
    name = _required(column, raw)
    if unknown_allowed and is_unknown_marker(name):
        return None
    try:
        return resolve_state(name).code
    except UnknownStateError:
        raise RowError(column, f"unknown state {name!r}") from None


@lru_cache(maxsize=_REPEATED)
def _kind_and_response(raw: str) -> tuple[RecordKind, Response | None]:
    value = _required("Response", raw)
    if value.casefold() in _PLEDGE_RESPONSES:
        return RecordKind.PLEDGE, None
    try:
        return RecordKind.RECOMMENDATION, _RESPONSES[value.casefold()]
    except KeyError:
        raise RowError("Response", f"unknown response {value!r}") from None


@lru_cache(maxsize=_REPEATED)
def _action(raw: str) -> int:
    value = _required("Action", raw)
    if value not in {"1", "2", "3", "4", "5"}:
        raise RowError("Action", f"action category must be 1 to 5, not {value!r}")
    return int(value)


@lru_cache(maxsize=_REPEATED)
def _session(raw: str) -> int:
    value = _required("Session", raw)
    try:
        number = int(value)
        session_info(number)
    except ValueError as exc:
        raise RowError("Session", f"not a known UPR session: {value!r} ({exc})") from None
    return number


@lru_cache(maxsize=_REPEATED)
def _issues(raw: str) -> frozenset[str]:
    issues: set[str] = set()
    for name in clean_text(raw).split(","):
        if name.strip():
            try:
                issues.add(canonical_issue(name))
            except ValueError as exc:
                raise RowError("Issue", str(exc)) from None
    return frozenset(issues)


@lru_cache(maxsize=_REPEATED)
def _organisations(value: str) -> frozenset[str]:
    names = {clean_text(part) for part in value.split(",")}
    return frozenset(name for name in names if name and name.casefold() != "(unknown)")


def _group_disagreement(raw: str, code: str | None) -> str | None:
    """Why the file's group for this state is doubtful (the reference data wins), if it is."""
    value = clean_text(raw)
    if not value or code is None or value.casefold() in {"observer", "(unknown)"}:
        return None
    try:
        group = parse_group(value)
    except ValueError as exc:
        return str(exc)
    expected = state(code).regional_group
    if expected is not None and group != expected:
        return f"file says {value}, reference data says {expected.value} (kept reference)"
    return None


class _Side(NamedTuple):
    """A state as one side of a row names it (To or From), with its group and organisations."""

    code: str | None
    group_warning: str | None
    organisations: frozenset[str]


@lru_cache(maxsize=_REPEATED)
def _side(column: str, name: str, group: str, organisations: str) -> _Side:
    code = _state_code(column, name, column == "From")
    return _Side(code, _group_disagreement(group, code), _organisations(organisations))


class _Columns:
    """Where each column is in a file's rows. A row gets one empty cell appended, where every
    optional column the file lacks points, so each column is read the same way."""

    def __init__(self, header: list[str]) -> None:
        index = {name: position for position, name in enumerate(header)}  # the last of a name wins
        self.width = len(header)
        absent = self.width

        def position(name: str) -> int:
            return index.get(name, absent)

        self.to, self.to_group, self.to_orgs = position("To"), position("To-Rgrp"), position("To-Org")
        self.from_, self.from_group = position("From"), position("From-Rgrp")
        self.from_orgs = position("From-Org")
        self.text, self.response = position("Text"), position("Response")
        self.action, self.session, self.issue = position("Action"), position("Session"), position("Issue")


def _parse_row(values: list[str], c: _Columns) -> tuple[_Row, _Side, _Side]:
    """The row's fields, each checked in the order of the columns, so a row with several faults
    names its first; ``values`` has its empty cell appended."""
    to = _side("To", values[c.to], values[c.to_group], values[c.to_orgs])
    text = _required("Text", values[c.text])
    kind, response = _kind_and_response(values[c.response])
    by = _side("From", values[c.from_], values[c.from_group], values[c.from_orgs])
    action, session, issues = _action(values[c.action]), _session(values[c.session]), _issues(values[c.issue])
    assert to.code is not None  # "To" allows no unknown marker
    return _Row(kind, to.code, text, response, by.code, action, session, issues), to, by


def _check_repeat(record: Recommendation, fields: _Row, line: int, parsed: ParsedFile) -> None:
    """Warn where a row repeats one of its record's rows, or codes its action otherwise."""
    earlier = next((ref.line for code, ref in record.recommenders if code == fields.recommender), None)
    if earlier is not None:
        parsed.problems.append(
            InputProblem(
                parsed.source,
                line,
                "(row)",
                f"repeats line {earlier} (same recommendation and recommending "
                "state); kept as a second occurrence, as the source lists it twice",
                "warning",
            )
        )
    if record.action_category != fields.action:
        first_line = record.recommenders[0][1].line
        parsed.problems.append(
            InputProblem(
                parsed.source,
                line,
                "Action",
                f"joint recommendation coded {fields.action} here but "
                f"{record.action_category} on line {first_line}; kept the first",
                "warning",
            )
        )


def parse_text(text: str, source: str, encoding: str = "utf-8", line_ending: str = "LF") -> ParsedFile:
    parsed = ParsedFile(source, encoding, line_ending)
    rows = _rows(text, parsed)
    first = next(rows, None)
    if first is None:
        parsed.problems.append(InputProblem(source, 1, "(header)", "empty file"))
        return parsed
    header = [clean_text(name) for name in first[1]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        parsed.problems.append(
            InputProblem(source, 1, "(header)", f"missing column(s): {', '.join(missing)}")
        )
        return parsed
    columns = _Columns(header)
    grouped: dict[tuple[object, ...], Recommendation] = {}
    organisations, problems = parsed.organisations, parsed.problems
    for line, values in rows:
        parsed.rows_read += 1
        if len(values) != columns.width:
            problems.append(
                InputProblem(
                    source, line, "(row)", f"{len(values)} fields where the header has {columns.width}"
                )
            )
            continue
        values.append("")
        try:
            fields, to, by = _parse_row(values, columns)
        except RowError as exc:
            problems.append(InputProblem(source, line, exc.column, str(exc)))
            continue
        if to.group_warning is not None:
            problems.append(InputProblem(source, line, "To-Rgrp", to.group_warning, "warning"))
        if by.group_warning is not None:
            problems.append(InputProblem(source, line, "From-Rgrp", by.group_warning, "warning"))
        found = organisations.setdefault(fields.sur, set())
        if to.organisations:
            found.update(to.organisations)
        if fields.recommender:
            found = organisations.setdefault(fields.recommender, set())
            if by.organisations:
                found.update(by.organisations)
        key = (fields.kind, fields.sur, fields.session, text_key(fields.text), fields.response)
        record = grouped.get(key)
        if record is None:
            record = Recommendation(
                kind=fields.kind,
                sur=fields.sur,
                session=fields.session,
                text=fields.text,
                response=fields.response,
                action_category=fields.action,
            )
            grouped[key] = record
        else:
            _check_repeat(record, fields, line, parsed)
        record.issues |= fields.issues
        record.recommenders.append((fields.recommender, SourceRef(source, line)))
    parsed.records = list(grouped.values())
    return parsed


def parse_file(path: Path) -> ParsedFile:
    try:
        decoded = decode_bytes(path.read_bytes(), str(path))
    except UnreadableFileError as exc:
        parsed = ParsedFile(path.name, "unknown", "unknown")
        parsed.problems.append(InputProblem(path.name, 1, "(file)", str(exc).split(": ", 1)[-1]))
        return parsed
    parsed = parse_text(decoded.text, path.name, decoded.encoding, decoded.line_ending)
    # Said first: how the file was read bears on every line after it.
    parsed.problems[:0] = [
        InputProblem(path.name, note.line, ENCODING_FIELD, note.message, "warning") for note in decoded.notes
    ]
    return parsed


def looks_like_export(path: Path) -> bool:
    """True for a CSV whose first line has UPR Info's columns."""
    if path.suffix.lower() != ".csv":
        return False
    with path.open("rb") as handle:
        head = handle.read(400)
    first_line = re.split(rb"[\r\n]", head, maxsplit=1)[0].decode("latin-1")
    return all(column in first_line for column in ("To", "Text", "From", "Session"))
