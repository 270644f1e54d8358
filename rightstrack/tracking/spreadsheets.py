"""A plan as a spreadsheet (XLSX, or one sheet as CSV), and spreadsheets read back into rows
that know their file, sheet and line (``spreadsheet_import`` applies them).

The workbook has four sheets — Recommendations, Measures, Indicators, Agencies.

Text a spreadsheet program would run as a formula (``=…``, ``-…``, ``@…``) is written inert
(``rightstrack.formulas``) and read back unchanged. Uploads come from anyone who owns a plan, so
reading is bounded before any work is done: the file's size, the size the workbook unpacks to,
and the rows of each sheet (reading stops at the first line over the limit)."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from rightstrack import __version__
from rightstrack.documents.model import slug
from rightstrack.documents.workbook import about_sheet, fitted_widths, header_cells, set_widths
from rightstrack.domain import InputProblem
from rightstrack.errors import TrackingError
from rightstrack.formulas import neutralise, restore, xlsx_text_cell, xlsx_value
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.options import SHEETS as SHEETS
from rightstrack.workbooks import Limits, WorkbookError, cell_day, read_sheets

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000  # lines below the header, per sheet: far more than any plan holds
MAX_COLUMNS = 50  # the widest sheet has 13; anything further right is not read
# What an XLSX (a zip) may declare it unpacks to: a plan of 5,000 measures needs a few MB, and
# the shared strings are parsed whole (about 4 s for 15 MB).
MAX_UNPACKED_BYTES = 30 * 1024 * 1024

COLUMNS = {
    "Recommendations": [
        "id",
        "paragraph",
        "cycle",
        "recommendation",
        "recommending states",
        "response",
        "cluster",
        "status",
        "measures",
    ],
    "Measures": [
        "id",
        "version",
        "title",
        "description",
        "lead agency",
        "supporting agencies",
        "start date",
        "target date",
        "budget",
        "currency",
        "expected outcome",
        "status",
        "recommendations",
    ],
    "Indicators": [
        "id",
        "version",
        "name",
        "unit",
        "baseline",
        "target",
        "due date",
        "current value",
        "status",
        "measures",
        "recommendations",
    ],
    "Agencies": ["id", "name"],
}


def _ids(values: list[int]) -> str:
    return ";".join(str(v) for v in values)


def rows_of(view: PlanView, sheet: str) -> Iterator[list[Any]]:
    if sheet == "Recommendations":
        for record in view.recommendations.values():
            yield [
                record.id,
                record.paragraph,
                record.cycle,
                record.text,
                "; ".join(record.recommenders),
                record.response,
                view.cluster_of(record.id),
                record.status,
                _ids(record.measure_ids),
            ]
    elif sheet == "Measures":
        for m in view.measures.values():
            yield [
                m.id,
                m.version,
                m.title,
                m.description,
                view.agencies.get(m.lead_agency_id or -1, ""),
                "; ".join(view.agencies[a] for a in m.supporting_agency_ids if a in view.agencies),
                m.start_date,
                m.target_date,
                m.budget,
                m.currency,
                m.expected_outcome,
                m.status,
                _ids(m.recommendation_ids),
            ]
    elif sheet == "Indicators":
        for i in view.indicators.values():
            yield [
                i.id,
                i.version,
                i.name,
                i.unit,
                i.baseline,
                i.target,
                i.due_date,
                i.current_value,
                i.status,
                _ids(i.measure_ids),
                _ids(i.recommendation_ids),
            ]
    elif sheet == "Agencies":
        for agency_id, name in view.agencies.items():
            yield [agency_id, name]
    else:
        raise ValueError(f"sheet must be one of {', '.join(SHEETS)}, not {sheet!r}")


def to_xlsx(view: PlanView, generated: datetime | None = None) -> bytes:
    """The plan's workbook; text that looks like a formula stays text (shown as typed). Each
    sheet's header is styled and frozen, its columns fitted and filtered; an "About" sheet says
    which plan, which version of it, and when (the import reads only the four sheets)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet)
        rows = [[xlsx_value(value) for value in row] for row in rows_of(view, sheet)]
        set_widths(worksheet, fitted_widths(COLUMNS[sheet], rows))
        worksheet.append(header_cells(worksheet, COLUMNS[sheet]))
        for row in rows:
            worksheet.append(row)
            for cell in worksheet[worksheet.max_row]:
                xlsx_text_cell(cell)
        worksheet.freeze_panes = "A2"
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS[sheet]))}{len(rows) + 1}"
    when = (generated or datetime.now(UTC)).replace(microsecond=0)
    about_sheet(
        workbook,
        [
            ("plan", view.title),
            ("state", f"{view.state_name} ({view.state_code})"),
            ("UPR cycles", ", ".join(str(c) for c in view.cycles)),
            ("plan version", str(view.version)),
            ("generated (UTC)", when.isoformat()),
            ("RightsTrack version", __version__),
            ("rows", "; ".join(f"{sheet}: {count}" for sheet, count in _counts(view).items())),
        ],
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _counts(view: PlanView) -> dict[str, int]:
    return {
        "Recommendations": len(view.recommendations),
        "Measures": len(view.measures),
        "Indicators": len(view.indicators),
        "Agencies": len(view.agencies),
    }


def xlsx_filename(view: PlanView, today: date) -> str:
    return f"plan-{view.id}-{slug(view.state_name, view.title, length=60)}-{today.isoformat()}.xlsx"


def to_csv(view: PlanView, sheet: str) -> str:
    """One sheet as CSV; formula-like text gets a leading quote, which ``read_csv`` takes off."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(COLUMNS[sheet])
    for row in rows_of(view, sheet):
        writer.writerow(
            [neutralise("" if v is None else v.isoformat() if isinstance(v, date) else v) for v in row]
        )
    return output.getvalue()


class SpreadsheetError(TrackingError):
    """A file that cannot be imported, with every problem found (file, sheet, line, column)."""

    def __init__(self, problems: list[InputProblem]) -> None:
        shown = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"nothing was imported: {shown}{more}")
        self.problems = problems


def _refuse(file: str, message: str, line: int = 1, column: str = "file") -> SpreadsheetError:
    return SpreadsheetError([InputProblem(file, line, column, message)])


def _too_many_rows(file: str, sheet: str, line: int) -> SpreadsheetError:
    """Named at the first line over the limit, which is where reading stopped."""
    message = f"a sheet may hold at most {MAX_ROWS} rows below its header: split the file"
    return _refuse(f"{file} [{sheet}]", message, line, "row")


@dataclass
class Row:
    file: str
    sheet: str
    line: int
    values: dict[str, Any]

    def problem(self, column: str, message: str) -> InputProblem:
        return InputProblem(f"{self.file} [{self.sheet}]", self.line, column, message)

    def text(self, column: str) -> str:
        value = self.values.get(column)
        return "" if value is None else str(value).strip()

    def number(self, column: str) -> float | None:
        value = self.values.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = float(str(value).replace(",", "") if isinstance(value, str) else value)
        except ValueError:
            raise ValueError(f"not a number: {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"not a number: {value!r}")
        return number

    def integer(self, column: str) -> int | None:
        number = self.number(column)
        if number is not None and number != int(number):
            raise ValueError(f"not a whole number: {self.values.get(column)!r}")
        return None if number is None else int(number)

    def day(self, column: str) -> date | None:
        return cell_day(self.values.get(column))

    def id_list(self, column: str) -> tuple[int, ...]:
        text = self.text(column)
        try:
            ids = (int(part) for part in text.replace(",", ";").split(";") if part.strip())
            return tuple(dict.fromkeys(ids))  # an id given twice is one link
        except ValueError:
            raise ValueError(f"not a list of ids separated by ';': {text!r}") from None


def read_spreadsheet(data: bytes, file: str, sheet: str = "Measures") -> dict[str, list[Row]]:
    """An uploaded file's rows: CSV (one ``sheet``) by its name, XLSX otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(file, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if file.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _refuse(file, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        return read_csv(text, file, sheet)
    return read_xlsx(data, file)


def read_xlsx(data: bytes, file: str) -> dict[str, list[Row]]:
    """The workbook's rows (bounded reading: :mod:`rightstrack.workbooks`). A formula typed by the
    user counts as the value it last showed; one without a stored value is a problem to fix."""
    try:
        # The limits are read at each call, so that tests (and benchmarks) may lower them.
        limits = Limits(rows=MAX_ROWS, columns=MAX_COLUMNS, unpacked_bytes=MAX_UNPACKED_BYTES)
        sheets = read_sheets(data, file, limits, SHEETS)
    except WorkbookError as exc:
        raise SpreadsheetError(exc.problems) from None
    return {sheet: [Row(file, sheet, row.line, row.values) for row in rows] for sheet, rows in sheets.items()}


def read_csv(text: str, file: str, sheet: str) -> dict[str, list[Row]]:
    """One sheet's rows. Strict: a quote left open (a file cut short) is refused, not read as a
    field that runs to the end of the file."""
    if sheet not in SHEETS:
        raise ValueError(f"sheet must be one of {', '.join(SHEETS)}, not {sheet!r}")
    reader = csv.DictReader(io.StringIO(text), strict=True)
    rows = []
    line = 0  # the last record read (the header is line 1)
    try:
        if reader.fieldnames is None:
            return {sheet: []}
        line = 1
        for line, row in enumerate(reader, start=2):
            if line > MAX_ROWS + 1:
                raise _too_many_rows(file, sheet, line)
            values = {str(k).strip().lower(): restore(v) for k, v in row.items() if k is not None}
            if any((v or "").strip() for v in values.values()):
                rows.append(Row(file, sheet, line, values))
    except csv.Error as exc:
        raise _refuse(f"{file} [{sheet}]", f"not valid CSV: {exc}", line + 1, "row") from None
    return {sheet: rows}
