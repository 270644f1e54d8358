"""Saving, listing, renaming and deleting a user's searches; their feeds' tokens.

Every function that takes a user acts on that user's searches only: another user's search is
"not found" (never "forbidden"), so nobody learns which ids exist.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.errors import InvalidInput, NotFound
from rightstrack.history import now
from rightstrack.languages import DEFAULT_LOCALE, LOCALES
from rightstrack.limits import check_id, check_row
from rightstrack.store.saved_search_schema import SavedSearchRow
from rightstrack.store.schema import RecommendationRow
from rightstrack.store.tracking_schema import UserRow

MAX_SAVED = 50  # per user: each is evaluated by every digest run and polled by feed readers
TOKEN_BYTES = 32  # 256 random bits, URL-safe: 43 characters


@dataclass(frozen=True)
class SavedSearch:
    id: int
    user_id: int
    name: str
    query: str  # the canonical query string, without "?"
    locale: str
    feed_token: str
    created_at: datetime
    digested_through: int
    digested_at: datetime | None


def saved_from_row(row: object) -> SavedSearch:
    return SavedSearch(
        id=row.id,  # type: ignore[attr-defined]
        user_id=row.user_id,  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        query=row.query,  # type: ignore[attr-defined]
        locale=row.locale,  # type: ignore[attr-defined]
        feed_token=row.feed_token,  # type: ignore[attr-defined]
        created_at=row.created_at,  # type: ignore[attr-defined]
        digested_through=row.digested_through,  # type: ignore[attr-defined]
        digested_at=row.digested_at,  # type: ignore[attr-defined]
    )


def _name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("name", "give the search a name")
    check_row(SavedSearchRow.__table__, {"name": cleaned})  # type: ignore[arg-type]
    return cleaned


def newest_record_id(connection: Connection) -> int:
    """The id of the newest record in the store (0 when empty): what a new search's digest starts after."""
    return int(connection.scalar(select(func.coalesce(func.max(RecommendationRow.id), 0))) or 0)


def save_search(connection: Connection, user: User, name: str, query: str, locale: str) -> SavedSearch:
    """Saves ``query`` (a canonical query string, which the caller has checked) as ``name``.

    Its digest starts with the records that arrive from now on: those already stored are what
    the person has just seen."""
    values = {
        "name": _name(name),
        "query": query,
        "locale": locale if locale in LOCALES else DEFAULT_LOCALE,
    }
    check_row(SavedSearchRow.__table__, values)  # type: ignore[arg-type]
    held = connection.scalar(
        select(func.count()).select_from(SavedSearchRow).where(SavedSearchRow.user_id == user.id)
    )
    if (held or 0) >= MAX_SAVED:
        raise InvalidInput("name", f"at most {MAX_SAVED} saved searches: delete one to save another")
    saved_id = connection.execute(
        insert(SavedSearchRow)
        .values(
            user_id=user.id,
            feed_token=secrets.token_urlsafe(TOKEN_BYTES),
            created_at=now(),
            digested_through=newest_record_id(connection),
            digested_at=None,
            **values,
        )
        .returning(SavedSearchRow.id)
    ).scalar_one()
    return get_saved(connection, user, int(saved_id))


def list_saved(connection: Connection, user: User) -> list[SavedSearch]:
    """The user's saved searches, by name."""
    rows = connection.execute(
        select(SavedSearchRow)
        .where(SavedSearchRow.user_id == user.id)
        .order_by(func.lower(SavedSearchRow.name), SavedSearchRow.id)
    )
    return [saved_from_row(row) for row in rows]


def get_saved(connection: Connection, user: User, saved_id: int) -> SavedSearch:
    check_id("saved search", saved_id)
    row = connection.execute(
        select(SavedSearchRow).where(SavedSearchRow.id == saved_id, SavedSearchRow.user_id == user.id)
    ).first()
    if row is None:
        raise NotFound(f"no saved search {saved_id}")
    return saved_from_row(row)


def _change(connection: Connection, user: User, saved_id: int, **values: object) -> SavedSearch:
    get_saved(connection, user, saved_id)  # not found unless it is the user's own
    connection.execute(
        update(SavedSearchRow)
        .where(SavedSearchRow.id == saved_id, SavedSearchRow.user_id == user.id)
        .values(**values)
    )
    return get_saved(connection, user, saved_id)


def rename_saved(connection: Connection, user: User, saved_id: int, name: str) -> SavedSearch:
    return _change(connection, user, saved_id, name=_name(name))


def new_feed_token(connection: Connection, user: User, saved_id: int) -> SavedSearch:
    """A new token for the search's feed: the old URL stops working at once."""
    return _change(connection, user, saved_id, feed_token=secrets.token_urlsafe(TOKEN_BYTES))


def delete_saved(connection: Connection, user: User, saved_id: int) -> None:
    get_saved(connection, user, saved_id)
    connection.execute(
        delete(SavedSearchRow).where(SavedSearchRow.id == saved_id, SavedSearchRow.user_id == user.id)
    )


def by_feed_token(connection: Connection, token: str) -> SavedSearch:
    """The saved search whose feed this token opens; NotFound for any other string, and for the
    searches of a disabled account."""
    # A token is 43 URL-safe characters; anything else is no token and costs no query.
    if not 20 <= len(token) <= 64:
        raise NotFound("no such feed")
    row = connection.execute(
        select(SavedSearchRow)
        .join(UserRow, UserRow.id == SavedSearchRow.user_id)
        .where(SavedSearchRow.feed_token == token, UserRow.disabled.is_(False))  # a closed account's too
    ).first()
    if row is None:
        raise NotFound("no such feed")
    return saved_from_row(row)
