from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select

from rightstrack.ingest.loading import StrictImportError, load_file, load_paths
from rightstrack.store.database import data_version
from rightstrack.store.schema import (
    Base,
    ProvenanceRow,
    RecommendationIssueRow,
    RecommendationRow,
    RecommenderRow,
    SourceRow,
    StateOrganisationRow,
)

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROWS = [
    'Tonga,Asia,PIF,"Ratify CEDAW",Australia,WEOG,PIF,Accepted,5,"Women\'s rights",15',
    'Tonga,Asia,PIF,"Ratify CEDAW",Maldives,Asia,OIC,Accepted,5,"Women\'s rights",15',
    'Chad,Africa,AU,"Abolish the death penalty",France,WEOG,EU,Noted,5,Death penalty,4',
]


def write(path: Path, *rows: str, encoding: str = "mac_roman") -> Path:
    path.write_bytes(("\r".join((HEADER, *rows)) + "\r").encode(encoding))
    return path


def snapshot(store: Engine) -> dict[str, object]:
    with store.connect() as connection:
        return {
            "records": sorted(
                tuple(row)
                for row in connection.execute(select(RecommendationRow.natural_key, RecommendationRow.text))
            ),
            "recommenders": connection.scalar(select(func.count()).select_from(RecommenderRow)),
            "issues": connection.scalar(select(func.count()).select_from(RecommendationIssueRow)),
            "organisations": connection.scalar(select(func.count()).select_from(StateOrganisationRow)),
            "version": data_version(connection),
        }


def test_migrations_match_the_models(store: Engine) -> None:
    with store.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # The full-text machinery (FTS5 table, tsvector column) lives outside the models on purpose.
    diff = [d for d in diff if "recommendation_fts" not in str(d) and "search_vector" not in str(d)]
    assert diff == []


