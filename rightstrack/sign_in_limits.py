"""The brake on password guessing: which sign-in tries may have their password checked at all.

Failed sign-ins are kept in the store (``login_attempts``), so that every server process sees the
same counts. Addresses are counted by *prefix* (an IPv4 address, an IPv6 /64: one subscriber's
network), since one machine holds a whole IPv6 /64. Three counts, over the last ``WINDOW``:

* ``pair:NAME|PREFIX``: failures for one user name from one prefix. After ``MAX_FAILURES`` that
  prefix may not try that name again until the window has passed. Someone else guessing at a
  name therefore locks out only their own network, never the real user's.
* ``addr:PREFIX``: failures from one prefix, whatever the names. After
  ``MAX_FAILURES_PER_ADDRESS`` the prefix may not sign in at all until the window has passed.
* ``user:NAME``: failures for one name from everywhere, the trace of guessing spread over many
  networks. There is no hard lock (anyone could then lock out any user, administrators
  included, whose names are easy to learn): after ``NAME_BACKOFF_AFTER`` failures each further
  try must wait ``2 ** (failures - NAME_BACKOFF_AFTER)`` seconds (at most ``NAME_BACKOFF_MAX``)
  after the latest failure. A prefix from which the name signed in successfully in the last
  ``KNOWN_ADDRESS_MEMORY`` (kept as ``ok:NAME|PREFIX``) is spared that wait: a spread-out attack
  slows strangers, not the user at their usual desk.

A try is *reserved* before its password is checked: the counts are read and the try is written
as a failure in one transaction that holds the table's write lock (``BEGIN IMMEDIATE`` on
SQLite, ``LOCK TABLE`` on PostgreSQL), so that twenty tries sent at once cannot all read "four
failures so far". A try that turns out right removes its reservation (and the pair's failures).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.engine import Connection

from rightstrack.errors import Forbidden
from rightstrack.history import now
from rightstrack.store.tracking_schema import LoginAttemptRow

WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
MAX_FAILURES_PER_ADDRESS = 20
NAME_BACKOFF_AFTER = 20
NAME_BACKOFF_MAX = timedelta(minutes=5)
KNOWN_ADDRESS_MEMORY = timedelta(days=30)
_NAME_LENGTH = 80  # longer names cannot exist (tracking_schema.UserRow.username)


class TooManyAttempts(Forbidden):
    pass


def address_prefix(address: str) -> str:
    """The network an address stands for: itself for IPv4, its /64 for IPv6, as given otherwise."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _lock_attempts(connection: Connection) -> None:
    """Holds the write lock on ``login_attempts`` until this transaction ends."""
    if connection.dialect.name == "sqlite":
        # pysqlite would only begin a (deferred) transaction at the first write; an immediate one
        # takes the write lock now, before the counts are read.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        # Conflicts with itself and with other writers of the table, not with plain reads.
        connection.execute(text("LOCK TABLE login_attempts IN SHARE ROW EXCLUSIVE MODE"))


def _count(connection: Connection, key: str) -> tuple[int, object]:
    """Failures under ``key`` within the window, and when the latest happened."""
    row = connection.execute(
        select(func.count(), func.max(LoginAttemptRow.at)).where(
            LoginAttemptRow.key == key, LoginAttemptRow.at > now() - WINDOW
        )
    ).one()
    return int(row[0] or 0), row[1]


def _known(connection: Connection, key: str) -> bool:
    since = now() - KNOWN_ADDRESS_MEMORY
    recent = select(func.count()).where(LoginAttemptRow.key == key, LoginAttemptRow.at > since)
    return connection.scalar(recent) != 0


def _name_wait(failures: int) -> timedelta:
    if failures < NAME_BACKOFF_AFTER:
        return timedelta(0)
    seconds = 2.0 ** min(failures - NAME_BACKOFF_AFTER, 20)
    return min(timedelta(seconds=seconds), NAME_BACKOFF_MAX)


def _keys(username: str, address: str) -> tuple[str, str, str, str]:
    name, prefix = username.lower()[:_NAME_LENGTH], address_prefix(address)
    return f"pair:{name}|{prefix}", f"addr:{prefix}", f"user:{name}", f"ok:{name}|{prefix}"


def _refuse(wait: timedelta) -> TooManyAttempts:
    minutes = max(1, int(-(-wait.total_seconds() // 60)))
    return TooManyAttempts(f"too many failed sign-ins: try again in {minutes} minute{'s' * (minutes > 1)}")


def reserve_try(engine: Engine, username: str, address: str) -> list[int]:
    """Counts this try as a failure (the ids of its rows), or refuses it with ``TooManyAttempts``."""
    pair_key, address_key, name_key, known_key = _keys(username, address)
    with engine.begin() as connection:
        _lock_attempts(connection)
        at = now()
        connection.execute(
            delete(LoginAttemptRow).where(
                LoginAttemptRow.at < at - WINDOW, ~LoginAttemptRow.key.startswith("ok:")
            )
        )
        connection.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < at - KNOWN_ADDRESS_MEMORY))
        if _count(connection, pair_key)[0] >= MAX_FAILURES:
            raise _refuse(WINDOW)
        if address and _count(connection, address_key)[0] >= MAX_FAILURES_PER_ADDRESS:
            raise _refuse(WINDOW)
        failures, latest = _count(connection, name_key)
        wait = _name_wait(failures)
        if wait and latest is not None and not _known(connection, known_key):
            remaining = latest + wait - at  # type: ignore[operator]
            if remaining > timedelta(0):
                raise _refuse(remaining)
        keys = [pair_key, name_key] + ([address_key] if address else [])
        ids = connection.scalars(
            insert(LoginAttemptRow).returning(LoginAttemptRow.id), [{"key": key, "at": at} for key in keys]
        )
        return [int(i) for i in ids]


def release_try(connection: Connection, reserved: Sequence[int]) -> None:
    """Forgets a reserved try that turned out to be no failure (the right password)."""
    connection.execute(delete(LoginAttemptRow).where(LoginAttemptRow.id.in_(list(reserved))))


def succeeded(connection: Connection, username: str, address: str, reserved: Sequence[int]) -> None:
    """The right password: the try was no failure, the pair starts afresh, the prefix is known."""
    pair_key, _, _, known_key = _keys(username, address)
    release_try(connection, reserved)
    connection.execute(delete(LoginAttemptRow).where(LoginAttemptRow.key.in_([pair_key, known_key])))
    connection.execute(insert(LoginAttemptRow).values(key=known_key, at=now()))
