"""Reading submitted forms field by field, so that a bad value names its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TypeVar
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from rightstrack.accounts import User
from rightstrack.errors import InvalidInput
from rightstrack.web.auth import signed_in, store
from rightstrack.web.security import CSRF_FIELD, check_csrf

E = TypeVar("E", bound=Enum)


class Fields:
    """A submitted form, read field by field; a bad value names its field."""

    def __init__(self, form: FormData) -> None:
        self.form = form

    def text(self, name: str, default: str = "") -> str:
        value = self.form.get(name)
        return value.strip() if isinstance(value, str) else default

    def optional_int(self, name: str) -> int | None:
        value = self.text(name)
        if not value:
            return None
        if not (value.isascii() and value.isdigit()):  # "²" is a digit to isdigit, not to int()
            raise InvalidInput(name, f"not a number: {value!r}")
        return int(value)

    def integer(self, name: str) -> int:
        value = self.optional_int(name)
        if value is None:
            raise InvalidInput(name, "is required")
        return value

    def ints(self, name: str) -> tuple[int, ...]:
        values = []
        for value in self.form.getlist(name):
            for part in str(value).replace(",", ";").split(";"):
                if part.strip():
                    if not (part.strip().isascii() and part.strip().isdigit()):
                        raise InvalidInput(name, f"not a number: {part.strip()!r}")
                    values.append(int(part.strip()))
        return tuple(values)

    def number(self, name: str) -> float | None:
        value = self.text(name).replace(",", "")
        if not value:
            return None
        try:
            return float(value)
        except ValueError:
            raise InvalidInput(name, f"not a number: {value!r}") from None

    def day(self, name: str) -> date | None:
        value = self.text(name)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(name, f"not a date (YYYY-MM-DD): {value!r}") from None

    def choice(self, name: str, choices: type[E]) -> E:
        value = self.text(name)
        try:
            return choices(value)
        except ValueError:
            raise InvalidInput(name, f"one of {', '.join(str(c.value) for c in choices)}") from None

    def checked(self, name: str) -> bool:
        return self.text(name) in ("on", "1", "true", "yes")

    def files(self, name: str) -> list[UploadFile]:
        return [f for f in self.form.getlist(name) if isinstance(f, UploadFile) and f.filename]


MAX_UPLOAD = 20 * 1024 * 1024


async def checked_form(request: Request) -> tuple[FormData, User]:
    """The submitted form, once its CSRF token is checked and a user is signed in."""
    form = await request.form(max_part_size=MAX_UPLOAD)
    token = form.get(CSRF_FIELD)
    check_csrf(request, token if isinstance(token, str) else None)
    return form, signed_in(request)


async def submit(
    request: Request, work: Callable[[Connection, User, Fields], str | None], back: str
) -> RedirectResponse:
    """Reads the form, checks CSRF and the user, runs ``work`` in one transaction (off the event
    loop) and redirects to ``back`` with what was done."""
    form, user = await checked_form(request)
    fields = Fields(form)

    def run() -> str | None:
        with store(request).begin() as connection:
            return work(connection, user, fields)

    done = await run_in_threadpool(run)
    target = done if done and done.startswith("/") else back + (f"?done={quote(done)}" if done else "")
    return RedirectResponse(target, status_code=303)
