"""Checking an API answer against the model its route declares (``response_model``, or the model
of its 200 in ``responses=`` for a streamed export): strictly, so an undeclared field, a missing
one or a wrong type fails."""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx import Response
from pydantic import TypeAdapter
from starlette.routing import Match

from rightstrack.web import api, elections_api, stats_api, tracking_api


def declared_model(method: str, path: str) -> Any:
    """The model the route answering ``method path`` declares for its success."""
    scope = {"type": "http", "method": method, "path": path}
    routers = (api.router, tracking_api.router, elections_api.router, stats_api.router)
    for route in (route for router in routers for route in router.routes):
        if isinstance(route, APIRoute) and route.matches(scope)[0] is Match.FULL:
            if route.response_model is not None:
                return route.response_model
            return route.responses[200]["model"]
    raise AssertionError(f"no route answers {method} {path}")


def conform(model: Any, content: bytes | str) -> Any:
    """``content`` validated against ``model``, strictly (JSON's own types, no coercion)."""
    return TypeAdapter(model).validate_json(content, strict=True)


def conforms(client: TestClient, method: str, path: str, **kwargs: Any) -> Response:
    """Sends the request, and checks its success answer against the route's declared model."""
    answer = client.request(method, path, **kwargs)
    assert answer.status_code in (200, 201), answer.text
    conform(declared_model(method, path), answer.content)
    return answer
