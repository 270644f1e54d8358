"""``rightstrack fetch``: download the live sources and store them.

- ``fetch uhri``: OHCHR's Universal Human Rights Index export (JSON, or ``--xlsx``), refreshed
  conditionally (unchanged since the last fetch: nothing downloaded, nothing loaded again);
- ``fetch upr-info``: UPR Info's Database of Recommendations, all of it or ``--session N``;
- ``fetch documents``: UN documents by symbol, or a UPR session's (``--session N``), then read by
  the same pipeline as ``rightstrack ingest``.
Every command takes ``--base-url`` (a mirror, or a test server), shows its progress, ends with a
summary, and on a network failure prints one line naming the URL and exits 1.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from rightstrack import config
from rightstrack.cli import ingest as cli_ingest
from rightstrack.cli import uhri as cli_uhri
from rightstrack.cli.common import counting_progress, error, errors, fail

if TYPE_CHECKING:
    from rich.progress import Progress

    from rightstrack.domain import SourceFile
    from rightstrack.sources.http import Downloader
    from rightstrack.sources.undocs import Fetched

fetch = typer.Typer(
    help="Download live sources (UHRI, UPR Info's database, UN documents) and store them.",
    no_args_is_help=True,
)
console = Console(width=None if sys.stdout.isatty() else 160, soft_wrap=True)

UHRI_BASE = "https://dataex.ohchr.org"
UHRI_PATH = "/uhri/export-results/export-full-en"
BaseUrl = Annotated[str | None, typer.Option("--base-url", help="Another address for the source (a mirror).")]
Dest = Annotated[
    Path | None, typer.Option("--dest", help="Download folder (default: RIGHTSTRACK_DOWNLOADS or the cache).")
]
Show = Annotated[int, typer.Option(help="How many warnings to list.")]


# The downloader every command uses; tests replace it to keep back-off delays out of their time.
def make_downloader() -> Downloader:
    from rightstrack.sources.http import Downloader

    return Downloader()


@contextmanager
def _network_errors() -> Iterator[None]:
    """Each network failure as one line naming the URL, and exit 1."""
    from rightstrack.sources.http_errors import DownloadError

    try:
        yield
    except DownloadError as exc:
        fail(str(exc), 1)


def _bytes_progress() -> Progress:
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=errors,
        transient=True,
    )


def _list(title: str, items: list[str], show: int) -> None:
    if not items:
        return
    console.print(f"\n[bold]{title}: {len(items)}[/]")
    for item in items[:show]:
        console.print(f"  {item}", markup=False, highlight=False)
    if len(items) > show:
        console.print(f"  … and {len(items) - show} more (--show N)")


# --- UHRI ------------------------------------------------------------------------------------------


@fetch.command("uhri")
def fetch_uhri(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(help="The export's full address (default: OHCHR's).")] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="The spreadsheet export instead of JSON.")] = False,
    base_url: BaseUrl = None,
    dest: Dest = None,
    download_only: Annotated[bool, typer.Option("--download-only", help="Download, do not store.")] = False,
    reload: Annotated[bool, typer.Option("--reload", help="Store it even when it has not changed.")] = False,
    show: Show = 20,
) -> None:
    """Download UHRI's full export (about 360 MB; resumed if interrupted, skipped if unchanged) and
    store its records (treaty bodies, special procedures and the UPR)."""
    from rightstrack.sources.http import Outcome
    from rightstrack.sources.http_errors import Expect
    from rightstrack.store.database import open_store

    suffix = ".xlsx" if xlsx else ".json"
    address = url or f"{(base_url or UHRI_BASE).rstrip('/')}{UHRI_PATH}{suffix}"
    path = (dest or config.downloads_dir()) / "uhri" / f"export-full-en{suffix}"
    with _network_errors(), make_downloader() as downloader, _bytes_progress() as progress:
        task = progress.add_task("UHRI export", total=None)
        result = downloader.fetch(
            address,
            path,
            expect=Expect.XLSX if xlsx else Expect.JSON,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    console.print(
        f"UHRI export {result.outcome.value}: {path} ({result.size:,} bytes, sha256 {result.sha256[:12]}…)",
        highlight=False,
    )
    if download_only or (result.outcome is Outcome.UNCHANGED and not reload):
        if result.outcome is Outcome.UNCHANGED and not download_only:
            console.print("Unchanged since the last fetch: not stored again (--reload to store it).")
        return
    try:
        cli_uhri.load_and_report(open_store(ctx.obj), path, show=show, more="--show N lists more")
    except ValueError as exc:  # the loader's errors name the file and what is wrong
        fail(str(exc), 1)


# --- UPR Info ----------------------------------------------------------------------------------------


def _harvest_source(base_url: str, records: list[Any]) -> SourceFile:
    """The database as a source: one name whatever the day, its content's hash as the version."""
    from rightstrack.domain import SourceFile

    digest = hashlib.sha256()
    for record in sorted(records, key=lambda r: r.locator):
        digest.update(f"{record.locator}\t{record.text}\t{record.position}\n".encode())
    host = base_url.split("://", 1)[-1].rstrip("/")
    return SourceFile(
        name=f"UPR Info database ({host})",
        kind="upr-info-api",
        path=base_url,
        sha256=digest.hexdigest(),
        encoding="utf-8",
        rows_read=len(records),
    )


