"""``rightstrack similar``: more like this, for a stored recommendation or any text."""

from __future__ import annotations

from typing import Annotated

import typer

from rightstrack.cli.common import console, fail, print_json


def similar(
    ctx: typer.Context,
    record_id: Annotated[int | None, typer.Argument(help="A record id (as shown by search).")] = None,
    text: Annotated[str | None, typer.Option("--text", "-t", help="Or any text, e.g. a draft.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """More like this: the recommendations most like one record or a text, with each one's response."""
    from rich.table import Table

    from rightstrack.search.engine import SearchEngine
    from rightstrack.store.database import open_store

    if (record_id is None) == (text is None):
        fail("give a record id or --text, not both")
    found = SearchEngine(open_store(ctx.obj)).similar(record_id=record_id, text=text, limit=limit)
    if found is None:
        fail(f"no recommendation with id {record_id}")
    if as_json:
        payload = [{"similarity": round(score, 4), **hit.to_dict()} for hit, score in found]
        print_json(payload)
        return
    table = Table(title="Similar recommendations")
    for column in ("similarity", "id", "SuR", "session", "response", "text"):
        table.add_column(column, justify="right" if column in ("similarity", "id", "session") else "left")
    for hit, score in found:
        table.add_row(
            f"{score:.0%}", str(hit.id), hit.sur, str(hit.session or hit.body), hit.response or "—", hit.text
        )
    console.print(table)
    answered = [hit.response for hit, _ in found if hit.response in ("Accepted", "Noted")]
    if answered:
        console.print(f"Accepted: {answered.count('Accepted')} of {len(answered)} answered")
