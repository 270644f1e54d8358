"""The issue tagger: UPR Info's 54 issues, several per recommendation.

One linear SVM per issue over :class:`TextFeatures`. The latest sessions of the training data are
held out once to choose each issue's threshold (rare issues need lower ones) and to calibrate its
scores (Platt scaling); the final models are then fitted on everything. Every recommendation gets
at least its best issue, as every UPR Info record has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from rightstrack.classify.calibration import Floats, best_threshold, platt, sigmoid
from rightstrack.classify.features import TextFeatures

HELD_OUT_SESSIONS = 3
C = 0.5


@dataclass(frozen=True)
class Scored:
    label: str
    score: float  # calibrated: of recommendations scored so, about this share carry the label


class IssueTagger:
    def __init__(self) -> None:
        self.features = TextFeatures()
        self.labels = MultiLabelBinarizer()
        self.model = OneVsRestClassifier(LinearSVC(C=C, random_state=0))
        self.thresholds: Floats = np.zeros(0)
        self.scaling: Floats = np.zeros((0, 2))

    def fit(
        self, texts: Sequence[str], issues: Sequence[frozenset[str]], sessions: Sequence[int]
    ) -> IssueTagger:
        truth = self.labels.fit_transform([sorted(i) for i in issues]).astype(bool)
        session_array = np.asarray(sessions)
        held_out = session_array > session_array.max() - HELD_OUT_SESSIONS
        tuning_features = TextFeatures()
        fitted = tuning_features.fit_transform([t for t, h in zip(texts, held_out, strict=True) if not h])
        tuning = OneVsRestClassifier(LinearSVC(C=C, random_state=0)).fit(fitted, truth[~held_out])
        decision = tuning.decision_function(
            tuning_features.transform([t for t, h in zip(texts, held_out, strict=True) if h])
        )
        held_truth = truth[held_out]
        self.thresholds = np.array(
            [best_threshold(decision[:, j], held_truth[:, j]) for j in range(truth.shape[1])]
        )
        self.scaling = np.array([platt(decision[:, j], held_truth[:, j]) for j in range(truth.shape[1])])
        self.model.fit(self.features.fit_transform(texts), truth)
        return self

    def decision(self, texts: Sequence[str]) -> Floats:
        result: Floats = self.model.decision_function(self.features.transform(texts))
        return result

    def scores(self, decision: Floats) -> Floats:
        return sigmoid(decision * self.scaling[:, 0] + self.scaling[:, 1])

    def chosen(self, decision: Floats) -> np.ndarray:
        chosen = decision > self.thresholds
        empty = ~chosen.any(axis=1)
        chosen[empty, decision[empty].argmax(axis=1)] = True
        return chosen

    def predict(self, texts: Sequence[str]) -> list[list[Scored]]:
        decision = self.decision(texts)
        chosen, scores = self.chosen(decision), self.scores(decision)
        classes = self.labels.classes_
        return [
            sorted(
                (Scored(classes[j], float(scores[i, j])) for j in np.flatnonzero(chosen[i])),
                key=lambda s: -s.score,
            )
            for i in range(len(texts))
        ]

    def explain(self, text: str, issue: str, top: int = 6) -> list[tuple[str, float]]:
        """The features of ``text`` that pushed it most towards ``issue``, with their weights."""
        j = list(self.labels.classes_).index(issue)
        return self.features.strongest(text, self.model.estimators_[j].coef_.ravel(), top)
