"""Footnotes of the GENESIS foot block: where a note starts and ends, its region(s) and
its column, on the shipped real exports.

Every expectation was read from the raw foot blocks of the files (line numbers given),
not from parser output.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from bildungsmonitor.ingest._genesis_foot import parse_foot
from bildungsmonitor.ingest.genesis_csv import parse
from bildungsmonitor.ingest.table import Footnote

GENESIS_DIR = Path(__file__).parents[2] / "bildungsmonitor" / "data" / "genesis"


@functools.cache
def notes(name: str) -> tuple[Footnote, ...]:
    return tuple(parse(GENESIS_DIR / name).footnotes)


def note(name: str, start: str) -> Footnote:
    """The one note of ``name`` whose text starts with ``start``."""
    found = [n for n in notes(name) if n.text.startswith(start)]
    assert len(found) == 1, [n.text for n in notes(name)]
    return found[0]


def foot(text: str, regions: tuple[str, ...] = ()) -> list[Footnote]:
    """Footnotes of a foot block given as in the file (``""`` escapes, ``Stand`` line)."""
    lines = [*text.strip("\n").split("\n"), "Stand: 13.03.2025 / 16:40:08"]
    return parse_foot(lines, 0, Path("test.csv"), regions).footnotes


def test_a_land_list_wrapped_over_two_lines_is_one_note_on_each_land() -> None:
    # 22541-01-04-4_00.csv, lines 5311-5316; one Land carries a year
    found = note("22541-01-04-4_00.csv", "Bayern, Mecklenburg-Vorpommern (2015)")
    assert found == Footnote(
        "Bayern, Mecklenburg-Vorpommern (2015), Niedersachsen, Nordrhein-Westfalen, "
        "Saarland, Sachsen: Rundungsdifferenzen bei der rechnerischen Zahl der "
        "Vollzeitstellen im pädagogischen Bereich sind möglich",
        "Rechnerische Zahl der Vollzeitstellen im pädag. Bereich",
        "Bayern, Mecklenburg-Vorpommern, Niedersachsen, Nordrhein-Westfalen, Saarland, Sachsen",
    )
    assert not any(
        n.text.startswith("Nordrhein-Westfalen, Saarland") for n in notes("22541-01-04-4_00.csv")
    )


def test_land_lists_with_periods_and_und_over_lines() -> None:
    # 21121-01-05-4.csv, lines 5297-5301
    berufsschulen = note("21121-01-05-4.csv", "Bremen, Hamburg, Hessen (bis 2000)")
    assert berufsschulen.region_name == (
        "Bremen, Hamburg, Hessen, Niedersachsen, Nordrhein-Westfalen, Saarland"
    )
    assert berufsschulen.text.startswith(
        "Bremen, Hamburg, Hessen (bis 2000), Niedersachsen, Nordrhein-Westfalen (bis 2014) "
        "und Saarland: Mehrfachzählungen; Berufsvorbereitungsjahr"
    )
    # datenguide-genesapi_21121-02-02-4.csv, lines 5299-5300: a period wrapped
    realschule = note("datenguide-genesapi_21121-02-02-4.csv", "Bayern, Berlin, Nordrhein")
    assert realschule == Footnote(
        "Bayern, Berlin, Nordrhein-Westfalen (ab Schuljahr 2013/2014): Mittlerer Schulabschluss",
        "Absolventen/Abgänger mit Realschulabschluss",
        "Bayern, Berlin, Nordrhein-Westfalen",
    )


def test_a_period_before_a_land_list_keeps_the_list() -> None:
    # 22543-01-02-4_00.csv, lines 9484-9487: Deutschland in the list
    assert notes("22543-01-02-4_00.csv")[-1] == Footnote(
        "(2011) Deutschland, Schleswig-Holstein, Hamburg, Bremen, Brandenburg und "
        "Mecklenburg-Vorpommern: einschl. Doppelzählungen",
        "Kinder mit Mittagsverpflegung",
        "Deutschland, Schleswig-Holstein, Hamburg, Bremen, Brandenburg, Mecklenburg-Vorpommern",
        2011,
        2011,
    )
    # 13211-02-05-4.csv, lines 551-556: the period line is its own general note
    first, second = notes("13211-02-05-4.csv")[:2]
    assert first == Footnote(
        "Berichtsjahre 2001-2007: Daten sind nicht revidiert.", from_year=2001, to_year=2007
    )
    assert second.region_name == "Rheinland-Pfalz, Sachsen"
    assert second.text.startswith("Berichtjahre 2008-2013: Rheinland-Pfalz, Sachsen: Auf")
    assert second.text.endswith("der Bundesagentur für Arbeit keine Daten vor.")


def test_a_period_paragraph_after_a_land_note_is_a_general_note() -> None:
    # 21111-01-03-4.csv, lines 6495-6500
    nrw = note("21111-01-03-4.csv", "Nordrhein-Westfalen: ab 2019/20")
    assert nrw == Footnote(
        "Nordrhein-Westfalen: ab 2019/20 sind die Ergebnisse einem 5er-Rundungsverfahren "
        "unterzogen.",
        None,
        "Nordrhein-Westfalen",
        2019,
    )
    g8 = note("21111-01-03-4.csv", "Schuljahr 2010/2011: Aufgrund der Schulzeitverkürzung")
    assert (g8.column_label, g8.region_name) == (None, None)
    assert g8.text.endswith("im Schuljahr 2010/11 erhöht (Doppelter Abiturjahrgang).")


def test_a_sentence_after_a_short_line_ends_the_land_note() -> None:
    # 21111-02-06-4.csv, lines 552-555: »Ab 2012 …« is no note on Deutschland
    germany = note("21111-02-06-4.csv", "Deutschland: Die Aufsummierung")
    assert germany.text.endswith("nicht den Deutschlandwert.")
    assert note("21111-02-06-4.csv", "Ab 2012") == Footnote(
        "Ab 2012 mit Nichtschülerprüfungen (Externe)."
    )
    # datenguide-backend_21111-02-06-4.csv, lines 556-558
    nrw = note("datenguide-backend_21111-02-06-4.csv", "Nordrhein-Westfalen: Kreistabelle")
    assert nrw.text == "Nordrhein-Westfalen: Kreistabelle liegt auch für Gemeinden vor"
    assert note("datenguide-backend_21111-02-06-4.csv", "In der Regel") == Footnote(
        "In der Regel am Ende des Schuljahres;"
    )


def test_wrapped_parentheses_in_a_land_note_do_not_end_it() -> None:
    # 21121-02-02-4.csv, lines 598-601: »(Jahr 2007)« starts the last line
    found = note("21121-02-02-4.csv", "Nordrhein-Westfalen: Aufgrund erhebungstechnischer")
    assert found.text.endswith("bis 2006/07 (Jahr 2007) überrepräsentiert.")
    # 21121-02-02-4.csv, lines 556-559: Länder inside a parenthesis are no note
    found = note("21121-02-02-4.csv", "Deutschland (ab 2021/21)")
    assert found.text.endswith("(Nordrhein-Westfalen 5er-Rundung, Sachsen-Anhalt 3er-Rundung).")


def test_a_land_list_in_the_middle_of_a_line_starts_a_note() -> None:
    # 21111-01-03-4.csv, lines 6691-6694 (the line break is missing in the source)
    label = "Anzahl der Schüler in der 7. Klassenstufe an Sonderschulen"
    assert Footnote(
        "Saarland (ab 1997): ohne Nachweis der Schüler nach Klassenstufen", label, "Saarland", 1997
    ) in notes("21111-01-03-4.csv")
    assert note("21111-01-03-4.csv", "Hamburg und Schleswig-Holstein") == Footnote(
        "Hamburg und Schleswig-Holstein: einschließlich geistig Behinderter Schüler/-innen "
        "der Oberstufe",
        label,
        "Hamburg, Schleswig-Holstein",
    )
    # 12711-01-03-4_00.csv, lines 3717-3720: »Deutschland:« inside a quotation stays
    anhalt = note("12711-01-03-4_00.csv", "Sachsen-Anhalt (2010)")
    assert anhalt.region_name == "Sachsen-Anhalt"
    assert anhalt.text.endswith(
        'Deutschland: Gebietsstand für Sachsen-Anhalt 31.12.2010, Sachsen-Anhalt 01.01.2011"'
    )


def test_land_with_a_bare_year_and_misspelt_laender() -> None:
    # 21121-02-02-4.csv, lines 581-583
    assert note("21121-02-02-4.csv", "Bremen: für das Schuljahr 2014/15") == Footnote(
        "Bremen: für das Schuljahr 2014/15 keine Daten", "Absolventen/Abgänger insgesamt", "Bremen"
    )
    hessen = note("21121-02-02-4.csv", "Hessen 2018/2019")
    assert hessen.region_name == "Hessen"
    # 21121-01-05-4.csv, line 5336: »Nordrhein-Westalen«
    berlin = note("21121-01-05-4.csv", "Berlin (ab 1998)")
    assert berlin.text == (
        "Berlin (ab 1998): einschl. Lehrgänge des Zweiten Bildungsweges zum Erwerb der "
        "Fachhochschulreife"
    )
    assert note("21121-01-05-4.csv", "Nordrhein-Westalen").region_name == "Nordrhein-Westfalen"
    # datenguide-genesapi_21111-02-06-4.csv, lines 624-628: »Niedersachen«
    name = "datenguide-genesapi_21111-02-06-4.csv"
    assert note(name, "Berlin, Sachsen").text == (
        "Berlin, Sachsen: Eine Fachhochschulreife kann nur an beruflichen Schulen erworben werden."
    )
    assert note(name, "Hessen, Niedersachen").region_name == "Hessen, Niedersachsen"
    assert note(name, "Niedersachen (ab 2015)").region_name == "Niedersachsen"


def test_deutschlandergebnis_is_a_note_on_deutschland() -> None:
    # 22811-01-01-4_00.csv, lines 3167-3169
    assert notes("22811-01-01-4_00.csv") == (
        Footnote(
            "Deutschlandergebnis (31.12.2010): ohne Korrekturlieferung aus Nordrhein-Westfalen",
            None,
            "Deutschland",
        ),
    )


def test_an_unclosed_period_still_starts_a_land_note() -> None:
    # datenguide-genesapi_21121-02-02-4.csv, lines 5274-5277 (»2011« lacks its »)«)
    first, second = notes("datenguide-genesapi_21121-02-02-4.csv")[:2]
    assert first == Footnote(
        "Baden-Württemberg (Berichtsjahr 1995-2010): Gebietsstand 01.01.1979",
        None,
        "Baden-Württemberg",
        1995,
        2010,
    )
    assert second == Footnote(
        "Baden-Württemberg (ab Berichtsjahr 2011 Gebietsstand 01.01.2011", None, "Baden-Württemberg"
    )


def test_tabelle_gesamt_is_the_whole_table_and_a_label_keeps_its_full_text() -> None:
    # 22543-02-02-4_00.csv, lines 537-540: »zu "Tabelle gesamt"« without colon
    assert [n.column_label for n in notes("22543-02-02-4_00.csv")] == [None, None]
    # 22542-01-02-4.csv, lines 573-576
    assert notes("22542-01-02-4.csv")[-1] == Footnote(
        "Baden-Württemberg (2006): genehmigte Plätze",
        "Hilfe z. Erziehung u. Hilfe f. junge Volljährige (vollständiger Text: Hilfe zur "
        "Erziehung und Hilfe für junge Volljährige sowie für die Inobhutnahme)",
        "Baden-Württemberg",
        2006,
        2006,
    )


def test_a_paragraph_after_a_columns_notes_is_on_the_whole_table() -> None:
    # 82411-01-03-4.csv, lines 559-567
    label = (
        "Verfügbares Einkommen der privaten Haushalte einschließlich privater Organisationen "
        "ohne Erwerbszweck in EUR je Einwohner"
    )
    assert notes("82411-01-03-4.csv")[-2:] == (
        Footnote(
            "alle Länder: Die Einwohner werden in den VGR als Jahresdurchschnittszahl auf "
            "Basis des Zensus 2011 ausgewiesen.",
            label,
            "alle Länder",
        ),
        Footnote(
            "Detailliertere Angaben zu dieser Statistik wie z. B. zu Methodik, Aktualität und "
            "Vergleichbarkeit finden Sie unter "
            "https://www.statistikportal.de/de/vgrdl/methoden-und-informationen"
        ),
    )
    # but a Land note after a blank line stays on the column (21111-01-03-4.csv, 6595-6600)
    saarland = note("21111-01-03-4.csv", "Saarland: Erweiterte Realschulen, Gemeinschafts")
    assert saarland.column_label == "Anzahl der Schularten mit mehreren Bildungsgängen"


def test_a_period_with_colon_after_a_column_label_is_a_general_note() -> None:
    # 22541-01-04-4_00.csv, lines 5289-5291: no region is named
    assert note("22541-01-04-4_00.csv", "(2011)") == Footnote(
        "(2011): Nachträgliche Korrekturen der Statistischen Landesämter wurden im "
        "Bundesergebnis nicht mehr berücksichtigt.",
        "genehmigte Plätze",
        from_year=2011,
        to_year=2011,
    )


def test_web_addresses_and_slashes_cut_at_line_end_are_joined_without_space() -> None:
    # 13211-02-05-4_00.csv, lines 8446-8448; prototypefund_13211-02-05-4.csv, 3255-3258
    assert note("13211-02-05-4_00.csv", "Weitere Informationen").text.endswith(
        "entnommen werden: http://www.pub.arbeitsagentur.de/hst/services/statistik/000200/"
        "html/qualitaetsberichte/statistik-arbeitslose-arbeitsuchende.pdf"
    )
    assert note("prototypefund_13211-02-05-4.csv", "Weitere Informationen").text.endswith(
        "https://statistik.arbeitsagentur.de/Statischer-Content/Grundlagen/Methodik-Qualitaet/"
        "Qualitaetsberichte/Generische-Publikationen/"
        "Qualitaetsbericht-Statistik-Arbeitslose-Arbeitsuchende.pdf"
    )
    # 21111-01-03-4.csv, lines 6689-6690
    assert Footnote(
        "Hessen: einschl. Nachweis der Schulbesuchsjahre mit Schüler/-innen an "
        "Schulen/Klassen für geistig behinderte Schüler",
        "Anzahl der Schüler in der 7. Klassenstufe an Sonderschulen",
        "Hessen",
    ) in notes("21111-01-03-4.csv")


def test_a_region_alone_on_its_line_heads_the_next_lines() -> None:
    # schmittfelix_12411-01-01-4.csv, lines 549-558
    first = notes("schmittfelix_12411-01-01-4.csv")[0]
    assert first.region_name == "Alle Länder"
    assert first.text.startswith("Alle Länder: Bei den Bevölkerungsdaten handelt es sich um")
    assert first.text.endswith("festgestellte amtliche Einwohnerzahl die Grundlage.")


def test_a_note_on_the_labels_line_gets_its_region() -> None:
    found = foot('"zu ""Schüler"": Berlin (ab 2015): einschl. Vorklassen\nBremen: ohne"')
    assert found == [
        Footnote("Berlin (ab 2015): einschl. Vorklassen", "Schüler", "Berlin", 2015),
        Footnote("Bremen: ohne", "Schüler", "Bremen"),
    ]


def test_no_text_of_any_shipped_foot_is_lost() -> None:
    """Every character of every foot block (but labels, licence, wrapping) is in a note."""
    for path in sorted(GENESIS_DIR.glob("*.csv")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in raw:
            raw = path.read_bytes().decode("latin-1")
        block = raw.split("__________", 1)[1].split("©", 1)[0]
        block = re.sub(r'zu\s+(?:Spalte\s+)?""[^"]*""(?:[ \t]+\([^)]*\))?\s*:?', "", block)
        stored = "".join(n.text for n in notes(path.name))
        assert _letters(block) == _letters(stored), path.name


def _letters(text: str) -> str:
    return re.sub(r'[\s\-";]', "", text)
