"""``rightstrack states NAME``: the state's timeline of reviews, concluding observations and
visits, and where its data ends (with the command that fetches more)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from rightstrack.analysis.timeline import state_history


def print_history(console: Console, engine: Engine, code: str) -> None:
    history = state_history(engine, code)
    table = Table(title="Reviews, concluding observations and visits (newest first)")
    for column in ("date", "mechanism", "body", "document", "records", "link"):
        table.add_column(column, justify="right" if column == "records" else "left")
    for entry in history.timeline:
        body = f"session {entry.session} (cycle {entry.cycle})" if entry.session is not None else entry.body
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(entry.counts.items()))
        table.add_row(
            entry.when,
            entry.mechanism,
            body,
            entry.symbol or "—",
            f"{entry.records:,} ({kinds})",
            entry.url or "",
        )
    console.print(table)
    ends = ", ".join(f"{m.mechanism} {m.last.isoformat()}" for m in history.coverage.mechanisms)
    console.print(f"Data on {history.coverage.name} ends: {ends or 'no records'}")
    for note in history.coverage.notes():
        console.print(f"[yellow]{note}[/]")
