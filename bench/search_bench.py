"""Benchmark: load and index all shared data, then 50 fixed searches with every facet counted.

Run with ``make bench``. Prints timings, percentiles and their ratio to the targets of issue #2
(full load < 20 s; faceted search with all facet counts p95 < 30 ms). Not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from queries import QUERIES, SHOWN_QUERIES
from sqlalchemy import create_engine, text

from rightstrack import config
from rightstrack.ingest.loading import load_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.store.database import open_store

LOAD_TARGET_S = 20.0
P95_TARGET_MS = 30.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def report(label: str, values: list[float], target: float | None = None) -> None:
    p50, p95, p99 = (percentile(values, q) for q in (0.5, 0.95, 0.99))
    line = (
        f"  {label:<44} n={len(values):<4} p50={p50:7.2f} ms  p95={p95:7.2f} ms  "
        f"p99={p99:7.2f} ms  max={max(values):7.2f} ms  mean={statistics.fmean(values):7.2f} ms"
    )
    if target:
        line += f"  p95/target={p95 / target:.2f}"
    print(line)


def bench_store(url: str, label: str, repeats: int) -> dict[str, float]:
    print(f"\n== {label} ==")
    started = time.perf_counter()
    engine = open_store(url)
    load_paths(engine, [config.upr_info_dir()])
    loaded = time.perf_counter() - started
    # Every search evaluated afresh: the query cache would otherwise answer the repeats.
    search = SearchEngine(engine, query_cache_size=0)
    started = time.perf_counter()
    search.index()
    indexed = time.perf_counter() - started
    total = loaded + indexed
    print(
        f"  load {loaded:.2f} s + facet index {indexed:.2f} s = {total:.2f} s "
        f"(target {LOAD_TARGET_S:.0f} s, ratio {total / LOAD_TARGET_S:.2f})"
    )
    queries = [SearchQuery.build(q, f, per_page=20) for q, f in QUERIES]
    cold, warm = [], []
    for query in queries:
        result = search.search(query)
        cold.append(result.took_ms)
    for _ in range(repeats):
        for query in queries:
            warm.append(search.search(query).took_ms)
    cached_search = SearchEngine(engine)
    for query in queries:
        cached_search.search(query)
    cached = [cached_search.search(query).took_ms for _ in range(repeats) for query in queries]
    report("first run of each query", cold, P95_TARGET_MS)
    report(f"repeated ({repeats}x each), no query cache", warm, P95_TARGET_MS)
    report(f"repeated ({repeats}x each), query cache", cached, P95_TARGET_MS)
    # Exclusions and ranges (issue #18), and one facet's every value as the type-ahead asks it.
    shown = [
        SearchQuery.build(q, f, per_page=20, excluded=x, date_from=start, date_to=end)
        for q, f, x, start, end in SHOWN_QUERIES
    ]
    shown_times = [search.search(query).took_ms for _ in range(repeats) for query in shown]
    facet_times = []
    for query in shown:
        for dimension in (Dimension.SUR, Dimension.RECOMMENDER, Dimension.ISSUE):
            started = time.perf_counter()
            search.facet(query, dimension)
            facet_times.append((time.perf_counter() - started) * 1000)
    report(f"exclusions and ranges ({repeats}x each), no cache", shown_times, P95_TARGET_MS)
    report("one facet's every value, no cache", facet_times, P95_TARGET_MS)
    slowest = sorted(zip(cold, QUERIES, strict=True), key=lambda item: -item[0])[:5]
    print("  slowest first runs: " + "; ".join(f"{q!r} {f} {ms:.1f} ms" for ms, (q, f) in slowest))
    engine.dispose()
    return {
        "load": total,
        "cold_p95": percentile(cold, 0.95),
        "warm_p95": percentile(warm, 0.95),
        "cached_p95": percentile(cached, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("RIGHTSTRACK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    os.environ["RIGHTSTRACK_CACHE"] = "off"  # measure the index build, not a read of a saved copy
    print(f"RightsTrack search benchmark — {len(QUERIES)} queries, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        sqlite = bench_store(
            f"sqlite:///{Path(folder) / 'bench.sqlite3'}", "SQLite (embedded default)", args.repeats
        )
    schema = f"rt_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.postgres)
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:
        print(f"\nPostgreSQL skipped: {exc}")
        return
    try:
        pg = bench_store(f"{args.postgres}?options=-csearch_path%3D{schema}", "PostgreSQL", args.repeats)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    print("\n== PostgreSQL / SQLite ratios ==")
    for key in ("load", "cold_p95", "warm_p95", "cached_p95"):
        print(f"  {key:<9} {pg[key] / sqlite[key]:.2f}")


if __name__ == "__main__":
    main()
