"""Text that a spreadsheet would run as a formula, made inert on export and restored on import.

Recommendations and measures are free text typed by anyone ("- ensure…", "=HYPERLINK(…)"). A CSV or
XLSX cell whose text begins with ``= + - @`` (or a tab or carriage return, which some programs strip
before looking) is taken by Excel, LibreOffice and Google Sheets as a formula: OWASP's "CSV
injection". The fix OWASP advises is to prefix such a cell with a single quote, which these programs
show as text. The prefix must come off again on import, or a round trip would grow the text; and
text that already begins with quotes before such a character gets one more quote, so that
``restore(neutralise(text)) == text`` for every text (tested exhaustively on short strings).

XLSX has a better way than the quote: a cell typed as a string (never a formula) with Excel's
"quote prefix" style, which shows the text unchanged and keeps it text when the user edits it.
``xlsx_text_cell`` does that, so workbooks round-trip without any visible change to the text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would evaluate this text (after any leading quotes) as a formula."""
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """For CSV: text that a spreadsheet would run gets a leading quote; anything else unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return QUOTE + value
    return value


def restore(value: Any) -> Any:
    """The inverse of ``neutralise``, for text read back from a file RightsTrack wrote."""
    if isinstance(value, str) and value.startswith(QUOTE) and is_formula_like(value):
        return value[1:]
    return value


def xlsx_text_cell(cell: Any) -> None:
    """Makes an openpyxl cell holding formula-like text a plain string shown as typed.

    openpyxl stores any string that starts with ``=`` as a formula; typing the cell as a string
    and setting the quote prefix keeps it text in Excel and LibreOffice, even after an edit."""
    value = cell.value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def xlsx_value(value: Any) -> Any:
    """Text an XLSX file can hold: XML 1.0 forbids most control characters (openpyxl raises on
    them), and one stored ``\\x0b`` must not make a whole workbook fail. They become U+FFFD, so
    the reader sees that something was there."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl is heavy: import on use

        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value
