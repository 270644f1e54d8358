"""The trained models, trained once from the shared data and kept in the cache.

Training is reproducible (fixed seeds, data in file order) and takes about a minute and a half on
one CPU; the result is pickled under the cache folder, keyed by a hash of the training files and
``MODEL_FORMAT``, so a changed export or a changed model retrains, and nothing stale is read.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rightstrack import cachefiles, config
from rightstrack.classify.action import ActionClassifier
from rightstrack.classify.data import labelled_recommendations
from rightstrack.classify.issues import IssueTagger

MODEL_FORMAT = 1  # bump when a model's features, parameters or code change


@dataclass
class TrainedModels:
    version: str  # names the models in stored predictions: "rt-1-3f2a9c0b1d2e"
    issues: IssueTagger
    action: ActionClassifier
    trained_on: int
    training_seconds: float


def data_hash(folder: Path) -> str:
    digest = hashlib.sha256(str(MODEL_FORMAT).encode())
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def train(folder: Path) -> TrainedModels:
    records = labelled_recommendations(folder)
    coded = [r for r in records if r.action is not None]
    started = time.perf_counter()
    issues = IssueTagger().fit(
        [r.text for r in records], [r.issues for r in records], [r.session for r in records]
    )
    action = ActionClassifier().fit(
        [r.text for r in coded], [r.action or 0 for r in coded], [r.session for r in coded]
    )
    return TrainedModels(
        f"rt-{MODEL_FORMAT}-{data_hash(folder)}", issues, action, len(records), time.perf_counter() - started
    )


def trained_models(
    folder: Path | None = None, *, on_training: Callable[[], None] | None = None
) -> TrainedModels:
    """The models for the UPR Info exports in ``folder``, from the cache or trained now."""
    folder = folder or config.upr_info_dir()
    version = f"rt-{MODEL_FORMAT}-{data_hash(folder)}"
    cache = config.cache_dir()
    path = cache / f"models-{version}.pickle" if cache else None
    saved = cachefiles.load(path)
    if isinstance(saved, TrainedModels) and saved.version == version:
        return saved
    if on_training:
        on_training()
    models = train(folder)
    cachefiles.save(path, models)
    return models
