"""``rightstrack ingest``: any mix of files and folders, each file's kind found from its content.

UPR Info exports (CSV), Working Group reports and their addenda (PDF or text) and OHCHR's
thematic matrices (.docx) are read in that order, so that an addendum finds its report and a
matrix merges with both. Each file is stored in one transaction: a file that fails leaves the
store as it was. Anything else in a folder (national reports, compilations, letters, .doc files)
is skipped with the reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from rightstrack.domain import DocumentRecommendation, InputProblem, SourceFile, Vocabulary
from rightstrack.ingest.answers import REPORT_KIND, ReportNotStoredError, apply_answers
from rightstrack.ingest.loading import load_file
from rightstrack.ingest.merging import Conflict, MergeSummary, merge_documents
from rightstrack.reference.sessions import all_sessions, wg_sessions_before
from rightstrack.reference.sessions import session as session_info
from rightstrack.reference.uhri import theme_label
from rightstrack.sources import uprinfo
from rightstrack.sources.addendum import NotAnAddendumError, parse_addendum
from rightstrack.sources.doctype import UprDocument, upr_document
from rightstrack.sources.encoding import UnreadableFileError, decode_bytes
from rightstrack.sources.ohchr_matrix import (
    MatrixRecommendation,
    NotAMatrixError,
    ThematicMatrix,
    read_matrix,
    review_clues,
)
from rightstrack.sources.pdftext import UnreadablePdfError, pdf_text
from rightstrack.sources.wgreport import (
    NotAReportError,
    ReportRecommendation,
    WorkingGroupReport,
    parse_report,
)
from rightstrack.store.schema import RecommendationRow

SUFFIXES = {".csv", ".pdf", ".txt", ".docx", ".doc"}


class Kind(StrEnum):
    UPR_INFO = "upr-info-csv"
    REPORT = REPORT_KIND
    ADDENDUM = "wg-addendum"
    MATRIX = "ohchr-matrix"


_ORDER = [Kind.UPR_INFO, Kind.REPORT, Kind.ADDENDUM, Kind.MATRIX]


@dataclass
class Outcome:
    path: Path
    kind: Kind | None = None
    skipped: str | None = None  # why the file was not read
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    responses_filled: int = 0
    errors: list[InputProblem] = field(default_factory=list)  # what was rejected, and why
    warnings: list[InputProblem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def stored_nothing(self) -> bool:
        return not (self.added or self.merged or self.unchanged or self.responses_filled)

    @property
    def rejected(self) -> bool:
        """Read, but refused: its errors left nothing of it in the store."""
        return self.skipped is None and bool(self.errors) and self.stored_nothing

    @property
    def why_not_read(self) -> str | None:
        """Why nothing of this file is in the store, or None where it was read."""
        if self.skipped:
            return f"skipped: {self.skipped}"
        if self.rejected:
            more = f" (and {len(self.errors) - 1} more error(s))" if len(self.errors) > 1 else ""
            return f"rejected: {self.errors[0]}{more}"
        return None

    def take(self, summary: MergeSummary) -> None:
        self.added += summary.added
        self.merged += summary.merged
        self.unchanged += summary.unchanged
        self.responses_filled += summary.responses_filled
        self.conflicts += summary.conflicts


@dataclass
class _Found:
    path: Path
    kind: Kind
    text: str = ""  # the extracted text of a report or addendum
    matrix: ThematicMatrix | None = None
    warnings: list[InputProblem] = field(default_factory=list)  # how its text was decoded


def find_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return found


def classify(path: Path) -> _Found | str:
    """The file's kind, with what was read to tell it; or why it is not one RightsTrack reads."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return (
            _Found(path, Kind.UPR_INFO)
            if uprinfo.looks_like_export(path)
            else "CSV without UPR Info's columns"
        )
    if suffix == ".doc":
        return "Word 97 (.doc) is not read: save it as .docx"
    if suffix == ".docx":
        try:
            return _Found(path, Kind.MATRIX, matrix=read_matrix(path))
        except NotAMatrixError as exc:
            return str(exc).removeprefix(f"{path.name}: ")
    if suffix not in (".pdf", ".txt"):
        return f"not a kind of file RightsTrack reads ({suffix or 'no suffix'})"
    notes: list[InputProblem] = []
    try:
        # Two pages tell the kind; only reports and addenda are read whole.
        if suffix == ".pdf":
            text = pdf_text(path, max_pages=2)
        else:
            decoded = decode_bytes(path.read_bytes(), path.name)
            text = decoded.text
            notes = [
                InputProblem(path.name, note.line, uprinfo.ENCODING_FIELD, note.message, "warning")
                for note in decoded.notes
            ]
        document = upr_document(text)
        if document is None:
            return "not a Working Group report or addendum (national report, compilation, letter …)"
        if suffix == ".pdf":
            text = pdf_text(path)
    except (UnreadablePdfError, UnreadableFileError) as exc:
        return str(exc).removeprefix(f"{path.name}: ")
    kind = Kind.ADDENDUM if document is UprDocument.ADDENDUM else Kind.REPORT
    return _Found(path, kind, text=text, warnings=notes)


