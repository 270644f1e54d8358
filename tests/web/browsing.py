"""What the browser tests share: a live server in a thread and Debian's Chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
NEEDS_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it when run as root)"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app on a free local port, for as long as the block runs; yields its address."""
    port = _free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serving_once(search: SearchEngine) -> Iterator[str]:
    """The app over ``search`` for a module's browser flows, which run once: on SQLite only."""
    if search.engine.dialect.name != "sqlite":
        pytest.skip("browser flows run once, on the embedded default store")
    with serving(create_app(search=search)) as address:
        yield address


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def open_filters(page: object) -> None:
    """Opens the search page's filters drawer where it is closed (a phone, with the page's script),
    as a reader would: a tap on its summary."""
    drawer = page.locator("details.filters-drawer")  # type: ignore[attr-defined]
    if drawer.count() and drawer.get_attribute("open") is None:
        drawer.locator("> summary").click()


@contextmanager
def english_page(browser: object, *, timeout_ms: int = 15_000) -> Iterator[object]:
    """A page in a fresh British-English context that accepts downloads, closed after the block."""
    context = browser.new_context(accept_downloads=True, locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        yield page
    finally:
        context.close()
