"""Passwords, sessions and the brake on password guessing."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, func, insert, select, update

from rightstrack import accounts
from rightstrack import sign_in_limits as limits
from rightstrack.accounts import (
    Busy,
    TooManyAttempts,
    authenticate,
    create_user,
    end_session,
    session_user,
    set_password,
    start_session,
)
from rightstrack.errors import Forbidden, InvalidInput
from rightstrack.history import now
from rightstrack.sign_in_limits import address_prefix
from rightstrack.store.tracking_schema import AuthSessionRow, LoginAttemptRow, UserRow
from tests.conftest import PASSWORD


class CountingHasher(PasswordHasher):
    """argon2id at a test's cost (not 64 MiB), counting the passwords it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.checked = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        with self._lock:
            self.checked += 1
        return super().verify(hash, password)

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        return False


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", counting)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", counting.hash("not anyone's password"))
    return counting


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


def test_guessing_is_stopped_even_before_the_right_password(store: Engine, hasher: CountingHasher) -> None:
    with store.begin() as connection:
        create_user(connection, "owner", PASSWORD)
    for attempt in range(accounts.MAX_FAILURES):
        with pytest.raises(Forbidden, match="wrong user name or password"):
            authenticate(store, "owner", f"guess {attempt}", "10.0.0.9")
    with pytest.raises(TooManyAttempts, match="too many failed sign-ins"):
        authenticate(store, "owner", PASSWORD, "10.0.0.9")


def test_one_address_guessing_many_names_is_stopped(store: Engine, hasher: CountingHasher) -> None:
    with store.begin() as connection:
        create_user(connection, "owner", PASSWORD)
    for attempt in range(accounts.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(Forbidden):
            authenticate(store, f"user{attempt}", "guess", "10.0.0.66")
    with pytest.raises(TooManyAttempts):
        authenticate(store, "owner", PASSWORD, "10.0.0.66")
    assert authenticate(store, "owner", PASSWORD, "10.0.0.7").username == "owner"


def test_unknown_user_and_disabled_user_get_the_same_answer(store: Engine, hasher: CountingHasher) -> None:
    with store.begin() as connection:
        user = create_user(connection, "owner", PASSWORD)
        connection.execute(update(UserRow).values(disabled=True).where(UserRow.id == user.id))
    for name in ("owner", "nobody"):
        with pytest.raises(Forbidden, match=r"^wrong user name or password$"):
            authenticate(store, name, PASSWORD)


def _at_once(count: int, attempt: Callable[[], object]) -> list[BaseException | None]:
    """Runs ``attempt`` in ``count`` threads released together; what each raised (or None)."""
    start = threading.Barrier(count)

    def one() -> BaseException | None:
        start.wait()
        try:
            attempt()
        except Exception as exc:
            return exc
        return None

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: one(), range(count)))


def test_wrong_passwords_sent_at_once_are_checked_at_most_the_limit(
    store: Engine, hasher: CountingHasher
) -> None:
    with store.begin() as connection:
        create_user(connection, "admin", PASSWORD, is_admin=True)
    outcomes = _at_once(20, lambda: authenticate(store, "admin", "a wrong guess", "192.0.2.7"))
    refused = [o for o in outcomes if isinstance(o, TooManyAttempts)]
    wrong = [o for o in outcomes if isinstance(o, Forbidden) and not isinstance(o, TooManyAttempts)]
    assert hasher.checked == len(wrong) == accounts.MAX_FAILURES
    assert len(refused) == 20 - accounts.MAX_FAILURES


def test_a_stranger_guessing_does_not_lock_the_user_out(store: Engine, hasher: CountingHasher) -> None:
    with store.begin() as connection:
        create_user(connection, "admin", PASSWORD, is_admin=True)
    for attempt in range(accounts.MAX_FAILURES):
        with pytest.raises(Forbidden, match="wrong user name or password"):
            authenticate(store, "admin", f"guess {attempt}", "2001:db8:1:2::1")
    with pytest.raises(TooManyAttempts):  # the same /64, another address in it
        authenticate(store, "admin", PASSWORD, "2001:db8:1:2:ffff::9")
    assert authenticate(store, "admin", PASSWORD, "2001:db8:1:3::1").username == "admin"
    assert authenticate(store, "admin", PASSWORD, "198.51.100.4").username == "admin"


