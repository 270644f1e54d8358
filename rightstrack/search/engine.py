"""Running a SearchQuery against a store: full-text match, filters, facets, sort, page."""

from __future__ import annotations

import gc
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from rightstrack.search import index_cache
from rightstrack.search.facets import FacetIndex, Mask, build_index
from rightstrack.search.query import Dimension, SearchQuery, Sort
from rightstrack.search.textmatch import TextMatcher
from rightstrack.search.textquery import Node, parse_query, positive_forms
from rightstrack.store.database import data_version, store_id
from rightstrack.store.fulltext import highlight_terms, word_form
from rightstrack.store.schema import (
    RecommendationIssueRow,
    RecommendationRow,
    RecommenderRow,
    SourceRow,
)

FACET_LIMIT = 300  # values listed per facet; every count is still exact


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool

    def to_dict(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies, and costs more than the search itself.
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class Recommender:
    code: str | None
    name: str
    source: str
    line: int


@dataclass
class Hit:
    id: int
    kind: str
    sur: str
    sur_name: str
    session: int
    cycle: int
    year: int
    text: str
    response: str | None
    response_comment: str | None
    action_category: int | None
    document_symbol: str | None
    paragraph: str | None
    issues: list[str] = field(default_factory=list)
    recommenders: list[Recommender] = field(default_factory=list)
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "sur": self.sur,
            "sur_name": self.sur_name,
            "session": self.session,
            "cycle": self.cycle,
            "year": self.year,
            "text": self.text,
            "response": self.response,
            "response_comment": self.response_comment,
            "action_category": self.action_category,
            "document_symbol": self.document_symbol,
            "paragraph": self.paragraph,
            "issues": list(self.issues),
            "recommenders": [
                {"code": r.code, "name": r.name, "source": r.source, "line": r.line}
                for r in self.recommenders
            ],
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass
class SearchResult:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[Dimension, list[FacetValue]]
    took_ms: float

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


class SearchEngine:
    """Search over one store. Safe to share between threads; the index refreshes on new data."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._index: FacetIndex | None = None
        self._lock = threading.Lock()
        self._text = TextMatcher()

    # --- index --------------------------------------------------------------------------------

    def index(self, connection: Connection | None = None) -> FacetIndex:
        if connection is None:
            with self.engine.connect() as fresh:
                return self.index(fresh)
        version = data_version(connection)
        current = self._index
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._index is None or self._index.version != version:
                store = store_id(connection)
                cached = index_cache.load(store, version)
                if cached is None:
                    cached = build_index(connection, version)
                    index_cache.save(store, cached)
                self._index = cached
                # The index and everything loaded so far live as long as the process: take them
                # out of the garbage collector's full scans, which otherwise pause a search by
                # tens of milliseconds (measured in bench/search_bench.py).
                word_form("rights")  # loads the lemmatizer's dictionary now, not in a search
                gc.collect()
                gc.freeze()
            return self._index

    # --- selection ----------------------------------------------------------------------------

    def _masks(
        self, connection: Connection, query: SearchQuery
    ) -> tuple[FacetIndex, Mask, dict[Dimension, Mask], NDArray[np.float64] | None, Node | None]:
        index = self.index(connection)
        node = parse_query(query.text) if query.text else None
        text_mask = np.ones(index.size, dtype=bool)
        scores = None
        if node is not None:
            text_mask, scores = self._text.match(connection, index, node)
        filter_masks = {
            dimension: index.columns[dimension].mask(values, index.size)
            for dimension, values in query.filters.items()
        }
        return index, text_mask, filter_masks, scores, node

    def select(self, query: SearchQuery, connection: Connection | None = None) -> Selection:
        """Every record the query selects, in the query's order (for export and statistics)."""
        if connection is None:
            with self.engine.connect() as fresh:
                return self.select(query, fresh)
        index, text_mask, filter_masks, scores, node = self._masks(connection, query)
        mask = text_mask.copy()
        for filter_mask in filter_masks.values():
            mask &= filter_mask
        return Selection(index, self._order(index, mask, query.sort, scores), mask, node, query)

    def _order(
        self, index: FacetIndex, mask: Mask, sort: Sort, scores: NDArray[np.float64] | None
    ) -> NDArray[np.int32]:
        positions = np.flatnonzero(mask).astype(np.int32)
        sessions = index.columns[Dimension.SESSION].codes[positions]
        if sort is Sort.RELEVANCE and scores is not None:
            order = np.lexsort((positions, -sessions, -scores[positions]))
        elif sort in (Sort.RECENT, Sort.RELEVANCE):
            order = np.lexsort((positions, -sessions))
        elif sort is Sort.SESSION:
            order = np.lexsort((positions, sessions))
        else:
            sur = index.columns[Dimension.SUR]
            name_rank = np.argsort(np.argsort([index.state_names.get(c, c) for c in sur.labels]))
            order = np.lexsort((positions, sessions, name_rank[sur.codes[positions]]))
        return positions[order]

    def search(self, query: SearchQuery, *, facets: bool = True) -> SearchResult:
        started = time.perf_counter()
        with self.engine.connect() as connection:
            index, text_mask, filter_masks, scores, node = self._masks(connection, query)
            mask = text_mask.copy()
            for filter_mask in filter_masks.values():
                mask &= filter_mask
            facet_values = self._facets(index, text_mask, filter_masks, query) if facets else {}
            ordered = self._order(index, mask, query.sort, scores)
            start = (query.page - 1) * query.per_page
            page_positions = ordered[start : start + query.per_page]
            hits = self._hits(connection, index, page_positions, node)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query, int(mask.sum()), hits, facet_values, took)

    def _facets(
        self,
        index: FacetIndex,
        text_mask: Mask,
        filter_masks: dict[Dimension, Mask],
        query: SearchQuery,
    ) -> dict[Dimension, list[FacetValue]]:
        """Counts per value; a dimension's own filter is left out of its counts, so a person can
        see (and add) the other values of a dimension already filtered on."""
        facets: dict[Dimension, list[FacetValue]] = {}
        everything = text_mask.copy()
        for mask in filter_masks.values():
            everything &= mask
        for dimension, column in index.columns.items():
            if dimension in filter_masks:
                base = text_mask.copy()
                for other, other_mask in filter_masks.items():
                    if other is not dimension:
                        base &= other_mask
            else:
                base = everything
            counts = column.counts(base)
            selected = query.filters.get(dimension, frozenset())
            codes = np.flatnonzero(counts)
            if dimension not in (Dimension.SESSION, Dimension.CYCLE, Dimension.YEAR, Dimension.ACTION):
                codes = codes[np.argsort(-counts[codes], kind="stable")]  # most frequent first
            shown = [int(code) for code in codes[:FACET_LIMIT]]
            # Selected values stay listed even when nothing else matches them.
            shown += [c for c in (column.code_of(v) for v in selected) if c is not None and c not in shown]
            labels = index.display_labels[dimension]
            facets[dimension] = [
                FacetValue(column.labels[c], labels[c], int(counts[c]), column.labels[c] in selected)
                for c in shown
            ]
        return facets

    def _hits(
        self, connection: Connection, index: FacetIndex, positions: NDArray[np.int32], node: Node | None
    ) -> list[Hit]:
        ids = [int(index.ids[p]) for p in positions]
        return self.fetch(ids, connection=connection, node=node, index=index)

    def fetch(
        self,
        ids: list[int],
        *,
        connection: Connection | None = None,
        node: Node | None = None,
        index: FacetIndex | None = None,
    ) -> list[Hit]:
        """Full records for the given ids, in that order."""
        if not ids:
            return []
        if connection is None:
            with self.engine.connect() as fresh:
                return self.fetch(ids, connection=fresh, node=node)
        index = index or self.index(connection)
        table = RecommendationRow.__table__
        rows = {r.id: r for r in connection.execute(select(table).where(table.c.id.in_(ids)))}
        issues: dict[int, list[str]] = defaultdict(list)
        for rec_id, issue in connection.execute(
            select(RecommendationIssueRow.recommendation_id, RecommendationIssueRow.issue)
            .where(RecommendationIssueRow.recommendation_id.in_(ids))
            .order_by(RecommendationIssueRow.issue)
        ):
            issues[rec_id].append(issue)
        recommenders: dict[int, list[Recommender]] = defaultdict(list)
        for rec_id, code, source, line in connection.execute(
            select(
                RecommenderRow.recommendation_id,
                RecommenderRow.state_code,
                SourceRow.name,
                RecommenderRow.line,
            )
            .join(SourceRow, SourceRow.id == RecommenderRow.source_id)
            .where(RecommenderRow.recommendation_id.in_(ids))
            .order_by(RecommenderRow.id)
        ):
            name = index.state_names.get(code, code) if code else "(unknown)"
            recommenders[rec_id].append(Recommender(code, name, source, line))
        forms, prefixes = positive_forms(node)
        hits = []
        for rec_id in ids:
            row = rows.get(rec_id)
            if row is None:
                continue
            hits.append(
                Hit(
                    id=row.id,
                    kind=row.kind,
                    sur=row.sur_code,
                    sur_name=index.state_names.get(row.sur_code, row.sur_code),
                    session=row.session,
                    cycle=row.cycle,
                    year=row.year,
                    text=row.text,
                    response=row.response,
                    response_comment=row.response_comment,
                    action_category=row.action_category,
                    document_symbol=row.document_symbol,
                    paragraph=row.paragraph,
                    issues=issues[rec_id],
                    recommenders=recommenders[rec_id],
                    highlights=highlight_terms(row.text, forms, prefixes) if (forms or prefixes) else [],
                )
            )
        return hits
