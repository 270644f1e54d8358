import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy import text as sql

from rightstrack.ingest.loading import load_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, InvalidFilterError, SearchQuery, Sort
from rightstrack.store.database import data_state, open_store
from rightstrack.store.schema import RecommendationRow
from tests import parallel
from tests.conftest import _postgres_schema_url, export_rows

CROSS_BACKEND_QUERIES = [
    "women",
    '"death penalty"',
    "torture OR ill-treatment",
    "ratif* -convention",
    "NOT right",
]


def total(engine: SearchEngine, text: str = "", **filters: list[str]) -> int:
    return engine.search(SearchQuery.build(text, filters, per_page=0), facets=False).total


def test_word_forms_find_each_other(loaded: SearchEngine) -> None:
    assert total(loaded, "woman") == total(loaded, "women") > 4000
    assert total(loaded, "child") == total(loaded, "children") > 4000
    hits = loaded.search(SearchQuery.build("child", per_page=50)).hits
    assert any(re.search(r"\bchildren\b", h.text, re.I) for h in hits)


def test_boolean_operators(loaded: SearchEngine) -> None:
    everything = total(loaded)
    torture, prison = total(loaded, "torture"), total(loaded, "prison")
    both, either = total(loaded, "torture prison"), total(loaded, "torture OR prison")
    assert both <= min(torture, prison) and either >= max(torture, prison)
    assert either == torture + prison - both
    assert total(loaded, "NOT torture") == everything - torture
    assert total(loaded, "prison -torture") == prison - both
    # NOT may stand anywhere, also inside OR.
    assert total(loaded, "torture OR NOT prison") == everything - prison + both


def test_phrase_requires_adjacent_words(loaded: SearchEngine) -> None:
    hits = loaded.search(SearchQuery.build('"death penalty"', per_page=200)).hits
    assert hits
    assert all(re.search(r"death[\s-]+penalt", h.text, re.I) for h in hits)
    assert total(loaded, '"death penalty"') <= total(loaded, "death penalty")


def test_prefix(loaded: SearchEngine) -> None:
    assert total(loaded, "ratif*") > total(loaded, "ratify") > 0


def test_highlights_mark_the_matching_word_forms(loaded: SearchEngine) -> None:
    hit = loaded.search(SearchQuery.build("women", per_page=1)).hits[0]
    marked = {hit.text[a:b].lower() for a, b in hit.highlights}
    assert marked <= {"women", "woman", "women's"} and marked


def test_filters_apply_to_every_hit(loaded: SearchEngine) -> None:
    query = SearchQuery.build(
        "",
        {
            "issue": ["Freedom of the press"],
            "response": ["noted"],
            "recommender_group": ["GRULAC"],
            "sur_group": ["Asia"],
            "cycle": ["2"],
        },
        per_page=100,
    )
    result = loaded.search(query)
    assert 0 < result.total == len(result.hits)
    index = loaded.index()
    for hit in result.hits:
        assert hit.response == "Noted" and hit.cycle == 2
        assert "Freedom of the press" in hit.issues
        assert index.state_groups[hit.sur] == "Asia-Pacific"
        assert any(index.state_groups.get(r.code or "") == "GRULAC" for r in hit.recommenders)


def test_facets_count_every_dimension(loaded: SearchEngine) -> None:
    result = loaded.search(SearchQuery.build("torture"))
    assert set(result.facets) == set(Dimension)
    assert sum(v.count for v in result.facets[Dimension.TYPE]) == result.total
    assert sum(v.count for v in result.facets[Dimension.SUR_GROUP]) == result.total


def test_facet_of_a_filtered_dimension_still_shows_other_values(loaded: SearchEngine) -> None:
    result = loaded.search(SearchQuery.build("", {"sur_group": ["WEOG"]}))
    values = {v.value: v for v in result.facets[Dimension.SUR_GROUP]}
    assert values["WEOG"].selected and values["WEOG"].count == result.total
    assert values["African"].count > 0 and not values["African"].selected
    # Other facets do follow the filter.
    assert {v.value for v in result.facets[Dimension.SUR]} <= {
        code for code, group in loaded.index().state_groups.items() if group == "WEOG"
    }


