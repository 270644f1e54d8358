"""``rightstrack clusters STATE --cycle N``: a state's recommendations of one cycle, in themes."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from rightstrack.cli.common import console, state_code


def clusters(
    ctx: typer.Context,
    state: Annotated[str, typer.Argument(help="The state under review (name or ISO code).")],
    cycle: Annotated[int, typer.Option(min=1, max=9, help="The UPR cycle.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Thematic clusters: by issue (human coding, else the model's prediction), large ones split by text."""
    from rich.table import Table

    from rightstrack.analysis.clusters import thematic_clusters
    from rightstrack.store.database import open_store

    code = state_code(state)
    found = thematic_clusters(open_store(ctx.obj), code, cycle)
    if as_json:
        console.print_json(json.dumps([c.to_dict() for c in found]))
        return
    if not found:
        console.print(f"No recommendations to {code} in cycle {cycle}.")
        return
    table = Table(
        title=f"{code}, cycle {cycle}: {sum(c.size for c in found)} recommendations in {len(found)} clusters"
    )
    for column in ("cluster", "size", "accepted", "noted", "key words"):
        table.add_column(column, justify="right" if column in ("size", "accepted", "noted") else "left")
    for c in found:
        name = c.name + (" (predicted issue)" if c.predicted and c.issue else "")
        table.add_row(name, str(c.size), str(c.accepted), str(c.noted), ", ".join(c.terms))
    console.print(table)
