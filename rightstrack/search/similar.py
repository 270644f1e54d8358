"""More like this: the stored recommendations nearest to one record or to any text.

Texts are compared as TF-IDF vectors of words and word pairs (cosine similarity), the measure
that finds the same recommendation made again in another cycle or by another state. The index
covers every recommendation and is rebuilt when the store's data version changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.domain import RecordKind
from rightstrack.store.database import data_version
from rightstrack.store.schema import RecommendationRow


@dataclass(frozen=True)
class Neighbour:
    id: int
    similarity: float  # cosine, 0–1


@dataclass
class _Index:
    version: int
    ids: np.ndarray
    position: dict[int, int]
    vectorizer: TfidfVectorizer
    matrix: csr_matrix


class SimilarFinder:
    def __init__(self) -> None:
        self._index: _Index | None = None
        self._lock = threading.Lock()

    def _current(self, connection: Connection) -> _Index:
        version = data_version(connection)
        index = self._index
        if index is not None and index.version == version:
            return index
        with self._lock:
            if self._index is None or self._index.version != version:
                rows = connection.execute(
                    select(RecommendationRow.id, RecommendationRow.text)
                    .where(RecommendationRow.kind == RecordKind.RECOMMENDATION.value)
                    .order_by(RecommendationRow.id)
                ).all()
                vectorizer = TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, min_df=1, stop_words="english"
                )
                matrix = csr_matrix(vectorizer.fit_transform([row.text for row in rows]))
                ids = np.array([row.id for row in rows], dtype=np.int64)
                self._index = _Index(version, ids, {int(i): n for n, i in enumerate(ids)}, vectorizer, matrix)
            return self._index

    def _nearest(self, index: _Index, vector: csr_matrix, limit: int, exclude: int | None) -> list[Neighbour]:
        if index.matrix.shape[0] == 0:
            return []
        similarity = np.asarray((index.matrix @ vector.T).toarray()).ravel()
        if exclude is not None:
            similarity[exclude] = -1
        count = min(limit, len(similarity))
        top = np.argpartition(-similarity, count - 1)[:count]
        top = top[np.argsort(-similarity[top], kind="stable")]
        return [Neighbour(int(index.ids[k]), float(similarity[k])) for k in top if similarity[k] > 0]

    def to_record(self, connection: Connection, record_id: int, limit: int = 10) -> list[Neighbour] | None:
        """Neighbours of a stored recommendation; None where there is no such recommendation."""
        index = self._current(connection)
        position = index.position.get(record_id)
        if position is None:
            return None
        return self._nearest(index, index.matrix[position], limit, position)

    def to_text(self, connection: Connection, text: str, limit: int = 10) -> list[Neighbour]:
        index = self._current(connection)
        return self._nearest(index, csr_matrix(index.vectorizer.transform([text])), limit, None)