@fetch.command("upr-info")
def fetch_upr_info(
    ctx: typer.Context,
    session: Annotated[list[int] | None, typer.Option("--session", help="A UPR session, repeatable.")] = None,
    base_url: BaseUrl = None,
    language: Annotated[str, typer.Option(help="The language asked for (Accept-Language).")] = "en",
    max_requests: Annotated[int, typer.Option(help="Stop after this many requests.")] = 5_000,
    max_rows: Annotated[int, typer.Option(help="Stop after this many recommendations.")] = 400_000,
    show: Show = 20,
) -> None:
    """Read UPR Info's Database of Recommendations (every session, or --session N) and store it:
    a recommendation already stored from another source gains UPR Info's word on it."""
    from rightstrack.ingest.merging import merge_records
    from rightstrack.sources.uprinfo_api import BASE_URL as UPR_INFO_URL
    from rightstrack.sources.uprinfo_api import Limits, UprInfoClient
    from rightstrack.store.database import open_store

    address = base_url or UPR_INFO_URL
    limits = Limits(max_requests=max_requests, max_rows=max_rows)
    with _network_errors(), make_downloader() as downloader:
        client = UprInfoClient(downloader, address, language=language, limits=limits)
        with counting_progress() as progress:
            task = progress.add_task("UPR Info database", total=None)
            harvest = client.harvest(
                session, progress=lambda n, total: progress.update(task, completed=n, total=total)
            )
    if harvest.missing_sessions:
        errors.print(
            f"[yellow]warning[/] the database has no session {', '.join(map(str, harvest.missing_sessions))}"
        )
    if not harvest.records:
        fail(f"no recommendations read from {address} ({harvest.requests} requests)", 1)
    engine = open_store(ctx.obj)
    with engine.begin() as connection:
        summary = merge_records(connection, _harvest_source(address, harvest.records), harvest.records)
    console.print(
        f"UPR Info database: {len(harvest.sessions)} session(s), {harvest.entities:,} recommendations read "
        f"in {harvest.requests:,} requests; {summary.added:,} added, {summary.merged:,} merged, "
        f"{summary.unchanged:,} unchanged, {len(summary.conflicts):,} conflicts."
    )
    if harvest.stopped:
        errors.print(f"[yellow]warning[/] stopped early at the limit of {harvest.stopped}")
    _list("Capped slices (not read whole)", [str(c) for c in harvest.capped], show)
    _list("Not stored", summary.skipped, show)
    _list("Conflicts (stored response kept)", [str(c) for c in summary.conflicts], show)
    _list("Warnings", [str(w) for w in harvest.warnings], show)


# --- UN documents ------------------------------------------------------------------------------------


