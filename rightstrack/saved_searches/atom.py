"""Atom (RFC 4287) feeds of the records that arrived matching a search, newest first.

Built with ElementTree, which escapes every text and attribute; the control characters XML 1.0
cannot hold (a form feed copied out of a PDF) are dropped from record texts first. Ids are
``urn:uuid:`` names derived from the store's id and the record's (or search's), so an entry keeps
its id across polls, token changes and server restarts, and two stores never share one.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from rightstrack.limits import CONTROL_CHARACTER
from rightstrack.saved_searches.arrivals import Arrival
from rightstrack.saved_searches.wording import Gettext, record_path, record_title

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass(frozen=True)
class FeedHead:
    key: str  # what the feed is of, unique in the store: "saved:12", "search:q=torture"
    title: str
    subtitle: str
    self_url: str  # the feed's own address
    page_url: str  # the search's page
    updated: datetime  # when the newest entry arrived (or the store's last import)


def urn(store_id: str, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"rightstrack:{store_id}:{key}").urn


def _time(at: datetime) -> str:
    """RFC 3339 in UTC, as the store keeps naive UTC."""
    return at.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _text(value: str) -> str:
    return CONTROL_CHARACTER.sub("", value)


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    if text is not None:
        element.text = _text(text)
    return element


def _author(parent: ET.Element, name: str) -> None:
    _add(_add(parent, "author"), "name", name)


def feed(
    head: FeedHead, records: list[Arrival], *, store_id: str, base_url: str, locale: str, _: Gettext
) -> bytes:
    """The feed document, UTF-8 with its XML declaration."""
    # Plain names under a default namespace declared once: ElementTree would otherwise map a
    # qualified name on every one of the ~1,500 elements (half the time of a feed).
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": locale})
    _add(root, "id", urn(store_id, head.key))
    _add(root, "title", head.title)
    _add(root, "subtitle", head.subtitle)
    _add(root, "updated", _time(head.updated))
    _author(root, "RightsTrack")
    _add(root, "link", rel="self", type=MEDIA_TYPE, href=head.self_url)
    _add(root, "link", rel="alternate", type="text/html", href=head.page_url)
    _add(root, "generator", "RightsTrack")
    for arrival in records:
        hit = arrival.hit
        entry = _add(root, "entry")
        _add(entry, "id", urn(store_id, f"record:{hit.id}"))
        _add(entry, "title", record_title(hit, _))
        _add(entry, "updated", _time(arrival.arrived or head.updated))
        _add(entry, "link", rel="alternate", type="text/html", href=base_url + record_path(hit))
        # Who made it: the recommending states of a recommendation, else the body.
        makers = [r.name for r in hit.recommenders] if hit.kind == "recommendation" else []
        _author(entry, ", ".join(dict.fromkeys(makers)) or hit.body)
        for issue in hit.issues:
            _add(entry, "category", term=_text(issue))
        _add(entry, "summary", hit.text, type="text")
    # Written to a string and encoded once: ElementTree's byte output goes through a text
    # wrapper write by write.
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")
