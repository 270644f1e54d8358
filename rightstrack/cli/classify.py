"""``rightstrack tag``, ``predict``, ``elections-review`` and ``draft``: the trained models at work."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rightstrack.cli.common import console, errors, fail

if TYPE_CHECKING:
    from rightstrack.classify.models import TrainedModels


def _models() -> TrainedModels:
    """The trained models, saying so when they must be trained first (once, then cached)."""
    from rightstrack.classify.models import trained_models

    return trained_models(on_training=lambda: errors.print("Training the models once (about 2 minutes)…"))


def tag(
    source: Annotated[Path, typer.Argument(help="A CSV with a 'Text' column, one recommendation per row.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the tagged CSV (UTF-8).")],
) -> None:
    """Tag an analyst's own list: predicted issues (';'-separated) with scores, action category, election
    relevance, and the model that predicted them. Other columns are carried through."""
    from rightstrack.classify.tagging import NotTaggableError, read_taggable, tag_csv
    from rightstrack.sources.encoding import UnreadableFileError

    if not source.is_file():
        fail(f"no such file: {source}")
    try:
        table = read_taggable(source)
    except (NotTaggableError, UnreadableFileError) as exc:
        fail(str(exc))
    models = _models()
    rows, problems = tag_csv(models, table, output)
    for problem in problems:
        errors.print(f"warning: {problem}", markup=False)
    console.print(f"{rows:,} recommendation(s) tagged with {models.version} → {output}")


def predict(ctx: typer.Context) -> None:
    """Predict issues and action category for stored recommendations no person has coded (those read
    from UN documents). Stored as predictions with the model's version and scores, apart from human
    coding; search filters on them as `predicted_issue`."""
    from rightstrack.classify.predictions import predict_untagged
    from rightstrack.store.database import open_store

    engine = open_store(ctx.obj)
    models = _models()
    summary = predict_untagged(engine, models)
    console.print(
        f"{summary.records:,} record(s) given {summary.issues:,} predicted issue(s) by {summary.model}"
    )


def elections_review(
    ctx: typer.Context,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Lowest relevance listed.")] = 0.2,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Recommendations that concern elections but are not coded Elections, with their relevance score and
    the election words they use: a list for an analyst to review."""
    from rich.table import Table

    from rightstrack.classify.relevance import uncoded_election_recommendations
    from rightstrack.store.database import open_store

    engine = open_store(ctx.obj)
    models = _models()
    found = uncoded_election_recommendations(engine, models, threshold)
    if as_json:
        console.print_json(json.dumps([asdict(c) for c in found[:limit]]))
        return
    title = f"{len(found):,} recommendations relevant to elections (score >= {threshold}) not coded Elections"
    table = Table(title=title)
    for column in ("score", "id", "SuR", "session", "election words", "text"):
        table.add_column(column, justify="right" if column in ("score", "id", "session") else "left")
    for c in found[:limit]:
        table.add_row(f"{c.score:.2f}", str(c.id), c.sur, str(c.session or "—"), ", ".join(c.terms), c.text)
    console.print(table)


def draft(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The draft recommendation.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """SMART help for a draft: each criterion with its reason and a suggestion, predicted issues and action
    category, and the most similar past recommendations with how many were accepted."""
    from rich.table import Table

    from rightstrack.analysis.drafting import draft_report
    from rightstrack.search.engine import SearchEngine
    from rightstrack.store.database import open_store

    models = _models()
    report = draft_report(SearchEngine(open_store(ctx.obj)), models, text)
    if as_json:
        console.print_json(json.dumps(report.to_dict()))
        return
    table = Table(title=f"SMART: {report.assessment.score:g} of 5")
    for column in ("criterion", "", "why", "suggestion"):
        table.add_column(column)
    for c in report.assessment.criteria:
        table.add_row(c.name, c.level.value, c.reason, c.suggestion or "")
    console.print(table)
    issues = "; ".join(f"{s.label} ({s.score:.0%})" for s in report.issues)
    console.print(f"Predicted issues: {issues}")
    console.print(f"Predicted action category: {report.action.category} ({report.action.score:.0%})")
    similar = Table(title="Most similar past recommendations")
    for column in ("similarity", "SuR", "session", "response", "text"):
        similar.add_column(column)
    for hit, score in report.neighbours:
        similar.add_row(f"{score:.0%}", hit.sur, str(hit.session or hit.body), hit.response or "—", hit.text)
    console.print(similar)
    if report.accepted_share is not None:
        console.print(f"Accepted among them: {report.accepted_share:.0%}")
