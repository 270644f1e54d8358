"""The records that arrived matching a search, newest first: what a feed and a digest show.

"Arrived" is the order records entered the store: their ids, which only grow (SQLite gives a new
row the largest id plus one while a load holds the write lock, PostgreSQL draws them from a
sequence). A record's arrival time is when the first source that holds it was imported (its provenance
rows name their source, and the source its ``imported_at``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.search.records import Hit
from rightstrack.store.schema import ProvenanceRow, SourceRow

FEED_ENTRIES = 100  # entries in a feed: readers keep what they have seen, and poll often


@dataclass(frozen=True)
class Arrival:
    hit: Hit
    arrived: datetime | None  # None only for a record no source names


@dataclass(frozen=True)
class Arrivals:
    """The newest records a search matches after a mark, and how far the store's data reaches."""

    records: list[Arrival]
    total: int  # every match after the mark, of which ``records`` are the newest
    newest_id: int  # the newest record id of the data searched (the next mark)


def arrivals(
    search: SearchEngine, query: SearchQuery, *, after: int = 0, limit: int = FEED_ENTRIES
) -> Arrivals:
    """The newest ``limit`` records matching ``query`` whose id is above ``after``.

    The selection comes from the engine's cached evaluation of the same search (a feed polled
    behind a search page costs no second evaluation); only the page of records is read."""
    with search.engine.connect() as connection:
        selection = search.select(query, connection)
        index = selection.index
        ids = index.ids[selection.positions]
        ids = ids[ids > after]
        # The newest ``limit`` picked in linear time; only they are sorted.
        cut = ids.size - limit
        newest = np.sort(np.partition(ids, cut)[cut:] if cut > 0 else ids)[::-1]
        chosen = [int(i) for i in newest]
        hits = search.fetch(chosen, connection=connection)
        times = arrival_times(connection, chosen)
        top = int(index.ids.max()) if index.size else 0
    return Arrivals([Arrival(hit, times.get(hit.id)) for hit in hits], int(ids.size), max(top, after))


# Built once: the ids are an expanding parameter, so the statement is compiled once per process.
_ARRIVED = (
    select(ProvenanceRow.recommendation_id, func.min(SourceRow.imported_at))
    .join(SourceRow, SourceRow.id == ProvenanceRow.source_id)
    .where(ProvenanceRow.recommendation_id.in_(bindparam("ids", expanding=True)))
    .group_by(ProvenanceRow.recommendation_id)
)


def arrival_times(connection: Connection, ids: list[int]) -> dict[int, datetime]:
    """When each record's first source was imported (every stored record has a provenance per
    source that holds it: ``ingest.merging`` records one whichever source it came from)."""
    if not ids:
        return {}
    return {int(record): at for record, at in connection.execute(_ARRIVED, {"ids": ids}) if at is not None}


def latest_import(connection: Connection) -> datetime | None:
    """When the store last imported a source: an empty feed's "updated"."""
    at: datetime | None = connection.scalar(select(func.max(SourceRow.imported_at)))
    return at
