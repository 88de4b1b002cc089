"""Footnotes stored by an import: the period each is limited to, the fixed codes of
Deutschland and the Länder."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from bildungsmonitor.ingest.genesis_csv import parse
from bildungsmonitor.ingest.loader import _store_footnotes
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import Footnote, ImportRecord, Region


def test_stored_notes_carry_their_period_and_the_land_code_without_stored_regions(
    store: Store, genesis: Path
) -> None:
    table = parse(genesis / "datenguide-genesapi_21111-02-06-4.csv")
    with store.transaction() as session:
        session.execute(delete(Region))
        record = ImportRecord(
            file_name="x.csv", sha256="h", size=1, source_format="genesis-csv",
            encoding="utf-8", table_code=table.table_code, title="t",
        )  # fmt: skip
        session.add(record)
        session.flush()
        _store_footnotes(session, table, record)
        session.flush()
        stored = {
            n.text: (n.region_code, n.from_year, n.to_year)
            for n in session.scalars(select(Footnote))
        }
    germany = next(t for t in stored if t.startswith("Deutschland (2007): das Bundesergebnis"))
    assert stored[germany] == ("DG", 2007, 2007)
    anhalt = next(t for t in stored if t.startswith("Sachsen-Anhalt (2007): Doppelabitur"))
    assert stored[anhalt] == ("15", 2007, 2007)
    assert len(stored) == len({n.text for n in table.footnotes})
