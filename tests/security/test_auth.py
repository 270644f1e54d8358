"""Probe-style checks of sign-in, CSRF, request bodies and server settings (issue #14, 7, 8, 13)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.types import Message, Receive, Scope, Send
from typer.testing import CliRunner

from rightstrack import accounts
from rightstrack.accounts import authenticate, create_user
from rightstrack.cli import app as cli
from rightstrack.errors import Forbidden
from rightstrack.web import (
    account_pages,
    api,
    election_pages,
    elections_api,
    pages,
    plan_pages,
    saved_pages,
    tracking_api,
)
from rightstrack.web.app import create_app
from rightstrack.web.auth import store
from rightstrack.web.guards import MAX_BODY, BodyLimitMiddleware
from rightstrack.web.security import CSRF_COOKIE, SESSION_COOKIE
from rightstrack.web.serving import PROTOCOL, HeaderTimeoutProtocol
from tests.conftest import PASSWORD
from tests.web.clients import page_token


@pytest.fixture
def web(tmp_path: Path) -> Iterator[TestClient]:
    """The app over an empty SQLite store, as a browser reaches it."""
    with TestClient(create_app(f"sqlite:///{tmp_path / 'store.sqlite3'}")) as client:
        yield client


class _SlowHasher(PasswordHasher):
    """argon2id at a test's cost that records how many checks ran at the same time."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.running = self.peak = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        with self._lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            time.sleep(0.05)  # stands for the 64 MiB hash, so that checks overlap if they may
            return super().verify(hash, password)
        finally:
            with self._lock:
                self.running -= 1


# 7. Expensive anonymous work is bounded.


def test_failed_sign_ins_at_once_hash_at_most_two_at_a_time(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = _SlowHasher()
    monkeypatch.setattr(accounts, "_hasher", hasher)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", hasher.hash("nobody's"))
    monkeypatch.setattr(accounts, "HASHING_WAIT", 5.0)

    def guess(n: int) -> None:
        with pytest.raises(Forbidden):
            authenticate(store, f"user{n}", "a wrong guess", f"198.51.100.{n}")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(guess, range(8)))
    assert hasher.peak == accounts.HASHING_SLOTS


def test_a_busy_server_answers_503_instead_of_queueing(
    web: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "HASHING_WAIT", 0.01)
    token = page_token(web)
    taken = [accounts._slots.acquire(timeout=1) for _ in range(accounts.HASHING_SLOTS)]
    try:
        answer = web.post("/login", data={"username": "someone", "password": "a guess", "csrf_token": token})
        api = web.post("/api/v1/auth/login", json={"username": "someone", "password": "a guess"})
    finally:
        for _ in taken:
            accounts._slots.release()
    assert answer.status_code == api.status_code == 503
    assert answer.headers["retry-after"] and "busy" in api.json()["error"]
    # The sign-in form again, with the name kept, so that a person can send it once more.
    assert 'name="password"' in answer.text and 'value="someone"' in answer.text


async def _drive(app: Any, headers: list[tuple[bytes, bytes]], chunks: Iterator[bytes]) -> tuple[int, int]:
    """Sends a POST to an ASGI app; the status answered and how many body bytes were read."""
    read = 0
    answered: list[Message] = []

    async def receive() -> Message:
        nonlocal read
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: Message) -> None:
        answered.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/v1/auth/login", "headers": headers}
    await app(scope, receive, send)
    starts = [m for m in answered if m["type"] == "http.response.start"]
    assert len(starts) == 1, answered
    return starts[0]["status"], read


async def _reading_app(scope: Scope, receive: Receive, send: Send) -> None:
    """An endpoint that reads the whole body before it answers, as form and JSON parsing do."""
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"read it all"})


def _endless(size: int = 64 * 1024) -> Iterator[bytes]:
    while True:
        yield b"x" * size


def test_a_declared_oversized_body_is_refused_before_any_of_it_is_read() -> None:
    declared = [(b"content-length", str(100 * 1024 * 1024).encode()), (b"content-type", b"application/json")]
    status, read = asyncio.run(_drive(BodyLimitMiddleware(_reading_app), declared, _endless()))
    assert (status, read) == (413, 0)


def test_a_streamed_body_is_cut_at_the_limit() -> None:
    chunked = [(b"transfer-encoding", b"chunked"), (b"content-type", b"application/json")]
    status, read = asyncio.run(_drive(BodyLimitMiddleware(_reading_app), chunked, _endless()))
    assert status == 413 and MAX_BODY < read <= MAX_BODY + 64 * 1024


def test_the_app_refuses_large_bodies_and_uploads_without_a_session(web: TestClient) -> None:
    token = page_token(web)
    big = "x" * (2 * MAX_BODY)
    assert web.post("/api/v1/auth/login", json={"username": "a", "password": big}).status_code == 413
    assert web.post("/login", data={"username": "a", "password": big, "csrf_token": token}).status_code == 413
    upload = {"file": ("plan.csv", b"x" * (3 * MAX_BODY), "text/csv")}
    assert web.post("/plans/1/import", files=upload, data={"csrf_token": token}).status_code == 413
    web.cookies.set(SESSION_COOKIE, "a session")  # a signed-in browser may send a larger upload
    assert web.post("/plans/1/import", files=upload, data={"csrf_token": token}).status_code != 413


