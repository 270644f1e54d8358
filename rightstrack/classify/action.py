"""The action category (UPR Info's 1 minimal … 5 specific action) of a recommendation.

A linear SVM over :class:`TextFeatures` (the opening words weigh most); scores are the softmax of
its decision values at the temperature that calibrates them best on the held-out latest sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.svm import LinearSVC

from rightstrack.classify.calibration import Floats, softmax_temperature
from rightstrack.classify.features import TextFeatures

HELD_OUT_SESSIONS = 3
C = 0.3


@dataclass(frozen=True)
class ActionPrediction:
    category: int
    score: float  # calibrated probability of that category


class ActionClassifier:
    def __init__(self) -> None:
        self.features = TextFeatures()
        self.model = LinearSVC(C=C, random_state=0)
        self.temperature = 1.0

    def fit(
        self, texts: Sequence[str], categories: Sequence[int], sessions: Sequence[int]
    ) -> ActionClassifier:
        labels = np.asarray(categories)
        session_array = np.asarray(sessions)
        held_out = session_array > session_array.max() - HELD_OUT_SESSIONS
        tuning_features = TextFeatures()
        train_texts = [t for t, h in zip(texts, held_out, strict=True) if not h]
        tuning = LinearSVC(C=C, random_state=0).fit(
            tuning_features.fit_transform(train_texts), labels[~held_out]
        )
        held_texts = [t for t, h in zip(texts, held_out, strict=True) if h]
        decision = tuning.decision_function(tuning_features.transform(held_texts))
        index = {c: k for k, c in enumerate(tuning.classes_)}
        self.temperature = softmax_temperature(decision, np.array([index[c] for c in labels[held_out]]))
        self.model.fit(self.features.fit_transform(texts), labels)
        return self

    def probabilities(self, texts: Sequence[str]) -> Floats:
        scaled = self.model.decision_function(self.features.transform(texts)) / self.temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        exp = np.exp(scaled)
        result: Floats = exp / exp.sum(axis=1, keepdims=True)
        return result

    def predict(self, texts: Sequence[str]) -> list[ActionPrediction]:
        probabilities = self.probabilities(texts)
        best = probabilities.argmax(axis=1)
        return [
            ActionPrediction(int(self.model.classes_[k]), float(probabilities[i, k]))
            for i, k in enumerate(best)
        ]

    def explain(self, text: str, category: int, top: int = 6) -> list[tuple[str, float]]:
        """The features of ``text`` that pushed it most towards ``category``, with their weights."""
        k = list(self.model.classes_).index(category)
        return self.features.strongest(text, self.model.coef_[k], top)
