"""Running a SearchQuery against a store: full-text match, filters, facets, sort, page."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from rightstrack import config
from rightstrack.search import facet_values as counting
from rightstrack.search import index_cache
from rightstrack.search.facet_values import FacetValue, Masks, days_between, value_mask
from rightstrack.search.facets import FacetIndex, Mask
from rightstrack.search.lru import LRUCache
from rightstrack.search.mapping import mapped_filter
from rightstrack.search.provenance import RecordSources, record_sources
from rightstrack.search.query import Dimension, SearchQuery, Sort
from rightstrack.search.records import RECORD_CACHE_SIZE, Hit, RecordReader
from rightstrack.search.similar import SimilarFinder
from rightstrack.search.textmatch import Relevance, TextMatcher
from rightstrack.search.textquery import Node, parse_query
from rightstrack.store.database import data_fingerprint, data_state
from rightstrack.store.fulltext import word_form

FACET_LIMIT = 300  # values listed per facet; every count is still exact
# Bytes of evaluated searches kept per process (masks and orders: ~2 MB each at 500,000 records).
EVALUATION_BYTES = 64 * 2**20


@dataclass(frozen=True)
class MappedFilter:
    """A filter widened through the theme mapping (search/mapping.py): the other vocabulary's
    values it also selected, and how many records it found through them alone."""

    dimension: Dimension
    through: Dimension
    values: tuple[str, ...]
    records: int

    def to_dict(self) -> dict[str, Any]:
        return {"through": self.through.value, "values": list(self.values), "records": self.records}


@dataclass
class SearchResult:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[Dimension, list[FacetValue]]
    took_ms: float
    mapped: dict[Dimension, MappedFilter] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        per_page = self.query.per_page or 1
        return max(1, -(-self.total // per_page))


@dataclass(frozen=True)
class Selection:
    """The records a query selects, as index positions in result order."""

    index: FacetIndex
    positions: NDArray[np.int32]
    mask: Mask
    node: Node | None
    query: SearchQuery


@dataclass
class _Evaluation:
    """A query's matches, order and (once asked for) facet counts, valid for one data version."""

    selection: Selection
    masks: Masks
    # Per widened filter: the other vocabulary's values, and the records only they selected.
    mapped: dict[Dimension, tuple[Dimension, frozenset[str], Mask]]
    facets: dict[Dimension, list[FacetValue]] | None = None

    @property
    def nbytes(self) -> int:
        arrays = [self.selection.positions, *(only for _, _, only in self.mapped.values())]
        return self.masks.nbytes + sum(array.nbytes for array in arrays)


