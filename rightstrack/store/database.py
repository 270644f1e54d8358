"""Opening a store: engine, pragmas, migrations and the reference rows every store holds."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, insert, inspect, or_, select, text, update
from sqlalchemy.engine import Connection

from rightstrack.config import database_url
from rightstrack.reference.states import all_states
from rightstrack.store import (  # noqa: F401  (their tables join Base.metadata)
    elections_schema,
    saved_search_schema,
    tracking_schema,
)
from rightstrack.store.schema import MetaRow, StateRow

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration's revision. A store already there is opened without loading Alembic (a
# fifth of a second on every command); tests/store/test_migrations.py checks this is the head.
HEAD_REVISION = "0009"
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
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return str(revision) if revision is not None else None


# Any fixed number: it names the lock that opening a PostgreSQL store takes (pg_advisory_xact_lock).
_OPEN_LOCK = 0x52_54_6F_70  # "RTop"


def _take_store_lock(connection: Connection) -> None:
    """Several app servers (and the command line) may open one PostgreSQL store at the same moment:
    two that both ran the migrations, or both seeded the reference rows, would collide on the same
    tables and keys. This lock makes them take turns until the transaction ends; the second finds
    the work done."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _OPEN_LOCK})


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def migrate(engine: Engine) -> None:
    if current_revision(engine) == HEAD_REVISION:
        return
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            _take_store_lock(connection)
            if _revision(connection) != HEAD_REVISION:  # another process may have done it meanwhile
                _upgrade(connection)
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
                _upgrade(connection)
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
    if engine.dialect.name == "sqlite":
        migrate(engine)  # SQLite's writers take turns already: one holds the file's write lock
        with engine.begin() as connection:
            _seed(connection)
        return engine
    with engine.begin() as connection:  # migrated and seeded in one turn of the lock
        _take_store_lock(connection)
        if _revision(connection) != HEAD_REVISION:
            _upgrade(connection)
        _seed(connection)
    return engine


def _seed(connection: Connection) -> None:
    _seed_states(connection)
    kept = ("store_id", "data_version")
    present = set(connection.scalars(select(MetaRow.key).where(MetaRow.key.in_(kept))))
    if "store_id" not in present:
        connection.execute(insert(MetaRow).values(key="store_id", value=uuid.uuid4().hex))
    if "data_version" not in present:
        # There from the start, so that bump_data_version only ever updates it (see there).
        connection.execute(insert(MetaRow).values(key="data_version", value="0"))


def store_id(connection: Connection) -> str:
    """A random id given to a store when it is created: a new store at an old path gets a new one."""
    return str(connection.scalar(select(MetaRow.value).where(MetaRow.key == "store_id")))


_DATA_VERSION = select(MetaRow.value).where(MetaRow.key == "data_version")
# Asked before every search: one statement, built once. Two equalities, not IN: an IN list is
# rendered anew on every call (63 against 71 µs on SQLite).
_DATA_STATE = select(MetaRow.key, MetaRow.value).where(
    or_(MetaRow.key == "data_version", MetaRow.key == DATA_TOKEN)
)


def data_version(connection: Connection) -> int:
    value = connection.scalar(_DATA_VERSION)
    return int(value) if value is not None else 0


def data_state(connection: Connection) -> tuple[int, str]:
    """The data version and the token drawn with it: what an in-process copy of the data (an
    index, a cache) compares to know it is still current.

    The version alone would mistake a store emptied and loaded anew (the same database, its
    counting started again) for the one it had copied; the token tells them apart. Several app
    servers on one database each ask this before a search, so each notices a change written by
    another server or by the command line."""
    found: dict[str, str] = {key: value for key, value in connection.execute(_DATA_STATE)}
    return int(found.get("data_version") or 0), str(found.get(DATA_TOKEN) or "")


def data_fingerprint(connection: Connection) -> str:
    """A key for computed copies of the store's data (the facet index on disk).

    The data version alone cannot be one: a copied store file keeps its id and version, and the
    copy and the original then count up through the same versions holding different data. The
    random token that every change draws anew tells them apart."""
    keys = ("store_id", "data_version", DATA_TOKEN)
    found = dict(connection.execute(select(MetaRow.key, MetaRow.value).where(MetaRow.key.in_(keys))).all())
    return hashlib.sha256("\x1f".join(str(found.get(key, "")) for key in keys).encode()).hexdigest()


_INCREMENT = text(
    "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
    " WHERE key = 'data_version' RETURNING value"
)


def bump_data_version(connection: Connection) -> int:
    """Counts one change to the data, inside the writer's transaction.

    The increment is one statement on the version's row, so two writers at once (two loads, a
    load and ``predict``) take turns on that row's lock and never both count to the same
    version; a server that has seen version N+1 then never misses the second writer's data.
    Waiting there also means the token below is replaced after the other writer has committed."""
    version = connection.scalar(_INCREMENT)
    if version is None:  # a store opened without open_store (its seeding adds the row)
        connection.execute(insert(MetaRow).values(key="data_version", value="1"))
        version = 1
    token = uuid.uuid4().hex
    if not connection.execute(update(MetaRow).where(MetaRow.key == DATA_TOKEN).values(value=token)).rowcount:
        connection.execute(insert(MetaRow).values(key=DATA_TOKEN, value=token))
    return int(version)
