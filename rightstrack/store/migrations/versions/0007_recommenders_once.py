"""Each recommending state's row stored once, whichever files named it; copied sources merged.

Stores filled before this revision keyed a source by its file name and a recommender row by its
source, so the same export loaded under a second name (``1-5 (1).csv``) added every row again.
This keeps the first of each repeated row and folds a source with the same kind and content as
an earlier one into it, then adds the unique index that keeps it so.

Revision ID: 0007
Revises: 0006
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

REPEATED_RECOMMENDERS = sa.text(
    "DELETE FROM recommenders WHERE EXISTS (SELECT 1 FROM recommenders earlier "
    "WHERE earlier.recommendation_id = recommenders.recommendation_id "
    "AND earlier.state_key = recommenders.state_key AND earlier.occurrence = recommenders.occurrence "
    "AND earlier.id < recommenders.id)"
)
COPIED_SOURCES = sa.text(
    "SELECT s.id, originals.keeper FROM sources s "
    "JOIN (SELECT kind, sha256, MIN(id) AS keeper FROM sources GROUP BY kind, sha256 HAVING COUNT(*) > 1) "
    "originals ON s.kind = originals.kind AND s.sha256 = originals.sha256 "
    "WHERE s.id <> originals.keeper ORDER BY s.id"
)
# A copy's provenance that the first source already gives is the same word twice.
REPEATED_PROVENANCES = sa.text(
    "DELETE FROM provenances WHERE source_id = :copy AND EXISTS (SELECT 1 FROM provenances kept "
    "WHERE kept.source_id = :keeper AND kept.recommendation_id = provenances.recommendation_id "
    "AND kept.locator = provenances.locator)"
)


def upgrade() -> None:
    bind = op.get_bind()
    changed = bind.execute(REPEATED_RECOMMENDERS).rowcount or 0
    for copy, keeper in bind.execute(COPIED_SOURCES).all():
        params = {"copy": copy, "keeper": keeper}
        changed += bind.execute(REPEATED_PROVENANCES, params).rowcount or 0
        for table in ("provenances", "recommenders"):
            bind.execute(sa.text(f"UPDATE {table} SET source_id = :keeper WHERE source_id = :copy"), params)
        bind.execute(sa.text("DELETE FROM sources WHERE id = :copy"), params)
        changed += 1
    op.create_index(
        "ux_recommenders_once", "recommenders", ["recommendation_id", "state_key", "occurrence"], unique=True
    )
    if changed:
        bind.execute(
            sa.text(
                "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)) "
                "WHERE key = 'data_version'"
            )
        )
    # Every store gets the token that tells its copies apart (rightstrack.store.database).
    bind.execute(sa.text("DELETE FROM meta WHERE key = 'data_token'"))
    bind.execute(
        sa.text("INSERT INTO meta (key, value) VALUES ('data_token', :token)"), {"token": uuid.uuid4().hex}
    )


def downgrade() -> None:
    op.drop_index("ux_recommenders_once", "recommenders")
