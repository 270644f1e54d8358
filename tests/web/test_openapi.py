"""The OpenAPI schema describes every answer of the JSON API, and the answers are what it says.

The schema half walks ``/api/v1/openapi.json``: every JSON route's success has a schema, every
``$ref`` resolves, and every object in it has typed properties (the few free-form fields are
listed below with their reason). The answer half calls each route on the real data and validates
its JSON against the model the route declares, strictly and with undeclared fields forbidden, so
a route that adds, drops or retypes a field fails here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Engine

from rightstrack.search.engine import SearchEngine
from rightstrack.web import api
from rightstrack.web.api_models import ErrorOut, SearchOut
from rightstrack.web.app import create_app
from tests.web.contracts import conform, conforms

# (schema, property) free-form on purpose: a change's row before and after, whichever table it is.
FREE_FORM = {("ChangeOut", "before"), ("ChangeOut", "after")}
COMBINATORS = ("anyOf", "oneOf", "allOf")


@pytest.fixture
def bare(store: Engine) -> Iterator[TestClient]:
    """The app over an empty store: enough to serve its schema and docs."""
    with TestClient(create_app(search=SearchEngine(store))) as client:
        yield client


def _resolve(spec: dict[str, Any], ref: str) -> tuple[str, dict[str, Any]]:
    assert ref.startswith("#/components/schemas/"), ref
    name = ref.rsplit("/", 1)[1]
    assert name in spec["components"]["schemas"], f"unresolved $ref {ref}"
    return name, spec["components"]["schemas"][name]


def untyped(spec: dict[str, Any], schema: dict[str, Any], where: str, seen: set[str]) -> list[str]:
    """Where, under ``schema``, a value is left untyped: a bare ``{}``, or an object without
    properties and without typed values (``FREE_FORM`` excepted)."""
    if "$ref" in schema:
        name, target = _resolve(spec, schema["$ref"])
        if name in seen:
            return []
        seen.add(name)
        return untyped(spec, target, name, seen)
    found: list[str] = []
    for combinator in COMBINATORS:
        for n, part in enumerate(schema.get(combinator, [])):
            found += untyped(spec, part, f"{where}.{combinator}[{n}]", seen)
    if any(c in schema for c in COMBINATORS) or "enum" in schema or "const" in schema:
        return found
    kind = schema.get("type")
    if kind is None:
        return [*found, where]
    if kind == "object":
        values = schema.get("additionalProperties")
        if not schema.get("properties") and not isinstance(values, dict):
            return [*found, where]
        for name, part in schema.get("properties", {}).items():
            if (where, name) in FREE_FORM:
                continue
            found += untyped(spec, part, f"{where}.{name}", seen)
        if isinstance(values, dict):
            found += untyped(spec, values, f"{where}[*]", seen)
    if kind == "array":
        for n, part in enumerate(schema.get("prefixItems", [])):
            found += untyped(spec, part, f"{where}[{n}]", seen)
        if "items" in schema:
            found += untyped(spec, schema["items"], f"{where}[]", seen)
        elif "prefixItems" not in schema:
            found.append(f"{where}[]")
    return found


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def _success(operation: dict[str, Any]) -> dict[str, Any]:
    codes = [code for code in ("200", "201") if code in operation["responses"]]
    assert len(codes) == 1, operation["responses"]
    content: dict[str, Any] = operation["responses"][codes[0]].get("content", {})
    return content


def test_every_json_answer_has_a_typed_schema(bare: TestClient) -> None:
    spec = bare.get("/api/v1/openapi.json").json()
    operations = dict(_operations(spec))
    assert len(operations) >= 40 and all(name.split()[1].startswith("/api/v1/") for name in operations)
    for name, operation in operations.items():
        content = _success(operation)
        assert content, f"{name} declares no answer"
        for media, body in content.items():
            if media != "application/json":
                assert body["schema"]["type"] == "string", name  # a file: CSV or XLSX
                continue
            schema = body.get("schema")
            assert schema, f"{name} has no schema"
            assert untyped(spec, schema, name, set()) == [], name
        for code, answer in operation["responses"].items():  # refusals are typed too
            if code not in ("200", "201"):
                assert untyped(spec, answer["content"]["application/json"]["schema"], name, set()) == []


def test_every_ref_resolves_and_the_docs_serve_the_schema(bare: TestClient) -> None:
    served = bare.get("/api/v1/openapi.json")
    spec = served.json()
    refs = [ref for ref in _refs(spec)]
    assert refs
    for ref in refs:
        _resolve(spec, ref)
    docs = bare.get("/api/docs")
    assert docs.status_code == 200 and "/api/v1/openapi.json" in docs.text
    # What the app serves is FastAPI's own generation, JSON that loads again unchanged.
    assert json.loads(json.dumps(spec)) == bare.app.openapi()  # type: ignore[attr-defined]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_check_finds_untyped_values() -> None:
    spec: dict[str, Any] = {"components": {"schemas": {"A": {"type": "object", "properties": {"x": {}}}}}}
    assert untyped(spec, {"$ref": "#/components/schemas/A"}, "r", set()) == ["A.x"]
    assert untyped(spec, {"type": "object"}, "r", set()) == ["r"]
    assert untyped(spec, {"type": "array"}, "r", set()) == ["r[]"]
    with pytest.raises(AssertionError, match="unresolved"):
        untyped(spec, {"$ref": "#/components/schemas/B"}, "r", set())


def test_search_and_analysis_answers_are_as_declared(client: TestClient) -> None:
    for params in (
        {},
        {"q": "torture OR ill-treatment", "per_page": 50, "sort": "recent"},
        {"issue": "Elections", "response": "Noted", "per_page": 5},
        {"per_page": 0},
    ):
        conforms(client, "GET", "/api/v1/search", params=params)
    hit = client.get("/api/v1/search", params={"q": "women", "per_page": 1}).json()["hits"][0]
    conforms(client, "GET", f"/api/v1/records/{hit['id']}")
    conforms(client, "GET", f"/api/v1/records/{hit['id']}/similar", params={"limit": 5})
    conforms(client, "GET", "/api/v1/similar", params={"q": "Abolish the death penalty"})
    conforms(client, "GET", "/api/v1/draft", params={"text": "Consider ratifying the Convention"})
    conforms(client, "GET", "/api/v1/states")
    conforms(client, "GET", "/api/v1/states/Slovenia")
    conforms(client, "GET", "/api/v1/states/Slovenia/clusters", params={"cycle": 1})
    conforms(client, "GET", "/api/v1/stats", params={"issue": "Elections"})
    conforms(client, "GET", "/api/v1/stats", params={"basis": "records", "by": ["action", "issue"]})
    conforms(client, "GET", "/api/v1/stats/crosstab", params={"issue": "Elections", "basis": "records"})
    conforms(client, "GET", "/api/v1/stats/table", params={"by": "issue", "split": "response"})
    conforms(client, "GET", "/api/v1/stats/table", params={"compare": "sur:SVN,sur:HRV", "measure": "share"})
    conforms(client, "GET", "/api/v1/coverage")
    conforms(client, "GET", "/api/v1/export.json", params={"issue": "Elections"})
    refused = client.get("/api/v1/records/999999999")
    assert refused.status_code == 404
    conform(ErrorOut, refused.content)


def test_other_mechanisms_answers_are_as_declared(mixed: SearchEngine) -> None:
    with TestClient(create_app(search=mixed)) as client:
        for params in ({"mechanism": "Treaty body"}, {"issue": "Right to health"}, {"q": "torture"}):
            found = conforms(client, "GET", "/api/v1/search", params=params).json()
            for hit in found["hits"][:3]:
                conforms(client, "GET", f"/api/v1/records/{hit['id']}")
        # A filter widened through the theme mapping, and records found through it alone.
        assert found_mapped(client)
        conforms(client, "GET", "/api/v1/states/Slovenia")
        conforms(client, "GET", "/api/v1/coverage")


def found_mapped(client: TestClient) -> dict[str, Any]:
    answer = conforms(client, "GET", "/api/v1/search", params={"issue": "Right to health", "per_page": 200})
    mapped: dict[str, Any] = answer.json()["matched_through_mapping"]
    return mapped


def _tampered(payload: dict[str, Any], change: str) -> dict[str, Any]:
    if change == "undeclared field":
        payload["score"] = 1.0
    elif change == "undeclared field of a hit":
        payload["hits"][0]["rank"] = 1
    elif change == "missing field":
        del payload["pages"]
    elif change == "action category out of range":
        payload["hits"][0]["action_category"] = 7
    elif change == "number as text":
        payload["total"] = str(payload["total"])
    elif change == "unknown response":
        payload["hits"][0]["response"] = "Supported?"
    elif change == "unknown facet dimension":
        payload["facets"]["colour"] = []
    return payload


@pytest.mark.parametrize(
    "change",
    [
        "undeclared field",
        "undeclared field of a hit",
        "missing field",
        "action category out of range",
        "number as text",
        "unknown response",
        "unknown facet dimension",
    ],
)
def test_a_tampered_answer_fails_its_model(client: TestClient, change: str) -> None:
    answer = client.get("/api/v1/search", params={"q": "torture", "per_page": 2})
    conform(SearchOut, answer.content)
    with pytest.raises(ValidationError):
        conform(SearchOut, json.dumps(_tampered(answer.json(), change)))


def test_a_route_that_adds_a_field_fails(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def with_extra(result: Any) -> dict[str, Any]:
        return {**payload(result), "debug": True}

    payload = api.result_payload
    monkeypatch.setattr(api, "result_payload", with_extra)
    with pytest.raises(ValidationError, match="debug"):
        conforms(client, "GET", "/api/v1/search", params={"per_page": 1})
