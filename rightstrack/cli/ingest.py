"""``rightstrack ingest PATH...``: read UN documents and exports into the store, with a summary."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from rightstrack import config
from rightstrack.cli.common import counting_progress, errors, fail

if TYPE_CHECKING:
    from rich.table import Table

    from rightstrack.ingest.pipeline import Outcome

console = Console(width=None if sys.stdout.isatty() else 160)


def _payload(outcome: Outcome) -> dict[str, object]:
    return {
        "file": str(outcome.path),
        "kind": outcome.kind.value if outcome.kind else None,
        "skipped": outcome.skipped,
        "added": outcome.added,
        "merged": outcome.merged,
        "unchanged": outcome.unchanged,
        "responses_filled": outcome.responses_filled,
        "rejected": [str(p) for p in outcome.errors],
        "warnings": [str(p) for p in outcome.warnings],
        "conflicts": [str(c) for c in outcome.conflicts],
    }


def _summary(outcomes: list[Outcome]) -> Table:
    from rich.table import Table

    table = Table(title="Ingest")
    table.add_column("file")
    table.add_column("kind")
    for column in ("added", "merged", "unchanged", "responses", "rejected", "warnings", "conflicts"):
        table.add_column(column, justify="right")
    for outcome in outcomes:
        if outcome.skipped:
            continue
        table.add_row(
            outcome.path.name,
            outcome.kind.value if outcome.kind else "",
            str(outcome.added),
            str(outcome.merged),
            str(outcome.unchanged),
            str(outcome.responses_filled),
            str(len(outcome.errors)),
            str(len(outcome.warnings)),
            str(len(outcome.conflicts)),
        )
    return table


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders; each file's kind is found from it (default: the shared OHCHR documents)."
        ),
    ] = None,
    show: Annotated[int, typer.Option(help="How many rejections, conflicts and warnings to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Read UPR Info exports, Working Group reports and addenda (PDF/text) and OHCHR matrices (.docx).

    A recommendation already stored from another source is merged into one record with both
    provenances; a different response is reported as a conflict and never overwrites the stored
    one. Re-ingesting the same files changes nothing. Exits 1 when no file could be read (each
    skipped or rejected, with the reason)."""
    from rightstrack.ingest.pipeline import ingest_paths
    from rightstrack.sources.uprinfo import ENCODING_FIELD
    from rightstrack.store.database import open_store

    engine = open_store(ctx.obj)
    try:
        with counting_progress() as progress:
            task = progress.add_task("Reading", total=None)

            def on_file(path: Path, n: int, total: int) -> None:
                progress.update(task, description=path.name[:40], completed=n - 1, total=total)

            outcomes = ingest_paths(engine, paths or [config.ohchr_documents_dir()], on_file=on_file)
    except FileNotFoundError as exc:
        fail(str(exc))
    for problem in (p for o in outcomes for p in o.warnings if p.field == ENCODING_FIELD):
        errors.print(f"[yellow]warning[/] {problem}", highlight=False)
    if as_json:
        console.print_json(json.dumps([_payload(o) for o in outcomes]))
    else:
        print_summary(outcomes, show)
    _exit_if_nothing_was_read(outcomes, paths or [config.ohchr_documents_dir()])


def _exit_if_nothing_was_read(outcomes: list[Outcome], paths: list[Path]) -> None:
    """Exit 1 when no file was read: every one skipped or rejected, or none found."""
    if any(o.why_not_read is None for o in outcomes):
        return
    if not outcomes:
        errors.print(f"[bold red]Nothing ingested:[/] no files under {', '.join(map(str, paths))}")
    else:
        errors.print("[bold red]Nothing ingested:[/] every file was skipped or rejected:")
        for outcome in outcomes:
            errors.print(f"  {outcome.path.name}: {outcome.why_not_read}", markup=False, highlight=False)
    raise typer.Exit(1)


def print_summary(outcomes: list[Outcome], show: int) -> None:
    from rightstrack.sources.uprinfo import ENCODING_FIELD

    console.print(_summary(outcomes))
    skipped = [o for o in outcomes if o.skipped]
    if skipped:
        console.print(f"\n[bold]Skipped {len(skipped)} file(s):[/]")
        for outcome in skipped:
            console.print(f"  {outcome.path.name}: {outcome.skipped}")
    for title, items in (
        ("Rejected", [str(p) for o in outcomes for p in o.errors]),
        ("Conflicts (stored response kept)", [f"{o.path.name}: {c}" for o in outcomes for c in o.conflicts]),
        ("Warnings", [str(p) for o in outcomes for p in o.warnings if p.field != ENCODING_FIELD]),
    ):
        if items:
            console.print(f"\n[bold]{title}: {len(items)}[/]")
            for item in items[:show]:
                console.print(f"  {item}", markup=False)
            if len(items) > show:
                console.print(f"  … and {len(items) - show} more (--show N)")
    added = sum(o.added for o in outcomes)
    merged = sum(o.merged for o in outcomes)
    console.print(
        f"\n{added:,} added, {merged:,} merged into stored records, {len(skipped)} file(s) skipped."
    )
