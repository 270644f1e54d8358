"""Benchmark: every row of issue #17's table, on the real data (39k) and the scale dataset (500k),
on SQLite and on PostgreSQL, each with its target, the ratio to it, and how it grew from 39k.

The stores come from ``scale_store.py`` (built once, kept in the cache, reused while nothing they
depend on changed: their load time is the one measured when they were built). Each row is one
small function, so one can be run alone: ``--rows cli_search,searches``. The last thing printed is
a markdown table to paste into the issue. Other sessions may share the CPUs: say so with the numbers.

Run: ``python bench/scale_bench.py [--sizes 39k,500k] [--backends sqlite,postgresql] [--rows ...]``.
Rows: help, cli_search, cli_show, cli_states, cli_stats, cli_elections, load, searches, index,
worker_memory, api, make_test (``make test``'s duration is not measured here: set
``RIGHTSTRACK_MAKE_TEST_SECONDS`` to the one CI measured).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_data
import scale_store
from cli_bench import _run as run_cli
from queries import QUERIES
from search_bench import percentile
from sqlalchemy import Engine, func, select
from web_bench import PROBE, free_port, load, rightstrack_params, wait_until_up

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.store.database import open_store
from rightstrack.store.schema import RecommendationRow

CLI_REPEATS = 3
SEARCH_REPEATS = 3
HELP_REPEATS = 10
API_ROUNDS = 1
SERVER_START_S = 900  # at 500k a server's first start builds the index


@dataclass
class Context:
    """One store under test, and what its rows share (an engine, an indexed search)."""

    size: str
    backend: str
    store: scale_store.Store
    _engine: Engine | None = None
    _search: SearchEngine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_store(self.store.url)
        return self._engine

    def search(self) -> SearchEngine:
        if self._search is None:
            self._search = SearchEngine(self.engine, query_cache_size=0)
            self._search.index()
        return self._search


@dataclass
class Result:
    value: float | None
    detail: str = ""


@dataclass(frozen=True)
class Row:
    name: str
    what: str
    unit: str
    target: float
    measure: Callable[[Context], Result]
    higher_is_better: bool = False
    per_store: bool = True

    def ratio(self, value: float) -> float:
        return value / self.target


def _cli_row(args: list[str]) -> Callable[[Context], Result]:
    def measure(ctx: Context) -> Result:
        command = ["--db", ctx.store.url, *[a if a != "{id}" else str(_middle_id(ctx)) for a in args]]
        run_cli(command)  # once first: the index is built (and saved) if nothing saved it yet
        timings = sorted(run_cli(command)[0] for _ in range(CLI_REPEATS))
        return Result(timings[len(timings) // 2], f"median of {CLI_REPEATS}, max {timings[-1]:.2f} s")

    return measure


def _middle_id(ctx: Context) -> int:
    with ctx.engine.connect() as connection:
        ids = select(RecommendationRow.id).order_by(RecommendationRow.id)
        count = connection.scalar(select(func.count()).select_from(RecommendationRow)) or 1
        return int(connection.scalar(ids.offset(count // 2).limit(1)) or 1)


def measure_help(_ctx: Context) -> Result:
    run_cli(["--help"])  # writes the bytecode caches
    runs = [run_cli(["--help"]) for _ in range(HELP_REPEATS)]
    timings = sorted(took for took, _ in runs)
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    rss = max(kib for _, kib in runs) / 1024
    return Result(p95, f"p50 {p50:.2f} s, p95 {p95:.2f} s, peak RSS {rss:.0f} MiB")


def measure_load(ctx: Context) -> Result:
    """The UPR Info export's rows per second (the issue's row); UHRI's and all files' said beside."""
    done = ctx.store.load
    when = "recorded when the store was built" if ctx.store.reused else "measured now"
    upr = done.upr_rows_per_second
    uhri = done.uhri_rows_per_second
    uhri_shown = f"; UHRI export {uhri:,.0f} annotations/s" if uhri else ""
    return Result(
        upr or done.rows_per_second,
        f"UPR Info CSVs {done.upr_rows:,} rows in {done.upr_seconds:.1f} s{uhri_shown}; all files "
        f"{done.rows:,} rows ({done.records:,} records) in {done.seconds:.1f} s, {when}",
    )


def measure_index(ctx: Context) -> Result:
    previous = os.environ.get("RIGHTSTRACK_CACHE")
    os.environ["RIGHTSTRACK_CACHE"] = "off"  # the build itself, not a read of a saved copy
    try:
        search = SearchEngine(ctx.engine, query_cache_size=0)
        started = time.perf_counter()
        search.index()
        took = time.perf_counter() - started
    finally:
        if previous is None:
            os.environ.pop("RIGHTSTRACK_CACHE")
        else:
            os.environ["RIGHTSTRACK_CACHE"] = previous
    ctx._search = search
    return Result(took, "RIGHTSTRACK_CACHE=off")


def measure_searches(ctx: Context) -> Result:
    search = ctx.search()
    queries = [SearchQuery.build(q, f, per_page=20) for q, f in QUERIES]
    took = [search.search(query).took_ms for _ in range(1 + SEARCH_REPEATS) for query in queries]
    p50, p95 = percentile(took, 0.5), percentile(took, 0.95)
    return Result(p95, f"n={len(took)}, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(took):.1f} ms")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _rollup(pid: int) -> dict[str, int]:
    """Rss and Pss of a process, in KiB, from /proc/PID/smaps_rollup."""
    figures = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            figures[name] = int(rest.split()[0])
    return figures


@contextmanager
def serving(ctx: Context, query_cache: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).parent / "rightstrack"), "--db", ctx.store.url, "serve"]
    command += ["--workers", "2", "--host", "127.0.0.1", "--port", str(port)]
    environment = {**os.environ, "RIGHTSTRACK_QUERY_CACHE": query_cache}
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base + PROBE, process, SERVER_START_S)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure_worker_memory(ctx: Context) -> Result:
    requests = [rightstrack_params(t, f) for t, f in QUERIES]
    with serving(ctx, "128") as (base, process):
        asyncio.run(load(base, "/api/v1/search", requests, 1))  # warm-up: every search, 20 clients
        workers = [
            pid
            for pid in _children(process.pid)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        figures = [_rollup(pid) for pid in workers]
    if not figures:
        return Result(None, "no worker process found")
    worst = max(figures, key=lambda f: f["Pss"])
    shown = "; ".join(f"RSS {f['Rss'] / 1024:.0f} MiB, PSS {f['Pss'] / 1024:.0f} MiB" for f in figures)
    return Result(worst["Pss"] / 1024, f"{len(figures)} workers: {shown} (value: largest PSS)")


def measure_api(ctx: Context) -> Result:
    requests = [rightstrack_params(t, f) for t, f in QUERIES]
    with serving(ctx, "0") as (base, _process):
        figures = asyncio.run(load(base, "/api/v1/search", requests, API_ROUNDS))
    return Result(
        figures["p95"],
        f"{figures['requests']:.0f} requests, {figures['failures']:.0f} failed, "
        f"{figures['throughput']:.0f} req/s, p50 {figures['p50']:.0f} ms, query cache off, 2 workers",
    )


def measure_make_test(_ctx: Context) -> Result:
    configured = os.environ.get("RIGHTSTRACK_MAKE_TEST_SECONDS")
    if configured:
        return Result(float(configured) / 60, "from RIGHTSTRACK_MAKE_TEST_SECONDS")
    return Result(None, "see CI (not run here)")


ROWS = (
    Row("help", "`rightstrack --help` (p95)", "s", 0.3, measure_help, per_store=False),
    Row("cli_search", "`rightstrack search women`", "s", 1.0, _cli_row(["search", "women"])),
    Row("cli_show", "`rightstrack show ID`", "s", 1.0, _cli_row(["show", "{id}"])),
    Row("cli_states", "`rightstrack states Slovenia`", "s", 1.0, _cli_row(["states", "Slovenia"])),
    Row("cli_stats", "`rightstrack stats`", "s", 1.0, _cli_row(["stats"])),
    Row("cli_elections", "`rightstrack elections 2016`", "s", 1.0, _cli_row(["elections", "2016"])),
    Row("load", "load, UPR Info export, rows/s", "rows/s", 20_000, measure_load, higher_is_better=True),
    Row("searches", "50 bench searches, uncached, in-process (p95)", "ms", 30, measure_searches),
    Row("index", "facet index build", "s", 10, measure_index),
    Row("worker_memory", "memory of one server worker (PSS, 2 workers)", "MiB", 400, measure_worker_memory),
    Row("api", "API, 20 concurrent clients, never-asked searches (p95)", "ms", 50, measure_api),
    Row("make_test", "`make test`", "min", 8, measure_make_test, per_store=False),
)


def parse_size(label: str) -> int | None:
    """Records of a size label: None for the real data (``39k``), else ``500k``, ``1.5m``, ``2000``."""
    label = label.strip().lower()
    if label in ("39k", "real"):
        return None
    scale = {"k": 1_000, "m": 1_000_000}.get(label[-1:], 1)
    return round(float(label.rstrip("km")) * scale)


@dataclass
class Table:
    rows: list[Row]
    columns: list[tuple[str, str]]  # (size, backend)
    cells: dict[tuple[str, str, str], Result] = field(default_factory=dict)

    def cell(self, row: Row, column: tuple[str, str]) -> str:
        result = self.cells.get((row.name, *column))
        if result is None or result.value is None:
            return result.detail if result else "—"
        value = result.value
        shown = f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
        return f"{shown} {row.unit} (×{row.ratio(value):.2f})"

    def growth(self, row: Row, backend: str) -> str:
        sizes = [size for size, b in self.columns if b == backend]
        first, last = (self.cells.get((row.name, size, backend)) for size in (sizes[0], sizes[-1]))
        if not row.per_store or len(sizes) < 2 or not (first and last and first.value and last.value):
            return "—"
        return f"×{last.value / first.value:.2f}"

    def markdown(self) -> str:
        backends = list(dict.fromkeys(b for _, b in self.columns))
        header = ["what", "target"]
        for backend in backends:
            header += [f"{size} {backend}" for size, b in self.columns if b == backend]
            header.append(f"growth {backend}")
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for row in self.rows:
            sign = "≥" if row.higher_is_better else "≤"
            cells = [row.what, f"{sign} {row.target:,g} {row.unit}"]
            for backend in backends:
                cells += [self.cell(row, c) for c in self.columns if c[1] == backend]
                cells.append(self.growth(row, backend))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)


def contexts(sizes: list[str], backends: list[str], fresh: bool) -> Iterator[Context]:
    for size in sizes:
        records = parse_size(size)
        if records is None:
            spec = scale_store.real_spec()
        else:
            started = time.perf_counter()
            dataset = scale_data.build(records)
            print(f"dataset {size}: {dataset.folder} ({time.perf_counter() - started:.0f} s)", flush=True)
            spec = scale_store.scale_spec(dataset, size)
        for backend in backends:
            started = time.perf_counter()
            store = scale_store.store(spec, backend, fresh=fresh)
            how = "reused" if store.reused else f"built in {time.perf_counter() - started:.0f} s"
            print(f"store {size} {backend}: {how}, {store.load.records:,} records", flush=True)
            yield Context(size, backend, store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="39k,500k")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--rows", default=",".join(r.name for r in ROWS))
    parser.add_argument("--fresh", action="store_true", help="load the stores anew, timing the load now")
    args = parser.parse_args()
    wanted = [name.strip() for name in args.rows.split(",")]
    unknown = set(wanted) - {r.name for r in ROWS}
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    rows = [r for r in ROWS if r.name in wanted]
    sizes = [s.strip() for s in args.sizes.split(",")]
    backends = [b.strip() for b in args.backends.split(",")]
    table = Table(rows, [(s, b) for s in sizes for b in backends])
    print(f"issue #17 scale benchmark: {os.cpu_count()} CPUs (shared with other sessions' work if any)")
    once: dict[str, Result] = {}
    for ctx in contexts(sizes, backends, args.fresh):
        for row in rows:
            if not row.per_store and row.name in once:
                result = once[row.name]
            else:
                try:
                    result = row.measure(ctx)
                except Exception as exc:  # one row failing leaves the others to run
                    result = Result(None, f"failed: {type(exc).__name__}: {str(exc)[:200]}")
                once.setdefault(row.name, result)
            table.cells[(row.name, ctx.size, ctx.backend)] = result
            shown = table.cell(row, (ctx.size, ctx.backend))
            print(f"  {ctx.size:>5} {ctx.backend:<10} {row.what:<52} {shown:<28} {result.detail}", flush=True)
        if ctx._engine is not None:
            ctx._engine.dispose()
    print("\n" + table.markdown())


if __name__ == "__main__":
    main()
