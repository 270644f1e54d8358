"""The command line speaks the search page's language (issue #18): ``-f DIMENSION!=VALUE`` leaves
a value out, ``--from``/``--to`` give a range of days, action categories go by name."""

import json

import pytest

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from tests.cli.test_root import run, url


def found(engine: SearchEngine, *args: str) -> dict[str, object]:
    code, out, err = run("--db", url(engine), "search", *args, "--json", "--per-page", "0")
    assert code == 0, err
    payload: dict[str, object] = json.loads(out)
    return payload


def engine_total(engine: SearchEngine, **parts: object) -> int:
    return engine.search(SearchQuery.build(per_page=0, **parts), facets=False).total  # type: ignore[arg-type]


def test_exclusions_ranges_and_named_categories(loaded: SearchEngine) -> None:
    everything = engine_total(loaded)
    others = found(loaded, "-f", "issue!=Elections", "-f", "sur_group=African")
    expected = engine_total(loaded, filters={"sur_group": ["African"]}, excluded={"issue": ["Elections"]})
    assert others["total"] == expected < engine_total(loaded, filters={"sur_group": ["African"]})
    ranged = found(loaded, "--from", "2012", "--to", "2012-12")
    assert ranged["total"] == engine_total(loaded, date_from="2012-01-01", date_to="2012-12-31") < everything
    named = found(loaded, "-f", "action=Specific action")
    assert named["total"] == engine_total(loaded, filters={"action": ["5"]})


def test_text_output_says_what_is_left_out(loaded: SearchEngine) -> None:
    code, out, _ = run("--db", url(loaded), "search", "-f", "sur!=France", "-f", "cycle=1", "--per-page", "0")
    left_out = engine_total(loaded, filters={"sur": ["France"], "cycle": ["1"]})
    assert code == 0 and f"not France ({left_out:,} left out)" in out
    assert "Cycle: 1 (" in out  # the chosen value first, with the results holding it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2012-13"], "from: '2012-13' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
        (["--from", "2014", "--to", "2013"], "to: the range ends (2013-12-31) before it starts"),
        (["-f", "sur=France", "-f", "sur!=FRA"], "sur: 'FRA' is both required and excluded"),
        (["-f", "action=bold"], "'bold' is not an action category"),
    ],
)
def test_bad_input_is_named(loaded: SearchEngine, args: list[str], message: str) -> None:
    code, _, err = run("--db", url(loaded), "search", *args)
    assert code == 2 and message in " ".join(err.split())


def test_show_names_the_action_category(loaded: SearchEngine) -> None:
    hit = loaded.search(SearchQuery.build(filters={"action": ["Specific action"]}, per_page=1)).hits[0]
    code, out, _ = run("--db", url(loaded), "show", str(hit.id))
    assert code == 0 and "5 · Specific action" in out
