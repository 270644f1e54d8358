"""The statistics builder's tables and headline figures, checked against counts made directly in
SQL on the store that holds all of UPR Info's real data (issue #18, item 3)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import text

from rightstrack.analysis.stats import (
    NORTH_WEST,
    Basis,
    breakdown,
    crosstab,
    headline,
    relevant_figures,
    units,
)
from rightstrack.analysis.tables import (
    COLUMNS_SHOWN,
    Compared,
    Measure,
    compare_table,
    cross_table,
    single_table,
)
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery


def recommendations(**filters: list[str]) -> SearchQuery:
    return SearchQuery.build("", {"type": ["recommendation"], **filters})


def sql(engine: SearchEngine, statement: str, **params: object) -> list[tuple[object, ...]]:
    with engine.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(statement), params)]


def test_issue_by_response_on_records_is_the_sql_count(loaded: SearchEngine) -> None:
    table = cross_table(
        loaded.select(recommendations()), Dimension.ISSUE, Dimension.RESPONSE, Basis.RECORDS, top=10
    )
    expected = {
        (str(issue), str(response)): int(count)
        for issue, response, count in sql(
            loaded,
            "SELECT i.issue, r.response, COUNT(*) FROM recommendations r"
            " JOIN recommendation_issues i ON i.recommendation_id = r.id"
            " WHERE r.kind = 'recommendation' AND i.coding = 'human' GROUP BY i.issue, r.response",
        )
    }
    assert len(table.row_values) == 10 and table.omitted > 0
    responses = [s.value for s in table.columns]
    assert set(responses) == {"Accepted", "Noted"}
    for r, issue in enumerate(table.row_values):
        for c, response in enumerate(responses):
            assert table.counts[r, c] == expected.get((issue, response), 0), (issue, response)
        # A row's total is its records: here every record has one response, so the cells add up.
        assert table.row_totals[r] == sum(expected.get((issue, x), 0) for x in responses)
    # The largest issues, largest first.
    totals = {}
    for (issue, _), count in expected.items():
        totals[issue] = totals.get(issue, 0) + count
    assert list(table.row_values) == sorted(totals, key=lambda i: (-totals[i], i))[:10]
    # Acceptance per cell: the Accepted column's cells are all accepted.
    accepted_column = responses.index("Accepted")
    assert (table.accepted[:, accepted_column] == table.counts[:, accepted_column]).all()
    assert not table.noted[:, accepted_column].any()


def test_group_matrix_on_rows_is_the_sql_count_and_the_old_crosstab(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations(issue=["Elections"]))
    table = cross_table(selection, Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Basis.ROWS, top=0)
    rows = sql(
        loaded,
        "SELECT f.regional_group, t.regional_group, COUNT(*) FROM recommenders x"
        " JOIN recommendations r ON r.id = x.recommendation_id"
        " JOIN recommendation_issues i ON i.recommendation_id = r.id AND i.issue = 'Elections'"
        " AND i.coding = 'human'"
        " JOIN states f ON f.code = x.state_code JOIN states t ON t.code = r.sur_code"
        " WHERE r.kind = 'recommendation' GROUP BY f.regional_group, t.regional_group",
    )
    old = crosstab(selection, Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Basis.ROWS)
    for left, right, count in rows:
        r, c = table.row_values.index(str(left)), [s.value for s in table.columns].index(str(right))
        assert table.counts[r, c] == count == old.loc[left, right]
    assert int(table.counts.sum()) == table.total == 241


def test_multi_valued_columns_count_a_unit_under_each_value(loaded: SearchEngine) -> None:
    """Issue × issue: the diagonal is each issue's records; off it, records coded with both."""
    selection = loaded.select(recommendations(sur=["Slovenia"]))
    table = cross_table(selection, Dimension.ISSUE, Dimension.ISSUE, Basis.RECORDS, top=0)
    columns = [s.value for s in table.columns]
    single = {r.value: r.count for r in breakdown(selection, Dimension.ISSUE, Basis.RECORDS).rows}
    assert len(columns) == min(COLUMNS_SHOWN, len(single))
    for r, issue in enumerate(table.row_values):
        assert table.row_totals[r] == single[issue]
        if issue in columns:
            assert table.counts[r, columns.index(issue)] == single[issue]
    both = sql(
        loaded,
        "SELECT COUNT(*) FROM recommendations r"
        " JOIN recommendation_issues a ON a.recommendation_id = r.id AND a.issue = 'Women''s rights'"
        " AND a.coding = 'human'"
        " JOIN recommendation_issues b ON b.recommendation_id = r.id AND b.issue = 'Rights of the Child'"
        " AND b.coding = 'human'"
        " WHERE r.kind = 'recommendation' AND r.sur_code = 'SVN'",
    )[0][0]
    cell = table.counts[table.row_values.index("Women's rights"), columns.index("Rights of the Child")]
    assert cell == both > 0


