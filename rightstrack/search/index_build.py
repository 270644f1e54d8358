"""Building the facet index (search/facets.py) from a store: one read per table, straight from
the driver's cursor, into pandas for the grouping. Only a process that finds no saved copy of the
index for the store's data builds it, so pandas is imported here and nowhere on a search's path.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ClauseElement

from rightstrack.domain import Vocabulary
from rightstrack.reference.membership import timeline
from rightstrack.reference.sessions import review_day
from rightstrack.search.facets import Codes, Column, FacetIndex, RecommenderRows
from rightstrack.search.query import COUNCIL_MEMBER, NO_GROUP, NOT_MEMBER, UNKNOWN_STATE, Dimension, Sort
from rightstrack.store.schema import (
    RecommendationIssueRow,
    RecommendationRow,
    RecommendationTagRow,
    RecommenderRow,
    StateOrganisationRow,
    StateRow,
)

# Codings documents bring, each a facet of its own.
_TAG_DIMENSIONS = {
    Dimension.THEME: Vocabulary.UHRI_THEME,
    Dimension.AFFECTED: Vocabulary.AFFECTED_PERSONS,
    Dimension.SDG: Vocabulary.SDG,
}


def _labels(values: pd.Series) -> tuple[str, ...]:
    return tuple(sorted(values.unique().tolist(), key=_label_order))


def _column(values: pd.Series) -> Column:
    labels = _labels(values)
    codes = pd.Categorical(values, categories=list(labels)).codes.astype(np.int32)
    return Column(labels, codes)


def _pairs_column(positions: pd.Series | NDArray[np.int32], values: pd.Series) -> Column:
    """A multi-valued dimension from (record position, value) pairs; repeated pairs count once."""
    frame = pd.DataFrame({"position": np.asarray(positions), "value": np.asarray(values, dtype=object)})
    frame = frame.dropna().drop_duplicates().sort_values(["position", "value"], kind="stable")
    labels = _labels(frame["value"])
    codes = pd.Categorical(frame["value"], categories=list(labels)).codes.astype(np.int32)
    return Column(labels, codes, frame["position"].to_numpy(dtype=np.int32))


def _label_order(label: str) -> tuple[int, str]:
    return (0, f"{int(label):06d}") if label.isdigit() else (1, label)


def _frame(connection: Connection, query: ClauseElement) -> pd.DataFrame:
    """Read a query of ours (constants only) straight from the driver's cursor: building
    SQLAlchemy Row objects for 40,000-row reads costs more than the read itself."""
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled))
        keys = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    finally:
        cursor.close()
    columns = list(zip(*rows, strict=True)) or [()] * len(keys)
    return pd.DataFrame({key: list(values) for key, values in zip(keys, columns, strict=True)})


def _council_columns(
    records: pd.DataFrame, days: list[date | None], row_positions: Codes, row_states: pd.Series
) -> dict[Dimension, Column]:
    """Whether the state under review, and each recommending state, sat on the Council on the
    review's day (the 15th of the month its session opened)."""
    member = timeline().membership_lookup()

    def word(code: str, day: date | None) -> str:
        return COUNCIL_MEMBER if day is not None and member(code, day) else NOT_MEMBER

    sur = [word(code, day) for code, day in zip(records["sur_code"], days, strict=True)]
    known = row_states.notna().to_numpy()
    positions = row_positions[known]
    recommending = [
        word(code, days[position]) for code, position in zip(row_states[known], positions, strict=True)
    ]
    return {
        Dimension.SUR_COUNCIL: _column(pd.Series(sur, dtype=object)),
        Dimension.RECOMMENDER_COUNCIL: _pairs_column(positions, pd.Series(recommending, dtype=object)),
    }


def record_days(records: pd.DataFrame) -> list[date | None]:
    """A UPR record's day is its session's; another mechanism's, its document's publication date."""
    review_days = {number: review_day(int(number)) for number in records["session"].dropna().unique()}
    return [
        review_days[session] if pd.notna(session) else _as_date(published)
        for session, published in zip(records["session"], records["published"], strict=True)
    ]


