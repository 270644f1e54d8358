"""Opening a store and counting its data versions when several processes share one PostgreSQL
database (several app servers, the command line)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select

from rightstrack.store.database import bump_data_version, data_state, open_store, store_id
from rightstrack.store.schema import MetaRow, StateRow
from tests.conftest import _postgres_schema_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def fresh_url() -> Iterator[str]:
    """A schema that nothing has opened yet (no tables)."""
    yield from _postgres_schema_url()


def test_servers_opening_a_new_store_at_once_take_turns(fresh_url: str) -> None:
    """Four processes starting together on an empty database: one migrates and seeds, the others
    find it done (without the lock they collide on the same tables and keys)."""
    start = threading.Barrier(4)

    def opened(_: int) -> Engine:
        start.wait()
        return open_store(fresh_url)

    with ThreadPoolExecutor(4) as pool:
        engines = list(pool.map(opened, range(4)))
    try:
        with engines[0].connect() as connection:
            ids = {store_id(connection)}
            assert (
                connection.scalar(select(func.count()).select_from(MetaRow).where(MetaRow.key == "store_id"))
                == 1
            )
            states = connection.scalar(select(func.count()).select_from(StateRow))
        for engine in engines[1:]:
            with engine.connect() as connection:
                ids.add(store_id(connection))
        assert len(ids) == 1 and states and states > 190
    finally:
        for engine in engines:
            engine.dispose()


def test_two_writers_at_once_count_two_versions(fresh_url: str) -> None:
    """A load and ``predict`` (say) committing at the same moment: each counts its own version, so
    a server that has read the first writer's version still notices the second's."""
    engine = open_store(fresh_url)
    try:
        with engine.connect() as connection:
            before = data_state(connection)
        first = engine.connect()
        transaction = first.begin()
        first_version = bump_data_version(first)  # holds the version's row until it commits
        second: list[int] = []
        waiting = threading.Thread(target=lambda: second.append(_bump(engine)))
        waiting.start()
        waiting.join(timeout=1.0)
        assert waiting.is_alive(), "the second writer must wait for the first to commit"
        transaction.commit()
        first.close()
        waiting.join(timeout=30)
        assert second == [first_version + 1] and first_version == before[0] + 1
        with engine.connect() as connection:
            version, token = data_state(connection)
        assert version == before[0] + 2 and token not in ("", before[1])
    finally:
        engine.dispose()


def _bump(engine: Engine) -> int:
    with engine.begin() as connection:
        return bump_data_version(connection)
