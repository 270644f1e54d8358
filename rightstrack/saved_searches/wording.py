"""How a feed entry and a digest line name a record, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable

from rightstrack.search.records import Hit

Gettext = Callable[[str], str]


def record_title(hit: Hit, _: Gettext) -> str:
    """ "Slovenia, UPR session 7 (2010): Accepted" — the state, where and when, the response."""
    if hit.session is not None:
        where = _("{state}, UPR session {session} ({year})").format(
            state=hit.sur_name, session=hit.session, year=hit.year
        )
    else:
        when = hit.published.isoformat() if hit.published else str(hit.year)
        where = _("{state}, {body} ({date})").format(state=hit.sur_name, body=hit.body, date=when)
    return f"{where}: {_(hit.response)}" if hit.response else where


def record_path(hit: Hit) -> str:
    return f"/records/{hit.id}"


def search_path(query: str) -> str:
    return f"/?{query}" if query else "/"