def test_sort_and_pages(loaded: SearchEngine) -> None:
    query = SearchQuery.build("torture", sort=Sort.SESSION, per_page=25)
    first = loaded.search(query).hits
    second = loaded.search(SearchQuery.build("torture", sort=Sort.SESSION, per_page=25, page=2)).hits
    sessions = [h.session for h in first + second]
    assert sessions == sorted(sessions)
    assert not {h.id for h in first} & {h.id for h in second}
    recent = loaded.search(SearchQuery.build("torture", sort=Sort.RECENT, per_page=25)).hits
    assert [h.session for h in recent] == sorted((h.session for h in recent), reverse=True)
    by_state = loaded.search(SearchQuery.build("torture", sort=Sort.STATE, per_page=50)).hits
    assert [h.sur_name for h in by_state] == sorted(h.sur_name for h in by_state)


def test_relevance_puts_denser_matches_first(loaded: SearchEngine) -> None:
    hits = loaded.search(SearchQuery.build("torture", per_page=5)).hits
    assert all("tortur" in h.text.lower() for h in hits)


def test_invalid_filters_are_explained() -> None:
    with pytest.raises(InvalidFilterError, match="sur: unknown state 'Atlantis'"):
        SearchQuery.build("", {"sur": ["Atlantis"]})
    with pytest.raises(InvalidFilterError, match="unknown filter"):
        SearchQuery.build("", {"colour": ["red"]})
    with pytest.raises(InvalidFilterError, match="no such session: 99"):
        SearchQuery.build("", {"session": ["99"]})


def test_hostile_text_is_searched_as_words(loaded: SearchEngine) -> None:
    for text in ["'; DROP TABLE recommendations; --", 'x" OR 1=1 --', "\\'", "NEAR(a b)", "col:value"]:
        loaded.search(SearchQuery.build(text))
    assert total(loaded) == 38_137


def test_backends_agree(loaded: SearchEngine, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whichever backend comes second compares, though each may run in its own worker."""
    backend = loaded.engine.dialect.name
    totals = {q: total(loaded, q) for q in CROSS_BACKEND_QUERIES}
    by_backend = parallel.meet(parallel.run_folder(tmp_path_factory), "backend-totals", backend, totals)
    if len(by_backend) < 2:
        pytest.skip("the other backend has not run yet")
    assert by_backend["sqlite"] == by_backend["postgresql"]


@pytest.mark.postgres
def test_a_store_loaded_anew_is_not_taken_for_the_one_before(upr_info_dir: Path, tmp_path: Path) -> None:
    """A database dropped and loaded again while servers run counts its versions from the start:
    a server must not take the new data's version 1 for the old one's (the data token differs)."""
    urls = _postgres_schema_url()
    url = next(urls)
    schema = re.search(r"search_path%3D(\w+)", url)
    assert schema
    engine = open_store(url)
    try:
        load_paths(engine, [export_rows(upr_info_dir / "18-19.csv", 30, tmp_path / "before.csv")])
        search = SearchEngine(engine)
        assert total(search) == 30
        with engine.begin() as connection:
            connection.execute(sql(f"DROP SCHEMA {schema.group(1)} CASCADE"))
            connection.execute(sql(f"CREATE SCHEMA {schema.group(1)}"))
        open_store(url).dispose()
        load_paths(engine, [export_rows(upr_info_dir / "voluntary.csv", 20, tmp_path / "after.csv")])
        with engine.connect() as connection:
            assert data_state(connection)[0] == 1  # the same version number as the data before
            rows = connection.execute(select(RecommendationRow.id, RecommendationRow.text))
            stored = {record_id: text for record_id, text in rows}
        found = search.search(SearchQuery.build("", per_page=50), facets=False)
        assert found.total == len(stored) == 20
        assert {hit.id: hit.text for hit in found.hits} == stored
    finally:
        engine.dispose()
        next(urls, None)