def _source(path: Path, kind: Kind, name: str | None = None) -> SourceFile:
    data = path.read_bytes()
    return SourceFile(
        name=name or path.name,
        kind=kind.value,
        path=str(path.resolve()),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="utf-8" if path.suffix.lower() == ".txt" else path.suffix.lower().lstrip("."),
        rows_read=0,
    )


def _document_record(
    sur: str, session: int, item: ReportRecommendation | MatrixRecommendation, **details: Any
) -> DocumentRecommendation:
    """What a report or a matrix says of one recommendation, with the response its position gives."""
    position = item.position
    return DocumentRecommendation(
        sur=sur,
        session=session,
        paragraph=item.paragraph,
        text=item.text,
        recommenders=item.recommenders,
        position=position.value if position else None,
        response=position.response if position else None,
        **details,
    )


def _report_records(report: WorkingGroupReport, sur: str, session: int) -> list[DocumentRecommendation]:
    return [
        _document_record(
            sur,
            session,
            r,
            document_symbol=report.symbol,
            position_source=report.symbol if r.position and r.position.response else None,
        )
        for r in report.recommendations
    ]


def _ingest_report(engine: Engine, found: _Found, outcome: Outcome) -> None:
    try:
        report = parse_report(found.text, found.path.name)
    except NotAReportError as exc:
        outcome.errors.append(InputProblem(found.path.name, 0, "recommendations", str(exc)))
        return
    outcome.warnings += [p for p in report.problems if p.severity == "warning" or "recommending" in p.message]
    if report.sur is None or report.session is None:
        outcome.errors += [p for p in report.problems if p.field in ("state under review", "session")]
        return
    records = _report_records(report, report.sur, report.session)
    source = _source(found.path, Kind.REPORT, report.symbol)
    with engine.begin() as connection:
        outcome.take(merge_documents(connection, source, records))


def _ingest_addendum(engine: Engine, found: _Found, outcome: Outcome) -> None:
    try:
        addendum = parse_addendum(found.text, found.path.name)
    except NotAnAddendumError as exc:
        outcome.errors.append(InputProblem(found.path.name, 0, "addendum", str(exc)))
        return
    outcome.warnings += [p for p in addendum.problems if p.severity == "warning"]
    outcome.errors += [p for p in addendum.problems if p.severity == "error"]
    source = _source(found.path, Kind.ADDENDUM, addendum.symbol)
    try:
        with engine.begin() as connection:
            summary, problems = apply_answers(connection, source, addendum)
    except ReportNotStoredError as exc:
        outcome.errors.append(InputProblem(found.path.name, 0, "report", str(exc)))
        return
    outcome.take(summary)
    outcome.warnings += problems


def _matrix_session(connection: Connection, matrix: ThematicMatrix, sur: str) -> tuple[int | None, str]:
    """The UPR session of a matrix's review, and how it was found."""
    clues = review_clues(matrix)
    if clues.session is not None and clues.session in all_sessions():
        return clues.session, "named in the document"
    symbols = sorted(matrix.report_symbols)
    if symbols:
        stored = connection.scalar(
            select(RecommendationRow.session).where(RecommendationRow.document_symbol.in_(symbols)).limit(1)
        )
        if stored is not None:
            return int(stored), f"from the stored report {symbols[0]}"
    for hrc in clues.hrc_sessions:
        candidates = [
            s for s in wg_sessions_before(hrc) if clues.cycle is None or session_info(s).cycle == clues.cycle
        ]
        reviewed = connection.scalars(
            select(RecommendationRow.session).where(
                RecommendationRow.sur_code == sur, RecommendationRow.session.in_(candidates)
            )
        ).first()
        if reviewed is not None:
            return int(reviewed), f"the stored review in Human Rights Council session {hrc}"
        if candidates:
            return candidates[0], f"inferred: the Working Group session before Council session {hrc}"
    return None, "no session, report symbol or Council session in the document"


