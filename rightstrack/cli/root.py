"""The ``rightstrack`` command line: load, search, show, stats, export, states."""

from __future__ import annotations

import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from rightstrack import config
from rightstrack.analysis.coverage import export_meta, store_coverage
from rightstrack.analysis.profiles import state_profile
from rightstrack.analysis.stats import (
    AFRICA_ASIA,
    NORTH_WEST,
    Basis,
    Breakdown,
    breakdown,
    crosstab,
    headline,
)
from rightstrack.cli import classify as cli_classify
from rightstrack.cli import clusters as cli_clusters
from rightstrack.cli import elections as cli_elections
from rightstrack.cli import eom as cli_eom
from rightstrack.cli import evaluation as cli_eval
from rightstrack.cli import fetch as cli_fetch
from rightstrack.cli import ingest as cli_ingest
from rightstrack.cli import similar as cli_similar
from rightstrack.cli import tracking as cli_tracking
from rightstrack.cli import uhri as cli_uhri
from rightstrack.cli.common import console, errors, fail, print_json
from rightstrack.cli.history import print_history
from rightstrack.ingest.loading import StrictImportError, load_paths
from rightstrack.ingest.uhri import split_uhri
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.search.engine import SearchEngine, SearchResult
from rightstrack.search.export import ExportFormat, write_csv, write_json, write_sidecar, write_xlsx
from rightstrack.search.query import Dimension, InvalidFilterError, SearchQuery, Sort
from rightstrack.search.records import Hit
from rightstrack.search.textquery import QuerySyntaxError
from rightstrack.sources.eom import looks_like_template
from rightstrack.sources.uhri import UhriError
from rightstrack.store.database import open_store

