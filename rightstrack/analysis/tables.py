"""The statistics builder's tables: the units of a selection counted by one dimension, by two (a
cross-table such as issue × response), or by one dimension for several selections side by side
(Slovenia beside Croatia).

Counting is done on the facet index's integer codes (``stats.pairs``), so a cross-table of half a
million records is a ``bincount`` of code pairs, as the one-dimension breakdowns are. A unit with
two issues counts under both, in every table: a row's or column's total is its number of units,
which for a multi-valued dimension is less than the sum of its cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

import numpy as np
from numpy.typing import NDArray

from rightstrack.analysis.stats import Basis, Pairs, pairs, responses_of, units
from rightstrack.domain import accepted_share
from rightstrack.search.engine import Selection
from rightstrack.search.facets import run_places
from rightstrack.search.query import Dimension

# Dimensions whose values have an order of their own (time, UPR Info's action scale): all their
# values are shown, in that order; others are shown largest first, the largest ``top`` of them.
ORDERED = (Dimension.CYCLE, Dimension.SESSION, Dimension.YEAR, Dimension.ACTION)

Matrix = NDArray[np.int64]

# A cross-table's columns beyond this many are left out, the smallest first: a chart of 190
# recommending states side by side is unreadable, and its table cost a second to send.
COLUMNS_SHOWN = 12


class Measure(StrEnum):
    """What a cell shows: its units, their share, or how many of its answered ones were accepted."""

    COUNT = "count"
    SHARE = "share"
    ACCEPTED = "accepted"


@dataclass(frozen=True)
class Series:
    """One column of a table: a value of the second dimension, or one compared selection."""

    value: str
    label: str
    total: int  # units in this column (a unit counted once however many row values it has)


@dataclass(frozen=True)
class StatTable:
    """Units per (row value, column); ``columns`` is one unnamed series for a single dimension."""

    rows_dimension: Dimension
    columns_dimension: Dimension | None  # None: one dimension, or a comparison
    basis: Basis
    measure: Measure
    row_values: tuple[str, ...]
    row_labels: tuple[str, ...]
    columns: tuple[Series, ...]
    counts: Matrix  # rows × columns
    accepted: Matrix
    noted: Matrix
    row_totals: tuple[int, ...]  # units per row value, whatever their column
    total: int  # units in the table's selection (the sum of all compared selections' units)
    omitted: int  # row values left out below the largest ``top``
    compared: bool = False
    omitted_columns: int = 0  # column values left out below the largest ``COLUMNS_SHOWN``

    @property
    def is_empty(self) -> bool:
        return not self.counts.any()

    def value(self, row: int, column: int) -> float | None:
        """The cell as the measure asks: a count, a share (of the row's units in a cross-table,
        of the column's in a comparison or a single breakdown), or an acceptance rate (None
        where nothing in the cell was answered)."""
        count = int(self.counts[row, column])
        if self.measure is Measure.COUNT:
            return float(count)
        if self.measure is Measure.ACCEPTED:
            return accepted_share(int(self.accepted[row, column]), int(self.noted[row, column]))
        whole = self.row_totals[row] if self.columns_dimension is not None else self.columns[column].total
        return count / whole if whole else 0.0


def _ordered_rows(
    dimension: Dimension,
    labels: Sequence[str],
    totals: Matrix,
    top: int,
    name_of: Callable[[str], str] = str,
) -> tuple[Matrix, int]:
    """Which codes make the table's rows, in order, and how many non-zero values were left out.
    Equal totals go by what people read (``name_of``: Slovenia before the United Kingdom, as in
    the breakdowns, not SVN after GBR)."""
    present: list[int] = np.flatnonzero(totals).tolist()
    if dimension in ORDERED:
        numeric = [
            (not labels[c].isdigit(), int(labels[c]) if labels[c].isdigit() else 0, labels[c])
            for c in present
        ]
        order = [code for _, code in sorted(zip(numeric, present, strict=True))]
        return np.array(order, dtype=np.int64), 0
    order = sorted(present, key=lambda c: (-int(totals[c]), name_of(labels[c])))
    kept = order[:top] if top > 0 else order
    return np.array(kept, dtype=np.int64), len(order) - len(kept)


def _weighted(codes: Matrix, weights: NDArray[np.bool_] | None, size: int) -> Matrix:
    if weights is None:
        return np.bincount(codes, minlength=size).astype(np.int64)
    return np.bincount(codes, weights=weights, minlength=size).astype(np.int64)


def _joined(left: Pairs, right: Pairs, size: int) -> tuple[Matrix, Matrix]:
    """Every (left pair, right pair) of the same unit: indexes into ``left`` and ``right``.
    Both are sorted by unit (``stats.pairs`` makes them so), so a unit's right pairs are one run."""
    per_unit = np.bincount(right.units, minlength=size)
    starts = np.cumsum(per_unit) - per_unit
    repeats = per_unit[left.units]
    left_places = np.repeat(np.arange(len(left.units), dtype=np.int64), repeats)
    return left_places, run_places(starts[left.units], repeats)


