"""User accounts, passwords (argon2id), sign-in sessions and a brake on password guessing.

Hashing a password with argon2id costs 64 MiB and a good part of a core on purpose; anonymous
requests (sign-in, sign-up) must not be able to make the server do many at once. So every hash
and check takes one of ``HASHING_SLOTS`` per process, waiting at most ``HASHING_WAIT`` for one;
a request that finds them taken is answered "busy, try again" (``Busy``) instead of queueing.
The hashing itself runs on threads of their own at the lowest CPU priority (``HASHING_NICENESS``),
so that a flood of wrong passwords takes only the CPU that searches and pages leave over
(measured: bench/abuse_bench.py). Which tries may be checked at all is decided by
``sign_in_limits``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from rightstrack.errors import Forbidden, InvalidInput, NotFound, TrackingError
from rightstrack.history import now
from rightstrack.sign_in_limits import (
    MAX_FAILURES,
    MAX_FAILURES_PER_ADDRESS,
    WINDOW,
    TooManyAttempts,
    reserve_try,
    succeeded,
)
from rightstrack.store.tracking_schema import AuthSessionRow, UserRow

__all__ = ["MAX_FAILURES", "MAX_FAILURES_PER_ADDRESS", "WINDOW", "TooManyAttempts"]

SESSION_LIFETIME = timedelta(hours=12)
MIN_PASSWORD = 10
MIN_STRENGTH = 3  # zxcvbn's score, 0-4: 3 is "safely unguessable" against an online attack
_STRENGTH_LENGTH = 72  # zxcvbn's own limit; a passphrase strong in its first 72 characters is strong
USERNAME = re.compile(r"^[A-Za-z0-9._@-]{3,80}$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")

T = TypeVar("T")

HASHING_SLOTS = 2
HASHING_WAIT = 1.0  # seconds
BUSY_RETRY_SECONDS = 2  # what a "busy" answer asks the client to wait (Retry-After)
HASHING_NICENESS = 19  # Linux's lowest priority: a hash gets the CPU nothing else wants
_slots = threading.BoundedSemaphore(HASHING_SLOTS)
_estimator = threading.Lock()  # zxcvbn keeps the user's own words in a module-level dictionary

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the user name is unknown, so that a guess costs the same time either way.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class Busy(TrackingError):
    """Too many passwords are being checked at this moment: the caller should try again shortly."""


def _lowest_priority() -> None:
    """Runs on each hashing thread as it starts. Linux gives each thread its own nice value, so
    only the hashing is lowered; elsewhere (or where it is refused) hashing keeps its priority."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


_hashing_threads = ThreadPoolExecutor(HASHING_SLOTS, "argon2", initializer=_lowest_priority)


def _take_slot() -> None:
    if not _slots.acquire(timeout=HASHING_WAIT):
        raise Busy("the server is busy checking passwords: try again in a few seconds")


def _on_hashing_thread(work: Callable[[], T]) -> T:
    return _hashing_threads.submit(work).result()


def _hashed(work: Callable[[], T]) -> T:
    """``work`` (one argon2 operation) in a free hashing slot, or ``Busy`` after ``HASHING_WAIT``."""
    _take_slot()
    try:
        return _on_hashing_thread(work)
    finally:
        _slots.release()


def hash_password(password: str) -> str:
    return _hashed(lambda: _hasher.hash(password))


