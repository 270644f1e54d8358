"""The API's interactive documentation (Swagger UI), served from the app's own files.

FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script: the app's
Content-Security-Policy (``script-src 'self'``, no inline script) blocks both, and the page was
blank. Here the files come from the fastapi-offline package (Swagger UI 5, which reads OpenAPI
3.1; only its files are used), mounted under ``/api/docs/assets``,
and the page starts them with a script of our own in ``/static``: nothing is relaxed in the policy.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/api/docs"
ASSETS_PATH = f"{DOCS_PATH}/assets"

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RightsTrack API</title>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-spec="/api/v1/openapi.json"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


def add_api_docs(app: FastAPI) -> None:
    """The docs page and its assets (the app is created with ``docs_url=None``)."""
    assets = files("fastapi_offline") / "static"
    app.mount(ASSETS_PATH, StaticFiles(directory=str(assets)), name="api-docs-assets")

    @app.get(DOCS_PATH, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(_PAGE)
