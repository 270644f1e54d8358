from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app


@pytest.fixture
def client(loaded: SearchEngine) -> Iterator[TestClient]:
    with TestClient(create_app(search=loaded)) as test_client:
        yield test_client
