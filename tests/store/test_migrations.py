"""Stores made by an earlier version upgrade in place, keeping what they hold."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from rightstrack.accounts import find_user
from rightstrack.saved_searches.saved import list_saved, save_search
from rightstrack.store.database import (
    DATA_TOKEN,
    HEAD_REVISION,
    MIGRATIONS,
    current_revision,
    data_version,
    open_store,
)
from rightstrack.store.saved_search_schema import SavedSearchRow
from rightstrack.store.schema import (
    MetaRow,
    ProvenanceRow,
    RecommendationRow,
    RecommenderRow,
    SourceRow,
    StateRow,
)


@contextmanager
def _at_revision(engine: Engine, revision: str) -> Iterator[Connection]:
    """A store migrated only up to ``revision``, as an earlier version left it, to fill in."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        yield connection


def test_the_head_revision_the_store_opens_without_alembic_is_alembics_head() -> None:
    """A stale HEAD_REVISION would let a store skip a new migration: it must name the head."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_a_store_behind_the_head_is_upgraded_when_opened(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'behind.sqlite3'}"
    engine = create_engine(url)
    with _at_revision(engine, "0008"):
        pass
    assert current_revision(engine) == "0008"
    engine.dispose()
    upgraded = open_store(url)
    assert current_revision(upgraded) == HEAD_REVISION
    assert current_revision(open_store(url)) == HEAD_REVISION  # opening again changes nothing
    upgraded.dispose()


def test_a_store_at_0004_gains_user_emails_and_keeps_its_users(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    with _at_revision(engine, "0004") as connection:
        connection.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, is_admin, disabled, created_at) "
                "VALUES ('focal', 'Focal point', 'x', 0, 0, '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()
    upgraded = open_store(url)
    with upgraded.connect() as connection:
        user = find_user(connection, "focal")
    assert (user.display_name, user.email) == ("Focal point", None)
    upgraded.dispose()


def test_a_store_at_0006_loses_repeated_recommenders_and_copied_sources(store_url: str) -> None:
    """Issue 14: the same export under a second name had added every recommender row again."""
    engine = create_engine(store_url)
    with _at_revision(engine, "0006") as connection:
        connection.execute(
            insert(StateRow),
            [
                {"code": c, "name": c, "regional_group": None, "un_status": "member"}
                for c in ("TCD", "FRA", "AUT")
            ],
        )
        connection.execute(
            insert(MetaRow), [{"key": "store_id", "value": "old"}, {"key": "data_version", "value": "3"}]
        )
        source = {"kind": "upr-info-csv", "path": "/x", "encoding": "mac_roman", "rows_read": 3}
        source["imported_at"] = datetime(2026, 1, 1)
        connection.execute(
            insert(SourceRow),
            [
                {"id": 1, "name": "a.csv", "sha256": "1" * 64, **source},
                {"id": 2, "name": "a (1).csv", "sha256": "1" * 64, **source},  # the same file copied
                {"id": 3, "name": "b.csv", "sha256": "2" * 64, **source},  # a newer export
            ],
        )
        # As SQL, not the current model's insert, which names columns later revisions add.
        connection.execute(
            text(
                "INSERT INTO recommendations (id, natural_key, kind, sur_code, session, cycle, year, text, "
                "search_text) VALUES (1, 'k', 'recommendation', 'TCD', 4, 1, 2009, "
                "'Abolish the death penalty', 'abolish the death penalty')"
            )
        )
        rows = [(1, "FRA", 0, 2), (1, "AUT", 0, 3), (1, "FRA", 1, 4), (2, "FRA", 0, 2), (2, "AUT", 0, 3)]
        rows += [(2, "FRA", 1, 4), (3, "FRA", 0, 7)]
        connection.execute(
            insert(RecommenderRow),
            [
                {
                    "recommendation_id": 1,
                    "state_code": code,
                    "state_key": code,
                    "source_id": source_id,
                    "occurrence": occurrence,
                    "line": line,
                }
                for source_id, code, occurrence, line in rows
            ],
        )
        connection.execute(
            insert(ProvenanceRow),
            [
                {"recommendation_id": 1, "source_id": source_id, "locator": locator}
                for source_id, locator in ((1, "line 2"), (2, "line 2"), (3, "line 7"))
            ],
        )
    engine.dispose()

    upgraded = open_store(store_url)
    with upgraded.connect() as connection:
        kept = connection.execute(
            select(RecommenderRow.source_id, RecommenderRow.state_code, RecommenderRow.occurrence).order_by(
                RecommenderRow.id
            )
        ).all()
        assert [tuple(row) for row in kept] == [(1, "FRA", 0), (1, "AUT", 0), (1, "FRA", 1)]
        assert connection.scalars(select(SourceRow.name).order_by(SourceRow.id)).all() == ["a.csv", "b.csv"]
        provenances = connection.execute(select(ProvenanceRow.source_id, ProvenanceRow.locator)).all()
        assert sorted(tuple(row) for row in provenances) == [(1, "line 2"), (3, "line 7")]
        assert data_version(connection) == 4  # computed copies of the old data are not read again
        assert connection.scalar(select(MetaRow.value).where(MetaRow.key == DATA_TOKEN))
    with pytest.raises(IntegrityError), upgraded.begin() as connection:
        connection.execute(
            insert(RecommenderRow).values(
                recommendation_id=1, state_code="AUT", state_key="AUT", source_id=3, occurrence=0, line=9
            )
        )
    upgraded.dispose()


def test_a_store_at_0007_gains_mechanisms_and_keeps_every_row_and_its_search(tmp_path: Path) -> None:
    """Issue 15: SQLite rebuilds the recommendations table to let UPR-only columns be empty; its
    rows' recommenders (ON DELETE CASCADE) and full-text index must survive the rebuild."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    with _at_revision(engine, "0007") as connection:
        connection.execute(insert(StateRow).values(code="SVN", name="Slovenia", un_status="member"))
        connection.execute(
            text(
                "INSERT INTO sources (id, name, kind, path, sha256, encoding, rows_read, imported_at) "
                "VALUES (1, 'a.csv', 'upr-info-csv', '/a.csv', 'x', 'utf-8', 1, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO recommendations (id, natural_key, kind, sur_code, session, cycle, year, text, "
                "search_text) VALUES (1, 'k', 'recommendation', 'SVN', 7, 1, 2010, 'Ratify the treaty', "
                "'ratify the treaty')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO recommenders (recommendation_id, state_code, state_key, source_id, occurrence, "
                "line) VALUES (1, 'SVN', 'SVN', 1, 0, 2)"
            )
        )
    engine.dispose()
    upgraded = open_store(url)
    with upgraded.begin() as connection:
        assert connection.scalar(select(RecommenderRow.line)) == 2
        row = connection.execute(select(RecommendationRow.mechanism, RecommendationRow.body)).one()
        assert tuple(row) == ("UPR", "UPR")
        found = connection.execute(
            text("SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH 'ratify'")
        ).scalars()
        assert list(found) == [1]
        connection.execute(
            text(
                "INSERT INTO recommendations (id, natural_key, kind, sur_code, year, text, search_text, "
                "mechanism, body) VALUES (2, 'k2', 'concern', 'SVN', 2024, 'Concerned about torture', "
                "'concern about torture', 'Treaty body', 'CAT')"
            )
        )
        found = connection.execute(
            text("SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH 'torture'")
        ).scalars()
        assert list(found) == [2]
    upgraded.dispose()


