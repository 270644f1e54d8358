"""Writing imported records: one transaction per source file, idempotent by content.

A source is identified by its content (kind and SHA-256), whatever the file is called, so a
copy under another name is the source already stored; a source of the same name whose content
changed (a corrected export) is brought up to date. A recommendation is identified by kind, SuR,
session, normalised text and response; each source row naming a recommending state by
(recommendation, state, occurrence) -- the n-th row naming that state for that recommendation --
whichever file it came from, so importing the same rows again under any name adds nothing, and
a newer export adds only what is new.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Executable, Row, insert, select, update
from sqlalchemy.engine import Connection

from rightstrack.domain import Recommendation, SourceFile, text_key
from rightstrack.reference.sessions import session as session_info
from rightstrack.store.bulk import begin_writing, insert_recommendations, insert_rows
from rightstrack.store.database import bump_data_version
from rightstrack.store.fulltext import index_text
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationIssueRow,
    RecommendationRow,
    RecommenderRow,
    SourceRow,
    StateOrganisationRow,
)

T = TypeVar("T")
CHUNK = 500


@dataclass(frozen=True)
class WriteSummary:
    records_added: int
    records_already_stored: int
    recommenders_added: int
    issues_added: int
    organisations_added: int
    # The name this file's content is already stored under, where that is another name.
    same_content_as: str | None = None

    @property
    def changed(self) -> bool:
        return bool(
            self.records_added or self.recommenders_added or self.issues_added or self.organisations_added
        )


def natural_key(record: Recommendation) -> str:
    # str() of a StrEnum member is its value, without Enum's Python-level property (a tenth of
    # the writer's time at 38,000 records, where each record asks five times).
    parts = (str(record.kind), record.sur, str(record.session), text_key(record.text), record.response or "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored_copy(connection: Connection, source: SourceFile) -> Row[int, str] | None:
    """The first stored source of this kind and content (id, name), whatever its name."""
    return connection.execute(
        select(SourceRow.id, SourceRow.name)
        .where(SourceRow.kind == source.kind, SourceRow.sha256 == source.sha256)
        .order_by(SourceRow.id)
        .limit(1)
    ).first()


def source_id_for(connection: Connection, source: SourceFile) -> int:
    """The id of a source's row: the stored source with the same content whatever its name, else
    the one of the same name (brought up to date), else a new one."""
    copy = _stored_copy(connection, source)
    return int(copy.id) if copy is not None else _source_by_name(connection, source)


def _source_by_name(connection: Connection, source: SourceFile) -> int:
    """The id of the source of this name, added or brought up to date with this content."""
    row = connection.execute(
        select(SourceRow.id, SourceRow.sha256).where(SourceRow.name == source.name)
    ).first()
    values = {
        "kind": source.kind,
        "path": source.path,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "rows_read": source.rows_read,
        "imported_at": datetime.now(UTC).replace(tzinfo=None),
    }
    if row is None:
        return int(
            connection.execute(
                insert(SourceRow).values(name=source.name, **values).returning(SourceRow.id)
            ).scalar_one()
        )
    if row.sha256 != source.sha256:
        connection.execute(update(SourceRow).where(SourceRow.id == row.id).values(**values))
    return int(row.id)


def _ids_by_key(connection: Connection, keys: Sequence[str], sessions: set[int]) -> dict[str, int]:
    """Ids of the stored records among ``keys``. A source covers few sessions, so reading the keys
    of those sessions is one indexed query, where thousands of keys in IN lists are many."""
    wanted = set(keys)
    query = select(RecommendationRow.natural_key, RecommendationRow.id).where(
        RecommendationRow.session.in_(sorted(sessions))
    )
    return {key: rec_id for key, rec_id in connection.execute(query) if key in wanted}


def _existing(
    connection: Connection, query: Callable[[Sequence[int]], Executable], ids: Sequence[int]
) -> set[tuple[Any, ...]]:
    found: set[tuple[Any, ...]] = set()
    for chunk in _chunks(ids):
        found.update(tuple(row) for row in connection.execute(query(chunk)))
    return found


_RECOMMENDATION_COLUMNS = (
    "natural_key",
    "kind",
    "mechanism",
    "body",
    "sur_code",
    "session",
    "cycle",
    "year",
    "text",
    "search_text",
    "response",
    "action_category",
    "document_symbol",
    "paragraph",
)


def _recommendation_row(key: str, record: Recommendation) -> tuple[Any, ...]:
    info = session_info(record.session)
    return (
        key,
        str(record.kind),
        "UPR",
        "UPR",
        record.sur,
        record.session,
        info.cycle,
        info.year,
        record.text,
        index_text(record.text),
        str(record.response) if record.response else None,
        record.action_category,
        record.document_symbol,
        record.paragraph,
    )


def _recommender_rows(
    by_key: dict[str, Recommendation], ids: dict[str, int], source_id: int, stored: set[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    """One row per source row naming a recommending state, unless stored from any source."""
    for key, record in by_key.items():
        rec_id = ids[key]
        seen: Counter[str] = Counter()
        for state_code, ref in record.recommenders:
            state_key = state_code or ""
            occurrence = seen[state_key]
            seen[state_key] += 1
            if (rec_id, state_key, occurrence) not in stored:
                yield (rec_id, state_code, state_key, source_id, occurrence, ref.line)


def write_records(
    connection: Connection,
    source: SourceFile,
    records: Sequence[Recommendation],
    organisations: dict[str, set[str]],
) -> WriteSummary:
    """Store records from one source inside the caller's transaction, in bulk (``bulk``)."""
    begin_writing(connection)
    copy = _stored_copy(connection, source)
    source_id = int(copy.id) if copy is not None else _source_by_name(connection, source)
    by_key: dict[str, Recommendation] = {}
    for record in records:
        by_key.setdefault(natural_key(record), record)
    sessions = {record.session for record in records}
    existing = _ids_by_key(connection, list(by_key), sessions)
    new_keys = [key for key in by_key if key not in existing]
    new_rows = (_recommendation_row(key, by_key[key]) for key in new_keys)
    new_ids = insert_recommendations(connection, _RECOMMENDATION_COLUMNS, new_rows, len(new_keys))
    ids = {**existing, **dict(zip(new_keys, new_ids, strict=True))}
    # Rows hanging on a new record cannot be stored yet: only the stored records' are read.
    stored_ids = sorted(existing.values())

    have_issues = _existing(
        connection,
        lambda chunk: select(RecommendationIssueRow.recommendation_id, RecommendationIssueRow.issue).where(
            RecommendationIssueRow.recommendation_id.in_(chunk)
        ),
        stored_ids,
    )
    issue_rows = (
        (ids[key], issue, "human")
        for key, record in by_key.items()
        for issue in sorted(record.issues)
        if (ids[key], issue) not in have_issues
    )
    issues_added = insert_rows(
        connection, "recommendation_issues", ("recommendation_id", "issue", "coding"), issue_rows
    )

    # Whichever source stored a row naming this state for this record, it is the same row.
    have_recommenders = _existing(
        connection,
        lambda chunk: select(
            RecommenderRow.recommendation_id, RecommenderRow.state_key, RecommenderRow.occurrence
        ).where(RecommenderRow.recommendation_id.in_(chunk)),
        stored_ids,
    )
    recommenders_added = insert_rows(
        connection,
        "recommenders",
        ("recommendation_id", "state_code", "state_key", "source_id", "occurrence", "line"),
        _recommender_rows(by_key, ids, source_id, have_recommenders),
    )

    have_provenance = _existing(
        connection,
        lambda chunk: select(ProvenanceRow.recommendation_id).where(
            ProvenanceRow.recommendation_id.in_(chunk), ProvenanceRow.source_id == source_id
        ),
        stored_ids,
    )
    provenance_rows = (
        (
            ids[key],
            source_id,
            f"line {min(ref.line for _, ref in record.recommenders)}",
            record.document_symbol,
            str(record.response) if record.response else None,
            str(record.response) if record.response else None,
        )
        for key, record in by_key.items()
        if (ids[key],) not in have_provenance and record.recommenders
    )
    insert_rows(
        connection,
        "provenances",
        ("recommendation_id", "source_id", "locator", "document_symbol", "position", "response"),
        provenance_rows,
    )

    wanted = {(code, org) for code, orgs in organisations.items() for org in orgs}
    have_orgs = {
        (code, org)
        for code, org in connection.execute(
            select(StateOrganisationRow.state_code, StateOrganisationRow.organisation)
        )
    }
    org_rows = [{"state_code": c, "organisation": o} for c, o in sorted(wanted - have_orgs)]
    if org_rows:
        connection.execute(insert(StateOrganisationRow), org_rows)

    summary = WriteSummary(
        records_added=len(new_keys),
        records_already_stored=len(existing),
        recommenders_added=recommenders_added,
        issues_added=issues_added,
        organisations_added=len(org_rows),
        same_content_as=copy.name if copy is not None and copy.name != source.name else None,
    )
    if summary.changed:
        bump_data_version(connection)
    return summary


__all__ = ["WriteSummary", "natural_key", "source_id_for", "write_records"]
