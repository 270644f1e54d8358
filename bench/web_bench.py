"""Benchmark: the JSON API under 20 concurrent clients, side by side with Datasette.

Both serve the same SQLite file on loopback, one process each, and answer the same searches:
full text through the FTS5 index plus facet counts. RightsTrack counts all 17 facets; Datasette
counts the 7 that are columns of the table (it cannot facet on issues or recommending states,
which live in other tables), so Datasette does less work per request. Queries that filter on
those other tables are left out of the comparison; a filter on a regional group becomes
``sur_code__in`` with the group's members.

RightsTrack runs twice: as deployed (its query cache keeps evaluated searches; every query here
is repeated, so nearly all requests are answered from it) and with the cache off, every search
evaluated afresh — the figure for queries never asked before. Datasette has no result cache; it
runs in its immutable mode, its fastest for a file that does not change.

Run with ``make bench``. Targets of issue #3: p95 < 50 ms under this load, throughput ≥ 2× Datasette.

``python bench/web_bench.py first`` (also part of ``make bench``) measures the first page after a
start (issue #18): the server is started afresh FIRST_STARTS times per page, and the first request
it gets once it answers is timed — a record's page and a state's page, each with the data of
``make run`` (UPR Info's export and Slovenia's UN documents). Target: p95 under 300 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import httpx

sys.path.insert(0, str(Path(__file__).parent))

from queries import QUERIES
from search_bench import percentile

from rightstrack import config
from rightstrack.ingest.loading import load_paths
from rightstrack.reference.states import all_states, parse_group, resolve_state
from rightstrack.search.textquery import Phrase, Term, leaves, parse_query
from rightstrack.store.database import open_store

CLIENTS = 20
ROUNDS = 4  # each client runs the query list this many times
DATASETTE_ROUNDS = 1  # the same list, once: at Datasette's speed that is already ~600 requests
PROBE = "/api/v1/search?per_page=0"
THEIR_PROBE = "/bench/recommendations.json?_size=1"
P95_TARGET_MS = 50.0
FIRST_STARTS = 10
FIRST_TARGET_MS = 300.0
SINGLE_COLUMN = {
    "type": "kind",
    "session": "session",
    "cycle": "cycle",
    "year": "year",
    "response": "response",
}
DATASETTE_FACETS = ["kind", "sur_code", "session", "cycle", "year", "response", "action_category"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def datasette_params(text: str, filters: dict[str, list[str]]) -> list[tuple[str, str]] | None:
    """The same search for Datasette, or None where Datasette's table cannot express it."""
    params: list[tuple[str, str]] = [("_size", "20"), ("_shape", "objects")]
    params += [("_facet", facet) for facet in DATASETTE_FACETS]
    if text:
        node = parse_query(text)
        # Datasette passes raw FTS5 syntax through; only plain AND queries translate one to one.
        if any(op in text for op in (" OR ", "NOT ", "-", "(")):
            return None
        parts = []
        for leaf in leaves(node):
            if isinstance(leaf, Term):
                parts.append(f'"{leaf.form}"' + ("*" if leaf.prefix else ""))
            elif isinstance(leaf, Phrase):
                parts.append('"' + " ".join(leaf.forms) + '"')
        params += [("_search", " ".join(parts)), ("_searchmode", "raw")]
    for name, values in filters.items():
        if name in SINGLE_COLUMN and len(values) == 1:
            value = "recommendation" if values == ["recommendation"] else values[0]
            params.append((f"{SINGLE_COLUMN[name]}__exact", value))
        elif name == "action" and len(values) == 1:
            params.append(("action_category__exact", values[0]))
        elif name == "sur_group":
            group = parse_group(values[0]).value
            codes = [
                s.code for s in all_states().values() if s.regional_group and s.regional_group.value == group
            ]
            params.append(("sur_code__in", ",".join(codes)))
        elif name == "sur":
            params.append(("sur_code__exact", resolve_state(values[0]).code))
        else:
            return None
    return params


def rightstrack_params(text: str, filters: dict[str, list[str]]) -> list[tuple[str, str]]:
    params = [("per_page", "20")]
    if text:
        params.append(("q", text))
    params += [(name, value) for name, values in filters.items() for value in values]
    return params


async def load(base: str, path: str, requests: list[list[tuple[str, str]]], rounds: int) -> dict[str, float]:
    """CLIENTS closed-loop clients, each sending the queries in its own rotation, ``rounds`` times."""
    latencies: list[float] = []
    failures = 0

    async def client(client_number: int, http: aiohttp.ClientSession) -> None:
        nonlocal failures
        for round_number in range(rounds):
            offset = (client_number * 7 + round_number) % len(requests)
            for params in requests[offset:] + requests[:offset]:
                started = time.perf_counter()
                async with http.get(base + path, params=params) as response:
                    await response.read()
                    if response.status != 200:
                        failures += 1
                latencies.append((time.perf_counter() - started) * 1000)

    # aiohttp rather than httpx: its C parser leaves more of the shared CPUs to the servers.
    connector = aiohttp.TCPConnector(limit=CLIENTS)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        for params in requests:  # warm the server (and, where it has one, its cache of words)
            async with http.get(base + path, params=params) as response:
                await response.read()
        started = time.perf_counter()
        await asyncio.gather(*(client(n, http) for n in range(CLIENTS)))
        elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "failures": failures,
        "throughput": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
    }


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {url}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not start: {url}")


