"""What a stored row can hold, read from the schema itself, checked before anything is written.

SQLite stores a 5,000-character title in a ``VARCHAR(300)`` and a 2⁶⁴ id nowhere (the driver
raises OverflowError); PostgreSQL refuses the first with a DataError. Either way the person who
typed it saw a server error. Checking each value against its column's own type turns that into
an error naming the field and the limit, and keeps the limits in one place: the schema.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy import Integer, Table

from rightstrack.errors import InvalidInput

# The largest integer both stores hold (SQLite's INTEGER, PostgreSQL's BIGINT): ids and versions
# above it can name no row, and binding one makes SQLite's driver raise.
MAX_ID = 2**63 - 1

# C0 control characters other than tab, line feed and carriage return: PostgreSQL refuses NUL in
# text (a DataError), and an XLSX cannot hold the others. Nobody types them; they arrive pasted.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def column_length(table: Table, name: str) -> int | None:
    """The most characters the column holds (None: no limit, e.g. TEXT)."""
    length = getattr(table.c[name].type, "length", None)
    return length if isinstance(length, int) else None


def check_id(field: str, value: int) -> int:
    """An id a person gave, refused unless a row could have it."""
    if not 1 <= value <= MAX_ID:
        raise InvalidInput(field, f"{value} is not an id (1 to {MAX_ID})")
    return value


def check_row(table: Table, values: Mapping[str, object], fields: Mapping[str, str] | None = None) -> None:
    """Refuses ``values`` for ``table`` that its columns cannot hold: text longer than the column,
    null where the column requires a value, integers out of range. ``fields`` renames columns to
    the names the person used (e.g. ``state_code`` → ``state``)."""
    for name, value in values.items():
        if name not in table.c:
            continue
        column = table.c[name]
        field = (fields or {}).get(name, name)
        if value is None:
            if not column.nullable:
                raise InvalidInput(field, "must have a value (null given)")
            continue
        length = column_length(table, name)
        if isinstance(value, str) and length is not None and len(value) > length:
            raise InvalidInput(field, f"at most {length} characters ({len(value)} given)")
        if isinstance(value, str) and (control := CONTROL_CHARACTER.search(value)):
            character = f"U+{ord(control.group()):04X}"
            raise InvalidInput(field, f"a control character ({character}) at position {control.start() + 1}")
        if isinstance(column.type, Integer) and type(value) is int and abs(value) > MAX_ID:
            raise InvalidInput(field, f"{value} is out of range (at most {MAX_ID})")
