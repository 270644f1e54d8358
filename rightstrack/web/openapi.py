"""The OpenAPI schema as the app answers: a request FastAPI refuses as invalid gets a 400 with
``{"error": …}`` (app.py's handler), never FastAPI's 422, so the schema says so."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from rightstrack.web.api_models import ErrorOut

FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def truthful_openapi(app: FastAPI) -> None:
    """Replaces each operation's 422 with the 400 the app sends, once, when the schema is built."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = generate()
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault(
            "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        error = {"$ref": "#/components/schemas/ErrorOut"}
        for item in spec["paths"].values():
            for operation in item.values():
                if operation["responses"].pop("422", None) is not None:
                    operation["responses"].setdefault(
                        "400",
                        {
                            "description": "A parameter is invalid",
                            "content": {"application/json": {"schema": error}},
                        },
                    )
        for name in FASTAPI_VALIDATION:
            schemas.pop(name, None)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
