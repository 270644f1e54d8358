"""A store that grows: real UPR Info rows arrive in slices, as successive exports would, and a
user who follows searches in it."""

from __future__ import annotations

import csv
import itertools
import socket
import uuid
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, select

from rightstrack import accounts
from rightstrack.accounts import User, create_user
from rightstrack.ingest.loading import load_paths
from rightstrack.mail import SmtpSettings
from rightstrack.search.engine import SearchEngine
from rightstrack.store.schema import RecommendationRow
from tests.conftest import PASSWORD

EXPORT = "6-9.csv"

Arrive = Callable[[int, int], list[int]]


@pytest.fixture
def arrive(store: Engine, upr_info_dir: Path, tmp_path: Path) -> Arrive:
    """Loads rows ``start`` to ``end`` of a real export as a file of their own; returns the ids
    of the records that arrived with it."""

    def load(start: int, end: int) -> list[int]:
        target = tmp_path / f"rows-{start}-{end}.csv"
        with (upr_info_dir / EXPORT).open(newline="", encoding="utf-8") as source:
            rows = csv.reader(source)
            kept = [next(rows), *itertools.islice(rows, start, end)]
        with target.open("w", newline="", encoding="utf-8") as written:
            csv.writer(written).writerows(kept)
        with store.connect() as connection:
            before = connection.scalar(select(RecommendationRow.id).order_by(RecommendationRow.id.desc()))
        reports = load_paths(store, [target])
        assert not [problem for report in reports for problem in report.errors]
        with store.connect() as connection:
            return list(
                connection.scalars(
                    select(RecommendationRow.id)
                    .where(RecommendationRow.id > (before or 0))
                    .order_by(RecommendationRow.id)
                )
            )

    return load


@pytest.fixture
def search(store: Engine) -> SearchEngine:
    return SearchEngine(store)


@pytest.fixture
def make_user(store: Engine, password_hash: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., User]:
    """A new user (with ``email`` if given); one real password hash shared by all."""
    monkeypatch.setattr(accounts, "hash_password", lambda password: password_hash)

    def make(email: str | None = None) -> User:
        with store.begin() as connection:
            return create_user(connection, f"reader-{uuid.uuid4().hex[:8]}", PASSWORD, email=email)

    return make


class Mailbox:
    """A local SMTP server's handler: keeps what it receives, or refuses it when told to."""

    def __init__(self) -> None:
        self.received: list[Any] = []
        self.refuse = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "554 Transaction failed"
        self.received.append(envelope)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.content, policy=policy.default) for e in self.received]  # type: ignore[misc]


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, SmtpSettings]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, SmtpSettings("127.0.0.1", port, sender="digest@rt.example")
    controller.stop()