def _as_date(value: object) -> date | None:
    """A date as the driver gives it: a date (PostgreSQL) or ISO text (SQLite), or nothing."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def build_index(connection: Connection, version: int) -> FacetIndex:
    states = _frame(connection, select(StateRow.code, StateRow.name, StateRow.regional_group))
    state_names = dict(zip(states["code"], states["name"], strict=True))
    state_groups = {
        code: group if isinstance(group, str) and group else NO_GROUP
        for code, group in zip(states["code"], states["regional_group"], strict=True)
    }
    memberships = _frame(
        connection, select(StateOrganisationRow.state_code, StateOrganisationRow.organisation)
    )
    orgs: dict[str, set[str]] = defaultdict(set)
    for code, organisation in zip(memberships["state_code"], memberships["organisation"], strict=True):
        orgs[code].add(organisation)

    records = _frame(
        connection,
        select(
            RecommendationRow.id,
            RecommendationRow.kind,
            RecommendationRow.mechanism,
            RecommendationRow.body,
            RecommendationRow.published,
            RecommendationRow.sur_code,
            RecommendationRow.session,
            RecommendationRow.cycle,
            RecommendationRow.year,
            RecommendationRow.response,
            RecommendationRow.action_category,
            (
                func.length(RecommendationRow.search_text)
                - func.length(func.replace(RecommendationRow.search_text, " ", ""))
                + 1
            ).label("words"),
        ).order_by(RecommendationRow.id),
    )
    ids = records["id"].to_numpy(dtype=np.int64)
    position = pd.Series(np.arange(len(ids), dtype=np.int32), index=ids)

    def text(series: pd.Series, missing: str = "(none)") -> pd.Series:
        if pd.api.types.is_numeric_dtype(series):
            series = series.astype("Int64").astype("string")
        return series.astype(object).where(series.notna(), missing)

    columns: dict[Dimension, Column] = {
        Dimension.TYPE: _column(records["kind"]),
        Dimension.MECHANISM: _column(records["mechanism"]),
        Dimension.BODY: _column(records["body"]),
        Dimension.SUR: _column(records["sur_code"]),
        Dimension.SUR_GROUP: _column(records["sur_code"].map(state_groups)),
        Dimension.SESSION: _column(text(records["session"])),
        Dimension.CYCLE: _column(text(records["cycle"])),
        Dimension.YEAR: _column(text(records["year"])),
        Dimension.RESPONSE: _column(text(records["response"])),
        Dimension.ACTION: _column(text(records["action_category"])),
    }
    sur_orgs = records["sur_code"].map(lambda code: sorted(orgs.get(code, ()))).explode()
    columns[Dimension.SUR_ORG] = _pairs_column(
        np.asarray(position.iloc[sur_orgs.index], dtype=np.int32), sur_orgs
    )
    issues = _frame(
        connection,
        select(
            RecommendationIssueRow.recommendation_id,
            RecommendationIssueRow.issue,
            RecommendationIssueRow.coding,
        ),
    )
    # Human coding and a model's predictions are facets of their own, never one mixed column.
    for dimension, coding in ((Dimension.ISSUE, "human"), (Dimension.PREDICTED_ISSUE, "predicted")):
        chosen = issues[issues["coding"] == coding]
        columns[dimension] = _pairs_column(
            np.asarray(position[chosen["recommendation_id"]], dtype=np.int32), chosen["issue"]
        )
    tags = _frame(
        connection,
        select(
            RecommendationTagRow.recommendation_id, RecommendationTagRow.vocabulary, RecommendationTagRow.tag
        ),
    )
    for dimension, vocabulary in _TAG_DIMENSIONS.items():
        chosen = tags[tags["vocabulary"] == vocabulary.value]
        columns[dimension] = _pairs_column(
            np.asarray(position[chosen["recommendation_id"]], dtype=np.int32), chosen["tag"]
        )

    recommenders = _frame(
        connection,
        select(RecommenderRow.recommendation_id, RecommenderRow.state_code).order_by(RecommenderRow.id),
    )
    row_positions: Codes = np.asarray(position[recommenders["recommendation_id"]], dtype=np.int32)
    row_states = recommenders["state_code"].fillna(UNKNOWN_STATE).astype(object)
    row_groups = row_states.map(lambda code: state_groups.get(code, UNKNOWN_STATE))
    columns[Dimension.RECOMMENDER] = _pairs_column(row_positions, row_states)
    columns[Dimension.RECOMMENDER_GROUP] = _pairs_column(row_positions, row_groups)
    row_orgs = row_states.map(lambda code: sorted(orgs.get(code, ()))).explode()
    columns[Dimension.RECOMMENDER_ORG] = _pairs_column(row_positions[row_orgs.index.to_numpy()], row_orgs)
    days = record_days(records)
    columns.update(_council_columns(records, days, row_positions, recommenders["state_code"]))
    state_column = _column(row_states)
    group_column = _column(row_groups)
    rows = RecommenderRows(
        positions=row_positions,
        states=state_column.codes,
        groups=group_column.codes,
        state_labels=state_column.labels,
        group_labels=group_column.labels,
    )
    frozen_orgs = {code: frozenset(names) for code, names in orgs.items()}
    lengths = records["words"].to_numpy(dtype=np.float64)
    ordinals = np.array(
        [(day or date(int(year), 7, 1)).toordinal() for day, year in zip(days, records["year"], strict=True)],
        dtype=np.int64,
    )
    columns = {dimension: column.with_offsets(len(ids)) for dimension, column in columns.items()}
    return FacetIndex(
        version,
        ids,
        lengths,
        ordinals,
        columns,
        rows,
        state_names,
        state_groups,
        frozen_orgs,
        _orders(ordinals, columns[Dimension.SUR], state_names),
    )


def _orders(days: NDArray[np.int64], sur: Column, state_names: dict[str, str]) -> dict[Sort, Codes]:
    """Positions in each fixed order; ties go to the record stored first."""
    positions = np.arange(len(days), dtype=np.int32)
    name_rank = np.argsort(np.argsort([state_names.get(code, code) for code in sur.labels]))
    state_rank = name_rank[sur.codes] if len(sur.codes) else positions
    return {
        Sort.RECENT: np.lexsort((positions, -days)).astype(np.int32),
        Sort.SESSION: np.lexsort((positions, days)).astype(np.int32),
        Sort.STATE: np.lexsort((positions, days, state_rank)).astype(np.int32),
    }
