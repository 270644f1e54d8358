"""``rightstrack eval classify``: the temporal split (train on sessions 1–15, test on 16–19).

Issues: micro- and macro-F1 over UPR Info's issues, and F1 per issue. Action category: accuracy
and macro-F1 over the five categories (records UPR Info coded with one). Ours against three
baselines; training time and tagging rate (recommendations per second, one CPU process).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import MultiLabelBinarizer

from rightstrack.classify.action import ActionClassifier
from rightstrack.classify.baselines import MostFrequent, TfidfSvm, keyword_action, keyword_issues
from rightstrack.classify.data import Labelled, labelled_recommendations, temporal_split
from rightstrack.classify.issues import IssueTagger


@dataclass(frozen=True)
class ModelScore:
    model: str
    issues_micro_f1: float
    issues_macro_f1: float
    action_accuracy: float
    action_macro_f1: float


@dataclass
class ClassifyEvaluation:
    train_records: int
    test_records: int
    scores: list[ModelScore] = field(default_factory=list)
    per_issue: list[tuple[str, int, float]] = field(default_factory=list)  # issue, test support, our F1
    training_seconds: float = 0.0
    tagging_per_second: float = 0.0
    # Expected calibration error: |mean score - share correct| over ten score bins, weighted.
    issue_calibration_error: float = 0.0
    action_calibration_error: float = 0.0


def calibration_error(scores: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    which = np.minimum((scores * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            error += inside.mean() * abs(scores[inside].mean() - correct[inside].mean())
    return float(error)


def _score(
    name: str,
    test: Sequence[Labelled],
    issues: Sequence[frozenset[str]],
    actions: Sequence[int],
    binarizer: MultiLabelBinarizer,
) -> ModelScore:
    truth = binarizer.transform([sorted(r.issues) for r in test])
    predicted = binarizer.transform([sorted(i & set(binarizer.classes_)) for i in issues])
    coded = np.array([r.action is not None for r in test])
    action_truth = np.array([r.action or 0 for r in test])[coded]
    action_predicted = np.asarray(actions)[coded]
    return ModelScore(
        name,
        float(f1_score(truth, predicted, average="micro", zero_division=0)),
        float(f1_score(truth, predicted, average="macro", zero_division=0)),
        float(accuracy_score(action_truth, action_predicted)),
        float(f1_score(action_truth, action_predicted, average="macro", zero_division=0)),
    )


def evaluate_classifiers(folder: Path, last_training_session: int = 15) -> ClassifyEvaluation:
    train, test = temporal_split(labelled_recommendations(folder), last_training_session)
    texts = [r.text for r in test]
    binarizer = MultiLabelBinarizer().fit([sorted(r.issues) for r in train + test])
    result = ClassifyEvaluation(len(train), len(test))
    coded_train = [r for r in train if r.action is not None]

    frequent = MostFrequent().fit([r.issues for r in train], [r.action for r in coded_train if r.action])
    result.scores.append(
        _score("most frequent", test, frequent.issues(texts), frequent.actions(texts), binarizer)
    )
    result.scores.append(
        _score(
            "keyword rules",
            test,
            [keyword_issues(t) for t in texts],
            [keyword_action(t) for t in texts],
            binarizer,
        )
    )
    svm = TfidfSvm().fit(
        [r.text for r in coded_train], [r.issues for r in coded_train], [r.action or 0 for r in coded_train]
    )
    result.scores.append(
        _score("TF-IDF 1-2 + linear SVM", test, svm.issues(texts), svm.actions(texts), binarizer)
    )

    started = time.perf_counter()
    tagger = IssueTagger().fit([r.text for r in train], [r.issues for r in train], [r.session for r in train])
    action = ActionClassifier().fit(
        [r.text for r in coded_train], [r.action or 0 for r in coded_train], [r.session for r in coded_train]
    )
    result.training_seconds = time.perf_counter() - started
    started = time.perf_counter()
    issue_predictions = tagger.predict(texts)
    action_predictions = action.predict(texts)
    result.tagging_per_second = len(texts) / (time.perf_counter() - started)
    ours_issues = [frozenset(s.label for s in scored) for scored in issue_predictions]
    ours = _score("RightsTrack", test, ours_issues, [p.category for p in action_predictions], binarizer)
    result.scores.append(ours)

    truth = binarizer.transform([sorted(r.issues) for r in test])
    predicted = binarizer.transform([sorted(i) for i in ours_issues])
    per_issue = f1_score(truth, predicted, average=None, zero_division=0)
    result.issue_calibration_error = calibration_error(
        tagger.scores(tagger.decision(texts)).ravel(), truth.ravel()
    )
    probabilities = action.probabilities(texts)
    coded = np.array([r.action is not None for r in test])
    best = probabilities.argmax(axis=1)
    right = action.model.classes_[best] == np.array([r.action or 0 for r in test])
    result.action_calibration_error = calibration_error(probabilities.max(axis=1)[coded], right[coded])
    result.per_issue = sorted(
        (
            (str(label), int(truth[:, j].sum()), float(per_issue[j]))
            for j, label in enumerate(binarizer.classes_)
        ),
        key=lambda row: -row[1],
    )
    return result
