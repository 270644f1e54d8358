"""How RightsTrack's XLSX exports look: a bold header on the documents' teal, wrapped and frozen;
columns as wide as what they hold (bounded); an "About" sheet of (field, value) lines.

Written for openpyxl's write-only workbooks (exports of any size stream through them): a
write-only sheet takes its column widths and frozen panes before its first row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from rightstrack.documents import palette
from rightstrack.formulas import FORMULA_STARTS, xlsx_text_cell, xlsx_value

MIN_WIDTH = 6
MAX_WIDTH = 60  # characters: a recommendation's text wraps in the cell rather than run on


def fitted_widths(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column's width in characters: its longest value among ``rows`` (or its heading's
    longest word), between MIN_WIDTH and MAX_WIDTH."""
    widths = []
    for index, column in enumerate(columns):
        longest = max((len(_shown(row[index])) for row in rows), default=0)
        heading = max((len(word) for word in column.split()), default=0)
        widths.append(float(min(max(longest, heading, MIN_WIDTH), MAX_WIDTH) + 2))
    return widths


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return "2026-12-03"
    return "" if value is None else str(value)


def set_widths(sheet: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width


def header_cells(sheet: Any, columns: Sequence[str]) -> list[Any]:
    """The header row: bold white on the teal, wrapped, on top."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor=palette.ACCENT.lstrip("#"))
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    return cells


def about_sheet(workbook: Any, lines: Sequence[tuple[str, str]], title: str = "About") -> None:
    """A sheet of (field, value) lines saying what the workbook holds; values wrap."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(title)
    set_widths(sheet, [28, 100])
    sheet.append(header_cells(sheet, ["field", "value"]))
    for key, value in lines:
        label = WriteOnlyCell(sheet, value=xlsx_value(key))
        label.font = Font(bold=True)
        text = WriteOnlyCell(sheet, value=xlsx_value(value))
        text.alignment = Alignment(wrap_text=True, vertical="top")
        xlsx_text_cell(label)
        xlsx_text_cell(text)
        sheet.append([label, text])


def table_workbook(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], about: Sequence[tuple[str, str]]
) -> bytes:
    """A small table (a chart's figures, an election's results) as a styled workbook with its
    "About" sheet; text that a spreadsheet would run stays text."""
    import io

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    # Excel refuses a sheet's name over 31 characters or holding any of []:*?/\ (a title may).
    sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "table")
    values = [[xlsx_value(v) for v in row] for row in rows]
    set_widths(sheet, fitted_widths(columns, values))
    sheet.freeze_panes = "A2"
    sheet.append(header_cells(sheet, columns))
    for row in values:
        cells = []
        for value in row:
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                from openpyxl.cell import WriteOnlyCell

                value = WriteOnlyCell(sheet, value=value)
                xlsx_text_cell(value)
            cells.append(value)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{len(values) + 1}"
    about_sheet(workbook, about)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
