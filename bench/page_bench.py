"""Benchmark: every page type of the web app, one reader at a time, on the real data (issue #18).

The store holds UPR Info's export (38,298 rows, sessions 1-19) and Slovenia's four reviews read
from the UN's documents; on it, a plan for Slovenia's cycle 4 with two agencies, a measure, an
indicator and progress, read by its owner (signed in: the forms are on the page). The app runs as
deployed (``rightstrack serve``, one process) with its facet index saved beforehand, as after any
restart, and with the query cache off, so that every search is evaluated afresh: the figure for a
search nobody asked before.

For each page type: the first request after the server starts (cold: imports, templates, the
first look at the data), then at least 30 requests cycling through different addresses of that
type (different searches, records, states, years, candidates). Printed: p50 and p95 of the warm
requests, the cold one, and p95's ratio to the 300 ms budget of issue #18 (≤ 1.00 is within it).

Run with ``make bench`` or ``python bench/page_bench.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import httpx
from sqlalchemy import Engine

sys.path.insert(0, str(Path(__file__).parent))

from queries import QUERIES
from web_bench import serving

from rightstrack import config
from rightstrack.accounts import create_user, start_session
from rightstrack.domain import ProgressStatus
from rightstrack.ingest.loading import load_paths
from rightstrack.ingest.pipeline import ingest_paths
from rightstrack.reference.hrc import election_data
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.store.database import open_store
from rightstrack.tracking.inputs import NewAgency, NewIndicator, NewMeasure, NewPlan, ProgressReport
from rightstrack.tracking.measures import create_indicator, create_measure, report_progress
from rightstrack.tracking.plans import add_agency, create_plan
from rightstrack.tracking.views import plan_view
from rightstrack.web.security import SESSION_COOKIE

BUDGET_MS = 300.0
REQUESTS = 30  # warm requests per page type, after the cold one
PASSWORD = "benchmark password"


def percentile(values: list[float], share: float) -> float:
    """Nearest rank on the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _search_urls(with_filters: bool) -> list[str]:
    """Search pages from the fixed queries: the text ones, or the ones with filters (facets)."""
    urls = []
    for text, filters in QUERIES:
        if bool(filters) != with_filters:
            continue
        params = ([("q", text)] if text else []) + [(k, v) for k, values in filters.items() for v in values]
        urls.append("/?" + urlencode(params))
    return urls


def _plan(engine: Engine) -> tuple[str, int, int]:
    """A session token for the owner of a plan for Slovenia's cycle 4, the plan and one measure."""
    with engine.begin() as connection:
        owner = create_user(connection, "owner", PASSWORD, "Focal point")
    plan_id = create_plan(engine, owner, NewPlan(state="Slovenia", cycles=(4,)))
    with engine.begin() as connection:
        justice = add_agency(connection, owner, plan_id, NewAgency(name="Ministry of Justice"))
        add_agency(connection, owner, plan_id, NewAgency(name="Office for Equality"))
        view = plan_view(connection, plan_id, owner)
        measure_id = create_measure(
            connection,
            owner,
            plan_id,
            NewMeasure(
                title="Amend the Free Legal Aid Act",
                lead_agency_id=justice,
                target_date=date(2027, 6, 30),
                recommendation_ids=tuple(list(view.recommendations)[:5]),
            ),
        )
        indicator = NewIndicator(name="Legal aid grants", baseline=100, target=200, measure_ids=(measure_id,))
        indicator_id = create_indicator(connection, owner, plan_id, indicator)
        for subject, subject_id, value in (("measure", measure_id, None), ("indicator", indicator_id, 140.0)):
            report = ProgressReport(status=ProgressStatus.IN_PROGRESS, narrative="Under way", value=value)
            report_progress(connection, owner, plan_id, subject, subject_id, report)
        token = start_session(connection, owner)
    return token, plan_id, measure_id


