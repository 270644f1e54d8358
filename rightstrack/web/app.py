"""The ASGI application: ``create_app()`` for uvicorn (``rightstrack serve``) and tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from rightstrack import __version__
from rightstrack.accounts import BUSY_RETRY_SECONDS, Busy
from rightstrack.errors import Forbidden, TrackingError
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import InvalidFilterError
from rightstrack.search.textquery import QuerySyntaxError
from rightstrack.store.database import open_store
from rightstrack.web import (
    account_pages,
    api,
    election_pages,
    elections_api,
    eom_pages,
    facets_api,
    pages,
    plan_actions,
    plan_pages,
    record_pages,
    saved_pages,
    state_pages,
    stats_api,
    stats_pages,
    tracking_api,
)
from rightstrack.web.api_docs import add_api_docs
from rightstrack.web.auth import current_user
from rightstrack.web.guards import BodyLimitMiddleware, HeadAsGetMiddleware
from rightstrack.web.openapi import truthful_openapi
from rightstrack.web.params import BadParameterError
from rightstrack.web.responses import JSONResponse
from rightstrack.web.security import SecurityHeadersMiddleware, server_secret
from rightstrack.web.tracking_api import tracking_status
from rightstrack.web.warmup import warm_pages

STATIC = Path(__file__).parent / "static"


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"error": message}, status_code=status)
    return pages.render(request, "error.html", {"message": message}, status_code=status)


def create_app(database: str | None = None, search: SearchEngine | None = None) -> FastAPI:
    """The app over a store (a URL or path; default: ``RIGHTSTRACK_DB``)."""
    app = FastAPI(
        title="RightsTrack",
        version=__version__,
        description="Recommendations and pledges of the UN human rights mechanisms.",
        docs_url=None,  # served by web/api_docs.py from local files, under the security policy
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
    )
    app.state.search = search or SearchEngine(open_store(database))
    app.state.search.warm()  # build and load before the first request, not during it
    app.state.csrf_secret = server_secret(app.state.search.engine)
    # Templates, locale data and a record's statements, beside the server: readiness waits for none.
    app.state.warming = warm_pages(pages.templates, app.state.search)
    # Outermost last: HEAD becomes GET before anything else looks, and the security headers go on
    # every answer, the guards' refusals included.
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HeadAsGetMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_api_docs(app)
    app.include_router(api.router)
    app.include_router(stats_api.router)
    app.include_router(facets_api.router)
    app.include_router(tracking_api.router)
    app.include_router(elections_api.router)
    app.include_router(pages.router)
    app.include_router(stats_pages.router)
    app.include_router(record_pages.router)
    app.include_router(state_pages.router)
    app.include_router(account_pages.router)
    app.include_router(plan_pages.router)
    app.include_router(plan_actions.router)
    app.include_router(election_pages.router)
    app.include_router(eom_pages.router)
    app.include_router(saved_pages.router)
    truthful_openapi(app)

    @app.exception_handler(InvalidFilterError)
    @app.exception_handler(QuerySyntaxError)
    @app.exception_handler(BadParameterError)
    @app.exception_handler(ValueError)
    async def bad_input(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(TrackingError)
    async def refused(request: Request, exc: TrackingError) -> Response:
        if isinstance(exc, Forbidden) and not _is_api(request) and current_user(request) is None:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return _error(request, tracking_status(exc), str(exc))

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        answer = _error(request, 503, str(exc))
        answer.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return answer

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'][1:])}: {error['msg']}" for error in exc.errors()
        )
        return _error(request, 400, problems or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    return app
