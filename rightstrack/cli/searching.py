"""What ``search``, ``stats`` and ``export`` share: the full-text argument, ``--filter`` and
``--json``, the query built from them, and the search engine over the store that ``--db`` names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from rightstrack.cli.common import fail
from rightstrack.search.options import Dimension

if TYPE_CHECKING:
    from rightstrack.search.engine import SearchEngine
    from rightstrack.search.query import SearchQuery

DIMENSIONS = ", ".join(d.value for d in Dimension)
TextArg = Annotated[str, typer.Argument(help='Full text: words, "phrases", AND/OR/NOT, prefix*.')]
FilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--filter",
        "-f",
        help="DIMENSION=VALUE, repeatable (values of one dimension combine with OR, dimensions with "
        f"AND); DIMENSION!=VALUE leaves records with VALUE out. Dimensions: {DIMENSIONS}.",
    ),
]
DAY = "YYYY-MM-DD, YYYY-MM or YYYY; a UPR record's review day, another's publication date"
FromOpt = Annotated[str | None, typer.Option("--from", help=f"First day of a range ({DAY}).")]
ToOpt = Annotated[str | None, typer.Option("--to", help=f"Last day of a range, included ({DAY}).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def search_engine(ctx: typer.Context) -> SearchEngine:
    """The search engine over the store named by ``--db`` (the root callback puts it on ``ctx.obj``)."""
    from rightstrack.search.engine import SearchEngine
    from rightstrack.store.database import open_store

    return SearchEngine(open_store(ctx.obj))


def build_query(
    text: str,
    filters: list[str] | None,
    date_from: str | None = None,
    date_to: str | None = None,
    **extra: object,
) -> SearchQuery:
    """The query of a full text, ``--filter DIMENSION=VALUE`` (or ``DIMENSION!=VALUE``) items and
    a range of days; a bad one ends the command."""
    from rightstrack.search.query import InvalidFilterError, SearchQuery

    parsed: dict[str, list[str]] = {}
    excluded: dict[str, list[str]] = {}
    for item in filters or []:
        name, sep, value = item.partition("=")
        if not sep:
            fail(
                f"--filter takes DIMENSION=VALUE or DIMENSION!=VALUE, got {item!r} (dimensions: {DIMENSIONS})"
            )
        into = excluded if name.endswith("!") else parsed
        into.setdefault(name.removesuffix("!").strip().replace("-", "_"), []).append(value)
    try:
        return SearchQuery.build(
            text,
            parsed,
            excluded=excluded,
            date_from=date_from,
            date_to=date_to,
            **extra,  # type: ignore[arg-type]
        )
    except (InvalidFilterError, ValueError) as exc:
        fail(str(exc))
