"""``rightstrack load``, ``search``, ``show`` and ``export``: records into the store, found, shown
one by one, and written out whole."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from rightstrack import config
from rightstrack.cli import eom, uhri
from rightstrack.cli.common import console, errors, fail, print_json
from rightstrack.cli.searching import FilterOpt, FromOpt, JsonOpt, TextArg, ToOpt, build_query, search_engine
from rightstrack.search.options import ExportFormat, Sort

if TYPE_CHECKING:
    from rightstrack.search.engine import SearchResult
    from rightstrack.search.facet_values import FacetValue
    from rightstrack.search.records import Hit


def load(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the shared data).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Store nothing of a file that has any error.")] = False,
    show_warnings: Annotated[
        bool,
        typer.Option(
            help="List warnings, not only their count (how a non-UTF-8 file was read is always listed)."
        ),
    ] = False,
) -> None:
    """Import UPR Info exports (CSV), OHCHR's Universal Human Rights Index export (JSON or XLSX)
    and election observation missions' templates (CSV or XLSX), each recognised by its content.
    Re-importing the same file changes nothing."""
    from rich.progress import Progress
    from rich.table import Table

    from rightstrack.ingest.loading import StrictImportError, load_paths
    from rightstrack.ingest.uhri import split_uhri
    from rightstrack.sources.eom import looks_like_template
    from rightstrack.sources.uhri import UhriError
    from rightstrack.store.database import open_store

    targets = paths or [config.upr_info_dir()]
    engine = open_store(ctx.obj)
    # UHRI's exports first (told by content), then missions' templates (by their header row).
    try:
        uhri_files, targets = split_uhri(targets)
        for path in uhri_files:
            uhri.load_and_report(engine, path, show=None if show_warnings else 20)
    except (FileNotFoundError, UhriError) as exc:
        fail(str(exc))
    missions = [path for path in targets if path.is_file() and looks_like_template(path)]
    if missions:
        eom.load_files(missions, ctx.obj)
        targets = [path for path in targets if path not in missions]
    if paths and not targets:
        return  # only UHRI exports and missions' templates were given
    try:
        with Progress(console=errors, transient=True) as progress:
            task = progress.add_task("Loading", total=None)
            reports = load_paths(
                engine, targets, strict=strict, on_file=lambda p: progress.update(task, description=p.name)
            )
    except (FileNotFoundError, StrictImportError) as exc:
        fail(str(exc))
    table = Table(title="Import")
    for column in ("file", "encoding", "rows", "records", "new", "errors", "warnings"):
        table.add_column(column, justify="left" if column in ("file", "encoding") else "right")
    for report in reports:
        written = report.written
        table.add_row(
            report.path.name,
            f"{report.parsed.encoding}/{report.parsed.line_ending}",
            f"{report.parsed.rows_read:,}",
            f"{len(report.parsed.records):,}",
            f"{written.records_added:,}" if written else "0",
            str(len(report.errors)),
            str(len(report.warnings)),
        )
    console.print(table)
    for report in reports:
        for note in report.notes:
            console.print(note, highlight=False, markup=False)
    for report in reports:
        for problem in report.errors + (report.warnings if show_warnings else report.encoding_warnings):
            style = "red" if problem.severity == "error" else "yellow"
            errors.print(f"[{style}]{problem.severity}[/] {problem}", highlight=False)
    if any(report.errors for report in reports):
        raise typer.Exit(1)


def _highlighted(hit: Hit) -> Text:
    text = Text(hit.text)
    for start, end in hit.highlights:
        text.stylize("bold yellow", start, end)
    return text


def _count(value: FacetValue) -> str:
    """As the search page says it: +N where other values are chosen, and what an exclusion leaves out."""
    if value.excluded:
        return f"not {value.label} ({value.count:,} left out)"
    if value.adds is not None:
        return f"{value.label} (+{value.adds:,})"
    return f"{value.label} ({value.count:,})"


def _print_facets(result: SearchResult, limit: int) -> None:
    for dimension, values in result.facets.items():
        values = sorted(values, key=lambda v: not (v.selected or v.excluded))  # the search's own first
        shown = ", ".join(_count(v) for v in values[:limit])
        more = f", … {len(values) - limit} more" if len(values) > limit else ""
        console.print(f"[bold]{dimension.label}[/]: {shown}{more}", highlight=False)


def search(
    ctx: typer.Context,
    text: TextArg = "",
    filters: FilterOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    sort: Annotated[Sort, typer.Option(help="Order of results.")] = Sort.RELEVANCE,
    page: Annotated[int, typer.Option(min=1)] = 1,
    per_page: Annotated[int, typer.Option(min=0, max=500)] = 10,
    facets: Annotated[int, typer.Option(help="Values shown per facet (0: none).")] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Search recommendations and pledges, with facet counts for every dimension."""
    from rightstrack.search.textquery import QuerySyntaxError

    query = build_query(text, filters, date_from, date_to, sort=sort, page=page, per_page=per_page)
    try:
        result = search_engine(ctx).search(query)
    except QuerySyntaxError as exc:
        fail(f"query: {exc}")
    if as_json:
        payload = {
            "total": result.total,
            "page": query.page,
            "pages": result.pages,
            "hits": [hit.to_dict() for hit in result.hits],
            "facets": {d.value: [v.to_dict() for v in values] for d, values in result.facets.items()},
            "matched_through_mapping": {d.value: m.to_dict() for d, m in result.mapped.items()},
        }
        print_json(payload)
        return
    console.print(
        f"[bold]{result.total:,}[/] results (page {query.page} of {result.pages}, {result.took_ms:.0f} ms)"
    )
    for dimension, widened in result.mapped.items():
        console.print(
            f"[yellow]{dimension.label}: {widened.records:,} found through the theme mapping "
            f"({widened.through.label}: {'; '.join(widened.values)})[/]"
        )
    for hit in result.hits:
        who = ", ".join(r.name for r in hit.recommenders)
        meta = f"#{hit.id} · {hit.sur_name} · {hit.origin} · {hit.response or hit.kind}"
        if who:  # other mechanisms' records have no recommending state
            meta += f" · from {who}"
        console.print(Text(meta, style="dim"))
        console.print(_highlighted(hit))
    if facets:
        console.print()
        _print_facets(result, facets)


