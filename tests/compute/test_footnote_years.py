"""Footnotes limited to a period apply to the shown years they overlap (real
21111-02-06-4 export); the region goes in front only when the text does not name it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.compute.figure import footnote_text
from bildungsmonitor.compute.indicator_value import footnotes_for
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.reports._data import ReportData
from bildungsmonitor.store.database import Store

GERMANY_2007 = "Deutschland (2007): das Bundesergebnis"
ROUNDING_ST = "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse"
BAYERN_1998 = "Bayern (bis 1998): einschl. Schulentlassener"


@pytest.mark.parametrize(
    ("years", "germany", "rounding", "bayern"),
    [
        (None, True, True, True),  # all years, as before
        ([2023], False, True, False),
        ([2007], True, False, False),
        ([1995, 2007], True, False, True),
        ([2017], False, True, False),  # the school year 2017/18 touches 2017
        ([2016], False, False, False),
    ],
)
def test_a_note_applies_to_the_years_of_its_period(
    store: Store,
    genesis: Path,
    years: list[int] | None,
    germany: bool,
    rounding: bool,
    bayern: bool,
) -> None:
    import_id = import_file(store.sessions, genesis / "21111-02-06-4.csv").import_id
    with store.transaction() as session:
        notes = "\n".join(footnotes_for(session, [import_id], years=years))
    assert (GERMANY_2007 in notes, ROUNDING_ST in notes, BAYERN_1998 in notes) == (
        germany,
        rounding,
        bayern,
    )


def test_report_notes_follow_the_shown_years(store: Store, genesis: Path) -> None:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    catalogue = load_catalogue()
    run_compute(store, catalogue, codes=["D7.2"])
    with store.transaction() as session:
        data = ReportData(session, catalogue)
        indicator = next(i for i in catalogue.indicators if i.code == "D7.2")
        recent = "\n".join(data.footnotes(indicator, ["15082", "DG"], [2023]))
        old = "\n".join(data.footnotes(indicator, ["15082", "DG"], [2007]))
        every = "\n".join(data.footnotes(indicator, ["15082", "DG"]))
    assert GERMANY_2007 not in recent and ROUNDING_ST in recent
    assert GERMANY_2007 in old and ROUNDING_ST not in old
    assert GERMANY_2007 in every and ROUNDING_ST in every


@pytest.mark.parametrize(
    ("region", "text", "shown"),
    [
        ("Hamburg, Schleswig-Holstein", "Hamburg und Schleswig-Holstein: einschl. X", None),
        ("Deutschland", "Deutschland (2007): das Bundesergebnis …", None),
        ("Rheinland-Pfalz, Sachsen", "Berichtjahre 2008-2013: Rheinland-Pfalz, Sachsen: Auf", None),
        ("Niedersachsen", "Niedersachen (ab 2015): wird statistisch nicht erfasst", None),
        ("Sachsen", "Mehrfachzählungen; Schulen", "Sachsen: Mehrfachzählungen; Schulen"),
        (None, "Ab 2011: Zensus", None),
    ],
)
def test_the_region_goes_in_front_only_when_the_text_does_not_name_it(
    region: str | None, text: str, shown: str | None
) -> None:
    assert footnote_text(region, text) == (shown or text)
