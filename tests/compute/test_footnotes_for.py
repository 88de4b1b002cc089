"""Which footnotes of a source table apply: by region (the region, its Land, a list of
Länder) and by column (the indicator's input series), on the real 21111-02-06-4 export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bildungsmonitor.compute.indicator_value import footnotes_for
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store

TABLE = "21111-02-06-4"
ROUNDING_ST = "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse einem 3er-Rundungsverfahren"
ROUNDING_HB = "Bremen: Differenzen bei der Aufsummierung der Kreisergebnisse"
GERMANY = "Deutschland: Die Aufsummierung der Länderergebnisse"
FHR_BE_SN = "Berlin, Sachsen: Eine Fachhochschulreife kann nur an beruflichen Schulen"
ABITUR_ST = "Sachsen-Anhalt (2007): Doppelabiturjahrgang"
OHNE_HSA = (TABLE, ("*", "ohne Hauptschulabschluss", "Insgesamt"))
MIT_FHR = (TABLE, ("*", "mit Fachhochschulreife", "Insgesamt"))
MIT_AHR = (TABLE, ("*", "mit allgemeiner Hochschulreife", "Insgesamt"))

Columns = list[tuple[str, Sequence[str]]]


@pytest.fixture
def imported(store: Store, genesis: Path) -> tuple[Store, int]:
    return store, import_file(store.sessions, genesis / f"{TABLE}.csv").import_id


def _notes(
    imported: tuple[Store, int], regions: list[str] | None, columns: Columns | None = None
) -> str:
    store, import_id = imported
    with store.sessions() as session:
        return "\n".join(footnotes_for(session, [import_id], regions, columns=columns))


def test_without_scope_every_note_is_listed_once(imported: tuple[Store, int]) -> None:
    store, import_id = imported
    with store.sessions() as session:
        notes = footnotes_for(session, [import_id])
    assert len(notes) == len(set(notes))
    text = "\n".join(notes)
    assert ROUNDING_ST in text and ROUNDING_HB in text and FHR_BE_SN in text


def test_notes_of_the_region_its_land_and_general_ones_apply(
    imported: tuple[Store, int],
) -> None:
    text = _notes(imported, ["15082", "15", "DG"])
    assert ROUNDING_ST in text and GERMANY in text
    assert "Die Angabe des Berichtsjahres bezieht sich" in text  # a general note
    assert ROUNDING_HB not in text  # another Land's note
    assert FHR_BE_SN not in text  # a list of other Länder


def test_a_land_note_applies_to_its_kreise_without_the_land_shown(
    imported: tuple[Store, int],
) -> None:
    text = _notes(imported, ["15082"])
    assert ROUNDING_ST in text
    assert GERMANY not in text


def test_a_note_on_a_list_of_laender_applies_to_each_of_them(
    imported: tuple[Store, int],
) -> None:
    assert FHR_BE_SN in _notes(imported, ["14713"], [MIT_FHR])  # Leipzig, Sachsen


def test_a_column_note_applies_only_when_its_column_is_an_input(
    imported: tuple[Store, int],
) -> None:
    assert FHR_BE_SN not in _notes(imported, ["14713"], [OHNE_HSA])
    # »Absolventen/Abgänger mit allg. Hochschulreife (ohne Fachhochschulreife)« is the
    # header path »… › mit allgemeiner Hochschulreife › …«
    assert ABITUR_ST in _notes(imported, ["15082"], [MIT_AHR])
    assert ABITUR_ST not in _notes(imported, ["15082"], [OHNE_HSA, MIT_FHR])
    # general notes are not column notes: they stay
    assert ROUNDING_ST in _notes(imported, ["15082"], [OHNE_HSA])


def test_an_indicator_without_input_in_the_table_gets_no_column_notes(
    imported: tuple[Store, int],
) -> None:
    text = _notes(imported, ["15082", "15"], [("12411-01-01-4", ("Insgesamt",))])
    assert ABITUR_ST not in text
    assert ROUNDING_ST in text
