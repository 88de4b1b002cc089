"""Loading parsed exports into the store: provenance, history, atomicity, findings."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.loader import import_file, series_key
from bildungsmonitor.store import observation as observations
from bildungsmonitor.store import region as regions
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import Footnote, ImportRecord, Observation, Region, Series


def _counts(store: Store) -> tuple[int, int, int, int]:
    with store.transaction() as session:
        return (
            session.scalar(select(func.count()).select_from(ImportRecord)) or 0,
            session.scalar(select(func.count()).select_from(Observation)) or 0,
            session.scalar(select(func.count()).select_from(Series)) or 0,
            session.scalar(select(func.count()).select_from(Region)) or 0,
        )


def _value(store: Store, table: str, region: str, year: int, label: str) -> str:
    with store.transaction() as session:
        found = [
            v.display
            for v in observations.list_values(
                session, table_code=table, region_codes=[region], years=[year]
            )
            if v.label == label
        ]
    assert len(found) == 1, found
    return found[0]


def test_school_leavers_of_anhalt_bitterfeld_2023_are_stored_as_in_the_file(
    store: Store, genesis: Path
) -> None:
    result = import_file(store.sessions, genesis / "21111-02-06-4.csv")
    assert result.status == "importiert"
    assert result.table_code == "21111-02-06-4"
    assert result.stand_text == "13.03.2025 / 16:40:08"
    top = "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss"
    assert _value(store, "21111-02-06-4", "15082", 2023, f"{top} › Insgesamt › Insgesamt") == "1269"
    assert (
        _value(
            store, "21111-02-06-4", "15082", 2023, f"{top} › ohne Hauptschulabschluss › Insgesamt"
        )
        == "213"
    )
    # Sachsen-Anhalt grants no Fachhochschulreife at general schools: the file says "-".
    assert (
        _value(store, "21111-02-06-4", "15", 2023, f"{top} › mit Fachhochschulreife › Insgesamt")
        == "-"
    )
    assert _value(store, "21111-02-06-4", "DG", 2023, f"{top} › Insgesamt › Insgesamt") == "782423"


def test_import_records_provenance(store: Store, genesis: Path) -> None:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    with store.transaction() as session:
        (record,) = observations.list_imports(session)
        notes = session.scalars(select(Footnote)).all()
    assert record.file_name == "21111-02-06-4.csv"
    assert len(record.sha256) == 64
    assert record.size == (genesis / "21111-02-06-4.csv").stat().st_size
    assert record.licence is not None
    assert "Datenlizenz Deutschland" in record.licence
    assert record.stand_date is not None
    assert record.stand_date.year == 2025
    assert any(n.region_name == "Sachsen-Anhalt" for n in notes)
    assert any(n.column_label and "Fachhochschulreife" in n.column_label for n in notes)


def test_series_identity_is_derived_from_table_and_path(store: Store, genesis: Path) -> None:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    with store.transaction() as session:
        keys = {
            s.key: s.path for s in observations.list_series(session, table_code="21111-02-06-4")
        }
    for key, path in keys.items():
        assert series_key("21111-02-06-4", path) == key
    assert len(keys) == 14


def test_reimporting_the_same_file_changes_nothing(store: Store, genesis: Path) -> None:
    first = import_file(store.sessions, genesis / "13211-02-05-4.csv")
    before = _counts(store)
    again = import_file(store.sessions, genesis / "13211-02-05-4.csv")
    assert again.status == "unverändert"
    assert again.import_id == first.import_id
    assert _counts(store) == before


def test_newer_export_replaces_older_values_and_keeps_history(store: Store, genesis: Path) -> None:
    older = import_file(store.sessions, genesis / "12411-01-01-4_00.csv")  # Stand 10.10.2017
    newer = import_file(store.sessions, genesis / "datenguide-backend_12411-01-01-4.csv")
    assert newer.replaced > 0
    with store.transaction() as session:
        current = observations.list_values(
            session, table_code="12411-01-01-4", region_codes=["15082"], years=[2015]
        )
        history = observations.list_values(
            session,
            table_code="12411-01-01-4",
            region_codes=["15082"],
            years=[2015],
            include_history=True,
        )
        older_years = observations.list_values(
            session, table_code="12411-01-01-4", region_codes=["15082"], years=[2010]
        )
    assert {v.import_id for v in current} == {newer.import_id}
    assert {v.import_id for v in history} == {older.import_id, newer.import_id}
    assert len(history) == 2 * len(current) == 6
    # periods the newer file does not cover stay with the older import
    assert {v.import_id for v in older_years} == {older.import_id}


def test_older_export_imported_later_goes_straight_to_history(store: Store, genesis: Path) -> None:
    newer = import_file(store.sessions, genesis / "datenguide-backend_12411-01-01-4.csv")
    older = import_file(store.sessions, genesis / "12411-01-01-4_00.csv")
    assert older.superseded_on_arrival > 0
    with store.transaction() as session:
        current = observations.list_values(
            session, table_code="12411-01-01-4", region_codes=["15082"], years=[2015]
        )
    assert {v.import_id for v in current} == {newer.import_id}


def test_broken_file_is_rejected_with_location_and_leaves_database_unchanged(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    import_file(store.sessions, genesis / "13211-02-05-4.csv")
    before = _counts(store)
    lines = (genesis / "21111-02-06-4.csv").read_bytes().split(b"\n")
    lines[20] = lines[20].replace(b";1", b";1a", 1)
    broken = tmp_path / "kaputt.csv"
    broken.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError) as caught:
        import_file(store.sessions, broken)
    assert caught.value.file == "kaputt.csv"
    assert caught.value.line == 21
    assert caught.value.column is not None
    assert "kaputt.csv" in caught.value.message
    assert _counts(store) == before


def test_a_file_that_is_no_export_is_rejected(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "notizen.csv"
    other.write_text("Einkaufsliste;Milch\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_file(store.sessions, other)
    assert caught.value.line == 1
    assert _counts(store) == (0, 0, 0, 0)


def test_import_leaves_the_garbage_collector_running_after_success_and_failure(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    assert gc.isenabled()
    import_file(store.sessions, genesis / "82411-01-03-4.csv")
    assert gc.isenabled()
    other = tmp_path / "notizen.csv"
    other.write_text("Einkaufsliste;Milch\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_file(store.sessions, other)
    assert gc.isenabled()


def test_truncated_export_is_rejected_without_partial_import(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    data = (genesis / "21111-02-06-4.csv").read_bytes()
    truncated = tmp_path / "abgeschnitten.csv"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError):
        import_file(store.sessions, truncated)
    assert _counts(store) == (0, 0, 0, 0)


def test_dissolved_kreise_are_historic_and_hidden_from_current_listings(
    store: Store, genesis: Path
) -> None:
    import_file(store.sessions, genesis / "12411-01-01-4_00.csv")
    with store.transaction() as session:
        bitterfeld = regions.get_region(session, "15154")
        anhalt_bitterfeld = regions.get_region(session, "15082")
        current = {r.code for r in regions.list_regions(session, under="15", level="kreis")}
        everything = {
            r.code for r in regions.list_regions(session, under="15", include_historic=True)
        }
    assert bitterfeld.historic
    assert bitterfeld.last_data_year is not None
    assert bitterfeld.last_data_year < 2008
    assert not anhalt_bitterfeld.historic
    assert "15154" not in current
    assert "15154" in everything
    assert "15082" in current


def test_region_hierarchy_and_types_follow_codes_and_names(store: Store, genesis: Path) -> None:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    with store.transaction() as session:
        kreise = regions.list_regions(session, under="15", level="kreis")
        leipzig = regions.get_region(session, "14713")
        saxony_region = regions.get_region(session, "147")
        land = regions.get_region(session, "15")
    by_type = {r.region_type for r in kreise}
    assert len(kreise) == 14
    assert by_type == {"kreisfreie Stadt", "Landkreis"}
    assert sum(r.region_type == "kreisfreie Stadt" for r in kreise) == 3
    assert all(r.parent_code == "15" for r in kreise)
    assert leipzig.region_type == "kreisfreie Stadt"
    assert leipzig.parent_code == "147"
    assert saxony_region.parent_code == "14"
    assert land.level == "land"
    assert land.parent_code == "DG"


def test_own_data_template_imports_and_reports_unknown_regions(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    example = Path(__file__).parents[2] / "bildungsmonitor/data/templates/eigene-daten-beispiel.csv"
    data = example.read_text(encoding="utf-8-sig") + "99999;2023;vhs_kurse;5;Anzahl;;;;\n"
    own = tmp_path / "eigene.csv"
    own.write_text(data, encoding="utf-8")
    result = import_file(store.sessions, own)
    assert [f.code for f in result.findings] == ["unknown-region-code"]
    with store.transaction() as session:
        values = observations.list_values(
            session, table_code="eigene-daten", region_codes=["15082"]
        )
    shown = {(v.label, v.period): v.display for v in values}
    assert shown[("Schulsozialarbeit in Vollzeitäquivalenten", "2023")] == "12,5"
    assert shown[("Kurse der Volkshochschule", "2023")] == "."
    assert shown[("Schülerinnen und Schüler im Ganztag", "2022/23")] == "-"
    assert {v.year for v in values if v.period == "2022/23"} == {2023}


@pytest.mark.parametrize(
    ("line", "expected_line", "expected_column"),
    [
        ("15082;2023;x y;1;;;;;", 3, 3),
        ("15082;20233;a;1;;;;;", 3, 2),
        ("15082;2023;a;1.5;;;;;", 3, 4),
    ],
)
def test_own_data_errors_are_located(
    store: Store, tmp_path: Path, line: str, expected_line: int, expected_column: int
) -> None:
    own = tmp_path / "eigene.csv"
    own.write_text(
        "regionalschluessel;zeitraum;merkmal;wert;einheit;quelle;bezeichnung;kategorie;stand\n"
        f"15082;2023;a;1;;;;;\n{line}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        import_file(store.sessions, own)
    assert (caught.value.line, caught.value.column) == (expected_line, expected_column)
    assert _counts(store)[0] == 0


def test_changed_table_layout_is_a_finding(store: Store, genesis: Path, tmp_path: Path) -> None:
    import_file(store.sessions, genesis / "datenguide-backend_21111-02-06-4.csv")
    result = import_file(store.sessions, genesis / "21111-02-06-4.csv")
    assert "layout-changed" in {f.code for f in result.findings}


def test_copied_file_with_other_name_counts_as_the_same_import(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "kopie.csv"
    shutil.copy(genesis / "82411-01-03-4.csv", copy)
    import_file(store.sessions, genesis / "82411-01-03-4.csv")
    assert import_file(store.sessions, copy).status == "unverändert"


def test_repeated_row_with_other_values_is_a_finding_and_first_value_counts(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    lines = (genesis / "82411-01-03-4.csv").read_bytes().split(b"\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(b"2021;15082;")]
    changed = lines[index].rsplit(b";", 1)[0] + b";1"
    lines.insert(index + 1, changed)
    doubled = tmp_path / "doppelt.csv"
    doubled.write_bytes(b"\n".join(lines))
    result = import_file(store.sessions, doubled)
    duplicates = [f for f in result.findings if f.code == "duplicate-cell"]
    assert len(duplicates) == 1
    assert duplicates[0].line == index + 2
    assert duplicates[0].params["second"] == "1"
    with store.transaction() as session:
        values = observations.list_values(session, region_codes=["15082"], years=[2021])
    per_head = [v for v in values if v.unit == "EUR"]
    assert len(per_head) == 1
    assert per_head[0].display == lines[index].rsplit(b";", 1)[1].decode()


def test_own_data_template_as_xlsx_imports_like_csv(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    import openpyxl

    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["regionalschluessel", "zeitraum", "merkmal", "wert", "einheit", "quelle"])
    sheet.append(["15082", "2023", "schulsozialarbeit_vze", 12.5, "VZÄ", "Jugendamt"])
    sheet.append(["15082", "2022", "schulsozialarbeit_vze", ".", "VZÄ", "Jugendamt"])
    path = tmp_path / "eigene.xlsx"
    workbook.save(path)
    result = import_file(store.sessions, path)
    assert result.cells == 2
    with store.transaction() as session:
        shown = {
            v.period: v.display
            for v in observations.list_values(session, table_code="eigene-daten")
        }
    assert shown == {"2023": "12,5", "2022": "."}
    bad = openpyxl.Workbook()
    bad_sheet = bad.active
    assert bad_sheet is not None
    bad_sheet.append(["regionalschluessel", "zeitraum", "merkmal", "wert"])
    bad_sheet.append(["15082", "20x3", "a", 1])
    bad.save(tmp_path / "falsch.xlsx")
    with pytest.raises(InputError) as caught:
        import_file(store.sessions, tmp_path / "falsch.xlsx")
    assert (caught.value.line, caught.value.column) == (2, 2)
