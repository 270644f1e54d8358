"""The OpenAPI schema as the app answers: a request FastAPI refuses as invalid gets a 400 with
``{"error": …}`` (app.py's handler), never FastAPI's 422, so the schema says so; and the routes
that read a whole search from the query string (``params.search_query``, not function arguments)
declare its parameters, so the API docs offer them and "Try it out" can send them."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from rightstrack.search.query import MAX_PER_PAGE, Dimension, Sort
from rightstrack.web.api_models import ErrorOut

FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")
# Routes whose search is the query string: the search, its exports and the statistics of it.
SEARCH_ROUTES = (
    "/api/v1/search",
    "/api/v1/export.csv",
    "/api/v1/export.json",
    "/api/v1/export.xlsx",
    "/api/v1/stats",
    "/api/v1/stats/crosstab",
    "/api/v1/stats/table",
)
DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def search_parameters() -> list[dict[str, Any]]:
    """A search as OpenAPI query parameters: the text, sort, page, the range of days, and each
    dimension twice, to keep values (``issue=…``, repeatable, OR within one dimension, AND across)
    and to leave them out (``issue!=…``)."""
    values = {"type": "array", "items": {"type": "string"}}
    parameters = [
        _parameter(
            "q",
            'Full text: words (all must match), "a phrase", prefix*, -word to leave out, OR.',
            {"type": "string", "maxLength": 500},
        ),
        _parameter("sort", "Order of the hits.", {"type": "string", "enum": [s.value for s in Sort]}),
        _parameter("page", "Page of hits, from 1.", {"type": "integer", "minimum": 1}),
        _parameter(
            "per_page",
            f"Hits per page (0: counts only; at most {MAX_PER_PAGE}).",
            {"type": "integer", "minimum": 0, "maximum": MAX_PER_PAGE},
        ),
        _parameter(
            "from",
            "First day (YYYY, YYYY-MM or YYYY-MM-DD): a UPR record's review day, another's publication.",
            {"type": "string", "pattern": DAY},
        ),
        _parameter(
            "to", "Last day, included (YYYY, YYYY-MM or YYYY-MM-DD).", {"type": "string", "pattern": DAY}
        ),
    ]
    for dimension in Dimension:
        parameters.append(_parameter(dimension.value, f"{dimension.label}: keep these values.", values))
    for dimension in Dimension:
        parameters.append(
            _parameter(f"{dimension.value}!", f"{dimension.label}: leave these values out.", values)
        )
    return parameters


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
        searches = search_parameters()
        for path in SEARCH_ROUTES:
            for operation in spec["paths"].get(path, {}).values():
                declared = {p["name"] for p in operation.get("parameters", [])}
                operation.setdefault("parameters", []).extend(
                    p for p in searches if p["name"] not in declared
                )
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
