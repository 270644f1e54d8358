"""Storing election observation missions' recommendations: the records through the merge every
source uses (:func:`rightstrack.ingest.merging.merge_records`), and each one's mission and report in
``eom_recommendations``.

Inside the caller's transaction, so that a file is stored whole or not at all. Loading the same file
again changes nothing. A record already described by another file keeps its description: a column
the stored description lacks is filled, one that differs is reported as a conflict, never written
over (as the merge does with responses).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from rightstrack.domain import InputProblem, Mechanism
from rightstrack.ingest.merging import MergeSummary, merge_records
from rightstrack.sources.eom import EomDetails, EomFile, EomTemplateError, read_eom_path
from rightstrack.store.database import bump_data_version
from rightstrack.store.schema import EomRecommendationRow, ProvenanceRow, RecommendationRow
from rightstrack.store.writing import source_id_for

_DETAILS = tuple(EomDetails.__dataclass_fields__)  # the table's columns, in the dataclass's order


@dataclass(frozen=True)
class DetailConflict:
    record_id: int
    column: str
    stored: str
    incoming: str

    def __str__(self) -> str:
        said = f"stored as {self.stored!r}, this file says {self.incoming!r}"
        return f"record {self.record_id}: {self.column} {said}"


@dataclass
class EomSummary:
    merge: MergeSummary
    details_added: int = 0
    details_filled: int = 0
    details_unchanged: int = 0
    conflicts: list[DetailConflict] = field(default_factory=list)


def store_eom(connection: Connection, parsed: EomFile) -> EomSummary:
    merge = merge_records(connection, parsed.source, [entry.record for entry in parsed.records])
    summary = EomSummary(merge)
    source_id = source_id_for(connection, parsed.source)
    record_of = dict(
        connection.execute(
            select(ProvenanceRow.locator, ProvenanceRow.recommendation_id).where(
                ProvenanceRow.source_id == source_id
            )
        ).all()
    )
    columns = [getattr(EomRecommendationRow, column) for column in _DETAILS]
    stored: dict[int, dict[str, Any]] = {
        row.recommendation_id: dict(zip(_DETAILS, row[1:], strict=True))
        for row in connection.execute(
            select(EomRecommendationRow.recommendation_id, *columns).where(
                EomRecommendationRow.recommendation_id.in_(set(record_of.values()))
            )
        )
    }
    changed = False
    if merge.skipped:
        # The reader checks what the merge needs, so this is a bug; the caller's transaction is
        # rolled back rather than a file stored in part.
        problems = [
            InputProblem(parsed.source.name, 1, "file", f"not stored: {why}") for why in merge.skipped
        ]
        raise EomTemplateError(problems)
    for entry in parsed.records:
        record_id = record_of[entry.record.locator]
        incoming = asdict(entry.details)
        existing = stored.get(record_id)
        if existing is None:
            connection.execute(insert(EomRecommendationRow).values(recommendation_id=record_id, **incoming))
            stored[record_id] = incoming
            summary.details_added += 1
            changed = True
            continue
        fill: dict[str, Any] = {}
        for column, value in incoming.items():
            current = existing[column]
            if value is None or current == value:
                continue
            if current is None:
                fill[column] = value
            else:
                summary.conflicts.append(DetailConflict(record_id, column, _shown(current), _shown(value)))
        if fill:
            connection.execute(
                update(EomRecommendationRow)
                .where(EomRecommendationRow.recommendation_id == record_id)
                .values(**fill)
            )
            existing.update(fill)
            summary.details_filled += 1
            changed = True
        else:
            summary.details_unchanged += 1
    if changed and not merge.changed:
        bump_data_version(connection)
    return summary


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


@dataclass(frozen=True)
class StoredEom:
    id: int
    sur: str
    text: str
    published: date | None
    details: EomDetails


def eom_recommendations(connection: Connection, sur: str | None = None) -> list[StoredEom]:
    """The stored missions' recommendations (to one state, or all), by election and number."""
    query = (
        select(
            RecommendationRow.id,
            RecommendationRow.sur_code,
            RecommendationRow.text,
            RecommendationRow.published,
            *(getattr(EomRecommendationRow, column) for column in _DETAILS),
        )
        .join(EomRecommendationRow, EomRecommendationRow.recommendation_id == RecommendationRow.id)
        .where(RecommendationRow.mechanism == Mechanism.ELECTION_OBSERVATION.value)
        .order_by(
            EomRecommendationRow.election_date.desc(), EomRecommendationRow.mission, RecommendationRow.id
        )
    )
    if sur is not None:
        query = query.where(RecommendationRow.sur_code == sur)
    found = []
    for rec_id, code, text, published, *values in connection.execute(query).all():
        found.append(StoredEom(rec_id, code, text, published, EomDetails(*values)))
    return found


def states_with_eom(connection: Connection) -> dict[str, int]:
    """ISO3 code → how many missions' recommendations are stored for the state."""
    rows = connection.execute(
        select(RecommendationRow.sur_code, func.count())
        .join(EomRecommendationRow, EomRecommendationRow.recommendation_id == RecommendationRow.id)
        .group_by(RecommendationRow.sur_code)
        .order_by(RecommendationRow.sur_code)
    ).all()
    return {code: int(count) for code, count in rows}


def load_eom_path(engine: Engine, path: Path) -> tuple[EomFile, EomSummary]:
    """Reads and stores one template file in one transaction: a bad file stores nothing
    (:class:`rightstrack.sources.eom.EomTemplateError` names every problem)."""
    parsed = read_eom_path(path)
    with engine.begin() as connection:
        return parsed, store_eom(connection, parsed)


__all__ = [
    "DetailConflict",
    "EomSummary",
    "StoredEom",
    "eom_recommendations",
    "load_eom_path",
    "states_with_eom",
    "store_eom",
]
