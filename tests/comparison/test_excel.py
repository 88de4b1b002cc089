"""The round as Excel: round trip without loss; damaged sheets rejected with located
messages."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.comparison.excel import SheetError, read_upload, round_workbook
from bildungsmonitor.comparison.ring import NewRing, create_ring, ring_row
from bildungsmonitor.comparison.round import RoundView, create_round
from bildungsmonitor.comparison.selection import Answer, record_selection, selections
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.database import Store
from tests.comparison.conftest import MEMBERS


def _setup(store: Store, catalogue: Catalogue) -> tuple[NewRing, RoundView]:
    with store.transaction() as session:
        created = create_ring(session, "Testring", list(MEMBERS), coordinator="Koordination")
        round_ = create_round(
            session,
            ring_row(session, created.ring.slug),
            catalogue,
            "Runde 1",
            areas=["D", "E"],
            extra_topics=["Digitalisierung und Medienbildung"],
        )
    return created, round_


def _edit(data: bytes, changes: dict[tuple[str, str], object]) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in changes.items():
        workbook[sheet][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_round_trip_keeps_every_answer(regions_store: Store, catalogue: Catalogue) -> None:
    created, round_ = _setup(regions_store, catalogue)
    codes = [c.code for c in round_.candidates]
    answers = [
        Answer(
            code=codes[0],
            interest=True,
            priority=1,
            data_available="teilweise",
            data_source="Schulverwaltungsamt; Äußerung »ü«",
            steering_relevant=False,
            comment="Kommentar mit Umlauten: Übergänge",
        ),
        Answer(code=codes[1], interest=False),
        Answer(code=codes[-1], interest=True, priority=3, data_available="nein"),
    ]
    with regions_store.transaction() as session:
        record_selection(session, created.ring, round_, "14713", answers)
        before = selections(session, round_, "14713")
    data = round_workbook(created.ring, round_, "14713", before)
    upload = read_upload(data, created.ring, round_, "runde.xlsx")
    assert upload.region_code == "14713"
    assert upload.answers == answers


def test_workbook_has_one_sheet_per_area_with_validation_lists(
    regions_store: Store, catalogue: Catalogue
) -> None:
    created, round_ = _setup(regions_store, catalogue)
    workbook = load_workbook(io.BytesIO(round_workbook(created.ring, round_)))
    assert workbook.sheetnames[0] == "Hinweise"
    assert len(workbook.sheetnames) == 1 + len(round_.areas())
    sheet = workbook[workbook.sheetnames[1]]
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"ja,teilweise,nein"' in formulas
    assert '"1,2,3"' in formulas


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {("Hinweise", "B5"): None},
            "Blatt »Hinweise«, Zeile 5, Spalte B: Regionalschlüssel fehlt",
        ),
        ({("Hinweise", "B5"): "99999"}, "Blatt »Hinweise«, Zeile 5, Spalte B: »99999« ist kein"),
        ({("Hinweise", "B4"): 999}, "Blatt »Hinweise«, Zeile 4, Spalte B: Die Datei gehört nicht"),
        ({("SHEET", "A2"): "Q99"}, "Zeile 2, Spalte A: Unbekannter Code »Q99«"),
        ({("SHEET", "C3"): "vielleicht"}, "Zeile 3, Spalte C: Unzulässiger Wert »vielleicht«"),
        ({("SHEET", "D2"): 5}, "Zeile 2, Spalte D: Unzulässiger Wert »5«, erwartet 1, 2 oder 3"),
        ({("SHEET", "E4"): "vielleicht"}, "Zeile 4, Spalte E: Unzulässiger Wert"),
        ({("SHEET", "A1"): "Kode"}, "Zeile 1: Kopfzeile entspricht nicht der Vorlage"),
        ({("SHEET", "A2"): None, ("SHEET", "C2"): "ja"}, "Zeile 2, Spalte A: Code fehlt"),
    ],
)
def test_damaged_sheet_is_rejected_with_location(
    regions_store: Store,
    catalogue: Catalogue,
    changes: dict[tuple[str, str], object],
    expected: str,
) -> None:
    created, round_ = _setup(regions_store, catalogue)
    data = round_workbook(created.ring, round_, "14713")
    sheet = load_workbook(io.BytesIO(data)).sheetnames[1]
    data = _edit(data, {(sheet if s == "SHEET" else s, c): v for (s, c), v in changes.items()})
    with pytest.raises(SheetError) as caught:
        read_upload(data, created.ring, round_, "runde.xlsx")
    assert expected in caught.value.message
    assert caught.value.code == "tabelle_ungueltig"


def test_not_an_excel_file_is_a_bad_request(regions_store: Store, catalogue: Catalogue) -> None:
    created, round_ = _setup(regions_store, catalogue)
    with pytest.raises(BadRequest, match="keine lesbare Excel-Datei"):
        read_upload(b"a;b\n1;2\n", created.ring, round_, "runde.csv")
