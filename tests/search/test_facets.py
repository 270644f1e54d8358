import numpy as np

from rightstrack.search.engine import SearchEngine
from rightstrack.search.facets import SPARSE_SHARE, Selected


def test_small_and_large_selections_are_counted_alike(loaded: SearchEngine) -> None:
    """Small selections are counted from their own pairs, large ones as the totals less the
    rest: every way must equal a count made value by value."""
    index = loaded.index()
    random = np.random.default_rng(7)
    for share in (0.0, 0.001, 0.02, 1 / (2 * SPARSE_SHARE), 0.49, 0.51, 0.9, 1.0):
        selected = random.random(index.size) < share
        for dimension, column in index.columns.items():
            counted = column.counts(Selected(selected))
            if column.positions is None:
                expected = np.array([(column.codes[selected] == c).sum() for c in range(len(column.labels))])
            else:  # the count of each value is of records, not pairs
                holders = np.zeros((len(column.labels), index.size), dtype=bool)
                holders[column.codes, column.positions] = True
                expected = (holders & selected).sum(axis=1)
            assert np.array_equal(counted, expected), (dimension, share)
