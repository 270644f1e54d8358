"""A columnar view of every record's categories, for filters and facet counts.

Counting 19 facets with SQL GROUP BYs costs a scan per facet; here each dimension is an array of
small integer codes (or record/value pairs for multi-valued ones), so filtering is a boolean mask
and counting is ``numpy.bincount`` — a few milliseconds for the whole database. The index is built
from the store (search/index_build.py) when the store's data version changes, and kept on disk
(search/index_cache.py) where every process on the machine maps the same copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from rightstrack.search.query import Dimension

Mask = NDArray[np.bool_]
Codes = NDArray[np.int32]

# Below one record in this many, a multi-valued facet is counted from the selected records'
# own pairs (two binary searches each) rather than by a pass over every pair.
SPARSE_SHARE = 8


@dataclass(frozen=True)
class Column:
    """One dimension: ``codes[k]`` is the value of pair k, held by record ``positions[k]``.

    For a single-valued dimension ``positions`` is None and ``codes[i]`` belongs to record i.
    """

    labels: tuple[str, ...]
    codes: Codes
    positions: Codes | None = None

    def code_of(self, label: str) -> int | None:
        """The code of a value; one written in another case matches too ("crc" finds "CRC"),
        as free names (bodies) are typed as people remember them."""
        try:
            return self.labels.index(label)
        except ValueError:
            folded = label.casefold()
            return next((code for code, known in enumerate(self.labels) if known.casefold() == folded), None)

    def mask(self, values: Iterable[str], size: int) -> Mask:
        wanted = [c for c in (self.code_of(v) for v in values) if c is not None]
        hit = np.isin(self.codes, np.array(wanted, dtype=np.int32))
        if self.positions is None:
            return hit
        mask = np.zeros(size, dtype=bool)
        mask[self.positions[hit]] = True
        return mask

    def counts(self, selected: Mask, picked: NDArray[np.intp] | None = None) -> NDArray[np.int64]:
        """Records per value among the selected ones; ``picked`` (the selected positions, sorted)
        lets a small selection be counted from its own pairs, not by a pass over all of them."""
        if self.positions is None:
            chosen = self.codes[selected] if picked is None else self.codes[picked]
        elif picked is not None and len(picked) * SPARSE_SHARE < len(selected):
            starts = np.searchsorted(self.positions, picked, side="left")
            lengths = np.searchsorted(self.positions, picked, side="right") - starts
            before = np.cumsum(lengths) - lengths  # where each record's run starts in the output
            chosen = self.codes[np.repeat(starts - before, lengths) + np.arange(lengths.sum())]
        else:
            chosen = self.codes[selected[self.positions]]
        return np.bincount(chosen, minlength=len(self.labels))


@dataclass(frozen=True)
class RecommenderRows:
    """One entry per source row naming a recommending state: the basis of row-based counts."""

    positions: Codes
    states: Codes  # index into state_labels; the last label is UNKNOWN_STATE
    groups: Codes  # index into group_labels
    state_labels: tuple[str, ...]
    group_labels: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class FacetIndex:
    version: int
    ids: NDArray[np.int64]
    lengths: NDArray[np.float64]  # words per record, for relevance
    # Each record's day as an ordinal (its UPR session's review day, or its document's
    # publication date, or 1 July of its year): the sorts by time, across mechanisms.
    days: NDArray[np.int64]
    columns: dict[Dimension, Column]
    rows: RecommenderRows
    state_names: dict[str, str]
    state_groups: dict[str, str]
    organisations: dict[str, frozenset[str]]

    @property
    def size(self) -> int:
        return len(self.ids)

    @cached_property
    def display_labels(self) -> dict[Dimension, tuple[str, ...]]:
        """What people read for each value code: states by name, everything else as stored."""
        return {
            dimension: tuple(self.label(dimension, value) for value in column.labels)
            for dimension, column in self.columns.items()
        }

    def positions_of(self, ids: Iterable[int]) -> Codes:
        array = np.fromiter(ids, dtype=np.int64)
        found = np.searchsorted(self.ids, array)
        found = np.clip(found, 0, max(self.size - 1, 0))
        return found[self.ids[found] == array].astype(np.int32) if self.size else found.astype(np.int32)

    def label(self, dimension: Dimension, value: str) -> str:
        if dimension in (Dimension.SUR, Dimension.RECOMMENDER):
            return self.state_names.get(value, value)
        return value