class SearchEngine:
    """Search over one store. Safe to share between threads; the index refreshes on new data.

    Evaluated queries are kept (keyed by data version, text, filters and sort, so every page of a
    result and the statistics of the same search reuse one evaluation) as are recently shown
    records; ``query_cache_size=0`` evaluates every search afresh."""

    def __init__(
        self,
        engine: Engine,
        *,
        query_cache_size: int | None = None,
        record_cache_size: int = RECORD_CACHE_SIZE,
    ) -> None:
        self.engine = engine
        self._current: tuple[tuple[int, str], FacetIndex] | None = None  # (data state, its index)
        self._lock = threading.Lock()
        self._text = TextMatcher()
        size = config.query_cache_size() if query_cache_size is None else query_cache_size
        self._evaluations: LRUCache[tuple[object, ...], _Evaluation] = LRUCache(
            size, max_bytes=EVALUATION_BYTES, weigh=lambda evaluation: evaluation.nbytes
        )
        self._records = RecordReader(record_cache_size if size else 0)
        self._similar = SimilarFinder()

    # --- index --------------------------------------------------------------------------------

    def index(self, connection: Connection | None = None) -> FacetIndex:
        """The facet index of the store's current data, built anew when the data has changed.

        The store's data state (version and token, :func:`data_state`) is asked on every call, so
        a change written by another app server or the command line is noticed at the next search."""
        if connection is None:
            with self.engine.connect() as fresh:
                return self.index(fresh)
        state = data_state(connection)
        current = self._current
        if current is not None and current[0] == state:
            return current[1]
        with self._lock:
            return self._refresh()[1]

    def _refresh(self) -> tuple[tuple[int, str], FacetIndex]:
        """Under the lock: the index of the data as it is now (another thread may have built it)."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                # One snapshot for the whole build: rows that another server or a load commits
                # meanwhile must not enter an index labelled with the version before them.
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                state = data_state(connection)
                current = self._current
                if current is not None and current[0] == state:
                    return current
                fingerprint = data_fingerprint(connection)
                cached = index_cache.load(fingerprint)
                if cached is None or cached.version != state[0]:
                    from rightstrack.search.index_build import build_index  # pandas: only to build

                    cached = build_index(connection, state[0])
                    index_cache.save(fingerprint, cached)
        self._current = (state, cached)
        # Keyed by the version too, but a store loaded anew counts its versions again from the start.
        self._evaluations.clear()
        self._records.clear()
        self._text.clear()
        # The index and everything loaded so far live as long as the process: take them
        # out of the garbage collector's full scans, which otherwise pause a search by
        # tens of milliseconds (measured in bench/search_bench.py).
        gc.collect()
        gc.freeze()
        return self._current

    def warm(self) -> FacetIndex:
        """Everything a first search needs, loaded now (a server, before its first request):
        the index, and the lemmatiser's dictionary, which a command-line call that reads no
        text should not pay a third of a second for."""
        word_form("rights")
        return self.index()

    # --- selection ----------------------------------------------------------------------------

    def _evaluate(self, connection: Connection, query: SearchQuery) -> _Evaluation:
        index = self.index(connection)
        key = (
            index.version,
            query.text,
            _key(query.filters),
            _key(query.excluded),
            query.date_from,
            query.date_to,
            query.sort,
        )
        found = self._evaluations.get(key)
        if found is not None:
            return found
        node = parse_query(query.text) if query.text else None
        fixed_mask = np.ones(index.size, dtype=bool)
        relevance = None
        if node is not None:
            fixed_mask, relevance = self._text.match(connection, index, node)
        if query.date_from is not None or query.date_to is not None:
            fixed_mask = fixed_mask & days_between(index, query.date_from, query.date_to)
        filter_masks: dict[Dimension, Mask] = {}
        mapped: dict[Dimension, tuple[Dimension, frozenset[str], Mask]] = {}
        for dimension, values in query.filters.items():
            direct = index.columns[dimension].mask(values, index.size)
            widened = mapped_filter(dimension, values)
            if widened is not None:
                through, other_values = widened
                only_through = index.columns[through].mask(other_values, index.size) & ~direct
                mapped[dimension] = (through, other_values, only_through)
                direct = direct | only_through
            filter_masks[dimension] = direct
        # An exclusion leaves out exactly what the same filter would select, mapping included,
        # so a value's records and the records without it always add up to the whole.
        keep_masks = {
            dimension: ~value_mask(index, dimension, values) for dimension, values in query.excluded.items()
        }
        mask = fixed_mask.copy()
        for filter_mask in (*filter_masks.values(), *keep_masks.values()):
            mask &= filter_mask
        positions = self._order(index, mask, query.sort, relevance)
        for array in (
            fixed_mask,
            mask,
            positions,
            *filter_masks.values(),
            *keep_masks.values(),
            *(m for _, _, m in mapped.values()),
        ):
            array.flags.writeable = False  # shared by every reader of the cached evaluation
        evaluation = _Evaluation(
            Selection(index, positions, mask, node, query),
            Masks(mask, fixed_mask, filter_masks, keep_masks),
            mapped,
        )
        self._evaluations.put(key, evaluation)
        return evaluation

    def select(self, query: SearchQuery, connection: Connection | None = None) -> Selection:
        """Every record the query selects, in the query's order (for export and statistics)."""
        if connection is None:
            with self.engine.connect() as fresh:
                return self.select(query, fresh)
        return self._evaluate(connection, query).selection

    def _order(
        self, index: FacetIndex, mask: Mask, sort: Sort, relevance: Relevance | None
    ) -> NDArray[np.int32]:
        # By day, not session: other mechanisms' records have none, and sort among the UPR's.
        fixed = index.orders[Sort.RECENT if sort is Sort.RELEVANCE else sort]
        in_order = fixed[mask[fixed]]
        if sort is Sort.RELEVANCE and relevance is not None and relevance.weights:
            # Best first; a stable sort of records already newest first breaks ties by date.
            return in_order[np.argsort(-relevance.scores(in_order), kind="stable")]
        return in_order

    def search(self, query: SearchQuery, *, facets: bool = True) -> SearchResult:
        started = time.perf_counter()
        with self.engine.connect() as connection:
            evaluation = self._evaluate(connection, query)
            selection = evaluation.selection
            facet_values: dict[Dimension, list[FacetValue]] = {}
            if facets:
                if evaluation.facets is None:
                    evaluation.facets = counting.facets(selection.index, evaluation.masks, query, FACET_LIMIT)
                facet_values = evaluation.facets
            start = (query.page - 1) * query.per_page
            page = selection.positions[start : start + query.per_page]
            ids = [int(i) for i in selection.index.ids[page]]
            hits = self._records.read(connection, selection.index, ids, selection.node)
        mapped: dict[Dimension, MappedFilter] = {}
        if evaluation.mapped:
            # Each hit found through the mapping alone says through which filter.
            hits = [
                replace(
                    hit,
                    matched_through_mapping=tuple(
                        d.value for d, (_, _, only) in evaluation.mapped.items() if only[position]
                    ),
                )
                for hit, position in zip(hits, page, strict=True)
            ]
            mapped = {
                dimension: MappedFilter(
                    dimension, through, tuple(sorted(values)), int(np.count_nonzero(only & selection.mask))
                )
                for dimension, (through, values, only) in evaluation.mapped.items()
            }
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query, len(selection.positions), hits, facet_values, took, mapped)

    def facet(self, query: SearchQuery, dimension: Dimension) -> list[FacetValue]:
        """Every value of one dimension the search leaves a record for (the search page lists
        at most FACET_LIMIT), with the same counts as ``search``'s facets, most frequent first."""
        with self.engine.connect() as connection:
            evaluation = self._evaluate(connection, query)
        return counting.facet_values(evaluation.selection.index, evaluation.masks, query, dimension, None)

    def similar(
        self, *, record_id: int | None = None, text: str | None = None, limit: int = 10
    ) -> list[tuple[Hit, float]] | None:
        """The recommendations most like a stored one or like any text, each with its similarity;
        None where ``record_id`` names no recommendation."""
        with self.engine.connect() as connection:
            if record_id is not None:
                found = self._similar.to_record(connection, record_id, limit)
            else:
                found = self._similar.to_text(connection, text or "", limit)
            if found is None:
                return None
            hits = self.fetch([n.id for n in found], connection=connection)
        by_id = {hit.id: hit for hit in hits}
        return [(by_id[n.id], n.similarity) for n in found if n.id in by_id]

    def sources(self, record_id: int) -> RecordSources:
        """Every source's word on one record, and the codings its documents gave it."""
        with self.engine.connect() as connection:
            return record_sources(connection, record_id)

    def fetch(
        self,
        ids: list[int],
        *,
        connection: Connection | None = None,
        node: Node | None = None,
        use_cache: bool = True,
    ) -> list[Hit]:
        """Full records for the given ids, in that order (``use_cache=False`` for bulk reads)."""
        if not ids:
            return []
        if connection is None:
            with self.engine.connect() as fresh:
                return self.fetch(ids, connection=fresh, node=node, use_cache=use_cache)
        return self._records.read(connection, self.index(connection), ids, node, use_cache=use_cache)


def _key(filters: Mapping[Dimension, frozenset[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((d.value, tuple(sorted(values))) for d, values in filters.items()))
