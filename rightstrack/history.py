"""Writes that keep history: every insert, update, soft delete and restore of a tracked row records
who did it, when, and the row before and after; updates check the version the editor started from.

Nothing here checks roles: callers do (``access``), before they write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.engine import Connection

from rightstrack.errors import NotFound, StaleEdit
from rightstrack.limits import check_row
from rightstrack.store.tracking_schema import ChangeRow, UserRow

CHANGES: Table = ChangeRow.__table__  # type: ignore[assignment]


def now() -> datetime:
    """Naive UTC, as stored (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def row_dict(row: Any) -> dict[str, Any]:
    return {key: _plain(value) for key, value in row._mapping.items()}


@dataclass(frozen=True)
class Change:
    id: int
    plan_id: int | None
    entity: str
    entity_id: int
    action: str
    user_id: int | None
    user: str | None
    at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        before, after = self.before or {}, self.after or {}
        return {
            key: (before.get(key), after.get(key))
            for key in sorted(set(before) | set(after))
            if key != "version" and before.get(key) != after.get(key)
        }


class Recorder:
    """Writes to tracked tables on one connection (in the caller's transaction) as one user."""

    def __init__(self, connection: Connection, user_id: int | None, plan_id: int | None = None) -> None:
        self.connection = connection
        self.user_id = user_id
        self.plan_id = plan_id

    def _record(
        self,
        table: Table,
        entity_id: int,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        if self.plan_id is None and table.name == "plans":
            self.plan_id = entity_id  # a new plan's own creation belongs to its history
        self.connection.execute(
            insert(CHANGES).values(
                plan_id=self.plan_id,
                entity=table.name,
                entity_id=entity_id,
                action=action,
                user_id=self.user_id,
                at=now(),
                before=json.dumps(before, ensure_ascii=False) if before is not None else None,
                after=json.dumps(after, ensure_ascii=False) if after is not None else None,
            )
        )

    def get(self, table: Table, entity_id: int) -> dict[str, Any]:
        row = self.connection.execute(select(table).where(table.c.id == entity_id)).first()
        if row is None:
            raise NotFound(f"{table.name} {entity_id} does not exist")
        return row_dict(row)

    def insert(self, table: Table, values: dict[str, Any]) -> int:
        check_row(table, values)  # every tracked write passes here: one guard for all of them
        entity_id = int(
            self.connection.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
        )
        self._record(table, entity_id, "create", None, self.get(table, entity_id))
        return entity_id

    def update(
        self,
        table: Table,
        entity_id: int,
        expected_version: int | None,
        values: dict[str, Any],
        action: str = "update",
    ) -> dict[str, Any]:
        """Applies ``values`` if the row is still at ``expected_version`` (None: whatever it is)."""
        check_row(table, values)
        before = self.get(table, entity_id)
        if expected_version is not None and before["version"] != expected_version:
            raise StaleEdit(table.name, entity_id, expected_version, before)
        condition = (table.c.id == entity_id) & (table.c.version == before["version"])
        changed = self.connection.execute(
            update(table).where(condition).values(**values, version=before["version"] + 1)
        ).rowcount
        if changed != 1:  # another transaction got there between our read and our write
            raise StaleEdit(table.name, entity_id, before["version"], self.get(table, entity_id))
        after = self.get(table, entity_id)
        self._record(table, entity_id, action, before, after)
        return after

    def delete(self, table: Table, entity_id: int, expected_version: int | None) -> None:
        self.update(table, entity_id, expected_version, {"deleted_at": now()}, action="delete")

    def restore(self, table: Table, entity_id: int) -> None:
        self.update(table, entity_id, None, {"deleted_at": None}, action="restore")

    def link(self, table: Table, values: dict[str, Any], linked: bool) -> None:
        """Adds or removes a row of a link table (no id, no version), recording it on the first key."""
        key_column = next(iter(values))
        condition = [table.c[name] == value for name, value in values.items()]
        present = self.connection.execute(select(table).where(*condition)).first() is not None
        if linked and not present:
            self.connection.execute(insert(table).values(**values))
        elif not linked and present:
            self.connection.execute(table.delete().where(*condition))
        else:
            return
        self._record(
            table,
            int(values[key_column]),
            "link" if linked else "unlink",
            None if linked else values,
            values if linked else None,
        )


def history(
    connection: Connection,
    plan_id: int,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int = 500,
) -> list[Change]:
    query = (
        select(CHANGES, UserRow.display_name)
        .outerjoin(UserRow, UserRow.id == CHANGES.c.user_id)
        .where(CHANGES.c.plan_id == plan_id)
        .order_by(CHANGES.c.id.desc())
        .limit(limit)
    )
    if entity is not None:
        query = query.where(CHANGES.c.entity == entity)
    if entity_id is not None:
        query = query.where(CHANGES.c.entity_id == entity_id)
    return [
        Change(
            row.id,
            row.plan_id,
            row.entity,
            row.entity_id,
            row.action,
            row.user_id,
            row.display_name,
            row.at,
            json.loads(row.before) if row.before else None,
            json.loads(row.after) if row.after else None,
        )
        for row in connection.execute(query)
    ]
