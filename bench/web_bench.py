"""Benchmark: the JSON API under 20 concurrent clients, side by side with Datasette.

Both serve the same SQLite file on loopback, one process each, and answer the same searches:
full text through the FTS5 index plus facet counts. RightsTrack counts all 13 facets; Datasette
counts the 7 that are columns of the table (it cannot facet on issues or recommending states,
which live in other tables), so Datasette does less work per request. Queries that filter on
those other tables are left out of the comparison; a filter on a regional group becomes
``sur_code__in`` with the group's members.

Run with ``make bench``. Targets of issue #3: p95 < 50 ms under this load, throughput ≥ 2× Datasette.
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
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))

from queries import QUERIES
from search_bench import percentile

from rightstrack import config
from rightstrack.reference.states import all_states, parse_group, resolve_state
from rightstrack.search.textquery import Phrase, Term, leaves, parse_query
from rightstrack.store.database import open_store
from rightstrack.store.loading import load_paths

CLIENTS = 20
ROUNDS = 4  # each client runs the query list this many times
P95_TARGET_MS = 50.0
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


async def load(base: str, path: str, requests: list[list[tuple[str, str]]]) -> dict[str, float]:
    latencies: list[float] = []
    failures = 0

    async def client(client_number: int, http: httpx.AsyncClient) -> None:
        nonlocal failures
        for round_number in range(ROUNDS):
            offset = (client_number * 7 + round_number) % len(requests)
            for params in requests[offset:] + requests[:offset]:
                started = time.perf_counter()
                response = await http.get(path, params=params)
                latencies.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures += 1

    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        await http.get(path, params=requests[0])  # warm the server before timing
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


def main() -> None:
    pairs = [(t, f, datasette_params(t, f)) for t, f in QUERIES]
    comparable = [(t, f, d) for t, f, d in pairs if d is not None]
    print(
        f"RightsTrack vs Datasette — {CLIENTS} concurrent clients, {len(comparable)} of {len(QUERIES)} "
        f"queries expressible in both, {ROUNDS} rounds, {os.cpu_count()} CPUs"
    )
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        engine = open_store(f"sqlite:///{database}")
        load_paths(engine, [config.upr_info_dir()])
        engine.dispose()
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(
            json.dumps(
                {
                    "databases": {
                        "bench": {
                            "tables": {"recommendations": {"fts_table": "recommendation_fts", "fts_pk": "id"}}
                        }
                    }
                }
            )
        )
        environment = {**os.environ, "RIGHTSTRACK_DB": str(database), "RIGHTSTRACK_CACHE": "off"}
        ours_port, theirs_port = free_port(), free_port()
        processes: list[subprocess.Popen[bytes]] = []
        try:
            ours = subprocess.Popen(
                [
                    str(bin_dir / "uvicorn"),
                    "--factory",
                    "rightstrack.web.app:create_app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(ours_port),
                    "--log-level",
                    "warning",
                ],
                env=environment,
            )
            processes.append(ours)
            theirs = subprocess.Popen(
                [
                    shutil.which("datasette", path=str(bin_dir)) or "datasette",
                    "serve",
                    str(database),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(theirs_port),
                    "--metadata",
                    str(metadata),
                    "--setting",
                    "sql_time_limit_ms",
                    "10000",
                    "--setting",
                    "facet_time_limit_ms",
                    "10000",
                    "--setting",
                    "num_sql_threads",
                    "3",
                ],
                env=environment,
                stderr=subprocess.DEVNULL,
            )
            processes.append(theirs)
            ours_base, theirs_base = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{theirs_port}"
            wait_until_up(ours_base + "/api/v1/search?per_page=0", ours)
            wait_until_up(theirs_base + "/bench/recommendations.json?_size=1", theirs)
            results: dict[str, dict[str, Any]] = {}
            ours_requests = [rightstrack_params(t, f) for t, f, _ in comparable]
            theirs_requests = [d for _, _, d in comparable]
            results["RightsTrack (13 facets)"] = asyncio.run(load(ours_base, "/api/v1/search", ours_requests))
            results["Datasette (7 facets)"] = asyncio.run(
                load(theirs_base, "/bench/recommendations.json", theirs_requests)
            )
            all_requests = [rightstrack_params(t, f) for t, f in QUERIES]
            results["RightsTrack, all 50 queries"] = asyncio.run(
                load(ours_base, "/api/v1/search", all_requests)
            )
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=20)
    for name, figures in results.items():
        print(
            f"  {name:<30} {figures['requests']:>5} requests  {figures['failures']} failed  "
            f"{figures['throughput']:7.1f} req/s  p50={figures['p50']:7.1f} ms  "
            f"p95={figures['p95']:7.1f} ms  p99={figures['p99']:7.1f} ms  "
            f"p95/target={figures['p95'] / P95_TARGET_MS:.2f}"
        )
    ours_figures, theirs_figures = results["RightsTrack (13 facets)"], results["Datasette (7 facets)"]
    ratio = ours_figures["throughput"] / theirs_figures["throughput"]
    print(f"  throughput ratio RightsTrack / Datasette: {ratio:.2f}")
    print(f"  p95 ratio Datasette / RightsTrack: {theirs_figures['p95'] / ours_figures['p95']:.2f}")


if __name__ == "__main__":
    main()
