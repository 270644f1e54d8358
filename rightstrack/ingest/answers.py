"""Attaching an addendum's answers to the stored recommendations of its report.

The report must be in the store first (ingest orders reports before addenda): its paragraphs
are read back from the provenances that name the report's symbol.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from rightstrack.domain import InputProblem, SourceFile
from rightstrack.ingest.merging import Conflict, MergeSummary
from rightstrack.sources.addendum import Addendum, resolve
from rightstrack.sources.wgreport import Position
from rightstrack.store.database import bump_data_version
from rightstrack.store.schema import ProvenanceRow, RecommendationRow, SourceRow
from rightstrack.store.writing import source_id_for

REPORT_KIND = "wg-report"


class ReportNotStoredError(LookupError):
    pass


def apply_answers(
    connection: Connection, source: SourceFile, addendum: Addendum
) -> tuple[MergeSummary, list[InputProblem]]:
    if addendum.report_symbol is None:
        raise ReportNotStoredError(f"{addendum.source}: the addendum names no report (A/HRC/…/Add.n)")
    rows = connection.execute(
        select(
            ProvenanceRow.locator,
            ProvenanceRow.position,
            ProvenanceRow.recommendation_id,
            RecommendationRow.response,
            RecommendationRow.text,
        )
        .join(RecommendationRow, RecommendationRow.id == ProvenanceRow.recommendation_id)
        .join(SourceRow, SourceRow.id == ProvenanceRow.source_id)
        .where(ProvenanceRow.document_symbol == addendum.report_symbol, SourceRow.kind == REPORT_KIND)
    ).all()
    report_rows = {row.locator: row for row in rows}
    if not report_rows:
        raise ReportNotStoredError(
            f"{addendum.source}: the report {addendum.report_symbol} is not in the store; "
            "ingest the report with its addendum (or before it)"
        )
    paragraphs = [(p, Position(row.position) if row.position else None) for p, row in report_rows.items()]
    answered, problems = resolve(paragraphs, addendum)
    source_id = source_id_for(connection, source)
    done = set(connection.scalars(select(ProvenanceRow.locator).where(ProvenanceRow.source_id == source_id)))
    summary = MergeSummary()
    for paragraph, answer in answered.items():
        if paragraph in done:
            summary.unchanged += 1
            continue
        row = report_rows[paragraph]
        response = answer.position.response if answer.position else None
        summary.merged += 1
        if row.response is None and response is not None:
            connection.execute(
                update(RecommendationRow)
                .where(RecommendationRow.id == row.recommendation_id)
                .values(response=response.value, response_comment=answer.comment)
            )
            summary.responses_filled += 1
        elif response is not None and row.response != response.value:
            summary.conflicts.append(
                Conflict(row.recommendation_id, paragraph, row.response, response.value, row.text)
            )
        connection.execute(
            insert(ProvenanceRow).values(
                recommendation_id=row.recommendation_id,
                source_id=source_id,
                locator=paragraph,
                document_symbol=addendum.report_symbol,
                position=answer.position.value if answer.position else None,
                response=response.value if response else None,
                position_source=addendum.symbol,
                comment=answer.comment,
            )
        )
    if summary.changed:
        bump_data_version(connection)
    return summary, problems


__all__ = ["ReportNotStoredError", "apply_answers"]
