"""Reading a SearchQuery from a URL's query string — one reader for the API and the pages, so a
page's URL is the permalink of its search and the same string works against the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import Field
from starlette.datastructures import QueryParams

from rightstrack.limits import Id as Id
from rightstrack.limits import Version as Version
from rightstrack.search.query import MAX_PER_PAGE, Dimension, SearchQuery, Sort
from rightstrack.search.textquery import QuerySyntaxError

# Id and Version (bounded to what the store holds) are declared with the inputs they are part of.

Year = Annotated[int, Field(ge=1, le=9999)]  # a date's year

CONTROL_PARAMETERS = {"q", "sort", "page", "per_page", "from", "to"}
# Parameters that belong to a page or an endpoint, not to the search.
OTHER_PARAMETERS = {"lang", "by", "basis", "rows", "columns", "format", "split", "measure", "top", "compare"}
# ``issue!=Elections``: a value to leave out, written as the command line's ``-f issue!=Elections``.
NOT = "!"


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
        known = dimensions | {name + NOT for name in dimensions} | CONTROL_PARAMETERS | OTHER_PARAMETERS
        unknown = sorted(set(params) - known)
        if unknown:
            raise BadParameterError(f"unknown parameter(s): {', '.join(unknown)}")

    def values(name: str) -> dict[str, list[str]]:
        found = {d: [v for v in params.getlist(d + name) if v] for d in dimensions if d + name in params}
        return {d: v for d, v in found.items() if v}

    try:
        return SearchQuery.build(
            params.get("q", ""),
            values(""),
            sort=params.get("sort") or Sort.RELEVANCE,
            page=_integer(params, "page", 1, 1, 1_000_000),
            per_page=_integer(params, "per_page", default_per_page, 0, MAX_PER_PAGE),
            excluded=values(NOT),
            date_from=params.get("from") or None,
            date_to=params.get("to") or None,
        )
    except QuerySyntaxError as exc:
        raise BadParameterError(f"q: {exc}") from None


def dimension_pairs(
    dimension: Dimension, chosen: Iterable[str], excluded: Iterable[str]
) -> list[tuple[str, str]]:
    """One dimension's part of a query string: its chosen values, then its excluded ones, sorted."""
    return [(dimension.value, value) for value in sorted(chosen)] + [
        (dimension.value + NOT, value) for value in sorted(excluded)
    ]


def after_filters(query: SearchQuery) -> list[tuple[str, str]]:
    """A query string's parts after the filters: the range, the order (the page apart)."""
    pairs = []
    if query.date_from is not None:
        pairs.append(("from", query.date_from.isoformat()))
    if query.date_to is not None:
        pairs.append(("to", query.date_to.isoformat()))
    if query.sort is not Sort.RELEVANCE:
        pairs.append(("sort", query.sort.value))
    return pairs


def encoded(pairs: list[tuple[str, str]]) -> str:
    # "!" left as it is: ``issue!=Elections`` reads as what it means.
    return urlencode(pairs, safe=NOT)


def query_string(query: SearchQuery, **overrides: object) -> str:
    """The query string of a search (for links): filters sorted so each search has one URL."""
    pairs: list[tuple[str, str]] = []
    if query.text:
        pairs.append(("q", query.text))
    for dimension in Dimension:
        pairs += dimension_pairs(
            dimension, query.filters.get(dimension, ()), query.excluded.get(dimension, ())
        )
    pairs += after_filters(query)
    if query.page != 1:
        pairs.append(("page", str(query.page)))
    for name, value in overrides.items():
        pairs = [(k, v) for k, v in pairs if k != name]
        if value is not None:
            pairs.append((name, str(value)))
    return encoded(pairs)


def _changed(query: SearchQuery, **changes: Any) -> SearchQuery:
    """The same search changed, back on page 1."""
    return replace(query, page=1, **changes)


def _with(
    filters: Mapping[Dimension, frozenset[str]], dimension: Dimension, values: set[str]
) -> dict[Dimension, frozenset[str]]:
    changed = dict(filters)
    if values:
        changed[dimension] = frozenset(values)
    else:
        changed.pop(dimension, None)
    return changed


def toggled(query: SearchQuery, dimension: Dimension, value: str) -> SearchQuery:
    """The same search with one facet value added or removed (and no longer excluded), on page 1."""
    values = set(query.filters.get(dimension, frozenset())) ^ {value}
    left_out = set(query.excluded.get(dimension, frozenset())) - {value}
    return _changed(
        query,
        filters=_with(query.filters, dimension, values),
        excluded=_with(query.excluded, dimension, left_out),
    )


def toggled_out(query: SearchQuery, dimension: Dimension, value: str) -> SearchQuery:
    """The same search with one value excluded (no longer chosen), or no longer excluded."""
    left_out = set(query.excluded.get(dimension, frozenset())) ^ {value}
    values = set(query.filters.get(dimension, frozenset())) - {value}
    return _changed(
        query,
        filters=_with(query.filters, dimension, values),
        excluded=_with(query.excluded, dimension, left_out),
    )


def without_text(query: SearchQuery) -> SearchQuery:
    return _changed(query, text="")


def without_day(query: SearchQuery, bound: str) -> SearchQuery:
    """The same search without one bound of its range (``from`` or ``to``)."""
    return _changed(query, **{"date_from" if bound == "from" else "date_to": None})


def cleared(query: SearchQuery) -> SearchQuery:
    """Nothing left but the order of results."""
    return SearchQuery(sort=query.sort, per_page=query.per_page)


def lenient_search_query(params: QueryParams) -> tuple[SearchQuery, list[str]]:
    """For a page: the search a query string describes, less the parameters that cannot be
    read, and what was wrong with each, so the page can say so beside the search it still runs."""
    try:
        return search_query(params, strict=False), []
    except ValueError:  # InvalidFilterError and BadParameterError among them
        pass
    kept: list[tuple[str, str]] = []
    problems: list[str] = []
    for pair in params.multi_items():
        try:
            search_query(QueryParams([*kept, pair]), strict=False)
        except ValueError as exc:
            problems.append(str(exc))
        else:
            kept.append(pair)
    return search_query(QueryParams(kept), strict=False), problems
