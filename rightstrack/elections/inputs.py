"""What each write of the Council elections data takes, declared once: the JSON API's bodies, the
elections forms and the CSV import build these, and ``pledges`` takes them. A field's own rules
(a document symbol's form, a web address, its column's length) live here; whether the state was a
candidate that year needs the election data, and stays with the service.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

from pydantic import Field, field_validator
from sqlalchemy import Table

from rightstrack.limits import Input, refuse
from rightstrack.store.elections_schema import PledgeDocumentRow, PledgingEventRow

SYMBOL = re.compile(r"^[A-Z]{1,3}(/[A-Za-z0-9.\-]+)+$")


def _or_none(value: Any) -> Any:
    """Text with its spaces trimmed; empty text is no value."""
    return (value.strip() or None) if isinstance(value, str) else value


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _symbol(value: str | None) -> str | None:
    if value is not None and not SYMBOL.match(value):
        raise refuse(f"{value!r} is not a UN document symbol (e.g. A/78/123)")
    return value


def _url(value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise refuse(f"{value!r} is not a web address")
    return value


class PledgeChange(Input):
    """A change to a pledges document; a field left out keeps its value, an empty one clears it."""

    table: ClassVar[Table] = PledgeDocumentRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a pledge"

    symbol: str | None = Field(None, description="UN document symbol, e.g. A/80/123")
    published_on: date | None = None
    url: str | None = None
    note: str | None = None

    trimmed = field_validator("symbol", "url", "note", mode="before")(_or_none)
    symbol_form = field_validator("symbol")(_symbol)
    url_form = field_validator("url")(_url)


class NewPledge(PledgeChange):
    """A candidate's pledges document: its symbol or its address (the service asks for one)."""

    null_is_unset: ClassVar[bool] = True

    state: str = Field(description="ISO alpha-3 code of the candidate")


class NewParticipation(Input):
    """Whether a candidate took part in a pledging event (the event is recorded if new)."""

    table: ClassVar[Table] = PledgingEventRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a pledging event's participation"
    null_is_unset: ClassVar[bool] = True

    state: str = Field(description="ISO alpha-3 code of the candidate")
    held_on: date
    place: str = Field(description="e.g. New York, Geneva")
    organisers: str = ""
    took_part: bool
    note: str = ""

    trimmed = field_validator("place", "organisers", "note", mode="before")(_stripped)

    @field_validator("place")
    @classmethod
    def _placed(cls, value: str) -> str:
        if not value:
            raise refuse("say where the event was held")
        return value
