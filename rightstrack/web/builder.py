"""The statistics builder's request: what to count, by what, for which records, compared how.

One reader for the page, its downloads and the API, as ``params.search_query`` is for searches: a
search's query string is a builder's too (its filters select the records), and the builder adds
``basis``, ``by``, ``split``, ``measure``, ``top`` and ``compare``. A builder is its own
permalink: ``query_string`` writes it back in one canonical order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from rightstrack.analysis.stats import Basis
from rightstrack.analysis.tables import Compared, Measure, StatTable, compare_table, cross_table, single_table
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, InvalidFilterError, SearchQuery, normalise_value
from rightstrack.web.i18n import shown, translations
from rightstrack.web.params import BadParameterError, query_string, search_query

TOPS = (10, 20, 50, 0)  # 0: every value
MAX_COMPARED = 4
# Dimensions a comparison is made on, as the form offers them (any dimension works in a URL).
COMPARE_ON = (Dimension.SUR, Dimension.RECOMMENDER, Dimension.SUR_GROUP, Dimension.RECOMMENDER_GROUP)
# What people write before a compared value: a dimension's own name, or these.
_ALIASES = {"state": Dimension.SUR, "group": Dimension.SUR_GROUP}
# Splits "state:Slovenia,state:Croatia" before each "name:" (a value may hold a comma).
_ITEMS = re.compile(r",\s*(?=[a-z_]+:)")
# Values whose names are the app's own words (translated); others are names (states, issues).
TRANSLATED_VALUES = (
    Dimension.RESPONSE,
    Dimension.SUR_GROUP,
    Dimension.RECOMMENDER_GROUP,
    Dimension.MECHANISM,
    Dimension.TYPE,
    Dimension.ACTION,
    Dimension.RECOMMENDER_COUNCIL,
    Dimension.SUR_COUNCIL,
)


@dataclass(frozen=True)
class Builder:
    query: SearchQuery
    basis: Basis = Basis.RECORDS
    by: Dimension | None = None  # None: the page's default charts
    split: Dimension | None = None
    measure: Measure = Measure.COUNT
    top: int = 20
    compare: tuple[tuple[Dimension, str], ...] = ()

    def query_string(self, **overrides: object) -> str:
        """The builder's URL query: the search's filters, then the builder's own choices."""
        pairs = [("basis", self.basis.value)]
        if self.by is not None:
            pairs.append(("by", self.by.value))
        if self.split is not None and not self.compare:
            pairs.append(("split", self.split.value))
        if self.measure is not Measure.COUNT:
            pairs.append(("measure", self.measure.value))
        if self.top != 20:
            pairs.append(("top", str(self.top)))
        pairs += [("compare", f"{dimension.value}:{value}") for dimension, value in self.compare]
        pairs = [(k, v) for k, v in pairs if k not in overrides]
        pairs += [(k, str(v)) for k, v in overrides.items() if v is not None]
        search = query_string(self.query)
        return "&".join(part for part in (search, urlencode(pairs)) if part)


T = TypeVar("T")


def _choice(params: QueryParams, name: str, kind: Callable[[str], T], default: T) -> T:
    raw = params.get(name)
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise BadParameterError(f"{name}: unknown value {raw!r}") from None


def compared_items(raw: Sequence[str]) -> tuple[tuple[Dimension, str], ...]:
    """``state:Slovenia``, ``sur_group:GRULAC`` or a bare state or group name, each made canonical."""
    items: list[tuple[Dimension, str]] = []
    for text in (item for chunk in raw for item in _ITEMS.split(chunk)):
        text = text.strip()
        if not text:
            continue
        name, colon, value = text.partition(":")
        if colon and (name in _ALIASES or name in {d.value for d in Dimension}):
            dimension = _ALIASES.get(name) or Dimension(name)
            items.append((dimension, normalise_value(dimension, value)))
            continue
        for dimension in (Dimension.SUR, Dimension.SUR_GROUP):  # a bare name: a state, else a group
            try:
                items.append((dimension, normalise_value(dimension, text)))
                break
            except InvalidFilterError:
                continue
        else:
            raise BadParameterError(f"compare: {text!r} is neither a state nor a regional group")
    unique = tuple(dict.fromkeys(items))
    if len(unique) > MAX_COMPARED:
        raise BadParameterError(f"compare: at most {MAX_COMPARED} at once")
    return unique


def read_builder(params: QueryParams, *, strict: bool = False) -> Builder:
    """The builder a query string describes; ``strict`` (the API) refuses unknown parameters.
    Recommendations only unless ``type`` says otherwise, as the other statistics."""
    query = search_query(params, strict=strict)
    if Dimension.TYPE not in query.filters:
        query = query.with_filter(Dimension.TYPE, "recommendation")
    by = _choice(params, "by", Dimension, None)
    split = _choice(params, "split", Dimension, None)
    top = _choice(params, "top", int, 20)
    if top not in TOPS:
        raise BadParameterError(f"top: one of {', '.join(str(t) for t in TOPS)}")
    # The form sends its comparison as a dimension and values; links send compare=dim:value.
    raw = list(params.getlist("compare"))
    on = params.get("compare_on") or Dimension.SUR.value
    raw += [f"{on}:{v}" for v in params.getlist("compare_value") if v.strip()]
    builder = Builder(
        query,
        _choice(params, "basis", Basis, Basis.RECORDS),
        by,
        split if split != by else None,
        _choice(params, "measure", Measure, Measure.COUNT),
        top,
        compared_items(raw),
    )
    if builder.compare and builder.by is None:
        builder = replace(builder, by=Dimension.ISSUE)  # a comparison needs something to compare
    return builder


def build_table(engine: SearchEngine, builder: Builder) -> StatTable:
    """The table the builder asks for (``by`` must be set)."""
    assert builder.by is not None
    if builder.compare:
        selections = [engine.select(builder.query.with_filter(d, v)) for d, v in builder.compare]
        compared = [
            Compared(f"{d.value}:{v}", selection.index.label(d, v), selection)
            for (d, v), selection in zip(builder.compare, selections, strict=True)
        ]
        return compare_table(compared, builder.by, builder.basis, builder.measure, builder.top)
    selection = engine.select(builder.query)
    if builder.split is not None:
        return cross_table(selection, builder.by, builder.split, builder.basis, builder.measure, builder.top)
    return single_table(selection, builder.by, builder.basis, builder.measure, builder.top)


@dataclass(frozen=True)
class Words:
    """A chart's words in one language: the interface's through the catalogue (``words("Cycle")``),
    the data's (states, issues, groups) through ``value``, so axes, legends, the table and its CSV
    all read in the page's language."""

    locale: str

    def __call__(self, message: str) -> str:
        return translations(self.locale).gettext(message)

    def value(self, dimension: Dimension | None, label: str) -> str:
        if dimension is None or not label:
            return label
        named = shown(label, dimension, self.locale)
        if named == label and dimension in TRANSLATED_VALUES:
            return self(label)
        return named


Translate = Words


def value_label(dimension: Dimension | None, label: str, words: Words) -> str:
    """A value as the page's reader reads it."""
    return words.value(dimension, label)
