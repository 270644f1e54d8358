"""``rightstrack elections`` and ``rightstrack pledges``."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine
from typer.testing import CliRunner

from rightstrack.cli import app
from tests.conftest import PASSWORD

runner = CliRunner()


def _run(engine: Engine, *args: str, stdin: str | None = None) -> tuple[int, str]:
    url = engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["--db", url, *args], input=stdin, terminal_width=200)
    return result.exit_code, result.output


def test_elections_2016_shows_every_group_with_votes_and_sources(slovenia_store: Engine) -> None:
    code, out = _run(slovenia_store, "elections", "2016")
    assert code == 0
    for heading in (
        "African: 4 seats, 4 candidates — closed",
        "Eastern European: 2 seats, 3 candidates — competitive",
        "GRULAC: 2 seats, 3 candidates — competitive",
        "WEOG: 2 seats, 2 candidates — closed",
    ):
        assert heading in out
    assert "RUS" in out and "112" in out and "114" in out and "defeated" in out
    assert "margin between the last elected and the first defeated: 2 votes" in out
    assert "kuna-2016: Kuwait News Agency" in out
    code, out = _run(slovenia_store, "elections", "2016", "--group", "EEG", "--json")
    assert code == 0 and [r["state"] for r in json.loads(out)["groups"][0]["results"]] == [
        "HUN",
        "HRV",
        "RUS",
    ]


def test_overview_check_members_and_candidate(slovenia_store: Engine) -> None:
    code, out = _run(slovenia_store, "elections")
    assert code == 0 and "share closed" in out
    code, out = _run(slovenia_store, "elections", "--check")
    assert code == 0 and "0 problems" in out
    code, out = _run(slovenia_store, "elections", "--member", "Russian Federation", "--json")
    assert code == 0 and [t["elected_in"] for t in json.loads(out)["terms"]] == [2006, 2009, 2013, 2020]
    code, out = _run(slovenia_store, "elections", "--on", "2022-05-10")
    assert code == 0 and out.startswith("47 members on 2022-05-10")
    code, out = _run(slovenia_store, "elections", "2025", "--candidate", "Slovenia")
    assert code == 0 and "recommendations received 254, accepted 217, noted 37" in out
    code, out = _run(slovenia_store, "elections", "1999")
    assert code == 2 and "no Council election in 1999" in out


def test_the_2025_briefing_in_french(slovenia_store: Engine, tmp_path: Path) -> None:
    target = tmp_path / "briefing.pdf"
    code, out = _run(slovenia_store, "elections", "2025", "--briefing", str(target), "--lang", "fr")
    assert code == 0, out
    cover = " ".join(PdfReader(target).pages[0].extract_text().split())  # the title wraps on the cover
    assert "note d’information" in cover


def test_pledges_import_and_list(slovenia_store: Engine, tmp_path: Path) -> None:
    editor = f"editor-{uuid.uuid4().hex[:6]}"
    code, _ = _run(slovenia_store, "users", "add", editor, "--elections-editor", stdin=PASSWORD + "\n")
    assert code == 0
    good = tmp_path / "pledges.csv"
    good.write_text(
        "year,state,symbol,published_on,url,note\n2019,Armenia,A/74/94,2019-05-01,,\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "year,state,symbol,published_on,url,note\n2019,Atlantis,A/74/1,2019-05-01,,\n", encoding="utf-8"
    )
    code, out = _run(slovenia_store, "pledges", "import", str(bad), "--as", editor)
    assert code == 2 and f"{bad}:2: state:" in out and "nothing imported" in out
    code, out = _run(slovenia_store, "pledges", "import", str(good), "--as", editor)
    assert code == 0 and "1 added" in out
    code, out = _run(slovenia_store, "pledges", "import", str(good), "--as", editor)
    assert code == 0 and "1 unchanged" in out
    code, out = _run(slovenia_store, "pledges", "list", "2019", "--json")
    flags = {s["state"]: (s["flag"], s["pledge"] and s["pledge"]["symbol"]) for s in json.loads(out)}
    assert code == 0 and flags["ARM"] == ("on time", "A/74/94") and flags["MDA"] == ("none recorded", None)
