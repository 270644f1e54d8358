"""The e-mail digest of saved searches: per user, one message (text and HTML) with the records
that arrived matching each of their searches since the last digest.

Each search keeps a mark (``digested_through``, a record id); a run mails what lies above it and
moves the mark to the newest record it searched, so a second run sends nothing new. The mark is
moved *before* the message is sent, by an update that only succeeds from the mark this run read:
two runs at once cannot both mail the same records. A message that cannot be sent puts the mark
back, so nothing is lost either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from html import escape

from sqlalchemy import Engine, select, update
from sqlalchemy.engine import Connection

from rightstrack.history import now
from rightstrack.languages import translations
from rightstrack.mail import SmtpSettings, new_message, smtp_connection
from rightstrack.saved_searches.arrivals import Arrivals, arrivals
from rightstrack.saved_searches.saved import SavedSearch, saved_from_row
from rightstrack.saved_searches.wording import record_path, record_title, search_path
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.store.saved_search_schema import SavedSearchRow
from rightstrack.store.tracking_schema import UserRow

DIGEST_RECORDS = 20  # records listed per search in one message; the rest are a link away
TEXT_LENGTH = 600  # characters of a record's text in a message

# The stored query string → the search it describes (the web layer's reader, passed in: the same
# one the search page uses, so a saved search finds in the digest what it finds on the page).
QueryReader = Callable[[str], SearchQuery]


@dataclass(frozen=True)
class SearchNews:
    saved: SavedSearch
    found: Arrivals | None  # None where the stored search can no longer be read
    problem: str = ""


@dataclass
class UserDigest:
    user_id: int
    username: str
    email: str | None
    locale: str
    searches: list[SearchNews] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(news.found.total for news in self.searches if news.found)

    def subject(self) -> str:
        _ = translations(self.locale).gettext
        return _("[RightsTrack] New records for your saved searches: {count}").format(count=self.total)

    def text(self, base_url: str) -> str:
        _ = translations(self.locale).gettext
        lines = [self.subject(), ""]
        for news in self._with_news():
            assert news.found is not None
            lines.append(f"{news.saved.name} ({news.found.total})")
            lines.append(base_url + search_path(news.saved.query))
            for arrival in news.found.records:
                lines.append(f"  - {record_title(arrival.hit, _)}")
                lines.append(f"    {_shortened(arrival.hit.text)}")
                lines.append(f"    {base_url}{record_path(arrival.hit)}")
            more = news.found.total - len(news.found.records)
            if more > 0:
                lines.append("  " + _("… and {count} more on the search's page").format(count=more))
            lines.append("")
        lines.append(_("Your saved searches: {url}").format(url=f"{base_url}/saved"))
        return "\n".join(lines) + "\n"

    def html(self, base_url: str) -> str:
        _ = translations(self.locale).gettext
        parts = [
            f'<!doctype html><html lang="{escape(self.locale)}"><body>',
            f"<h1>{escape(self.subject())}</h1>",
        ]
        for news in self._with_news():
            assert news.found is not None
            link = escape(base_url + search_path(news.saved.query))
            parts.append(f'<h2><a href="{link}">{escape(news.saved.name)}</a> ({news.found.total})</h2><ol>')
            for arrival in news.found.records:
                href = escape(base_url + record_path(arrival.hit))
                title = escape(record_title(arrival.hit, _))
                parts.append(
                    f'<li><a href="{href}">{title}</a><br>{escape(_shortened(arrival.hit.text))}</li>'
                )
            parts.append("</ol>")
            more = news.found.total - len(news.found.records)
            if more > 0:
                more_text = _("… and {count} more on the search's page").format(count=more)
                parts.append(f'<p><a href="{link}">{escape(more_text)}</a></p>')
        manage = escape(_("Your saved searches: {url}").format(url=""))
        parts.append(f'<p>{manage}<a href="{escape(base_url)}/saved">{escape(base_url)}/saved</a></p>')
        parts.append("</body></html>")
        return "\n".join(parts) + "\n"

    def message(self, settings: SmtpSettings, base_url: str) -> EmailMessage:
        assert self.email
        message = new_message(settings, self.subject(), [self.email])
        message.set_content(self.text(base_url))
        message.add_alternative(self.html(base_url), subtype="html")
        return message

    def _with_news(self) -> list[SearchNews]:
        return [news for news in self.searches if news.found and news.found.total]


def _shortened(text: str) -> str:
    return text if len(text) <= TEXT_LENGTH else text[: TEXT_LENGTH - 1].rstrip() + "…"


def collect(search: SearchEngine, read_query: QueryReader) -> list[UserDigest]:
    """Per user with saved searches (disabled users aside), what arrived since each one's mark."""
    with search.engine.connect() as connection:
        rows = connection.execute(
            select(*SavedSearchRow.__table__.c, UserRow.username, UserRow.email)
            .join(UserRow, UserRow.id == SavedSearchRow.user_id)
            .where(UserRow.disabled.is_(False))
            .order_by(UserRow.username, SavedSearchRow.id.desc())
        ).all()
    digests: dict[int, UserDigest] = {}
    for row in rows:
        saved = saved_from_row(row)
        # The language of the user's most recently saved search: the one they use now.
        digest = digests.setdefault(
            saved.user_id, UserDigest(saved.user_id, row.username, row.email, saved.locale)
        )
        try:
            query = read_query(saved.query)
        except ValueError as unreadable:  # a value a newer vocabulary no longer holds
            digest.searches.append(SearchNews(saved, None, str(unreadable)))
            continue
        found = arrivals(search, query, after=saved.digested_through, limit=DIGEST_RECORDS)
        digest.searches.append(SearchNews(saved, found))
    for digest in digests.values():
        digest.searches.sort(key=lambda news: news.saved.name.casefold())
    return list(digests.values())


