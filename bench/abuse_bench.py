"""Benchmark: search latency while the server is being abused (issue #14's load run).

One `rightstrack serve` (as deployed: default workers, query cache as configured) over a SQLite
store holding UPR Info's data. Search clients run the 50 bench queries in a closed loop, first
alone ("idle"), then again while, at the same time:

- 40 clients send wrong passwords without pause, every try from another loopback address and
  for another user name (a botnet: neither the per-address nor the per-name brake applies, so
  every try reaches the password check unless the server bounds that work);
- one signed-in plan owner uploads the largest spreadsheet the server accepts (as many new
  measures as one import may make), again and again, and between them two it refuses: one
  change too many, and a sheet one row longer than allowed.

The target (issue #14): search p95 under abuse stays within 3× of its idle value. Printed: p50,
p95 and p99 of both phases, their ratio, what the sign-in and upload clients were answered, and
how long each upload took. Not a test: run it with ``make bench`` or on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import multiprocessing
import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event as EventFlag
from pathlib import Path

import aiohttp
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))

from queries import QUERIES
from search_bench import percentile
from web_bench import rightstrack_params, serving

from rightstrack import config
from rightstrack.accounts import create_user
from rightstrack.ingest.loading import load_paths
from rightstrack.store.database import open_store
from rightstrack.tracking.inputs import NewPlan
from rightstrack.tracking.plans import create_plan

SEARCH_CLIENTS = 50
SIGN_IN_CLIENTS = 40
TARGET_RATIO = 3.0
OWNER, OWNER_PASSWORD = "bench-owner", "Correct-Horse-Battery-Staple-1957"
PROBE = "/api/v1/search?per_page=0"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def upload_sizes() -> tuple[int, int]:
    """The most new measures one upload may make, and the most rows a sheet may hold, as the
    server's own code says: the largest accepted upload, and the row count refused unread."""
    try:
        from rightstrack.tracking.spreadsheet_import import MAX_CHANGES
        from rightstrack.tracking.spreadsheets import MAX_ROWS
    except ImportError:  # code from before issue 14 (run for comparison) had no limits
        return 5_000, 5_000
    return MAX_CHANGES, MAX_ROWS


