"""More like this: the stored recommendations nearest to one record or to any text.

Texts are compared as TF-IDF vectors of words and word pairs (cosine similarity), the measure
that finds the same recommendation made again in another cycle or by another state. The index
covers every recommendation and is rebuilt when the store's data state (version and token) changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.domain import RecordKind
from rightstrack.store.database import data_state
from rightstrack.store.schema import RecommendationRow

if TYPE_CHECKING:
    # Imported where the index is first built (a second or two of scikit-learn and SciPy), so that
    # every command and server that may never ask for similar records does not pay for them.
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass(frozen=True)
class Neighbour:
    id: int
    similarity: float  # cosine, 0–1


@dataclass
class _Index:
    state: tuple[int, str]  # the store's data_state it was built from
    ids: np.ndarray
    position: dict[int, int]
    vectorizer: TfidfVectorizer | None  # None where the store holds no recommendation yet
    matrix: csr_matrix | None


class SimilarFinder:
    def __init__(self) -> None:
        self._index: _Index | None = None
        self._lock = threading.Lock()

    def _current(self, connection: Connection) -> _Index:
        state = data_state(connection)
        index = self._index
        if index is not None and index.state == state:
            return index
        with self._lock:
            if self._index is None or self._index.state != state:
                rows = connection.execute(
                    select(RecommendationRow.id, RecommendationRow.text)
                    .where(RecommendationRow.kind == RecordKind.RECOMMENDATION.value)
                    .order_by(RecommendationRow.id)
                ).all()
                ids = np.array([row.id for row in rows], dtype=np.int64)
                position = {int(i): n for n, i in enumerate(ids)}
                if not rows:  # TF-IDF cannot be fitted on no text at all
                    self._index = _Index(state, ids, position, None, None)
                    return self._index
                from scipy.sparse import csr_matrix
                from sklearn.feature_extraction.text import TfidfVectorizer

                vectorizer = TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, min_df=1, stop_words="english"
                )
                matrix = csr_matrix(vectorizer.fit_transform([row.text for row in rows]))
                self._index = _Index(state, ids, position, vectorizer, matrix)
            return self._index

    def _nearest(self, index: _Index, vector: csr_matrix, limit: int, exclude: int | None) -> list[Neighbour]:
        if index.matrix is None or index.matrix.shape[0] == 0:
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
        if position is None or index.matrix is None:
            return None
        return self._nearest(index, index.matrix[position], limit, position)

    def to_text(self, connection: Connection, text: str, limit: int = 10) -> list[Neighbour]:
        index = self._current(connection)
        if index.vectorizer is None:
            return []
        from scipy.sparse import csr_matrix  # loaded by _current already: a dictionary lookup

        return self._nearest(index, csr_matrix(index.vectorizer.transform([text])), limit, None)
