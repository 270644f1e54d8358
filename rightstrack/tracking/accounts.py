"""User accounts, passwords (argon2id), sign-in sessions and a brake on password guessing.

Failed sign-ins are counted in the store rather than in memory so that every server process sees
the same count: more than ``MAX_FAILURES`` for one user name, or ``MAX_FAILURES_PER_ADDRESS`` from
one address, within ``WINDOW`` refuses further tries until the window has passed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from rightstrack.store.tracking_schema import AuthSessionRow, LoginAttemptRow, UserRow
from rightstrack.tracking.errors import Forbidden, InvalidInput, NotFound
from rightstrack.tracking.history import now

SESSION_LIFETIME = timedelta(hours=12)
WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD = 10
USERNAME = re.compile(r"^[A-Za-z0-9._@-]{3,80}$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the user name is unknown, so that a guess costs the same time either way.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


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


class TooManyAttempts(Forbidden):
    pass


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
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"at least {MIN_PASSWORD} characters")
    try:
        user_id = connection.execute(
            insert(UserRow)
            .values(
                username=username.lower(),
                display_name=display_name.strip() or username,
                password_hash=_hasher.hash(password),
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
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"at least {MIN_PASSWORD} characters")
    connection.execute(
        update(UserRow).where(UserRow.id == user_id).values(password_hash=_hasher.hash(password))
    )
    connection.execute(delete(AuthSessionRow).where(AuthSessionRow.user_id == user_id))


def _failures(connection: Connection, key: str) -> int:
    since = now() - WINDOW
    return int(
        connection.scalar(select(func.count()).where(LoginAttemptRow.key == key, LoginAttemptRow.at > since))
        or 0
    )


def authenticate(engine: Engine, username: str, password: str, address: str = "") -> User:
    """The user, if the password is right and neither the name nor the address is being guessed at.

    Takes the engine, not a connection: a failure must be counted in a transaction of its own,
    committed even though the caller's work stops with the refusal."""
    name_key, address_key = f"user:{username.lower()}", f"addr:{address}"
    with engine.begin() as connection:
        if _failures(connection, name_key) >= MAX_FAILURES or (
            address and _failures(connection, address_key) >= MAX_FAILURES_PER_ADDRESS
        ):
            minutes = int(WINDOW.total_seconds() // 60)
            raise TooManyAttempts(f"too many failed sign-ins: try again in {minutes} minutes")
        row = connection.execute(select(UserRow).where(UserRow.username == username.lower())).first()
        try:
            _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
            if row is None or row.disabled:
                raise VerificationError
        except (VerificationError, InvalidHashError):
            at = now()
            keys = [name_key, address_key] if address else [name_key]
            connection.execute(insert(LoginAttemptRow), [{"key": key, "at": at} for key in keys])
            row = None
        if row is not None:
            if _hasher.check_needs_rehash(row.password_hash):
                connection.execute(
                    update(UserRow).where(UserRow.id == row.id).values(password_hash=_hasher.hash(password))
                )
            connection.execute(delete(LoginAttemptRow).where(LoginAttemptRow.key == name_key))
            return _user(row)
    raise Forbidden("wrong user name or password")


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