def test_a_form_without_csrf_cookies_is_refused_before_its_body_is_read() -> None:
    form = [(b"content-type", b"multipart/form-data; boundary=x"), (b"transfer-encoding", b"chunked")]

    async def run() -> tuple[int, int]:
        guard = BodyLimitMiddleware(_reading_app)
        return await _drive(lambda s, r, w: guard({**s, "path": "/login"}, r, w), form, _endless())

    assert asyncio.run(run()) == (403, 0)


# 8. Sign-in limits hold under concurrency and strangers cannot lock a user out (see also
# tests/tracking/test_accounts.py for both backends).


def test_another_network_signs_in_while_one_is_locked_out(web: TestClient) -> None:
    with store(web).begin() as connection:  # type: ignore[arg-type]
        create_user(connection, "administrator", PASSWORD, is_admin=True)
    for _ in range(accounts.MAX_FAILURES):
        token = page_token(web)
        data = {"username": "administrator", "password": "a wrong guess", "csrf_token": token}
        assert web.post("/login", data=data).status_code == 401
    data = {"username": "administrator", "password": PASSWORD, "csrf_token": page_token(web)}
    assert web.post("/login", data=data).status_code == 429  # the TestClient's own address is locked
    with TestClient(web.app, client=("198.51.100.20", 50000)) as elsewhere:
        data = {"username": "administrator", "password": PASSWORD, "csrf_token": page_token(elsewhere)}
        assert elsewhere.post("/login", data=data, follow_redirects=False).status_code == 303


# 13. Hardening.


def test_a_planted_csrf_cookie_equal_to_the_field_does_not_pass(web: TestClient) -> None:
    web.cookies.set(CSRF_COOKIE, "p" * 43)
    answer = web.post("/login", data={"username": "someone", "password": "a guess", "csrf_token": "p" * 43})
    assert answer.status_code == 403 and "CSRF" in answer.text


def test_a_token_from_one_session_does_not_pass_for_another(web: TestClient) -> None:
    web.cookies.set(SESSION_COOKIE, "one session")
    token = page_token(web, "/")
    web.cookies.set(SESSION_COOKIE, "another session")
    answer = web.post("/language", data={"lang": "fr", "csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 403


def test_the_csrf_cookie_is_secure_over_https(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with TestClient(app, base_url="https://testserver") as secure, TestClient(app) as plain:
        assert "secure" in secure.get("/login").headers["set-cookie"].lower()
        assert "secure" not in plain.get("/login").headers["set-cookie"].lower()


def test_head_is_answered_wherever_get_is(web: TestClient) -> None:
    routers = (
        pages,
        api,
        tracking_api,
        elections_api,
        account_pages,
        plan_pages,
        election_pages,
        saved_pages,
    )
    paths = sorted(
        route.path
        for module in routers
        for route in module.router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods and "{" not in route.path
    )
    assert len(paths) > 20
    for path in paths:
        got, head = web.get(path), web.head(path)
        assert head.status_code == got.status_code != 405, path
        assert head.headers.get("content-type") == got.headers.get("content-type"), path
        assert head.content == b"", path


def test_serve_believes_forwarded_headers_only_from_named_proxies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RIGHTSTRACK_DB", raising=False)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    db = ["--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "serve", "--workers", "1"]
    assert CliRunner().invoke(cli, db).exit_code == 0
    assert CliRunner().invoke(cli, [*db, "--forwarded-allow-ips", "10.0.0.2, 10.0.0.3"]).exit_code == 0
    plain, proxied = calls
    assert plain["http"] == proxied["http"] == PROTOCOL
    assert (plain["proxy_headers"], plain["forwarded_allow_ips"]) == (False, [])
    assert (proxied["proxy_headers"], proxied["forwarded_allow_ips"]) == (True, ["10.0.0.2", "10.0.0.3"])


class _QuickTimeout(HeaderTimeoutProtocol):
    header_timeout = 0.5


@pytest.fixture
def slow_header_server() -> Iterator[int]:
    """A real server on 127.0.0.1 (a random port) with the header timer at half a second."""

    async def hello(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"hi"})

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    config = uvicorn.Config(hello, http=_QuickTimeout, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield listener.getsockname()[1]
    server.should_exit = True
    thread.join(5)
    listener.close()


def test_headers_sent_too_slowly_are_cut_off(slow_header_server: int) -> None:
    with socket.create_connection(("127.0.0.1", slow_header_server), timeout=1) as fast:
        fast.sendall(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n")
        assert fast.recv(1024).startswith(b"HTTP/1.1 200")
    with socket.create_connection(("127.0.0.1", slow_header_server), timeout=3) as slow:
        started = time.monotonic()
        slow.sendall(b"GET / HTTP/1.1\r\n")
        answer = b""
        for n in range(25):  # a header line every 0.1 s: 2.5 s in all unless cut off
            try:
                slow.sendall(f"x-slow-{n}: y\r\n".encode())
            except OSError:
                break
            time.sleep(0.1)
        with contextlib.suppress(OSError):
            answer = slow.recv(1024)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert time.monotonic() - started < 2.0


def test_weak_passwords_are_refused_at_sign_up_and_by_the_administrator(
    web: TestClient, tmp_path: Path
) -> None:
    form = {
        "username": "focal-point",
        "password": "password123456",
        "csrf_token": page_token(web, "/signup"),
    }
    answer = web.post("/signup", data=form)
    assert answer.status_code == 400 and "password: too easy to guess" in answer.text
    db = ["--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "users", "add", "focal-point"]
    added = CliRunner().invoke(cli, db, input="aaaaaaaaaaaaaaaa\n")
    assert added.exit_code == 2 and "password: too easy to guess" in added.output