def show(
    ctx: typer.Context,
    record_id: Annotated[int, typer.Argument(help="Record id (as shown by search).")],
    as_json: JsonOpt = False,
) -> None:
    """One recommendation or pledge with all its metadata and provenance."""
    from rich.table import Table

    from rightstrack.reference.issues import action_label

    hits = search_engine(ctx).fetch([record_id])
    if not hits:
        fail(f"no record with id {record_id}")
    hit = hits[0]
    sources = search_engine(ctx).sources(record_id)
    if as_json:
        payload = {**hit.to_dict(), **sources.to_dict()}
        print_json(payload)
        return
    table = Table(show_header=False, title=f"{hit.kind.capitalize()} #{hit.id}")
    table.add_row("Text", hit.text)
    table.add_row("State under review", f"{hit.sur_name} ({hit.sur})")
    table.add_row("Mechanism / body", f"{hit.mechanism} / {hit.body}")
    table.add_row(
        "When",
        hit.origin + (f" · {hit.document_symbol} {hit.paragraph or ''}" if hit.document_symbol else ""),
    )
    table.add_row("Response", hit.response or "—")
    category = hit.action_category
    table.add_row("Action category", f"{category} · {action_label(category)}" if category else "—")
    table.add_row("Issues", "; ".join(hit.issues) or "—")
    for r in hit.recommenders:
        table.add_row("Recommended by", f"{r.name} — {r.source}, line {r.line}")
    for vocabulary, tags in sources.tags.items():
        table.add_row(vocabulary, "; ".join(tags))
    for p in sources.provenances:
        said = ", ".join(x for x in (p.position, p.position_source) if x)
        table.add_row("Source", f"{p.source} {p.locator}" + (f": {said}" if said else ""))
    if sources.prediction:
        predicted = "; ".join(f"{issue} ({score:.0%})" for issue, score in sources.prediction.issues)
        table.add_row("Predicted issues", f"{predicted} — {sources.prediction.model}, not human coding")
        if sources.prediction.action:
            table.add_row(
                "Predicted action", f"{sources.prediction.action} ({sources.prediction.action_score:.0%})"
            )
    if sources.conflicting:
        table.add_row("Conflict", "the sources give different responses; the record keeps the first")
    if hit.document_symbol:
        table.add_row("Document", f"{hit.document_symbol} para. {hit.paragraph or '—'}")
    console.print(table)


def export(
    ctx: typer.Context,
    text: TextArg = "",
    filters: FilterOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    format: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default: standard output).")
    ] = None,
    sort: Annotated[Sort, typer.Option()] = Sort.SESSION,
) -> None:
    """Export every record a search selects (no row limit)."""
    from rightstrack.analysis.coverage import export_meta
    from rightstrack.search.export import write_csv, write_json, write_sidecar, write_xlsx

    query = build_query(text, filters, date_from, date_to, sort=sort)
    engine = search_engine(ctx)
    selection = engine.select(query)
    meta = export_meta(engine.engine, query)
    if format is ExportFormat.XLSX:
        if output is None:
            fail("XLSX needs --output FILE")
        count = write_xlsx(engine, selection, output, meta)
    elif output is None:
        count = (
            write_csv(engine, selection, sys.stdout)
            if format is ExportFormat.CSV
            else write_json(engine, selection, sys.stdout, meta)
        )
    else:
        with output.open("w", encoding="utf-8", newline="") as stream:
            if format is ExportFormat.CSV:
                count = write_csv(engine, selection, stream)
            else:
                count = write_json(engine, selection, stream, meta)
        if format is ExportFormat.CSV:  # a CSV's meta sits beside it, its readers untroubled
            errors.print(f"what the data covers: {write_sidecar(output, meta, count)}")
    errors.print(f"{count:,} records exported" + (f" to {output}" if output else ""))
    errors.print(meta["coverage"]["summary"])