def test_reimport_changes_nothing(store: Engine, tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", *ROWS)
    first = load_file(store, path)
    assert first.written is not None and first.written.records_added == 2
    before = snapshot(store)
    second = load_file(store, path)
    assert second.written is not None and not second.written.changed
    assert snapshot(store) == before


def test_lenient_import_keeps_valid_rows_and_reports_errors(store: Engine, tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.csv", ROWS[0], ROWS[2].replace("Chad", "Atlantis"), ROWS[1])
    report = load_file(store, path)
    assert [(p.line, p.field) for p in report.errors] == [(3, "To")]
    assert snapshot(store)["recommenders"] == 2


def test_strict_import_stores_nothing_of_a_bad_file(store: Engine, tmp_path: Path) -> None:
    load_file(store, write(tmp_path / "good.csv", *ROWS))
    before = snapshot(store)
    bad = write(tmp_path / "bad.csv", ROWS[0].replace("Tonga", "Tuvalu"), ROWS[2].replace(",4", ",77"))
    with pytest.raises(StrictImportError, match=r"bad.csv: 1 error\(s\); nothing stored") as caught:
        load_file(store, bad, strict=True)
    assert "bad.csv:3: Session" in str(caught.value)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "content",
    [
        b"",  # empty
        b"\x00\x01\x02binary",  # not text
        ("\r".join((HEADER, ROWS[0])) + '\rTonga,Asia,PIF,"Ratify the').encode(),  # truncated
        b"To;Text\rTonga;x\r",  # wrong layout
    ],
)
def test_hostile_files_never_damage_stored_data(store: Engine, tmp_path: Path, content: bytes) -> None:
    load_file(store, write(tmp_path / "good.csv", *ROWS))
    before = snapshot(store)
    hostile = tmp_path / "hostile.csv"
    hostile.write_bytes(content)
    report = load_file(store, hostile)
    assert report.errors, "a hostile file must be reported"
    after = snapshot(store)
    # A truncated file's valid first row is a row already stored: the record gains this source's
    # provenance row, and nothing else changes (its recommender is not listed twice).
    assert after == before


def test_corrected_file_adds_only_what_is_new(store: Engine, tmp_path: Path) -> None:
    load_file(store, write(tmp_path / "a.csv", *ROWS[:2]))
    report = load_file(store, write(tmp_path / "a.csv", *ROWS))
    assert report.written is not None
    assert (report.written.records_added, report.written.recommenders_added) == (1, 1)


def test_same_rows_in_utf8_and_mac_roman_are_the_same_records(store: Engine, tmp_path: Path) -> None:
    row = ROWS[2].replace("death penalty", "peine de mort à vie")
    load_file(store, write(tmp_path / "mac.csv", row))
    report = load_file(store, write(tmp_path / "utf.csv", row, encoding="utf-8"))
    assert report.written is not None and report.written.records_added == 0


def test_load_paths_finds_exports_in_a_folder(store: Engine, tmp_path: Path) -> None:
    write(tmp_path / "one.csv", ROWS[0])
    (tmp_path / "notes.csv").write_text("name,value\rx,1\r")
    reports = load_paths(store, [tmp_path])
    assert [r.path.name for r in reports] == ["one.csv"]
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_paths(store, [tmp_path / "nowhere"])


def test_real_data_loads_with_expected_counts(loaded: object) -> None:
    from rightstrack.search.engine import SearchEngine

    assert isinstance(loaded, SearchEngine)
    with loaded.engine.connect() as connection:
        rows = connection.scalar(select(func.count()).select_from(RecommenderRow))
        kinds = {
            kind: count
            for kind, count in connection.execute(
                select(RecommendationRow.kind, func.count()).group_by(RecommendationRow.kind)
            )
        }
    assert rows == 38_298 + 947
    assert kinds == {"recommendation": 37_193, "pledge": 944}


def test_reviews_match_the_shared_list_of_sessions(loaded: object) -> None:
    """Every (state under review, session) pair agrees with the independent list in
    ../shared/data/reference — a check of name resolution and session parsing together."""
    import csv

    from rightstrack import config
    from rightstrack.reference.states import resolve_state
    from rightstrack.search.engine import SearchEngine

    assert isinstance(loaded, SearchEngine)
    listed = config.data_dir() / "reference" / "upr-sessions-1-20.csv"
    with listed.open(newline="", encoding="utf-8") as handle:
        expected = {
            (resolve_state(row["To"]).code, int(row["Session"]))
            for row in csv.DictReader(handle)
            if int(row["Session"]) <= 19
        }
    with loaded.engine.connect() as connection:
        stored = {
            (sur, session)
            for sur, session in connection.execute(
                select(RecommendationRow.sur_code, RecommendationRow.session).distinct()
            )
        }
    assert stored == expected


def test_a_copy_under_another_name_is_the_source_already_stored(store: Engine, tmp_path: Path) -> None:
    load_file(store, write(tmp_path / "a.csv", *ROWS))
    before = snapshot(store)
    copy = tmp_path / "a (1).csv"
    copy.write_bytes((tmp_path / "a.csv").read_bytes())
    report = load_file(store, copy)
    assert report.written is not None and report.written.same_content_as == "a.csv"
    assert not report.written.changed and snapshot(store) == before
    with store.connect() as connection:
        assert connection.scalars(select(SourceRow.name)).all() == ["a.csv"]
        assert connection.scalar(select(func.count()).select_from(ProvenanceRow)) == 2


def test_the_same_row_from_two_files_is_one_recommender(store: Engine, tmp_path: Path) -> None:
    load_file(store, write(tmp_path / "first.csv", ROWS[0]))
    report = load_file(store, write(tmp_path / "second.csv", ROWS[1], ROWS[0], ROWS[0]))
    assert report.written is not None
    # Australia's row is stored; the file's second Australia row is a second occurrence.
    assert (report.written.records_added, report.written.recommenders_added) == (0, 2)
    with store.connect() as connection:
        states = connection.execute(
            select(RecommenderRow.state_code, RecommenderRow.occurrence).order_by(RecommenderRow.id)
        ).all()
    assert [tuple(s) for s in states] == [("AUS", 0), ("MDV", 0), ("AUS", 1)]