class _Moved(Exception):
    """Another run moved a mark since this one read it: that run mails these records."""


@dataclass(frozen=True)
class _Move:
    saved: SavedSearch
    to: int


def _move_marks(connection: Connection, moves: list[_Move], at: datetime | None) -> None:
    """Moves each search's mark from where this run read it (``at``: when it was mailed, None
    where nothing was); raises ``_Moved`` (the caller's
    transaction then keeps none of them) if any was moved meanwhile."""
    for move in moves:
        moved = connection.execute(
            update(SavedSearchRow)
            .where(
                SavedSearchRow.id == move.saved.id,
                SavedSearchRow.digested_through == move.saved.digested_through,
            )
            .values(digested_through=move.to, digested_at=at or move.saved.digested_at)
        ).rowcount
        if not moved:
            raise _Moved


def _put_back(connection: Connection, moves: list[_Move]) -> None:
    for move in moves:
        connection.execute(
            update(SavedSearchRow)
            .where(SavedSearchRow.id == move.saved.id, SavedSearchRow.digested_through == move.to)
            .values(digested_through=move.saved.digested_through, digested_at=move.saved.digested_at)
        )


@dataclass
class Outcome:
    sent: int = 0  # messages sent
    unchanged: int = 0  # users with nothing new
    no_address: list[str] = field(default_factory=list)  # users with news but no e-mail address
    taken: list[str] = field(default_factory=list)  # users another run was mailing at the same time


def send_digests(store: Engine, digests: list[UserDigest], settings: SmtpSettings, base_url: str) -> Outcome:
    """Mails each user's news and moves the marks of the searches it covered."""
    outcome = Outcome()
    pending: list[tuple[UserDigest, list[_Move]]] = []
    for digest in digests:
        moves = [
            _Move(news.saved, news.found.newest_id)
            for news in digest.searches
            if news.found is not None and news.found.newest_id != news.saved.digested_through
        ]
        if digest.total and not digest.email:
            outcome.no_address.append(digest.username)  # kept for when they give one
        elif not digest.total:
            outcome.unchanged += 1
            try:  # nothing matched up to there: the next run need not look again
                with store.begin() as connection:
                    _move_marks(connection, moves, None)
            except _Moved:
                pass
        else:
            pending.append((digest, moves))
    if not pending:
        return outcome
    with smtp_connection(settings) as smtp:
        for digest, moves in pending:
            try:
                with store.begin() as connection:
                    _move_marks(connection, moves, now())
            except _Moved:
                outcome.taken.append(digest.username)
                continue
            try:
                smtp.send_message(digest.message(settings, base_url))
            except Exception:
                with store.begin() as connection:  # not sent: the next run mails these records
                    _put_back(connection, moves)
                raise
            outcome.sent += 1
    return outcome
