"""How long the Council elections take to read, check and show, over all of UPR Info's data in a
fresh SQLite store (the candidate records and the membership join read it).

Measured: loading and checking the compiled data, the membership join (every recommendation),
the pages through the ASGI stack, the API, and the briefing in each format; percentiles over
repeated runs, and each page's p95 as a ratio of the half second a reader waits unawares.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from timing import PAGE_BUDGET, line, timed  # bench/timing.py

from rightstrack import config
from rightstrack.documents.formats import render
from rightstrack.elections.briefing import build_briefing
from rightstrack.elections.council_upr import membership_split
from rightstrack.elections.validation import validate
from rightstrack.ingest.loading import load_paths
from rightstrack.reference.hrc import FOLDER as DATA_FOLDER
from rightstrack.reference.hrc import election_data, read_election_data
from rightstrack.reference.membership import Timeline
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store
from rightstrack.web.app import create_app

REPEATS = 9


def _timed(work: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    return timed(work, repeats)


def main() -> None:
    from importlib import resources

    folder = resources.files("rightstrack.reference").joinpath(DATA_FOLDER)
    line("read the compiled data (4 CSV files)", _timed(lambda: read_election_data(folder)))
    data = election_data()
    line("membership timeline + every rule checked", _timed(lambda: validate(data, Timeline(data))))
    with tempfile.TemporaryDirectory() as scratch:
        engine = open_store(f"sqlite:///{Path(scratch) / 'bench.sqlite3'}")
        started = time.perf_counter()
        load_paths(engine, [config.upr_info_dir()])
        print(f"UPR Info's export loaded in {time.perf_counter() - started:.1f} s")
        council = Timeline(data)
        line(
            "members vs non-members join (all recommendations)",
            _timed(lambda: membership_split(engine, council), 3),
        )
        with TestClient(create_app(search=SearchEngine(engine))) as client:
            client.get("/council-elections")  # the join, cached per store and size
            line(
                "chart PNG, first drawing (then cached)",
                _timed(lambda: client.get("/council-elections/chart.png"), 1),
            )
            pages = [
                ("page /council-elections", "/council-elections"),
                ("page /council-elections/2016", "/council-elections/2016"),
                ("page candidate 2013 SAU", "/council-elections/2013/SAU"),
                ("page /council (members on a day)", "/council?on=2018-07-01"),
                ("chart PNG", "/council-elections/chart.png"),
                ("API /api/v1/council-elections/2016", "/api/v1/council-elections/2016"),
            ]
            for name, path in pages:
                line(name, _timed(lambda path=path: client.get(path)), PAGE_BUDGET)
        for fmt in ("html", "pdf", "docx"):
            line(
                f"briefing 2024 (18 candidates) in French, {fmt}",
                _timed(
                    lambda fmt=fmt: render(
                        build_briefing(engine, data, council, 2024, "fr", date.today()), fmt
                    ),
                    3,
                ),
            )
        engine.dispose()


if __name__ == "__main__":
    main()
