"""Passwords, sessions and the brake on password guessing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update

from rightstrack.store.tracking_schema import AuthSessionRow, UserRow
from rightstrack.tracking import accounts
from rightstrack.tracking.accounts import (
    TooManyAttempts,
    authenticate,
    create_user,
    end_session,
    session_user,
    set_password,
    start_session,
)
from rightstrack.tracking.errors import Forbidden, InvalidInput
from tests.tracking.conftest import PASSWORD


def test_passwords_are_stored_as_argon2id_hashes(store: Engine) -> None:
    with store.begin() as connection:
        user = create_user(connection, "Focal.Point@gov.si", PASSWORD, "Focal point")
        stored = connection.scalar(select(UserRow.password_hash).where(UserRow.id == user.id))
    assert user.username == "focal.point@gov.si"
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_bad_accounts_are_refused_by_field(store: Engine) -> None:
    with store.begin() as connection:
        create_user(connection, "owner", PASSWORD)
        with pytest.raises(InvalidInput, match="username: 'OWNER' is taken"):
            create_user(connection, "OWNER", PASSWORD)
        with pytest.raises(InvalidInput, match="password: at least 10"):
            create_user(connection, "short", "123")
        with pytest.raises(InvalidInput, match="username"):
            create_user(connection, "<script>", PASSWORD)


def test_sign_in_and_out(store: Engine) -> None:
    with store.begin() as connection:
        user = create_user(connection, "owner", PASSWORD)
    assert authenticate(store, "Owner", PASSWORD, "10.0.0.1") == user
    with store.begin() as connection:
        token = start_session(connection, user)
        assert session_user(connection, token) == user
        assert connection.scalar(select(AuthSessionRow.token_hash)) != token  # only the hash is kept
        end_session(connection, token)
        assert session_user(connection, token) is None
        assert session_user(connection, "forged") is None


def test_sessions_expire_and_a_new_password_ends_them(store: Engine) -> None:
    with store.begin() as connection:
        user = create_user(connection, "owner", PASSWORD)
        old, new = start_session(connection, user), start_session(connection, user)
        connection.execute(
            update(AuthSessionRow)
            .values(expires_at=AuthSessionRow.expires_at - accounts.SESSION_LIFETIME - timedelta(1))
            .where(AuthSessionRow.token_hash == accounts._token_hash(old))
        )
        assert session_user(connection, old) is None and session_user(connection, new) == user
        set_password(connection, user.id, "another long password")
        assert session_user(connection, new) is None
    assert authenticate(store, "owner", "another long password") == user


def test_guessing_is_stopped_even_before_the_right_password(store: Engine) -> None:
    with store.begin() as connection:
        create_user(connection, "owner", PASSWORD)
    for attempt in range(accounts.MAX_FAILURES):
        with pytest.raises(Forbidden, match="wrong user name or password"):
            authenticate(store, "owner", f"guess {attempt}", "10.0.0.9")
    with pytest.raises(TooManyAttempts, match="too many failed sign-ins"):
        authenticate(store, "owner", PASSWORD, "10.0.0.9")


def test_one_address_guessing_many_names_is_stopped(store: Engine) -> None:
    with store.begin() as connection:
        create_user(connection, "owner", PASSWORD)
    for attempt in range(accounts.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(Forbidden):
            authenticate(store, f"user{attempt}", "guess", "10.0.0.66")
    with pytest.raises(TooManyAttempts):
        authenticate(store, "owner", PASSWORD, "10.0.0.66")
    assert authenticate(store, "owner", PASSWORD, "10.0.0.7").username == "owner"


def test_unknown_user_and_disabled_user_get_the_same_answer(store: Engine) -> None:
    with store.begin() as connection:
        user = create_user(connection, "owner", PASSWORD)
        connection.execute(update(UserRow).values(disabled=True).where(UserRow.id == user.id))
    for name in ("owner", "nobody"):
        with pytest.raises(Forbidden, match=r"^wrong user name or password$"):
            authenticate(store, name, PASSWORD)
