"""Election observation missions' recommendations, from the template (CSV or XLSX) a person fills
in from a mission's final report (docs/eom-template.md describes every column).

A template is typed by people, so it is checked whole before anything is stored: every problem
names the file, the row (as a spreadsheet program numbers it, the header being row 1) and the
column, and one error refuses the file. An organisation not in the reference list is kept as
typed, with a warning that names it and counts its rows.

Records are keyed so that re-reading a file gives the same ones: the locator is the mission and
its number for the recommendation ("m3f2a9c1d no. 12": the mission as a short hash, because
locators are at most 40 characters) or the row where the report gives no number; the document
symbol names the mission's report ("OSCE/ODIHR BLR 2012-09-23"), so that two missions making the
same recommendation stay two records.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rightstrack.domain import InputProblem, Mechanism, RecordKind, SourceFile, SourceRecord
from rightstrack.formulas import restore
from rightstrack.reference.eom_organisations import canonical_organisation
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.sources.encoding import UnreadableFileError, decode_bytes
from rightstrack.workbooks import Limits, WorkbookError, cell_day, first_row, read_sheets

KIND = "eom-template"
COLUMNS = (
    "mission",
    "organisation",
    "country",
    "election",
    "election_date",
    "report_title",
    "report_url",
    "report_date",
    "number",
    "text",
    "priority",
    "institution",
    "follow_up",
)
REQUIRED = ("mission", "organisation", "country", "election", "text")
# The store's column widths (store/schema.py, EomRecommendationRow); text is bounded by sense.
MAX_LENGTHS = {
    "mission": 300,
    "organisation": 120,
    "country": 100,
    "election": 200,
    "report_title": 400,
    "report_url": 500,
    "number": 20,
    "text": 10_000,
    "priority": 40,
    "institution": 300,
    "follow_up": 60,
}
PRIORITIES = ("priority", "other")
FOLLOW_UP = (
    "not assessed",
    "not implemented",
    "partially implemented",
    "mostly implemented",
    "fully implemented",
    "no longer relevant",
)
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5_000  # a mission's report holds 20 to 60 recommendations; a file may gather many
LIMITS = Limits(rows=MAX_ROWS, columns=len(COLUMNS) + 20, unpacked_bytes=30 * 1024 * 1024)
SHOWN_PROBLEMS = 10


@dataclass(frozen=True)
class EomDetails:
    """What the store keeps of a recommendation's mission and report, beside the record."""

    mission: str
    organisation: str  # canonical where listed, else as typed
    election: str
    election_date: date | None
    report_title: str | None
    report_url: str | None
    number: str | None
    priority: str | None
    institution: str | None
    follow_up: str | None


@dataclass(frozen=True)
class EomRecord:
    record: SourceRecord
    details: EomDetails


@dataclass
class EomFile:
    source: SourceFile
    records: list[EomRecord]
    warnings: list[InputProblem] = field(default_factory=list)


class EomTemplateError(ValueError):
    """A template that cannot be stored, with every problem found; nothing of it is stored."""

    def __init__(self, problems: list[InputProblem]) -> None:
        shown = "; ".join(str(p) for p in problems[:SHOWN_PROBLEMS])
        more = f" (and {len(problems) - SHOWN_PROBLEMS} more)" if len(problems) > SHOWN_PROBLEMS else ""
        super().__init__(f"nothing was stored: {shown}{more}")
        self.problems = problems


def _too_large() -> str:
    megabytes, rest = divmod(MAX_FILE_BYTES, 1024 * 1024)
    return f"larger than {megabytes} MB" if not rest else f"larger than {MAX_FILE_BYTES:,} bytes"


def _refuse(file: str, message: str, line: int = 1, column: str = "file") -> EomTemplateError:
    return EomTemplateError([InputProblem(file, line, column, message)])


def is_template_header(cells: list[str]) -> bool:
    """Whether a file's first row is this template's header (so ``load`` can tell it apart). A
    misspelt extra column still makes it a template: reading it then names that column."""
    return set(REQUIRED) <= {c.strip().lower() for c in cells}


