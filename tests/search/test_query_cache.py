"""The engine's caches of evaluated queries and shown records must never change an answer."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from rightstrack.ingest.loading import load_file
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery, Sort

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROW = 'Chad,Africa,AU,"Abolish the death penalty",France,WEOG,EU,Noted,5,Death penalty,4'

QUERIES = [
    SearchQuery.build("women", per_page=5),
    SearchQuery.build("women", per_page=5, page=3),
    SearchQuery.build('"death penalty"', {"sur_group": ["African"]}, sort=Sort.SESSION),
    SearchQuery.build("", {"issue": ["Elections"], "response": ["Noted"]}),
    SearchQuery.build("torture OR ill-treatment", {"cycle": ["2"]}, per_page=50),
]


def test_cached_and_uncached_answers_are_the_same(loaded: SearchEngine) -> None:
    cached = SearchEngine(loaded.engine, query_cache_size=64)
    uncached = SearchEngine(loaded.engine, query_cache_size=0)
    for query in QUERIES * 2:  # the second round is answered from the cache
        ours, theirs = cached.search(query), uncached.search(query)
        assert ours.total == theirs.total
        assert [h.to_dict() for h in ours.hits] == [h.to_dict() for h in theirs.hits]
        assert ours.facets == theirs.facets


def test_pages_and_statistics_share_one_evaluation(loaded: SearchEngine) -> None:
    engine = SearchEngine(loaded.engine, query_cache_size=64)
    first = engine.select(SearchQuery.build("women", page=1))
    later = engine.select(SearchQuery.build("women", page=4))
    assert later is first
    assert engine.select(SearchQuery.build("woman", page=1)) is not first  # a different text


def test_cached_results_cannot_be_changed_by_a_reader(loaded: SearchEngine) -> None:
    engine = SearchEngine(loaded.engine, query_cache_size=64)
    selection = engine.select(SearchQuery.build("torture"))
    with pytest.raises(ValueError, match="read-only"):
        selection.mask[:] = True
    assert engine.select(SearchQuery.build("torture")).mask.sum() == len(selection.positions)


def test_new_data_replaces_cached_answers(store: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    load_file(store, tmp_path / "a.csv")
    engine = SearchEngine(store, query_cache_size=64)
    assert engine.search(SearchQuery.build("death")).total == 1
    (tmp_path / "b.csv").write_text(f"{HEADER}\n{ROW.replace('Chad', 'Mali')}\n")
    load_file(store, tmp_path / "b.csv")
    result = engine.search(SearchQuery.build("death"))
    assert result.total == 2
    assert {h.sur for h in result.hits} == {"TCD", "MLI"}


def test_cache_size_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, store: Engine) -> None:
    monkeypatch.setenv("RIGHTSTRACK_QUERY_CACHE", "0")
    engine = SearchEngine(store)
    engine.search(SearchQuery())
    assert len(engine._evaluations) == 0
    monkeypatch.setenv("RIGHTSTRACK_QUERY_CACHE", "lots")
    with pytest.raises(ValueError, match="RIGHTSTRACK_QUERY_CACHE must be a number"):
        SearchEngine(store)
