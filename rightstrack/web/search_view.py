"""What the search page shows of a search besides its results: its facets as links that add,
remove or exclude a value, the active filters as removable chips, and a facet's values found
by what a person types (the type-ahead's answers and the page of all of a facet's values)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rightstrack.languages import N_
from rightstrack.search.engine import FACET_LIMIT as ENGINE_LIMIT
from rightstrack.search.engine import SearchResult
from rightstrack.search.facet_values import FacetValue
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.web.params import (
    after_filters,
    cleared,
    dimension_pairs,
    encoded,
    query_string,
    toggled,
    toggled_out,
    without_day,
    without_text,
)

FACET_SHOWN = 8  # values shown at once; the rest sit behind "More" (<details>, no script)
FACET_LIMIT = 60  # values a facet lists on the search page; its own page lists them all


@dataclass(frozen=True)
class FacetLink:
    label: str
    value: str
    count: int
    selected: bool
    href: str  # chooses the value, or (chosen or excluded) takes it away
    excluded: bool = False
    adds: int | None = None  # records choosing it would add, where other values are chosen
    exclude_href: str | None = None  # leaves it out; None where it is chosen or excluded


def search_url(query: SearchQuery) -> str:
    return "/?" + query_string(query)


class ValueLinks:
    """The links of one search's facet values: the search with a value chosen, or excluded, or
    neither, back on page 1. A search page links each of a thousand values or more twice, so
    each link joins the search's query string parts made once, changing its own dimension only
    (the same string ``query_string`` makes of the changed search)."""

    def __init__(self, query: SearchQuery) -> None:
        self.query = query
        dimensions = list(Dimension)
        parts = [
            encoded(dimension_pairs(d, query.filters.get(d, ()), query.excluded.get(d, ())))
            for d in dimensions
        ]
        head = [encoded([("q", query.text)])] if query.text else []
        tail = [encoded(after_filters(query))]
        # Per dimension, everything before its own part and everything after it.
        self.around = {
            d: (_joined([*head, *parts[:n]]), _joined([*parts[n + 1 :], *tail]))
            for n, d in enumerate(dimensions)
        }

    def _url(self, dimension: Dimension, chosen: set[str], excluded: set[str]) -> str:
        before, after = self.around[dimension]
        return "/?" + _joined([before, encoded(dimension_pairs(dimension, chosen, excluded)), after])

    def toggled(self, dimension: Dimension, value: str) -> str:
        """Chosen if it was not (and no longer excluded), or no longer chosen."""
        chosen = set(self.query.filters.get(dimension, ())) ^ {value}
        return self._url(dimension, chosen, set(self.query.excluded.get(dimension, ())) - {value})

    def toggled_out(self, dimension: Dimension, value: str) -> str:
        """Excluded if it was not (and no longer chosen), or no longer excluded."""
        excluded = set(self.query.excluded.get(dimension, ())) ^ {value}
        return self._url(dimension, set(self.query.filters.get(dimension, ())) - {value}, excluded)


def _joined(parts: list[str]) -> str:
    return "&".join(part for part in parts if part)


def facet_link(links: ValueLinks, dimension: Dimension, value: FacetValue) -> FacetLink:
    chosen_or_out = value.selected or value.excluded
    return FacetLink(
        value.label,
        value.value,
        value.count,
        value.selected,
        links.toggled_out(dimension, value.value)
        if value.excluded
        else links.toggled(dimension, value.value),
        value.excluded,
        value.adds,
        None if chosen_or_out else links.toggled_out(dimension, value.value),
    )


def facet_links(result: SearchResult) -> dict[Dimension, list[FacetLink]]:
    """Each facet's values for the page: the chosen and excluded ones first, then the others."""
    links = ValueLinks(result.query)
    found: dict[Dimension, list[FacetLink]] = {}
    for dimension, values in result.facets.items():
        fixed = [v for v in values if v.selected or v.excluded]
        others = [v for v in values if not (v.selected or v.excluded)][: max(0, FACET_LIMIT - len(fixed))]
        found[dimension] = [facet_link(links, dimension, v) for v in fixed + others]
    return found


def value_counts(result: SearchResult) -> dict[Dimension, int | None]:
    """How many values each facet has under the search, for its "All N values" link; None where
    the engine listed as many as it lists (FACET_LIMIT), so that more may exist."""
    return {d: None if len(values) >= ENGINE_LIMIT else len(values) for d, values in result.facets.items()}


@dataclass(frozen=True)
class Chip:
    """One active part of a search, and the link to the same search without it."""

    name: str  # what it filters on, untranslated ("Issue", "Text", "From")
    label: str  # the value as the facet shows it
    value: str
    href: str
    dimension: Dimension | None = None
    negated: bool = False  # an excluded value: "not …"


def chips(result: SearchResult) -> list[Chip]:
    """The search's text, chosen and excluded values and range bounds, in the facets' order."""
    query = result.query
    found: list[Chip] = []
    if query.text:
        found.append(Chip(N_("Text"), query.text, query.text, search_url(without_text(query))))
    for dimension in Dimension:
        labels = {v.value: v.label for v in result.facets.get(dimension, ())}
        for value in sorted(query.filters.get(dimension, ())):
            href = search_url(toggled(query, dimension, value))
            found.append(Chip(dimension.label, labels.get(value, value), value, href, dimension))
        for value in sorted(query.excluded.get(dimension, ())):
            href = search_url(toggled_out(query, dimension, value))
            found.append(Chip(dimension.label, labels.get(value, value), value, href, dimension, True))
    for name, bound, day in ((N_("From"), "from", query.date_from), (N_("To"), "to", query.date_to)):
        if day is not None:
            found.append(Chip(name, day.isoformat(), day.isoformat(), search_url(without_day(query, bound))))
    return found


def clear_url(query: SearchQuery) -> str:
    return search_url(cleared(query)).removesuffix("?")


def folded(text: str) -> str:
    """Case and accents set aside: "cote" finds "Côte d'Ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching(values: Iterable[FacetValue], find: str) -> list[FacetValue]:
    """The values whose label or value holds what was typed: those that start with it first,
    then those with a word that starts with it, then (from three letters typed, as two find
    too much: "fr" is in "Central African Republic") the rest, each in the facet's order."""
    wanted = folded(find.strip())
    if not wanted:
        return list(values)
    ranked: list[tuple[int, int, FacetValue]] = []
    for position, value in enumerate(values):
        label, code = folded(value.label), folded(value.value)
        if label.startswith(wanted) or code.startswith(wanted):
            rank = 0
        elif f" {wanted}" in f" {label}" or f"({wanted}" in label:
            rank = 1
        elif len(wanted) >= 3 and (wanted in label or wanted in code):
            rank = 2
        else:
            continue
        ranked.append((rank, position, value))
    return [value for _, _, value in sorted(ranked, key=lambda item: item[:2])]
