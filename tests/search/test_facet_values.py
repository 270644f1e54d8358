"""Exclusions (NOT), ranges of days and what a facet's counts mean under them (issue #18), on the
real data and both backends, each figure checked against a count the database makes itself."""

from datetime import date

import pytest
from sqlalchemy import text as sql

from rightstrack.reference.sessions import all_sessions, review_day
from rightstrack.search.engine import SearchEngine
from rightstrack.search.facet_values import FacetValue
from rightstrack.search.query import Dimension, InvalidFilterError, SearchQuery, parse_day

HUMAN_ISSUE = "SELECT recommendation_id FROM recommendation_issues WHERE coding = 'human' AND issue = :issue"


def count_sql(engine: SearchEngine, where: str, **params: object) -> int:
    with engine.engine.connect() as connection:
        return int(
            connection.execute(
                sql(f"SELECT count(*) FROM recommendations WHERE {where}"), params
            ).scalar_one()
        )


def total(engine: SearchEngine, **parts: object) -> int:
    return engine.search(SearchQuery.build(per_page=0, **parts), facets=False).total  # type: ignore[arg-type]


def facet(engine: SearchEngine, dimension: Dimension, **parts: object) -> dict[str, FacetValue]:
    found = engine.search(SearchQuery.build(per_page=0, **parts)).facets[dimension]  # type: ignore[arg-type]
    return {value.value: value for value in found}


def test_exclusions_count_what_the_database_counts(loaded: SearchEngine) -> None:
    everything = count_sql(loaded, "1 = 1")
    assert total(loaded, excluded={"sur": ["France"]}) == count_sql(loaded, "sur_code <> 'FRA'") < everything
    # A multi-valued dimension: a record with the issue among others is left out too.
    not_elections = count_sql(loaded, f"id NOT IN ({HUMAN_ISSUE})", issue="Elections")
    assert total(loaded, excluded={"issue": ["Elections"]}) == not_elections
    assert not_elections + total(loaded, filters={"issue": ["Elections"]}) == everything
    # Records with no response are kept by "not Noted".
    assert total(loaded, excluded={"response": ["noted"]}) == count_sql(
        loaded, "response IS NULL OR response <> 'Noted'"
    )
    # A dimension chosen and excluded at once: women's rights, but not where elections are coded too.
    both = total(loaded, filters={"issue": ["Women's rights"]}, excluded={"issue": ["Elections"]})
    assert both == count_sql(
        loaded,
        f"id IN ({HUMAN_ISSUE.replace(':issue', ':women')}) AND id NOT IN ({HUMAN_ISSUE})",
        women="Women's rights",
        issue="Elections",
    )
    assert both < total(loaded, filters={"issue": ["Women's rights"]})


def test_facet_counts_follow_an_exclusion(loaded: SearchEngine) -> None:
    groups = facet(loaded, Dimension.SUR_GROUP, excluded={"issue": ["Elections"]})
    with loaded.engine.connect() as connection:
        expected = dict(
            connection.execute(
                sql(
                    "SELECT s.regional_group, count(*) FROM recommendations r "
                    "JOIN states s ON s.code = r.sur_code WHERE s.regional_group IS NOT NULL "
                    f"AND r.id NOT IN ({HUMAN_ISSUE}) GROUP BY s.regional_group"
                ),
                {"issue": "Elections"},
            ).all()
        )
    assert expected and {group: groups[group].count for group in expected} == expected


def test_an_excluded_value_says_what_it_leaves_out(loaded: SearchEngine) -> None:
    states = facet(loaded, Dimension.SUR, excluded={"sur": ["France", "Chile"]}, filters={"cycle": ["2"]})
    france, chile = states["FRA"], states["CHL"]
    assert france.excluded and chile.excluded and not france.selected and france.adds is None
    assert france.count == count_sql(loaded, "sur_code = 'FRA' AND cycle = 2") > 0
    assert chile.count == count_sql(loaded, "sur_code = 'CHL' AND cycle = 2") > 0
    # The other states' counts are the search's own: France's and Chile's records are gone.
    assert states["DEU"].count == count_sql(loaded, "sur_code = 'DEU' AND cycle = 2")
    assert sum(v.count for v in states.values() if not v.excluded) == total(
        loaded, excluded={"sur": ["France", "Chile"]}, filters={"cycle": ["2"]}
    )


def test_inside_a_chosen_facet_each_value_says_what_it_would_add(loaded: SearchEngine) -> None:
    """Issue #18: "109 shown beside 3 results". Values of one dimension combine with OR: beside
    the chosen ones each other value says how many records choosing it would add."""
    women = total(loaded, filters={"issue": ["Women's rights"]})
    issues = facet(loaded, Dimension.ISSUE, filters={"issue": ["Women's rights"]})
    assert issues["Women's rights"].selected and issues["Women's rights"].count == women
    assert issues["Women's rights"].adds is None
    children = issues["Rights of the Child"]
    both = total(loaded, filters={"issue": ["Women's rights", "Rights of the Child"]})
    assert (
        children.adds
        == both - women
        == count_sql(
            loaded,
            f"id IN ({HUMAN_ISSUE}) AND id NOT IN ({HUMAN_ISSUE.replace(':issue', ':women')})",
            issue="Rights of the Child",
            women="Women's rights",
        )
    )
    assert 0 < children.adds < children.count  # records coded with both are not added twice
    # A single-valued dimension: another session adds all of its records.
    sessions = facet(loaded, Dimension.SESSION, filters={"session": ["12"]})
    assert sessions["13"].adds == sessions["13"].count == count_sql(loaded, "session = 13")
    # Where nothing is chosen in a dimension there is nothing to add to.
    assert all(v.adds is None for v in facet(loaded, Dimension.CYCLE, filters={"session": ["12"]}).values())


