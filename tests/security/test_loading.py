"""Probe-style cases from issue 14 on loading files: copies under another name, encodings the
file does not declare, truncated files and folders with nothing to read, through the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from rightstrack.cli import app
from rightstrack.store.database import data_version, open_store
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationIssueRow,
    RecommendationRow,
    RecommenderRow,
    SourceRow,
)

runner = CliRunner()
REAL = "18-19.csv"  # the smallest export of recommendations: 5,216 rows
HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def counts(url: str) -> dict[str, int]:
    engine = open_store(url)
    with engine.connect() as connection:
        found = {
            table.__tablename__: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in (RecommendationRow, RecommenderRow, RecommendationIssueRow, ProvenanceRow, SourceRow)
        }
        found["data_version"] = data_version(connection)
    engine.dispose()
    return found


def rows_statistic(url: str) -> int:
    code, out, _ = run("--db", url, "stats", "--basis", "rows", "--json")
    assert code == 0, out
    return int(json.loads(out)["rows"]["headline"]["count"])


def joint_recommendation(url: str) -> int:
    """A record that several states made."""
    engine = open_store(url)
    with engine.connect() as connection:
        record = connection.scalar(
            select(RecommenderRow.recommendation_id)
            .group_by(RecommenderRow.recommendation_id)
            .having(func.count() > 2)
            .order_by(RecommenderRow.recommendation_id)
            .limit(1)
        )
    engine.dispose()
    assert record is not None
    return int(record)


def recommending_states(url: str, record: int) -> list[str]:
    code, out, _ = run("--db", url, "show", str(record), "--json")
    assert code == 0, out
    return [r["code"] for r in json.loads(out)["recommenders"]]


def test_the_same_export_under_another_name_adds_nothing(
    store_url: str, upr_info_dir: Path, tmp_path: Path
) -> None:
    """Issue 14: `cp 1-5.csv "1-5 (1).csv"; rightstrack load "1-5 (1).csv"` added 6,094 rows."""
    code, out, _ = run("--db", store_url, "load", str(upr_info_dir / REAL))
    assert code == 0, out
    before, rows_before = counts(store_url), rows_statistic(store_url)
    record = joint_recommendation(store_url)
    states = recommending_states(store_url, record)
    assert rows_before == 5_216 and len(states) == len(set(states))

    copy = tmp_path / "18-19 (1).csv"
    shutil.copyfile(upr_info_dir / REAL, copy)
    code, out, _ = run("--db", store_url, "load", str(copy))
    assert code == 0, out
    assert "18-19 (1).csv: same content as 18-19.csv, which is already stored; nothing added" in out
    assert counts(store_url) == before
    assert rows_statistic(store_url) == rows_before
    assert recommending_states(store_url, record) == states


def _real_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("mac_roman"), newline="")))


def test_a_newer_export_adds_only_its_new_rows(store_url: str, upr_info_dir: Path, tmp_path: Path) -> None:
    """The same rows in another file are the rows already stored; only what is new is added."""
    run("--db", store_url, "load", str(upr_info_dir / REAL))
    before = counts(store_url)
    header, first, *_ = _real_rows(upr_info_dir / REAL)
    joined = dict(zip(header, first, strict=True)) | {"From": "Tuvalu", "From-Rgrp": "Asia", "From-Org": ""}
    new_record = dict(joined) | {"Text": "Establish a national preventive mechanism without delay."}
    extra = io.StringIO(newline="")
    csv.writer(extra, lineterminator="\r").writerows([joined.values(), new_record.values()])
    newer = tmp_path / "18-19 updated.csv"
    newer.write_bytes((upr_info_dir / REAL).read_bytes() + extra.getvalue().encode("mac_roman"))

    code, out, _ = run("--db", store_url, "load", str(newer))
    assert code == 0, out
    after = counts(store_url)
    assert after["recommendations"] == before["recommendations"] + 1
    assert after["recommenders"] == before["recommenders"] + 2
    assert after["sources"] == before["sources"] + 1  # another export: its own provenance
    assert after["data_version"] == before["data_version"] + 1


def test_windows_1252_text_is_stored_as_written_and_the_cli_warns(tmp_path: Path) -> None:
    """Issue 14: "women’s “quoted” – dash" was stored as "womenís ìquotedî ñ dash", silently."""
    db = str(tmp_path / "store.sqlite3")
    text = "Protect women’s “quoted” rights – now"
    pasted = tmp_path / "pasted.csv"
    pasted.write_bytes(f"{HEADER}\r\nChad,Africa,AU,{text},France,WEOG,EU,Noted,5,,4\r\n".encode("cp1252"))
    code, out, err = run("--db", db, "load", str(pasted))
    assert code == 0, out
    assert "pasted.csv:2: (encoding): not valid UTF-8: read as Windows-1252" in " ".join(err.split())
    code, out, _ = run("--db", db, "search", "--json")
    assert [hit["text"] for hit in json.loads(out)["hits"]] == [text]


def test_a_stray_byte_in_a_utf8_file_keeps_the_rest_utf8_and_is_named(tmp_path: Path) -> None:
    """Issue 14: one stray 0x92 made a whole UTF-8 file Mac Roman."""
    db = str(tmp_path / "store.sqlite3")
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        f"{HEADER}\nCôte d'Ivoire,Africa,AU,Protect élèves,France,WEOG,EU,Noted,5,,4\n".encode()
        + b"Chad,Africa,AU,Protect women\x92s rights,France,WEOG,EU,Noted,5,,4\n"
    )
    code, out, err = run("--db", db, "load", str(mixed))
    assert code == 0, out
    assert "mixed.csv:3: (encoding): not valid UTF-8: byte(s) 0x92 (’) read as Windows-1252" in " ".join(
        err.split()
    )
    code, out, _ = run("--db", db, "search", "--json")
    assert sorted(hit["text"] for hit in json.loads(out)["hits"]) == [
        "Protect women’s rights",
        "Protect élèves",
    ]


def test_a_truncated_file_says_what_it_stored_and_exits_1(tmp_path: Path) -> None:
    """Issue 14: a plain load of a truncated CSV stores the complete rows and exits 1 — say so."""
    db = str(tmp_path / "store.sqlite3")
    cut = tmp_path / "cut.csv"
    cut.write_text(
        f"{HEADER}\r"
        'Tonga,Asia,PIF,"Ratify CEDAW",Australia,WEOG,PIF,Accepted,5,"Women\'s rights",15\r'
        'Tonga,Asia,PIF,"Ratify CEDAW",Maldives,Asia,OIC,Accepted,5,"Women\'s rights",15\r'
        'Tonga,Asia,PIF,"Ratify the Conv'
    )
    code, out, err = run("--db", db, "load", str(cut))
    assert code == 1
    assert (
        "cut.csv: the file ends mid-row at line 4 (cut off); the 2 valid rows before it are stored, "
        "each complete; nothing from line 4 on is stored"
    ) in " ".join(out.split())
    assert "cut.csv:4: (row): the file ends in the middle of this row" in err
    assert counts(f"sqlite:///{db}")["recommenders"] == 2


def _folder_with_a_letter(tmp_path: Path) -> Path:
    """A folder of documents holding one text that is no UN report (ingest skips it)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("Dear colleagues, please find attached our national report.\n")
    return folder


