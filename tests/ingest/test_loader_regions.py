"""Regions as imports leave them: names, types, parents, years with data, dissolution."""

from __future__ import annotations

from pathlib import Path

from bildungsmonitor.ingest.loader import ImportResult, import_file
from bildungsmonitor.store import region as regions
from bildungsmonitor.store.database import Store

Row = tuple[int, str, str, str]
"""(year, region code, region name, cell) of a tiny export."""


def _import(store: Store, folder: Path, stand: str, rows: list[Row]) -> ImportResult:
    """Import a small GENESIS export with one value column and the given *Stand*."""
    lines = [
        "GENESIS-Tabelle: 99999-01-01-4",
        "Testtabelle;;;",
        ";;;Schüler",
        ";;;Anzahl",
        *(f"{year};{code};{name};{cell}" for year, code, name, cell in rows),
        "__________",
        '"© Testamt"',
        f"Stand: {stand} / 12:00:00",
    ]
    path = folder / f"export-{stand}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_file(store.sessions, path)


def _region(store: Store, code: str) -> regions.RegionView:
    with store.transaction() as session:
        return regions.get_region(session, code)


def _renames(result: ImportResult) -> list[dict[str, object]]:
    return [f.params for f in result.findings if f.code == "region-renamed"]


def test_newer_export_renames_a_region_and_an_older_one_only_reports_its_names(
    store: Store, tmp_path: Path
) -> None:
    land = (2019, "15", "Sachsen-Anhalt", "10")
    _import(store, tmp_path, "01.01.2020", [land, (2019, "15001", "Dessau-Roßlau, Stadt", "1")])
    assert _region(store, "15001").region_type == "Kreis"

    newer = _import(
        store,
        tmp_path,
        "01.01.2024",
        [land, (2019, "15001", "Dessau-Roßlau, kreisfreie Stadt", "1")],
    )
    renamed = _region(store, "15001")
    assert (renamed.name, renamed.region_type) == (
        "Dessau-Roßlau, kreisfreie Stadt",
        "kreisfreie Stadt",
    )
    assert _renames(newer) == [
        {
            "region_code": "15001",
            "old_name": "Dessau-Roßlau, Stadt",
            "new_name": "Dessau-Roßlau, kreisfreie Stadt",
        }
    ]

    older = _import(
        store, tmp_path, "01.01.2018", [land, (2017, "15001", "Dessau-Roßlau, Stadt", "1")]
    )
    assert _region(store, "15001").name == "Dessau-Roßlau, kreisfreie Stadt"
    # an older file's names: one finding for the whole file, not one per region
    assert _renames(older) == []
    (summary,) = [f for f in older.findings if f.code == "older-region-names"]
    assert summary.params["count"] == 1
    assert summary.params["regions"] == [
        {
            "region_code": "15001",
            "name": "Dessau-Roßlau, kreisfreie Stadt",
            "in_file": "Dessau-Roßlau, Stadt",
        }
    ]
    assert "15001 »Dessau-Roßlau, Stadt« statt »Dessau-Roßlau, kreisfreie Stadt«" in (
        summary.message
    )

    case_only = _import(
        store,
        tmp_path,
        "01.01.2025",
        [land, (2024, "15001", "dessau-roßlau, kreisfreie stadt", "1")],
    )
    assert _renames(case_only) == []
    assert _region(store, "15001").name == "dessau-roßlau, kreisfreie stadt"


def test_years_with_data_only_grow_and_a_region_listed_with_dashes_only_is_dissolved(
    store: Store, tmp_path: Path
) -> None:
    land = "Sachsen-Anhalt"
    _import(
        store,
        tmp_path,
        "01.01.2020",
        [
            (2018, "15", land, "10"),
            (2018, "15001", "Dessau-Roßlau, Stadt", "4"),
            (2018, "15002", "Halle (Saale), Stadt", "5"),
            (2019, "15", land, "10"),
            (2019, "15001", "Dessau-Roßlau, Stadt", "-"),
            (2019, "15002", "Halle (Saale), Stadt", "6"),
        ],
    )
    dessau, halle = _region(store, "15001"), _region(store, "15002")
    assert (dessau.last_data_year, dessau.historic) == (2018, True)
    assert (halle.last_data_year, halle.historic) == (2019, False)

    # an export of earlier years changes nothing
    _import(
        store,
        tmp_path,
        "01.01.2016",
        [(2015, "15", land, "9"), (2015, "15002", "Halle (Saale), Stadt", ".")],
    )
    assert _region(store, "15002") == halle

    # a value in a later year makes a region current again
    _import(
        store,
        tmp_path,
        "01.01.2022",
        [(2021, "15", land, "9"), (2021, "15001", "Dessau-Roßlau, Stadt", "3")],
    )
    dessau = _region(store, "15001")
    assert (dessau.last_data_year, dessau.historic) == (2021, False)


def test_a_region_gets_the_nearest_known_parent_when_an_export_names_it_again(
    store: Store, tmp_path: Path
) -> None:
    land = (2019, "15", "Sachsen-Anhalt", "10")
    kreis = (2019, "15001", "Dessau-Roßlau, Stadt", "1")
    _import(store, tmp_path, "01.01.2020", [land, kreis])
    assert _region(store, "15001").parent_code == "15"
    assert _region(store, "15").parent_code == "DG"

    _import(
        store, tmp_path, "01.01.2021", [land, (2019, "150", "Dessau, Stat. Region", "5"), kreis]
    )
    assert _region(store, "15001").parent_code == "150"
    assert _region(store, "150").parent_code == "15"


def test_shipped_older_vintages_report_their_names_once_per_file(
    store: Store, genesis: Path
) -> None:
    newest = import_file(store.sessions, genesis / "21111-02-06-4.csv")  # Stand 2025
    older = import_file(store.sessions, genesis / "21111-02-06-4_00.csv")  # Stand 2017
    assert [f for f in newest.findings if f.code.endswith("region-names")] == []
    assert _renames(older) == []
    (summary,) = [f for f in older.findings if f.code == "older-region-names"]
    named = {r["region_code"]: r for r in summary.params["regions"]}
    assert summary.params["count"] == len(named) > 50
    kiel = named["01002"]
    assert kiel["in_file"] == "Kiel, Landeshauptstadt, Kreisfreie Stadt"
    assert _region(store, "01002").name == kiel["name"] == "Kiel, kreisfreie Stadt"
