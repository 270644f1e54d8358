"""UHRI exports built at test time, in OHCHR's JSON and XLSX formats, with texts from the real data.

The texts are UPR Info's recommendations (``upr-info-2008-2014/18-19.csv``): as UHRI's UPR
annotations they carry the same state under review, session and text, which is what merging pairs.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from rightstrack import config
from rightstrack.domain import Recommendation
from rightstrack.reference.states import state
from rightstrack.sources.uprinfo import parse_file

UPR_INFO_FILE = "18-19.csv"
FIELDS = (
    "AffectedPersons",
    "AnnotationId",
    "AnnotationType",
    "Body",
    "Countries",
    "DocumentId",
    "PublicationDate",
    "PublicationDateOnUhri",
    "Regions",
    "Sdgs",
    "Symbol",
    "Text",
    "Themes",
    "UprCycle",
    "UprPositions",
    "UprRecommendingCountry",
    "UprRecommendingRegions",
    "UprSession",
)
# The XLSX export's columns, in OHCHR's spelling, and the JSON field each holds.
XLSX_COLUMNS = (
    ("Text", "Text"),
    ("Countries Concerned", "Countries"),
    ("Reccomending Body", "Body"),
    ("Document Symbol", "Symbol"),
    ("Themes", "Themes"),
    ("Affected Persons", "AffectedPersons"),
    ("Sdgs", "Sdgs"),
    ("Document Publication Date", "PublicationDate"),
    ("UPR Reccomending States", "UprRecommendingCountry"),
    ("UPR Position", "UprPositions"),
    ("Type", "AnnotationType"),
    ("OHCHR Annotation Id", "AnnotationId"),
    ("UPR Session", "UprSession"),
    ("Regions Concerned", "Regions"),
    ("Recommending Regions", "UprRecommendingRegions"),
    ("Date of publication on UHRI", "PublicationDateOnUhri"),
)
SESSION_LABELS = {18: "18 - January 2014", 19: "19 - April 2014"}


@cache
def real_recommendations() -> tuple[Recommendation, ...]:
    """UPR Info's recommendations of sessions 18 and 19, as the project reads them."""
    parsed = parse_file(config.upr_info_dir() / UPR_INFO_FILE)
    return tuple(r for r in parsed.records if r.recommenders and r.recommenders[0][0])


def annotation_id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"uhri-test/{seed}"))


def annotation(**fields: Any) -> dict[str, Any]:
    """An annotation with every field of the export; unset lists empty, UPR fields empty."""
    base: dict[str, Any] = {name: [] for name in FIELDS}
    base.update(
        AnnotationId=annotation_id(str(fields.get("Text", ""))),
        AnnotationType="- Recommendations",
        Body="- UPR",
        DocumentId=str(uuid.uuid4()),
        PublicationDate="2014-03-20T00:00:00",
        PublicationDateOnUhri="2014-04-01T10:53:45.827",
        Symbol=None,
        Text="",
        UprCycle=None,
    )
    base.update(fields)
    return base


def upr_annotation(record: Recommendation, **fields: Any) -> dict[str, Any]:
    """UHRI's annotation of a recommendation UPR Info also holds."""
    values: dict[str, Any] = {
        "Text": record.text,
        "Countries": [state(record.sur).name],
        "UprSession": [SESSION_LABELS[record.session]],
        "UprCycle": "2nd cycle",
        "UprPositions": ["Supported" if record.response and record.response.value == "Accepted" else "Noted"],
        "UprRecommendingCountry": [state(code).name for code, _ in record.recommenders if code],
        "Symbol": f"A/HRC/WG.6/{record.session}/{record.sur}",
    }
    values.update(fields)
    return annotation(**values)


def write_json(path: Path, annotations: Iterable[Mapping[str, Any]]) -> Path:
    path.write_text(json.dumps(list(annotations), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "\n".join(f"- {v}" for v in value) or None
    return value


def excel_day(iso: str) -> int:
    return (date.fromisoformat(iso[:10]) - date(1899, 12, 30)).days


def write_xlsx(path: Path, annotations: Iterable[Mapping[str, Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title for title, _ in XLSX_COLUMNS])
    for item in annotations:
        row = []
        for _, name in XLSX_COLUMNS:
            value = item.get(name)
            if name in ("PublicationDate", "PublicationDateOnUhri") and isinstance(value, str):
                value = excel_day(value)  # the export writes Excel day numbers
            row.append(_cell(value))
        sheet.append(row)
    workbook.save(path)
    return path


def upr_info_subset(path: Path, rows: int) -> Path:
    """The first ``rows`` rows of the real UPR Info file, as published (Mac Roman, CR endings)."""
    raw = (config.upr_info_dir() / UPR_INFO_FILE).read_bytes().decode("mac_roman")
    table = list(csv.reader(io.StringIO(raw, newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r").writerows(table[: rows + 1])
    path.write_bytes(out.getvalue().encode("mac_roman"))
    return path
