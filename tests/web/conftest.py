from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app
from tests.web.browsing import CHROMIUM


@pytest.fixture
def client(loaded: SearchEngine) -> Iterator[TestClient]:
    with TestClient(create_app(search=loaded)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    """Debian's Chromium under Playwright, for the module's own ``server``."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()
