"""Loading OHCHR's Universal Human Rights Index export into a store.

The export is streamed (:mod:`rightstrack.sources.uhri`) straight into
:func:`rightstrack.ingest.merging.merge_records`, which merges it in chunks inside one transaction:
memory stays bounded by a chunk, and a file that fails half-way stores nothing. Loading the same
export again adds nothing (each annotation is keyed by its id); a newer export adds only what is new.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, update

from rightstrack.domain import SourceFile, SourceRecord
from rightstrack.ingest.merging import MergeSummary, merge_records
from rightstrack.sources.field_warnings import FieldWarning
from rightstrack.sources.uhri import Progress, UhriExport, looks_like_uhri, open_export
from rightstrack.sources.uhri_fields import UhriLimits
from rightstrack.store.schema import SourceRow


@dataclass
class UhriLoadReport:
    path: Path
    kind: str
    size: int
    records_read: int = 0
    records_kept: int = 0
    by_mechanism: Counter[str] = field(default_factory=Counter)
    by_body: Counter[tuple[str, str]] = field(default_factory=Counter)  # (mechanism, body)
    by_kind: Counter[str] = field(default_factory=Counter)
    warnings: list[FieldWarning] = field(default_factory=list)
    merged: MergeSummary | None = None
    elapsed: float = 0.0

    @property
    def records_per_second(self) -> float:
        return self.records_read / self.elapsed if self.elapsed else 0.0

    @property
    def not_stored(self) -> int:
        """Annotations the file holds that no record came of (each counted in a warning)."""
        skipped = len(self.merged.skipped) if self.merged else 0
        return self.records_read - self.records_kept + skipped


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _counted(export: UhriExport, report: UhriLoadReport, progress: Progress | None) -> Iterator[SourceRecord]:
    for record in export.records(progress):
        report.by_mechanism[record.mechanism.value] += 1
        report.by_body[(record.mechanism.value, record.body)] += 1
        report.by_kind[record.kind.value] += 1
        yield record


def load_uhri(
    engine: Engine, path: Path, *, progress: Progress | None = None, limits: UhriLimits | None = None
) -> UhriLoadReport:
    """Store a UHRI export (JSON or XLSX). Raises :class:`rightstrack.sources.uhri.UhriError` for a
    file that is not one, too big, or malformed; nothing of such a file is stored."""
    started = time.perf_counter()
    export = open_export(path, limits)
    report = UhriLoadReport(path, export.kind, export.size)
    source = SourceFile(
        name=path.name,
        kind=export.kind,
        path=str(path.resolve()),
        sha256=_sha256(path),
        encoding="utf-8",
        rows_read=0,  # known once read: set below, in the same transaction
    )
    with engine.begin() as connection:
        report.merged = merge_records(connection, source, _counted(export, report, progress))
        connection.execute(
            update(SourceRow).where(SourceRow.sha256 == source.sha256).values(rows_read=export.records_read)
        )
    report.records_read = export.records_read
    report.records_kept = export.records_kept
    # What the store could not file (e.g. no session nor date to give it a year) is named too.
    for skipped in report.merged.skipped:
        export.warnings.add("record", "not stored by the store", skipped.partition(": ")[2] or skipped)
    report.warnings = export.warnings.items()
    report.elapsed = time.perf_counter() - started
    return report


def split_uhri(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """UHRI exports among the given paths (files given, and .json/.xlsx files in folders given,
    recognised by content), and the other paths, for the other loaders."""
    uhri: list[Path] = []
    rest: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".json", ".xlsx"))
            uhri += [p for p in found if looks_like_uhri(p)]
            rest.append(path)
        elif looks_like_uhri(path):
            uhri.append(path)
        else:
            rest.append(path)
    return uhri, rest