@fetch.command("documents")
def fetch_documents(
    ctx: typer.Context,
    symbols: Annotated[list[str] | None, typer.Argument(help="Document symbols, e.g. A/HRC/28/15.")] = None,
    session: Annotated[int | None, typer.Option("--session", help="A UPR session's documents.")] = None,
    file_format: Annotated[str, typer.Option("--format", help="pdf, docx or doc.")] = "pdf",
    base_url: BaseUrl = None,
    direct_base_url: Annotated[
        str | None, typer.Option(help="The fallback's address (default: --base-url, else docs.un.org).")
    ] = None,
    dest: Dest = None,
    no_ingest: Annotated[bool, typer.Option("--no-ingest", help="Download only.")] = False,
    show: Show = 20,
) -> None:
    """Download UN documents by symbol (or a UPR session's: the Working Group's documents for each
    state reviewed, and the reports and addenda the store knows), then read them as `ingest` does."""
    from rightstrack.ingest.pipeline import ingest_paths
    from rightstrack.ingest.session_documents import session_documents
    from rightstrack.sources.http import Outcome
    from rightstrack.sources.undocs import InvalidSymbolError
    from rightstrack.sources.undocs import normalise_symbol as check_symbol
    from rightstrack.store.database import open_store

    if not symbols and session is None:
        fail("give document symbols, or --session N")
    wanted: list[str] = []
    try:
        wanted = [check_symbol(s) for s in symbols or []]
    except InvalidSymbolError as exc:
        fail(str(exc))
    engine = open_store(ctx.obj) if session is not None or not no_ingest else None
    if session is not None and engine is not None:
        with engine.connect() as connection:
            plan = session_documents(connection, session)
        for name in plan.unknown_states:
            errors.print(f"[yellow]warning[/] reference table: no state is named {name!r}")
        if plan.empty:
            fail(f"nothing says which states were reviewed in session {session}, and no report is stored", 1)
        wanted += [s for s in plan.symbols if s not in wanted]
    folder = (dest or config.downloads_dir()) / "documents"
    fetched, failed = _download_documents(wanted, folder, file_format, base_url, direct_base_url)
    found = [f for f in fetched if f.path is not None]
    console.print(
        f"{len(found)} of {len(wanted)} document(s) fetched into {folder} "
        f"({sum(f.outcome == Outcome.UNCHANGED for f in found)} unchanged)."
    )
    _list("Not in the document system", [f"{f.symbol}: {f.error}" for f in fetched if f.path is None], show)
    if found and engine is not None and not no_ingest:
        outcomes = ingest_paths(engine, [f.path for f in found if f.path is not None])
        cli_ingest.print_summary(outcomes, show)
    if failed:
        fail(f"{len(failed)} document(s) not fetched for network failures (each listed above)", 1)
    if not found:
        raise typer.Exit(1)


def _download_documents(
    symbols: list[str], folder: Path, file_format: str, base_url: str | None, direct_base_url: str | None
) -> tuple[list[Fetched], list[str]]:
    from rightstrack.sources.http_errors import ConnectionFailedError, DownloadError, TimeLimitError
    from rightstrack.sources.undocs import ACCESS_BASE, DIRECT_BASE, fetch_symbol

    fetched: list[Fetched] = []
    failed: list[str] = []
    access, direct = base_url or ACCESS_BASE, direct_base_url or base_url or DIRECT_BASE
    with make_downloader() as downloader, _bytes_progress() as progress:
        task = progress.add_task("Documents", total=None)
        for n, symbol in enumerate(symbols, start=1):
            progress.update(task, description=f"{n}/{len(symbols)} {symbol}", completed=0, total=None)
            try:
                fetched.append(
                    fetch_symbol(
                        downloader,
                        symbol,
                        folder,
                        file_format=file_format,
                        access_base=access,
                        direct_base=direct,
                        progress=lambda done, total: progress.update(task, completed=done, total=total),
                    )
                )
            except (ConnectionFailedError, TimeLimitError) as exc:
                # The source is unreachable: the other symbols would fail the same way, slowly.
                fail(str(exc), 1)
            except DownloadError as exc:
                error(str(exc))
                failed.append(symbol)
    return fetched, failed
