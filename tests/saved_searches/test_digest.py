"""The e-mail digest, sent to a real (local) SMTP server: one message per user with what arrived
for each of their searches since the last digest, and never the same records twice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, update

from rightstrack.accounts import User
from rightstrack.mail import SmtpSettings
from rightstrack.saved_searches.digest import collect, send_digests
from rightstrack.saved_searches.saved import get_saved, save_search
from rightstrack.search.engine import SearchEngine
from rightstrack.store.saved_search_schema import SavedSearchRow
from rightstrack.store.schema import RecommendationRow
from rightstrack.store.tracking_schema import UserRow
from rightstrack.web.saved_pages import read_saved_query
from tests.saved_searches.conftest import Arrive, Mailbox

BASE = "https://rt.example"


def _noted_after(store: Engine, mark: int) -> list[int]:
    with store.connect() as connection:
        return list(
            connection.scalars(
                select(RecommendationRow.id)
                .where(RecommendationRow.id > mark, RecommendationRow.response == "Noted")
                .order_by(RecommendationRow.id.desc())
            )
        )


def test_each_user_gets_one_message_with_only_the_new_records(
    store: Engine,
    search: SearchEngine,
    arrive: Arrive,
    make_user: Callable[..., User],
    mailbox: tuple[Mailbox, SmtpSettings],
) -> None:
    box, settings = mailbox
    first = arrive(0, 50)
    reader, quiet, no_address = make_user("reader@ngo.example"), make_user("quiet@ngo.example"), make_user()
    with store.begin() as connection:
        noted = save_search(connection, reader, "Noted ones", "response=Noted", "fr")
        everything = save_search(connection, reader, "Everything", "", "en")  # saved last: its language
        save_search(connection, quiet, "Never matches", "q=zzzzqqq", "en")
        save_search(connection, no_address, "All", "", "en")

    # Nothing arrived since they saved: nothing is sent.
    assert send_digests(store, collect(search, read_saved_query), settings, BASE).sent == 0
    assert box.received == []

    second = arrive(50, 200)
    new_noted = _noted_after(store, max(first))
    assert new_noted  # the real rows hold noted recommendations
    outcome = send_digests(store, collect(search, read_saved_query), settings, BASE)
    assert (outcome.sent, outcome.unchanged, outcome.no_address) == (1, 1, [no_address.username])
    [message] = box.messages()
    assert box.received[0].rcpt_tos == ["reader@ngo.example"]
    assert message["From"] == "digest@rt.example"
    total = len(second) + len(new_noted)
    assert message["Subject"] == f"[RightsTrack] New records for your saved searches: {total}"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f"Noted ones ({len(new_noted)})" in text and f"Everything ({len(second)})" in text
    assert f"{BASE}/?response=Noted" in text and f"{BASE}/saved" in text
    listed = [int(line.rsplit("/", 1)[1]) for line in text.splitlines() if "/records/" in line]
    # Newest first, twenty per search, and only records that arrived after the first digest.
    assert listed[: min(20, len(second))] == sorted(second, reverse=True)[:20]
    assert listed[min(20, len(second)) :] == new_noted[:20]
    assert "… and" in text  # the rest are a link away
    assert html.count("<li>") == len(listed) and f'href="{BASE}/records/{listed[0]}"' in html
    assert "<script" not in html and "&lt;" not in message["Subject"]

    with store.connect() as connection:
        marked = get_saved(connection, reader, noted.id)
        assert marked.digested_through == max(second) and marked.digested_at is not None
        assert get_saved(connection, reader, everything.id).digested_through == max(second)

    # A second run sends nothing new.
    again = send_digests(store, collect(search, read_saved_query), settings, BASE)
    assert again.sent == 0 and len(box.received) == 1

    # A third slice: only it is sent.
    third = arrive(200, 230)
    send_digests(store, collect(search, read_saved_query), settings, BASE)
    latest = box.messages()[-1].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    ids = {int(line.rsplit("/", 1)[1]) for line in latest.splitlines() if "/records/" in line}
    assert ids and ids <= set(third)


def test_a_message_that_cannot_be_sent_keeps_its_records_for_the_next_run(
    store: Engine,
    search: SearchEngine,
    arrive: Arrive,
    make_user: Callable[..., User],
    mailbox: tuple[Mailbox, SmtpSettings],
) -> None:
    box, settings = mailbox
    arrive(0, 20)
    reader = make_user("reader@ngo.example")
    with store.begin() as connection:
        saved = save_search(connection, reader, "All", "", "en")
    arrived = arrive(20, 40)
    box.refuse = True
    with pytest.raises(Exception, match="Transaction failed"):
        send_digests(store, collect(search, read_saved_query), settings, BASE)
    with store.connect() as connection:
        assert get_saved(connection, reader, saved.id).digested_through == saved.digested_through
    box.refuse = False
    assert send_digests(store, collect(search, read_saved_query), settings, BASE).sent == 1
    text = box.messages()[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"All ({len(arrived)})" in text


def test_two_runs_at_once_mail_the_records_once(
    store: Engine,
    search: SearchEngine,
    arrive: Arrive,
    make_user: Callable[..., User],
    mailbox: tuple[Mailbox, SmtpSettings],
) -> None:
    box, settings = mailbox
    arrive(0, 20)
    reader = make_user("reader@ngo.example")
    with store.begin() as connection:
        save_search(connection, reader, "All", "", "en")
    arrive(20, 40)
    one, other = collect(search, read_saved_query), collect(search, read_saved_query)
    assert send_digests(store, one, settings, BASE).sent == 1
    late = send_digests(store, other, settings, BASE)
    assert (late.sent, late.taken) == (0, [reader.username])
    assert len(box.received) == 1


def test_disabled_users_and_unreadable_searches_are_left_out(
    store: Engine, search: SearchEngine, arrive: Arrive, make_user: Callable[..., User]
) -> None:
    arrive(0, 20)
    gone, reader = make_user("gone@ngo.example"), make_user("reader@ngo.example")
    with store.begin() as connection:
        save_search(connection, gone, "All", "", "en")
        broken = save_search(connection, reader, "Old vocabulary", "issue=Not an issue", "en")
        connection.execute(update(UserRow).where(UserRow.id == gone.id).values(disabled=True))
    [digest] = collect(search, read_saved_query)
    assert digest.username == reader.username
    [news] = digest.searches
    assert news.found is None and "issue" in news.problem
    with store.connect() as connection:
        assert connection.scalar(
            select(SavedSearchRow.digested_through).where(SavedSearchRow.id == broken.id)
        )