def _page_types(search: SearchEngine, plan_id: int, measure_id: int) -> dict[str, list[str]]:
    """Addresses of each page type, to cycle through."""
    records = [hit.id for hit in search.search(SearchQuery(text="women", per_page=REQUESTS)).hits]
    states = ["Slovenia", "France", "Egypt", "Brazil", "India", "Kenya", "Norway", "Chile", "Japan", "Tonga"]
    data = election_data()
    years = data.years()
    candidates = [f"/council-elections/{c.year}/{c.state}" for c in data.candidacies]
    plan = f"/plans/{plan_id}"
    return {
        "search (text)": _search_urls(with_filters=False),
        "search with facets": _search_urls(with_filters=True),
        "record": [f"/records/{record}" for record in records],
        "states": ["/states"],
        "state": [f"/states/{name}" for name in states],
        "stats": ["/stats?" + url.split("?", 1)[1] for url in _search_urls(with_filters=True)],
        "plans": ["/plans"],
        "plan (owner)": [plan],
        "measure (owner)": [f"{plan}/measures/{measure_id}"],
        "dashboard (owner)": [f"{plan}/dashboard"],
        "elections (recommendations)": ["/elections"],
        "council elections": ["/council-elections"],
        "council year": [f"/council-elections/{year}" for year in years],
        "candidate": candidates[:: max(1, len(candidates) // REQUESTS)],
        "login": ["/login"],
        "API docs": ["/api/docs"],
    }


def _measure(get: Callable[[str], httpx.Response], urls: list[str]) -> tuple[float, list[float]]:
    """The cold request (first of this page type since the start) and REQUESTS warm ones, in ms."""

    def one(url: str) -> float:
        started = time.perf_counter()
        answer = get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise RuntimeError(f"{url}: {answer.status_code}")
        return elapsed

    cold = one(urls[0])
    return cold, [one(urls[(n + 1) % len(urls)]) for n in range(REQUESTS)]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "pages.sqlite3"
        cache = Path(folder) / "cache"
        os.environ["RIGHTSTRACK_CACHE"] = str(cache)  # the saved facet index, read at start
        engine = open_store(f"sqlite:///{database}")
        started = time.perf_counter()
        load_paths(engine, [config.upr_info_dir()])
        ingest_paths(engine, [config.ohchr_documents_dir() / "slovenia"])
        token, plan_id, measure_id = _plan(engine)
        search = SearchEngine(engine)
        types = _page_types(search, plan_id, measure_id)  # builds and saves the facet index
        print(
            f"store built in {time.perf_counter() - started:.0f} s: UPR Info 2008-2014 + Slovenia, one plan"
        )
        environment = {
            **os.environ,
            "RIGHTSTRACK_DB": f"sqlite:///{database}",
            "RIGHTSTRACK_MODEL_CACHE": os.environ.get("RIGHTSTRACK_MODEL_CACHE", "off"),
            "RIGHTSTRACK_QUERY_CACHE": "0",
        }
        command = [str(Path(sys.executable).parent / "rightstrack"), "serve"]
        # The probe is a page no bench row measures, so each type's first request stays cold.
        with (
            serving(command, environment, "/static/style.css") as base,
            httpx.Client(base_url=base, cookies={SESSION_COOKIE: token}, timeout=60) as client,
        ):
            print(
                f"{os.cpu_count()} CPUs; one reader; {REQUESTS} warm requests per page type after the cold"
                " one"
            )
            print(f"{'page':<30} {'cold':>9} {'p50':>9} {'p95':>9} {'max':>9}  p95/{BUDGET_MS:.0f} ms")
            worst = 0.0
            for name, urls in types.items():
                cold, warm = _measure(client.get, urls)
                p95 = percentile(warm, 0.95)
                worst = max(worst, p95 / BUDGET_MS)
                print(
                    f"{name:<30} {cold:7.1f}ms {percentile(warm, 0.5):7.1f}ms {p95:7.1f}ms "
                    f"{max(warm):7.1f}ms  {p95 / BUDGET_MS:5.2f}"
                )
            print(
                f"worst p95 ratio to {BUDGET_MS:.0f} ms: {worst:.2f}"
                + (" (over budget)" if worst > 1 else "")
            )


if __name__ == "__main__":
    main()
