"""indexes for the group's numbers (/stats, /report, /export)

Each report query reads one group's requests over a range of one moment
(posted, claimed, closed). These indexes hold that moment after the group
and kind, and the few columns the query counts by after it, so SQLite and
PostgreSQL answer from the index alone; the export reads a group's items
in number order from the last one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:30:00
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_items_report_posted": ["group_id", "kind", "created_at", "category", "status"],
    "ix_items_report_claimed": ["group_id", "kind", "claimed_at", "created_at"],
    "ix_items_report_closed": ["group_id", "kind", "closed_at", "status", "category"],
    # the export reads a group's items by number: in this order, not sorted afterwards
    "ix_items_report_number": ["group_id", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