app = typer.Typer(
    help="RightsTrack: recommendations and pledges of the UN human rights mechanisms.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(cli_eval.app, name="eval")
app.add_typer(cli_fetch.fetch, name="fetch")
app.add_typer(cli_tracking.users, name="users")
app.add_typer(cli_tracking.plans, name="plans")
app.add_typer(cli_elections.pledges_app, name="pledges")
app.add_typer(cli_eom.app, name="eom")
app.command()(cli_elections.elections)
app.command()(cli_ingest.ingest)
app.command()(cli_classify.tag)
app.command()(cli_classify.predict)
app.command()(cli_similar.similar)
app.command("elections-review")(cli_classify.elections_review)
app.command()(cli_classify.draft)
app.command()(cli_clusters.clusters)

DIMENSIONS = ", ".join(d.value for d in Dimension)
TextArg = Annotated[str, typer.Argument(help='Full text: words, "phrases", AND/OR/NOT, prefix*.')]
FilterOpt = Annotated[
    list[str] | None,
    typer.Option("--filter", "-f", help=f"DIMENSION=VALUE, repeatable. Dimensions: {DIMENSIONS}."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


class _State:
    db: str | None = None


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(help="SQLite file or SQLAlchemy URL (default: $RIGHTSTRACK_DB or the user data dir)."),
    ] = None,
) -> None:
    _State.db = db
    ctx.obj = db


def _engine() -> SearchEngine:
    return SearchEngine(open_store(_State.db))


def _query(text: str, filters: list[str] | None, **extra: object) -> SearchQuery:
    parsed: dict[str, list[str]] = {}
    for item in filters or []:
        name, sep, value = item.partition("=")
        if not sep:
            fail(f"--filter takes DIMENSION=VALUE, got {item!r} (dimensions: {DIMENSIONS})")
        parsed.setdefault(name.strip().replace("-", "_"), []).append(value)
    try:
        return SearchQuery.build(text, parsed, **extra)  # type: ignore[arg-type]
    except (InvalidFilterError, ValueError) as exc:
        fail(str(exc))


@app.command()
def load(
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
    targets = paths or [config.upr_info_dir()]
    engine = open_store(_State.db)
    # UHRI's exports first (told by content), then missions' templates (by their header row).
    try:
        uhri_files, targets = split_uhri(targets)
        for path in uhri_files:
            cli_uhri.load_and_report(engine, path, show=None if show_warnings else 20)
    except (FileNotFoundError, UhriError) as exc:
        fail(str(exc))
    missions = [path for path in targets if path.is_file() and looks_like_template(path)]
    if missions:
        cli_eom.load_files(missions, _State.db)
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


def _print_facets(result: SearchResult, limit: int) -> None:
    for dimension, values in result.facets.items():
        shown = ", ".join(f"{v.label} ({v.count:,})" for v in values[:limit])
        more = f", … {len(values) - limit} more" if len(values) > limit else ""
        console.print(f"[bold]{dimension.label}[/]: {shown}{more}", highlight=False)


@app.command()
def search(
    text: TextArg = "",
    filters: FilterOpt = None,
    sort: Annotated[Sort, typer.Option(help="Order of results.")] = Sort.RELEVANCE,
    page: Annotated[int, typer.Option(min=1)] = 1,
    per_page: Annotated[int, typer.Option(min=0, max=500)] = 10,
    facets: Annotated[int, typer.Option(help="Values shown per facet (0: none).")] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Search recommendations and pledges, with facet counts for every dimension."""
    query = _query(text, filters, sort=sort, page=page, per_page=per_page)
    try:
        result = _engine().search(query)
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


@app.command()
def show(
    record_id: Annotated[int, typer.Argument(help="Record id (as shown by search).")],
    as_json: JsonOpt = False,
) -> None:
    """One recommendation or pledge with all its metadata and provenance."""
    hits = _engine().fetch([record_id])
    if not hits:
        fail(f"no record with id {record_id}")
    hit = hits[0]
    sources = _engine().sources(record_id)
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
    table.add_row("Action category", str(hit.action_category or "—"))
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


def _breakdown_table(result: Breakdown, limit: int = 0) -> Table:
    table = Table(title=f"By {result.dimension.label} — {result.basis.label}")
    for column in (result.dimension.label, "count", "share", "accepted"):
        table.add_column(column, justify="left" if column == result.dimension.label else "right")
    for row in result.rows[: limit or None]:
        rate = row.acceptance_rate
        table.add_row(row.label, f"{row.count:,}", f"{row.share:.1%}", "—" if rate is None else f"{rate:.1%}")
    return table


@app.command()
def stats(
    text: TextArg = "",
    filters: FilterOpt = None,
    by: Annotated[list[Dimension] | None, typer.Option(help="Break down by these dimensions.")] = None,
    cross: Annotated[tuple[Dimension, Dimension] | None, typer.Option(help="Cross-tab ROWS COLUMNS.")] = None,
    basis: Annotated[Basis | None, typer.Option(help="Count rows or records (default: both).")] = None,
    limit: Annotated[int, typer.Option(help="Rows shown per breakdown (0: all).")] = 15,
    as_json: JsonOpt = False,
) -> None:
    """Counts, shares and acceptance rates for any search (recommendations unless -f type=…)."""
    query = _query(text, filters)
    if Dimension.TYPE not in query.filters:
        query = query.with_filter(Dimension.TYPE, "recommendation")
    engine = _engine()
    selection = engine.select(query)
    universe = engine.select(SearchQuery(filters={Dimension.TYPE: query.filters[Dimension.TYPE]}))
    bases = [basis] if basis else list(Basis)
    dimensions = by or [Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Dimension.CYCLE]
    coverage = store_coverage(engine.engine)
    if as_json:
        payload: dict[str, object] = {
            b.value: {
                "headline": asdict(headline(selection, universe, b)),
                "breakdowns": {d.value: asdict(breakdown(selection, d, b)) for d in dimensions},
            }
            for b in bases
        }
        payload["coverage"] = coverage.to_dict()
        print_json(payload, default=float)
        return
    console.print(Text(coverage.summary(), style="dim"))
    for b in bases:
        h = headline(selection, universe, b)
        rate = "—" if h.accepted_rate is None else f"{h.accepted_rate:.1%}"
        console.print(f"\n[bold]Counting {b.label}[/]")
        console.print(f"  {h.count:,} of {h.universe:,} ({h.share_of_universe:.2%})")
        console.print(f"  accepted: {rate}")
        console.print(f"  made by WEOG, EEG and GRULAC states: {h.recommending_share(*NORTH_WEST):.1%}")
        console.print(f"  addressed to African and Asia-Pacific states: {h.sur_share(*AFRICA_ASIA):.1%}")
        if cross:
            console.print(crosstab(selection, cross[0], cross[1], b).to_string())
        for dimension in dimensions:
            console.print(_breakdown_table(breakdown(selection, dimension, b), limit))


@app.command()
def export(
    text: TextArg = "",
    filters: FilterOpt = None,
    format: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default: standard output).")
    ] = None,
    sort: Annotated[Sort, typer.Option()] = Sort.SESSION,
) -> None:
    """Export every record a search selects (no row limit)."""
    query = _query(text, filters, sort=sort)
    engine = _engine()
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


@app.command()
def states(name: Annotated[str | None, typer.Argument(help="A state's name or ISO code.")] = None) -> None:
    """List states, or show one state's profile as state under review and as recommending state."""
    engine = _engine()
    if name is None:
        result = engine.search(SearchQuery(per_page=0))
        received = {v.value: v.count for v in result.facets[Dimension.SUR]}
        made = {v.value: v.count for v in result.facets[Dimension.RECOMMENDER]}
        index = engine.index()
        table = Table(title="States")
        for column in ("code", "name", "group", "records received", "records recommended"):
            table.add_column(column)
        for code, state_name in sorted(index.state_names.items(), key=lambda item: item[1]):
            group = index.state_groups.get(code, "")
            table.add_row(code, state_name, group, f"{received.get(code, 0):,}", f"{made.get(code, 0):,}")
        console.print(table)
        return
    try:
        code = resolve_state(name).code
    except UnknownStateError as exc:
        fail(str(exc))
    profile = state_profile(engine, code)
    sur = profile.as_sur
    state = profile.state
    console.print(f"[bold]{state.name}[/] ({state.code}) — {state.regional_group or 'no regional group'}")
    console.print(f"Organisations: {', '.join(sorted(profile.organisations)) or '—'}")
    rate = "—" if sur.acceptance_rate is None else f"{sur.acceptance_rate:.1%}"
    console.print(
        f"\n[bold]As state under review[/]: {sur.recommendations:,} recommendations "
        f"({sur.recommendation_rows:,} rows), {rate} accepted; {sur.pledges} voluntary pledges"
    )
    for part in (sur.by_cycle, sur.by_response, sur.by_action, sur.by_recommending_group):
        console.print(_breakdown_table(part))
    console.print(_breakdown_table(sur.by_issue, 10))
    given = profile.as_recommender
    rate = "—" if given.acceptance_rate is None else f"{given.acceptance_rate:.1%}"
    console.print(f"\n[bold]As recommending state[/]: {given.rows:,} recommendations made, {rate} accepted")
    for part in (given.by_cycle, given.by_sur_group):
        console.print(_breakdown_table(part))
    console.print(_breakdown_table(given.by_sur, 10))
    console.print(_breakdown_table(given.by_issue, 10))
    print_history(console, engine.engine, code)


DEFAULT_WORKERS = min(4, os.cpu_count() or 1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes; each holds its own index and caches.")
    ] = DEFAULT_WORKERS,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            help="Proxies (comma-separated addresses) whose X-Forwarded-For/-Proto headers are "
            "believed; none by default, so that clients cannot choose the address they are counted by."
        ),
    ] = "",
) -> None:
    """Serve the web pages and the JSON API (http://HOST:PORT/, API docs at /api/docs)."""
    import uvicorn

    from rightstrack.web.serving import PROTOCOL, trusted_proxies

    # Workers are fresh processes that find the store through the environment; the index is
    # built (and saved) here once, so that each of them only reads it.
    os.environ["RIGHTSTRACK_DB"] = config.database_url(_State.db)
    _engine().index()
    console.print(
        f"RightsTrack on http://{host}:{port}/  (API: http://{host}:{port}/api/docs), {workers} worker(s)"
    )
    uvicorn.run(
        "rightstrack.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        http=PROTOCOL,  # times out clients that send their headers too slowly
        # uvicorn would trust 127.0.0.1 (or FORWARDED_ALLOW_IPS) unless told: only named proxies
        proxy_headers=bool(trusted_proxies(forwarded_allow_ips)),
        forwarded_allow_ips=trusted_proxies(forwarded_allow_ips),
        # A worker answers the supervisor's health checks only once it has started up (imported
        # numpy, pandas, scikit-learn; opened the store); on a busy machine that takes longer than
        # uvicorn's 5 s, and it would kill and respawn every worker for ever.
        timeout_worker_healthcheck=60,
    )
