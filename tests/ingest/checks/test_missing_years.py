from __future__ import annotations

from collections import Counter
from pathlib import Path

from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.ingest.checks import CheckContext, PlausibilityFinding, missing_years
from bildungsmonitor.ingest.checks.missing_years import LIMIT
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from tests.ingest.checks._specimen import LEAVERS, lines_of, write

SERIES = 14  # leavers: 7 Abschlussarten × (Insgesamt, weiblich)


def _as_year(lines: list[str], year: int) -> list[str]:
    return [f"{year};{line[5:]}" if line.startswith("2023;") else line for line in lines]


def _import_years(store: Store, tmp_path: Path, dropped_in_2021: tuple[str, ...]) -> None:
    lines = lines_of(LEAVERS)
    for year in (2019, 2021, 2023):
        variant = _as_year(lines, year)
        if year == 2021:
            variant = [v for v in variant if not v.startswith(dropped_in_2021)]
        import_file(store.sessions, write(tmp_path, f"leavers_{year}.csv", variant))


def _run(store: Store) -> list[PlausibilityFinding]:
    with store.transaction() as session:
        return missing_years.run(CheckContext(session, load_catalogue()))


def test_complete_series_have_no_gaps(store: Store, tmp_path: Path) -> None:
    _import_years(store, tmp_path, dropped_in_2021=())
    assert _run(store) == []


def test_a_region_without_a_year_other_regions_have_is_reported(
    store: Store, tmp_path: Path
) -> None:
    _import_years(store, tmp_path, dropped_in_2021=("2021;06411;",))
    found = _run(store)
    assert {(f.code, f.region_code, f.year) for f in found} == {("missing-years", "06411", 2021)}
    assert len(found) == SERIES
    assert found[0].params["missing"] == [2021]


def test_many_gaps_in_one_series_are_capped_with_a_summary(store: Store, tmp_path: Path) -> None:
    bavarian = tuple(
        line[:11] for line in lines_of(LEAVERS) if line.startswith("2023;09") and line[10] == ";"
    )[:25]
    assert len(bavarian) == 25
    _import_years(store, tmp_path, dropped_in_2021=tuple("2021" + p[4:] for p in bavarian))
    found = _run(store)
    counts = Counter(f.code for f in found)
    assert counts == {"missing-years": SERIES * LIMIT, "missing-years-summary": SERIES}
    summaries = [f for f in found if f.code == "missing-years-summary"]
    assert {f.params["regions"] for f in summaries} == {25}
