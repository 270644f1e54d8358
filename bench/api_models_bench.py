"""Benchmark: what declaring the search API's response model costs a search.

Three routes answer the same 50 searches (bench/queries.py, 20 hits each, every facet counted) on
all of UPR Info's data, through FastAPI's TestClient:

  (a) plain      as before response models: the route returns an orjson ``JSONResponse``;
  (b) validated  ``response_model=SearchOut`` and the route returns the dictionary, so FastAPI
                 validates it against the model and serialises it through pydantic;
  (c) declared   ``response_model=SearchOut`` for the schema, the route still returns a ready
                 ``JSONResponse``, which FastAPI sends as it is (what ``/api/v1/search`` does).

Each variant runs with the query cache off (every search evaluated afresh) and on (as deployed:
repeated searches come from the cache, so the answer's encoding is most of the time). Requests
interleave the variants, so drift of the shared CPUs falls on all three alike. Issue #16 allows
the model 10 % of search latency: the ratios to (a) say whether (b) stays within it.

Run with ``make bench`` or ``python bench/api_models_bench.py [--rounds N]``. Not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from queries import QUERIES
from search_bench import percentile

from rightstrack import config
from rightstrack.ingest.loading import load_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store
from rightstrack.web.api import engine_of, result_payload
from rightstrack.web.api_models import SearchOut
from rightstrack.web.app import create_app
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.params import search_query
from rightstrack.web.responses import JSONResponse

BUDGET = 0.10  # issue #16: the model may cost at most 10 % of search latency
VARIANTS = ("plain", "validated", "declared")


def add_variants(app: FastAPI) -> None:
    """The three ways of answering a search, side by side on one app."""

    @app.get("/bench/plain")
    async def plain(request: Request) -> JSONResponse:
        query, engine = search_query(request.query_params), engine_of(request)
        return await in_search_lane(lambda: JSONResponse(result_payload(engine.search(query))))

    @app.get("/bench/validated", response_model=SearchOut, response_class=JSONResponse)
    async def validated(request: Request) -> Any:
        query, engine = search_query(request.query_params), engine_of(request)
        return await in_search_lane(lambda: result_payload(engine.search(query)))

    @app.get("/bench/declared", response_model=SearchOut)
    async def declared(request: Request) -> Any:
        query, engine = search_query(request.query_params), engine_of(request)
        return await in_search_lane(lambda: JSONResponse(result_payload(engine.search(query))))


def params(text: str, filters: dict[str, list[str]]) -> list[tuple[str, str]]:
    found = [("per_page", "20")] + ([("q", text)] if text else [])
    return found + [(name, value) for name, values in filters.items() for value in values]


def measure(client: TestClient, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per request of each variant, the variants interleaved request by request."""
    timings: dict[str, list[float]] = {name: [] for name in VARIANTS}
    requests = [params(t, f) for t, f in QUERIES]
    for query in requests:  # warm: words, record cache, pydantic's validators
        for name in VARIANTS:
            client.get(f"/bench/{name}", params=query)
    for round_number in range(rounds):
        for n, query in enumerate(requests):
            order = VARIANTS[(n + round_number) % 3 :] + VARIANTS[: (n + round_number) % 3]
            for name in order:
                started = time.perf_counter()
                answer = client.get(f"/bench/{name}", params=query)
                timings[name].append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    raise RuntimeError(f"{name} answered {answer.status_code}: {answer.text[:200]}")
    return timings


def report(label: str, timings: dict[str, list[float]]) -> None:
    base = {q: percentile(timings["plain"], q) for q in (0.5, 0.95)}
    print(f"\n== {label} ({len(timings['plain'])} requests per variant) ==")
    for name in VARIANTS:
        p50, p95 = percentile(timings[name], 0.5), percentile(timings[name], 0.95)
        print(
            f"  ({'abc'[VARIANTS.index(name)]}) {name:<10} p50={p50:7.2f} ms  p95={p95:7.2f} ms  "
            f"p50/plain={p50 / base[0.5]:.3f}  p95/plain={p95 / base[0.95]:.3f}"
        )
    extra = percentile(timings["validated"], 0.5) / base[0.5] - 1
    verdict = "within" if extra <= BUDGET else "over"
    print(f"  validating through the model: {extra:+.1%} at p50, {verdict} the {BUDGET:.0%} budget")


def with_client(engine: SearchEngine, work: Callable[[TestClient], None]) -> None:
    app = create_app(search=engine)
    add_variants(app)
    with TestClient(app) as client:
        work(client)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=6, help="times each query is asked per variant")
    args = parser.parse_args()
    os.environ["RIGHTSTRACK_CACHE"] = "off"
    print(
        f"Response models and search latency — {len(QUERIES)} queries × {args.rounds}, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        load_paths(store, [config.upr_info_dir()])
        for label, cache_size in (("query cache off", 0), ("query cache on (as deployed)", 128)):
            engine = SearchEngine(store, query_cache_size=cache_size)
            with_client(engine, lambda client, label=label: report(label, measure(client, args.rounds)))
        store.dispose()


if __name__ == "__main__":
    main()
