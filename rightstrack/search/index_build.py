"""Building the facet index (search/facets.py) from a store.

At half a million records (and 1.5 million recommending-state rows) the cost is in reading, not
counting: a Python tuple per row and a string per cell cost seconds. So each table is read in one
statement that returns every column as one long text (``group_concat``/``string_agg``), numbers
are parsed by numpy and strings split and numbered (pandas.factorize) in C, and everything after
that works on integer codes: a state's regional group, organisations or Council seat is looked up
once per distinct state (and day), never once per row. Only a process that finds no saved copy
of the index for the store's data builds it, so pandas is imported here and nowhere on a
search's path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from sqlalchemy.engine import Connection

from rightstrack.domain import Vocabulary
from rightstrack.reference.membership import timeline
from rightstrack.reference.sessions import review_day
from rightstrack.search.facets import Codes, Column, FacetIndex, RecommenderRows, run_owners, run_places
from rightstrack.search.query import (
    COUNCIL_MEMBER,
    NO_GROUP,
    NOT_MEMBER,
    UNKNOWN_STATE,
    Dimension,
    Sort,
)

MISSING = "(none)"
_SEPARATOR = "\x1f"  # ASCII unit separator: in no name, code or date
_NULL = "\x1e"  # stands for NULL inside a joined text (group_concat leaves NULLs out)

# Codings documents bring, each a facet of its own.
_TAG_DIMENSIONS = {
    Dimension.THEME: Vocabulary.UHRI_THEME,
    Dimension.AFFECTED: Vocabulary.AFFECTED_PERSONS,
    Dimension.SDG: Vocabulary.SDG,
}

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Strings:
    """A column of texts as codes into its distinct values (``None`` for NULL)."""

    codes: Ints
    values: Sequence[str | None]

    def mapped(self, lookup: Callable[[str | None], str]) -> Strings:
        """Each distinct value passed through ``lookup``: work per distinct value, not per row."""
        return _factorized(self.codes, [lookup(value) for value in self.values])

    def reordered(self, sequence: Ints) -> Strings:
        return Strings(self.codes[sequence], self.values)

    def labels(self, missing: str = MISSING) -> Strings:
        return Strings(self.codes, [missing if value is None else value for value in self.values])


def _factorized(codes: Ints, values: Sequence[str | None]) -> Strings:
    """Codes renumbered so that equal values share one code."""
    numbered, distinct = pd.factorize(np.array(values, dtype=object), use_na_sentinel=False)
    return Strings(numbered[codes].astype(np.int64), [None if v is None else str(v) for v in distinct])


def _read_columns(
    connection: Connection, table: str, columns: dict[str, str], *, numeric: set[str], order: str
) -> dict[str, Any]:
    """Every column of ``table`` as one joined text each (group_concat, string_agg), all in one
    statement, parsed into float arrays (numbers; NULL is NaN) or Strings, in the order of the
    numeric column ``order``. The aggregates of one scan see the rows in one sequence, so the
    columns' rows line up; the sort is numpy's, after. (Measured at 500,000 records on
    PostgreSQL: an ORDER BY in each aggregate sorts the table once per column, 8 s; COPY … TO
    STDOUT read by pandas is slower still, a Python step per row.) The statement is made of
    this module's constants only."""
    postgres = connection.dialect.name != "sqlite"
    aggregate = "string_agg" if postgres else "group_concat"
    parts = []
    for name, expression in columns.items():
        separator, missing = (",", "nan") if name in numeric else (_SEPARATOR, _NULL)
        parts.append(f"{aggregate}(COALESCE(CAST({expression} AS TEXT), '{missing}'), '{separator}')")
    cursor = connection.connection.cursor()
    try:
        if postgres:  # a parallel plan could hand each aggregate another sequence
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(f"SELECT COUNT(*), {', '.join(parts)} FROM {table}")
        count, *joined = cursor.fetchone() or (0,)
    finally:
        cursor.close()
    result: dict[str, Any] = {}
    for name, text in zip(columns, joined, strict=True):
        if name in numeric:
            result[name] = np.fromstring(text, dtype=np.float64, sep=",") if count else np.zeros(0)
        else:
            cells = np.array(text.split(_SEPARATOR) if count else [], dtype=object)
            codes, distinct = pd.factorize(cells, use_na_sentinel=False)
            result[name] = Strings(codes.astype(np.int64), [None if v == _NULL else str(v) for v in distinct])
    sequence = np.argsort(result[order], kind="stable")
    return {
        name: value[sequence] if isinstance(value, np.ndarray) else value.reordered(sequence)
        for name, value in result.items()
    }