def _label(selection: Selection, dimension: Dimension, value: str) -> str:
    return selection.index.label(dimension, value)


def single_table(
    selection: Selection, dimension: Dimension, basis: Basis, measure: Measure = Measure.COUNT, top: int = 20
) -> StatTable:
    """Units of one selection by one dimension."""
    counted = units(selection, basis)
    found = pairs(counted, dimension)
    accepted_unit, noted_unit = responses_of(counted)
    size = len(found.labels)
    counts = _weighted(found.codes, None, size)
    kept, omitted = _ordered_rows(dimension, found.labels, counts, top, partial(_label, selection, dimension))
    return StatTable(
        dimension,
        None,
        basis,
        measure,
        tuple(found.labels[c] for c in kept),
        tuple(_label(selection, dimension, found.labels[c]) for c in kept),
        (Series("", "", len(counted)),),
        counts[kept].reshape(-1, 1),
        _weighted(found.codes, accepted_unit[found.units], size)[kept].reshape(-1, 1),
        _weighted(found.codes, noted_unit[found.units], size)[kept].reshape(-1, 1),
        tuple(int(n) for n in counts[kept]),
        len(counted),
        omitted,
    )


def cross_table(
    selection: Selection,
    rows: Dimension,
    columns: Dimension,
    basis: Basis,
    measure: Measure = Measure.COUNT,
    top: int = 20,
) -> StatTable:
    """Units of one selection for each pair of values of two dimensions."""
    counted = units(selection, basis)
    left, right = pairs(counted, rows), pairs(counted, columns)
    accepted_unit, noted_unit = responses_of(counted)
    width, height = len(right.labels), len(left.labels)
    left_places, right_places = _joined(left, right, len(counted))
    cells = left.codes[left_places] * width + right.codes[right_places]
    owners = left.units[left_places]
    shape = (height, width)
    counts = _weighted(cells, None, height * width).reshape(shape)
    accepted = _weighted(cells, accepted_unit[owners], height * width).reshape(shape)
    noted = _weighted(cells, noted_unit[owners], height * width).reshape(shape)
    row_totals = _weighted(left.codes, None, height)
    kept, omitted = _ordered_rows(rows, left.labels, row_totals, top, partial(_label, selection, rows))
    column_totals = _weighted(right.codes, None, width)
    shown, omitted_columns = _ordered_rows(
        columns, right.labels, column_totals, COLUMNS_SHOWN, partial(_label, selection, columns)
    )
    return StatTable(
        rows,
        columns,
        basis,
        measure,
        tuple(left.labels[c] for c in kept),
        tuple(_label(selection, rows, left.labels[c]) for c in kept),
        tuple(
            Series(right.labels[c], _label(selection, columns, right.labels[c]), int(column_totals[c]))
            for c in shown
        ),
        counts[np.ix_(kept, shown)],
        accepted[np.ix_(kept, shown)],
        noted[np.ix_(kept, shown)],
        tuple(int(n) for n in row_totals[kept]),
        len(counted),
        omitted,
        omitted_columns=omitted_columns,
    )


@dataclass(frozen=True)
class Compared:
    """One selection of a comparison, with what names it ("Slovenia", "GRULAC")."""

    value: str
    label: str
    selection: Selection


def compare_table(
    compared: Sequence[Compared],
    dimension: Dimension,
    basis: Basis,
    measure: Measure = Measure.COUNT,
    top: int = 20,
) -> StatTable:
    """One dimension for several selections side by side: a column per selection."""
    if not compared:
        raise ValueError("nothing to compare")
    counted = [units(c.selection, basis) for c in compared]
    found = [pairs(u, dimension) for u in counted]
    size = max(len(f.labels) for f in found)  # the same index, so the same labels
    labels = max((f.labels for f in found), key=len)
    columns, accepted, noted = [], [], []
    for each, unit_set in zip(found, counted, strict=True):
        accepted_unit, noted_unit = responses_of(unit_set)
        columns.append(_weighted(each.codes, None, size))
        accepted.append(_weighted(each.codes, accepted_unit[each.units], size))
        noted.append(_weighted(each.codes, noted_unit[each.units], size))
    counts = np.stack(columns, axis=1)
    row_totals = counts.sum(axis=1)  # the selections may overlap; each column counts its own
    first = compared[0].selection
    kept, omitted = _ordered_rows(dimension, labels, row_totals, top, partial(_label, first, dimension))
    return StatTable(
        dimension,
        None,
        basis,
        measure,
        tuple(labels[c] for c in kept),
        tuple(_label(first, dimension, labels[c]) for c in kept),
        tuple(Series(c.value, c.label, len(u)) for c, u in zip(compared, counted, strict=True)),
        counts[kept],
        np.stack(accepted, axis=1)[kept],
        np.stack(noted, axis=1)[kept],
        tuple(int(n) for n in row_totals[kept]),
        sum(len(u) for u in counted),
        omitted,
        compared=True,
    )
