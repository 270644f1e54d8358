"""Reading a SearchQuery from a URL's query string — one reader for the API and the pages, so a
page's URL is the permalink of its search and the same string works against the API."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from pydantic import Field
from starlette.datastructures import QueryParams

from rightstrack.limits import Id as Id
from rightstrack.limits import Version as Version
from rightstrack.search.query import MAX_PER_PAGE, Dimension, SearchQuery, Sort
from rightstrack.search.textquery import QuerySyntaxError

# Id and Version (bounded to what the store holds) are declared with the inputs they are part of.

Year = Annotated[int, Field(ge=1, le=9999)]  # a date's year

CONTROL_PARAMETERS = {"q", "sort", "page", "per_page"}
# Parameters that belong to a page or an endpoint, not to the search.
OTHER_PARAMETERS = {"lang", "by", "basis", "rows", "columns", "format", "split", "measure", "top", "compare"}


class BadParameterError(ValueError):
    pass


def _integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameterError(f"{name}: not a number: {raw!r}") from None
    if not low <= value <= high:
        raise BadParameterError(f"{name}: must be between {low} and {high}")
    return value


def search_query(params: QueryParams, *, default_per_page: int = 20, strict: bool = True) -> SearchQuery:
    """The search a query string describes. ``strict`` refuses parameters it does not know."""
    dimensions = {d.value for d in Dimension}
    if strict:
        unknown = sorted(set(params) - dimensions - CONTROL_PARAMETERS - OTHER_PARAMETERS)
        if unknown:
            raise BadParameterError(f"unknown parameter(s): {', '.join(unknown)}")
    filters = {name: [v for v in params.getlist(name) if v] for name in dimensions if name in params}
    try:
        return SearchQuery.build(
            params.get("q", ""),
            {name: values for name, values in filters.items() if values},
            sort=params.get("sort") or Sort.RELEVANCE,
            page=_integer(params, "page", 1, 1, 1_000_000),
            per_page=_integer(params, "per_page", default_per_page, 0, MAX_PER_PAGE),
        )
    except QuerySyntaxError as exc:
        raise BadParameterError(f"q: {exc}") from None


def query_string(query: SearchQuery, **overrides: object) -> str:
    """The query string of a search (for links): filters sorted so each search has one URL."""
    pairs: list[tuple[str, str]] = []
    if query.text:
        pairs.append(("q", query.text))
    for dimension in Dimension:
        pairs += [(dimension.value, value) for value in sorted(query.filters.get(dimension, ()))]
    if query.sort is not Sort.RELEVANCE:
        pairs.append(("sort", query.sort.value))
    if query.page != 1:
        pairs.append(("page", str(query.page)))
    for name, value in overrides.items():
        pairs = [(k, v) for k, v in pairs if k != name]
        if value is not None:
            pairs.append((name, str(value)))
    return urlencode(pairs)


def toggled(query: SearchQuery, dimension: Dimension, value: str) -> SearchQuery:
    """The same search with one facet value added or removed, back on page 1."""
    values = set(query.filters.get(dimension, frozenset()))
    values ^= {value}
    filters = dict(query.filters)
    if values:
        filters[dimension] = frozenset(values)
    else:
        filters.pop(dimension, None)
    return SearchQuery(query.text, filters, query.sort, 1, query.per_page)