def _matrix_records(matrix: ThematicMatrix, sur: str, session: int) -> list[DocumentRecommendation]:
    records = []
    for r in matrix.recommendations:
        symbol = re.search(r"A/HRC/\d+/\d+", r.position_source or "")
        tags = [(Vocabulary.UHRI_THEME, theme_label(t)) for t in r.themes]
        # "migrants" (2014) and "Migrants" (2025) are one group of persons.
        tags += [
            (Vocabulary.AFFECTED_PERSONS, a.strip()[:1].upper() + a.strip()[1:]) for a in r.affected_persons
        ]
        tags += [(Vocabulary.SDG, f"SDG {n}") for n in r.sdgs]
        records.append(
            _document_record(
                sur,
                session,
                r,
                document_symbol=symbol.group(0) if symbol else None,
                position_source=r.position_source,
                comment=r.comments,
                tags=tuple(tags),
                line=r.row,
            )
        )
    return records


def _ingest_matrix(engine: Engine, found: _Found, outcome: Outcome) -> None:
    matrix = found.matrix
    assert matrix is not None
    outcome.warnings += [p for p in matrix.problems if p.severity == "warning"]
    outcome.errors += [p for p in matrix.problems if p.severity == "error"]
    sur = review_clues(matrix).sur
    if sur is None:
        message = "cannot tell the state under review (no 'UPR of <State>' title, no state in the file name)"
        outcome.errors.append(InputProblem(found.path.name, 0, "state under review", message))
        return
    with engine.begin() as connection:
        session, how = _matrix_session(connection, matrix, sur)
        if session is None:
            outcome.errors.append(InputProblem(found.path.name, 0, "session", how))
            return
        if how.startswith("inferred"):
            outcome.warnings.append(InputProblem(found.path.name, 0, "session", f"session {session}: {how}"))
        source = _source(found.path, Kind.MATRIX, f"OHCHR matrix {found.path.name}")
        outcome.take(merge_documents(connection, source, _matrix_records(matrix, sur, session)))


def _ingest_export(engine: Engine, found: _Found, outcome: Outcome) -> None:
    report = load_file(engine, found.path)
    outcome.errors += report.errors
    outcome.warnings += report.warnings
    if report.written:
        outcome.added += report.written.records_added
        outcome.unchanged += report.written.records_already_stored


_INGEST: dict[Kind, Callable[[Engine, _Found, Outcome], None]] = {
    Kind.UPR_INFO: _ingest_export,
    Kind.REPORT: _ingest_report,
    Kind.ADDENDUM: _ingest_addendum,
    Kind.MATRIX: _ingest_matrix,
}


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    *,
    on_file: Callable[[Path, int, int], None] | None = None,
) -> list[Outcome]:
    """Ingest every file under ``paths``; ``on_file(path, n, total)`` reports progress."""
    files = find_files(paths)
    outcomes: dict[Path, Outcome] = {}
    found: list[_Found] = []
    total = len(files) * 2  # reading each file, then storing the ones that are read
    for n, path in enumerate(files, start=1):
        if on_file:
            on_file(path, n, total)
        result = classify(path)
        if isinstance(result, str):
            outcomes[path] = Outcome(path, skipped=result)
        else:
            outcomes[path] = Outcome(path, result.kind, warnings=list(result.warnings))
            found.append(result)
    found.sort(key=lambda f: (_ORDER.index(f.kind), str(f.path)))
    for n, item in enumerate(found, start=len(files) + 1):
        if on_file:
            on_file(item.path, n, len(files) + len(found))
        _INGEST[item.kind](engine, item, outcomes[item.path])
    return [outcomes[path] for path in files]


__all__ = ["Kind", "Outcome", "classify", "find_files", "ingest_paths"]
