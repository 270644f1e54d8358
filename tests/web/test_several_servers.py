"""Two app servers on one PostgreSQL database, as a deployment behind a load balancer runs them.

Two real ``rightstrack serve`` processes, each with a cache folder of its own (as on two
machines), are started at the same moment on a fresh, empty schema; data is then written by the
command line and by this process. Whatever one server or the command line writes, the other
server must see at its next request: new records, a sign-in, a tracking change, failed
sign-ins."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from rightstrack.accounts import create_user
from rightstrack.ingest.loading import load_paths
from rightstrack.sign_in_limits import MAX_FAILURES
from rightstrack.store.database import open_store
from rightstrack.store.schema import RecommendationRow
from rightstrack.web.security import CSRF_COOKIE, SESSION_COOKIE
from tests.conftest import PASSWORD, _postgres_schema_url, export_rows

pytestmark = pytest.mark.postgres

START_TIMEOUT = 90.0  # seconds for a server to answer: numpy, pandas and a store to open, on a busy machine
FIRST_FILE = "voluntary.csv"  # 947 pledges: small, and the CLI loads it in a second or two
SECOND_FILE = "18-19.csv"  # its first rows only, written through the library by this process
SUBSET_ROWS = 40
_CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Server:
    """One server's address. Every request is sent on its own, with only the cookies it names:
    a client that kept cookies could carry a session from one server's answers to the other."""

    base: str

    def get(self, path: str, **options: object) -> httpx.Response:
        return httpx.get(self.base + path, timeout=30, **options)  # type: ignore[arg-type]

    def post(self, path: str, **options: object) -> httpx.Response:
        return httpx.post(self.base + path, timeout=30, **options)  # type: ignore[arg-type]

    def patch(self, path: str, **options: object) -> httpx.Response:
        return httpx.patch(self.base + path, timeout=30, **options)  # type: ignore[arg-type]


@dataclass
class Cluster:
    url: str  # the database both servers use
    engine: Engine  # this process's own connection to it
    a: Server
    b: Server
    machine_cache: Path  # a third "machine": the command line's cache folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(cache: Path) -> dict[str, str]:
    return {**os.environ, "RIGHTSTRACK_CACHE": str(cache)}  # a cache folder per "machine"


def _rightstrack(*arguments: str) -> list[str]:
    return [sys.executable, "-c", "from rightstrack.cli import app; app()", *arguments]