@contextmanager
def serving(
    command: list[str], environment: dict[str, str], probe: str, startup_seconds: float = 90
) -> Iterator[str]:
    """Runs one server on a free loopback port for the duration of the block; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base + probe, process, startup_seconds)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def print_results(results: dict[str, dict[str, float]]) -> None:
    for name, figures in results.items():
        print(
            f"  {name:<40} {figures['requests']:>5.0f} requests  {figures['failures']:.0f} failed  "
            f"{figures['throughput']:7.1f} req/s  p50={figures['p50']:7.1f} ms  "
            f"p95={figures['p95']:7.1f} ms  p99={figures['p99']:7.1f} ms  "
            f"p95/target={figures['p95'] / P95_TARGET_MS:.2f}"
        )


def first_requests(starts: int = FIRST_STARTS) -> None:
    """The first request after each of ``starts`` fresh starts, per page: p50, p95 and max."""
    from sqlalchemy import text

    from rightstrack.ingest.pipeline import ingest_paths

    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        engine = open_store(f"sqlite:///{database}")
        load_paths(engine, [config.upr_info_dir()])
        ingest_paths(engine, [config.ohchr_documents_dir() / "slovenia"])
        with engine.connect() as connection:
            cited = connection.execute(
                text("SELECT id FROM recommendations WHERE document_symbol IS NOT NULL ORDER BY id LIMIT 1")
            ).scalar_one()
        engine.dispose()
        # As deployed: the cache folder (facet index, compiled templates) outlives each start.
        environment = {**os.environ, "RIGHTSTRACK_DB": str(database), "RIGHTSTRACK_CACHE": folder}
        pages = {"record": f"/records/{cited}", "state": "/states/Slovenia"}
        print(f"First request after a start, {starts} starts per page, {os.cpu_count()} CPUs")
        for name, path in pages.items():
            latencies = []
            for _ in range(starts):
                with serving([str(bin_dir / "rightstrack"), "serve"], environment, PROBE) as base:
                    started = time.perf_counter()
                    response = httpx.get(base + path, timeout=60)
                    latencies.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{path}: status {response.status_code}")
            print(
                f"  {name:<7} {path:<22} p50={percentile(latencies, 0.5):7.1f} ms  "
                f"p95={percentile(latencies, 0.95):7.1f} ms  max={max(latencies):7.1f} ms  "
                f"p95/target={percentile(latencies, 0.95) / FIRST_TARGET_MS:.2f}"
            )


def main() -> None:
    pairs = [(t, f, datasette_params(t, f)) for t, f in QUERIES]
    comparable = [(t, f, d) for t, f, d in pairs if d is not None]
    print(
        f"RightsTrack vs Datasette — {CLIENTS} concurrent clients on loopback, {len(comparable)} of "
        f"{len(QUERIES)} queries expressible in both, {os.cpu_count()} CPUs shared by servers and clients"
    )
    bin_dir = Path(sys.executable).parent
    ours_requests = [rightstrack_params(t, f) for t, f, _ in comparable]
    theirs_requests = [d for _, _, d in comparable if d is not None]
    all_requests = [rightstrack_params(t, f) for t, f in QUERIES]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        engine = open_store(f"sqlite:///{database}")
        load_paths(engine, [config.upr_info_dir()])
        engine.dispose()
        metadata = Path(folder) / "metadata.json"
        fts = {"recommendations": {"fts_table": "recommendation_fts", "fts_pk": "id"}}
        metadata.write_text(json.dumps({"databases": {"bench": {"tables": fts}}}))
        environment = {**os.environ, "RIGHTSTRACK_DB": str(database), "RIGHTSTRACK_CACHE": "off"}
        datasette = shutil.which("datasette", path=str(bin_dir)) or "datasette"
        # Datasette's fastest mode for a file that does not change, and the same time limits.
        datasette_options = ["--immutable", str(database), "--metadata", str(metadata)]
        datasette_options += ["--setting", "sql_time_limit_ms", "10000"]
        datasette_options += ["--setting", "facet_time_limit_ms", "10000"]
        for processes in (1, 2):
            ours = [str(bin_dir / "rightstrack"), "serve", "--workers", str(processes)]
            for label, cache in (("query cache on (default)", "128"), ("query cache off", "0")):
                with serving(ours, {**environment, "RIGHTSTRACK_QUERY_CACHE": cache}, PROBE) as base:
                    results[f"{processes}P RightsTrack, {label}"] = asyncio.run(
                        load(base, "/api/v1/search", ours_requests, ROUNDS)
                    )
            theirs = [datasette, "serve"] if processes == 1 else [datasette, "gunicorn", "-w", str(processes)]
            with serving([*theirs, *datasette_options], environment, THEIR_PROBE) as base:
                results[f"{processes}P Datasette (7 facets, no cache)"] = asyncio.run(
                    load(base, "/bench/recommendations.json", theirs_requests, DATASETTE_ROUNDS)
                )
        ours = [str(bin_dir / "rightstrack"), "serve"]
        with serving(ours, {**environment, "RIGHTSTRACK_QUERY_CACHE": "0"}, PROBE) as base:
            results[f"default RightsTrack, all {len(QUERIES)} queries, no cache"] = asyncio.run(
                load(base, "/api/v1/search", all_requests, ROUNDS)
            )
    print_results(results)
    for processes in (1, 2):
        theirs_figures = results[f"{processes}P Datasette (7 facets, no cache)"]
        for label in ("query cache on (default)", "query cache off"):
            figures = results[f"{processes}P RightsTrack, {label}"]
            faster = figures["throughput"] / theirs_figures["throughput"]
            quicker = theirs_figures["p95"] / figures["p95"]
            print(
                f"  {processes} process(es) each, RightsTrack ({label}) / Datasette: "
                f"throughput ×{faster:.2f}, p95 ÷{quicker:.2f}"
            )


if __name__ == "__main__":
    if sys.argv[1:] == ["first"]:
        first_requests()
    else:
        main()
        first_requests()
