"""What a test does as a browser or an API client: read a page's CSRF token, sign in, post a
form, get a bearer token. One copy for the page, API and security tests."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_token(client: TestClient, path: str = "/login") -> str:
    """The CSRF token of the form on ``path``, as the browser would read it."""
    found = CSRF.search(client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    answer = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": page_token(client)}
    )
    assert answer.status_code == 303, answer.text


def post_form(client: TestClient, path: str, data: dict[str, Any], page: str, **kwargs: Any) -> Any:
    """Posts ``data`` to ``path`` with the CSRF token of the form on ``page``."""
    return client.post(path, data={**data, "csrf_token": page_token(client, page)}, **kwargs)


def bearer(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    """Headers that sign API requests in as ``username``."""
    answer = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}
