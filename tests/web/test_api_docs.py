"""The API's docs page works under the app's own security policy (issue #18: it was blank, as the
policy blocked the CDN's scripts and FastAPI's inline one). Every script and style it uses is one
of the app's own files; Chromium then renders every operation (tests/web/test_browser.py)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from rightstrack.web.app import create_app
from rightstrack.web.security import CONTENT_SECURITY_POLICY


def test_the_docs_page_uses_only_the_apps_own_files(store_url: str) -> None:
    with TestClient(create_app(store_url)) as client:
        page = client.get("/api/docs")
        assert page.status_code == 200
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
        html = page.text
        assert "http://" not in html and "https://" not in html  # no CDN
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert scripts and all('src="/' in attributes and not body.strip() for attributes, body in scripts)
        assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
        assert {"/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css"} <= set(assets)
        for asset in assets:
            answer = client.get(asset)
            assert answer.status_code == 200, asset
            assert answer.headers["content-type"].split(";")[0] in ("text/javascript", "text/css"), asset
        spec = re.search(r'data-spec="([^"]+)"', html)
        assert spec is not None
        assert client.get(spec.group(1)).json()["openapi"].startswith("3.1")


def test_a_search_route_declares_the_query_string_it_reads(store_url: str) -> None:
    """The search reads its whole query string itself; the schema still names every parameter, so
    the docs offer them ("No parameters" before), and each one declared is one the route accepts."""
    with TestClient(create_app(store_url)) as client:
        spec = client.get("/api/v1/openapi.json").json()
        for path in ("/api/v1/search", "/api/v1/export.csv", "/api/v1/stats/table"):
            names = [p["name"] for p in spec["paths"][path]["get"]["parameters"]]
            assert {"q", "from", "to", "issue", "issue!", "sur_group", "response!"} <= set(names), path
            assert len(names) == len(set(names)), path
        searched = client.get(
            "/api/v1/search",
            params={"q": "women", "issue!": "Elections", "from": "2010", "to": "2012-06", "per_page": 0},
        )
        assert searched.status_code == 200, searched.text
        wrong = client.get("/api/v1/search", params={"from": "last year"})
        assert wrong.status_code == 400 and "from" in wrong.text
