import numpy as np

from rightstrack.search.engine import SearchEngine
from rightstrack.search.facets import SPARSE_SHARE


def test_small_and_large_selections_are_counted_alike(loaded: SearchEngine) -> None:
    """Small selections are counted from their own pairs; the counts must equal a full pass."""
    index = loaded.index()
    random = np.random.default_rng(7)
    for share in (0.0, 0.001, 0.02, 1 / (2 * SPARSE_SHARE), 0.5, 1.0):
        selected = random.random(index.size) < share
        picked = np.flatnonzero(selected)
        for dimension, column in index.columns.items():
            full = column.counts(selected)
            assert np.array_equal(column.counts(selected, picked), full), (dimension, share)
            if column.positions is not None:  # the count of each value is of records, not pairs
                holders = np.zeros((len(column.labels), index.size), dtype=bool)
                holders[column.codes, column.positions] = True
                assert np.array_equal(full, (holders & selected).sum(axis=1))
