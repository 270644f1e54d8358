"""Evaluating a full-text query: each word or phrase through the store's full-text index, the
boolean structure and the relevance score in numpy.

Asking the index only "which records hold this word?" keeps every call cheap (no ranking
inside SQLite or PostgreSQL, which costs more than the match itself), lets any combination of
AND/OR/NOT work the same on both backends, and lets the words of one query serve the next.
Relevance is BM25 with each word counted once per record — recommendations are a sentence or
two, where a word seldom repeats — normalised by the record's length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import text
from sqlalchemy.engine import Connection

from rightstrack.search.facets import FacetIndex, Mask
from rightstrack.search.lru import LRUCache
from rightstrack.search.textquery import And, Leaf, Node, Not, Or, Phrase, Term, leaves, to_fts5, to_tsquery

K1 = 1.2
B = 0.75
CACHE_SIZE = 2048
# Bytes of word matches kept per process: one is a byte per record (0.5 MB at 500,000 records).
CACHE_BYTES = 48 * 2**20


class TextMatcher:
    def __init__(self) -> None:
        self._cache: LRUCache[tuple[int, str, Leaf], Mask] = LRUCache(
            CACHE_SIZE, max_bytes=CACHE_BYTES, weigh=lambda mask: mask.nbytes
        )
        self._norms: tuple[FacetIndex, NDArray[np.float64]] | None = None

    def clear(self) -> None:
        self._cache.clear()

    def leaf_mask(self, connection: Connection, index: FacetIndex, leaf: Leaf) -> Mask:
        dialect = connection.dialect.name
        key = (index.version, dialect, leaf)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        # The ids come back as one comma-separated text that numpy parses in C: a common word
        # matches 200,000 of 500,000 records, and a Python int per row would cost more than
        # the index lookup itself.
        if dialect == "sqlite":
            statement = text(
                "SELECT group_concat(rowid) FROM recommendation_fts WHERE recommendation_fts MATCH :q"
            )
            parameter = to_fts5(leaf)
        else:
            statement = text(
                "SELECT string_agg(id::text, ',') FROM recommendations "
                "WHERE search_vector @@ to_tsquery('simple', :q)"
            )
            parameter = to_tsquery(leaf)
        joined = connection.execute(statement, {"q": parameter}).scalar()
        ids = np.array([], dtype=np.int64) if not joined else np.fromstring(joined, dtype=np.int64, sep=",")
        mask = np.zeros(index.size, dtype=bool)
        mask[index.positions_of(ids)] = True
        mask.flags.writeable = False  # shared by every query that uses this word
        self._cache.put(key, mask)
        return mask

    def match(self, connection: Connection, index: FacetIndex, node: Node) -> tuple[Mask, Relevance]:
        """The records the query selects, and how to score any of them."""
        masks = {leaf: self.leaf_mask(connection, index, leaf) for leaf in leaves(node)}

        def evaluate(n: Node) -> Mask:
            if isinstance(n, Term | Phrase):
                return masks[n]
            if isinstance(n, Not):
                return ~evaluate(n.child)
            parts = [evaluate(child) for child in n.children]
            combined: Mask = (np.logical_and if isinstance(n, And) else np.logical_or).reduce(parts)
            return combined

        selected = evaluate(node)
        weights = [(masks[leaf], _idf(index.size, masks[leaf])) for leaf in _positive_leaves(node)]
        return selected, Relevance(self._norm(index), weights)

    def _norm(self, index: FacetIndex) -> NDArray[np.float64]:
        """BM25's length normalisation per record: the same for every query on one index."""
        cached = self._norms
        if cached is not None and cached[0] is index:
            return cached[1]
        lengths = index.lengths
        average = float(lengths.mean()) if len(lengths) else 1.0
        norm = (K1 + 1) / (1 + K1 * (1 - B + B * lengths / average))
        self._norms = (index, norm)
        return norm


def _idf(size: int, mask: Mask) -> float:
    holding = int(np.count_nonzero(mask))
    return math.log(1 + (size - holding + 0.5) / (holding + 0.5))


@dataclass(frozen=True)
class Relevance:
    """BM25 scores (each word counted once per record), computed only for the records asked
    about: a search ranks the few thousand it selects, not all half a million."""

    norm: NDArray[np.float64]
    weights: list[tuple[Mask, float]]

    def scores(self, positions: NDArray[np.int32]) -> NDArray[np.float64]:
        total = np.zeros(len(positions), dtype=np.float64)
        for mask, idf in self.weights:
            total += idf * mask[positions]
        return total * self.norm[positions]


def _positive_leaves(node: Node) -> list[Leaf]:
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, Not):
        return []
    assert isinstance(node, And | Or)
    return [leaf for child in node.children for leaf in _positive_leaves(child)]
