"""symbols of numerator and denominator of indicator values

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 03:10:00

Values stored before this revision keep empty symbol columns until the next
``compute``: the compute fingerprint includes the format of the stored values
(``compute.run.VALUE_FORMAT``), so that run rewrites every indicator.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.add_column(sa.Column("numerator_symbol", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("denominator_symbol", sa.String(length=3), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_column("denominator_symbol")
        batch_op.drop_column("numerator_symbol")
