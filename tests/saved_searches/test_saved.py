"""Saving, listing, renaming and deleting searches, each user only their own; feed tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, update

from rightstrack.accounts import User
from rightstrack.errors import InvalidInput, NotFound
from rightstrack.saved_searches import saved as saved_searches
from rightstrack.saved_searches.saved import (
    by_feed_token,
    delete_saved,
    get_saved,
    list_saved,
    new_feed_token,
    rename_saved,
    save_search,
)
from rightstrack.store.tracking_schema import UserRow
from tests.saved_searches.conftest import Arrive


def test_a_user_saves_lists_renames_and_deletes_their_searches(
    store: Engine, make_user: Callable[..., User], arrive: Arrive
) -> None:
    user = make_user()
    present = arrive(0, 40)
    with store.begin() as connection:
        first = save_search(connection, user, "  Torture   in cycle 1 ", "q=torture&cycle=1", "fr")
        second = save_search(connection, user, "all noted", "response=Noted", "xx")
    assert first.name == "Torture in cycle 1"  # spaces tidied
    assert (first.query, first.locale) == ("q=torture&cycle=1", "fr")
    assert second.locale == "en"  # a language the app does not have
    # The digest starts after what the person has already seen.
    assert first.digested_through == max(present) and first.digested_at is None
    assert len(first.feed_token) == 43 and first.feed_token != second.feed_token
    with store.begin() as connection:
        assert [s.name for s in list_saved(connection, user)] == ["all noted", "Torture in cycle 1"]
        renamed = rename_saved(connection, user, first.id, "Torture")
        assert renamed.name == "Torture" and renamed.query == first.query
        delete_saved(connection, user, second.id)
        assert [s.id for s in list_saved(connection, user)] == [first.id]
        with pytest.raises(NotFound):
            get_saved(connection, user, second.id)


def test_another_users_search_is_not_found_for_every_action(
    store: Engine, make_user: Callable[..., User]
) -> None:
    owner, other = make_user(), make_user()
    with store.begin() as connection:
        mine = save_search(connection, owner, "mine", "q=water", "en")
        for action in (
            lambda: get_saved(connection, other, mine.id),
            lambda: rename_saved(connection, other, mine.id, "taken"),
            lambda: new_feed_token(connection, other, mine.id),
            lambda: delete_saved(connection, other, mine.id),
        ):
            with pytest.raises(NotFound):
                action()
        assert list_saved(connection, other) == []
        assert get_saved(connection, owner, mine.id) == mine  # untouched


def test_names_are_bounded_and_so_is_the_number_of_searches(
    store: Engine, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user()
    with store.begin() as connection:
        with pytest.raises(InvalidInput, match="name: give the search a name"):
            save_search(connection, user, "   ", "q=water", "en")
        with pytest.raises(InvalidInput, match=r"name: at most 200 characters \(201 given\)"):
            save_search(connection, user, "x" * 201, "q=water", "en")
        with pytest.raises(InvalidInput, match="name: a control character"):
            save_search(connection, user, "water\x00", "q=water", "en")
        with pytest.raises(InvalidInput, match=r"query: at most 4000 characters"):
            save_search(connection, user, "long", "q=" + "w" * 4000, "en")
        kept = save_search(connection, user, "y" * 200, "q=water", "en")
        with pytest.raises(InvalidInput, match="name: at most 200"):
            rename_saved(connection, user, kept.id, "z" * 201)
    monkeypatch.setattr(saved_searches, "MAX_SAVED", 3)
    other = make_user()
    with store.begin() as connection:
        for number in range(2):
            save_search(connection, user, f"search {number}", "q=water", "en")
        with pytest.raises(InvalidInput, match="at most 3 saved searches: delete one"):
            save_search(connection, user, "one too many", "q=water", "en")
        assert len(list_saved(connection, user)) == 3
        assert save_search(connection, other, "another user's first", "q=water", "en").name


def test_a_new_feed_token_revokes_the_old_one(store: Engine, make_user: Callable[..., User]) -> None:
    user = make_user()
    with store.begin() as connection:
        saved = save_search(connection, user, "water", "q=water", "en")
        assert by_feed_token(connection, saved.feed_token) == saved
        renewed = new_feed_token(connection, user, saved.id)
        assert renewed.feed_token != saved.feed_token
        assert by_feed_token(connection, renewed.feed_token).id == saved.id
        for stale in (saved.feed_token, "", "x", saved.feed_token[:-1], "a" * 1000):
            with pytest.raises(NotFound):
                by_feed_token(connection, stale)
        # An account that is closed takes its feeds with it.
        connection.execute(update(UserRow).where(UserRow.id == user.id).values(disabled=True))
        with pytest.raises(NotFound):
            by_feed_token(connection, renewed.feed_token)
