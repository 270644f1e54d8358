"""``rightstrack serve``: the web pages and the JSON API, in several worker processes.

uvicorn and the web application are imported when the command runs, not when the command line
starts: every other command (and ``--help``) goes without them."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from rightstrack import config
from rightstrack.cli.common import console
from rightstrack.cli.searching import search_engine

DEFAULT_WORKERS = min(4, os.cpu_count() or 1)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes; each holds its own index and caches.")
    ] = DEFAULT_WORKERS,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            help="Proxies (comma-separated addresses) whose X-Forwarded-For/-Proto headers are "
            "believed; none by default, so that clients cannot choose the address they are counted by."
        ),
    ] = "",
) -> None:
    """Serve the web pages and the JSON API (http://HOST:PORT/, API docs at /api/docs)."""
    import uvicorn

    from rightstrack.web.serving import PROTOCOL, trusted_proxies

    # Workers are fresh processes that find the store through the environment; the index is
    # built (and saved) here once, so that each of them only reads it.
    os.environ["RIGHTSTRACK_DB"] = config.database_url(ctx.obj)
    search_engine(ctx).index()
    console.print(
        f"RightsTrack on http://{host}:{port}/  (API: http://{host}:{port}/api/docs), {workers} worker(s)"
    )
    uvicorn.run(
        "rightstrack.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        http=PROTOCOL,  # times out clients that send their headers too slowly
        # uvicorn would trust 127.0.0.1 (or FORWARDED_ALLOW_IPS) unless told: only named proxies
        proxy_headers=bool(trusted_proxies(forwarded_allow_ips)),
        forwarded_allow_ips=trusted_proxies(forwarded_allow_ips),
        # A worker answers the supervisor's health checks only once it has started up (imported
        # numpy, pandas, scikit-learn; opened the store); on a busy machine that takes longer than
        # uvicorn's 5 s, and it would kill and respawn every worker for ever.
        timeout_worker_healthcheck=60,
    )
