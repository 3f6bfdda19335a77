"""who an outbox row's text names, by platform id

A mention is linked by the platform id of the person meant, never by a name
that looks the same (issue 14, finding 6): the row keeps [[handle, user id],
...] until it is sent, like its text.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mentions", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("mentions")
