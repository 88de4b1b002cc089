from __future__ import annotations

from pathlib import Path

from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.ingest.checks import CheckContext, year_jump
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from tests.ingest.checks._specimen import GENESIS, TOTAL, add_to_cell, cell, import_variant

LEAVERS_2014_2015 = "21111-02-06-4_00.csv"  # D7.1a = abg_insg, max_change_pct 25


def _run(store: Store) -> list[tuple[str, str | None, int | None, str]]:
    catalogue = load_catalogue()
    run_compute(store, catalogue, codes=["D7.1a"])
    with store.transaction() as session:
        findings = year_jump.run(CheckContext(session, catalogue))
    return [(f.code, f.region_code, f.year, f.rule) for f in findings]


def test_real_leavers_of_darmstadt_do_not_jump(store: Store) -> None:
    import_file(store.sessions, GENESIS / LEAVERS_2014_2015)
    assert [f for f in _run(store) if f[1] == "06411"] == []


def test_a_tripled_value_is_reported_as_a_jump_from_the_previous_year(
    store: Store, tmp_path: Path
) -> None:
    def edit(lines: list[str]) -> list[str]:
        return add_to_cell(lines, "2015;06411;", TOTAL, 2 * int(cell(lines, "2015;06411;", TOTAL)))

    import_variant(store, tmp_path, LEAVERS_2014_2015, edit)
    found = [f for f in _run(store) if f[1] == "06411"]
    assert found == [("year-jump", "06411", 2015, "D7.1a")]


def test_jump_finding_names_both_years_the_change_and_the_limit(
    store: Store, tmp_path: Path
) -> None:
    def edit(lines: list[str]) -> list[str]:
        return add_to_cell(lines, "2015;06411;", TOTAL, 2 * int(cell(lines, "2015;06411;", TOTAL)))

    import_variant(store, tmp_path, LEAVERS_2014_2015, edit)
    catalogue = load_catalogue()
    run_compute(store, catalogue, codes=["D7.1a"])
    with store.transaction() as session:
        findings = year_jump.run(CheckContext(session, catalogue))
    (finding,) = [f for f in findings if f.region_code == "06411"]
    params = finding.params
    assert list(params) == [
        "indicator",
        "region_code",
        "year",
        "value",
        "previous_year",
        "previous_value",
        "change_pct",
        "max_change_pct",
    ]
    assert (params["indicator"], params["region_code"], params["year"]) == ("D7.1a", "06411", 2015)
    assert params["previous_year"] == 2014 and params["max_change_pct"] == 25
    assert isinstance(params["value"], int) and isinstance(params["previous_value"], int)
    assert params["change_pct"] == round((params["value"] / params["previous_value"] - 1) * 100, 2)
