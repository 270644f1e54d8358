"""Candidates' pledges documents and pledging events: who may change them, how timely they were,
and CSV import (all rows or none, again without change) — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from rightstrack.accounts import User, create_user
from rightstrack.elections import pledges
from rightstrack.elections.inputs import NewPledge, PledgeChange
from rightstrack.elections.pledge_import import PledgeImportError, import_csv
from rightstrack.errors import Forbidden, InvalidInput, StaleEdit
from rightstrack.reference.hrc import election_data
from rightstrack.store.tracking_schema import ChangeRow

PASSWORD = "correct horse battery"


def _users(engine: Engine) -> tuple[User, User]:
    with engine.begin() as connection:
        editor = create_user(connection, "editor", PASSWORD, "Editor", elections_editor=True)
        reader = create_user(connection, "reader", PASSWORD, "Reader")
    return editor, reader


def test_only_editors_record_pledges_and_each_change_is_kept(store: Engine) -> None:
    editor, reader = _users(store)
    data = election_data()
    with store.begin() as connection, pytest.raises(Forbidden):
        pledges.add_pledge(connection, reader, data, 2016, NewPledge(state="HRV", symbol="A/71/100"))
    with store.begin() as connection:
        pledge = pledges.add_pledge(
            connection,
            editor,
            data,
            2016,
            NewPledge(state="hrv", symbol="A/71/100", published_on=date(2016, 9, 1)),
        )
        assert (pledge.state, pledge.version) == ("HRV", 1)
        changed = pledges.update_pledge(
            connection, editor, data, pledge.id, PledgeChange(published_on=date(2016, 10, 20)), 1
        )
        assert changed.version == 2
    with store.begin() as connection, pytest.raises(StaleEdit):
        pledges.update_pledge(connection, editor, data, pledge.id, PledgeChange(note="from an old page"), 1)
    with store.begin() as connection:
        pledges.delete_pledge(connection, editor, pledge.id, 2)
        assert pledges.pledges(connection, 2016) == []
        kept = connection.scalar(
            select(func.count()).select_from(ChangeRow).where(ChangeRow.entity == "hrc_pledges")
        )
    assert kept == 3  # created, updated, deleted


def test_a_pledge_must_belong_to_a_candidate_of_that_year(store: Engine) -> None:
    editor, _ = _users(store)
    with store.begin() as connection:
        with pytest.raises(InvalidInput, match="FRA was not a candidate in the 2016"):
            pledges.add_pledge(
                connection, editor, election_data(), 2016, NewPledge(state="FRA", symbol="A/71/1")
            )
        with pytest.raises(InvalidInput, match="symbol"):
            pledges.add_pledge(
                connection, editor, election_data(), 2016, NewPledge(state="HRV", symbol="pledges")
            )


def test_timeliness_flags(store: Engine) -> None:
    editor, _ = _users(store)
    data = election_data()  # the 2016 election was held on 28 October 2016
    with store.begin() as connection:
        for pledge in (
            NewPledge(state="HUN", symbol="A/71/80", published_on=date(2016, 8, 1)),
            NewPledge(state="HRV", symbol="A/71/90", published_on=date(2016, 10, 10)),
            NewPledge(state="RUS", url="https://example.org/p"),
        ):
            pledges.add_pledge(connection, editor, data, 2016, pledge)
        event = pledges.add_event(connection, editor, 2016, date(2016, 9, 20), "New York", "civil society")
        pledges.record_participation(connection, editor, data, event, "HUN", True)
        pledges.record_participation(connection, editor, data, event, "RUS", False)
        found = {s.state: s for s in pledges.statuses(connection, data, 2016)}
    assert (found["HUN"].flag, found["HUN"].days_before) == ("on time", 88)
    assert (found["HRV"].flag, found["HRV"].days_before) == ("late", 18)
    assert found["RUS"].flag == "date unknown"
    assert found["CHN"].flag == "none recorded"
    assert [e.took_part for e in found["HUN"].events] == [True] and [
        e.took_part for e in found["RUS"].events
    ] == [False]
    assert len(found) == 16  # every candidate on the 2016 ballot
    with store.connect() as connection:
        strict = {s.state: s.flag for s in pledges.statuses(connection, data, 2016, late_days=90)}
    assert strict["HUN"] == "late"


PLEDGES_CSV = b"""year,state,symbol,published_on,url,note
2016,Croatia,A/71/90,2016-10-10,,
2016,HUN,A/71/80,2016-08-01,https://example.org/hungary,
"""


def test_import_is_all_or_nothing_and_idempotent(store: Engine) -> None:
    editor, reader = _users(store)
    data = election_data()
    bad = PLEDGES_CSV + b"2016,France,A/71/70,2016-09-01,,\n2016,HRV,A/71/91,1 October,,\n"
    with store.begin() as connection, pytest.raises(PledgeImportError) as caught:
        import_csv(connection, editor, data, bad, "pledges.csv")
    problems = [(p.line, p.field) for p in caught.value.problems]
    assert problems == [(4, "state"), (5, "published_on")]
    with store.connect() as connection:
        assert pledges.pledges(connection, 2016) == []  # nothing written
    with store.begin() as connection:
        first = import_csv(connection, editor, data, PLEDGES_CSV, "pledges.csv")
    with store.begin() as connection:
        again = import_csv(connection, editor, data, PLEDGES_CSV, "pledges.csv")
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    with store.begin() as connection, pytest.raises(Forbidden):
        import_csv(connection, reader, data, PLEDGES_CSV, "pledges.csv")


def test_participation_import(store: Engine) -> None:
    editor, _ = _users(store)
    content = b"""year,event_date,place,organisers,state,took_part,note
2016,2016-09-20,New York,ISHR and Amnesty International,HUN,yes,
2016,2016-09-20,New York,ISHR and Amnesty International,RUS,no,declined
"""
    with store.begin() as connection:
        summary = import_csv(connection, editor, election_data(), content, "events.csv")
        assert summary.kind == "participation" and summary.added == 2
        assert {(p.state, p.took_part) for p in pledges.participation(connection, 2016)} == {
            ("HUN", True),
            ("RUS", False),
        }
    with store.begin() as connection:
        import_csv(connection, editor, election_data(), content, "events.csv")
        assert len(pledges.participation(connection, 2016)) == 2  # recorded once


def test_a_file_cut_inside_a_quoted_field_is_refused(store: Engine) -> None:
    editor, _ = _users(store)
    cut = PLEDGES_CSV + b'2016,HRV,A/71/91,2016-10-01,,"Croatia pledges to\n'  # the file ends here
    with store.begin() as connection, pytest.raises(PledgeImportError) as caught:
        import_csv(connection, editor, election_data(), cut, "pledges.csv")
    assert [str(p) for p in caught.value.problems] == [
        "pledges.csv:4: row: not valid CSV: unexpected end of data"
    ]
    with store.connect() as connection:
        assert pledges.pledges(connection, 2016) == []  # not even the good rows before it
