"""``rightstrack users`` and ``rightstrack plans``: accounts, and plans from the command line —
create, export and import spreadsheets, reports, reminder digests.

Whoever runs the command line can read the store directly, so reading needs no account; every
change names the user it is made as (``--as``), for the plan's history and its role checks.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rightstrack.cli.common import console, errors, fail
from rightstrack.tracking.options import KINDS, SHEETS

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from rightstrack.accounts import User

users = typer.Typer(help="User accounts of implementation tracking.", no_args_is_help=True)
plans = typer.Typer(
    help="Implementation plans: create, export, import, report, remind.", no_args_is_help=True
)

AsUser = Annotated[str, typer.Option("--as", help="The user the change is made as (for history and roles).")]


def _operator() -> User:
    """Reads from the command line see every plan, as an administrator would."""
    from rightstrack.accounts import User

    return User(0, "command-line", "command line", True)


def _store(ctx: typer.Context) -> Engine:
    from rightstrack.store.database import open_store

    return open_store(ctx.obj)


def _acting(engine: Engine, username: str) -> User:
    from rightstrack.accounts import find_user
    from rightstrack.errors import TrackingError

    try:
        with engine.connect() as connection:
            return find_user(connection, username)
    except TrackingError as exc:
        fail(str(exc))


def _password(prompt: bool) -> str:
    """From RIGHTSTRACK_PASSWORD, standard input (when piped) or a prompt, never the command line."""
    if os.environ.get("RIGHTSTRACK_PASSWORD"):
        return os.environ["RIGHTSTRACK_PASSWORD"]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    if prompt:
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    fail("no password given")


@users.command("add")
def add_user(
    ctx: typer.Context,
    username: str,
    display_name: Annotated[str, typer.Option(help="The name others see.")] = "",
    email: Annotated[str, typer.Option(help="Where reminders go.")] = "",
    admin: Annotated[bool, typer.Option("--admin", help="An administrator of every plan.")] = False,
    elections_editor: Annotated[
        bool, typer.Option("--elections-editor", help="May edit Council candidates' pledges.")
    ] = False,
) -> None:
    """Creates an account; the password comes from RIGHTSTRACK_PASSWORD, standard input or a prompt."""
    from rightstrack.accounts import create_user
    from rightstrack.errors import TrackingError

    engine = _store(ctx)
    try:
        with engine.begin() as connection:
            user = create_user(
                connection, username, _password(True), display_name, admin, email or None, elections_editor
            )
    except TrackingError as exc:
        fail(str(exc))
    console.print(f"created user {user.username} ({'administrator' if user.is_admin else 'user'})")


@users.command("passwd")
def change_password(ctx: typer.Context, username: str) -> None:
    """Sets a new password (and signs the user out everywhere)."""
    from rightstrack.accounts import set_password
    from rightstrack.errors import TrackingError

    engine = _store(ctx)
    user = _acting(engine, username)
    try:
        with engine.begin() as connection:
            set_password(connection, user.id, _password(True))
    except TrackingError as exc:
        fail(str(exc))
    console.print(f"password of {user.username} changed")


@users.command("list")
def show_users(ctx: typer.Context) -> None:
    from rich.table import Table

    from rightstrack.accounts import list_users

    with _store(ctx).connect() as connection:
        table = Table("user", "name", "e-mail", "administrator", "elections editor")
        for user in list_users(connection):
            table.add_row(
                user.username,
                user.display_name,
                user.email or "",
                "yes" if user.is_admin else "",
                "yes" if user.elections_editor else "",
            )
    console.print(table)


@plans.command("list")
def show_plans(ctx: typer.Context) -> None:
    from rich.table import Table

    from rightstrack.tracking.views import list_plans

    with _store(ctx).connect() as connection:
        table = Table("id", "plan", "state", "cycles", "published")
        for plan in list_plans(connection, _operator()):
            table.add_row(
                str(plan.id),
                plan.title,
                plan.state,
                ",".join(map(str, plan.cycles)),
                "yes" if plan.published else "",
            )
    console.print(table)


@plans.command("create")
def new_plan(
    ctx: typer.Context,
    state: Annotated[str, typer.Argument(help="The state, by name or ISO code.")],
    owner: AsUser,
    cycle: Annotated[list[int], typer.Option(help="UPR cycle, repeatable.")],
    title: str = "",
    include_noted: Annotated[bool, typer.Option("--include-noted")] = False,
) -> None:
    """A plan of the state's accepted recommendations in the cycles, in proposed thematic clusters."""
    from rightstrack.errors import TrackingError
    from rightstrack.tracking.inputs import NewPlan
    from rightstrack.tracking.plans import create_plan
    from rightstrack.tracking.views import plan_view

    engine = _store(ctx)
    try:
        draft = NewPlan(state=state, cycles=tuple(cycle), title=title, include_noted=include_noted)
        plan_id = create_plan(engine, _acting(engine, owner), draft)
    except TrackingError as exc:
        fail(str(exc))
    with engine.connect() as connection:
        view = plan_view(connection, plan_id, _operator())
    named = [c for c in view.clusters if c.id is not None]
    console.print(
        f"plan {plan_id}: {view.title}: {len(view.recommendations)} recommendations in {len(named)} clusters"
    )


