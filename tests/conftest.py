"""Shared fixtures: stores on SQLite and on a real PostgreSQL server, and the real data loaded."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from rightstrack import config
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store
from rightstrack.store.loading import load_paths

PG_URL = os.environ.get("RIGHTSTRACK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True, scope="session")
def _private_index_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests keep the facet-index cache in a folder of their own, not the user's."""
    previous = os.environ.get("RIGHTSTRACK_CACHE")
    os.environ["RIGHTSTRACK_CACHE"] = str(tmp_path_factory.mktemp("index-cache"))
    yield
    if previous is None:
        del os.environ["RIGHTSTRACK_CACHE"]
    else:
        os.environ["RIGHTSTRACK_CACHE"] = previous


@pytest.fixture(scope="session")
def upr_info_dir() -> Path:
    path = config.upr_info_dir()
    assert path.is_dir(), f"the real data is missing: {path} (set RIGHTSTRACK_DATA)"
    return path


def _postgres_schema_url() -> Iterator[str]:
    admin = create_engine(PG_URL)
    try:
        with admin.connect():
            pass
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"no PostgreSQL server answers at {PG_URL} ({exc.orig}); .ci/run installs one")
    schema = f"rt_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    engine = open_store(store_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, upr_info_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchEngine]:
    """A search engine over a store holding all of the real UPR Info data, on each backend."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('loaded') / 'store.sqlite3'}"])
    else:
        urls = _postgres_schema_url()
    url = next(urls)
    engine = open_store(url)
    load_paths(engine, [upr_info_dir])
    yield SearchEngine(engine)
    engine.dispose()
    next(urls, None)  # drops the PostgreSQL schema
