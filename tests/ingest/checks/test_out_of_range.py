from __future__ import annotations

from pathlib import Path

from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.ingest.checks import CheckContext, out_of_range
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from tests.ingest.checks._specimen import (
    GENESIS,
    LEAVERS,
    TOTAL,
    WITHOUT_HSA,
    cell,
    import_variant,
    set_cell,
)

CODES = ["D7.1a", "D7.2"]  # leavers (valid_range [0, null]) and share without HSA [0, 100]


def _run(store: Store, catalogue: Catalogue) -> list[tuple[str, str | None, int | None, str]]:
    run_compute(store, catalogue, codes=CODES)
    with store.transaction() as session:
        findings = out_of_range.run(CheckContext(session, catalogue))
    return [(f.code, f.region_code, f.year, f.rule) for f in findings]


def _with_range(
    catalogue: Catalogue, code: str, low: float | None, high: float | None
) -> Catalogue:
    indicators = tuple(
        i.model_copy(update={"valid_range": (low, high)}) if i.code == code else i
        for i in catalogue.indicators
    )
    return catalogue.model_copy(update={"indicators": indicators})


def test_real_leaver_shares_lie_within_their_range(store: Store) -> None:
    import_file(store.sessions, GENESIS / LEAVERS)
    assert _run(store, load_catalogue()) == []


def test_a_share_above_100_percent_is_reported(store: Store, tmp_path: Path) -> None:
    def edit(lines: list[str]) -> list[str]:
        total = int(cell(lines, "2023;06411;", TOTAL))
        return set_cell(lines, "2023;06411;", WITHOUT_HSA, str(total + 10))

    import_variant(store, tmp_path, LEAVERS, edit)
    assert _run(store, load_catalogue()) == [("value-out-of-range", "06411", 2023, "D7.2")]


def test_open_bounds_check_only_the_given_side(store: Store) -> None:
    import_file(store.sessions, GENESIS / LEAVERS)
    catalogue = load_catalogue()
    run_compute(store, catalogue, codes=CODES)
    upper_only = _run(store, _with_range(catalogue, "D7.1a", None, 0))
    assert upper_only and {f[3] for f in upper_only} == {"D7.1a"}
    assert _run(store, _with_range(catalogue, "D7.1a", None, None)) == []
    assert _run(store, _with_range(catalogue, "D7.1a", 10**9, None))[0][0] == "value-out-of-range"


def test_finding_names_value_and_both_bounds_open_ones_as_offen(store: Store) -> None:
    import_file(store.sessions, GENESIS / LEAVERS)
    catalogue = _with_range(load_catalogue(), "D7.1a", None, 0)
    run_compute(store, catalogue, codes=CODES)
    with store.transaction() as session:
        finding = out_of_range.run(CheckContext(session, catalogue))[0]
    assert list(finding.params) == ["indicator", "region_code", "year", "value", "low", "high"]
    assert finding.params["indicator"] == finding.rule == "D7.1a"
    assert (finding.params["region_code"], finding.params["year"]) == (
        finding.region_code,
        finding.year,
    )
    assert isinstance(finding.params["value"], int) and finding.params["value"] > 0
    assert (finding.params["low"], finding.params["high"]) == ("offen", "0")
