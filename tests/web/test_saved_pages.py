"""Saved searches and feeds through the pages, as a browser without JavaScript and a feed reader
(no cookie) would use them."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from rightstrack.saved_searches import saved as saved_searches
from rightstrack.saved_searches.atom import ATOM
from rightstrack.search.engine import SearchEngine
from rightstrack.store.saved_search_schema import SavedSearchRow
from rightstrack.web.app import create_app
from tests.conftest import PASSWORD
from tests.web.clients import page_token, post_form

NS = {"a": ATOM}


@pytest.fixture
def app(slovenia_store: Engine) -> object:
    return create_app(search=SearchEngine(slovenia_store))


def _signed_up(app: object) -> TestClient:
    client = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    answer = client.post(
        "/signup",
        data={
            "username": f"reader-{uuid.uuid4().hex[:6]}",
            "password": PASSWORD,
            "csrf_token": page_token(client, "/signup"),
        },
    )
    assert answer.status_code == 303
    return client


@pytest.fixture
def reader(app: object) -> Iterator[TestClient]:
    with _signed_up(app) as client:
        yield client


def _save(client: TestClient, name: str, query: str) -> object:
    return post_form(client, "/saved", {"name": name, "query": query}, "/saved")


def _feed(client: TestClient, url: str) -> ET.Element:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(answer.content)


def _saved_id(answer: object) -> int:
    location = answer.headers["location"]  # type: ignore[attr-defined]
    found = re.fullmatch(r"/saved#saved-(\d+)", location)
    assert found, location
    return int(found.group(1))


def test_a_signed_in_user_saves_a_search_and_reads_its_feed_without_a_cookie(
    app: object, reader: TestClient, slovenia_store: Engine
) -> None:
    page = reader.get("/?q=discrimination&cycle=4")
    assert 'action="/saved"' in page.text and "Save this search" in page.text
    assert '<link rel="alternate" type="application/atom+xml"' in page.text
    assert 'href="/search.atom?q=discrimination&amp;cycle=4"' in page.text
    answer = _save(reader, "Discrimination, cycle 4", "cycle=4&q=discrimination&page=2&lang=fr")
    assert answer.status_code == 303  # type: ignore[attr-defined]
    saved_id = _saved_id(answer)
    with slovenia_store.connect() as connection:
        # Canonical: the search page's own order, without its page number or language.
        stored = connection.scalar(select(SavedSearchRow.query).where(SavedSearchRow.id == saved_id))
    assert stored == "q=discrimination&cycle=4"

    listing = reader.get("/saved")
    assert (
        "Discrimination, cycle 4" in listing.text and 'href="/?q=discrimination&amp;cycle=4"' in listing.text
    )
    token = re.search(r'href="/feeds/([\w-]+)\.atom"', listing.text)
    assert token and listing.text.count('type="application/atom+xml"') >= 2  # <link> and the link

    with TestClient(app) as feed_reader:  # type: ignore[arg-type]
        root = _feed(feed_reader, f"/feeds/{token.group(1)}.atom")
        assert root.findtext("a:title", namespaces=NS) == "RightsTrack: Discrimination, cycle 4"
        entries = root.findall("a:entry", NS)
        search = reader.get("/api/v1/search?q=discrimination&cycle=4&per_page=500").json()
        assert len(entries) == min(100, search["total"]) > 0
        ids = [int(e.find("a:link", NS).get("href").rsplit("/", 1)[1]) for e in entries]  # type: ignore[union-attr]
        assert ids == sorted(ids, reverse=True)  # newest first
        assert set(ids) <= {hit["id"] for hit in search["hits"]}
        for entry in entries:
            assert entry.findtext("a:id", namespaces=NS).startswith("urn:uuid:")  # type: ignore[union-attr]
            assert entry.findtext("a:updated", namespaces=NS) and entry.findtext("a:summary", namespaces=NS)
        # A reader polling an unchanged feed gets "not modified".
        first = feed_reader.get(f"/feeds/{token.group(1)}.atom")
        again = feed_reader.get(
            f"/feeds/{token.group(1)}.atom", headers={"If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 304 and again.content == b""

        # A new address revokes the old one.
        assert post_form(reader, f"/saved/{saved_id}/token", {}, "/saved").status_code == 303
        assert feed_reader.get(f"/feeds/{token.group(1)}.atom").status_code == 404
        renewed = re.search(r'href="/feeds/([\w-]+)\.atom"', reader.get("/saved").text)
        assert renewed and renewed.group(1) != token.group(1)
        assert _feed(feed_reader, f"/feeds/{renewed.group(1)}.atom").findall("a:entry", NS)

    renamed = post_form(reader, f"/saved/{saved_id}/rename", {"name": "Discrimination"}, "/saved")
    assert renamed.status_code == 303 and ">Discrimination</a>" in reader.get("/saved").text
    assert post_form(reader, f"/saved/{saved_id}/delete", {}, "/saved").status_code == 303
    assert "No saved search yet" in reader.get("/saved").text


def test_nobody_sees_or_changes_another_users_searches(app: object, reader: TestClient) -> None:
    saved_id = _saved_id(_save(reader, "Mine", "q=water"))
    with _signed_up(app) as other:
        assert "Mine" not in other.get("/saved").text
        for action in ("rename", "token", "delete"):
            answer = post_form(other, f"/saved/{saved_id}/{action}", {"name": "Taken"}, "/saved")
            assert answer.status_code == 404, action
    assert "Mine" in reader.get("/saved").text
    with TestClient(app, follow_redirects=False) as anonymous:  # type: ignore[arg-type]
        assert anonymous.get("/saved").headers["location"] == "/login?next=/saved"
        assert "Sign in to save this search" in anonymous.get("/?q=water").text
        refused = anonymous.post("/saved", data={"name": "x", "query": "q=water"})
        assert refused.status_code == 403  # no CSRF token, no session


def test_bad_names_queries_and_one_search_too_many_are_refused_clearly(
    reader: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    too_long = _save(reader, "n" * 201, "q=water")
    assert too_long.status_code == 400  # type: ignore[attr-defined]
    assert "name: at most 200 characters (201 given)" in too_long.text  # type: ignore[attr-defined]
    assert 'value="q=water"' in too_long.text  # type: ignore[attr-defined]  # the form again
    unknown = _save(reader, "odd", "q=water&colour=blue")
    assert unknown.status_code == 400 and "unknown parameter(s): colour" in unknown.text  # type: ignore[attr-defined]
    bad_value = _save(reader, "odd", "cycle=99")
    assert bad_value.status_code == 400 and "cycle" in bad_value.text  # type: ignore[attr-defined]
    nameless = _save(reader, "  ", "q=water")
    assert nameless.status_code == 400 and "give the search a name" in nameless.text  # type: ignore[attr-defined]
    monkeypatch.setattr(saved_searches, "MAX_SAVED", 2)
    assert _save(reader, "one", "q=water").status_code == 303  # type: ignore[attr-defined]
    assert _save(reader, "two", "q=rain").status_code == 303  # type: ignore[attr-defined]
    third = _save(reader, "three", "q=snow")
    assert third.status_code == 400 and "at most 2 saved searches" in third.text  # type: ignore[attr-defined]


def test_any_search_has_a_feed(app: object) -> None:
    with TestClient(app) as feed_reader:  # type: ignore[arg-type]
        root = _feed(feed_reader, "/search.atom?q=discrimination&cycle=4&page=3")
        assert root.findtext("a:title", namespaces=NS) == "RightsTrack: “discrimination”; Cycle: 4"
        links = {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}
        assert links["alternate"] == "http://testserver/?q=discrimination&cycle=4"
        assert links["self"].startswith("http://testserver/search.atom?")
        assert root.findall("a:entry", NS)
        french = _feed(feed_reader, "/search.atom?q=torture&lang=fr")
        assert french.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
        assert feed_reader.get("/search.atom?cycle=99").status_code == 400
        nothing = _feed(feed_reader, "/search.atom?q=zzzzqqqq")
        assert nothing.findall("a:entry", NS) == [] and nothing.findtext("a:updated", namespaces=NS)
        assert feed_reader.get("/feeds/not-a-token.atom").status_code == 404


def test_the_pages_and_the_feed_speak_the_language_the_search_was_saved_in(
    app: object, reader: TestClient
) -> None:
    assert "Enregistrer cette recherche" in reader.get("/?q=discrimination&lang=fr").text
    reader.cookies.set("lang", "es")
    saved_id = _saved_id(_save(reader, "Discriminación", "q=discrimination"))
    listing = reader.get("/saved").text
    assert "Búsquedas guardadas" in listing and "Nueva dirección del canal" in listing
    token = re.search(rf'id="saved-{saved_id}".*?href="/feeds/([\w-]+)\.atom"', listing, re.S)
    assert token
    with TestClient(app) as feed_reader:  # type: ignore[arg-type]  # a reader set to English
        root = _feed(feed_reader, f"/feeds/{token.group(1)}.atom")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert root.findtext("a:title", namespaces=NS) == "RightsTrack: Discriminación"
    title = root.findtext("a:entry/a:title", namespaces=NS)
    assert title and "sesión" in title and "del EPU" in title
