"""Alembic environment: runs on the connection that ``rightstrack.store.database.migrate`` passes."""

from alembic import context

from rightstrack.store import elections_schema, tracking_schema  # noqa: F401  (their tables join Base.metadata)
from rightstrack.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