def test_addresses_are_counted_by_network() -> None:
    assert (
        address_prefix("2001:db8:1:2:aaaa::1") == address_prefix("2001:db8:1:2::ffff") == "2001:db8:1:2::/64"
    )
    assert address_prefix("::ffff:192.0.2.1") == "192.0.2.1" != address_prefix("192.0.2.2")
    assert address_prefix("testclient") == "testclient"


def _failures_from_many_networks(store: Engine, name: str, count: int) -> None:
    at = now()
    rows = [{"key": f"user:{name}", "at": at} for _ in range(count)]
    with store.begin() as connection:
        connection.execute(insert(LoginAttemptRow), rows)


def test_guessing_spread_over_networks_slows_strangers_but_not_the_users_usual_address(
    store: Engine, hasher: CountingHasher
) -> None:
    with store.begin() as connection:
        create_user(connection, "admin", PASSWORD, is_admin=True)
    authenticate(store, "admin", PASSWORD, "192.0.2.10")  # the user's usual address
    _failures_from_many_networks(store, "admin", limits.NAME_BACKOFF_AFTER + 3)
    checked = hasher.checked
    with pytest.raises(TooManyAttempts, match="try again in 1 minute"):
        authenticate(store, "admin", PASSWORD, "203.0.113.5")
    assert hasher.checked == checked  # refused before any hashing
    assert authenticate(store, "admin", PASSWORD, "192.0.2.10").username == "admin"


def test_a_busy_server_refuses_rather_than_queues_and_forgets_the_try(
    store: Engine, hasher: CountingHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.begin() as connection:
        create_user(connection, "owner", PASSWORD)
    monkeypatch.setattr(accounts, "HASHING_WAIT", 0.01)
    taken = [accounts._slots.acquire(timeout=1) for _ in range(accounts.HASHING_SLOTS)]
    try:
        assert all(taken)
        with pytest.raises(Busy, match="busy"):
            authenticate(store, "owner", "a wrong guess", "192.0.2.1")
        with pytest.raises(Busy), store.begin() as connection:
            create_user(connection, "another", PASSWORD)
    finally:
        for _ in taken:
            accounts._slots.release()
    with store.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(LoginAttemptRow)) == 0
    assert hasher.checked == 0


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaaaaaaaa", "Repeats"),
        ("password123456", "common"),
        ("1234567890", "common"),
        ("qwertyuiop1", "common"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(store: Engine, password: str, why: str) -> None:
    with store.begin() as connection:
        with pytest.raises(InvalidInput, match=f"^password: too easy to guess.*{why}"):
            create_user(connection, "ministry", password)
        user = create_user(connection, "ministry", PASSWORD)
        with pytest.raises(InvalidInput, match=f"^password: too easy to guess.*{why}"):
            set_password(connection, user.id, password)


def test_a_password_made_of_the_users_own_name_is_refused(store: Engine) -> None:
    with store.begin() as connection:
        user = create_user(connection, "ministry-owner", PASSWORD, "Ministry owner")
        with pytest.raises(InvalidInput, match=r"^password: too easy to guess"):
            set_password(connection, user.id, "ministry-owner")


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="thread priorities are a POSIX facility")
def test_passwords_are_hashed_at_the_lowest_cpu_priority() -> None:
    """Issue 14: 40 wrong passwords at once took the CPU from every search; the hashing now gets
    only what is left over (bench/abuse_bench.py measures the effect)."""
    caller = threading.get_native_id()
    where, niceness = accounts._hashed(
        lambda: (threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    )
    assert where != caller and niceness == accounts.HASHING_NICENESS
    assert os.getpriority(os.PRIO_PROCESS, caller) < accounts.HASHING_NICENESS  # the caller is not lowered
