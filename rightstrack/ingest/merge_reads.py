"""What merging reads of stored records: their texts, responses, states, tags and issues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from rightstrack.domain import RecordKind
from rightstrack.store.schema import (
    RecommendationIssueRow,
    RecommendationRow,
    RecommendationTagRow,
    RecommenderRow,
)

IN_LIST = 500  # ids or keys per IN list: every backend takes this many parameters


@dataclass
class Stored:
    """A stored record as a merge sees it; updated in place as the merge adds to it."""

    id: int
    text: str
    response: str | None
    uhri_id: str | None = None
    response_comment: str | None = None
    action_category: int | None = None
    published: date | None = None
    document_symbol: str | None = None
    paragraph: str | None = None
    states: set[str] = field(default_factory=set)
    tags: set[tuple[str, str]] = field(default_factory=set)
    issues: set[str] = field(default_factory=set)


_COLUMNS = (
    RecommendationRow.id,
    RecommendationRow.text,
    RecommendationRow.response,
    RecommendationRow.uhri_id,
    RecommendationRow.response_comment,
    RecommendationRow.action_category,
    RecommendationRow.published,
    RecommendationRow.document_symbol,
    RecommendationRow.paragraph,
)
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_STATES = select(RecommenderRow.recommendation_id, RecommenderRow.state_code).where(
    RecommenderRow.recommendation_id.in_(_IDS)
)
_TAGS = select(
    RecommendationTagRow.recommendation_id, RecommendationTagRow.vocabulary, RecommendationTagRow.tag
).where(RecommendationTagRow.recommendation_id.in_(_IDS))
_ISSUES = select(RecommendationIssueRow.recommendation_id, RecommendationIssueRow.issue).where(
    RecommendationIssueRow.recommendation_id.in_(_IDS), RecommendationIssueRow.coding == "human"
)


def _with_details(connection: Connection, found: dict[int, Stored]) -> dict[int, Stored]:
    ids = list(found)
    for start in range(0, len(ids), IN_LIST):
        part = {"ids": ids[start : start + IN_LIST]}
        for rec_id, code in connection.execute(_STATES, part):
            if code:
                found[rec_id].states.add(code)
        for rec_id, vocabulary, tag in connection.execute(_TAGS, part):
            found[rec_id].tags.add((vocabulary, tag))
        for rec_id, issue in connection.execute(_ISSUES, part):
            found[rec_id].issues.add(issue)
    return found


def _stored(row: object) -> Stored:
    return Stored(*row)  # type: ignore[misc]  # the columns of _COLUMNS, in Stored's order


def stored_review(
    connection: Connection, sur: str, session: int, *, without_uhri_id: bool = False
) -> list[Stored]:
    """The stored UPR recommendations of one review (only those without a UHRI annotation id, where
    the caller's records all have one: those are other annotations, and a review read again for every
    chunk of a large export would grow with what the export has already stored)."""
    query = select(*_COLUMNS).where(
        RecommendationRow.sur_code == sur,
        RecommendationRow.session == session,
        RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
    )
    if without_uhri_id:
        query = query.where(RecommendationRow.uhri_id.is_(None))
    rows = connection.execute(query).all()
    return list(_with_details(connection, {row.id: _stored(row) for row in rows}).values())


def stored_by_keys(connection: Connection, keys: Sequence[str]) -> dict[str, Stored]:
    """Stored records by natural key, for the keys that have one."""
    by_key: dict[str, Stored] = {}
    found: dict[int, Stored] = {}
    for start in range(0, len(keys), IN_LIST):
        part = list(keys[start : start + IN_LIST])
        for row in connection.execute(
            select(RecommendationRow.natural_key, *_COLUMNS).where(RecommendationRow.natural_key.in_(part))
        ):
            stored = _stored(tuple(row)[1:])
            found[stored.id] = stored
            by_key[row.natural_key] = stored
    _with_details(connection, found)
    return by_key


def ids_by_keys(connection: Connection, keys: Sequence[str]) -> dict[str, int]:
    """Ids of stored records by natural key: one query per IN list, not one per record."""
    found: dict[str, int] = {}
    for start in range(0, len(keys), IN_LIST):
        part = list(keys[start : start + IN_LIST])
        query = select(RecommendationRow.natural_key, RecommendationRow.id).where(
            RecommendationRow.natural_key.in_(part)
        )
        found.update({key: int(rec_id) for key, rec_id in connection.execute(query)})
    return found
