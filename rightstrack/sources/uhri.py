"""OHCHR's Universal Human Rights Index (UHRI): its full export, as JSON or XLSX.

The JSON export is one array of about 270,000 annotation objects (360 MB): it is streamed with
ijson (yajl2's C parser), one object at a time, so memory stays bounded whatever the file's size.
The XLSX export holds the same annotations, one per row, under OHCHR's own column titles
("Reccomending Body", …), with several values in a cell as "- " lines and dates as Excel day
numbers; it is read with openpyxl in read-only (streaming) mode. Both yield one
:class:`SourceRecord` per annotation (field mappings: :mod:`rightstrack.sources.uhri_fields`).

A file is recognised by its content, not its name: :func:`looks_like_uhri`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import ijson
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from rightstrack.domain import SourceRecord
from rightstrack.sources.field_warnings import Warnings
from rightstrack.sources.uhri_fields import UhriLimits, to_record

JSON_KIND = "uhri-json"
XLSX_KIND = "uhri-xlsx"
# Progress: records read so far, bytes read so far, the file's size.
Progress = Callable[[int, int, int], None]
PROGRESS_EVERY = 2000

# The XLSX export's column titles (OHCHR's spelling, and the corrected one) → the JSON fields.
_XLSX_COLUMNS = {
    "text": "Text",
    "countries concerned": "Countries",
    "reccomending body": "Body",
    "recommending body": "Body",
    "document symbol": "Symbol",
    "themes": "Themes",
    "affected persons": "AffectedPersons",
    "sdgs": "Sdgs",
    "document publication date": "PublicationDate",
    "upr reccomending states": "UprRecommendingCountry",
    "upr recommending states": "UprRecommendingCountry",
    "upr position": "UprPositions",
    "type": "AnnotationType",
    "ohchr annotation id": "AnnotationId",
    "upr session": "UprSession",
    "regions concerned": "Regions",
    "recommending regions": "UprRecommendingRegions",
    "date of publication on uhri": "PublicationDateOnUhri",
}
_NOT_A_WORKBOOK = (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError)
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 1 << 20


class UhriError(ValueError):
    """The file cannot be read as a UHRI export; the message names the file and where."""


class _CountingReader(io.RawIOBase):
    """A binary file that counts what was read, for progress and for error positions."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.position = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.position += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _column_key(title: object) -> str:
    return " ".join(str(title or "").split()).casefold()


def _json_head(path: Path) -> tuple[str | None, bool]:
    """The first event of a JSON file and whether its first object has ``AnnotationId``."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    keys: set[str] = set()
    first = None
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            first = first or event
            if first != "start_array":
                break
            if prefix == "item" and event == "map_key":
                keys.add(value)
            elif prefix in ("", "item") and event not in ("start_array", "start_map"):
                break  # the first item is over, or is not an object
    except ijson.JSONError:
        pass  # cut at the sniffing limit, or not JSON: decided on what was seen
    return first, "AnnotationId" in keys


def _xlsx_has_annotation_ids(path: Path) -> bool:
    """Whether a workbook's first strings name the "OHCHR Annotation Id" column. The strings are
    read from the zip directly, a bounded part of each: openpyxl would read all shared strings
    first, which for the real export is every text of it."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for name in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"):
                if name in names:
                    with archive.open(name) as part:
                        if b"ohchr annotation id" in b" ".join(part.read(_SNIFF_BYTES).lower().split()):
                            return True
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):
        return False
    return False


def looks_like_uhri(path: Path) -> bool:
    """Whether a file is a UHRI export, by its content: a JSON array whose first object has
    ``AnnotationId``, or a workbook whose header has "OHCHR Annotation Id"."""
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        start = handle.read(4)
    if start == _ZIP_MAGIC:
        return _xlsx_has_annotation_ids(path)
    if start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"[", b""):
        return False
    event, has_id = _json_head(path)
    return event == "start_array" and has_id


