"""What a plan's exports and reports are chosen among — the spreadsheet's sheets, the kinds of
report — apart from the code that writes them (openpyxl, SQLAlchemy, the charts): the command
line names them in its options' help when it starts, without waiting for the rest."""

from __future__ import annotations

from typing import Literal

SHEETS = ("Recommendations", "Measures", "Indicators", "Agencies")

ReportKind = Literal["midterm", "shadow"]
KINDS: tuple[ReportKind, ...] = ("midterm", "shadow")
