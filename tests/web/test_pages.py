import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightstrack.web.security import CSRF_COOKIE, CSRF_FIELD


def test_search_page_has_facets_results_and_permalink(client: TestClient) -> None:
    page = client.get("/", params={"q": "women", "sur_group": "African"}).text
    assert 'data-dimension="issue"' in page and 'data-dimension="recommender_group"' in page
    assert "<mark>women</mark>" in page.lower() or "<mark>Women</mark>" in page
    assert 'href="/?q=women&amp;sur_group=African"' in page  # the permalink
    assert "/api/v1/export.xlsx?q=women&amp;sur_group=African" in page


def test_facet_links_toggle_filters(client: TestClient) -> None:
    page = client.get("/", params={"sur_group": "African"}).text
    assert 'href="/?"' in page or 'href="/"' in page.replace('href="/?"', 'href="/"')  # removing it
    assert (
        "sur_group=African&amp;response=Noted" in page
        or "response=Noted&amp;sur_group" in page
        or ("sur_group=African&amp;" in page)
    )


def test_pages_render(client: TestClient) -> None:
    hit_id = client.get("/api/v1/search", params={"per_page": 1}).json()["hits"][0]["id"]
    for url in ["/states", "/states/Slovenia", f"/records/{hit_id}", "/stats?issue=Elections", "/elections"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<main" in response.text


def test_elections_page_shows_the_figures(client: TestClient) -> None:
    page = client.get("/elections").text
    for figure in ("241", "38,298", "0.63%", "75.9%", "79.3%", "78.8%"):
        assert figure in page


@pytest.mark.parametrize("name", ["per-cycle", "acceptance-by-issue", "group-matrix", "top-issues"])
def test_charts_in_three_formats(client: TestClient, name: str) -> None:
    svg = client.get(f"/charts/{name}.svg", params={"issue": "Elections"})
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(f"/charts/{name}.png", params={"issue": "Elections"})
    assert png.content.startswith(b"\x89PNG")
    table = client.get(f"/charts/{name}.csv", params={"issue": "Elections"}).text
    assert len(table.splitlines()) > 1


def test_group_matrix_csv_counts_the_search(client: TestClient) -> None:
    lines = client.get("/charts/group-matrix.csv", params={"issue": "Elections"}).text.splitlines()
    total = sum(int(cell) for line in lines[1:] for cell in line.split(",")[1:])
    assert total == 241


def test_errors_are_pages(client: TestClient) -> None:
    assert client.get("/nowhere").status_code == 404
    response = client.get("/", params={"q": "(unclosed"})
    assert response.status_code == 400 and "not closed" in response.text


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pages_need_no_inline_script_or_style(client: TestClient) -> None:
    for url in ["/", "/stats", "/states/Slovenia"]:
        page = client.get(url).text
        assert "style=" not in page and "<style" not in page
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert all('src="/static/' in attributes and not body.strip() for attributes, body in scripts)
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
            assert client.get(asset).status_code == 200, asset


def _page_token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert found, "no CSRF field on /"
    return found.group(1)


def test_language_form_requires_csrf(client: TestClient) -> None:
    token = _page_token(client)
    refused = client.post("/language", data={"lang": "fr", "next": "/"}, follow_redirects=False)
    assert refused.status_code == 403
    planted = client.cookies[CSRF_COOKIE]  # the cookie alone is no token
    refused = client.post("/language", data={"lang": "fr", CSRF_FIELD: planted}, follow_redirects=False)
    assert refused.status_code == 403
    accepted = client.post(
        "/language", data={"lang": "fr", "next": "/stats", CSRF_FIELD: token}, follow_redirects=False
    )
    assert accepted.status_code == 303 and accepted.headers["location"] == "/stats"
    assert "Statistiques" in client.get("/").text


def test_language_form_is_no_open_redirect(client: TestClient) -> None:
    token = _page_token(client)
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post(
            "/language", data={"lang": "es", "next": target, CSRF_FIELD: token}, follow_redirects=False
        )
        assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    ("lang", "words", "number"),
    [("en", "Statistics", "38,298"), ("fr", "Statistiques", "38\u202f298"), ("es", "Estadísticas", "38.298")],
)
def test_three_languages_with_local_numbers(client: TestClient, lang: str, words: str, number: str) -> None:
    page = client.get("/elections", params={"lang": lang}).text
    assert words in page
    assert number in page
    assert f'<html lang="{lang}"' in page


def test_language_from_the_browser(client: TestClient) -> None:
    page = client.get("/", headers={"accept-language": "es-ES,es;q=0.9,en;q=0.5"}).text
    assert '<html lang="es"' in page


def test_form_controls_are_labelled(client: TestClient) -> None:
    page = client.get("/").text
    for control in re.findall(r"<(?:input|select)[^>]*\bid=\"([^\"]+)\"", page):
        assert f'for="{control}"' in page, control


def test_record_page_shows_each_source_and_the_themes(tmp_path: Path) -> None:
    from rightstrack import config
    from rightstrack.ingest.pipeline import ingest_paths
    from rightstrack.search.engine import SearchEngine
    from rightstrack.store.database import open_store
    from rightstrack.web.app import create_app

    engine = open_store(f"sqlite:///{tmp_path / 'docs.sqlite3'}")
    ingest_paths(engine, [config.data_dir() / "ohchr-documents" / "slovenia" / "cycle4"])
    with TestClient(create_app(search=SearchEngine(engine))) as documents:
        hit = documents.get("/api/v1/search", params={"q": "statelessness", "per_page": 1}).json()["hits"][0]
        page = documents.get(f"/records/{hit['id']}", headers={"Accept-Language": "fr"}).text
    assert "Ce que dit chaque source" in page
    assert "A/HRC/59/15/Add.1" in page and "Thèmes de l’Index universel (UHRI)" in page
    assert "Recommandations semblables" in page
    engine.dispose()


def test_draft_page_assesses_a_draft(client: TestClient) -> None:
    page = client.get("/draft", params={"text": "Ratify the Convention against Torture by 2027"}).text
    assert "SMART" in page and "by 2027" in page and "Similar recommendations" in page
    assert "<textarea" in client.get("/draft").text


def test_state_page_shows_thematic_clusters(client: TestClient) -> None:
    page = client.get("/states/Slovenia", params={"cycle": 1}).text
    # A page of its own (k-means takes seconds after a start), which the state's page fetches.
    assert 'data-fragment="/states/SVN/clusters?cycle=1"' in page
    clusters = client.get("/states/Slovenia/clusters", params={"cycle": 1}).text
    assert "Thematic clusters" in clusters and "issue=Women%27s%20rights" in clusters


def test_action_categories_are_named_not_bare_numbers(client: TestClient) -> None:
    """Issue #18: the action facet showed 1–5 alone; each now says what it asks (UPR Info's names),
    the number kept beside it, in the page's language."""
    page = client.get("/").text
    assert "5 · Specific action" in page and "2 · Continuing action" in page
    answer = client.get("/api/v1/search", params={"per_page": 1}).json()
    labels = {v["value"]: v["label"] for v in answer["facets"]["action"]}
    assert labels["5"] == "Specific action" and labels["1"] == "Minimal action"
