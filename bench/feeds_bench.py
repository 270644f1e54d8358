"""Saved searches and feeds on the real data: UPR Info's exports loaded into a fresh SQLite store.

Measured through the app (TestClient, one process): each of the fixed searches (bench/queries.py)
saved by one user, then its feed read by token (first read: the search evaluated; again: from the
query cache, as a reader polling it meets it), the same searches' anonymous feeds
(``/search.atom``), the ``/saved`` page listing them, the search page with its "Save this search"
form, and collecting the e-mail digest of every saved search. Percentiles against issue #18's
300 ms per page.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from queries import QUERIES  # bench/queries.py
from timing import line, timed  # bench/timing.py

from rightstrack import config
from rightstrack.accounts import create_user, start_session
from rightstrack.ingest.loading import load_paths
from rightstrack.saved_searches.digest import collect
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store
from rightstrack.web.app import create_app
from rightstrack.web.saved_pages import read_saved_query
from rightstrack.web.security import SESSION_COOKIE

PAGE_P95 = 0.3  # seconds: issue #18's bound for every page
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _query(text: str, filters: dict[str, list[str]]) -> str:
    pairs = [("q", text)] if text else []
    return urlencode(pairs + [(name, value) for name, values in filters.items() for value in values])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        started = time.perf_counter()
        load_paths(engine, [config.upr_info_dir()])
        print(f"UPR Info's exports loaded in {time.perf_counter() - started:.0f} s")
        with engine.begin() as connection:
            user = create_user(connection, "reader", "benchmark passphrase", email="reader@example.org")
            token = start_session(connection, user)
        search = SearchEngine(engine)
        with TestClient(create_app(search=search)) as client:
            client.cookies.set(SESSION_COOKIE, token)
            queries = [_query(text, filters) for text, filters in QUERIES]
            csrf = CSRF.search(client.get("/saved").text)
            assert csrf
            for number, query in enumerate(queries):
                answer = client.post(
                    "/saved",
                    data={"name": f"search {number}", "query": query, "csrf_token": csrf.group(1)},
                    follow_redirects=False,
                )
                assert answer.status_code == 303, answer.text
            listing = client.get("/saved").text
            feeds = list(dict.fromkeys(re.findall(r'href="(/feeds/[\w-]+\.atom)"', listing)))
            assert len(feeds) == len(queries), len(feeds)
            search._evaluations.clear()  # the first read of each feed evaluates its search

            def each(paths: list[str]) -> list[float]:
                timings = []
                for path in paths:
                    began = time.perf_counter()
                    assert client.get(path).status_code == 200, path
                    timings.append(time.perf_counter() - began)
                return sorted(timings)

            line(f"saved search's feed, first read ({len(feeds)})", each(feeds), PAGE_P95)
            line(f"saved search's feed, polled again ({len(feeds)})", each(feeds), PAGE_P95)
            anonymous = [f"/search.atom?{query}" for query in queries]
            line(f"/search.atom of the same ({len(anonymous)})", each(anonymous), PAGE_P95)
            line(f"/saved listing {len(feeds)} searches", timed(lambda: client.get("/saved"), 20), PAGE_P95)
            pages = [f"/?{query}" for query in queries]
            line(f"search page with the save form ({len(pages)})", each(pages), PAGE_P95)
            line(
                f"digest: collect {len(feeds)} saved searches",
                timed(lambda: collect(search, read_saved_query), 5),
            )


if __name__ == "__main__":
    main()
