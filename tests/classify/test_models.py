from pathlib import Path

import numpy as np
import pytest

from rightstrack import config
from rightstrack.classify import models
from rightstrack.classify.action import ActionClassifier
from rightstrack.classify.baselines import keyword_action, keyword_issues
from rightstrack.classify.calibration import best_threshold, platt, sigmoid, softmax_temperature
from rightstrack.classify.evaluation import evaluate_classifiers
from rightstrack.classify.features import opening
from rightstrack.classify.issues import IssueTagger


def test_threshold_and_platt_scaling_fit_held_out_data() -> None:
    rng = np.random.default_rng(0)
    truth = rng.random(4000) < 0.3
    decision = np.where(truth, rng.normal(0.4, 0.5, 4000), rng.normal(-0.8, 0.5, 4000))
    threshold = best_threshold(decision, truth)
    assert -0.6 < threshold < 0.2
    a, b = platt(decision, truth)
    probability = sigmoid(a * decision + b)
    # Calibrated: among scores near 0.7, about 70 % carry the label.
    near = (probability > 0.6) & (probability < 0.8)
    assert abs(truth[near].mean() - probability[near].mean()) < 0.05
    assert best_threshold(decision, np.zeros(4000, dtype=bool)) == 0.0


def test_softmax_temperature_softens_overconfident_scores() -> None:
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 3, 3000)
    decision = rng.normal(0, 1, (3000, 3))
    decision[np.arange(3000), truth] += 1.0
    assert softmax_temperature(decision * 10, truth) > softmax_temperature(decision, truth)


def test_opening_words_skip_to_and_that() -> None:
    assert opening("To consider ratifying the Convention") == (
        "open1_consider open2_consider_ratifying open3_consider_ratifying_the"
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Seek technical assistance from OHCHR", 1),
        ("Continue its efforts to combat poverty", 2),
        ("Consider ratifying the Optional Protocol", 3),
        ("Take measures to combat discrimination", 4),
        ("Ratify the Convention against Torture", 5),
    ],
)
def test_keyword_action_rules(text: str, category: int) -> None:
    assert keyword_action(text) == category


def test_keyword_issue_rules() -> None:
    assert keyword_issues("Abolish the death penalty for children") == {
        "Death penalty",
        "Rights of the Child",
    }
    assert keyword_issues("Strengthen its efforts") == {"General"}


TOPICS = {
    "Death penalty": [
        "abolish the death penalty",
        "establish a moratorium on executions",
        "commute death sentences",
    ],
    "Women's rights": [
        "combat violence against women",
        "promote gender equality",
        "protect women from abuse",
    ],
    "Right to education": [
        "guarantee free primary education",
        "build schools",
        "improve access to education",
    ],
}


def _corpus() -> tuple[list[str], list[frozenset[str]], list[int], list[int]]:
    texts, labels, sessions, actions = [], [], [], []
    for n in range(240):
        issue = list(TOPICS)[n % 3]
        phrase = TOPICS[issue][(n // 3) % 3]
        verb, action = [("Consider ways to", 3), ("Continue to", 2), ("Urgently", 5)][(n // 9) % 3]
        texts.append(f"{verb} {phrase} in region {n % 7}")
        labels.append(frozenset({issue}))
        sessions.append(1 + n % 6)
        actions.append(action)
    return texts, labels, sessions, actions


def test_tagger_learns_explains_and_scores() -> None:
    texts, labels, sessions, actions = _corpus()
    tagger = IssueTagger().fit(texts, labels, sessions)
    (first,) = tagger.predict(["Please abolish the death penalty now"])
    assert first[0].label == "Death penalty" and 0.5 < first[0].score <= 1.0
    words = [word for word, _ in tagger.explain("Please abolish the death penalty now", "Death penalty")]
    assert any("death" in word or "abolish" in word for word in words)
    classifier = ActionClassifier().fit(texts, actions, sessions)
    (predicted,) = classifier.predict(["Consider ways to build schools"])
    assert predicted.category == 3 and 0.34 < predicted.score <= 1.0
    assert classifier.explain("Consider ways to build schools", 3)


def test_temporal_split_beats_every_baseline() -> None:
    """Floors under the figures of `rightstrack eval classify` (issue #5's note)."""
    result = evaluate_classifiers(config.upr_info_dir())
    scores = {s.model: s for s in result.scores}
    ours, svm = scores["RightsTrack"], scores["TF-IDF 1-2 + linear SVM"]
    assert (result.train_records, result.test_records) == (26_640, 10_553)
    assert ours.issues_micro_f1 > svm.issues_micro_f1 and ours.issues_macro_f1 > svm.issues_macro_f1
    assert ours.action_accuracy > svm.action_accuracy
    assert ours.issues_micro_f1 >= 0.885 and ours.issues_macro_f1 >= 0.83 and ours.action_accuracy >= 0.89
    assert len(result.per_issue) == 54
    assert result.issue_calibration_error < 0.02 and result.action_calibration_error < 0.05


def test_saved_models_are_keyed_by_the_data_and_the_training_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Trained once, read back after; an edit to the training code or to the data trains anew."""
    data, code = tmp_path / "data", tmp_path / "code"
    data.mkdir(), code.mkdir()
    (data / "1-5.csv").write_text("an export\n")
    (code / "tagger.py").write_text("C = 1\n")
    monkeypatch.setenv("RIGHTSTRACK_MODEL_CACHE", str(tmp_path / "models"))
    monkeypatch.setattr(models, "_TRAINING_CODE", (code,))
    monkeypatch.setattr(models, "KEEP", 2)
    trained: list[Path] = []

    def fake_train(folder: Path) -> models.TrainedModels:
        trained.append(folder)
        version = f"rt-{models.MODEL_FORMAT}-{models.data_hash(folder)}"
        return models.TrainedModels(version, IssueTagger(), ActionClassifier(), len(trained), 0.0)

    monkeypatch.setattr(models, "train", fake_train)
    first = models.trained_models(data)
    assert models.trained_models(data).trained_on == first.trained_on == 1  # read back, not retrained
    assert [p.parent for p in (tmp_path / "models").glob("models-*.pickle")] == [tmp_path / "models"]
    (code / "tagger.py").write_text("C = 2\n")
    assert models.trained_models(data).trained_on == 2
    assert models.trained_models(data).version == first.version  # same data: the same model name
    (data / "1-5.csv").write_text("another export\n")
    latest = models.trained_models(data)
    assert latest.version != first.version
    assert len(trained) == 3
    kept = list((tmp_path / "models").glob("models-*.pickle"))
    assert len(kept) == 2 and any(latest.version in path.name for path in kept)  # the oldest pruned


def test_the_models_folder_follows_the_cache_unless_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RIGHTSTRACK_MODEL_CACHE", raising=False)
    monkeypatch.setenv("RIGHTSTRACK_CACHE", str(tmp_path / "all"))
    assert config.model_cache_dir() == tmp_path / "all"
    monkeypatch.setenv("RIGHTSTRACK_MODEL_CACHE", str(tmp_path / "models"))
    assert config.model_cache_dir() == tmp_path / "models"
    monkeypatch.setenv("RIGHTSTRACK_MODEL_CACHE", "off")
    assert config.model_cache_dir() is None and models.cache_path("rt-1-x") is None
    monkeypatch.delenv("RIGHTSTRACK_MODEL_CACHE")
    monkeypatch.setenv("RIGHTSTRACK_CACHE", "off")
    assert config.model_cache_dir() is None
