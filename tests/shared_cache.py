"""What the test runs share on disk: the trained models, kept between runs and between workers.

A fresh clone trains the models once, in whichever pytest-xdist worker first needs them; a worker
that needs them meanwhile waits for that copy rather than training its own, and every later run
reads it back. The models' file is keyed by the data and the code they come from
(:func:`rightstrack.classify.models.cache_path`), so a change to either trains anew.
``RIGHTSTRACK_TEST_CACHE`` names the folder (CI may keep it between builds); by default it is
``.test-cache`` in the checkout, ignored by git.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rightstrack import cachefiles, config
from rightstrack.classify import models
from rightstrack.classify.models import TrainedModels


def shared_folder() -> Path:
    configured = os.environ.get("RIGHTSTRACK_TEST_CACHE")
    folder = Path(configured) if configured else config.PROJECT_ROOT / ".test-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """One process at a time, across the workers; the lock goes with the process if it dies."""
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def train_once(train: Callable[[Path], TrainedModels]) -> Callable[[Path], TrainedModels]:
    """``train``, but only by one worker: the others wait and read what it saved."""

    def locked(folder: Path) -> TrainedModels:
        version = f"rt-{models.MODEL_FORMAT}-{models.data_hash(folder)}"
        path = models.cache_path(version)
        if path is None:
            return train(folder)
        with exclusive(path.with_suffix(".lock")):
            saved = cachefiles.load(path)
            if isinstance(saved, TrainedModels) and saved.version == version:
                return saved
            trained = train(folder)
            cachefiles.save(path, trained)  # before the lock opens, so a waiting worker finds it
            return trained

    return locked


def train_in_background(rootdir: Path) -> subprocess.Popen[bytes]:
    """Under pytest-xdist the models are trained beside the workers from the start, so no worker
    idles, waiting for them, when its first test needs them; with the models saved, this ends at once."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.shared_cache"], cwd=rootdir, stdout=subprocess.DEVNULL
    )


def _train_if_missing() -> None:
    os.environ["RIGHTSTRACK_MODEL_CACHE"] = str(shared_folder())
    models.train = train_once(models.train)
    models.trained_models()


if __name__ == "__main__":
    _train_if_missing()
