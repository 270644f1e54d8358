"""Loading source files into a store: parse, validate, write in one transaction per file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from rightstrack.domain import InputProblem, SourceFile
from rightstrack.sources import uprinfo
from rightstrack.store.writing import WriteSummary, write_records


class StrictImportError(Exception):
    """Raised under ``strict`` when a file has errors: nothing of that file was stored."""

    def __init__(self, report: FileReport) -> None:
        errors = report.errors
        shown = "\n".join(f"  {p}" for p in errors[:20])
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{report.path}: {len(errors)} error(s); nothing stored:\n{shown}{more}")
        self.report = report


@dataclass
class FileReport:
    path: Path
    parsed: uprinfo.ParsedFile
    written: WriteSummary | None = None

    @property
    def errors(self) -> list[InputProblem]:
        return self.parsed.errors

    @property
    def warnings(self) -> list[InputProblem]:
        return self.parsed.warnings

    @property
    def encoding_warnings(self) -> list[InputProblem]:
        """How a file that is not valid UTF-8 was read: always worth saying."""
        return [p for p in self.parsed.warnings if p.field == uprinfo.ENCODING_FIELD]

    @property
    def notes(self) -> list[str]:
        """What a person should know of this file beyond its counts, in plain words."""
        name, notes = self.path.name, []
        if self.written and self.written.same_content_as:
            stored = self.written.same_content_as
            notes.append(f"{name}: same content as {stored}, which is already stored; nothing added")
        stop = self.parsed.stopped
        if stop is not None:
            kept = self.parsed.rows_kept
            where = (
                f"the file ends mid-row at line {stop.line} (cut off)"
                if stop.truncated
                else f"reading stopped at line {stop.line} (malformed CSV: {stop.reason})"
            )
            stored = (
                f"the {kept:,} valid row{'' if kept == 1 else 's'} before it "
                f"{'is stored complete' if kept == 1 else 'are stored, each complete'}; "
                f"nothing from line {stop.line} on is stored"
                if kept
                else "no valid row came before it, so nothing is stored"
            )
            notes.append(f"{name}: {where}; {stored}")
        return notes


def find_sources(paths: Iterable[Path]) -> list[Path]:
    """Files to import under the given paths: UPR Info exports, found by their header."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.csv") if uprinfo.looks_like_export(p))
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return found


def load_file(engine: Engine, path: Path, *, strict: bool = False) -> FileReport:
    data = path.read_bytes()
    parsed = uprinfo.parse_file(path)
    report = FileReport(path, parsed)
    if strict and report.errors:
        raise StrictImportError(report)
    if not parsed.records:
        return report
    source = SourceFile(
        name=path.name,
        kind="upr-info-csv",
        path=str(path.resolve()),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=parsed.encoding,
        rows_read=parsed.rows_read,
    )
    with engine.begin() as connection:
        report.written = write_records(connection, source, parsed.records, parsed.organisations)
    return report


def load_paths(
    engine: Engine,
    paths: Iterable[Path],
    *,
    strict: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> list[FileReport]:
    reports = []
    for path in find_sources(paths):
        if on_file:
            on_file(path)
        reports.append(load_file(engine, path, strict=strict))
    return reports
