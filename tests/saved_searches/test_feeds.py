"""What a feed holds: the records that arrived matching a search, newest first, as valid Atom."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine, select

from rightstrack.languages import translations
from rightstrack.saved_searches import atom
from rightstrack.saved_searches.arrivals import Arrival, arrivals
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.store.schema import RecommendationRow, SourceRow
from tests.saved_searches.conftest import Arrive

NS = {"a": atom.ATOM}


def test_arrivals_are_the_newest_matches_after_the_mark(
    store: Engine, search: SearchEngine, arrive: Arrive
) -> None:
    first = arrive(0, 60)
    second = arrive(60, 120)
    noted = SearchQuery.build("", {"response": ["Noted"]})
    with store.connect() as connection:
        expected = list(
            connection.scalars(
                select(RecommendationRow.id)
                .where(RecommendationRow.response == "Noted")
                .order_by(RecommendationRow.id.desc())
            )
        )
        second_imported = connection.scalar(select(SourceRow.imported_at).order_by(SourceRow.id.desc()))
    assert len(expected) >= 5  # the real rows hold noted recommendations in both slices
    found = arrivals(search, noted, limit=5)
    assert [a.hit.id for a in found.records] == expected[:5]
    assert found.total == len(expected) and found.newest_id == max(second)
    assert all(a.hit.response == "Noted" for a in found.records)
    assert all(a.arrived == second_imported for a in found.records if a.hit.id in second)
    after = arrivals(search, noted, after=max(first))
    assert [a.hit.id for a in after.records] == [i for i in expected if i > max(first)]
    assert arrivals(search, noted, after=max(second)).records == []


def _feed(found: list[Arrival], locale: str = "en") -> ET.Element:
    head = atom.FeedHead(
        key="saved:7",
        title="RightsTrack: torture & ill-treatment",
        subtitle="newest first",
        self_url="https://rt.example/feeds/abc.atom",
        page_url="https://rt.example/?q=torture",
        updated=datetime(2026, 12, 1, 10, 30, 5, 123),
    )
    body = atom.feed(
        head,
        found,
        store_id="store-1",
        base_url="https://rt.example",
        locale=locale,
        _=translations(locale).gettext,
    )
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed ')
    return ET.fromstring(body)  # a real XML parser: malformed output fails here


def test_the_feed_is_atom_with_every_required_element(
    store: Engine, search: SearchEngine, arrive: Arrive
) -> None:
    arrive(0, 30)
    found = arrivals(search, SearchQuery(), limit=10).records
    # A form feed copied out of a PDF cannot stand in XML 1.0: it is dropped, the rest kept.
    found[0] = replace(found[0], hit=replace(found[0].hit, text=found[0].hit.text + "\x0c end"))
    root = _feed(found, "fr")
    assert root.tag == f"{{{atom.ATOM}}}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.findtext("a:id", namespaces=NS) == atom.urn("store-1", "saved:7")
    assert root.findtext("a:id", namespaces=NS).startswith("urn:uuid:")  # type: ignore[union-attr]
    assert root.findtext("a:title", namespaces=NS) == "RightsTrack: torture & ill-treatment"
    assert root.findtext("a:updated", namespaces=NS) == "2026-12-01T10:30:05Z"
    assert root.findtext("a:author/a:name", namespaces=NS) == "RightsTrack"
    links = {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}
    assert links == {
        "self": "https://rt.example/feeds/abc.atom",
        "alternate": "https://rt.example/?q=torture",
    }
    entries = root.findall("a:entry", NS)
    assert len(entries) == 10
    ids = [int(e.find("a:link", NS).get("href").rsplit("/", 1)[1]) for e in entries]  # type: ignore[union-attr]
    assert ids == sorted(ids, reverse=True) == [a.hit.id for a in found]  # newest first
    for entry, arrival in zip(entries, found, strict=True):
        hit = arrival.hit
        assert entry.findtext("a:id", namespaces=NS) == atom.urn("store-1", f"record:{hit.id}")
        assert entry.find("a:link", NS).get("href") == f"https://rt.example/records/{hit.id}"  # type: ignore[union-attr]
        assert entry.findtext("a:summary", namespaces=NS) == hit.text.replace("\x0c", "")
        assert entry.findtext("a:title", namespaces=NS).startswith(hit.sur_name)  # type: ignore[union-attr]
        assert "session" in entry.findtext("a:title", namespaces=NS)  # type: ignore[operator]
        assert datetime.fromisoformat(entry.findtext("a:updated", namespaces=NS).removesuffix("Z"))  # type: ignore[union-attr]
        assert entry.findtext("a:author/a:name", namespaces=NS) == ", ".join(
            dict.fromkeys(r.name for r in hit.recommenders)
        )
        assert [c.get("term") for c in entry.findall("a:category", NS)] == list(hit.issues)
    # French: the review as the catalogue says it, the response translated.
    hit = found[0].hit
    french = f"{hit.sur_name}, session {hit.session} de l’EPU ({hit.year})"
    response = f": {translations('fr').gettext(hit.response)}" if hit.response else ""
    assert entries[0].findtext("a:title", namespaces=NS) == french + response
    assert {"Acceptée", "Notée"} & {e.findtext("a:title", namespaces=NS).rsplit(": ", 1)[-1] for e in entries}  # type: ignore[union-attr]


def test_an_empty_feed_is_still_a_valid_feed() -> None:
    root = _feed([])
    assert root.findall("a:entry", NS) == []
    assert root.findtext("a:updated", namespaces=NS) == "2026-12-01T10:30:05Z"
