"""A columnar view of every record's categories, for filters and facet counts.

Counting 21 facets with SQL GROUP BYs costs a scan per facet; here each dimension is an array of
small integer codes (or record/value pairs for multi-valued ones), so filtering is a boolean mask
and counting is ``numpy.bincount``. A dimension of few values also has one bitmap of records per
value: its counts are then popcounts of the bitmaps ANDed with the selection's (a hundredth of a
pass over a million pairs at 500,000 records: measured in bench/scale_bench.py). The index is built
from the store (search/index_build.py) when the store's data version changes, and kept on disk
(search/index_cache.py) where every process on the machine maps the same copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from rightstrack.reference.issues import ACTION_CATEGORIES, action_label
from rightstrack.search.query import Dimension, Sort

Mask = NDArray[np.bool_]
Codes = NDArray[np.int32]

# Below one record in this many, a multi-valued facet is counted from the selected records'
# own pairs (their runs, read from the offsets) rather than by a pass over every pair.
SPARSE_SHARE = 8
# Dimensions with at most this many values get a bitmap per value (n/8 bytes each).
BITMAP_VALUES = 64
Bits = NDArray[np.uint64]


def packed(mask: Mask) -> Bits:
    """A mask as a bitmap of 64-bit words (bit i of word i // 64 is record i)."""
    words = -(-len(mask) // 64)
    padded = np.zeros(words * 8, dtype=np.uint8)
    packed_bytes = np.packbits(mask, bitorder="little")
    padded[: len(packed_bytes)] = packed_bytes
    return padded.view(np.uint64)


def run_places(starts: NDArray[np.integer], lengths: NDArray[np.integer]) -> NDArray[np.int64]:
    """For runs [start, start + length) of an array, the places of their items, run after run."""
    before = np.cumsum(lengths) - lengths  # where each run starts in the output
    places = np.repeat(starts - before, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
    return places.astype(np.int64)


def run_owners(lengths: NDArray[np.integer]) -> NDArray[np.int64]:
    """For the same runs, the run each item belongs to."""
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)


def unpacked(bits: Bits, size: int) -> Mask:
    return np.unpackbits(bits.view(np.uint8), count=size, bitorder="little").astype(bool)


class Selected:
    """A mask of records and, computed once for every facet counted over it, the positions of
    the smaller side: the selected ones, or (when they are most of the store) the rest."""

    def __init__(self, mask: Mask) -> None:
        self.mask = mask
        self.size = len(mask)
        selected = int(np.count_nonzero(mask))
        self.dense = 2 * selected > self.size

    @cached_property
    def picked(self) -> NDArray[np.intp]:
        return np.flatnonzero(self.mask)

    @cached_property
    def rest(self) -> NDArray[np.intp]:
        return np.flatnonzero(~self.mask)

    @cached_property
    def bits(self) -> Bits:
        return packed(self.mask)


@dataclass(frozen=True)
class Column:
    """One dimension: ``codes[k]`` is the value of pair k, held by record ``positions[k]``.

    For a single-valued dimension ``positions`` is None and ``codes[i]`` belongs to record i.
    """

    labels: tuple[str, ...]
    codes: Codes
    positions: Codes | None = None
    # Multi-valued only: record i's pairs are [offsets[i], offsets[i + 1]) (positions are sorted).
    offsets: Codes | None = None
    # With few values: row v is the bitmap of the records holding value v.
    bits: Bits | None = None

    def prepared(self, size: int) -> Column:
        """The column with its run offsets and bitmaps, for ``size`` records (once, when built)."""
        column = self
        if self.positions is not None:
            held = np.bincount(self.positions, minlength=size)
            column = replace(column, offsets=np.concatenate(([0], np.cumsum(held))).astype(np.int32))
        if len(self.labels) <= BITMAP_VALUES:
            bits = np.zeros((len(self.labels), -(-size // 64)), dtype=np.uint64)
            for code in range(len(self.labels)):
                holds = self.codes == code
                if self.positions is None:
                    bits[code] = packed(holds)
                else:
                    mask = np.zeros(size, dtype=bool)
                    mask[self.positions[holds]] = True
                    bits[code] = packed(mask)
            column = replace(column, bits=bits)
        return column

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
        if self.bits is not None:
            return (
                unpacked(np.bitwise_or.reduce(self.bits[wanted], axis=0), size)
                if wanted
                else np.zeros(size, bool)
            )
        hit = np.isin(self.codes, np.array(wanted, dtype=np.int32))
        if self.positions is None:
            return hit
        mask = np.zeros(size, dtype=bool)
        mask[self.positions[hit]] = True
        return mask

    @cached_property
    def totals(self) -> NDArray[np.int64]:
        """Records per value in the whole store."""
        return np.bincount(self.codes, minlength=len(self.labels))

    def counts(self, selected: Selected) -> NDArray[np.int64]:
        """Records per value among the selected ones.

        The work is proportional to the smaller of the selection and the rest: a selection of
        most of the store is counted as the store's totals less the records left out (at 500,000
        records, a search for everything costs what a search for nothing does)."""
        if self.bits is not None:
            counted: NDArray[np.int64] = np.bitwise_count(self.bits & selected.bits).sum(
                axis=1, dtype=np.int64
            )
            return counted
        if selected.dense:
            return self.totals - self._counted(selected.rest, selected.size)
        return self._counted(selected.picked, selected.size)

    def runs_of(self, positions: NDArray[np.integer]) -> tuple[NDArray[np.integer], NDArray[np.integer]]:
        """A multi-valued column's runs of pairs for the given records: (starts, lengths) in
        ``codes``; ``run_places`` gives the pairs, ``run_owners`` which record holds each."""
        assert self.positions is not None
        if self.offsets is not None:
            starts = self.offsets[positions]
            return starts, self.offsets[positions + 1] - starts
        # a column not yet prepared: the runs found by binary search
        starts = np.searchsorted(self.positions, positions, side="left")
        return starts, np.searchsorted(self.positions, positions, side="right") - starts

    def _counted(self, picked: NDArray[np.intp], size: int) -> NDArray[np.int64]:
        if self.positions is None:
            chosen = self.codes[picked]
        elif len(picked) * SPARSE_SHARE < size:
            chosen = self.codes[run_places(*self.runs_of(picked))]
        else:
            wanted = np.zeros(size, dtype=bool)
            wanted[picked] = True
            chosen = self.codes[wanted[self.positions]]
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
    # Every record's position in each sort order but relevance, sorted once when the index is
    # built: a search then keeps the ones it selects (one pass) instead of sorting them.
    orders: dict[Sort, Codes]

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

    def positions_of(self, ids: Iterable[int] | NDArray[np.int64]) -> Codes:
        array = ids if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
        found = np.searchsorted(self.ids, array)
        found = np.clip(found, 0, max(self.size - 1, 0))
        return found[self.ids[found] == array].astype(np.int32) if self.size else found.astype(np.int32)

    def label(self, dimension: Dimension, value: str) -> str:
        """What people read for a value: states by name, action categories by what they ask
        (UPR Info's names: "5" is "Specific action"), everything else as stored."""
        if dimension in (Dimension.SUR, Dimension.RECOMMENDER):
            return self.state_names.get(value, value)
        if dimension is Dimension.ACTION and value.isdigit() and int(value) in ACTION_CATEGORIES:
            return action_label(int(value))
        return value
