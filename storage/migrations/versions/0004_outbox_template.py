"""owed messages hold references, not secrets (issue 14, finding 2)

``outbox.template`` names the private lines a direct message gets when it
is sent (the author's handle, their message, the address or phone), read
then from the item, so a row that waits (a person who never pressed Start)
holds none of them. The index counts a member's private hand-offs.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_outbox_handoffs", ["member_id", "template", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_handoffs")
        batch_op.drop_column("template")
