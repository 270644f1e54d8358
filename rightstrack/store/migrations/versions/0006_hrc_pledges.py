"""Council candidates' voluntary pledges and pledging events; users who may edit them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hrc_pledges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("state_code", sa.String(3), nullable=False),
        sa.Column("symbol", sa.String(60), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("url", sa.String(500), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_hrc_pledges_year_state", "hrc_pledges", ["year", "state_code"])
    op.create_table(
        "hrc_pledging_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("organisers", sa.String(300), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "hrc_pledging_participation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("hrc_pledging_events.id"), nullable=False),
        sa.Column("state_code", sa.String(3), nullable=False),
        sa.Column("took_part", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_hrc_participation_event", "hrc_pledging_participation", ["event_id"])
    with op.batch_alter_table("users") as table:
        table.add_column(
            sa.Column("elections_editor", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as table:
        table.drop_column("elections_editor")
    op.drop_index("ix_hrc_participation_event", "hrc_pledging_participation")
    op.drop_table("hrc_pledging_participation")
    op.drop_table("hrc_pledging_events")
    op.drop_index("ix_hrc_pledges_year_state", "hrc_pledges")
    op.drop_table("hrc_pledges")