def test_a_store_at_0008_gains_saved_searches_and_keeps_its_users_and_records(store_url: str) -> None:
    """Issue 18: saved searches hang on users; the users and records stay as they were."""
    engine = create_engine(store_url)
    with _at_revision(engine, "0008") as connection:
        connection.execute(insert(StateRow).values(code="SVN", name="Slovenia", un_status="member"))
        connection.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, is_admin, disabled, created_at, "
                "email, elections_editor) VALUES ('reader', 'Reader', 'x', false, false, "
                "'2026-01-01 00:00:00', 'reader@ngo.example', false)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO recommendations (id, natural_key, kind, sur_code, session, cycle, year, text, "
                "search_text) VALUES (5, 'k', 'recommendation', 'SVN', 7, 1, 2010, 'Ratify the treaty', "
                "'ratify the treaty')"
            )
        )
    engine.dispose()
    upgraded = open_store(store_url)
    with upgraded.begin() as connection:
        reader = find_user(connection, "reader")
        assert (reader.display_name, reader.email) == ("Reader", "reader@ngo.example")
        assert connection.scalar(select(RecommendationRow.text)) == "Ratify the treaty"
        saved = save_search(connection, reader, "Treaties", "q=treaty", "en")
        assert saved.digested_through == 5  # the digest starts after the records already there
        assert [s.name for s in list_saved(connection, reader)] == ["Treaties"]
    with pytest.raises(IntegrityError), upgraded.begin() as connection:  # one token, one search
        connection.execute(
            insert(SavedSearchRow).values(
                user_id=reader.id,
                name="copy",
                query="",
                locale="en",
                feed_token=saved.feed_token,
                created_at=datetime(2026, 1, 1),
                digested_through=0,
            )
        )
    upgraded.dispose()
