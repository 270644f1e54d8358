"""Bulk writes for loading a whole file at once: the driver's own fast paths, in the caller's
transaction.

Loading row by row through SQLAlchemy's ``insert()`` cost more than everything else together
(39,000 rows: ~9 s of ~12 s on SQLite, ~25 s on PostgreSQL). Here:

- PostgreSQL receives rows through ``COPY … FROM STDIN`` (psycopg's ``cursor.copy``); new
  recommendations get their ids from the table's own sequence first, so the rows that refer to
  them can be copied too, with no round trip to read the ids back.
- SQLite receives them through the driver's ``executemany``. Its full-text index (an FTS5 table
  kept by triggers) is fed once for all new rows, in one statement, instead of by the insert
  trigger once per row (~5 s of the ~6 s the rows took): within the transaction the trigger is
  dropped, the rows and then their index entries inserted, and the trigger created again exactly
  as it was. DDL is transactional in SQLite and the transaction holds the only write lock, so no
  other writer can insert while the trigger is away, and an error anywhere rolls back the rows,
  their index entries and the trigger's absence alike. Every other write path keeps the trigger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.engine import Connection

RECOMMENDATIONS = "recommendations"
FULLTEXT_TABLE = "recommendation_fts"
FULLTEXT_INSERT_TRIGGER = "recommendations_fts_insert"


def is_postgresql(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def begin_writing(connection: Connection) -> None:
    """Make sure what follows is one transaction holding the write lock, reads included.

    Python's sqlite3 opens a transaction only before the first INSERT/UPDATE/DELETE, so the reads
    before it (which keys are stored?) and any DDL would run outside it. ``BEGIN IMMEDIATE`` takes
    the write lock at once: the stored keys read cannot change before the rows are written."""
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL's drivers open the transaction with the first statement, reads included
    driver = connection.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def insert_rows(
    connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert plain values (no SQL expressions) into ``table``; returns how many rows."""
    names = ", ".join(columns)
    if is_postgresql(connection) and connection.dialect.driver == "psycopg":
        count = 0
        driver = connection.connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    # SQLite (and a PostgreSQL driver without psycopg 3's COPY): the driver's executemany.
    batch = rows if isinstance(rows, list) else list(rows)
    if batch:
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        marks = ", ".join(mark for _ in columns)
        connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
    return len(batch)


def fresh_ids(connection: Connection, table: str, count: int) -> list[int]:
    """Ids for ``count`` new rows of ``table``, ascending, that no other writer can take."""
    if count == 0:
        return []
    if is_postgresql(connection):
        drawn = connection.exec_driver_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %(n)s)",
            {"n": count},
        )
        return sorted(int(value) for (value,) in drawn)
    # SQLite gives a new row the largest id plus one; begin_writing holds the write lock.
    largest = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar_one()
    return list(range(int(largest) + 1, int(largest) + 1 + count))


def insert_recommendations(
    connection: Connection, columns: Sequence[str], rows: Iterable[tuple[Any, ...]], count: int
) -> list[int]:
    """Insert ``count`` new recommendations (``columns`` without ``id``, with ``search_text``)
    with fresh ids, and index their text; returns the ids, in the order of ``rows``.

    On PostgreSQL the rows stream to the server as ``rows`` yields them, so the server builds
    the text search vectors of the first while the caller still computes the next."""
    ids = fresh_ids(connection, RECOMMENDATIONS, count)
    if not ids:
        return ids
    with_ids = ((rec_id, *row) for rec_id, row in zip(ids, rows, strict=True))
    if is_postgresql(connection):
        # The search_vector column is generated from search_text by the server itself.
        insert_rows(connection, RECOMMENDATIONS, ("id", *columns), with_ids)
        return ids
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (FULLTEXT_INSERT_TRIGGER,)
    ).scalar()
    if trigger is None:  # a store without the full-text index has nothing to keep in step
        insert_rows(connection, RECOMMENDATIONS, ("id", *columns), with_ids)
        return ids
    connection.exec_driver_sql(f"DROP TRIGGER {FULLTEXT_INSERT_TRIGGER}")
    insert_rows(connection, RECOMMENDATIONS, ("id", *columns), with_ids)
    connection.exec_driver_sql(
        f"INSERT INTO {FULLTEXT_TABLE}(rowid, search_text) "
        f"SELECT id, search_text FROM {RECOMMENDATIONS} WHERE id BETWEEN ? AND ?",
        (ids[0], ids[-1]),
    )
    connection.exec_driver_sql(trigger)
    return ids


__all__ = ["begin_writing", "fresh_ids", "insert_recommendations", "insert_rows", "is_postgresql"]
