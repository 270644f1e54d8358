"""The election observation missions' template as a file to fill in: CSV or XLSX, blank (the header
alone) or with worked examples. The CSV files are shipped in ``rightstrack/reference``; the XLSX
is made from them, with the text that a spreadsheet would run as a formula kept as text."""

from __future__ import annotations

import csv
import io
from importlib import resources

from rightstrack.formulas import restore, xlsx_text_cell, xlsx_value

SHEET = "EOM recommendations"
# Column widths in the XLSX (characters), so that a person sees what to type where.
_WIDTHS = {"mission": 40, "report_title": 40, "report_url": 40, "text": 80, "institution": 30}


def template_csv(example: bool = False) -> bytes:
    """The shipped CSV template: the header alone, or with worked example rows."""
    name = "eom_example.csv" if example else "eom_template.csv"
    return resources.files("rightstrack.reference").joinpath(name).read_bytes()


def template_xlsx(example: bool = False) -> bytes:
    from openpyxl import Workbook  # heavy: imported when a workbook is asked for
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rows = list(csv.reader(io.StringIO(template_csv(example).decode("utf-8-sig"), newline="")))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    for number, row in enumerate(rows, start=1):
        sheet.append([xlsx_value(restore(cell)) if number > 1 else cell for cell in row])
        for cell in sheet[number]:
            xlsx_text_cell(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(rows[0], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column, 16)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


__all__ = ["SHEET", "template_csv", "template_xlsx"]
