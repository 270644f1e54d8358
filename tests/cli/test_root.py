import csv
import io
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from rightstrack.cli import app
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery

runner = CliRunner()
HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def url(engine: SearchEngine) -> str:
    return engine.engine.url.render_as_string(hide_password=False)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_stats_prints_the_election_figures(loaded: SearchEngine) -> None:
    code, out, _ = run("--db", url(loaded), "stats", "-f", "issue=Elections")
    assert code == 0
    assert "241 of 38,298 (0.63%)" in out
    assert "accepted: 75.9%" in out
    assert "made by WEOG, EEG and GRULAC states: 79.3%" in out
    assert "addressed to African and Asia-Pacific states: 78.8%" in out
    assert "Counting rows (one per recommending state)" in out
    assert "Counting recommendations (joint recommendations once)" in out


def test_stats_json_and_cross(loaded: SearchEngine) -> None:
    code, out, _ = run(
        "--db", url(loaded), "stats", "-f", "issue=Elections", "--basis", "rows", "--json", "--by", "cycle"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["rows"]["headline"]["count"] == 241
    code, out, _ = run(
        "--db",
        url(loaded),
        "stats",
        "-f",
        "issue=Elections",
        "--basis",
        "rows",
        "--cross",
        "recommender_group",
        "sur_group",
    )
    assert code == 0 and "Total" in out


def test_search_json(loaded: SearchEngine) -> None:
    code, out, _ = run(
        "--db", url(loaded), "search", "women", "-f", "sur=Slovenia", "--json", "--per-page", "3"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["total"] > 0 and len(payload["hits"]) == 3
    assert all(hit["sur"] == "SVN" for hit in payload["hits"])
    assert "issue" in payload["facets"]


def test_search_and_show_text(loaded: SearchEngine) -> None:
    code, out, _ = run("--db", url(loaded), "search", '"death penalty"', "--per-page", "1")
    assert code == 0 and "results" in out and "State under review" in out
    record_id = out.split("#", 1)[1].split(" ", 1)[0]
    code, out, _ = run("--db", url(loaded), "show", record_id)
    assert code == 0 and "Recommended by" in out and ".csv, line" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "-f", "sur=Atlantis"], "unknown state 'Atlantis'"),
        (["search", "-f", "nonsense"], "DIMENSION=VALUE"),
        (["search", "(torture"], "not closed"),
        (["show", "999999999"], "no record with id"),
        (["states", "Atlantis"], "unknown state name"),
    ],
)
def test_errors_are_clear(loaded: SearchEngine, args: list[str], message: str) -> None:
    code, _, err = run("--db", url(loaded), *args)
    assert code == 2
    assert message in err


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_every_record_of_a_search(loaded: SearchEngine, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    code, _, err = run(
        "--db", url(loaded), "export", "-f", "issue=Elections", "--format", fmt, "-o", str(target)
    )
    assert code == 0 and "240 records exported" in err
    assert "Data: UPR sessions 1–19 (2008–2014" in " ".join(err.split())
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        sidecar = json.loads((tmp_path / "out.csv.meta.json").read_text(encoding="utf-8"))
        assert sidecar["records"] == 240 and sidecar["query"]["filters"] == {"issue": ["Elections"]}
        assert sidecar["coverage"]["last_year"] == 2014
    elif fmt == "json":
        exported = json.loads(target.read_text(encoding="utf-8"))
        rows = exported["records"]
        assert exported["meta"]["coverage"]["mechanisms"][0]["last_session"] == 19
    else:
        sheet = load_workbook(target, read_only=True).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))[1:]
    assert len(rows) == 240


