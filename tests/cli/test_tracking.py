"""``rightstrack users`` and ``rightstrack plans`` on the Slovenia store."""

from __future__ import annotations

import uuid
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine
from typer.testing import CliRunner

from rightstrack.cli import app
from tests.conftest import PASSWORD, Team

runner = CliRunner()


def _run(engine: Engine, *args: str, stdin: str | None = None) -> tuple[int, str]:
    url = engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["--db", url, *args], input=stdin)
    return result.exit_code, result.output


def test_users_are_added_with_a_password_from_standard_input(slovenia_store: Engine) -> None:
    name = f"cli-{uuid.uuid4().hex[:6]}"
    code, out = _run(slovenia_store, "users", "add", name, "--email", "focal@gov.si", stdin=PASSWORD + "\n")
    assert code == 0 and f"created user {name}" in out
    code, out = _run(slovenia_store, "users", "add", name, stdin=PASSWORD + "\n")
    assert code == 2 and "is taken" in out
    code, out = _run(slovenia_store, "users", "add", f"{name}x", stdin="short\n")
    assert code == 2 and "password: at least 10 characters" in out


def test_plan_create_export_import_report_and_reminders(
    slovenia_store: Engine, team: Team, tmp_path: Path
) -> None:
    code, out = _run(
        slovenia_store, "plans", "create", "Slovenia", "--as", team.owner.username, "--cycle", "4"
    )
    assert code == 0 and "217 recommendations in" in out, out
    plan_id = out.split(":")[0].split()[-1]

    workbook_path = tmp_path / "plan.xlsx"
    code, out = _run(slovenia_store, "plans", "export", plan_id, "-o", str(workbook_path))
    assert code == 0
    workbook = load_workbook(workbook_path)
    workbook["Measures"].append(
        [
            None,
            None,
            "National action plan on business and human rights",
            "",
            "Ministry of Economy",
            "",
            "",
            "2026-12-31",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    workbook.save(workbook_path)
    code, out = _run(
        slovenia_store, "plans", "import", plan_id, str(workbook_path), "--as", team.owner.username
    )
    assert code == 0 and "1 created" in out, out

    code, out = _run(
        slovenia_store, "plans", "import", plan_id, str(workbook_path), "--as", team.outsider.username
    )
    assert code == 2 and "does not exist or is not published" in out  # not a member of this new plan

    code, out = _run(slovenia_store, "plans", "reminders", plan_id, "--on", "2026-12-15")
    assert code == 0 and "Ministry of Economy" in out and "National action plan on business" in out

    report = tmp_path / "rapport.pdf"
    code, out = _run(slovenia_store, "plans", "report", plan_id, "-o", str(report), "--language", "fr")
    assert code == 0
    assert "Rapport à mi-parcours" in PdfReader(report).pages[0].extract_text()
    code, out = _run(slovenia_store, "plans", "report", plan_id, "-o", str(tmp_path / "r.odt"))
    assert code == 2 and ".pdf" in out
