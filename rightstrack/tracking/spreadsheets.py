"""A plan as a spreadsheet (XLSX, or one sheet as CSV), and spreadsheets read back into rows
that know their file, sheet and line (``spreadsheet_import`` applies them).

The workbook has four sheets — Recommendations, Measures, Indicators, Agencies."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from rightstrack.domain import InputProblem
from rightstrack.tracking.items import PlanView

SHEETS = ("Recommendations", "Measures", "Indicators", "Agencies")
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


def to_xlsx(view: PlanView) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(COLUMNS[sheet])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in rows_of(view, sheet):
            worksheet.append(row)
        worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def to_csv(view: PlanView, sheet: str) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(COLUMNS[sheet])
    for row in rows_of(view, sheet):
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row])
    return output.getvalue()


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
        value = self.values.get(column)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None

    def id_list(self, column: str) -> tuple[int, ...]:
        text = self.text(column)
        try:
            return tuple(int(part) for part in text.replace(",", ";").split(";") if part.strip())
        except ValueError:
            raise ValueError(f"not a list of ids separated by ';': {text!r}") from None


def read_xlsx(data: bytes, file: str) -> dict[str, list[Row]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheets: dict[str, list[Row]] = {}
    for sheet in SHEETS:
        if sheet not in workbook.sheetnames:
            continue
        values = list(workbook[sheet].iter_rows(values_only=True))
        if not values:
            continue
        header = [str(h).strip().lower() if h is not None else "" for h in values[0]]
        sheets[sheet] = [
            Row(file, sheet, line, dict(zip(header, row, strict=False)))
            for line, row in enumerate(values[1:], start=2)
            if any(v not in (None, "") for v in row)
        ]
    return sheets


def read_csv(text: str, file: str, sheet: str) -> dict[str, list[Row]]:
    if sheet not in SHEETS:
        raise ValueError(f"sheet must be one of {', '.join(SHEETS)}, not {sheet!r}")
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for line, row in enumerate(reader, start=2):
        values = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        if any((v or "").strip() for v in values.values()):
            rows.append(Row(file, sheet, line, values))
    return {sheet: rows}
