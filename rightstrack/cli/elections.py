"""``rightstrack elections`` and ``rightstrack pledges``: the Human Rights Council elections since
2006 — seats, candidates and votes with their sources, the Council's members on any day, the
checks the data passes, a candidate's record, the yearly briefing, and candidates' pledges."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rightstrack.cli.common import console, errors, fail, state_code
from rightstrack.elections.options import LATE_DAYS

if TYPE_CHECKING:
    from sqlalchemy import Engine

pledges_app = typer.Typer(
    help="Council candidates' voluntary pledges and pledging events.", no_args_is_help=True
)


def _print_year(year: int, group: str | None, as_json: bool) -> None:
    from rich.table import Table

    from rightstrack.elections.export import year_json
    from rightstrack.elections.views import year_view
    from rightstrack.errors import TrackingError
    from rightstrack.reference.hrc import election_data
    from rightstrack.reference.states import parse_group

    data = election_data()
    try:
        view = year_view(data, year, parse_group(group) if group else None)
    except (TrackingError, ValueError) as exc:
        fail(str(exc))
    if as_json:
        console.print_json(json.dumps(year_json(view)))
        return
    console.print(f"[bold]Human Rights Council election {year}[/] — General Assembly, {view.held:%d %B %Y}")
    for contest in view.contests:
        election = contest.election
        kind = "" if election.kind.value == "regular" else f" ({election.kind.value}, {election.held:%d %B})"
        known = "" if election.candidates_complete else " (candidates not all known)"
        table = Table(
            title=f"{contest.group.value}{kind}: {contest.seats} seats, {len(contest.standing)} "
            f"candidates{known} — {contest.status}",
            title_justify="left",
        )
        for column in ["state", *(f"round {n + 1}" for n in range(election.rounds)), "outcome", "sources"]:
            table.add_column(column)
        for candidacy in (*contest.standing, *contest.withdrawn):
            votes = [("—" if v is None else str(v)) for v in candidacy.votes] or ["not found"]
            votes += [""] * (election.rounds - len(votes))
            table.add_row(candidacy.state, *votes, candidacy.outcome.value, ", ".join(candidacy.sources))
        console.print(table)
        if contest.margin is not None:
            console.print(f"  margin between the last elected and the first defeated: {contest.margin} votes")
        if election.note:
            console.print(f"  note: {election.note}")
    console.print("[bold]Sources[/]")
    for source in view.sources:
        published = source.published.isoformat()
        console.print(f"  {source.id}: {source.publisher}, {published}, {source.title} — {source.url}")


def _print_overview(as_json: bool) -> None:
    from rich.table import Table

    from rightstrack.elections.competitiveness import closed_shares, yearly
    from rightstrack.elections.export import overview_json
    from rightstrack.reference.hrc import election_data

    data = election_data()
    years, shares = yearly(data), closed_shares(data)
    if as_json:
        console.print_json(json.dumps(overview_json(data)))
        return
    table = Table(
        "year", "seats", "candidates", "competitive groups", "closed", "unknown", title="Council elections"
    )
    for item in years:
        table.add_row(
            *(
                str(v)
                for v in (
                    item.year,
                    item.seats,
                    item.candidates,
                    item.competitive_groups,
                    item.closed_groups,
                    item.unknown_groups,
                )
            )
        )
    console.print(table)
    share_table = Table("group", "closed slates", "competitive", "unknown", "share closed (of known)")
    for share in shares:
        shown = "—" if share.closed_share is None else f"{share.closed_share:.0%}"
        share_table.add_row(
            share.group.value, str(share.closed), str(share.competitive), str(share.unknown), shown
        )
    console.print(share_table)


def elections(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Argument(help="An election year (2006–2025); none: every year.")
    ] = None,
    group: Annotated[str | None, typer.Option("--group", "-g", help="A regional group, e.g. WEOG.")] = None,
    candidate: Annotated[str | None, typer.Option(help="A candidate's record in YEAR's election.")] = None,
    member: Annotated[str | None, typer.Option(help="A state's Council membership history.")] = None,
    on: Annotated[str | None, typer.Option(help="The Council's members on a day (YYYY-MM-DD).")] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Check the data against the Council's rules.")
    ] = False,
    briefing: Annotated[
        Path | None, typer.Option(help="Write YEAR's briefing to this file (.html/.pdf/.docx).")
    ] = None,
    language: Annotated[str, typer.Option("--lang", help="Briefing language: en, fr or es.")] = "en",
    late_days: Annotated[
        int, typer.Option(help="A pledge this many days or fewer before the vote is late.")
    ] = LATE_DAYS,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
) -> None:
    """Human Rights Council elections: seats, candidates and votes with their sources."""
    if check:
        from rightstrack.elections.validation import validate
        from rightstrack.reference.hrc import election_data
        from rightstrack.reference.membership import timeline

        data = election_data()
        problems = validate(data, timeline())
        for problem in problems:
            errors.print(str(problem))
        console.print(
            f"{len(data.elections)} group elections, {len(data.candidacies)} candidacies: "
            f"{len(problems)} problems"
        )
        raise typer.Exit(1 if problems else 0)
    if member:
        _print_member(state_code(member), as_json)
        return
    if on:
        _print_members_on(on, as_json)
        return
    if year is None:
        if candidate or briefing:
            fail("give the election year")
        _print_overview(as_json)
        return
    from rightstrack.store.database import open_store

    engine = open_store(ctx.obj)
    if briefing:
        _write_briefing(engine, year, briefing, language, late_days)
    elif candidate:
        _print_candidate(engine, year, state_code(candidate), late_days, as_json)
    else:
        _print_year(year, group, as_json)


def _print_member(code: str, as_json: bool) -> None:
    from rich.table import Table

    from rightstrack.elections.export import membership_json
    from rightstrack.reference.membership import timeline

    terms = [membership_json(m) for m in timeline().history(code)]
    if as_json:
        console.print_json(json.dumps({"state": code, "terms": terms}))
        return
    if not terms:
        console.print(f"{code} has not been a member of the Council")
        return
    table = Table("elected in", "from", "to", "note", title=f"{code} on the Human Rights Council")
    for term in terms:
        table.add_row(str(term["elected_in"]), term["start"], term["end"], term["left_early"] or term["kind"])
    console.print(table)


def _print_members_on(on: str, as_json: bool) -> None:
    from rightstrack.elections.export import membership_json
    from rightstrack.reference.membership import timeline

    try:
        day = date.fromisoformat(on)
    except ValueError:
        fail(f"--on {on!r} is not a date (YYYY-MM-DD)")
    members = timeline().members_on(day)
    if as_json:
        console.print_json(json.dumps({"date": on, "members": [membership_json(m) for m in members]}))
        return
    console.print(f"{len(members)} members on {on}")
    for group_name in sorted({m.group.value for m in members}):
        states = ", ".join(m.state for m in members if m.group.value == group_name)
        console.print(f"  {group_name}: {states}")


def _write_briefing(engine: Engine, year: int, path: Path, language: str, late_days: int) -> None:
    from rightstrack.documents.formats import FORMATS, render
    from rightstrack.elections.briefing import build_briefing
    from rightstrack.errors import TrackingError
    from rightstrack.reference.hrc import election_data
    from rightstrack.reference.membership import timeline

    extension = path.suffix.lstrip(".").lower()
    if extension not in FORMATS:
        fail(f"the briefing file must end in one of {', '.join('.' + f for f in FORMATS)}")
    try:
        report = build_briefing(engine, election_data(), timeline(), year, language, date.today(), late_days)
    except (TrackingError, ValueError) as exc:
        fail(str(exc))
    path.write_bytes(render(report, extension))
    console.print(f"wrote {path} ({language})")


def _print_candidate(engine: Engine, year: int, code: str, late_days: int, as_json: bool) -> None:
    from rightstrack.elections.export import candidate_json
    from rightstrack.elections.views import candidate_view
    from rightstrack.errors import TrackingError
    from rightstrack.reference.hrc import election_data
    from rightstrack.reference.membership import timeline

    try:
        view = candidate_view(engine, election_data(), timeline(), year, code, late_days)
    except TrackingError as exc:
        fail(str(exc))
    if as_json:
        console.print_json(json.dumps(candidate_json(view)))
        return
    record, review = view.record, view.record.review
    reviewed = "none in the store" if review is None else f"session {review.session}, {review.year}"
    if record.data_incomplete:
        ends = (
            "holds no UPR data"
            if record.upr_data_ends is None
            else f"UPR data ends in {record.upr_data_ends}"
        )
        reviewed += f" (the store's {ends}; {record.fetch_command} fetches newer reviews)"
    console.print(
        f"[bold]{view.name}[/] — {view.contest.group.value}, {year}: {view.candidacy.outcome.value}"
    )
    console.print(f"  latest review before the election: {reviewed}")
    console.print(
        f"  recommendations received {record.received}, accepted {record.accepted}, noted {record.noted}"
    )
    cooperation = f"{len(record.cooperation)}, accepted {record.cooperation_accepted}"
    console.print(f"  on cooperation with the mechanisms: {cooperation}")
    console.print(f"  voluntary pledges at its reviews: {len(record.pledges)}")
    terms = ", ".join(f"{m.start}–{m.end}" for m in view.past) or "none"
    console.print(f"  earlier Council terms: {terms}")
    console.print(f"  consecutive terms up to the election: {view.consecutive_terms}")
    if view.pledge:
        console.print(f"  pledges document: {view.pledge.flag}")


@pledges_app.command("import")
def import_pledges(
    ctx: typer.Context,
    path: Path,
    acting: Annotated[str, typer.Option("--as", help="The elections editor the change is made as.")],
) -> None:
    """Imports pledges or pledging-event participation from CSV (all rows or none)."""
    from rightstrack.accounts import find_user
    from rightstrack.elections.pledge_import import PledgeImportError, import_file
    from rightstrack.errors import TrackingError
    from rightstrack.reference.hrc import election_data
    from rightstrack.store.database import open_store

    engine = open_store(ctx.obj)
    try:
        with engine.begin() as connection:
            user = find_user(connection, acting)
            summary = import_file(connection, user, election_data(), path)
    except PledgeImportError as exc:
        for problem in exc.problems:
            errors.print(str(problem))
        fail(f"nothing imported: {len(exc.problems)} problems")
    except TrackingError as exc:
        fail(str(exc))
    console.print(
        f"{summary.kind}: {summary.rows} rows — {summary.added} added, {summary.changed} changed, "
        f"{summary.unchanged} unchanged"
    )
    for note in summary.notes:
        console.print(f"  {note}")


@pledges_app.command("list")
def list_pledges(
    ctx: typer.Context,
    year: int,
    late_days: Annotated[
        int, typer.Option(help="A pledge this many days or fewer before the vote is late.")
    ] = LATE_DAYS,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Each candidate's pledges document and how timely it was."""
    from rich.table import Table

    from rightstrack.elections.export import pledge_status_json
    from rightstrack.elections.pledges import statuses
    from rightstrack.errors import TrackingError
    from rightstrack.reference.hrc import election_data
    from rightstrack.store.database import open_store

    engine = open_store(ctx.obj)
    try:
        with engine.connect() as connection:
            found = statuses(connection, election_data(), year, late_days)
    except TrackingError as exc:
        fail(str(exc))
    if as_json:
        console.print_json(json.dumps([pledge_status_json(s) for s in found]))
        return
    table = Table("group", "state", "document", "published", "days before", "flag", "pledging events")
    for status in found:
        pledge = status.pledge
        table.add_row(
            status.group,
            status.state,
            (pledge.symbol or pledge.url or "") if pledge else "",
            pledge.published_on.isoformat() if pledge and pledge.published_on else "",
            "" if status.days_before is None else str(status.days_before),
            status.flag,
            ", ".join(f"{e.place} ({'yes' if e.took_part else 'no'})" for e in status.events),
        )
    console.print(table)
