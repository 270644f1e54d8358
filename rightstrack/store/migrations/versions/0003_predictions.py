"""Predictions: a model's issues (with score and model version) beside human coding, and its
action category, kept apart from UPR Info's.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recommendation_issues") as table:
        table.add_column(sa.Column("score", sa.Float, nullable=True))
        table.add_column(sa.Column("model", sa.String(40), nullable=True))
    with op.batch_alter_table("recommendations") as table:
        table.add_column(sa.Column("predicted_action", sa.Integer, nullable=True))
        table.add_column(sa.Column("predicted_action_score", sa.Float, nullable=True))
        table.add_column(sa.Column("prediction_model", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recommendations") as table:
        table.drop_column("prediction_model")
        table.drop_column("predicted_action_score")
        table.drop_column("predicted_action")
    with op.batch_alter_table("recommendation_issues") as table:
        table.drop_column("model")
        table.drop_column("score")
