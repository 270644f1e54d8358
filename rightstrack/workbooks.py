"""Reading uploaded XLSX workbooks within bounds, for any layer that takes spreadsheets from people
(implementation plans, election observation missions' recommendations).

A workbook is hostile input: reading is bounded before any work is done — the file's size, the size
the workbook unpacks to, the rows of each sheet (reading stops at the first line over the limit)
and its columns (anything further right is not read). A formula typed by the user counts as the
value it last showed; one without a stored value is a problem to fix, never read as an empty cell.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

from rightstrack.domain import InputProblem


@dataclass(frozen=True)
class Limits:
    rows: int  # lines below the header, per sheet
    columns: int
    unpacked_bytes: int  # what the zip may declare it unpacks to (shared strings are parsed whole)


@dataclass(frozen=True)
class SheetRow:
    line: int  # as a spreadsheet program numbers it: the header is line 1
    values: dict[str, Any]  # by header, lower-cased and stripped


class WorkbookError(ValueError):
    """A workbook that cannot be read, with every problem found (file, sheet, line, column)."""

    def __init__(self, problems: list[InputProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:10]))
        self.problems = problems


def too_many_rows(file: str, sheet: str, line: int, limit: int) -> WorkbookError:
    """Named at the first line over the limit, which is where reading stopped."""
    message = f"a sheet may hold at most {limit} rows below its header: split the file"
    return WorkbookError([InputProblem(f"{file} [{sheet}]", line, "row", message)])


def _refuse(file: str, message: str) -> WorkbookError:
    return WorkbookError([InputProblem(file, 1, "file", message)])


UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,  # a part the workbook names is missing
    IndexError,  # a cell names a shared string there is not
    ValueError,
    TypeError,
    EOFError,
    OSError,
    SyntaxError,  # the XML parsers' errors derive from it
)


def check_archive(data: bytes, file: str, limits: Limits) -> None:
    """An XLSX is a zip: refuses one that is not, or that would unpack to more than the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(file, "not an .xlsx workbook: the file is empty, cut short or damaged") from None
    if unpacked > limits.unpacked_bytes:
        size = f"{unpacked // (1024 * 1024)} MB, more than {limits.unpacked_bytes // (1024 * 1024)} MB"
        raise _refuse(file, f"the workbook unpacks to {size}")


def read_sheets(
    data: bytes, file: str, limits: Limits, sheets: Collection[str] | None = None
) -> dict[str, list[SheetRow]]:
    """The rows below the header of the named sheets (``None``: the first worksheet only), by sheet
    name. Raises :class:`WorkbookError` for a file that is not a workbook or breaks a limit."""
    check_archive(data, file, limits)
    try:
        return _read_workbook(data, file, limits, sheets)
    except WorkbookError:
        raise
    except UNREADABLE as exc:
        raise _refuse(file, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None


def first_row(data: bytes, file: str, limits: Limits) -> list[str]:
    """The first worksheet's first row, as text (to tell what a workbook is before reading it)."""
    check_archive(data, file, limits)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        for _, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                continue
            with reader.archive.open(rel.target) as source:
                for _, cells in WorkSheetParser(source, reader.shared_strings).parse():
                    shown = [c for c in cells if c["column"] <= limits.columns]
                    return [str(c["value"] or "").strip() for c in shown]
            break
        return []
    except UNREADABLE as exc:
        raise _refuse(file, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None


def _read_workbook(
    data: bytes, file: str, limits: Limits, wanted: Collection[str] | None
) -> dict[str, list[SheetRow]]:
    # openpyxl's reader, driven sheet by sheet and row by row. ``load_workbook`` would first
    # parse every sheet that does not state its size to the end (seconds for a million rows)
    # before one row is read. These are openpyxl's internals: pyproject pins its version.
    reader = ExcelReader(io.BytesIO(data), read_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    found: dict[str, list[SheetRow]] = {}
    problems: list[InputProblem] = []
    for sheet, rel in reader.parser.find_sheets():
        if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
            continue
        if wanted is not None and sheet.name not in wanted:
            continue
        with reader.archive.open(rel.target) as values, reader.archive.open(rel.target) as formulas:
            rows = _sheet_rows(reader, values, formulas, (file, sheet.name), limits, problems)
        if rows is not None:
            found[sheet.name] = rows
        if wanted is None:
            break
    reader.archive.close()
    if problems:
        raise WorkbookError(problems)
    return found


def _sheet_rows(
    reader: ExcelReader,
    values: IO[bytes],
    formulas: IO[bytes],
    at: tuple[str, str],
    limits: Limits,
    problems: list[InputProblem],
) -> list[SheetRow] | None:
    """The rows below the header (None for a sheet without one). The sheet is read twice, in
    step: with the values last shown (what the user saw) and with formulas (to tell which cells
    are formulas, and whether one lacks a value)."""
    file, sheet = at
    parsers = [
        WorkSheetParser(
            source,
            reader.shared_strings,
            data_only=data_only,
            epoch=reader.wb.epoch,
            date_formats=reader.wb._date_formats,
            timedelta_formats=reader.wb._timedelta_formats,
        ).parse()
        for source, data_only in ((values, True), (formulas, False))
    ]
    header: list[str] = []
    rows: list[SheetRow] = []
    for (line, cells), (_, typed) in zip(*parsers, strict=False):
        if line > limits.rows + 1:
            raise too_many_rows(file, sheet, line, limits.rows)
        shown = {c["column"]: c["value"] for c in cells if c["column"] <= limits.columns}
        if line == 1:
            header = [
                str(shown.get(n, "") or "").strip().lower() for n in range(1, max(shown, default=0) + 1)
            ]
            continue
        row = SheetRow(line, {})
        formula_columns = {c["column"] for c in typed if c["data_type"] == "f"}
        for number, column in enumerate(header, start=1):
            row.values[column] = shown.get(number)
            if number in formula_columns and shown.get(number) is None:
                problems.append(
                    InputProblem(
                        f"{file} [{sheet}]", line, column, "a formula without a value; type the value"
                    )
                )
        if any(v not in (None, "") for v in row.values.values()):
            rows.append(row)
    return rows if header else None


def cell_day(value: Any) -> date | None:
    """A date typed into a cell: a spreadsheet's own date, or ISO text; empty is None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {str(value)[:40]!r}") from None


__all__ = [
    "Limits",
    "SheetRow",
    "WorkbookError",
    "cell_day",
    "check_archive",
    "first_row",
    "read_sheets",
    "too_many_rows",
]
