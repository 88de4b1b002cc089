"""Which Länder a footnote's region names (lists with periods, »und«, Deutschland), by the
fixed official codes, also for notes stored before any region; on the real
22541-01-04-4_00 export."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bildungsmonitor.compute._footnote_scope import overlaps, region_codes
from bildungsmonitor.compute.indicator_value import footnotes_for
from bildungsmonitor.ingest._footnote_period import UNLIMITED
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import Footnote, ImportRecord, Region

TABLE = "22541-01-04-4"
# 22541-01-04-4_00.csv, lines 5311-5316
VOLLZEIT = (
    "Bayern, Mecklenburg-Vorpommern (2015), Niedersachsen, Nordrhein-Westfalen, Saarland, "
    "Sachsen: Rundungsdifferenzen bei der rechnerischen Zahl der Vollzeitstellen"
)
VOLLZEIT_COLUMN = (TABLE, ("Rechn.Zahl d.Vollzeitstellen i.pädagogisch.Bereich",))
PERSONAL_COLUMN = (
    TABLE,
    (
        "Tätige Personen",
        "Tätige Personen in Tageseinrichtungen für Kinder",
        "pädagogisches Personal Vollzeitstellen (bis 2010)",
    ),
)


@pytest.mark.parametrize(
    ("region_name", "codes"),
    [
        ("Sachsen", {"14"}),
        ("Berlin, Brandenburg", {"11", "12"}),
        ("Hamburg und Schleswig-Holstein", {"02", "01"}),
        ("Bayern, Mecklenburg-Vorpommern (2015), Niedersachsen", {"09", "13", "03"}),
        ("Bremen, Hessen (bis 2000) und Saarland", {"04", "06", "10"}),
        ("Deutschland, Schleswig-Holstein, Bremen", {"DG", "01", "04"}),
        ("thüringen", {"16"}),
    ],
)
def test_region_names_resolve_by_the_official_codes(region_name: str, codes: set[str]) -> None:
    assert region_codes(region_name) == codes


@pytest.mark.parametrize("region_name", ["", "alle Länder", "Alle Länder", "Region Hannover"])
def test_other_region_names_make_a_general_note(region_name: str) -> None:
    assert region_codes(region_name) is None


@pytest.fixture
def imported(store: Store, genesis: Path) -> tuple[Store, int]:
    return store, import_file(store.sessions, genesis / f"{TABLE}_00.csv").import_id


def _notes(
    imported: tuple[Store, int], regions: list[str], columns: list[tuple[str, tuple[str, ...]]]
) -> str:
    store, import_id = imported
    with store.sessions() as session:
        return "\n".join(footnotes_for(session, [import_id], regions, columns=columns))


def test_a_wrapped_land_list_with_a_period_applies_to_each_land_and_its_kreise(
    imported: tuple[Store, int],
) -> None:
    assert VOLLZEIT in _notes(imported, ["13003"], [VOLLZEIT_COLUMN])  # Rostock
    assert VOLLZEIT in _notes(imported, ["09"], [VOLLZEIT_COLUMN])
    assert VOLLZEIT not in _notes(imported, ["01001", "DG"], [VOLLZEIT_COLUMN])


def test_a_column_label_with_abbreviations_finds_its_dotted_header(
    imported: tuple[Store, int],
) -> None:
    # »Rechnerische Zahl der Vollzeitstellen im pädag. Bereich« is the header
    # »Rechn.Zahl d.Vollzeitstellen i.pädagogisch.Bereich«, not »… Personal Vollzeitstellen«
    assert VOLLZEIT not in _notes(imported, ["13003"], [PERSONAL_COLUMN])


def test_notes_stored_before_any_land_resolve_by_the_official_codes(store: Store) -> None:
    with store.sessions() as session:
        record = ImportRecord(
            file_name="t.csv",
            sha256="0" * 64,
            size=1,
            source_format="genesis-csv",
            encoding="utf-8",
            table_code="t",
            title="t",
        )
        session.add(record)
        session.flush()
        for region_name, text in [
            ("Mecklenburg-Vorpommern", "Mecklenburg-Vorpommern (2005): Korrekturen"),
            ("Bremen", "Bremen: für das Schuljahr 2014/15 keine Daten"),
            ("Deutschland", "Deutschland: mit Schulfremdenprüfung"),
            ("alle Länder", "alle Länder: Zensus 2011"),
            (None, "Ab 2012 mit Nichtschülerprüfungen (Externe)."),
        ]:
            session.add(Footnote(import_id=record.id, region_name=region_name, text=text))
        session.commit()
        assert session.scalar(select(func.count()).select_from(Region)) == 0
        assert footnotes_for(session, [record.id], ["13003"]) == [
            "Mecklenburg-Vorpommern (2005): Korrekturen",
            "alle Länder: Zensus 2011",
            "Ab 2012 mit Nichtschülerprüfungen (Externe).",
        ]
        assert footnotes_for(session, [record.id], ["DG"]) == [
            "Deutschland: mit Schulfremdenprüfung",
            "alle Länder: Zensus 2011",
            "Ab 2012 mit Nichtschülerprüfungen (Externe).",
        ]


def test_a_period_overlaps_the_shown_years_it_contains() -> None:
    assert overlaps((2007, 2007), {2007})
    assert not overlaps((2007, 2007), {2023})
    assert overlaps((2011, None), {2005, 2023})
    assert not overlaps((None, 1998), {1999, 2023})
    assert overlaps(UNLIMITED, {2023})