def test_comparison_columns_are_each_states_own_counts(loaded: SearchEngine) -> None:
    compared = [
        Compared(f"sur:{code}", name, loaded.select(recommendations(sur=[code])))
        for code, name in (("SVN", "Slovenia"), ("HRV", "Croatia"))
    ]
    table = compare_table(compared, Dimension.SESSION, Basis.RECORDS)
    assert table.compared and [s.label for s in table.columns] == ["Slovenia", "Croatia"]
    sessions = [int(v) for v in table.row_values]
    assert sessions == sorted(sessions) and len(sessions) >= 2  # in their order, not by size
    for c, code in enumerate(("SVN", "HRV")):
        counts = dict(
            sql(
                loaded,
                "SELECT session, COUNT(*) FROM recommendations WHERE kind = 'recommendation'"
                " AND sur_code = :code GROUP BY session",
                code=code,
            )
        )
        assert [int(n) for n in table.counts[:, c]] == [counts.get(s, 0) for s in sessions]
        assert table.columns[c].total == sum(int(n) for n in counts.values())
    share = Measure.SHARE
    shares = compare_table(compared, Dimension.SESSION, Basis.RECORDS, share)
    for c in range(2):  # a column's shares are of its own state's recommendations
        assert sum(shares.value(r, c) or 0 for r in range(len(sessions))) == pytest.approx(1.0)


def test_single_table_measures(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations(sur_group=["African"]))
    counts = single_table(selection, Dimension.RESPONSE, Basis.ROWS)
    rates = single_table(selection, Dimension.ISSUE, Basis.ROWS, Measure.ACCEPTED, top=5)
    shares = single_table(selection, Dimension.RESPONSE, Basis.ROWS, Measure.SHARE)
    answered = {r.value: r for r in breakdown(selection, Dimension.ISSUE, Basis.ROWS).rows}
    for r, issue in enumerate(rates.row_values):
        assert rates.value(r, 0) == pytest.approx(answered[issue].acceptance_rate)
    assert sum(shares.value(r, 0) or 0 for r in range(len(shares.row_values))) == pytest.approx(1.0)
    assert counts.total == len(units(selection, Basis.ROWS)) == int(counts.counts.sum())


def test_a_cross_table_shows_its_largest_columns(loaded: SearchEngine) -> None:
    selection = loaded.select(recommendations())
    table = cross_table(selection, Dimension.ISSUE, Dimension.RECOMMENDER, Basis.ROWS, top=5)
    every = breakdown(selection, Dimension.RECOMMENDER, Basis.ROWS).rows  # largest first
    assert len(table.columns) == COLUMNS_SHOWN
    assert table.omitted_columns == len(every) - COLUMNS_SHOWN
    assert [s.value for s in table.columns] == [r.value for r in every[:COLUMNS_SHOWN]]
    assert [s.total for s in table.columns] == [r.count for r in every[:COLUMNS_SHOWN]]


def test_a_table_of_nothing_is_empty(loaded: SearchEngine) -> None:
    nothing = loaded.select(SearchQuery.build("zzzzunmatched", {"type": ["recommendation"]}))
    for table in (
        single_table(nothing, Dimension.ISSUE, Basis.RECORDS),
        cross_table(nothing, Dimension.ISSUE, Dimension.RESPONSE, Basis.ROWS),
    ):
        assert table.is_empty and table.row_values == () and table.total == 0


def _keys(engine: SearchEngine, basis: Basis, **filters: list[str]) -> set[str]:
    query = recommendations(**filters)
    figures = headline(engine.select(query), engine.select(recommendations()), basis)
    return {f.key for f in relevant_figures(figures, query.filters)}


@pytest.mark.parametrize("basis", list(Basis))
def test_headlines_leave_out_what_the_filters_decide(loaded: SearchEngine, basis: Basis) -> None:
    everything = {"accepted", "made_by_north_west", "addressed_to_africa_asia"}
    assert _keys(loaded, basis) == everything
    # Issue #18: "made by WEOG, EEG and GRULAC: 100 %" for a GRULAC-only selection.
    assert _keys(loaded, basis, recommender_group=["GRULAC"]) == everything - {"made_by_north_west"}
    if basis is Basis.ROWS:  # on records, African states' joint recommendations with others count
        assert _keys(loaded, basis, recommender_group=["African"]) == everything - {"made_by_north_west"}
    assert _keys(loaded, basis, sur=["Slovenia"]) == everything - {"addressed_to_africa_asia"}
    assert _keys(loaded, basis, response=["Noted"]) == everything - {"accepted"}
    # Two groups on one side: the share is the records' own, not the filter's, and stays.
    assert _keys(loaded, basis, recommender_group=["GRULAC", "African"]) == everything


def test_a_joint_recommendation_counts_once_in_the_north_west_share(loaded: SearchEngine) -> None:
    """On records, group shares add up past 100 % (a joint recommendation by a GRULAC and a
    WEOG state is under both); the headline's share counts each record once."""
    selection = loaded.select(recommendations(recommender_group=["GRULAC"]))
    figures = headline(selection, loaded.select(recommendations()), Basis.RECORDS)
    assert figures.recommending_share(*NORTH_WEST) > 1.0
    assert figures.made_by_north_west == 1.0
    rows = headline(selection, loaded.select(recommendations()), Basis.ROWS)
    assert rows.made_by_north_west == pytest.approx(rows.recommending_share(*NORTH_WEST))
    everything = headline(loaded.select(recommendations()), loaded.select(recommendations()), Basis.RECORDS)
    direct = sql(
        loaded,
        "SELECT COUNT(DISTINCT r.id) FROM recommendations r JOIN recommenders x ON x.recommendation_id = r.id"
        " JOIN states s ON s.code = x.state_code WHERE r.kind = 'recommendation'"
        " AND s.regional_group IN ('WEOG', 'Eastern European', 'GRULAC')",
    )[0][0]
    assert np.isclose(everything.made_by_north_west, direct / everything.count)
