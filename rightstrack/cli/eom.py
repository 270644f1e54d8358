"""``rightstrack eom``: election observation missions' recommendations — the template to fill in,
loading a filled one, and each recommendation set beside the UPR's to the same state."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rightstrack.analysis.options import DEFAULT_LIMIT, MIN_SIMILARITY
from rightstrack.cli.common import console, errors, fail

if TYPE_CHECKING:
    from rightstrack.analysis.eom_compare import EomComparison

app = typer.Typer(
    help="Election observation missions' recommendations (EU, OSCE/ODIHR, Carter Center, AU, OAS …).",
    no_args_is_help=True,
)


@app.command()
def template(
    out: Annotated[Path, typer.Argument(help="Where to write it (a .csv or .xlsx file).")],
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="An Excel workbook (default: by OUT's suffix).")
    ] = False,
    example: Annotated[bool, typer.Option(help="With worked examples from real missions' reports.")] = False,
) -> None:
    """Write the template to fill in (docs/eom-template.md describes each column)."""
    from rightstrack.sources.eom_template import template_csv, template_xlsx

    as_xlsx = xlsx or out.suffix.lower() == ".xlsx"
    try:
        out.write_bytes(template_xlsx(example) if as_xlsx else template_csv(example))
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    console.print(f"wrote {out}", highlight=False)


def load_files(paths: list[Path], db: str | None) -> None:
    """Loads each template; stops at the first file with errors (files before it stay stored)."""
    from rightstrack.ingest.eom import load_eom_path
    from rightstrack.sources.eom import EomTemplateError
    from rightstrack.store.database import open_store

    engine = open_store(db)
    for path in paths:
        if not path.is_file():
            fail(f"{path}: no such file")
        try:
            parsed, summary = load_eom_path(engine, path)
        except EomTemplateError as exc:
            for problem in exc.problems:
                errors.print(f"[red]error[/] {problem}", highlight=False, markup=True)
            fail(f"{path.name}: nothing was stored ({len(exc.problems)} problems)")
        except OSError as exc:
            fail(f"cannot read {path}: {exc.strerror or exc}")
        merge = summary.merge
        console.print(
            f"{path.name}: {len(parsed.records)} recommendations read; {merge.added} new, "
            f"{merge.merged} already stored from another source, {merge.unchanged} unchanged; "
            f"{summary.details_added} missions' details added, {summary.details_filled} filled",
            highlight=False,
        )
        for problem in parsed.warnings:
            errors.print(f"[yellow]warning[/] {problem}", highlight=False)
        for conflict in [*merge.conflicts, *summary.conflicts]:
            errors.print(f"[yellow]conflict[/] {conflict}", highlight=False)


@app.command()
def load(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Filled templates (.csv or .xlsx).")],
) -> None:
    """Store filled templates. A file with any error stores nothing; loading one again changes nothing."""
    load_files(files, ctx.obj)


def _payload(found: list[EomComparison]) -> list[dict[str, Any]]:
    payload = []
    for comparison in found:
        eom = comparison.eom
        details = asdict(eom.details)
        details["election_date"] = (
            eom.details.election_date.isoformat() if eom.details.election_date else None
        )
        payload.append(
            {
                "id": eom.id,
                "state": eom.sur,
                "text": eom.text,
                "published": eom.published.isoformat() if eom.published else None,
                **details,
                "upr": [
                    {**asdict(match), "similarity": round(match.similarity, 4)}
                    for match in comparison.matches
                ],
            }
        )
    return payload


@app.command()
def compare(
    ctx: typer.Context,
    state: Annotated[str, typer.Option("--state", "-s", help="The state: a name or ISO code.")],
    limit: Annotated[
        int, typer.Option(min=1, max=50, help="UPR recommendations per mission's.")
    ] = DEFAULT_LIMIT,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Least similarity (cosine) shown.")
    ] = MIN_SIMILARITY,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Each mission's recommendation to a state beside the election-related UPR recommendations to
    it that say the same thing, with their similarity and the state's response at the UPR."""
    from rich.table import Table

    from rightstrack.analysis.eom_compare import compare_state
    from rightstrack.reference.states import UnknownStateError, resolve_state
    from rightstrack.store.database import open_store

    try:
        code = resolve_state(state).code
    except UnknownStateError:
        fail(f"unknown state {state!r}")
    with open_store(ctx.obj).connect() as connection:
        found = compare_state(connection, code, limit, threshold)
    if as_json:
        sys.stdout.write(json.dumps(_payload(found), ensure_ascii=False, indent=1) + "\n")
        return
    if not found:
        console.print(f"No election observation mission's recommendation is stored for {state}.")
        return
    for comparison in found:
        eom = comparison.eom
        title = f"{eom.details.organisation} · {eom.details.election}"
        if eom.details.number:
            title += f" · no. {eom.details.number}"
        table = Table(title=title, caption=eom.text, caption_justify="left")
        for column in ("similarity", "id", "session", "response", "by", "UPR recommendation"):
            table.add_column(column, justify="right" if column in ("similarity", "id", "session") else "left")
        for match in comparison.matches:
            table.add_row(
                f"{match.similarity:.2f}",
                str(match.id),
                str(match.session or "—"),
                match.response or "—",
                ", ".join(match.recommenders),
                match.text,
            )
        if not comparison.matches:
            table.add_row("", "", "", "", "", "(no election-related UPR recommendation says the same)")
        console.print(table)
