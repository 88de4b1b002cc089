"""period a footnote is limited to

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:00:00

Adds ``footnote.from_year`` and ``footnote.to_year`` (inclusive, None: open) and fills
them for the notes already stored from the period their text names in its prefix
(``Deutschland (2007): …``), as an import does now (``ingest._footnote_period``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bildungsmonitor.ingest._footnote_period import UNLIMITED, note_period

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_NOTE = sa.table(
    "footnote",
    sa.column("id", sa.Integer),
    sa.column("region_name", sa.String),
    sa.column("text", sa.Text),
    sa.column("from_year", sa.Integer),
    sa.column("to_year", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("footnote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("from_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("to_year", sa.Integer(), nullable=True))
    connection = op.get_bind()
    notes = connection.execute(sa.select(_NOTE.c.id, _NOTE.c.text, _NOTE.c.region_name))
    periods = [(i, note_period(text, region)) for i, text, region in notes]
    rows = [
        {"i": i, "f": first, "t": last}
        for i, (first, last) in periods
        if (first, last) != UNLIMITED
    ]
    if rows:
        connection.execute(
            _NOTE.update()
            .where(_NOTE.c.id == sa.bindparam("i"))
            .values(from_year=sa.bindparam("f"), to_year=sa.bindparam("t")),
            rows,
        )


def downgrade() -> None:
    with op.batch_alter_table("footnote", schema=None) as batch_op:
        batch_op.drop_column("to_year")
        batch_op.drop_column("from_year")
