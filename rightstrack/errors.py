"""What a use case refuses (tracking, pledges, accounts), in words a person can act on. The web layer
maps each to an HTTP status."""

from __future__ import annotations

from typing import Any


class TrackingError(Exception):
    pass


class NotFound(TrackingError):
    pass


class Forbidden(TrackingError):
    """The acting user's role does not allow this (or nobody is signed in)."""


class InvalidInput(TrackingError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class StaleEdit(TrackingError):
    """Someone changed the item since the editor loaded it: their change is kept, this one refused."""

    def __init__(self, entity: str, entity_id: int, expected: int, current: dict[str, Any]) -> None:
        super().__init__(
            f"{entity} {entity_id} was changed by someone else (version {current.get('version')}, "
            f"you edited version {expected}): reload it and apply your change again"
        )
        self.current = current
