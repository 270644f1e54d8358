"""What every command module shares: the two consoles, one way to fail, JSON on standard output,
and a state's code from what a person typed.

A failure is one line on standard error, ``Error: MESSAGE``, and an exit status: 2 by default (the
command was given something it cannot use, as Click's own usage errors exit), 1 where something
outside failed (a download, a source). The message is printed as it is: never read as markup (it
quotes file names and exceptions, which may hold brackets) and never wrapped (file names and URLs
stay whole for people to copy).

This module and every command module import at their top only what building the commands needs
(Typer, rich's console, the enums and defaults options are made of): a command imports the store,
the search engine, the models… when it runs, so that ``rightstrack --help`` and every command start
without numpy, pandas, scikit-learn or SQLAlchemy (``tests/cli/test_startup.py`` keeps it so).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from rich.progress import Progress

console = Console()
errors = Console(stderr=True, soft_wrap=True)  # a line naming file:line: field is never broken


def error(message: str) -> None:
    """Report an error and carry on (``fail`` when the command cannot)."""
    errors.print(Text.assemble(("Error: ", "bold red"), message), highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Report an error and end the command with exit status ``code``."""
    error(message)
    raise typer.Exit(code)


def print_json(payload: object, default: Callable[[Any], Any] | None = None) -> None:
    """JSON on standard output as it is, not through rich: unwrapped, unstyled, non-ASCII kept."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1, default=default) + "\n")


def state_code(name: str) -> str:
    """The ISO code of a state named by name or code; an unknown one ends the command."""
    from rightstrack.reference.states import UnknownStateError, resolve_state

    try:
        return resolve_state(name).code
    except UnknownStateError as exc:
        fail(str(exc))


def counting_progress() -> Progress:
    """A bar on standard error counting items (files, records), gone when the work ends, so that
    standard output holds only the command's answer."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=errors, transient=True
    )