def measures_workbook(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Measures")
    # No agency column: a new agency is a change too, and the accepted upload is all measures.
    sheet.append(["id", "version", "title", "description", "target date"])
    for number in range(rows):
        sheet.append(["", "", f"Measure {number}", "Train judges on the new law", "2027-12-31"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def prepared_store(folder: Path) -> tuple[Path, int]:
    database = folder / "abuse.sqlite3"
    engine = open_store(f"sqlite:///{database}")
    load_paths(engine, [config.upr_info_dir()])
    with engine.begin() as connection:
        owner = create_user(connection, OWNER, OWNER_PASSWORD)
    plan_id = create_plan(engine, owner, NewPlan(state="Slovenia", cycles=(1, 2), title="Bench plan"))
    engine.dispose()
    return database, plan_id


def jar() -> aiohttp.CookieJar:
    """Cookies kept for 127.0.0.1 too (aiohttp drops cookies of IP-address hosts by default)."""
    return aiohttp.CookieJar(unsafe=True)


async def csrf_of(http: aiohttp.ClientSession, url: str) -> str:
    async with http.get(url) as response:
        page = await response.text()
    found = CSRF_INPUT.search(page)
    if not found:
        raise RuntimeError(f"no CSRF field on {url} ({response.status})")
    return found.group(1)


async def searches(base: str, rounds: int) -> list[float]:
    requests = [rightstrack_params(text, filters) for text, filters in QUERIES]
    latencies: list[float] = []

    async def client(number: int, http: aiohttp.ClientSession) -> None:
        for round_number in range(rounds):
            offset = (number * 7 + round_number) % len(requests)
            for params in requests[offset:] + requests[:offset]:
                started = time.perf_counter()
                async with http.get(base + "/api/v1/search", params=params) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"search answered {response.status}")
                latencies.append((time.perf_counter() - started) * 1000)

    connector = aiohttp.TCPConnector(limit=SEARCH_CLIENTS)
    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        await asyncio.gather(*(client(n, http) for n in range(SEARCH_CLIENTS)))
    return latencies


def stranger_address(number: int, attempt: int) -> str:
    """A loopback address of its own for each try: a botnet, which no per-address brake stops."""
    return f"127.{1 + attempt // 250 % 250}.{number + 1}.{attempt % 250 + 1}"


async def wrong_passwords(base: str, number: int, stop: asyncio.Event, answers: Counter[str]) -> None:
    """One stranger guessing until the searches are done, each try from another address and for
    another user name, so that neither the per-address nor the per-name brake ever applies and
    only the server's bound on password hashing keeps the work in check."""
    timeout = aiohttp.ClientTimeout(total=120)
    attempt = 0
    while not stop.is_set():
        attempt += 1
        connector = aiohttp.TCPConnector(limit=1, local_addr=(stranger_address(number, attempt), 0))
        async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=jar()) as http:
            try:
                token = await csrf_of(http, base + "/login")
                name = f"guess{number}-{attempt}"
                form = {"username": name, "password": f"wrong-{attempt}", "csrf_token": token}
                async with http.post(base + "/login", data=form, allow_redirects=False) as response:
                    await response.read()
                    answers[str(response.status)] += 1
            except (aiohttp.ClientError, TimeoutError) as error:
                answers[type(error).__name__] += 1


async def sign_in_owner(http: aiohttp.ClientSession, base: str) -> int:
    """Signs the plan owner in as a person would, trying again while the server says it is busy
    (503); returns how many tries it took."""
    for attempt in range(1, 61):
        token = await csrf_of(http, base + "/login")
        form = {"username": OWNER, "password": OWNER_PASSWORD, "csrf_token": token, "next": "/plans"}
        async with http.post(base + "/login", data=form, allow_redirects=False) as response:
            if response.status == 303:
                return attempt
            if response.status not in (429, 503):
                raise RuntimeError(f"the plan owner could not sign in ({response.status})")
            await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
    raise RuntimeError("the plan owner could not sign in in 60 tries")


async def uploads(
    base: str, plan_id: int, stop: asyncio.Event, answers: Counter[str], seconds: list[float]
) -> None:
    changes, sheet_rows = upload_sizes()
    accepted = measures_workbook(changes)
    refused = (
        ("one change over", measures_workbook(changes + 1)),
        ("sheet rows over", measures_workbook(sheet_rows + 1)),
    )
    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(timeout=timeout, cookie_jar=jar()) as http:
        try:
            answers[f"owner signed in after tries: {await sign_in_owner(http, base)}"] += 1
        except RuntimeError as refused:  # the old code could answer 500 here ("database is locked")
            answers[str(refused)] += 1
            return
        while not stop.is_set():
            for label, body in (("largest accepted", accepted), *refused):
                token = await csrf_of(http, f"{base}/plans/{plan_id}")
                data = aiohttp.FormData()
                data.add_field("csrf_token", token)
                data.add_field("file", body, filename="plan.xlsx")
                started = time.perf_counter()
                async with http.post(
                    f"{base}/plans/{plan_id}/import", data=data, allow_redirects=False
                ) as response:
                    page = await response.text()
                    answers[f"{label}: {response.status}"] += 1
                    if response.status >= 400:  # what the server said, counted like the codes
                        said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
                        found = re.search(r"(nothing was imported|[^.]*limit)[^.]*", said)
                        answers[f"{label}: {(found.group(0) if found else said)[:140].strip()}"] += 1
                if label == "largest accepted":
                    seconds.append(time.perf_counter() - started)


@dataclass
class Abused:
    latencies: list[float]
    sign_ins: Counter[str]
    imports: Counter[str]
    seconds: list[float]  # each accepted upload, from sending to the answer


async def abuse(base: str, plan_id: int, kinds: str, stop_flag: EventFlag) -> Abused:
    """The strangers and the uploader, until ``stop_flag`` is set (by the process timing searches)."""
    stop = asyncio.Event()
    sign_ins: Counter[str] = Counter()
    imports: Counter[str] = Counter()
    import_seconds: list[float] = []
    tasks = []
    if kinds in ("all", "sign-ins"):
        tasks += [
            asyncio.create_task(wrong_passwords(base, n, stop, sign_ins)) for n in range(SIGN_IN_CLIENTS)
        ]
    if kinds in ("all", "uploads"):
        tasks.append(asyncio.create_task(uploads(base, plan_id, stop, imports, import_seconds)))
    while not stop_flag.is_set():
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.gather(*tasks)
    return Abused([], sign_ins, imports, import_seconds)


def abuser(base: str, plan_id: int, kinds: str, stop_flag: EventFlag, results: Queue[Abused]) -> None:
    """The abuse runs in a process of its own: its client-side work (a new connection and session
    for every try) must not delay the event loop that times the searches."""
    results.put(asyncio.run(abuse(base, plan_id, kinds, stop_flag)))


def abused(base: str, plan_id: int, rounds: int, kinds: str) -> Abused:
    context = multiprocessing.get_context("spawn")
    stop_flag, results = context.Event(), context.Queue()
    process = context.Process(target=abuser, args=(base, plan_id, kinds, stop_flag, results))
    process.start()
    time.sleep(3)  # let the abuse start before the searches are timed
    latencies = asyncio.run(searches(base, rounds))
    stop_flag.set()
    outcome: Abused = results.get(timeout=600)
    process.join(timeout=60)
    outcome.latencies = latencies
    return outcome


def summary(name: str, latencies: list[float]) -> dict[float, float]:
    figures = {q: percentile(latencies, q) for q in (0.5, 0.95, 0.99)}
    print(
        f"  {name:<34} {len(latencies):>6} searches  p50={figures[0.5]:8.1f} ms  "
        f"p95={figures[0.95]:8.1f} ms  p99={figures[0.99]:8.1f} ms"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="query-list rounds per search client")
    parser.add_argument("--cache", default="0", help="RIGHTSTRACK_QUERY_CACHE for the server (0: off)")
    parser.add_argument(
        "--abuse", choices=("all", "sign-ins", "uploads"), default="all", help="which abuse to run"
    )
    arguments = parser.parse_args()
    changes, sheet_rows = upload_sizes()
    print(
        f"Search under abuse: {SEARCH_CLIENTS} search clients, {SIGN_IN_CLIENTS} concurrent wrong "
        f"sign-ins, uploads of {changes:,} new measures (and {changes + 1:,} and {sheet_rows + 1:,} "
        f"rows, refused); query cache {arguments.cache}; abuse: {arguments.abuse}; {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as folder:
        database, plan_id = prepared_store(Path(folder))
        environment = {
            **os.environ,
            "RIGHTSTRACK_DB": str(database),
            "RIGHTSTRACK_CACHE": str(Path(folder) / "cache"),
            "RIGHTSTRACK_QUERY_CACHE": arguments.cache,
        }
        command = [str(Path(sys.executable).parent / "rightstrack"), "serve"]
        with serving(command, environment, PROBE, startup_seconds=300) as base:
            asyncio.run(searches(base, 1))  # warm: words, pages, the first of each query
            idle = summary("idle", asyncio.run(searches(base, arguments.rounds)))
            result = abused(base, plan_id, arguments.rounds, arguments.abuse)
    loaded = summary("under abuse", result.latencies)
    ratio = loaded[0.95] / idle[0.95]
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"  p95 under abuse / idle: {ratio:.2f} (target ≤ {TARGET_RATIO:.0f}: {verdict})")
    print(f"  wrong sign-ins answered: {dict(result.sign_ins)}")
    print(f"  uploads answered: {dict(result.imports)}")
    seconds = sorted(result.seconds)
    if seconds:
        print(
            f"  largest accepted upload: {len(seconds)} done, p50 {percentile(seconds, 0.5):.2f} s, "
            f"max {seconds[-1]:.2f} s"
        )


if __name__ == "__main__":
    main()
