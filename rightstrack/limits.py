"""What a stored row can hold, read from the schema itself, checked before anything is written;
and the typed inputs of the use cases, whose fields are checked against it.

SQLite stores a 5,000-character title in a ``VARCHAR(300)`` and a 2⁶⁴ id nowhere (the driver
raises OverflowError); PostgreSQL refuses the first with a DataError. Either way the person who
typed it saw a server error. Checking each value against its column's own type turns that into
an error naming the field and the limit, and keeps the limits in one place: the schema.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Integer, Table

from rightstrack.errors import InvalidInput

# The largest integer both stores hold (SQLite's INTEGER, PostgreSQL's BIGINT): ids and versions
# above it can name no row, and binding one makes SQLite's driver raise.
MAX_ID = 2**63 - 1
# Integers people send (in paths, query strings, JSON bodies, forms, spreadsheet cells), bounded
# where the input declares them: an id or version above what the store holds is refused as a bad
# field before any query sees it (SQLite's driver raises on integers above 2**63 - 1).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_ID)]

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


def column_problem(table: Table, name: str, value: object) -> str | None:
    """What is wrong with ``value`` for the column ``name`` of ``table`` (None: nothing, or no
    such column): text longer than the column, a control character, null where the column
    requires a value, an integer out of range."""
    if name not in table.c:
        return None
    column = table.c[name]
    if value is None:
        return None if column.nullable else "must have a value (null given)"
    length = column_length(table, name)
    if isinstance(value, str) and length is not None and len(value) > length:
        return f"at most {length} characters ({len(value)} given)"
    if isinstance(value, str) and (control := CONTROL_CHARACTER.search(value)):
        character = f"U+{ord(control.group()):04X}"
        return f"a control character ({character}) at position {control.start() + 1}"
    if isinstance(column.type, Integer) and type(value) is int and abs(value) > MAX_ID:
        return f"{value} is out of range (at most {MAX_ID})"
    return None


def check_row(table: Table, values: Mapping[str, object], fields: Mapping[str, str] | None = None) -> None:
    """Refuses ``values`` for ``table`` that its columns cannot hold (``column_problem``).
    ``fields`` renames columns to the names the person used (e.g. ``state_code`` → ``state``)."""
    for name, value in values.items():
        problem = column_problem(table, name, value)
        if problem is not None:
            raise InvalidInput((fields or {}).get(name, name), problem)


InputT = TypeVar("InputT", bound="Input")


class Input(BaseModel):
    """One use case's input (a new measure, a change to a pledge …), declared once and shared by
    everything that writes: the API takes it as its body, the forms and the spreadsheet import
    build it from their fields. Unknown fields are refused, and each field is checked against
    the column of ``table`` of its name (``column_problem``), so a value that cannot be stored is
    refused naming its field, wherever it came from.

    Built in Python (``NewMeasure(title=…)``) or with ``parse``, a bad value raises
    ``InvalidInput`` naming the field, as the services do; FastAPI validates request bodies itself
    and answers 400 with the same ``field: message``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: ClassVar[Table | None] = None
    noun: ClassVar[str] = "this input"  # "a measure": for "x is not a field of a measure"
    # True: a null field is as if left out (a new item's default applies, a change keeps the
    # value); False: null is a value, refused where the column requires one.
    null_is_unset: ClassVar[bool] = False

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise invalid_input(exc, type(self)) from None

    # Marked as pydantic's own ``__init__`` (as pydantic's RootModel marks its): validation by
    # pydantic (FastAPI's of a request body, ``model_validate``) then does not go through it, and
    # reports every problem of the request (path and body) as a ValidationError, not the first.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @field_validator("*")
    @classmethod
    def _fits_its_column(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and cls.null_is_unset:
            return value
        if cls.table is not None and info.field_name is not None:
            problem = column_problem(cls.table, info.field_name, value)
            if problem is not None:
                raise PydanticCustomError("column", problem)
        return value

    def changes(self) -> dict[str, Any]:
        """The fields the sender gave (a change leaves the others as they are), as Python values."""
        return self.model_dump(exclude_unset=True)


def invalid_input(exc: ValidationError, model: type[Input]) -> InvalidInput:
    """The first problem pydantic found, as the ``InvalidInput`` naming its field that the
    services raise: one wording for the API, the forms, the spreadsheet import and the CLI."""
    error = exc.errors(include_url=False)[0]
    field = ".".join(str(part) for part in error["loc"]) or "value"
    if error["type"] == "extra_forbidden":
        return InvalidInput(field, f"is not a field of {model.noun}")
    return InvalidInput(field, error["msg"])


def parse(model: type[InputT], values: Mapping[str, Any]) -> InputT:
    """``values`` (read from a form, a spreadsheet row, a file) as ``model``; ``InvalidInput``
    names the first bad field."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise invalid_input(exc, model) from None


def narrowed(body: Input, model: type[InputT]) -> InputT:
    """``body``, an input extended with fields of its own (a request's body names the version it
    was made against beside the change), as ``model``: its fields, and which of them were given."""
    fields = set(model.model_fields)
    values = {name: getattr(body, name) for name in fields}
    return model.model_construct(_fields_set=body.model_fields_set & fields, **values)


def refuse(message: str) -> PydanticCustomError:
    """A field validator's refusal, its message used as it is (no "Value error, " before it)."""
    return PydanticCustomError("invalid", message)
