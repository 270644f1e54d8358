"""Opening a store: engine, pragmas, migrations and the reference rows every store holds."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, insert, inspect, select, text
from sqlalchemy.engine import Connection

from rightstrack.config import database_url
from rightstrack.reference.states import all_states
from rightstrack.store import elections_schema, tracking_schema  # noqa: F401  (their tables join Base.metadata)
from rightstrack.store.schema import MetaRow, StateRow

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration's revision. A store already there is opened without loading Alembic (a
# fifth of a second on every command); tests/store/test_migrations.py checks this is the head.
HEAD_REVISION = "0008"
DATA_TOKEN = "data_token"  # drawn anew with every data change: see data_fingerprint


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


class MigrationError(RuntimeError):
    """A migration left rows pointing at rows that are not there; nothing of it was kept."""


def current_revision(engine: Engine) -> str | None:
    """The store's Alembic revision, None for a store never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return str(revision) if revision is not None else None


def migrate(engine: Engine) -> None:
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return
    # SQLite changes a column by building the table anew and dropping the old one; with foreign
    # keys enforced, that drop would delete every row that refers to it (ON DELETE CASCADE). So,
    # as SQLite's documentation prescribes, keys are off during the change (the pragma only takes
    # effect outside a transaction) and checked before it is committed.
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # ends SQLAlchemy's autobegun transaction; the driver opened none
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(f"migration left {len(broken)} broken reference(s): {broken[:5]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _seed_states(connection: Connection) -> None:
    present = set(connection.scalars(select(StateRow.code)))
    missing = [
        {
            "code": s.code,
            "name": s.name,
            "regional_group": s.regional_group.value if s.regional_group else None,
            "un_status": s.un_status,
        }
        for s in all_states().values()
        if s.code not in present
    ]
    if missing:
        connection.execute(insert(StateRow), missing)


def open_store(url: str | None = None) -> Engine:
    """An engine on a migrated store with the reference states in place."""
    engine = make_engine(url)
    migrate(engine)
    with engine.begin() as connection:
        _seed_states(connection)
        if connection.scalar(select(MetaRow.value).where(MetaRow.key == "store_id")) is None:
            connection.execute(insert(MetaRow).values(key="store_id", value=uuid.uuid4().hex))
    return engine


def store_id(connection: Connection) -> str:
    """A random id given to a store when it is created: a new store at an old path gets a new one."""
    return str(connection.scalar(select(MetaRow.value).where(MetaRow.key == "store_id")))


_DATA_VERSION = select(MetaRow.value).where(MetaRow.key == "data_version")  # asked before every search


def data_version(connection: Connection) -> int:
    value = connection.scalar(_DATA_VERSION)
    return int(value) if value is not None else 0


def data_fingerprint(connection: Connection) -> str:
    """A key for computed copies of the store's data (the facet index on disk).

    The data version alone cannot be one: a copied store file keeps its id and version, and the
    copy and the original then count up through the same versions holding different data. The
    random token that every change draws anew tells them apart."""
    keys = ("store_id", "data_version", DATA_TOKEN)
    found = dict(connection.execute(select(MetaRow.key, MetaRow.value).where(MetaRow.key.in_(keys))).all())
    return hashlib.sha256("\x1f".join(str(found.get(key, "")) for key in keys).encode()).hexdigest()


def bump_data_version(connection: Connection) -> int:
    version = data_version(connection) + 1
    if version == 1:
        connection.execute(insert(MetaRow).values(key="data_version", value="1"))
    else:
        connection.execute(text("UPDATE meta SET value = :v WHERE key = 'data_version'"), {"v": str(version)})
    connection.execute(delete(MetaRow).where(MetaRow.key == DATA_TOKEN))
    connection.execute(insert(MetaRow).values(key=DATA_TOKEN, value=uuid.uuid4().hex))
    return version
