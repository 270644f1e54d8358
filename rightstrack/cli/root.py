"""The ``rightstrack`` command: the root app, its ``--db`` option, and every command group placed
under it (commands are listed in ``--help`` in the order they are registered here)."""

from __future__ import annotations

from typing import Annotated

import typer

from rightstrack.cli import (
    classify,
    clusters,
    digest,
    elections,
    eom,
    evaluation,
    fetch,
    ingest,
    records,
    serve,
    similar,
    stats,
    tracking,
)

app = typer.Typer(
    help="RightsTrack: recommendations and pledges of the UN human rights mechanisms.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(evaluation.app, name="eval")
app.add_typer(fetch.fetch, name="fetch")
app.add_typer(tracking.users, name="users")
app.add_typer(tracking.plans, name="plans")
app.add_typer(elections.pledges_app, name="pledges")
app.add_typer(eom.app, name="eom")
app.add_typer(digest.app, name="digest")
app.command()(elections.elections)
app.command()(ingest.ingest)
app.command()(classify.tag)
app.command()(classify.predict)
app.command()(similar.similar)
app.command("elections-review")(classify.elections_review)
app.command()(classify.draft)
app.command()(clusters.clusters)
app.command()(records.load)
app.command()(records.search)
app.command()(records.show)
app.command()(stats.stats)
app.command()(records.export)
app.command()(stats.states)
app.command()(serve.serve)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(help="SQLite file or SQLAlchemy URL (default: $RIGHTSTRACK_DB or the user data dir)."),
    ] = None,
) -> None:
    # Every command (and every group's) reads the store's address from the context.
    ctx.obj = db