def test_export_has_no_row_cap(loaded: SearchEngine, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    code, _, err = run("--db", url(loaded), "export", "-f", "type=recommendation", "-o", str(target))
    assert code == 0 and "37,193 records exported" in err


def test_state_profile(loaded: SearchEngine) -> None:
    code, out, _ = run("--db", url(loaded), "states", "Slovenia")
    assert code == 0
    assert "Slovenia (SVN) — Eastern European" in out
    assert "As state under review" in out and "As recommending state" in out
    # Its one review in UPR Info's export (2010), and where the data ends, with the command for more.
    flat = " ".join(out.split())  # the console wraps long lines
    assert "2010-02 · UPR · session 7 (cycle 1)" in flat
    assert "Data for Slovenia (UPR) ends in 2010" in flat and "rightstrack fetch upr-info" in flat


def test_states_list(loaded: SearchEngine) -> None:
    code, out, _ = run("--db", url(loaded), "states")
    assert code == 0 and "Holy See" in out and "Türkiye" in out


def test_load_reports_and_strict(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite3")
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER + '\nChad,Africa,AU,"Abolish the death penalty",France,WEOG,EU,Noted,5,Death penalty,4\n'
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + '\nChad,Africa,AU,"Protect children",Narnia,WEOG,EU,Noted,5,Rights of the Child,4\n'
    )
    code, out, _ = run("--db", db, "load", str(good))
    assert code == 0 and "good.csv" in out
    code, _, err = run("--db", db, "load", str(bad))
    assert code == 1 and "bad.csv:2: From: unknown state 'Narnia'" in err
    code, _, err = run("--db", db, "load", "--strict", str(bad))
    assert code == 2 and "nothing stored" in err
    code, _, err = run("--db", db, "load", str(tmp_path / "missing.csv"))
    assert code == 2 and "no such file" in err


def test_help_everywhere() -> None:
    for command in ([], ["load"], ["search"], ["show"], ["stats"], ["export"], ["states"]):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Usage" in out


def test_serve_answers_with_several_workers(loaded: SearchEngine) -> None:
    """``rightstrack serve`` as ``make run`` starts it: separate worker processes over one store."""
    if loaded.engine.dialect.name != "sqlite":
        pytest.skip("served once, from the embedded default store")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "rightstrack"), "--db", url(loaded), "serve"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/search?issue=Elections&per_page=0")
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"rightstrack serve did not start: {output}")
                time.sleep(0.3)
        assert response.status_code == 200
        expected = loaded.search(SearchQuery.build("", {"issue": ["Elections"]}, per_page=0)).total
        assert response.json()["total"] == expected > 200
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_eval_parse_reports_figures_as_json(tmp_path: Path) -> None:
    # The command's wiring on a few real reports: the accuracy floor over all 288 reports is
    # tests/sources/test_wgreport.py's, run once rather than twice.
    from rightstrack import config

    shared = config.data_dir() / "un-reports"
    for kind, count in (("txt", 3), ("pdf", 1)):
        (tmp_path / kind).mkdir()
        for report in sorted((shared / kind).glob(f"*.{kind}"))[:count]:
            (tmp_path / kind / report.name).symlink_to(report)
    code, out, _ = run("eval", "parse", "--reports", str(tmp_path), "--json")
    assert code == 0
    figures = json.loads(out)
    assert len(figures["txt"]) == 3 and len(figures["pdf"]) == 1
    assert {"report", "precision", "recall", "f1", "states_right"} <= set(figures["txt"][0])
    assert all(0 < report["f1"] <= 1 for report in figures["txt"] + figures["pdf"])


def test_ingest_reads_a_review_folder_and_show_lists_the_sources(tmp_path: Path) -> None:
    from rightstrack import config

    db = str(tmp_path / "cli.sqlite3")
    folder = config.data_dir() / "ohchr-documents" / "slovenia" / "cycle4"
    code, out, _ = run("--db", db, "ingest", str(folder), "--json")
    assert code == 0, out
    outcomes = {Path(o["file"]).name: o for o in json.loads(out)}
    assert outcomes["g2502644.pdf"]["kind"] == "wg-report" and outcomes["g2502644.pdf"]["added"] == 254
    assert outcomes["g2505828.pdf"]["responses_filled"] == 254
    assert outcomes["upr48-slovenia-thematic-list-of-recommendatio.docx"]["merged"] == 254
    assert "not a Working Group report" in outcomes["g2420070.pdf"]["skipped"]  # the national report

    code, out, _ = run("--db", db, "ingest", str(folder))
    assert code == 0
    assert "0 added, 0 merged into stored records" in out

    code, out, _ = run("--db", db, "search", "statelessness", "--json")
    first = json.loads(out)["hits"][0]["id"]
    code, out, _ = run("--db", db, "show", str(first), "--json")
    record = json.loads(out)
    assert {p["kind"] for p in record["provenances"]} == {"wg-report", "wg-addendum", "ohchr-matrix"}
    assert record["tags"]["uhri-theme"]


