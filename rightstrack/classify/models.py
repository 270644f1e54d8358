"""The trained models, trained once from the shared data and kept in the cache.

Training is reproducible (fixed seeds, data in file order) and takes about a minute and a half on
one CPU; the result is pickled under the model cache folder, keyed by a hash of the training files
and ``MODEL_FORMAT`` (the version the predictions name) and by a hash of the code that trains them
and of the libraries' versions, so a changed export, a changed model or an edit to the training
code retrains (even one that forgot to bump ``MODEL_FORMAT``), and nothing stale is read.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rightstrack import cachefiles, config
from rightstrack.classify.action import ActionClassifier
from rightstrack.classify.data import labelled_recommendations
from rightstrack.classify.issues import IssueTagger

MODEL_FORMAT = 1  # bump when a model's features, parameters or code change
KEEP = 3  # sets of models kept on disk (about 50 MB each): the data's and code's latest few


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


# What training reads besides the data: this package and the parser of UPR Info's exports.
_TRAINING_CODE = (Path(__file__).parent, Path(__file__).parent.parent / "sources" / "uprinfo.py")
_LIBRARIES = ("scikit-learn", "numpy", "scipy")


def code_hash() -> str:
    """The training code and the libraries it pickles, as a key: a pickle from other code is never read."""
    digest = hashlib.sha256()
    for root in _TRAINING_CODE:
        for path in sorted(root.glob("*.py")) if root.is_dir() else [root]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}".encode())
    return digest.hexdigest()[:12]


def cache_path(version: str) -> Path | None:
    cache = config.model_cache_dir()
    return cache / f"models-{version}-{code_hash()}.pickle" if cache else None


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
    path = cache_path(version)
    saved = cachefiles.load(path)
    if isinstance(saved, TrainedModels) and saved.version == version:
        return saved
    if on_training:
        on_training()
    models = train(folder)
    cachefiles.save(path, models)
    if path is not None:
        cachefiles.prune(path.parent, "models-*.pickle", KEEP)
    return models
