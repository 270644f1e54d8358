"""Text features: word uni/bigrams, character n-grams (word forms, typos) and the opening words.

The opening carries the action category ("Consider …" is 3, "Continue …" 2, "Ratify …" 5), so the
first one to three words are also features of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

_WORD = re.compile(r"[a-z]+")
_SKIPPED_OPENINGS = {"to", "that", "the", "and"}


def opening(text: str) -> str:
    words = [w for w in _WORD.findall(text.lower())[:6]]
    while words and words[0] in _SKIPPED_OPENINGS:
        words.pop(0)
    words = words[:3]
    return " ".join(f"open{n}_{'_'.join(words[:n])}" for n in range(1, len(words) + 1))


class TextFeatures:
    def __init__(self) -> None:
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3)
        self.openings = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True)

    def fit_transform(self, texts: Sequence[str]) -> csr_matrix:
        return self._stacked(texts, fit=True)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        return self._stacked(texts, fit=False)

    def _stacked(self, texts: Sequence[str], *, fit: bool) -> csr_matrix:
        # The same three views in the same order when fitting and when predicting.
        views = ((self.words, texts), (self.chars, texts), (self.openings, [opening(t) for t in texts]))
        parts = [
            vectoriser.fit_transform(view) if fit else vectoriser.transform(view)
            for vectoriser, view in views
        ]
        return csr_matrix(hstack(parts, format="csr"))

    def strongest(self, text: str, weights: np.ndarray, top: int) -> list[tuple[str, float]]:
        """The features of ``text`` whose weight times value pushes a linear model most towards its
        class: the words (or n-grams) that explain a prediction."""
        contributions = self.transform([text]).multiply(weights).tocsr()
        names = self.names()
        order = np.argsort(-contributions.data)[:top]
        return [
            (names[contributions.indices[k]], float(contributions.data[k]))
            for k in order
            if contributions.data[k] > 0
        ]

    def names(self) -> list[str]:
        """Each column's feature, for explanations: words as they are, n-grams in brackets."""
        chars = [f"[{n}]" for n in self.chars.get_feature_names_out()]
        return [*self.words.get_feature_names_out(), *chars, *self.openings.get_feature_names_out()]
