"""``rightstrack eom``: the template, loading a filled one, and the comparison with the UPR."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from rightstrack.cli import app
from rightstrack.sources.eom import COLUMNS
from rightstrack.sources.eom_template import template_csv
from tests.eom_data import write_upr_subset

runner = CliRunner()


def _run(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db, *args], terminal_width=240)
    return result.exit_code, result.output


def test_template_load_and_compare(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    code, out = _run(db, "eom", "template", str(tmp_path / "blank.csv"))
    assert code == 0 and (tmp_path / "blank.csv").read_text().splitlines() == [",".join(COLUMNS)]
    code, out = _run(db, "eom", "template", "--xlsx", "--example", str(tmp_path / "example.xlsx"))
    assert code == 0 and load_workbook(tmp_path / "example.xlsx").active.max_row == 11

    assert _run(db, "load", str(write_upr_subset(tmp_path)))[0] == 0
    code, out = _run(db, "eom", "load", str(tmp_path / "example.xlsx"))
    assert code == 0, out
    assert "example.xlsx: 10 recommendations read; 10 new" in out
    example_csv = tmp_path / "example.csv"
    example_csv.write_bytes(template_csv(example=True))
    # ``load`` tells a template from UPR Info's exports by its header; the same rows as the
    # workbook are the same records, so nothing is added.
    code, out = _run(db, "load", str(example_csv))
    assert code == 0 and "example.csv: 10 recommendations read; 0 new, 10 already stored" in out, out

    code, out = _run(db, "eom", "compare", "--state", "Belarus", "--json")
    assert code == 0
    found = json.loads(out)
    assert len(found) == 7 and {f["organisation"] for f in found} == {"OSCE/ODIHR"}
    observers = next(f for f in found if "observers the right to monitor" in f["text"])
    first = observers["upr"][0]
    assert first["text"].startswith("Commit to inviting independent international observers")
    assert (first["response"], first["recommenders"], first["session"]) == ("Noted", ["CAN"], 8)
    assert 0.15 < first["similarity"] <= 1 and observers["election_date"] == "2010-12-19"

    code, out = _run(db, "eom", "compare", "--state", "KHM")
    assert code == 0
    assert "EU EOM · National Assembly elections" in out and "USA" in out and "Accepted" in out
    code, out = _run(db, "eom", "compare", "--state", "Norway")
    assert code == 0 and "No election observation mission's recommendation is stored for Norway" in out


def test_a_bad_template_is_refused_with_every_problem_and_stores_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    bad = tmp_path / "bad.csv"
    lines = template_csv(example=True).decode().splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace(",Belarus,", ",Atlantis,"), lines[2]]) + "\n")
    code, out = _run(db, "eom", "load", str(bad))
    assert code == 2
    assert "bad.csv:2: country: unknown state 'Atlantis'" in out and "nothing was stored" in out
    code, out = _run(db, "eom", "compare", "--state", "Belarus", "--json")
    assert code == 0 and json.loads(out) == []
    assert _run(db, "eom", "load", str(tmp_path / "missing.csv"))[0] == 2
    assert _run(db, "eom", "compare", "--state", "Atlantis")[0] == 2
