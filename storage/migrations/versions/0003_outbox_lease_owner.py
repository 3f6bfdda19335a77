"""the holder of an outbox row's lease, and pruning of the handled record

A row leased by one sender and not yet sent when the lease runs out could
be taken by a second sender; the owner lets the first check, right before
sending, that the row is still its own. The index on handled.at lets old
records of handled messages be pruned.

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
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=64), nullable=True))
    with op.batch_alter_table("handled", schema=None) as batch_op:
        batch_op.create_index("ix_handled_at", ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handled", schema=None) as batch_op:
        batch_op.drop_index("ix_handled_at")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("lease_owner")
