"""One vocabulary: an issue filter finds the records tagged with a paired UHRI theme, and back."""

from __future__ import annotations

import numpy as np

from rightstrack.reference.issues import UPR_INFO_ISSUES
from rightstrack.reference.theme_issues import issues_for_themes, theme_issue_pairs, themes_for_issues
from rightstrack.reference.uhri import all_themes
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery


def test_every_pair_joins_known_labels_and_says_why() -> None:
    themes = {theme.label for theme in all_themes().values()}
    pairs = theme_issue_pairs()
    assert len(pairs) > 100
    for pair in pairs:
        assert pair.theme in themes and pair.issue in UPR_INFO_ISSUES and pair.reason
    assert len({(p.theme, p.issue) for p in pairs}) == len(pairs)
    assert themes_for_issues(frozenset({"Right to health"})) >= {
        "Right to health",
        "Right to health - General",
    }
    assert issues_for_themes(frozenset({"Discrimination against women"})) == {"Women's rights"}


def _holders(engine: SearchEngine, dimension: Dimension, values: frozenset[str]) -> set[int]:
    index = engine.index()
    mask = index.columns[dimension].mask(values, index.size)
    return {int(i) for i in index.ids[mask]}


def test_an_issue_filter_also_finds_the_paired_themes(mixed: SearchEngine) -> None:
    coded = _holders(mixed, Dimension.ISSUE, frozenset({"Right to health"}))
    tagged = _holders(mixed, Dimension.THEME, themes_for_issues(frozenset({"Right to health"})))
    assert coded and tagged - coded  # UPR Info's coding, and records only the matrices tagged
    result = mixed.search(SearchQuery.build(filters={"issue": ["right to health"]}, per_page=500))
    assert result.total == len(coded | tagged)
    widened = result.mapped[Dimension.ISSUE]
    assert widened.through is Dimension.THEME and widened.records == len(tagged - coded)
    assert "Right to health" in widened.values
    for hit in result.hits:
        assert bool(hit.matched_through_mapping) == (hit.id not in coded), hit.id
    # The CEDAW concern on preventive health care, tagged "Right to health", is among them.
    cedaw = [hit for hit in result.hits if hit.body == "CEDAW"]
    assert len(cedaw) == 1 and cedaw[0].matched_through_mapping == ("issue",)


def test_a_theme_filter_also_finds_the_paired_issues(mixed: SearchEngine) -> None:
    theme = "Discrimination against women"
    result = mixed.search(SearchQuery.build(filters={"theme": [theme]}, per_page=0))
    tagged = _holders(mixed, Dimension.THEME, frozenset({theme}))
    coded = _holders(mixed, Dimension.ISSUE, frozenset({"Women's rights"}))
    assert result.total == len(tagged | coded) > len(tagged)
    assert result.mapped[Dimension.THEME].records == len(coded - tagged)


def test_predicted_issues_are_never_widened(mixed: SearchEngine) -> None:
    result = mixed.search(SearchQuery.build(filters={"predicted_issue": ["Right to health"]}, per_page=0))
    assert result.mapped == {}
    index = mixed.index()
    column = index.columns[Dimension.PREDICTED_ISSUE]
    expected = int(np.count_nonzero(column.mask({"Right to health"}, index.size)))
    assert result.total == expected


def test_the_api_says_what_the_mapping_added(mixed: SearchEngine) -> None:
    from fastapi.testclient import TestClient

    from rightstrack.web.app import create_app

    with TestClient(create_app(search=mixed)) as client:
        payload = client.get("/api/v1/search", params={"issue": "Right to health", "per_page": 200}).json()
        assert payload["matched_through_mapping"]["issue"]["through"] == "theme"
        flagged = [hit for hit in payload["hits"] if hit["matched_through_mapping"]]
        assert flagged and all(not hit["issues"] for hit in flagged if hit["mechanism"] != "UPR")
        page = client.get("/", params={"issue": "Right to health"}).text
        assert "matched through the theme mapping" in page and 'class="mapping"' in page