def looks_like_template(path: Path) -> bool:
    """A CSV or XLSX whose first row is the template's header (UHRI's exports and implementation
    plans are XLSX too)."""
    if path.suffix.lower() == ".xlsx":
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                return False
            return is_template_header(first_row(path.read_bytes(), path.name, LIMITS))
        except (OSError, WorkbookError):
            return False
    try:
        with path.open("rb") as handle:
            first = handle.read(4096).splitlines()[:1]
    except OSError:
        return False
    if not first:
        return False
    line = first[0].decode("utf-8-sig", errors="replace")
    return is_template_header(next(csv.reader([line]), []))


def read_eom_path(path: Path) -> EomFile:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(path.name, _too_large())
    return read_eom(path.read_bytes(), path.name, str(path))


def read_eom(data: bytes, name: str, path: str = "") -> EomFile:
    """A template's records. Raises :class:`EomTemplateError` if any row has an error."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(name, _too_large())
    if name.lower().endswith(".xlsx"):
        try:
            sheets = read_sheets(data, name, LIMITS)
        except WorkbookError as exc:
            raise EomTemplateError(exc.problems) from None
        if not sheets:
            raise _refuse(name, "the workbook's first sheet is empty: the header row is missing")
        sheet, rows = next(iter(sheets.items()))
        # A sheet with a header and no rows has nothing to store; its header is not checked.
        header = list(rows[0].values) if rows else list(COLUMNS)
        lines = [(row.line, row.values) for row in rows]
        where, encoding = f"{name} [{sheet}]", "xlsx"
    else:
        header, lines, encoding = _read_csv(data, name)
        where = name
    _check_header(header, where)
    records, warnings = _records(lines, where)
    source = SourceFile(name, KIND, path or name, hashlib.sha256(data).hexdigest(), encoding, len(lines))
    return EomFile(source, records, warnings)


def _read_csv(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]], str]:
    try:
        decoded = decode_bytes(data, name)
    except UnreadableFileError as exc:
        raise _refuse(name, str(exc)) from None
    text = decoded.text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    lines: list[tuple[int, dict[str, Any]]] = []
    line = 0
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        line = 1
        for line, cells in enumerate(reader, start=2):
            if line > MAX_ROWS + 1:
                message = f"a file may hold at most {MAX_ROWS} rows below its header: split it"
                raise _refuse(name, message, line, "row")
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                raise _refuse(name, f"{len(cells)} cells, the header has {len(header)}", line, "row")
            values = {column: restore(cell) for column, cell in zip(header, cells, strict=False)}
            if any(str(v).strip() for v in values.values()):
                lines.append((line, values))
    except csv.Error as exc:
        raise _refuse(name, f"not valid CSV: {exc}", line + 1, "row") from None
    return header, lines, decoded.encoding


def _check_header(header: list[str], where: str) -> None:
    problems = []
    named = [h for h in header if h]
    for column, count in Counter(named).items():
        if count > 1:
            problems.append(InputProblem(where, 1, column, "this column is named twice"))
    for column in named:
        if column not in COLUMNS:
            problems.append(
                InputProblem(where, 1, column, f"not a column of the template ({', '.join(COLUMNS)})")
            )
    for column in REQUIRED:
        if column not in named:
            problems.append(InputProblem(where, 1, column, "required column missing"))
    if problems:
        raise EomTemplateError(problems)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a spreadsheet: "12", not "12.0"
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _url(text: str) -> str | None:
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not a web address (http:// or https://): {text[:60]!r}")
    return text


def _choice(text: str, allowed: tuple[str, ...]) -> str | None:
    if not text:
        return None
    folded = " ".join(text.lower().split())
    if folded not in allowed:
        raise ValueError(f"{text[:40]!r} is not one of: {', '.join(allowed)}")
    return folded


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


@dataclass
class _Row:
    """One row being checked; each problem names its column."""

    where: str
    line: int
    values: dict[str, Any]
    problems: list[InputProblem]

    def problem(self, column: str, message: str) -> None:
        self.problems.append(InputProblem(self.where, self.line, column, message))

    def text(self, column: str) -> str:
        text = _text(self.values.get(column))
        limit = MAX_LENGTHS.get(column)
        if limit is not None and len(text) > limit:
            self.problem(column, f"{len(text)} characters, at most {limit}")
        if not text and column in REQUIRED:
            self.problem(column, "empty: this column is required")
        return text

    def checked(self, column: str, check: Any) -> Any:
        try:
            return check(self.values.get(column))
        except ValueError as exc:
            self.problem(column, str(exc))
            return None


def _records(
    lines: list[tuple[int, dict[str, Any]]], where: str
) -> tuple[list[EomRecord], list[InputProblem]]:
    problems: list[InputProblem] = []
    unknown_organisations: Counter[str] = Counter()
    first_line: dict[tuple[str, str], int] = {}
    seen_texts: dict[tuple[str, str], int] = {}
    warnings: list[InputProblem] = []
    records = []
    for line, values in lines:
        row = _Row(where, line, values, problems)
        before = len(problems)
        mission, typed_organisation, country = (
            row.text("mission"),
            row.text("organisation"),
            row.text("country"),
        )
        election, text, number = row.text("election"), row.text("text"), row.text("number")
        sur = None
        if country:
            try:
                sur = resolve_state(country).code
            except UnknownStateError:
                row.problem(
                    "country", f"unknown state {country[:60]!r}: give its name or ISO 3166 alpha-3 code"
                )
        organisation = canonical_organisation(typed_organisation) if typed_organisation else None
        if typed_organisation and organisation is None:
            unknown_organisations[typed_organisation] += 1
        election_date = row.checked("election_date", cell_day)
        report_date = row.checked("report_date", cell_day)
        report_url = row.checked("report_url", lambda v: _url(_text(v)))
        priority = row.checked("priority", lambda v: _choice(_text(v), PRIORITIES))
        follow_up = row.checked("follow_up", lambda v: _choice(_text(v), FOLLOW_UP))
        report_title, institution = row.text("report_title"), row.text("institution")
        if election_date is None and report_date is None and not _text(values.get("election_date")):
            # The store files every record under a year: a mission's is its election's or report's.
            row.problem("election_date", "give the election's date (or the report's, in report_date)")
        if number:
            earlier = first_line.setdefault((mission, number), line)
            if earlier != line:
                row.problem(
                    "number", f"recommendation {number!r} of this mission is already on row {earlier}"
                )
        if len(problems) > before or sur is None:
            continue
        body = organisation or typed_organisation
        text_seen = seen_texts.setdefault((mission, " ".join(text.casefold().split())), line)
        if text_seen != line:
            message = f"the same text as row {text_seen} of this mission: stored as a second record"
            warnings.append(InputProblem(where, line, "text", message, "warning"))
        mission_tag = f"m{_short_hash(mission)}"
        symbol_tail = election_date.isoformat() if election_date else mission_tag
        details = EomDetails(
            mission,
            body,
            election,
            election_date,
            report_title or None,
            report_url,
            number or None,
            priority,
            institution or None,
            follow_up,
        )
        record = SourceRecord(
            locator=f"{mission_tag} no. {number}" if number else f"row {line}",
            mechanism=Mechanism.ELECTION_OBSERVATION,
            body=body,
            kind=RecordKind.RECOMMENDATION,
            sur=sur,
            text=text,
            published=report_date or election_date,
            document_symbol=f"{body[:35]} {sur} {symbol_tail}",
            paragraph=number or None,
            line=line,
        )
        records.append(EomRecord(record, details))
    if problems:
        raise EomTemplateError(problems)
    for name, count in unknown_organisations.items():
        message = f"organisation {name[:60]!r} is not in the reference list: kept as typed ({count} rows)"
        warnings.append(InputProblem(where, 1, "organisation", message, "warning"))
    return records, warnings


__all__ = [
    "COLUMNS",
    "FOLLOW_UP",
    "KIND",
    "PRIORITIES",
    "REQUIRED",
    "EomDetails",
    "EomFile",
    "EomRecord",
    "EomTemplateError",
    "is_template_header",
    "looks_like_template",
    "read_eom",
    "read_eom_path",
]