def test_ingest_exits_1_when_every_file_was_skipped_or_rejected(tmp_path: Path) -> None:
    """Issue 14: `ingest` exited 0 when every file was skipped or rejected."""
    db, folder = str(tmp_path / "store.sqlite3"), _folder_with_a_letter(tmp_path)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "unknown.csv").write_text(f"{HEADER}\nAtlantis,Africa,AU,Protect,France,WEOG,EU,Noted,5,,4\n")
    code, out, err = run("--db", db, "ingest", str(folder))
    assert code == 1, out
    said = " ".join(err.split())
    assert "Nothing ingested: every file was skipped or rejected:" in said
    assert "letter.txt: skipped: not a Working Group report or addendum" in said
    assert "old.doc: skipped: Word 97 (.doc) is not read" in said
    assert "unknown.csv: rejected: unknown.csv:2: To: unknown state 'Atlantis'" in said

    code, out, err = run("--db", db, "ingest", str(folder), "--json")
    assert code == 1 and len(json.loads(out)) == 3

    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("--db", db, "ingest", str(empty))
    assert code == 1 and "no files under" in err


def test_ingest_exits_0_when_one_file_was_read(tmp_path: Path) -> None:
    db, folder = str(tmp_path / "store.sqlite3"), _folder_with_a_letter(tmp_path)
    (folder / "good.csv").write_text(f"{HEADER}\nChad,Africa,AU,Protect,France,WEOG,EU,Noted,5,,4\n")
    code, out, _ = run("--db", db, "ingest", str(folder))
    assert code == 0, out
    code, out, _ = run("--db", db, "ingest", str(folder))  # read again: nothing new, still read
    assert code == 0, out
