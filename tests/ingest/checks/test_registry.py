from __future__ import annotations

from pathlib import Path

from bildungsmonitor import _docs
from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.ingest.checks import (
    CHECK_FINDING_TYPES,
    CHECKS,
    list_check_findings,
    run_checks,
)
from bildungsmonitor.ingest.finding import FINDING_TYPES, all_finding_types, finding_type
from bildungsmonitor.store.database import Store
from tests.ingest.checks._specimen import LEAVERS, TOTAL, WITHOUT_HSA, add_to_cell, import_variant

DOCS = Path(__file__).parents[3] / "docs"


def test_every_check_finding_is_catalogued_with_a_unique_code() -> None:
    codes = [kind.code for kind in all_finding_types()]
    assert len(codes) == len(set(codes))
    assert set(all_finding_types()) == set(FINDING_TYPES) | set(CHECK_FINDING_TYPES)
    for kind in CHECK_FINDING_TYPES:
        assert finding_type(kind.code) is kind
        assert f"`{kind.code}`" in _docs.render_findings()


def test_every_check_is_described_in_the_checks_page() -> None:
    page = (DOCS / "checks.md").read_text(encoding="utf-8")
    for check in CHECKS:
        assert f"`{check.name}`" in page
        for kind in check.finding_types:
            assert f"`{kind.code}`" in page


def test_run_checks_stores_findings_and_replaces_the_previous_run(
    store: Store, tmp_path: Path
) -> None:
    def edit(lines: list[str]) -> list[str]:
        lines = add_to_cell(lines, "2023;06411;", WITHOUT_HSA, 5000)
        return add_to_cell(lines, "2023;06412;", TOTAL, 1)

    import_variant(store, tmp_path, LEAVERS, edit)
    catalogue = load_catalogue()
    first = run_checks(store, catalogue)
    second = run_checks(store, catalogue)
    assert [f.to_dict()["code"] for f in first] == [f.code for f in second]
    with store.transaction() as session:
        stored = list_check_findings(session)
        darmstadt = list_check_findings(session, region="06411")
        hessen = list_check_findings(session, region="06", code="kreise-differ-from-land")
    assert len(stored) == len(second)
    assert [(f.code, f.rule, f.year) for f in darmstadt] == [
        ("parts-exceed-total", "D-abg-teile", 2023)
    ]
    assert hessen and {f.region_code for f in hessen} == {"06"}
    assert darmstadt[0].title == "Teile größer als Summe"
    assert darmstadt[0].to_dict()["params"]["rule"] == "D-abg-teile"
