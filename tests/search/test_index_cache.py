import shutil
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from rightstrack.ingest.loading import load_file
from rightstrack.search import index_cache
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.store.database import data_fingerprint, data_version, open_store

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROW = 'Chad,Africa,AU,"Abolish the death penalty",France,WEOG,EU,Noted,5,Death penalty,4'


def test_a_new_engine_reads_the_saved_index(store: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    load_file(store, tmp_path / "a.csv")
    built = SearchEngine(store).index()
    with store.connect() as connection:
        cached = index_cache.load(data_fingerprint(connection))
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
    assert index_cache.load("anything") is None


def test_a_copied_store_never_reads_the_originals_index(tmp_path: Path) -> None:
    """Issue 14: a copy of a store kept its id and data version, so after both changed a search
    on the copy read the original's index from disk (0 results where there were 30)."""
    original_url = f"sqlite:///{tmp_path / 'original.sqlite3'}"
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    original = open_store(original_url)
    load_file(original, tmp_path / "a.csv")
    assert SearchEngine(original).search(SearchQuery()).total == 1  # builds and saves the index
    original.dispose()  # the whole store in the one file, to copy
    shutil.copyfile(tmp_path / "original.sqlite3", tmp_path / "copy.sqlite3")
    copy = open_store(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    original = open_store(original_url)

    # Each gains one data version, with different data.
    (tmp_path / "b.csv").write_text(f"{HEADER}\n{ROW.replace('Chad', 'Mali')}\n")
    load_file(copy, tmp_path / "b.csv")
    (tmp_path / "c.csv").write_text(
        f"{HEADER}\n{ROW.replace('Chad', 'Niger')}\n{ROW.replace('Chad', 'Togo')}\n"
    )
    load_file(original, tmp_path / "c.csv")
    with original.connect() as one, copy.connect() as other:
        assert data_version(one) == data_version(other)

    copy_hits = SearchEngine(copy).search(SearchQuery()).hits
    original_hits = SearchEngine(original).search(SearchQuery()).hits
    assert sorted(h.sur for h in copy_hits) == ["MLI", "TCD"]
    assert sorted(h.sur for h in original_hits) == ["NER", "TCD", "TGO"]
    # And the other way round, each from the index on disk.
    assert sorted(h.sur for h in SearchEngine(copy).search(SearchQuery()).hits) == ["MLI", "TCD"]
    copy.dispose()
    original.dispose()


def test_an_unchanged_copy_shares_the_index(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    original = open_store(f"sqlite:///{tmp_path / 'original.sqlite3'}")
    load_file(original, tmp_path / "a.csv")
    with original.connect() as connection:
        fingerprint = data_fingerprint(connection)
    original.dispose()
    shutil.copyfile(tmp_path / "original.sqlite3", tmp_path / "copy.sqlite3")
    copy = open_store(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    with copy.connect() as connection:
        assert data_fingerprint(connection) == fingerprint
    copy.dispose()


def test_only_the_newest_indexes_are_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RIGHTSTRACK_CACHE", str(tmp_path / "cache"))
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    for n in range(index_cache.KEEP + 2):
        (tmp_path / f"{n}.csv").write_text(f"{HEADER}\n{ROW.replace('Abolish', f'Abolish ({n})')}\n")
        load_file(store, tmp_path / f"{n}.csv")
        SearchEngine(store).index()
    assert len(list((tmp_path / "cache").glob("facet-index-*.arrays"))) == index_cache.KEEP
    store.dispose()


def test_the_saved_index_is_mapped_read_only_and_equals_the_built_one(store: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n{ROW.replace('Chad', 'Mali')}\n")
    load_file(store, tmp_path / "a.csv")
    built = SearchEngine(store).index()
    with store.connect() as connection:
        mapped = index_cache.load(data_fingerprint(connection))
    assert mapped is not None
    for dimension, column in built.columns.items():
        saved = mapped.columns[dimension]
        assert saved.labels == column.labels
        assert np.array_equal(saved.codes, column.codes)
        assert (saved.positions is None) == (column.positions is None)
        if column.positions is not None:
            assert np.array_equal(saved.positions, column.positions)
    assert np.array_equal(mapped.rows.states, built.rows.states)
    assert mapped.state_names == built.state_names
    assert not mapped.ids.flags.writeable  # one copy shared by every process: nobody writes to it
    with pytest.raises(ValueError):
        mapped.ids[0] = 7


def test_a_damaged_index_file_is_rebuilt_not_read(
    monkeypatch: pytest.MonkeyPatch, store: Engine, tmp_path: Path
) -> None:
    monkeypatch.setenv("RIGHTSTRACK_CACHE", str(tmp_path / "cache"))
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{ROW}\n")
    load_file(store, tmp_path / "a.csv")
    SearchEngine(store).index()
    (saved,) = (tmp_path / "cache").glob("facet-index-*.arrays")
    saved.write_bytes(saved.read_bytes()[:100])  # cut off mid-header
    with store.connect() as connection:
        assert index_cache.load(data_fingerprint(connection)) is None
    assert SearchEngine(store).search(SearchQuery()).total == 1