def _sessions_between(start: date, end: date) -> list[int]:
    return [number for number in all_sessions() if start <= review_day(number) <= end]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2012", "2013"), ("2010-05", "2011-06-30"), ("2014-01-01", None), (None, "2009")],
)
def test_a_range_of_days_counts_what_the_database_counts(
    loaded: SearchEngine, start: str | None, end: str | None
) -> None:
    """UPR records by their session's review day (reference/sessions.py)."""
    first = parse_day("from", start) if start else date(1946, 1, 1)
    last = parse_day("to", end, end=True) if end else date(2100, 1, 1)
    sessions = _sessions_between(first, last)
    assert sessions
    expected = count_sql(loaded, f"session IN ({', '.join(map(str, sessions))})")
    result = loaded.search(SearchQuery.build(date_from=start, date_to=end, per_page=50, sort="session"))
    assert result.total == expected > 0
    assert all(first <= review_day(hit.session or 0) <= last for hit in result.hits)
    # The facets count the same records.
    assert sum(v.count for v in result.facets[Dimension.SESSION]) == expected


def test_a_range_combines_with_filters_and_exclusions(loaded: SearchEngine) -> None:
    sessions = ", ".join(map(str, _sessions_between(date(2012, 1, 1), date(2014, 12, 31))))
    found = total(
        loaded,
        filters={"sur_group": ["African"]},
        excluded={"response": ["Accepted"]},
        date_from="2012",
        date_to="2014",
    )
    assert found == count_sql(
        loaded,
        f"session IN ({sessions}) AND (response IS NULL OR response <> 'Accepted') "
        "AND sur_code IN (SELECT code FROM states WHERE regional_group = 'African')",
    )


def test_days_months_and_years_are_read_and_bad_ones_explained() -> None:
    assert parse_day("from", "2015") == date(2015, 1, 1)
    assert parse_day("to", "2015", end=True) == date(2015, 12, 31)
    assert parse_day("to", "2016-02", end=True) == date(2016, 2, 29)
    assert parse_day("to", "2015-12", end=True) == date(2015, 12, 31)
    assert parse_day("from", " 2015-06-30 ") == date(2015, 6, 30)
    for bad in ["2015-13", "2015-02-30", "15", "last year", "2015/06/30", "20150630"]:
        with pytest.raises(
            InvalidFilterError, match=r"from: .* is not a date \(YYYY-MM-DD, YYYY-MM or YYYY\)"
        ):
            parse_day("from", bad)
    with pytest.raises(InvalidFilterError, match=r"to: the range ends \(2014-12-31\) before it starts"):
        SearchQuery.build(date_from="2015", date_to="2014")
    with pytest.raises(InvalidFilterError, match="sur: 'FRA' is both required and excluded"):
        SearchQuery.build(filters={"sur": ["France"]}, excluded={"sur": ["FRA"]})
    with pytest.raises(InvalidFilterError, match="unknown filter"):
        SearchQuery.build(excluded={"colour": ["red"]})


def test_action_categories_are_filtered_by_name_too(loaded: SearchEngine) -> None:
    assert SearchQuery.build(filters={"action": ["Specific action", "continuing", "1"]}).filters == {
        Dimension.ACTION: frozenset({"5", "2", "1"})
    }
    assert total(loaded, excluded={"action": ["Specific action"]}) == total(loaded) - total(
        loaded, filters={"action": ["5"]}
    )
    with pytest.raises(InvalidFilterError, match=r"'bold' is not an action category: 1 \(Minimal action\)"):
        SearchQuery.build(filters={"action": ["bold"]})


def test_every_value_of_a_facet(loaded: SearchEngine) -> None:
    """The search page lists a facet's first values; ``facet`` gives all of them, counted alike."""
    query = SearchQuery.build(filters={"sur_group": ["African"]})
    every = loaded.facet(query, Dimension.RECOMMENDER)
    with loaded.engine.connect() as connection:
        distinct = connection.execute(
            sql(
                "SELECT count(DISTINCT coalesce(rc.state_code, '?')) FROM recommenders rc "
                "JOIN recommendations r ON r.id = rc.recommendation_id JOIN states s ON s.code = r.sur_code "
                "WHERE s.regional_group = 'African'"
            )
        ).scalar_one()
    assert len(every) == distinct > 150
    listed = {v.value: v.count for v in loaded.search(query).facets[Dimension.RECOMMENDER]}
    assert {v.value: v.count for v in every if v.value in listed} == listed
    assert [v.count for v in every] == sorted((v.count for v in every), reverse=True)
