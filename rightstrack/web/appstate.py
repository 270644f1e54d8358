"""What one served process keeps for all its requests, beside the search engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request

if TYPE_CHECKING:
    from rightstrack.classify.models import TrainedModels


def models_of(request: Request) -> TrainedModels:
    """The trained models, loaded once per process (``make run`` trains them before serving),
    at the first request that needs them: with them come scikit-learn and SciPy (seconds, and
    ~100 MB per worker) that a server answering searches never needs."""
    models: TrainedModels | None = getattr(request.app.state, "models", None)
    if models is None:
        from rightstrack.classify.models import trained_models

        models = trained_models()
        request.app.state.models = models
    return models