@dataclass
class UhriExport:
    """One export file, read once through :meth:`records`; warnings and counts fill as it goes."""

    path: Path
    kind: str
    limits: UhriLimits = field(default_factory=UhriLimits)
    warnings: Warnings = field(default_factory=Warnings)
    records_read: int = 0  # annotations in the file
    records_kept: int = 0  # of them, records yielded
    size: int = 0

    def records(self, progress: Progress | None = None) -> Iterator[SourceRecord]:
        rows = self._json_rows(progress) if self.kind == JSON_KIND else self._xlsx_rows(progress)
        for raw in rows:
            self.records_read += 1
            if self.records_read > self.limits.max_records:
                raise UhriError(
                    f"{self.path}: more than {self.limits.max_records:,} records (the limit): "
                    f"read stopped at record {self.records_read:,}"
                )
            if not isinstance(raw, Mapping):
                self.warnings.add("record", "not an object: records not stored", type(raw).__name__)
                continue
            record = to_record(raw, self.records_read, self.limits, self.warnings)
            if record is not None:
                self.records_kept += 1
                yield record

    def _json_rows(self, progress: Progress | None) -> Iterator[object]:
        with self.path.open("rb") as handle:
            reader = _CountingReader(handle)
            seen = 0
            try:
                for item in ijson.items(reader, "item", use_float=True):
                    seen += 1
                    if progress and seen % PROGRESS_EVERY == 0:
                        progress(seen, reader.position, self.size)
                    yield item
            except ijson.JSONError as exc:
                raise UhriError(
                    f"{self.path}: malformed JSON after record {seen:,} (near byte {reader.position:,}): "
                    f"{str(exc)[:200]}"
                ) from exc
            if progress:
                progress(seen, reader.position, self.size)

    def _xlsx_rows(self, progress: Progress | None) -> Iterator[object]:
        with self.path.open("rb") as handle:
            yield from self._sheet_rows(handle, progress)
        if progress:
            progress(self.records_read, self.size, self.size)

    def _sheet_rows(self, handle: BinaryIO, progress: Progress | None) -> Iterator[object]:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except _NOT_A_WORKBOOK as exc:
            raise UhriError(f"{self.path}: not a readable workbook: {exc}") from exc
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            columns: dict[int, str] = {}
            for row_number, row in enumerate(rows, start=1):
                if not columns:
                    columns = {
                        i: _XLSX_COLUMNS[key]
                        for i, c in enumerate(row)
                        if (key := _column_key(c)) in _XLSX_COLUMNS
                    }
                    if "AnnotationId" not in columns.values():
                        columns = {}
                        if row_number >= 5:
                            raise UhriError(f'{self.path}: no "OHCHR Annotation Id" column in the first rows')
                    continue
                if not any(cell not in (None, "") for cell in row):
                    continue
                if progress and row_number % PROGRESS_EVERY == 0:
                    progress(row_number, 0, self.size)
                yield {name: row[i] for i, name in columns.items() if i < len(row)}
        finally:
            workbook.close()


def open_export(path: Path, limits: UhriLimits | None = None) -> UhriExport:
    """A UHRI export ready to read; refuses a file over the size limit or not in UHRI's format."""
    limits = limits or UhriLimits()
    if not path.is_file():
        raise UhriError(f"{path}: no such file")
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise UhriError(f"{path}: {size:,} bytes, over the limit of {limits.max_file_bytes:,}")
    if not looks_like_uhri(path):
        raise UhriError(
            f"{path}: not a UHRI export (a JSON array of objects with AnnotationId, "
            'or a workbook with an "OHCHR Annotation Id" column)'
        )
    with path.open("rb") as handle:
        kind = XLSX_KIND if handle.read(4) == _ZIP_MAGIC else JSON_KIND
    return UhriExport(path, kind, limits, Warnings(limits.max_distinct_warnings), size=size)


__all__ = [
    "JSON_KIND",
    "XLSX_KIND",
    "UhriError",
    "UhriExport",
    "UhriLimits",
    "looks_like_uhri",
    "open_export",
]
