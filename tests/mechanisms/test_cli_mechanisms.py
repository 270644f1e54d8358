"""The command line with other mechanisms' records in the store (no session, no cycle)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from tests.cli.test_root import run, url


def _flat(text: str) -> str:
    return " ".join(text.split())  # the console wraps long lines


def test_search_show_and_stats(mixed: SearchEngine) -> None:
    code, out, _ = run("--db", url(mixed), "search", "-f", "mechanism=TB", "-f", "body=cat", "--facets", "0")
    assert code == 0 and "Treaty body CAT, 2023-01-01" in _flat(out)
    record = mixed.search(SearchQuery.build(filters={"body": ["SR Environment"]})).hits[0]
    code, out, _ = run("--db", url(mixed), "show", str(record.id))
    assert code == 0 and "Special procedure / SR Environment" in _flat(out) and "A/HRC/52/33/Add.2" in out
    code, out, _ = run(
        "--db", url(mixed), "stats", "-f", "sur=SVN", "--by", "mechanism", "--by", "body", "--json"
    )
    payload = json.loads(out)
    bodies = {row["value"]: row["count"] for row in payload["records"]["breakdowns"]["body"]["rows"]}
    assert bodies["CEDAW"] == 1 and bodies["CAT"] == 1  # recommendations only, unless -f type=…
    assert payload["coverage"]["mechanisms"][1]["mechanism"] == "Treaty body"
    code, out, _ = run("--db", url(mixed), "stats", "-f", "sur=SVN", "--by", "mechanism")
    assert code == 0 and "Data: UPR sessions 6–48" in _flat(out)


def test_export_with_its_sidecar(mixed: SearchEngine, tmp_path: Path) -> None:
    target = tmp_path / "treaty.csv"
    code, _, err = run("--db", url(mixed), "export", "-f", "mechanism=treaty body", "-o", str(target))
    assert code == 0 and "4 records exported" in err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {row["body"] for row in rows} == {"CAT", "CEDAW"} and {row["session"] for row in rows} == {""}
    meta = json.loads((tmp_path / "treaty.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["records"] == 4 and meta["query"]["filters"] == {"mechanism": ["Treaty body"]}


def test_states_shows_the_timeline(mixed: SearchEngine) -> None:
    code, out, _ = run("--db", url(mixed), "states", "Slovenia")
    flat = _flat(out)
    assert code == 0 and "CEDAW/C/SVN/CO/7" in flat and "https://docs.un.org/en/CAT/C/SVN/CO/4" in flat
    assert "session 48 (cycle 4)" in flat and "ends in" not in flat  # its data reaches 2025
    code, out, _ = run("--db", url(mixed), "states", "Egypt")
    assert "Data for Egypt (UPR) ends in 2014" in _flat(out) and "rightstrack fetch upr-info" in _flat(out)
