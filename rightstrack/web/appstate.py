"""What one served process keeps for all its requests, beside the search engine."""

from __future__ import annotations

from fastapi import Request

from rightstrack.classify.models import TrainedModels, trained_models


def models_of(request: Request) -> TrainedModels:
    """The trained models, loaded once per process (``make run`` trains them before serving)."""
    models: TrainedModels | None = getattr(request.app.state, "models", None)
    if models is None:
        models = trained_models()
        request.app.state.models = models
    return models
