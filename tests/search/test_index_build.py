"""The facet index, built from joined column texts and integer codes, checked against the
store's own GROUP BY counts (an independent way to the same numbers) on each backend."""

import numpy as np
from sqlalchemy import text

from rightstrack.search.engine import SearchEngine
from rightstrack.search.index_build import MISSING, build_index
from rightstrack.search.query import UNKNOWN_STATE, Dimension, Sort
from rightstrack.store.database import data_version

SINGLE = {
    Dimension.TYPE: "kind",
    Dimension.MECHANISM: "mechanism",
    Dimension.SUR: "sur_code",
    Dimension.SESSION: "session",
    Dimension.CYCLE: "cycle",
    Dimension.YEAR: "year",
    Dimension.RESPONSE: "response",
    Dimension.ACTION: "action_category",
}


def _as_label(value: object) -> str:
    return MISSING if value is None else str(value)


def test_every_count_equals_the_stores_own(mixed: SearchEngine) -> None:
    with mixed.engine.connect() as connection:
        index = build_index(connection, data_version(connection))
        assert index.size == connection.scalar(text("SELECT COUNT(*) FROM recommendations"))
        ids = [row[0] for row in connection.execute(text("SELECT id FROM recommendations ORDER BY id"))]
        assert index.ids.tolist() == ids
        for dimension, column_name in SINGLE.items():
            expected = {
                _as_label(value): count
                for value, count in connection.execute(
                    text(f"SELECT {column_name}, COUNT(*) FROM recommendations GROUP BY {column_name}")
                )
            }
            column = index.columns[dimension]
            assert column.positions is None
            counted = dict(zip(column.labels, column.totals.tolist(), strict=True))
            assert counted == expected, dimension
        for dimension, coding in ((Dimension.ISSUE, "human"), (Dimension.PREDICTED_ISSUE, "predicted")):
            expected = dict(
                connection.execute(
                    text(
                        "SELECT issue, COUNT(DISTINCT recommendation_id) FROM recommendation_issues "
                        "WHERE coding = :coding GROUP BY issue"
                    ),
                    {"coding": coding},
                ).all()
            )
            column = index.columns[dimension]
            assert dict(zip(column.labels, column.totals.tolist(), strict=True)) == expected, dimension
        expected = {
            (code or UNKNOWN_STATE): count
            for code, count in connection.execute(
                text(
                    "SELECT state_code, COUNT(DISTINCT recommendation_id) FROM recommenders "
                    "GROUP BY state_code"
                )
            )
        }
        recommender = index.columns[Dimension.RECOMMENDER]
        assert dict(zip(recommender.labels, recommender.totals.tolist(), strict=True)) == expected
        rows = connection.execute(
            text("SELECT recommendation_id, state_code FROM recommenders ORDER BY id")
        ).all()
        assert len(index.rows.positions) == len(rows)
        assert index.ids[index.rows.positions].tolist() == [record for record, _ in rows]
        assert [index.rows.state_labels[s] for s in index.rows.states.tolist()] == [
            code or UNKNOWN_STATE for _, code in rows
        ]
    # Each multi-valued column's offsets give each record its own pairs.
    for column in index.columns.values():
        if column.positions is not None and column.offsets is not None:
            assert np.array_equal(
                np.diff(column.offsets), np.bincount(column.positions, minlength=index.size)
            )
    # The fixed orders are permutations, newest first and oldest first.
    for sort in (Sort.RECENT, Sort.SESSION, Sort.STATE):
        assert sorted(index.orders[sort].tolist()) == list(range(index.size))
    assert (np.diff(index.days[index.orders[Sort.RECENT]]) <= 0).all()
    assert (np.diff(index.days[index.orders[Sort.SESSION]]) >= 0).all()
