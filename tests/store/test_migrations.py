"""Stores made by an earlier version upgrade in place, keeping what they hold."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from rightstrack.store.database import MIGRATIONS, open_store
from rightstrack.tracking.accounts import find_user


def test_a_store_at_0004_gains_user_emails_and_keeps_its_users(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
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
