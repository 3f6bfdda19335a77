"""who assigned an item's claimer, so they are told when the assignee drops out

A coordinator who used /assign is told, once, when the volunteer unclaims,
forgets or leaves (issue 15). The column is cleared by /forget and
retention with the item's other names.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_by_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("assigned_by_id")
