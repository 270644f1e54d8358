"""What a facet shows: each value's count under the rest of the search.

A search's parts are masks over the index's records: the text and the range of days (fixed, left
out of no count), each dimension's chosen values (OR within, AND across), each dimension's
exclusions. A dimension's counts leave out its own chosen values, so its other values show what
choosing them would find or add; an excluded value shows what its exclusion leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from rightstrack.search.facets import FacetIndex, Mask, Selected
from rightstrack.search.mapping import mapped_filter
from rightstrack.search.query import Dimension, SearchQuery

# Facets listed in their values' own order (numbers, time), not most frequent first.
ORDERED_DIMENSIONS = frozenset({Dimension.SESSION, Dimension.CYCLE, Dimension.YEAR, Dimension.ACTION})
# The day index_build gives a record whose day is unknown (date.min), never in a range.
UNKNOWN_DAY = date.min.toordinal()


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet. ``count``: the records holding it under every other part of the
    search (for a value not chosen in its dimension, what choosing it alone would find); for an
    excluded value, the records its exclusion leaves out. ``adds``: where other values of the
    dimension are chosen, how many records choosing this one as well would add (values of a
    dimension combine with OR); None elsewhere."""

    value: str
    label: str
    count: int
    selected: bool
    excluded: bool = False
    adds: int | None = None

    def to_dict(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies, and costs more than the search itself.
        return {
            "value": self.value,
            "label": self.label,
            "count": self.count,
            "selected": self.selected,
            "excluded": self.excluded,
            "adds": self.adds,
        }


@dataclass(frozen=True)
class Masks:
    """A search's parts as masks over the index's records."""

    selected: Mask  # all parts together: the search's records
    fixed: Mask  # the text and the range of days
    filter_masks: dict[Dimension, Mask]  # per filtered dimension, the records its values select
    # Per dimension with exclusions: the records they keep (holding none of the excluded values).
    keep_masks: dict[Dimension, Mask]

    @property
    def nbytes(self) -> int:
        arrays = [self.selected, self.fixed, *self.filter_masks.values(), *self.keep_masks.values()]
        return sum(array.nbytes for array in arrays)

    def base(self, dimension: Dimension, *, keep_own: bool = True) -> Mask:
        """The records every part of the search but ``dimension``'s chosen values selects (and
        but its exclusions, unless ``keep_own``): what its facet counts are counted over."""
        base = self.fixed.copy()
        for other, mask in self.filter_masks.items():
            if other is not dimension:
                base &= mask
        for other, mask in self.keep_masks.items():
            if other is not dimension or keep_own:
                base &= mask
        return base


def days_between(index: FacetIndex, start: date | None, end: date | None) -> Mask:
    """The records whose day lies in [start, end]: a UPR record's review day, another's
    publication day (1 July where only its year is known); none whose day is unknown."""
    low = start.toordinal() if start is not None else UNKNOWN_DAY + 1
    high = end.toordinal() if end is not None else date.max.toordinal()
    return (index.days >= max(low, UNKNOWN_DAY + 1)) & (index.days <= high)


def value_mask(index: FacetIndex, dimension: Dimension, values: frozenset[str]) -> Mask:
    """The records a filter on ``values`` selects, through the theme mapping too."""
    mask = index.columns[dimension].mask(values, index.size)
    widened = mapped_filter(dimension, values)
    if widened is not None:
        through, other_values = widened
        mask |= index.columns[through].mask(other_values, index.size)
    return mask


def facets(
    index: FacetIndex, masks: Masks, query: SearchQuery, limit: int
) -> dict[Dimension, list[FacetValue]]:
    """Counts per value of every dimension (at most ``limit`` values listed each); the
    selection's own counts shared by all the dimensions the search does not filter on."""
    counted_over = Selected(masks.selected)
    return {
        dimension: facet_values(index, masks, query, dimension, limit, counted_over)
        for dimension in index.columns
    }


def facet_values(
    index: FacetIndex,
    masks: Masks,
    query: SearchQuery,
    dimension: Dimension,
    limit: int | None,
    counted_over: Selected | None = None,
) -> list[FacetValue]:
    """One dimension's values with counts. A dimension's own chosen values are left out of its
    counts, so a person can see (and add) its other values; where some are chosen, each other
    value also says how many records it would add."""
    column = index.columns[dimension]
    chosen = masks.filter_masks.get(dimension)
    adds = None
    counted_over = counted_over or Selected(masks.selected)
    if chosen is None and dimension not in masks.keep_masks:
        counts = column.counts(counted_over)
    else:
        counts = column.counts(Selected(masks.base(dimension)))
        if chosen is not None:
            # A single-valued dimension's other values hold none of the chosen ones' records:
            # what they add is their count. A multi-valued one's records may hold both: what a
            # value adds is its records under the rest of the search less those already found
            # (the base's records with a chosen value are exactly the search's own).
            adds = counts if column.positions is None else counts - column.counts(counted_over)
    selected = query.filters.get(dimension, frozenset())
    excluded = query.excluded.get(dimension, frozenset())
    selected_codes = {c for c in (column.code_of(v) for v in selected) if c is not None}
    excluded_codes = {c for c in (column.code_of(v) for v in excluded) if c is not None}
    if excluded_codes:
        # An excluded value's count is what its exclusion leaves out of the rest of the search.
        before = masks.base(dimension, keep_own=False)
        counts = counts.copy()
        for code in excluded_codes:
            one = frozenset({column.labels[code]})
            counts[code] = int(np.count_nonzero(value_mask(index, dimension, one) & before))
    codes = np.flatnonzero(counts)
    if dimension not in ORDERED_DIMENSIONS:
        codes = codes[np.argsort(-counts[codes], kind="stable")]  # most frequent first
    shown = [int(code) for code in (codes if limit is None else codes[:limit])]
    # Chosen and excluded values stay listed even when nothing else matches them.
    listed = set(shown)
    shown += [c for c in sorted(selected_codes | excluded_codes) if c not in listed]
    labels = index.display_labels[dimension]
    return [
        FacetValue(
            column.labels[c],
            labels[c],
            int(counts[c]),
            c in selected_codes,
            c in excluded_codes,
            int(adds[c])
            if adds is not None and c not in selected_codes and c not in excluded_codes
            else None,
        )
        for c in shown
    ]