def _matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: str, *own_words: str) -> None:
    """Refuses short passwords, and common, repetitive or personal ones (zxcvbn's estimate)."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"at least {MIN_PASSWORD} characters")
    # Whole names and their parts: "ministry-owner" makes "ministry" and "owner" easy guesses too.
    words = {part for word in own_words for part in (word, *re.split(r"[^\w]+", word)) if len(part) > 2}
    with _estimator:
        from zxcvbn import zxcvbn  # its word lists take 0.3 s to load: only where a password is set

        estimate = zxcvbn(password[:_STRENGTH_LENGTH], user_inputs=sorted(words))
    if estimate["score"] < MIN_STRENGTH:
        feedback = estimate["feedback"]
        reasons = [feedback.get("warning") or "", *feedback.get("suggestions", [])]
        advice = " ".join(r for r in reasons if r) or "Add another word or two."
        raise InvalidInput("password", f"too easy to guess. {advice}")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    is_admin: bool
    email: str | None = None
    elections_editor: bool = False  # may edit Council candidates' pledges and pledging events

    @property
    def edits_elections(self) -> bool:
        return self.is_admin or self.elections_editor


def _user(row: object) -> User:
    return User(
        row.id,  # type: ignore[attr-defined]
        row.username,  # type: ignore[attr-defined]
        row.display_name,  # type: ignore[attr-defined]
        bool(row.is_admin),  # type: ignore[attr-defined]
        row.email,  # type: ignore[attr-defined]
        bool(row.elections_editor),  # type: ignore[attr-defined]
    )


def create_user(
    connection: Connection,
    username: str,
    password: str,
    display_name: str = "",
    is_admin: bool = False,
    email: str | None = None,
    elections_editor: bool = False,
) -> User:
    if not USERNAME.match(username):
        raise InvalidInput("username", "3 to 80 letters, digits or . _ @ -")
    if email and not EMAIL.match(email):
        raise InvalidInput("email", f"not an e-mail address: {email!r}")
    check_password(password, username, display_name, email or "")
    password_hash = hash_password(password)
    try:
        user_id = connection.execute(
            insert(UserRow)
            .values(
                username=username.lower(),
                display_name=display_name.strip() or username,
                password_hash=password_hash,
                is_admin=is_admin,
                email=email or None,
                elections_editor=elections_editor,
                disabled=False,
                created_at=now(),
            )
            .returning(UserRow.id)
        ).scalar_one()
    except IntegrityError:
        raise InvalidInput("username", f"{username!r} is taken") from None
    return get_user(connection, int(user_id))


def get_user(connection: Connection, user_id: int) -> User:
    row = connection.execute(select(UserRow).where(UserRow.id == user_id)).first()
    if row is None:
        raise NotFound(f"user {user_id} does not exist")
    return _user(row)


def find_user(connection: Connection, username: str) -> User:
    row = connection.execute(select(UserRow).where(UserRow.username == username.lower())).first()
    if row is None:
        raise NotFound(f"no user {username!r}")
    return _user(row)


def list_users(connection: Connection) -> list[User]:
    return [_user(row) for row in connection.execute(select(UserRow).order_by(UserRow.username))]


def set_password(connection: Connection, user_id: int, password: str) -> None:
    user = get_user(connection, user_id)
    check_password(password, user.username, user.display_name, user.email or "")
    connection.execute(
        update(UserRow).where(UserRow.id == user_id).values(password_hash=hash_password(password))
    )
    connection.execute(delete(AuthSessionRow).where(AuthSessionRow.user_id == user_id))


def authenticate(engine: Engine, username: str, password: str, address: str = "") -> User:
    """The user, if the password is right and the brake (``sign_in_limits``) lets this try through.

    Takes the engine, not a connection: the try is counted in a transaction of its own, committed
    before the password is checked, so that the count holds whatever the caller does next."""
    # The slot first: a try turned away as busy then costs no write to the store.
    _take_slot()
    try:
        reserved = reserve_try(engine, username, address)
        with engine.connect() as connection:
            row = connection.execute(select(UserRow).where(UserRow.username == username.lower())).first()
        stored = row.password_hash if row is not None else _DUMMY_HASH
        right = _on_hashing_thread(lambda: _matches(stored, password))
        if row is None or row.disabled or not right:
            raise Forbidden("wrong user name or password")
        # Hashed in the same slot and before the transaction, so no store lock waits on argon2.
        needs_rehash = _hasher.check_needs_rehash(row.password_hash)
        new_hash = _on_hashing_thread(lambda: _hasher.hash(password)) if needs_rehash else None
    finally:
        _slots.release()
    with engine.begin() as connection:
        succeeded(connection, username, address, reserved)
        if new_hash:
            connection.execute(update(UserRow).where(UserRow.id == row.id).values(password_hash=new_hash))
    return _user(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(connection: Connection, user: User) -> str:
    """A new random session token (the cookie's value); the store keeps only its hash."""
    token = secrets.token_urlsafe(32)
    at = now()
    connection.execute(
        insert(AuthSessionRow).values(
            token_hash=_token_hash(token), user_id=user.id, created_at=at, expires_at=at + SESSION_LIFETIME
        )
    )
    connection.execute(delete(AuthSessionRow).where(AuthSessionRow.expires_at < at))
    return token


def session_user(connection: Connection, token: str | None) -> User | None:
    if not token:
        return None
    row = connection.execute(
        select(UserRow)
        .join(AuthSessionRow, AuthSessionRow.user_id == UserRow.id)
        .where(AuthSessionRow.token_hash == _token_hash(token), AuthSessionRow.expires_at > now())
    ).first()
    if row is None or row.disabled:
        return None
    return _user(row)


def end_session(connection: Connection, token: str) -> None:
    connection.execute(delete(AuthSessionRow).where(AuthSessionRow.token_hash == _token_hash(token)))
