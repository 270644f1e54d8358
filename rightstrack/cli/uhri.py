"""``rightstrack load`` for OHCHR's Universal Human Rights Index export: progress and summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rightstrack.cli.common import console, errors

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from rightstrack.ingest.uhri import UhriLoadReport


def load_and_report(
    engine: Engine, path: Path, *, show: int | None = 20, more: str = "--show-warnings lists them"
) -> UhriLoadReport:
    """Load one export with a progress bar, then print what it held and what was stored: at most
    ``show`` warnings and conflicts (None: all), ``more`` saying how to see the rest."""
    report = _load(engine, path)
    _print(report, show, more)
    return report


def _load(engine: Engine, path: Path) -> UhriLoadReport:
    from rich.progress import Progress

    from rightstrack.ingest.uhri import load_uhri

    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task(f"{path.name}: 0 records", total=max(path.stat().st_size, 1))

        def show(records: int, done: int, total: int) -> None:
            progress.update(task, completed=done, description=f"{path.name}: {records:,} records")

        return load_uhri(engine, path, progress=show)


def _print(report: UhriLoadReport, show: int | None, more: str) -> None:
    from rich.table import Table

    merged = report.merged
    console.print(
        f"{report.path.name} (UHRI, {report.kind.removeprefix('uhri-')}, {report.size / 1e6:,.1f} MB): "
        f"{report.records_read:,} annotations, {report.records_kept:,} records, "
        f"{merged.added if merged else 0:,} new, {merged.merged if merged else 0:,} merged with stored ones, "
        f"{merged.unchanged if merged else 0:,} already stored; {report.not_stored:,} not stored; "
        f"{report.elapsed:,.1f} s",
        highlight=False,
        markup=False,
    )
    table = Table(title="By mechanism and body")
    for column in ("mechanism", "body", "records"):
        table.add_column(column, justify="right" if column == "records" else "left")
    for mechanism, count in report.by_mechanism.most_common():
        table.add_row(mechanism, "(all)", f"{count:,}", style="bold")
        bodies = [(body, n) for (of, body), n in report.by_body.most_common() if of == mechanism]
        for body, n in bodies[:8]:
            table.add_row("", body, f"{n:,}")
        if len(bodies) > 8:
            table.add_row("", f"… {len(bodies) - 8} more", f"{sum(n for _, n in bodies[8:]):,}")
    console.print(table)
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in report.by_kind.most_common())
    console.print(f"Kinds: {kinds}", highlight=False, markup=False)
    if merged and merged.conflicts:
        console.print(f"{len(merged.conflicts):,} conflicting responses (stored ones kept):", markup=False)
        for conflict in merged.conflicts[:show]:
            console.print(f"  {conflict}", highlight=False, markup=False)
    shown = report.warnings[:show]
    if report.warnings:
        total = sum(w.count for w in report.warnings)
        errors.print(f"[yellow]{len(report.warnings):,} kinds of warning, {total:,} in all[/]")
    for warning in shown:
        errors.print(f"[yellow]warning[/] {warning}", highlight=False)
    if len(shown) < len(report.warnings):
        errors.print(f"… {len(report.warnings) - len(shown):,} more ({more})")
