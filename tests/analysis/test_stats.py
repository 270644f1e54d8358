"""Statistics checked against counts made independently from the raw CSV files."""

import csv
import io
from functools import cache
from pathlib import Path

import pytest

from rightstrack import config
from rightstrack.analysis.profiles import state_profile
from rightstrack.analysis.stats import (
    AFRICA_ASIA,
    NORTH_WEST,
    Basis,
    breakdown,
    crosstab,
    headline,
)
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery


@cache
def raw_rows() -> list[dict[str, str]]:
    rows = []
    for path in sorted(config.upr_info_dir().glob("[0-9]*.csv")):
        rows += csv.DictReader(io.StringIO(path.read_bytes().decode("mac_roman"), newline=""))
    return rows


def recommendations(engine: SearchEngine, **filters: list[str]) -> SearchQuery:
    return SearchQuery.build("", {"type": ["recommendation"], **filters})


def test_election_headline_reproduces_the_published_analysis(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations(loaded, issue=["Elections"]))
    universe = loaded.select(recommendations(loaded))
    rows = headline(selection, universe, Basis.ROWS)
    assert (rows.count, rows.universe) == (241, 38_298)
    assert round(rows.share_of_universe * 100, 2) == 0.63
    assert rows.accepted_rate is not None and round(rows.accepted_rate * 100, 1) == 75.9
    assert round(rows.recommending_share(*NORTH_WEST) * 100, 1) == 79.3
    assert round(rows.sur_share(*AFRICA_ASIA) * 100, 1) == 78.8
    records = headline(selection, universe, Basis.RECORDS)
    assert records.count < rows.count and records.universe == 37_193


def test_row_counts_match_the_raw_files(loaded: SearchEngine) -> None:
    raw = raw_rows()
    selection = loaded.select(recommendations(loaded))
    by_group = {r.value: r.count for r in breakdown(selection, Dimension.SUR_GROUP, Basis.ROWS).rows}
    names = {"Africa": "African", "Asia": "Asia-Pacific", "EEG": "Eastern European"}
    expected: dict[str, int] = {}
    for row in raw:
        group = names.get(row["To-Rgrp"], row["To-Rgrp"])
        expected[group] = expected.get(group, 0) + 1
    assert by_group == expected
    accepted = {r.value: r.accepted for r in breakdown(selection, Dimension.CYCLE, Basis.ROWS).rows}
    assert accepted["1"] == sum(1 for r in raw if int(r["Session"]) <= 12 and r["Response"] == "Accepted")


def test_row_basis_respects_filters_on_the_recommending_side(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations(loaded, recommender_group=["GRULAC"]))
    groups = breakdown(selection, Dimension.RECOMMENDER_GROUP, Basis.ROWS)
    assert [r.value for r in groups.rows] == ["GRULAC"]
    assert groups.total == sum(1 for r in raw_rows() if r["From-Rgrp"] == "GRULAC")


def test_crosstab_margins(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations(loaded, issue=["Elections"]))
    table = crosstab(selection, Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Basis.ROWS)
    assert table.loc["Total", "Total"] == 241
    assert table.loc["WEOG", "African"] == sum(
        1
        for r in raw_rows()
        if "Elections" in r["Issue"].split(",") and r["From-Rgrp"] == "WEOG" and r["To-Rgrp"] == "Africa"
    )


def test_multi_valued_breakdown_counts_a_record_under_each_issue(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations(loaded, sur=["Slovenia"]))
    issues = breakdown(selection, Dimension.ISSUE, Basis.RECORDS)
    assert sum(r.count for r in issues.rows) > issues.total


@pytest.mark.parametrize("name", ["Slovenia", "Egypt"])
def test_state_profile_against_raw_rows(loaded: SearchEngine, name: str) -> None:
    profile = state_profile(loaded, _code(name))
    raw = raw_rows()
    assert profile.as_sur.recommendation_rows == sum(1 for r in raw if r["To"] == name)
    assert profile.as_recommender.rows == sum(1 for r in raw if r["From"] == name)
    voluntary = config.upr_info_dir() / "voluntary.csv"
    pledges = list(csv.DictReader(io.StringIO(voluntary.read_bytes().decode("mac_roman"), newline="")))
    assert profile.as_sur.pledges == len({p["Text"].strip() for p in pledges if p["To"] == name})


def _code(name: str) -> str:
    from rightstrack.reference.states import resolve_state

    return resolve_state(name).code


def test_breakdown_of_an_empty_selection(loaded: SearchEngine) -> None:
    selection = loaded.select(SearchQuery.build("zzzzunmatched"))
    assert breakdown(selection, Dimension.ISSUE).rows == []


def test_data_dir_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RIGHTSTRACK_DATA", str(tmp_path))
    assert config.upr_info_dir() == tmp_path / "upr-info-2008-2014"


def test_counts_on_codes_match_a_count_made_row_by_row(loaded: SearchEngine) -> None:
    """The breakdowns count integer codes with bincount; here the same counts are made the slow
    way, one source row at a time, for a multi-valued dimension (issues) and for recommending
    states' organisations (several per state), on both bases."""
    selection = loaded.select(recommendations(loaded, sur_group=["African"]))
    index = selection.index
    issues = index.columns[Dimension.ISSUE]
    assert issues.positions is not None
    issues_of: dict[int, list[str]] = {}
    for position, code in zip(issues.positions.tolist(), issues.codes.tolist(), strict=True):
        issues_of.setdefault(position, []).append(issues.labels[code])
    by_issue: dict[str, int] = {}
    by_org: dict[str, int] = {}
    rows = index.rows
    for position, state in zip(rows.positions.tolist(), rows.states.tolist(), strict=True):
        if not selection.mask[position]:
            continue
        for issue in issues_of.get(position, []):
            by_issue[issue] = by_issue.get(issue, 0) + 1
        for org in index.organisations.get(rows.state_labels[state], ()):
            by_org[org] = by_org.get(org, 0) + 1
    assert {r.value: r.count for r in breakdown(selection, Dimension.ISSUE, Basis.ROWS).rows} == by_issue
    assert {
        r.value: r.count for r in breakdown(selection, Dimension.RECOMMENDER_ORG, Basis.ROWS).rows
    } == by_org
    records_by_issue: dict[str, int] = {}
    for position in selection.positions.tolist():
        for issue in issues_of.get(position, []):
            records_by_issue[issue] = records_by_issue.get(issue, 0) + 1
    records = breakdown(selection, Dimension.ISSUE, Basis.RECORDS)
    assert {r.value: r.count for r in records.rows} == records_by_issue
    assert records.total == len(selection.positions)