def test_ingest_names_a_missing_path(tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "x.sqlite3"), "ingest", str(tmp_path / "nowhere"))
    assert code == 2
    assert "nowhere" in err


def test_eval_addenda_checks_each_addendum_against_its_own_totals() -> None:
    code, out, _ = run("eval", "addenda", "--json")
    assert code == 0
    scores = {s["symbol"]: s for s in json.loads(out)}
    assert set(scores) == {"A/HRC/14/15/Add.1", "A/HRC/28/15/Add.1", "A/HRC/43/15/Add.1", "A/HRC/59/15/Add.1"}
    stated = [s for s in scores.values() if s["stated"] is not None]
    assert len(stated) == 3 and all(s["matches_stated"] for s in stated)
    first = scores["A/HRC/14/15/Add.1"]  # the one review UPR Info also coded
    assert first["upr_info_agree"] / first["upr_info_compared"] >= 0.95


def test_tag_adds_predictions_to_an_analysts_csv(tmp_path: Path) -> None:
    source = tmp_path / "mine.csv"
    source.write_text(
        "Id,Text,Note\n"
        '1,"Ensure free and fair elections and the independence of the electoral commission",a\n'
        "2,,empty\n"
        '3,"Consider ratifying the Optional Protocol to the Convention against Torture",b\n',
        encoding="cp1252",
    )
    target = tmp_path / "tagged.csv"
    code, out, err = run("tag", str(source), "-o", str(target))
    assert code == 0, err
    assert "2 recommendation(s) tagged" in out
    assert "mine.csv:3: Text: empty: row copied untagged" in err
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["Id"] for r in rows] == ["1", "2", "3"] and rows[1]["Predicted issues"] == ""
    assert (
        "Elections" in rows[0]["Predicted issues"].split(";") and float(rows[0]["Election relevance"]) > 0.5
    )
    assert rows[2]["Action category"] == "3" and "International instruments" in rows[2]["Predicted issues"]
    assert float(rows[2]["Election relevance"]) < 0.1 and rows[2]["Model"].startswith("rt-")


def test_tag_refuses_a_csv_without_text(tmp_path: Path) -> None:
    source = tmp_path / "other.csv"
    source.write_text("Id,Body\n1,x\n", encoding="utf-8")
    code, _, err = run("tag", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 2
    assert "other.csv:1: Text: no 'Text' column (columns: Id, Body)" in err


def test_similar_to_a_text_and_to_a_record(loaded: SearchEngine) -> None:
    code, out, _ = run(
        "--db", url(loaded), "similar", "--text", "Ratify the Convention against Torture", "--json"
    )
    assert code == 0
    found = json.loads(out)
    assert len(found) == 10 and all("torture" in f["text"].lower() for f in found[:5])
    code, out, _ = run("--db", url(loaded), "similar", str(found[0]["id"]), "--limit", "2", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, _, err = run("--db", url(loaded), "similar")
    assert code == 2 and "give a record id or --text" in err


def test_elections_review_lists_relevant_recommendations_not_coded_elections(tmp_path: Path) -> None:
    from rightstrack import config

    db = str(tmp_path / "docs.sqlite3")
    run("--db", db, "ingest", str(config.data_dir() / "ohchr-documents" / "egypt"))
    code, out, err = run("--db", db, "elections-review", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found and found == sorted(found, key=lambda c: -c["score"])
    assert all(c["score"] >= 0.2 for c in found)
    assert "elections" in found[0]["terms"] or "electoral" in found[0]["terms"]


def test_clusters_for_a_state_and_cycle(loaded: SearchEngine) -> None:
    code, out, _ = run("--db", url(loaded), "clusters", "Slovenia", "--cycle", "1", "--json")
    assert code == 0
    clusters = json.loads(out)
    assert clusters[0]["name"] == "Women's rights" and clusters[0]["size"] > 10
    code, _, err = run("--db", url(loaded), "clusters", "Narnia", "--cycle", "1")
    assert code == 2 and "Narnia" in err