def _rows_where(strings: Strings, keep: Callable[[str | None], bool]) -> NDArray[np.bool_]:
    """Rows whose value ``keep`` accepts, asked once per distinct value."""
    return np.array([keep(value) for value in strings.values], dtype=bool)[strings.codes]


def _known(value: str | None) -> bool:
    return value is not None


def _used(codes: Ints) -> list[int]:
    """The codes that occur (hash-based: numpy's unique sorts, or hashes slowly, at millions)."""
    return [int(code) for code in pd.unique(codes)]


def _distinct(values: Ints) -> tuple[Ints, Ints]:
    """Sorted distinct values and, for each value, the index of its distinct value (what
    ``numpy.unique(..., return_inverse=True)`` gives, in a tenth of its time at a million)."""
    codes, distinct = pd.factorize(values, sort=True)
    return np.asarray(distinct, dtype=np.int64), codes.astype(np.int64)


def _label_order(label: str) -> tuple[int, str]:
    return (0, f"{int(label):06d}") if label.isdigit() else (1, label)


def _column(strings: Strings) -> Column:
    """A single-valued dimension; NULL is the value ``(none)``."""
    labelled = strings.labels()
    labels = tuple(sorted({labelled.values[c] or MISSING for c in _used(labelled.codes)}, key=_label_order))
    code = {label: i for i, label in enumerate(labels)}
    remap = np.array([code.get(value or MISSING, 0) for value in labelled.values], dtype=np.int32)
    return Column(labels, remap[labelled.codes])


