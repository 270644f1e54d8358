"""Saved searches (``/saved``) and Atom feeds: one per saved search, opened by the unguessable
token in its URL (feed readers send no cookie), and one for any search's URL (``/search.atom``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import QueryParams

from rightstrack.errors import InvalidInput
from rightstrack.limits import column_length
from rightstrack.saved_searches import atom
from rightstrack.saved_searches.arrivals import arrivals, latest_import
from rightstrack.saved_searches.saved import (
    MAX_SAVED,
    SavedSearch,
    by_feed_token,
    delete_saved,
    list_saved,
    new_feed_token,
    rename_saved,
    save_search,
)
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.store.database import store_id
from rightstrack.store.saved_search_schema import SavedSearchRow
from rightstrack.web.auth import signed_in, store
from rightstrack.web.i18n import negotiate, translations
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.pages import render
from rightstrack.web.params import BadParameterError, Id, query_string, search_query
from rightstrack.web.security import CSRF_FIELD, check_csrf

router = APIRouter(include_in_schema=False)

Text = Annotated[str, Form()]
Csrf = Annotated[str | None, Form(alias=CSRF_FIELD)]
MAX_QUERY = column_length(SavedSearchRow.__table__, "query") or 4000  # type: ignore[arg-type]


def canonical_query(raw: str) -> str:
    """The saved form of a search's query string: read as the search page reads it (refusing
    what it does not know), written back in its one canonical order, without the page number."""
    raw = raw.strip().lstrip("?")
    if len(raw) > MAX_QUERY:
        raise InvalidInput("query", f"at most {MAX_QUERY} characters ({len(raw)} given)")
    try:
        query = search_query(QueryParams(raw))
    except (BadParameterError, ValueError) as bad:
        raise InvalidInput("query", str(bad)) from None
    return query_string(query, page=None)


def read_saved_query(saved_query: str) -> SearchQuery:
    """The search a stored query string describes (``ValueError`` if it no longer reads)."""
    return search_query(QueryParams(saved_query), strict=False)


def describe(query: SearchQuery, _: Callable[[str], str]) -> str:
    """A search in words: its text and its filters ("“torture”; Cycle: 2, 3")."""
    parts = [f"“{query.text}”"] if query.text else []
    parts += [f"{_(d.label)}: {', '.join(sorted(v))}" for d, v in query.filters.items()]
    return "; ".join(parts) or _("all records")


def _feed_url(request: Request, saved: SavedSearch) -> str:
    return str(request.base_url).rstrip("/") + f"/feeds/{saved.feed_token}.atom"


def _described(saved: SavedSearch, _: Callable[[str], str]) -> str:
    try:
        return describe(read_saved_query(saved.query), _)
    except ValueError:
        return saved.query


def _saved_page(request: Request, error: str = "", status_code: int = 200, **kept: str) -> HTMLResponse:
    user = signed_in(request)
    with store(request).connect() as connection:
        searches = list_saved(connection, user)
    context = {
        "searches": searches,
        "feed_url": lambda saved: _feed_url(request, saved),
        "described": lambda saved: _described(saved, translations(negotiate(request)).gettext),
        "max_saved": MAX_SAVED,
        "error": error,
        **kept,
    }
    return render(request, "saved.html", context, status_code=status_code)


@router.get("/saved", response_class=HTMLResponse)
def saved_page(request: Request) -> HTMLResponse:
    return _saved_page(request)


@router.post("/saved")
def save(request: Request, name: Text = "", query: Text = "", csrf: Csrf = None) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request)
    try:
        canonical = canonical_query(query)
        with store(request).begin() as connection:
            saved = save_search(connection, user, name, canonical, negotiate(request))
    except InvalidInput as problem:
        return _saved_page(request, str(problem), 400, name=name[:200], query=query[:MAX_QUERY])
    return RedirectResponse(f"/saved#saved-{saved.id}", status_code=303)


@router.post("/saved/{saved_id}/rename")
def rename(request: Request, saved_id: Id, name: Text = "", csrf: Csrf = None) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request)
    try:
        with store(request).begin() as connection:
            rename_saved(connection, user, saved_id, name)
    except InvalidInput as problem:
        return _saved_page(request, str(problem), 400)
    return RedirectResponse(f"/saved#saved-{saved_id}", status_code=303)


@router.post("/saved/{saved_id}/token")
def regenerate_token(request: Request, saved_id: Id, csrf: Csrf = None) -> Response:
    check_csrf(request, csrf)
    with store(request).begin() as connection:
        new_feed_token(connection, signed_in(request), saved_id)
    return RedirectResponse(f"/saved#saved-{saved_id}", status_code=303)


@router.post("/saved/{saved_id}/delete")
def delete(request: Request, saved_id: Id, csrf: Csrf = None) -> Response:
    check_csrf(request, csrf)
    with store(request).begin() as connection:
        delete_saved(connection, signed_in(request), saved_id)
    return RedirectResponse("/saved", status_code=303)


def _atom_response(request: Request, body: bytes) -> Response:
    """The feed, with an ETag of its bytes: a reader polling an unchanged feed gets a 304."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "private, max-age=300"}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=f"{atom.MEDIA_TYPE}; charset=utf-8", headers=headers)


def _feed(request: Request, query: SearchQuery, key: str, title: str, page_query: str, locale: str) -> bytes:
    search: SearchEngine = request.app.state.search
    _ = translations(locale).gettext
    found = arrivals(search, query)
    with search.engine.connect() as connection:
        identity = store_id(connection)
        imported = latest_import(connection)
    times = [arrival.arrived for arrival in found.records if arrival.arrived]
    updated = max(times) if times else imported or datetime.now(UTC).replace(tzinfo=None)
    base = str(request.base_url).rstrip("/")
    own = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    head = atom.FeedHead(
        key=key,
        title=title,
        subtitle=_("The newest records matching this search, in the order they arrived in RightsTrack"),
        self_url=base + own,
        page_url=base + (f"/?{page_query}" if page_query else "/"),
        updated=updated,
    )
    return atom.feed(head, found.records, store_id=identity, base_url=base, locale=locale, _=_)


@router.get("/feeds/{token}.atom")
async def saved_feed(request: Request, token: str) -> Response:
    """A saved search's feed: the token is the only key (revoked by drawing a new one)."""
    with store(request).connect() as connection:
        saved = by_feed_token(connection, token)
    _ = translations(saved.locale).gettext
    title = _("RightsTrack: {name}").format(name=saved.name)
    body = await in_search_lane(
        _feed,
        request,
        read_saved_query(saved.query),
        f"saved:{saved.id}",
        title,
        saved.query,
        saved.locale,
    )
    return _atom_response(request, body)


@router.get("/search.atom")
async def search_feed(request: Request) -> Response:
    """The feed of any search: the search page's query string, for readers of anonymous searches."""
    query = search_query(request.query_params, strict=False)  # ``lang`` and the like are not the search
    canonical = query_string(query, page=None)
    locale = negotiate(request)
    _ = translations(locale).gettext
    title = _("RightsTrack: {name}").format(name=describe(query, _))
    body = await in_search_lane(_feed, request, query, f"search:{canonical}", title, canonical, locale)
    return _atom_response(request, body)