def _wait_until_serving(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server at {base} exited ({process.returncode}): {log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/api/v1/coverage", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(
        f"the server at {base} did not answer within {START_TIMEOUT:.0f} s: {log.read_text()[-3000:]}"
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Servers A and B, started together on a schema of their own that nothing has opened yet
    (so both run the migrations at once: opening a store takes turns on PostgreSQL)."""
    folder = tmp_path_factory.mktemp("several-servers")
    urls = _postgres_schema_url()  # skips, saying why, where no PostgreSQL server answers
    url = next(urls)
    processes: list[subprocess.Popen[bytes]] = []
    servers: list[Server] = []
    try:
        bases = []
        for name in ("a", "b"):
            port = _free_port()
            log = folder / f"server-{name}.log"
            command = _rightstrack("--db", url, "serve", "--port", str(port), "--workers", "1")
            with log.open("wb") as output:
                processes.append(
                    subprocess.Popen(
                        command, env=_environment(folder / f"cache-{name}"), stdout=output, stderr=output
                    )
                )
            bases.append((f"http://127.0.0.1:{port}", log))
        for process, (base, log) in zip(processes, bases, strict=True):
            _wait_until_serving(process, base, log)
            servers.append(Server(base))
        engine = open_store(url)
        yield Cluster(url, engine, servers[0], servers[1], folder / "cache-cli")
        engine.dispose()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        next(urls, None)  # drops the schema


def _stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(RecommendationRow)) or 0)


def _total(client: Server, **query: str) -> int:
    answer = client.get("/api/v1/search", params={"per_page": "1", **query})
    assert answer.status_code == 200, answer.text
    return int(answer.json()["total"])


def test_each_server_finds_records_written_after_it_started(cluster: Cluster, upr_info_dir: Path) -> None:
    assert _stored(cluster.engine) == 0
    assert _total(cluster.a) == _total(cluster.b) == 0  # both have built (and cached) an empty index

    loaded = subprocess.run(
        _rightstrack("--db", cluster.url, "load", str(upr_info_dir / FIRST_FILE)),
        env=_environment(cluster.machine_cache),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    after_load = _stored(cluster.engine)
    assert after_load > 0
    assert _total(cluster.b) == _total(cluster.a) == after_load

    # A word of one stored pledge is found by full text on both, and the record reads the same.
    with cluster.engine.connect() as connection:
        record_id, text = connection.execute(
            select(RecommendationRow.id, RecommendationRow.text).order_by(RecommendationRow.id).limit(1)
        ).one()
    word = max(re.findall(r"[A-Za-z]{6,}", text), key=len)
    assert _total(cluster.b, q=word) == _total(cluster.a, q=word) >= 1
    assert cluster.b.get(f"/api/v1/records/{record_id}").json()["text"] == text

    # A second change, after both servers have refreshed once: a few rows of another real export.
    subset = export_rows(upr_info_dir / SECOND_FILE, SUBSET_ROWS, cluster.machine_cache.parent / "subset.csv")
    load_paths(cluster.engine, [subset])
    grown = _stored(cluster.engine)
    assert grown > after_load
    assert _total(cluster.b) == _total(cluster.a) == grown
    assert _total(cluster.b, session="18") == _total(cluster.a, session="18") >= 1


def _csrf(client: Server, path: str, cookies: dict[str, str]) -> str:
    page = client.get(path, headers=_cookie_header(cookies))
    assert page.status_code == 200, page.text
    found = _CSRF_INPUT.search(page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def _cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())} if cookies else {}


def _add_user(cluster: Cluster, name: str, admin: bool = False) -> None:
    with cluster.engine.begin() as connection:
        create_user(connection, name, PASSWORD, name.title(), is_admin=admin)


def test_a_browser_signed_in_on_a_is_signed_in_on_b(cluster: Cluster) -> None:
    _add_user(cluster, "shared.session")
    login_page = cluster.a.get("/login")
    cookies = {CSRF_COOKIE: login_page.cookies[CSRF_COOKIE]}
    token = _CSRF_INPUT.search(login_page.text)
    assert token
    form = {"username": "shared.session", "password": PASSWORD, "csrf_token": token.group(1)}
    signed_in = cluster.a.post("/login", data=form, headers=_cookie_header(cookies))
    assert signed_in.status_code == 303, signed_in.text
    session = {SESSION_COOKIE: signed_in.cookies[SESSION_COOKIE]}

    on_b = cluster.b.get("/plans", headers=_cookie_header(session))
    assert on_b.status_code == 200 and "Shared.Session" in on_b.text and 'action="/logout"' in on_b.text
    # Both derive the session's CSRF token from the one secret in the store.
    assert _csrf(cluster.a, "/plans", session) == _csrf(cluster.b, "/plans", session)

    # Signed out on B: A no longer knows the session either.
    out = cluster.b.post(
        "/logout", data={"csrf_token": _csrf(cluster.a, "/plans", session)}, headers=_cookie_header(session)
    )
    assert out.status_code == 303, out.text
    assert "Shared.Session" not in cluster.a.get("/plans", headers=_cookie_header(session)).text


def _bearer(client: Server, name: str) -> dict[str, str]:
    answer = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_a_tracking_change_on_one_server_is_seen_on_the_other(cluster: Cluster) -> None:
    _add_user(cluster, "plan.owner")
    on_a = _bearer(cluster.a, "plan.owner")
    on_b = _bearer(cluster.b, "plan.owner")
    created = cluster.a.post(
        "/api/v1/plans", json={"state": "Slovenia", "cycles": [2], "propose_clusters": False}, headers=on_a
    )
    assert created.status_code == 201, created.text
    plan = f"/api/v1/plans/{created.json()['id']}"

    seen = cluster.b.get(plan, headers=on_b).json()
    changed = cluster.b.patch(plan, json={"title": "Changed on B", "version": seen["version"]}, headers=on_b)
    assert changed.status_code == 200, changed.text
    again = cluster.a.get(plan, headers=on_a).json()
    assert again["title"] == "Changed on B" and again["version"] == seen["version"] + 1
    # A's copy of the old version is refused: the version check holds across servers.
    stale = cluster.a.patch(plan, json={"title": "Stale on A", "version": seen["version"]}, headers=on_a)
    assert stale.status_code == 409, stale.text
    history = cluster.a.get(f"{plan}/history", headers=on_a)
    assert history.status_code == 200 and "Changed on B" in history.text


def test_failed_sign_ins_are_counted_across_both_servers(cluster: Cluster) -> None:
    _add_user(cluster, "guessed.user")
    servers = [cluster.a, cluster.b]
    for attempt in range(MAX_FAILURES):  # alternately: neither server alone sees the limit reached
        wrong = servers[attempt % 2].post(
            "/api/v1/auth/login", json={"username": "guessed.user", "password": f"wrong guess {attempt}"}
        )
        assert wrong.status_code == 403, wrong.text
    for server in servers:
        refused = server.post("/api/v1/auth/login", json={"username": "guessed.user", "password": PASSWORD})
        assert refused.status_code == 429, refused.text
        assert "too many" in refused.json()["error"]
