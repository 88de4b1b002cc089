"""The period a GENESIS footnote is limited to, read from its leading prefix: real notes
of the shipped exports; unclear forms stay unlimited."""

from __future__ import annotations

from pathlib import Path

import pytest

from bildungsmonitor.ingest._footnote_period import UNLIMITED, note_period
from bildungsmonitor.ingest.genesis_csv import parse

CASES = [
    # region (period): …
    (
        "Deutschland",
        "Deutschland (2007): das Bundesergebnis enthält das Landesergebnis Hessens aus "
        "dem Jahr 2006",
        (2007, 2007),
    ),
    (
        "Baden-Württemberg",
        "Baden-Württemberg (Berichtsjahr 2008-2010): Gebietsstand 01.01.2009",
        (2008, 2010),
    ),
    ("Berlin", "Berlin (1995 bis 2000): bezogen auf den Gebietsstand 01.01.2001", (1995, 2000)),
    (
        "Sachsen",
        "Sachsen (2015): Auswertungsstand März 2016, Gebietsstand 01.01. des Folgejahres",
        (2015, 2015),
    ),
    (
        "Thüringen",
        "Thüringen (1995 - 2002): einschl. Schulabgängern der Klassenstufen 10 bis 13",
        (1995, 2002),
    ),
    ("Rheinland-Pfalz", "Rheinland-Pfalz (ab 2011): Gebietsstand des Folgejahres", (2011, None)),
    (
        "Saarland",
        "Saarland (von 2011 bis 2015): Ergebnisse der Wanderungen mit Ereignisdatum nach "
        "dem 09.05.2011",
        (2011, 2015),
    ),
    (
        "Bayern",
        "Bayern (bis 1998): einschl. Schulentlassener aus mindestens dreistufigen "
        "Wirtschaftsschulen",
        (None, 1998),
    ),
    (
        "Berlin",
        "Berlin (1995, 1996): einschl. Vorbereitungsklassen für ausländische Schüler der "
        "Mittelstufe",
        (1995, 1996),
    ),
    (
        "Nordrhein-Westfalen",
        "Nordrhein-Westfalen (bis Schuljahr 2005/06): ohne Förderschulen im Bereich der "
        "Freien Waldorfschulen",
        (None, 2006),
    ),
    (
        "Saarland",
        "Saarland (ab Schuljahr 2012/2013 bis Schuljahr 2014/2015): Erweiterte "
        "Realschulen, Gemeinschaftsschulen",
        (2012, 2015),
    ),
    (
        "Baden-Württemberg",
        "Baden-Württemberg: (bis Schuljahr 2011/2012): Schulen besonderer Art",
        (None, 2012),
    ),
    ("Niedersachsen", "Niedersachen (ab 2015): wird statistisch nicht erfasst", (2015, None)),
    (
        "alle Länder",
        "alle Länder (bis 2008): keine Befragung zu der Mittagsverpflegung",
        (None, 2008),
    ),
    # a leading period
    (None, "Ab 2011: Ergebnisse auf Grundlage des Zensus 2011.", (2011, None)),
    (None, "ab dem Berichtsjahr 2011: nach dem Zensus 2011", (2011, None)),
    (None, "Berichtsjahr (ab 2011): Ergebnisse auf Grundlage des Zensus 2011", (2011, None)),
    (
        None,
        "2017: Aufgrund der starken Zuwanderung wird die Ausländerarbeitslosenquote auf "
        "Kreisebene nicht ausgewiesen.",
        (2017, 2017),
    ),
    (None, "Berichtsjahre 2001-2007: Daten sind nicht revidiert.", (2001, 2007)),
    (
        "Rheinland-Pfalz, Sachsen",
        "Berichtjahre 2008-2013: Rheinland-Pfalz, Sachsen: Auf Ebene der "
        "Regierungsbezirke",
        (2008, 2013),
    ),
    (
        None,
        "(2011): Nachträgliche Korrekturen der Statistischen Landesämter wurden im "
        "Bundesergebnis nicht mehr berücksichtigt",
        (2011, 2011),
    ),
    # »ab <school year>« right after the region: both calendar years of the school year count
    (
        "Sachsen-Anhalt",
        "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse einem 3er-Rundungsverfahren "
        "unterzogen.",
        (2017, None),
    ),
    (
        "Niedersachsen, Schleswig-Holstein",
        "Niedersachsen, Schleswig-Holstein: ab 2018/19 sind die Ergebnisse einem "
        "3er-Rundungsverfahren unterzogen.",
        (2018, None),
    ),
    (
        "Sachsen",
        "Sachsen: ab 2020/2021 werden Personen mit den Geschlechtsangaben divers bzw. "
        "ohne Angabe",
        (2020, None),
    ),
    # unclear: unlimited
    (
        "Thüringen, Hessen",
        "Thüringen, Hessen (ab 2001): ohne Mehrfachzählungen bei Berufssonderschulen",
        UNLIMITED,
    ),
    (
        "Mecklenburg-Vorpommern, Sachsen-Anhalt",
        "Mecklenburg-Vorpommern, Sachsen-Anhalt (2001): Einführung der 13. Jahrgangsstufe",
        UNLIMITED,
    ),
    (
        "Sachsen-Anhalt, Thüringen",
        "Sachsen-Anhalt (1994), Thüringen: nur Horte in freier Trägerschaft der "
        "Jugendhilfe",
        UNLIMITED,
    ),
    (
        "Baden-Württemberg",
        "Baden-Württemberg (Berichtsjahr 1995-2010): Gebietsstand 01.01.1979, (ab "
        "Berichtsjahr 2011): Gebietsstand 01.01.2011",
        UNLIMITED,
    ),
    (
        "Deutschland",
        "Deutschland (ab 2021/21): Deutschland wird auf Grundlage der geheimgehaltenen "
        "Länderergebnisse berechnet",
        UNLIMITED,
    ),
    (
        "Deutschland",
        "Deutschlandergebnis (31.12.2010): ohne Korrekturlieferung aus "
        "Nordrhein-Westfalen",
        UNLIMITED,
    ),
    (
        "Baden-Württemberg",
        "Baden-Württemberg (ab Berichtsjahr 2011 Gebietsstand 01.01.2011",
        UNLIMITED,
    ),
    (
        "Hessen",
        "Hessen 2018/2019: Fachhochschulreife mit schulischer FHSR an beruflichen "
        "Gymnasien",
        UNLIMITED,
    ),
    (
        "Nordrhein-Westfalen",
        "Nordrhein-Westfalen: ab Schuljahr 2006/07 einschl. berufsbildenden Bereich an "
        "Freien Waldorfschulen; bis 1999 einschl. ehemalige Kollegschulen",
        UNLIMITED,
    ),
    ("Berlin", "Berlin: Gemeindetabelle liegt bis 2013 auch für Bezirke vor", UNLIMITED),
    (None, "Ab 2012 mit Nichtschülerprüfungen (Externe).", UNLIMITED),
    (None, "Klassifikation der Wirtschaftszweige, Ausgabe 2008 (WZ 2008)", UNLIMITED),
    (None, "Berechnungsstand des Statistischen Bundesamtes: November 2021", UNLIMITED),
]  # fmt: skip


@pytest.mark.parametrize(("region", "text", "period"), CASES, ids=[c[1][:40] for c in CASES])
def test_the_period_of_a_real_note_is_read_from_its_prefix(
    region: str | None, text: str, period: tuple[int | None, int | None]
) -> None:
    assert note_period(text, region) == period


def test_the_parsed_notes_of_the_school_leavers_export_carry_their_period(genesis: Path) -> None:
    notes = {n.text: n for n in parse(genesis / "datenguide-genesapi_21111-02-06-4.csv").footnotes}
    note = notes[
        "Deutschland (2007): das Bundesergebnis enthält das Landesergebnis Hessens aus dem "
        "Jahr 2006"
    ]
    assert (note.region_name, note.from_year, note.to_year) == ("Deutschland", 2007, 2007)


def test_every_period_read_from_the_shipped_exports_is_a_forward_span(genesis: Path) -> None:
    for path in sorted(genesis.glob("*.csv")):
        for note in parse(path).footnotes:
            if note.from_year is not None and note.to_year is not None:
                assert note.from_year <= note.to_year, note.text
