from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from rightstrack.search import index_cache
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.store.database import open_store, store_id
from rightstrack.store.loading import load_file

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROW = 'Chad,Africa,AU,"Abolish the death penalty",France,WEOG,EU,Noted,5,Death penalty,4'


def test_a_new_engine_reads_the_saved_index(store: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    load_file(store, tmp_path / "a.csv")
    built = SearchEngine(store).index()
    with store.connect() as connection:
        cached = index_cache.load(store_id(connection), built.version)
    assert cached is not None
    assert np.array_equal(cached.ids, built.ids)
    assert cached.columns[Dimension.SUR].labels == ("TCD",)


def test_new_data_is_never_hidden_by_the_cache(store: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    load_file(store, tmp_path / "a.csv")
    assert SearchEngine(store).search(SearchQuery()).total == 1
    (tmp_path / "b.csv").write_text(f"{HEADER}\n{ROW.replace('Chad', 'Mali')}\n")
    load_file(store, tmp_path / "b.csv")
    assert SearchEngine(store).search(SearchQuery()).total == 2


def test_a_recreated_store_at_the_same_path_gets_a_fresh_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'same.sqlite3'}"
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    first = open_store(url)
    load_file(first, tmp_path / "a.csv")
    assert SearchEngine(first).search(SearchQuery()).total == 1
    first.dispose()
    (tmp_path / "same.sqlite3").unlink()
    second = open_store(url)
    (tmp_path / "b.csv").write_text(f"{HEADER}\n{ROW.replace('Chad', 'Mali')}\n")
    load_file(second, tmp_path / "b.csv")  # same data version as the first store had
    hits = SearchEngine(second).search(SearchQuery()).hits
    assert [h.sur for h in hits] == ["MLI"]


def test_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch, store: Engine) -> None:
    monkeypatch.setenv("RIGHTSTRACK_CACHE", "off")
    SearchEngine(store).index()
    assert index_cache.load("anything", 0) is None