@plans.command("export")
def export_plan(
    ctx: typer.Context,
    plan_id: int,
    output: Annotated[Path, typer.Option("-o", "--output", help="plan.xlsx, or a .csv of one sheet.")],
    sheet: Annotated[str, typer.Option(help=f"For CSV: {', '.join(SHEETS)}.")] = "Measures",
) -> None:
    from rightstrack.errors import TrackingError
    from rightstrack.tracking.spreadsheets import to_csv, to_xlsx
    from rightstrack.tracking.views import plan_view

    with _store(ctx).connect() as connection:
        try:
            view = plan_view(connection, plan_id, _operator())
        except TrackingError as exc:
            fail(str(exc))
    if output.suffix.lower() == ".csv":
        if sheet not in SHEETS:
            fail(f"--sheet must be one of {', '.join(SHEETS)}")
        output.write_text(to_csv(view, sheet), encoding="utf-8")
    else:
        output.write_bytes(to_xlsx(view))
    console.print(f"wrote {output}")


def _read_at_most(path: Path, limit: int) -> bytes:
    """The file's bytes, one more than ``limit`` at most: enough to tell that it is too large."""
    with path.open("rb") as file:
        return file.read(limit + 1)


@plans.command("import")
def import_plan(
    ctx: typer.Context,
    plan_id: int,
    path: Path,
    user: AsUser,
    sheet: Annotated[str, typer.Option(help="For CSV: the sheet it holds.")] = "Measures",
) -> None:
    """Applies a spreadsheet exported from the plan. All or nothing: any bad row is named and stops it."""
    from rightstrack.errors import TrackingError
    from rightstrack.tracking.spreadsheet_import import SpreadsheetError, import_sheets
    from rightstrack.tracking.spreadsheets import MAX_FILE_BYTES, read_spreadsheet

    engine = _store(ctx)
    acting = _acting(engine, user)
    try:
        sheets = read_spreadsheet(_read_at_most(path, MAX_FILE_BYTES), path.name, sheet)
        with engine.begin() as connection:
            summary = import_sheets(connection, acting, plan_id, sheets)
    except SpreadsheetError as exc:
        for problem in exc.problems:
            errors.print(str(problem))
        fail(f"nothing was imported ({len(exc.problems)} problems)")
    except (TrackingError, ValueError, OSError) as exc:
        fail(str(exc))
    console.print(
        f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.moved} moved to another cluster"
    )


@plans.command("report")
def report(
    ctx: typer.Context,
    plan_id: int,
    output: Annotated[Path, typer.Option("-o", "--output", help="The file: .pdf, .docx or .html.")],
    kind: Annotated[str, typer.Option(help=f"{' or '.join(KINDS)}")] = "midterm",
    language: Annotated[str, typer.Option(help="en, fr or es.")] = "en",
) -> None:
    """The mid-term report or the independent (shadow) assessment of a plan."""
    from rightstrack.documents.formats import FORMATS, render
    from rightstrack.errors import TrackingError
    from rightstrack.tracking.reports import build_report
    from rightstrack.tracking.views import today

    format_name = output.suffix.lower().lstrip(".")
    if format_name not in FORMATS:
        fail(f"the output must end in {', '.join('.' + f for f in FORMATS)}")
    with _store(ctx).connect() as connection:
        try:
            built = build_report(connection, plan_id, _operator(), kind, language, today())  # type: ignore[arg-type]
        except (TrackingError, ValueError) as exc:
            fail(str(exc))
    output.write_bytes(render(built, format_name))
    console.print(f"wrote {output}")


@plans.command("reminders")
def reminders(
    ctx: typer.Context,
    plan_id: int,
    send_mail: Annotated[bool, typer.Option("--send", help="E-mail them (RIGHTSTRACK_SMTP_HOST …).")] = False,
    on: Annotated[str, typer.Option(help="The day to count from (YYYY-MM-DD); today by default.")] = "",
) -> None:
    """Per agency, what is overdue or due within 30 days: printed, or sent to its contributors."""
    from rightstrack.errors import TrackingError
    from rightstrack.tracking.reminders import SmtpSettings, digests, send
    from rightstrack.tracking.views import plan_view, today

    day = date.fromisoformat(on) if on else today()
    with _store(ctx).connect() as connection:
        try:
            found = digests(connection, plan_view(connection, plan_id, _operator()), day)
        except TrackingError as exc:
            fail(str(exc))
    if not send_mail:
        for digest in found:
            console.print(digest.text(day), markup=False)
        return
    settings = SmtpSettings.from_environment()
    if settings is None:
        fail("set RIGHTSTRACK_SMTP_HOST (and _PORT, _USER, _PASSWORD, _FROM, _STARTTLS) to send")
    console.print(f"{send(found, settings, day)} reminders sent")
