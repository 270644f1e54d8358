"""JSON responses encoded by orjson: a search answer with its facets is several hundred values,
and the standard library's encoder took longer over them than the search itself."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse as StandardJSONResponse


class JSONResponse(StandardJSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
