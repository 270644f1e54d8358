"""Merging records from any source into the store: one record, one provenance per source.

A recommendation may reach the store from several sources: a UPR Info export or its live
database, the Working Group report, its addendum, an OHCHR matrix, OHCHR's Universal Human Rights
Index. Records are paired with stored ones as follows:

- UPR records, within one state under review and session, by normalised text (identical texts
  first, then :mod:`rightstrack.sources.textpairs`' fuzzy pairs), since each source words and
  numbers them its own way;
- other mechanisms' records by their natural key (mechanism, body, state, symbol, text);
- a record whose UHRI annotation id is stored already is that record, whatever else changed.

A pair is one record with one more provenance. A record keeps the response it has; a source that
gives a different one is stored in its provenance and reported as a conflict, never written over
it. What a record lacks (a response, an action category, a date, a symbol, an annotation id) it
takes from the first source that gives it.

Idempotent: a source's locator that already has its provenance is left as it is. Records are
merged in chunks, so a stream of hundreds of thousands (UHRI's export) needs bounded memory.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from rightstrack.domain import (
    DocumentRecommendation,
    Mechanism,
    RecordKind,
    SourceFile,
    SourceRecord,
    text_key,
)
from rightstrack.ingest.merge_reads import Stored, ids_by_keys, stored_by_keys, stored_review
from rightstrack.ingest.merge_writes import Conflict, MergeSummary, RowWrites, response_of
from rightstrack.reference.sessions import all_sessions
from rightstrack.sources.textpairs import best_pairs, comparable
from rightstrack.store.database import bump_data_version
from rightstrack.store.fulltext import index_text
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationRow,
)
from rightstrack.store.writing import source_id_for

CHUNK = 20_000  # records merged at a time: bounded memory, few reads per review

# An incoming record, the stored one it pairs with (None: new), and the key a new one gets.
_Target = tuple[SourceRecord, Stored | None, str | None]


def _key(parts: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _in_review(record: SourceRecord) -> bool:
    """A record of one UPR review (paired by text within it), not keyed on its own."""
    return record.mechanism is Mechanism.UPR and record.session is not None


def _key_parts(record: SourceRecord) -> tuple[str, ...]:
    """What identifies a record apart from its occurrence. UPR records keep the key documents
    gave them before other mechanisms were stored, so stores filled then merge with these."""
    if _in_review(record):
        return ("document", record.sur, str(record.session), text_key(record.text))
    symbol = record.document_symbol or ""
    return ("record", record.mechanism.value, record.body, record.sur, symbol, text_key(record.text))


def _chunks(records: Iterable[SourceRecord], size: int) -> Iterator[list[SourceRecord]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class _Merge:
    """One call's state across chunks."""

    connection: Connection
    source_id: int
    summary: MergeSummary
    done: set[str]
    known_uhri: set[str]  # UHRI annotation ids already stored
    occurrences: dict[tuple[str, ...], int] = field(default_factory=lambda: defaultdict(int))

    def chunk(self, records: list[SourceRecord]) -> None:
        pending: list[SourceRecord] = []
        for record in records:
            if record.locator in self.done or (record.uhri_id and record.uhri_id in self.known_uhri):
                self.summary.unchanged += 1
                continue
            reason = _unstorable(record)
            if reason:
                self.summary.skipped.append(f"{record.locator}: {reason}")
                continue
            self.done.add(record.locator)
            pending.append(record)
        self._write(self._pair_reviews(pending) + self._pair_by_key(pending))

    def _pair_reviews(self, pending: list[SourceRecord]) -> list[_Target]:
        by_review: dict[tuple[str, int], list[SourceRecord]] = defaultdict(list)
        for record in pending:
            if _in_review(record) and record.session is not None:  # (the check again, for mypy)
                by_review[(record.sur, record.session)].append(record)
        paired: list[_Target] = []
        for (sur, session), incoming in by_review.items():
            # A stored record with another annotation id is another annotation.
            annotated = any(r.uhri_id for r in incoming)
            stored = stored_review(self.connection, sur, session, without_uhri_id=annotated)
            matched = _pair_texts(incoming, stored)
            unpaired = [record for i, record in enumerate(incoming) if i not in matched]
            keys = self._free_keys(unpaired)
            paired += [(record, matched.get(i), keys.get(id(record))) for i, record in enumerate(incoming)]
        return paired

    def _pair_by_key(self, pending: list[SourceRecord]) -> list[_Target]:
        others = [r for r in pending if not _in_review(r)]
        keys = [self._next_key(record) for record in others]
        found = stored_by_keys(self.connection, keys)
        return [(record, found.get(key), key) for record, key in zip(others, keys, strict=True)]

    def _next_key(self, record: SourceRecord) -> str:
        parts = _key_parts(record)
        occurrence = self.occurrences[parts]
        self.occurrences[parts] += 1
        return _key((*parts, str(occurrence)))

    def _free_keys(self, records: list[SourceRecord]) -> dict[int, str]:
        """Keys for new UPR records: the next occurrence of each text that no stored record has
        (one the text pairing left alone, say, because it carries another annotation id)."""
        keys = {id(record): self._next_key(record) for record in records}
        # Only whether a key is taken matters here: ids, not whole records with their details.
        taken = set(ids_by_keys(self.connection, list(keys.values())))
        for record in records:
            while keys[id(record)] in taken:
                keys[id(record)] = self._next_key(record)
                taken |= set(ids_by_keys(self.connection, [keys[id(record)]]))
        return keys

    def _write(self, targets: list[_Target]) -> None:
        new = [(record, key) for record, target, key in targets if target is None and key is not None]
        ids: list[int] = []
        if new:
            # A plain executemany, then the new ids by natural key: an INSERT … RETURNING that must
            # keep the parameters' order runs one statement per row on SQLite (5x slower in all).
            self.connection.execute(insert(RecommendationRow), [_new_row(record, key) for record, key in new])
            by_key = ids_by_keys(self.connection, [key for _, key in new])
            ids = [by_key[key] for _, key in new]
        created = iter(ids)
        writes = RowWrites()
        for record, target, _ in targets:
            if target is None:
                target = Stored(next(created), record.text, response_of(record), record.uhri_id)
                self.summary.added += 1
            else:
                self.summary.merged += 1
                writes.fill(target, record, self.summary)
            if record.uhri_id:
                self.known_uhri.add(record.uhri_id)
            writes.attach(target, record, self.source_id, self.summary)
        writes.flush(self.connection)


