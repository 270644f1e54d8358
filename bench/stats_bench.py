"""How long the statistics pages take, over all of UPR Info's data in a fresh SQLite store:
the builder's default page (four charts and both headlines), a cross-table, a comparison of two
states, the election preset and the downloads, through the ASGI stack. Each page's p95 is given
as a ratio of the 300 ms issue #18 allows a page.

Two figures per page: with the engine's query cache as deployed (every query here is repeated,
so its selections are cached), and each request with a search never asked before
(``q=rights OR zzqN``, N new each time: the records about rights, nothing cached)."""

from __future__ import annotations

import itertools
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from timing import line, timed  # bench/timing.py

from rightstrack import config
from rightstrack.ingest.loading import load_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store
from rightstrack.web.app import create_app

REPEATS = 41
BUDGET = 0.3  # seconds: issue #18's p95 for a page

PAGES = [
    ("/stats (four charts, two headlines)", "/stats?"),
    ("/stats GRULAC recommending", "/stats?recommender_group=GRULAC"),
    ("/stats issue × response, top 20", "/stats?by=issue&split=response"),
    ("/stats rec. group × SuR group, rows", "/stats?by=recommender_group&split=sur_group&basis=rows"),
    ("/stats Slovenia vs Croatia by issue", "/stats?by=issue&compare=state:Slovenia,state:Croatia"),
    ("/stats issue × recommending state, all", "/stats?by=issue&split=recommender&top=0&basis=rows"),
    ("/stats recommending state × issue, all", "/stats?by=recommender&split=issue&top=0&basis=rows"),
    ("/elections", "/elections?"),
    ("/stats/chart.csv issue × response", "/stats/chart.csv?by=issue&split=response"),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        engine = open_store(f"sqlite:///{Path(scratch) / 'bench.sqlite3'}")
        started = time.perf_counter()
        load_paths(engine, [config.upr_info_dir()])
        print(f"UPR Info's export loaded in {time.perf_counter() - started:.1f} s")
        with TestClient(create_app(search=SearchEngine(engine))) as client:
            for name, path in PAGES:
                assert client.get(path).status_code == 200, path
                line(f"{name} (cached)", timed(lambda path=path: client.get(path), REPEATS), BUDGET)
            fresh = itertools.count()
            for name, path in PAGES:
                line(
                    f"{name} (new search)",
                    timed(lambda path=path: client.get(f"{path}&q=rights+OR+zzq{next(fresh)}"), REPEATS),
                    BUDGET,
                )
        engine.dispose()


if __name__ == "__main__":
    main()