def _pairs_column(positions: Ints, strings: Strings) -> Column:
    """A multi-valued dimension from (record position, value) pairs, sorted by record then value;
    NULL values are left out and repeated pairs count once."""
    known = _rows_where(strings, _known)
    positions, codes = positions[known], strings.codes[known]
    labels = tuple(sorted({str(strings.values[c]) for c in _used(codes)}, key=_label_order))
    code = {label: i for i, label in enumerate(labels)}
    remap = np.array([code.get(str(value), 0) for value in strings.values], dtype=np.int64)
    width = max(len(labels), 1)
    pairs = np.sort(positions.astype(np.int64) * width + remap[codes])
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    return Column(labels, (pairs % width).astype(np.int32), (pairs // width).astype(np.int32))


def _expanded(owners: Ints, lists: list[list[str]]) -> tuple[Ints, Strings]:
    """For each owner (an index into ``lists``), one pair per item of its list."""
    lengths = np.array([len(items) for items in lists], dtype=np.int64)
    flat = [item for items in lists for item in items]
    starts = np.cumsum(lengths) - lengths
    counts = lengths[owners]
    repeated, places = run_owners(counts), run_places(starts[owners], counts)
    codes, uniques = pd.factorize(
        np.array(flat, dtype=object)[places] if len(places) else np.array([], dtype=object)
    )
    return repeated, Strings(codes.astype(np.int64), [str(v) for v in uniques])


def _positions(ids: Ints, wanted: NDArray[np.float64]) -> Ints:
    return np.searchsorted(ids, wanted.astype(np.int64)).astype(np.int64)


def _days(records: dict[str, Any]) -> tuple[Ints, Ints]:
    """Each record's day as an ordinal (its UPR session's review day, else its document's
    publication date; 0 where neither is known), and the ordinal the sorts use (the day, else
    1 July of its year)."""
    sessions: NDArray[np.float64] = records["session"]
    published: Strings = records["published"]
    years: NDArray[np.float64] = records["year"]
    day = np.array([_ordinal(value) for value in published.values], dtype=np.int64)[published.codes]
    reviewed = ~np.isnan(sessions)
    session_numbers = sessions[reviewed].astype(np.int64)
    distinct, inverse = _distinct(session_numbers)
    day[reviewed] = np.array([review_day(int(n)).toordinal() for n in distinct], dtype=np.int64)[inverse]
    known_year = ~np.isnan(years)
    fallback = np.full(len(day), date.min.toordinal(), dtype=np.int64)
    year_numbers = years[known_year].astype(np.int64)
    distinct, inverse = _distinct(year_numbers)
    fallback[known_year] = np.array([date(int(y), 7, 1).toordinal() for y in distinct], dtype=np.int64)[
        inverse
    ]
    return day, np.where(day > 0, day, fallback)


def _ordinal(value: str | None) -> int:
    return date.fromisoformat(value[:10]).toordinal() if value else 0


def _council(states: Strings, days: Ints) -> Strings:
    """Whether each state sat on the Council on its day (ordinal, 0 for unknown): asked once per
    distinct (state, day), not once per row."""
    member = timeline().membership_lookup()
    day_values, day_codes = _distinct(days)
    width = max(len(day_values), 1)
    pairs, inverse = _distinct(states.codes * width + day_codes)
    words: list[str | None] = []
    for pair in pairs.tolist():
        state, ordinal = states.values[pair // width], int(day_values[pair % width])
        seated = state is not None and ordinal > 0 and member(state, date.fromordinal(ordinal))
        words.append(COUNCIL_MEMBER if seated else NOT_MEMBER)
    return Strings(inverse.astype(np.int64), words)


_EMPTY = Column((), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))


def _coded(connection: Connection, ids: Ints, table: str, kind: str, value: str) -> dict[str, Column]:
    """A table of (record, kind, value) rows as one multi-valued column per kind."""
    read = _read_columns(
        connection,
        table,
        {"record": "recommendation_id", "kind": kind, "value": value},
        numeric={"record"},
        order="record",
    )
    kinds: Strings = read["kind"]
    values: Strings = read["value"]
    columns = {}
    for code, name in enumerate(kinds.values):  # each distinct kind once
        chosen = kinds.codes == code
        if name is not None:
            records = _positions(ids, read["record"][chosen])
            columns[name] = _pairs_column(records, Strings(values.codes[chosen], values.values))
    return columns


def build_index(connection: Connection, version: int) -> FacetIndex:
    states = connection.exec_driver_sql("SELECT code, name, regional_group FROM states").all()
    state_names = {code: name for code, name, _ in states}
    state_groups = {code: group or NO_GROUP for code, _, group in states}
    orgs: dict[str, set[str]] = defaultdict(set)
    for code, organisation in connection.exec_driver_sql(
        "SELECT state_code, organisation FROM state_organisations"
    ):
        orgs[code].add(organisation)

    records = _read_columns(
        connection,
        "recommendations",
        {
            "id": "id",
            "kind": "kind",
            "mechanism": "mechanism",
            "body": "body",
            "published": "published",
            "sur": "sur_code",
            "session": "session",
            "cycle": "cycle",
            "year": "year",
            "response": "response",
            "action": "action_category",
            "words": "length(search_text) - length(replace(search_text, ' ', '')) + 1",
        },
        numeric={"id", "session", "cycle", "year", "action", "words"},
        order="id",
    )
    ids = records["id"].astype(np.int64)
    size = len(ids)

    def numbers(name: str) -> Strings:
        values: NDArray[np.float64] = records[name]
        distinct, inverse = _distinct(np.nan_to_num(values, nan=-1.0).astype(np.int64))  # -1: NULL
        return Strings(inverse, [str(v) if v >= 0 else None for v in distinct.tolist()])

    sur: Strings = records["sur"]
    columns: dict[Dimension, Column] = {
        Dimension.TYPE: _column(records["kind"]),
        Dimension.MECHANISM: _column(records["mechanism"]),
        Dimension.BODY: _column(records["body"]),
        Dimension.SUR: _column(sur),
        Dimension.SUR_GROUP: _column(sur.mapped(lambda code: state_groups.get(code or "", NO_GROUP))),
        Dimension.SESSION: _column(numbers("session")),
        Dimension.CYCLE: _column(numbers("cycle")),
        Dimension.YEAR: _column(numbers("year")),
        Dimension.RESPONSE: _column(records["response"]),
        Dimension.ACTION: _column(numbers("action")),
    }
    owners, values = _expanded(sur.codes, [sorted(orgs.get(code or "", ())) for code in sur.values])
    columns[Dimension.SUR_ORG] = _pairs_column(owners, values)

    # Human coding and a model's predictions are facets of their own, never one mixed column;
    # so is each vocabulary of the codings documents bring.
    issues = _coded(connection, ids, "recommendation_issues", "coding", "issue")
    columns[Dimension.ISSUE] = issues.get("human", _EMPTY)
    columns[Dimension.PREDICTED_ISSUE] = issues.get("predicted", _EMPTY)
    tags = _coded(connection, ids, "recommendation_tags", "vocabulary", "tag")
    for dimension, vocabulary in _TAG_DIMENSIONS.items():
        columns[dimension] = tags.get(vocabulary.value, _EMPTY)

    recommenders = _read_columns(
        connection,
        "recommenders",
        {"row": "id", "record": "recommendation_id", "state": "state_code"},
        numeric={"row", "record"},
        order="row",
    )
    row_positions = _positions(ids, recommenders["record"])
    row_codes: Strings = recommenders["state"]
    row_states = row_codes.labels(UNKNOWN_STATE)
    row_groups = row_codes.mapped(
        lambda code: state_groups.get(code, UNKNOWN_STATE) if code else UNKNOWN_STATE
    )
    columns[Dimension.RECOMMENDER] = _pairs_column(row_positions, row_states)
    columns[Dimension.RECOMMENDER_GROUP] = _pairs_column(row_positions, row_groups)
    owners, values = _expanded(
        row_codes.codes, [sorted(orgs.get(code or "", ())) for code in row_codes.values]
    )
    columns[Dimension.RECOMMENDER_ORG] = _pairs_column(row_positions[owners], values)

    # Whether the state under review, and each recommending state, sat on the Council on the
    # review's day (the 15th of the month its session opened).
    days, ordinals = _days(records)
    columns[Dimension.SUR_COUNCIL] = _column(_council(sur, days))
    named = _rows_where(row_codes, _known)
    columns[Dimension.RECOMMENDER_COUNCIL] = _pairs_column(
        row_positions[named],
        _council(Strings(row_codes.codes[named], row_codes.values), days[row_positions[named]]),
    )

    state_column = _column(row_states)
    group_column = _column(row_groups)
    rows = RecommenderRows(
        positions=row_positions.astype(np.int32),
        states=state_column.codes,
        groups=group_column.codes,
        state_labels=state_column.labels,
        group_labels=group_column.labels,
    )
    frozen_orgs = {code: frozenset(names) for code, names in orgs.items()}
    columns = {dimension: column.prepared(size) for dimension, column in columns.items()}
    return FacetIndex(
        version,
        ids,
        records["words"].astype(np.float64),
        ordinals,
        columns,
        rows,
        state_names,
        state_groups,
        frozen_orgs,
        _orders(ordinals, columns[Dimension.SUR], state_names),
    )


def _orders(days: Ints, sur: Column, state_names: dict[str, str]) -> dict[Sort, Codes]:
    """Positions in each fixed order; ties go to the record stored first."""
    positions = np.arange(len(days), dtype=np.int32)
    name_rank = np.argsort(np.argsort([state_names.get(code, code) for code in sur.labels]))
    state_rank = name_rank[sur.codes] if len(sur.codes) else positions
    return {
        Sort.RECENT: np.lexsort((positions, -days)).astype(np.int32),
        Sort.SESSION: np.lexsort((positions, days)).astype(np.int32),
        Sort.STATE: np.lexsort((positions, days, state_rank)).astype(np.int32),
    }
