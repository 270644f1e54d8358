"""The ``rightstrack`` command (Typer): ``root`` builds the app from one module per command group.

Only ``app`` is public: it is the console script's entry point (``rightstrack.cli:app``)."""

from rightstrack.cli.root import app

__all__ = ["app"]
