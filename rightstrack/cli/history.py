"""``rightstrack states NAME``: the state's timeline of reviews, concluding observations and
visits, and where its data ends (with the command that fetches more)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine


def print_history(console: Console, engine: Engine, code: str) -> None:
    from rightstrack.analysis.timeline import state_history

    history = state_history(engine, code)
    console.print("\n[bold]Reviews, concluding observations and visits[/] (newest first)")
    # One line per document, never wrapped: symbols and links stay whole for people to copy.
    for entry in history.timeline:
        body = f"session {entry.session} (cycle {entry.cycle})" if entry.session is not None else entry.body
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(entry.counts.items()))
        parts = [
            entry.when,
            entry.mechanism,
            body,
            entry.symbol or "—",
            f"{entry.records:,} records ({kinds})",
        ]
        if entry.url:
            parts.append(entry.url)
        console.print(escape("  " + " · ".join(parts)), soft_wrap=True)
    ends = ", ".join(f"{m.mechanism} {m.last.isoformat()}" for m in history.coverage.mechanisms)
    console.print(f"Data on {history.coverage.name} ends: {ends or 'no records'}", soft_wrap=True)
    for note in history.coverage.notes():
        console.print(f"[yellow]{escape(note)}[/]", soft_wrap=True)
