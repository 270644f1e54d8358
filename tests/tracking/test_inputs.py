"""The typed inputs of the writes: one declaration whose rules hold however it is built (in Python,
from a form or a spreadsheet row with ``parse``, or by FastAPI from a request body)."""

from __future__ import annotations

import math
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rightstrack.elections.inputs import NewPledge, PledgeChange
from rightstrack.errors import InvalidInput
from rightstrack.limits import Id, Version, narrowed, parse
from rightstrack.tracking.inputs import (
    MeasureChange,
    NewMeasure,
    NewPlan,
    PlanChange,
    ProgressReport,
)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "  "}, "title: a measure needs a title"),
        ({"title": "x" * 301}, "title: at most 300 characters (301 given)"),
        ({"title": "Legal\x00aid"}, "title: a control character (U+0000) at position 6"),
        ({"title": "x", "budget": -1.0}, "budget: must be a positive amount"),
        ({"title": "x", "budget": math.inf}, "budget: must be a positive amount"),
        (
            {"title": "x", "start_date": date(2027, 1, 1), "target_date": date(2026, 1, 1)},
            "target_date: comes before the start date",
        ),
        ({"title": "x", "owner": "me"}, "owner: is not a field of a measure"),
        ({"title": "x", "recommendation_ids": (2**63,)}, "recommendation_ids.0: Input should be less"),
    ],
)
def test_a_bad_value_names_its_field_built_in_python_or_parsed(
    values: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput) as built:
        NewMeasure(**values)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as parsed:
        parse(NewMeasure, values)
    assert str(built.value).startswith(message) and str(parsed.value) == str(built.value)
    assert built.value.field == message.split(":")[0]


def test_a_new_measure_is_tidied_as_the_services_stored_it() -> None:
    measure = NewMeasure(title="  Legal aid ", currency="euro", recommendation_ids=[3, 4])  # type: ignore[arg-type]
    assert (measure.title, measure.currency, measure.recommendation_ids) == ("Legal aid", "EUR", (3, 4))


def test_a_change_holds_what_was_given_and_says_which_fields_are_the_owners() -> None:
    change = MeasureChange(description="New text", budget=10.0)
    assert change.changes() == {"description": "New text", "budget": 10.0}
    assert change.owners_fields() == {"budget"}
    assert MeasureChange(description="x", target_date=date(2027, 1, 1)).owners_fields() == set()
    with pytest.raises(InvalidInput, match="title: must have a value"):
        MeasureChange(title=None)  # null empties a field, and a measure needs its title
    assert PlanChange(title=None).changes() == {"title": None}  # a plan's null fields stay as they are
    with pytest.raises(InvalidInput, match="title: must not be empty"):
        PlanChange(title=" ")


def test_progress_links_and_values() -> None:
    report = ProgressReport(status="delayed", evidence_links=(" https://gov.si/a ", "", "http://b"))  # type: ignore[arg-type]
    assert report.evidence_links == ("https://gov.si/a", "http://b")
    with pytest.raises(InvalidInput, match="evidence_links: not a web address: 'javascript:x'"):
        ProgressReport(status="delayed", evidence_links=("javascript:x",))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="value: must be a number"):
        ProgressReport(status="delayed", value=math.nan)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="status: Input should be"):
        ProgressReport(status="finished")  # type: ignore[arg-type]


def test_plan_cycles() -> None:
    assert NewPlan(state="SVN", cycles=(4, 3)).cycles == (4, 3)
    for cycles in ((), (0,), (10,)):
        with pytest.raises(InvalidInput, match="cycles: one or more UPR cycles, 1 to 9"):
            NewPlan(state="SVN", cycles=cycles)


def test_pledge_fields() -> None:
    pledge = NewPledge(state="HRV", symbol=" A/71/100 ", url="  ", note="")
    assert (pledge.symbol, pledge.url, pledge.note) == ("A/71/100", None, None)
    with pytest.raises(InvalidInput, match="symbol: 'pledges' is not a UN document symbol"):
        NewPledge(state="HRV", symbol="pledges")
    with pytest.raises(InvalidInput, match="url: 'ftp://x' is not a web address"):
        PledgeChange(url="ftp://x")
    with pytest.raises(InvalidInput, match="url: at most 500 characters"):
        PledgeChange(url="https://example.org/" + "p" * 500)


class MeasurePatch(MeasureChange):
    """A request's body: the change, and the version it was made against."""

    version: Version


def test_a_request_body_reports_every_problem_and_drops_the_version_it_names() -> None:
    """FastAPI validates the body itself: a bad path parameter and a bad body field are both
    reported (the InvalidInput of a Python-built input is only the first problem)."""
    app = FastAPI()
    seen: list[MeasureChange] = []

    @app.patch("/measures/{measure_id}")
    def patch(measure_id: Id, body: MeasurePatch) -> dict[str, int]:
        seen.append(narrowed(body, MeasureChange))
        return {"version": body.version}

    client = TestClient(app)
    refused = client.patch(f"/measures/{2**64}", json={"title": "x" * 301})
    assert refused.status_code == 422
    problems = {(e["loc"][0], e["loc"][1]): e["msg"] for e in refused.json()["detail"]}
    assert set(problems) == {("path", "measure_id"), ("body", "version"), ("body", "title")}
    assert problems["body", "title"] == "at most 300 characters (301 given)"
    assert client.patch("/measures/1", json={"version": 2, "description": "d"}).json() == {"version": 2}
    assert seen[0].changes() == {"description": "d"} and type(seen[0]) is MeasureChange
