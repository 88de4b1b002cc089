from __future__ import annotations

from pathlib import Path

import polars as pl

from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.ingest.checks import CheckContext, kreise_vs_land
from bildungsmonitor.ingest.checks._rounding import per_value_error, rounding_rules
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from tests.ingest.checks._specimen import GENESIS, LEAVERS, TOTAL, add_to_cell, import_variant

CODE = "kreise-differ-from-land"


def _run(store: Store) -> list[tuple[str, str | None, int | None, dict[str, object]]]:
    with store.transaction() as session:
        findings = kreise_vs_land.run(CheckContext(session, load_catalogue()))
    return [(f.code, f.region_code, f.year, f.params) for f in findings]


def test_kreise_of_the_real_leaver_export_add_up_to_their_land(store: Store) -> None:
    import_file(store.sessions, GENESIS / LEAVERS)
    assert _run(store) == []


def test_small_deviation_within_the_3er_rounding_of_sachsen_anhalt_is_tolerated(
    store: Store, tmp_path: Path
) -> None:
    def edit(lines: list[str]) -> list[str]:
        return add_to_cell(lines, "2023;15001;", TOTAL, 3)

    import_variant(store, tmp_path, LEAVERS, edit)
    assert _run(store) == []


def test_large_deviation_in_sachsen_anhalt_exceeds_the_rounding_tolerance(
    store: Store, tmp_path: Path
) -> None:
    def edit(lines: list[str]) -> list[str]:
        return add_to_cell(lines, "2023;15001;", TOTAL, 300)

    import_variant(store, tmp_path, LEAVERS, edit)
    found = _run(store)
    assert [(code, region, year) for code, region, year, _ in found] == [(CODE, "15", 2023)]
    assert found[0][3]["difference"] == 300
    assert found[0][3]["tolerance"] == 2 * (14 + 1)  # (3 − 1) × (14 Kreise + the Land)


def test_any_deviation_is_reported_where_no_rounding_is_announced(
    store: Store, tmp_path: Path
) -> None:
    def edit(lines: list[str]) -> list[str]:
        return add_to_cell(lines, "2023;06411;", TOTAL, 1)

    import_variant(store, tmp_path, LEAVERS, edit)
    found = _run(store)
    assert [(code, region, year) for code, region, year, _ in found] == [(CODE, "06", 2023)]
    assert found[0][3]["tolerance"] == 0


def test_rounding_notes_name_their_base_lands_and_first_year() -> None:
    assert per_value_error("ab 2018/19 einem 3er-Rundungsverfahren unterzogen") == 2
    assert per_value_error("Nordrhein-Westfalen 5er-Rundung") == 4
    assert per_value_error("Rundungsdifferenzen sind möglich.") == 1
    assert per_value_error("Doppelabiturjahrgang") is None

    notes = pl.DataFrame(
        {
            "import_id": [1, 1],
            "region_name": ["Niedersachsen, Schleswig-Holstein", "Deutschland"],
            "region_code": [None, "DG"],
            "text": ["ab 2018/19 3er-Rundungsverfahren", "Sachsen-Anhalt 3er-Rundung"],
        }
    )
    imports = pl.DataFrame({"import_id": [1], "title": ["Schulen"]})
    lands = {"niedersachsen": "03", "schleswig-holstein": "01", "sachsen-anhalt": "15"}
    rules = rounding_rules(notes, imports, lands)
    assert sorted(rules.rows()) == [(1, "01", 2.0, 2018), (1, "03", 2.0, 2018)]


def test_demo_database_runs_through(demo_store: Store) -> None:
    found = _run(demo_store)
    assert {code for code, *_ in found} <= {CODE}
    assert not [f for f in found if f[1] == "15" and f[3]["table"] == "21111-02-06-4"]
