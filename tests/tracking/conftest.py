"""A store holding Slovenia's four reviews, read from the UN's own documents, on each backend;
and users for every role."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from rightstrack import config
from rightstrack.domain import PlanRole
from rightstrack.store.database import open_store
from rightstrack.store.ingest import ingest_paths
from rightstrack.tracking.accounts import User, create_user
from rightstrack.tracking.plans import PlanDraft, add_agency, add_member, create_plan
from tests.conftest import BACKENDS, _postgres_schema_url

SLOVENIA = config.ohchr_documents_dir() / "slovenia"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session", params=BACKENDS)
def slovenia_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('tracking') / 'store.sqlite3'}"])
    else:
        urls = _postgres_schema_url()
    engine = open_store(next(urls))
    outcomes = ingest_paths(engine, [SLOVENIA])
    assert not [problem for outcome in outcomes for problem in outcome.errors]
    yield engine
    engine.dispose()
    next(urls, None)


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


@pytest.fixture
def team(slovenia_store: Engine) -> Team:
    engine = slovenia_store
    admin, owner, ministry, office, nhri, ngo, outsider = (
        _user(engine, "admin", True),
        *(_user(engine, role) for role in ("owner", "ministry", "office", "nhri", "ngo", "outsider")),
    )
    plan_id = create_plan(engine, owner, PlanDraft("Slovenia", (4,)))
    with engine.begin() as connection:
        justice = add_agency(connection, owner, plan_id, "Ministry of Justice", "ministry")
        equality = add_agency(connection, owner, plan_id, "Government Office for Equality", "office")
        add_member(connection, owner, plan_id, ministry.username, PlanRole.CONTRIBUTOR, agency_id=justice)
        add_member(connection, owner, plan_id, office.username, PlanRole.CONTRIBUTOR, agency_id=equality)
        add_member(
            connection,
            owner,
            plan_id,
            nhri.username,
            PlanRole.ASSESSOR,
            organisation="Human Rights Ombudsman",
        )
        add_member(
            connection, owner, plan_id, ngo.username, PlanRole.ASSESSOR, organisation="Amnesty Slovenia"
        )
    return Team(plan_id, admin, owner, ministry, office, nhri, ngo, outsider, justice, equality)
