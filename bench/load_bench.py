"""Benchmark: loading UPR Info exports (issue #17, "Loading": at least 20,000 rows/s on SQLite and
PostgreSQL).

Loads, into a fresh store on each backend:

- the real data (``../shared/data/upr-info-2008-2014``: 39,245 rows in six files);
- one large file made here from the real rows (~314,000 rows: eight copies of every row, each copy
  with a clause of its own appended to the text and its session moved, so every copy is a new
  recommendation), written in UPR Info's layout to a temporary folder and deleted after.

Each load runs in a fresh child process, as ``rightstrack load`` does (so the lemmatiser's
dictionary and every cache start cold), timed around ``load_paths`` alone (not the interpreter's
start nor the imports). It prints rows per second (p50 and p95 over the runs, by wall clock), the
ratio of the slower run's rate to the target, and the child's CPU seconds: on SQLite that is
nearly all the work, on PostgreSQL the server's share (text search vectors, indexes) is not in it.
The load average is printed first: on a shared machine wall-clock rates drop with it.

PostgreSQL: ``$RIGHTSTRACK_BENCH_PG`` or ``$RIGHTSTRACK_TEST_PG`` (default the local ``test``
database); each run gets a schema of its own, dropped after. Skipped when no server answers.

Run: ``python bench/load_bench.py [--repeats N] [--big-repeats N] [--copies N] [--backend sqlite]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TARGET = 20_000  # rows per second
PG_URL = os.environ.get(
    "RIGHTSTRACK_BENCH_PG",
    os.environ.get("RIGHTSTRACK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
)
HEADER = (
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
)
# Appended to a copy's texts (with the copy's number), so each copy is new text that still reads
# like a recommendation and gives the lemmatiser words to work on.
CLAUSES = (
    "in particular in rural and remote areas",
    "with the technical assistance of the Office of the High Commissioner",
    "and to report on the measures taken in its next periodic report",
    "ensuring the participation of civil society organisations",
    "allocating sufficient human and financial resources",
    "in line with the recommendations of the treaty bodies",
    "paying special attention to women, children and persons with disabilities",
    "by adopting the necessary legislative and administrative measures",
)


def child(backend_url: str, folder: str) -> None:
    """Load ``folder`` into the store at ``backend_url``; print the counts and times as JSON."""
    from rightstrack.ingest.loading import load_paths
    from rightstrack.store.database import open_store

    engine = open_store(backend_url)
    wall, cpu = time.perf_counter(), time.process_time()
    reports = load_paths(engine, [Path(folder)])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    engine.dispose()
    rows = sum(report.parsed.rows_read for report in reports)
    errors = sum(len(report.errors) for report in reports)
    added = sum(report.written.records_added for report in reports if report.written)
    print(json.dumps({"rows": rows, "errors": errors, "added": added, "wall": wall, "cpu": cpu}))


@contextmanager
def fresh_store(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        path = workdir / f"store-{uuid.uuid4().hex[:8]}.sqlite3"
        try:
            yield f"sqlite:///{path}"
        finally:
            for leftover in workdir.glob(f"{path.name}*"):
                leftover.unlink()
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL)
    schema = f"rt_bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def postgresql_answers() -> bool:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    engine = create_engine(PG_URL)
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def run_once(backend: str, folder: Path, workdir: Path) -> dict[str, float]:
    with fresh_store(backend, workdir) as url:
        done = subprocess.run(
            [sys.executable, __file__, "--child", url, str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if result["errors"]:
        raise SystemExit(f"{folder}: {result['errors']} rows refused; the benchmark's files must be clean")
    return result


def report(name: str, runs: list[dict[str, float]]) -> None:
    rates = sorted(run["rows"] / run["wall"] for run in runs)
    cpu = sorted(run["rows"] / run["cpu"] for run in runs)
    p50, slow = rates[len(rates) // 2], rates[0]  # the slowest run stands for p95 with few runs
    print(
        f"{name:<34} {int(runs[0]['rows']):>8,} rows  p50 {p50:>8,.0f} rows/s  p95 {slow:>8,.0f} rows/s  "
        f"ratio to {TARGET:,}: {slow / TARGET:4.2f}   (client CPU: {cpu[len(cpu) // 2]:,.0f} rows/CPU-s)"
    )


def make_big_file(folder: Path, copies: int) -> Path:
    """Eight (``copies``) varied copies of every real row, as one UTF-8 export."""
    from rightstrack import config
    from rightstrack.reference.sessions import all_sessions
    from rightstrack.sources.encoding import decode_bytes

    last_session = max(all_sessions())
    path = folder / "big-export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        sources = sorted(config.upr_info_dir().glob("*.csv"))
        for copy in range(copies):
            clause = f", {CLAUSES[copy % len(CLAUSES)]} (follow-up {copy + 1})"
            for source in sources:
                text = decode_bytes(source.read_bytes(), source.name).text
                rows = csv.DictReader(io.StringIO(text, newline=""))
                for row in rows:
                    session = (int(row["Session"]) - 1 + copy * 3) % last_session + 1
                    values = {**row, "Text": row["Text"].rstrip(" .") + clause + ".", "Session": str(session)}
                    writer.writerow([values.get(column, "") for column in HEADER])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs on the real data, per backend")
    parser.add_argument("--big-repeats", type=int, default=1, help="runs on the large file, per backend")
    parser.add_argument("--copies", type=int, default=8, help="copies of the real rows in the large file")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument("--child", nargs=2, metavar=("URL", "FOLDER"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
        return
    from rightstrack import config

    backends = arguments.backend or ["sqlite", "postgresql"]
    if "postgresql" in backends and not postgresql_answers():
        print(f"PostgreSQL: no server answers at {PG_URL}; skipped")
        backends.remove("postgresql")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"Loading UPR Info exports; target {TARGET:,} rows/s. "
        f"Load average now: {load} on {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="load-bench-") as temporary:
        workdir = Path(temporary)
        for backend in backends:
            runs = [run_once(backend, config.upr_info_dir(), workdir) for _ in range(arguments.repeats)]
            report(f"{backend}: real data, 6 files", runs)
        if arguments.big_repeats:
            big = workdir / "big"
            big.mkdir()
            started = time.perf_counter()
            make_big_file(big, arguments.copies)
            print(f"(large file made in {time.perf_counter() - started:.1f} s)")
            for backend in backends:
                runs = [run_once(backend, big, workdir) for _ in range(arguments.big_repeats)]
                report(f"{backend}: one large file", runs)


if __name__ == "__main__":
    main()