def _unstorable(record: SourceRecord) -> str | None:
    if record.session is not None and record.session not in all_sessions():
        return f"UPR session {record.session} is not in the reference list of sessions"
    if record.session is None and record.published is None:
        return "neither a UPR session nor a publication date: no year to file it under"
    if not record.text.strip():
        return "no text"
    return None


def _pair_texts(incoming: list[SourceRecord], stored: list[Stored]) -> dict[int, Stored]:
    """Incoming index → stored record: identical texts first, then the best fuzzy pairs."""
    free = {i: s for i, s in enumerate(stored)}
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, target in free.items():
        by_text[comparable(target.text)].append(j)
    matched: dict[int, Stored] = {}
    rest: list[int] = []
    texts = [comparable(record.text) for record in incoming]
    for i, text in enumerate(texts):
        same = by_text.get(text)
        if same:
            matched[i] = free.pop(same.pop(0))
        else:
            rest.append(i)
    if rest and free:
        left = list(free)
        for i, j, _ in best_pairs([texts[i] for i in rest], [comparable(free[j].text) for j in left]):
            matched[rest[i]] = free[left[j]]
    return matched


def _new_row(record: SourceRecord, key: str) -> dict[str, Any]:
    info = all_sessions()[record.session] if record.session is not None else None
    year = info.year if info else record.published.year if record.published else 0
    return {
        "natural_key": key,
        "kind": record.kind.value,
        "mechanism": record.mechanism.value,
        "body": record.body,
        "sur_code": record.sur,
        "session": record.session,
        "cycle": info.cycle if info else None,
        "year": year,
        "published": record.published,
        "uhri_id": record.uhri_id,
        "text": record.text,
        "search_text": index_text(record.text),
        "response": response_of(record),
        "response_comment": record.comment,
        "action_category": record.action_category,
        "document_symbol": record.document_symbol,
        "paragraph": record.paragraph,
    }


def merge_records(
    connection: Connection, source: SourceFile, records: Iterable[SourceRecord], *, chunk: int = CHUNK
) -> MergeSummary:
    """Store what one source says, inside the caller's transaction."""
    source_id = source_id_for(connection, source)
    summary = MergeSummary()
    done = set(connection.scalars(select(ProvenanceRow.locator).where(ProvenanceRow.source_id == source_id)))
    known_uhri = {
        str(uhri_id)
        for uhri_id in connection.scalars(
            select(RecommendationRow.uhri_id).where(RecommendationRow.uhri_id.is_not(None))
        )
    }
    merge = _Merge(connection, source_id, summary, done, known_uhri)
    for part in _chunks(records, chunk):
        merge.chunk(part)
    if summary.changed:
        bump_data_version(connection)
    return summary


def document_record(record: DocumentRecommendation) -> SourceRecord:
    """A UN document's recommendation (report, addendum, OHCHR matrix) as a UPR record."""
    return SourceRecord(
        locator=record.paragraph,
        mechanism=Mechanism.UPR,
        body="UPR",
        kind=RecordKind.RECOMMENDATION,
        sur=record.sur,
        text=record.text,
        session=record.session,
        recommenders=record.recommenders,
        document_symbol=record.document_symbol,
        paragraph=record.paragraph,
        position=record.position,
        response=record.response,
        position_source=record.position_source,
        comment=record.comment,
        tags=record.tags,
        line=record.line,
    )


def merge_documents(
    connection: Connection, source: SourceFile, records: list[DocumentRecommendation]
) -> MergeSummary:
    """Store what one UN document says, inside the caller's transaction."""
    return merge_records(connection, source, [document_record(r) for r in records])


__all__ = [
    "Conflict",
    "MergeSummary",
    "document_record",
    "merge_documents",
    "merge_records",
]
