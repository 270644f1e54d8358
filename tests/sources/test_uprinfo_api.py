"""UPR Info's database client against recorded Uwazi answers built from real rows (sessions 1 and 2)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from rightstrack.domain import Mechanism, Response
from rightstrack.reference.states import resolve_state
from rightstrack.sources.http import Backoff, Downloader
from rightstrack.sources.http_errors import ChangedFormatError
from rightstrack.sources.uprinfo_api import Harvest, Limits, UprInfoClient
from tests.sources.replay import ReplayServer, Reply, serve
from tests.sources.uwazi import FakeUwazi, real_rows

# Session 1 has 366 recommendations, session 2 has 770 (Sri Lanka 91, Pakistan 80): with a cap of
# 85 both sessions need slicing per state, and Sri Lanka's slice is still capped.
CAP = 85


@pytest.fixture(scope="module")
def uwazi() -> FakeUwazi:
    fake = FakeUwazi(real_rows(sessions={"1", "2"}), cap=CAP)
    # Values the reader does not know, on real texts: a newer issue, an unknown recommending
    # state, UPR Info's "Not Supported", a session without a number.
    first, second, third, fourth = fake.entities[:4]
    first["metadata"]["issues"] += fake._select("issues", ["Business & Human Rights"])
    second["metadata"]["recommending_state"] += fake._select("recommending_state", ["Atlantis"])
    third["metadata"]["response"] = fake._select("response", ["Not Supported"])
    fourth["metadata"]["session"] = fake._select("session", ["Unknown session"])
    return fake


@pytest.fixture(scope="module")
def server(uwazi: FakeUwazi) -> Iterator[ReplayServer]:
    for server in serve():
        uwazi.install(server)
        yield server


@pytest.fixture(scope="module")
def downloader() -> Iterator[Downloader]:
    with Downloader(backoff=Backoff(attempts=2, sleep=lambda _: None)) as downloader:
        yield downloader


def client(server: ReplayServer, downloader: Downloader) -> UprInfoClient:
    return UprInfoClient(downloader, server.base_url, limits=Limits(page_size=20))


PROGRESS: list[tuple[int, int | None]] = []


@pytest.fixture(scope="module")
def everything(server: ReplayServer, downloader: Downloader) -> Harvest:
    """The whole (recorded) database, read once for the tests that look at it."""
    return client(server, downloader).harvest(progress=lambda n, total: PROGRESS.append((n, total)))


def test_reads_every_reachable_recommendation_slicing_capped_sessions(
    everything: Harvest, uwazi: FakeUwazi, server: ReplayServer
) -> None:
    harvest, progress = everything, PROGRESS
    assert harvest.sessions and "1 - April 2008" in harvest.sessions and "2 - May 2008" in harvest.sessions
    # All but the six of Sri Lanka's 91 beyond the cap; none read twice.
    assert harvest.entities == 366 + 770 - (91 - CAP) == len(harvest.records)
    assert len({r.locator for r in harvest.records}) == len(harvest.records)
    [capped] = harvest.capped
    assert (capped.session, capped.state, capped.reported, capped.read) == (
        "2 - May 2008",
        "Sri Lanka",
        CAP,
        CAP,
    )
    assert "Sri Lanka" in str(capped) and "could not be reached" in str(capped)
    assert harvest.total_relation == "gte" and harvest.stopped is None
    assert progress[-1] == (harvest.entities, CAP)
    # Every filter used a full UUID from the thesauri.
    ids = {value for values in uwazi.values.values() for value in values.values()}
    for seen in server.requests_to("/api/search"):
        for values in json.loads(seen.query["filters"][0]).values():
            assert set(values["values"]) <= ids
        assert seen.headers["accept-language"] == "en" and seen.headers["cookie"] == "locale=en"


def test_entities_become_source_records(
    server: ReplayServer, downloader: Downloader, uwazi: FakeUwazi
) -> None:
    harvest = client(server, downloader).harvest(sessions=[1])
    assert harvest.capped == [] and harvest.missing_sessions == []
    by_locator = {r.locator: r for r in harvest.records}
    first = uwazi.entities[0]
    record = by_locator[first["sharedId"]]
    row = real_rows(sessions={"1", "2"})[0]
    assert record.mechanism is Mechanism.UPR and record.body == "UPR"
    assert record.text == " ".join(row["Text"].split())
    assert (record.sur, record.session) == (resolve_state(row["To"]).code, int(row["Session"])) == ("DZA", 1)
    assert record.recommenders and record.recommenders[0] == resolve_state(row["From"]).code
    assert record.action_category == int(row["Action"])
    assert "Business & Human Rights" not in record.issues and record.issues
    third = by_locator[uwazi.entities[2]["sharedId"]]
    assert third.response is Response.NOTED and third.position == "Not Supported"
    supported = [r for r in harvest.records if r.position == "Supported"]
    assert supported and all(r.response is Response.ACCEPTED for r in supported)
    # The entity whose session is "Unknown session" is not in session 1's slice.
    assert uwazi.entities[3]["sharedId"] not in by_locator
    warnings = {(w.field, w.value): w for w in harvest.warnings}
    assert warnings[("issues", "Business & Human Rights")].count == 1
    assert warnings[("recommending_state", "Atlantis")].consequence == "recommender left out"
    assert "unknown value 'Atlantis' in 1 entities" in str(warnings[("recommending_state", "Atlantis")])


def test_an_unknown_session_label_is_a_named_warning(everything: Harvest, uwazi: FakeUwazi) -> None:
    harvest = everything
    unknown = [r for r in harvest.records if r.locator == uwazi.entities[3]["sharedId"]]
    assert unknown and unknown[0].session is None
    assert any(w.field == "session" and w.value == "Unknown session" for w in harvest.warnings)


def test_sessions_the_database_does_not_have_are_reported(
    server: ReplayServer, downloader: Downloader
) -> None:
    harvest = client(server, downloader).harvest(sessions=[2, 77])
    assert harvest.missing_sessions == [77] and harvest.sessions == ["2 - May 2008"]


def test_limits_stop_the_harvest_and_say_so(server: ReplayServer) -> None:
    with Downloader() as downloader:
        harvest = UprInfoClient(
            downloader, server.base_url, limits=Limits(page_size=20, max_requests=6)
        ).harvest()
    assert harvest.stopped == "6 requests" and 0 < harvest.entities < 366
    with Downloader() as downloader:
        harvest = UprInfoClient(
            downloader, server.base_url, limits=Limits(page_size=20, max_rows=50)
        ).harvest()
    assert harvest.stopped == "50 entities" and harvest.entities == 50


def test_a_changed_format_is_named() -> None:
    for server in serve():
        server.add("/api/templates", Reply(body=b'{"templates": []}', content_type="application/json"))
        with (
            Downloader() as downloader,
            pytest.raises(ChangedFormatError, match=r"/api/templates .*'rows' list"),
        ):
            UprInfoClient(downloader, server.base_url).harvest()
