"""Shared fixtures: stores on SQLite and on a real PostgreSQL server, and the real data loaded."""

from __future__ import annotations

import csv
import itertools
import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from rightstrack import accounts, config
from rightstrack.accounts import User, create_user
from rightstrack.classify import models
from rightstrack.domain import PlanRole
from rightstrack.ingest.loading import load_paths
from rightstrack.ingest.pipeline import ingest_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store
from rightstrack.tracking.inputs import NewAgency, NewMember, NewPlan
from rightstrack.tracking.plans import add_agency, add_member, create_plan
from tests import parallel, shared_cache

PG_URL = os.environ.get("RIGHTSTRACK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    parallel.configure_node(node)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    return parallel.make_scheduler(config, log)


@pytest.hookimpl(trylast=True)  # after pytest has ordered the tests by their fixtures
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    parallel.run_model_tests_last(config, items)
    parallel.record_groups(config, items)


_BACKGROUND_TRAINING = pytest.StashKey[subprocess.Popen[bytes]]()


def pytest_sessionstart(session: pytest.Session) -> None:
    """The pytest-xdist controller, which runs no tests, trains the models if none are saved."""
    controller = getattr(session.config, "workerinput", None) is None
    if controller and session.config.getoption("numprocesses", None):
        session.config.stash[_BACKGROUND_TRAINING] = shared_cache.train_in_background(session.config.rootpath)


def pytest_sessionfinish(session: pytest.Session) -> None:
    parallel.forget_groups(session.config)
    training = session.config.stash.get(_BACKGROUND_TRAINING, None)
    if training is not None and training.poll() is None:
        training.terminate()  # the run ended (or was stopped) first; the lock dies with it
        training.wait()


@pytest.fixture(autouse=True, scope="session")
def _test_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests keep the facet-index cache in a folder of their own, not the user's; the trained
    models in one the runs and workers share (tests/shared_cache.py), trained by one worker."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIGHTSTRACK_CACHE", str(tmp_path_factory.mktemp("index-cache")))
        patch.setenv("RIGHTSTRACK_MODEL_CACHE", str(shared_cache.shared_folder()))
        patch.setattr(models, "train", shared_cache.train_once(models.train))
        yield


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


@contextmanager
def _session_store(backend: str, tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Engine]:
    """A new store on one backend for a session-wide fixture; its PostgreSQL schema is dropped after."""
    if backend == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp(name) / 'store.sqlite3'}"])
    else:
        urls = _postgres_schema_url()
    engine = open_store(next(urls))
    try:
        yield engine
    finally:
        engine.dispose()
        next(urls, None)  # drops the PostgreSQL schema


@pytest.fixture(scope="session", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, upr_info_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchEngine]:
    """A search engine over a store holding all of the real UPR Info data, on each backend."""
    with _session_store(request.param, tmp_path_factory, "loaded") as engine:
        load_paths(engine, [upr_info_dir])
        yield SearchEngine(engine)


# Every mechanism side by side: UPR Info's sessions 6-9 (Slovenia's first review among them),
# OHCHR's matrices for Slovenia's fourth and Egypt's second review (UHRI themes), and treaty
# bodies' and a special procedure's records quoted in Slovenia's 2024 compilation.
MIXED_UPR_INFO = "6-9.csv"
MIXED_MATRICES = (
    config.ohchr_documents_dir()
    / "slovenia"
    / "cycle4"
    / "upr48-slovenia-thematic-list-of-recommendatio.docx",
    config.ohchr_documents_dir() / "egypt",
)


@pytest.fixture(scope="session", params=BACKENDS)
def mixed(
    request: pytest.FixtureRequest, upr_info_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchEngine]:
    """A search engine over UPR records from two sources and other mechanisms' records."""
    from tests.other_mechanisms import add_other_mechanisms

    with _session_store(request.param, tmp_path_factory, "mixed") as engine:
        load_paths(engine, [upr_info_dir / MIXED_UPR_INFO])
        outcomes = ingest_paths(engine, list(MIXED_MATRICES))
        assert not [problem for outcome in outcomes for problem in outcome.errors]
        add_other_mechanisms(engine)
        yield SearchEngine(engine)


# Implementation tracking: Slovenia's four reviews, read from the UN's own documents, on each
# backend, and a plan with a user in every role.
SLOVENIA = config.ohchr_documents_dir() / "slovenia"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session", params=BACKENDS)
def slovenia_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with _session_store(request.param, tmp_path_factory, "tracking") as engine:
        outcomes = ingest_paths(engine, [SLOVENIA])
        assert not [problem for outcome in outcomes for problem in outcome.errors]
        yield engine


@dataclass
class Team:
    """One plan for Slovenia's cycle 4 and a user in every role."""

    plan_id: int
    admin: User
    owner: User
    ministry: User  # contributor for the Ministry of Justice
    office: User  # contributor for the Human Rights Ombudsman's office
    nhri: User  # assessor
    ngo: User  # a second assessor
    outsider: User
    justice: int  # agency ids
    equality: int


def _user(engine: Engine, role: str, is_admin: bool = False) -> User:
    with engine.begin() as connection:
        return create_user(connection, f"{role}-{uuid.uuid4().hex[:8]}", PASSWORD, role.title(), is_admin)


@pytest.fixture(scope="session")
def password_hash() -> str:
    """One argon2id hash of ``PASSWORD``, a real one that signs in: hashing is slow on purpose
    (and runs at the lowest priority), and a team of seven users is made for each test."""
    return accounts.hash_password(PASSWORD)


@pytest.fixture
def team(slovenia_store: Engine, password_hash: str, monkeypatch: pytest.MonkeyPatch) -> Team:
    engine = slovenia_store
    hash_password = accounts.hash_password
    with monkeypatch.context() as patch:
        patch.setattr(
            accounts, "hash_password", lambda p: password_hash if p == PASSWORD else hash_password(p)
        )
        admin, owner, ministry, office, nhri, ngo, outsider = (
            _user(engine, "admin", True),
            *(_user(engine, role) for role in ("owner", "ministry", "office", "nhri", "ngo", "outsider")),
        )
    plan_id = create_plan(engine, owner, NewPlan(state="Slovenia", cycles=(4,)))
    with engine.begin() as connection:
        justice = add_agency(
            connection, owner, plan_id, NewAgency(name="Ministry of Justice", kind="ministry")
        )
        equality = add_agency(
            connection, owner, plan_id, NewAgency(name="Government Office for Equality", kind="office")
        )
        for member in (
            NewMember(username=ministry.username, role=PlanRole.CONTRIBUTOR, agency_id=justice),
            NewMember(username=office.username, role=PlanRole.CONTRIBUTOR, agency_id=equality),
            NewMember(username=nhri.username, role=PlanRole.ASSESSOR, organisation="Human Rights Ombudsman"),
            NewMember(username=ngo.username, role=PlanRole.ASSESSOR, organisation="Amnesty Slovenia"),
        ):
            add_member(connection, owner, plan_id, member)
    return Team(plan_id, admin, owner, ministry, office, nhri, ngo, outsider, justice, equality)


def export_rows(export: Path, rows: int, target: Path) -> Path:
    """The header and the first ``rows`` records of a real UPR Info export, as a file of their own:
    real data, small enough for a test that loads it more than once."""
    with export.open(newline="", encoding="utf-8") as source:
        kept = list(itertools.islice(csv.reader(source), rows + 1))
    with target.open("w", newline="", encoding="utf-8") as written:
        csv.writer(written).writerows(kept)
    return target
