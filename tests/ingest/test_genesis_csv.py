"""Tests of the GENESIS / Regionaldatenbank CSV parser on the shipped real exports.

Every expectation below was read from the files themselves (``grep`` on the raw CSV),
not from parser output.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from pathlib import Path

import pytest

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.genesis_csv import parse
from bildungsmonitor.ingest.table import DataRow, ParsedTable, Period
from bildungsmonitor.symbol import Cell, Symbol

ROOT = Path(__file__).parents[2]
GENESIS_DIR = ROOT / "bildungsmonitor" / "data" / "genesis"
REFERENCE_DIR = ROOT / "tests" / "data" / "reference"

LICENCE_2025 = (
    "© Statistische Ämter des Bundes und der Länder, Deutschland, 2025. Dieses Werk ist "
    "lizenziert unter der Datenlizenz Deutschland - Namensnennung - Version 2.0."
)


def shipped(name: str) -> Path:
    """Path of a shipped export (genesis/ or tests/data/reference/)."""
    path = GENESIS_DIR / name
    return path if path.exists() else REFERENCE_DIR / name


@functools.cache
def table(name: str) -> ParsedTable:
    """Parse a shipped file once per test session (tests only read the result)."""
    return parse(shipped(name))


def first_row(parsed: ParsedTable, code: str) -> DataRow:
    return next(r for r in parsed.rows if r.region_code == code)


def shown(cells: list[Cell], count: int) -> str:
    return ";".join(c.display() for c in cells[:count])


# file, table code, Stand, value columns, first three values of the first DG row and of
# the first Sachsen (14) row; 12411-0018 has neither, so its first Flensburg row is used.
SPECS: list[tuple[str, str, str, int, str, str]] = [
    ("12411-01-01-4_00.csv", "12411-01-01-4", "10.10.2017 / 11:57:53", 63,
     "82175684;40514123;41661561", "4084851;2011561;2073290"),
    ("12411-02-03-4_00.csv", "12411-02-03-4", "10.10.2017 / 19:19:45", 3,
     "2200407;1130438;1069969", "110079;56717;53362"),
    ("12411-03-03-4_00.csv", "12411-03-03-4", "10.10.2017 / 16:36:03", 9,
     "2200407;1130438;1069969", "110079;56717;53362"),
    ("12612-01-01-4_00.csv", "12612-01-01-4", "10.10.2017 / 12:03:08", 3,
     "737575;378478;359097", "36466;18783;17683"),
    ("12711-01-03-4_00.csv", "12711-01-03-4", "10.10.2017 / 13:17:45", 6,
     "1063000;581086;481914", "44185;24127;20058"),
    ("13111-01-03-4_00.csv", "13111-01-03-4", "10.10.2017 / 17:36:39", 6,
     "30771297;16504172;14267125", "1529978;778627;751351"),
    ("13111-07-05-4_2020.csv", "13111-07-05-4", "17.08.2021 / 20:27:28", 6,
     "253548;170884;82664", "18892;12192;6700"),
    ("13211-02-05-4.csv", "13211-02-05-4", "09.07.2026 / 11:01:42", 13,
     "2608672;967226;165725", "131069;32084;8602"),
    ("13211-02-05-4_00.csv", "13211-02-05-4", "10.10.2017 / 19:20:37", 13,
     "2690975;629356;170508", "157862;14352;9411"),
    ("13211-02-05-4_2025.csv", "13211-02-05-4", "26.02.2026 / 15:28:28", 13,
     "2948092;1081475;184720", "148747;37806;9480"),
    ("21111-01-03-4.csv", "21111-01-03-4", "13.03.2025 / 16:39:14", 6,
     "1216;28808;11785", "-;-;-"),
    ("21111-02-06-4.csv", "21111-02-06-4", "13.03.2025 / 16:40:08", 14,
     "782423;381434;55708", "32245;15762;2769"),
    ("21111-02-06-4_00.csv", "21111-02-06-4", "10.10.2017 / 16:24:41", 14,
     "846423;414111;47435", "28463;13963;2354"),
    ("21121-01-05-4.csv", "21121-01-05-4", "16.12.2017 / 14:36:14", 4,
     "2702;1511678;569748", "270;55686;19775"),
    ("21121-02-02-4.csv", "21121-02-02-4", "12.03.2025 / 08:15:24", 12,
     "222742;108314;41403", "7370;3896;1767"),
    ("22541-01-01-4.csv", "22541-01-01-4", "23.03.2026 / 09:01:36", 11,
     "48017;28406;3494", "2661;116;556"),
    ("22541-01-04-4_00.csv", "22541-01-04-4", "10.10.2017 / 10:46:26", 13,
     "54871;2046;17681", "2928;35;225"),
    ("22542-01-02-4.csv", "22542-01-02-4", "23.03.2026 / 09:08:22", 7,
     "33417;14057;13305", "1896;558;968"),
    ("22543-01-01-4_00.csv", "22543-01-01-4", "10.10.2017 / 18:21:55", 6,
     "3078901;400336;1902918", "252858;38593;92858"),
    ("22543-01-02-4_00.csv", "22543-01-02-4", "10.10.2017 / 17:33:29", 6,
     "3413553;614600;1979186", "296170;48462;103172"),
    ("22543-02-02-4_00.csv", "22543-02-02-4", "10.10.2017 / 16:23:45", 8,
     "576193;149199;126158", "32173;6381;6062"),
    ("22811-01-01-4_00.csv", "22811-01-01-4", "10.10.2017 / 15:27:32", 7,
     "7986994;5837290;4243707", "419168;335719;255428"),
    ("82411-01-03-4.csv", "82411-01-03-4", "10.11.2023 / 13:27:18", 2,
     "2031201000;24415", "89586546;22120"),
    ("datenguide-backend_12411-01-01-4.csv", "12411-01-01-4", "14.12.2017 / 15:51:18", 3,
     "82175684;40514123;41661561", "4084851;2011561;2073290"),
    ("datenguide-backend_21111-01-03-4.csv", "21111-01-03-4", "13.12.2017 / 11:01:40", 6,
     "1269;26964;10978", "0;0;0"),
    ("datenguide-backend_21111-02-06-4.csv", "21111-02-06-4", "15.12.2017 / 14:16:49", 14,
     "846423;414111;47435", "28463;13963;2354"),
    ("datenguide-genesapi_21111-02-06-4.csv", "21111-02-06-4", "24.02.2018 / 11:43:46", 14,
     "846423;414111;47435", "28463;13963;2354"),
    ("datenguide-genesapi_21121-02-02-4.csv", "21121-02-02-4", "24.02.2018 / 11:44:30", 12,
     "261947;125666;30783", "6528;3408;1474"),
    ("mmelchger_12411-01-01-4.csv", "12411-01-01-4", "21.03.2020 / 12:15:06", 3,
     "83019213;40966691;42052522", "4077937;2009619;2068318"),
    ("prototypefund_13211-02-05-4.csv", "13211-02-05-4", "17.08.2021 / 19:38:04", 13,
     "2695444;795692;169691", "128669;18715;8239"),
    ("schmittfelix_12411-01-01-4.csv", "12411-01-01-4", "10.07.2023 / 16:44:50", 3,
     "83237124;41066785;42170339", "4043002;1992884;2050118"),
    ("AI-N-04_00.csv", "AI-N-04", "10.10.2017 / 19:05:05", 3, "24,7;34,3;59,0", "27,4;35,5;62,9"),
    ("AI-N-05_00.csv", "AI-N-05", "10.10.2017 / 18:09:47", 2, "9,9;29,9", "29,6;70,3"),
    ("AI-N-07_00.csv", "AI-N-07", "10.10.2017 / 17:14:19", 1, "7,8", "12,5"),
    ("AI-S-03_00.csv", "AI-S-03", "10.10.2017 / 13:34:48", 1, "8,8", "11,2"),
    ("AI002-1_00.csv", "AI002-1", "10.10.2017 / 19:04:48", 7, "229,2;x;9,0", "248,0;x;2,0"),
    ("AI002-2_00.csv", "AI002-2", "10.10.2017 / 18:10:13", 5, "19,4;7,9;31,9", "19,4;7,8;29,9"),
    ("AI003-1_00.csv", "AI003-1", "10.10.2017 / 17:14:40", 3, "13,5;2,1;88,7", "31,7;3,0;93,6"),
    ("AI003-2_00.csv", "AI003-2", "10.10.2017 / 17:12:42", 2, "25,3;7,9", "28,3;8,6"),
    ("AI003-3_00.csv", "AI003-3", "10.10.2017 / 16:11:23", 2, "25,2;93,0", "44,1;95,3"),
    ("AIG-03-2_00.csv", "AIG-03-2", "10.10.2017 / 12:22:46", 3, "43,9;63,1;57,6", "42,5;65,2;61,6"),
    ("AIG-24_00.csv", "AIG-24", "10.10.2017 / 10:24:07", 1, "3,8", "3,8"),
]  # fmt: skip


def test_specs_cover_every_shipped_export() -> None:
    names = {p.name for p in GENESIS_DIR.glob("*.csv")} | {
        p.name for p in REFERENCE_DIR.glob("*.csv")
    }
    assert {spec[0] for spec in SPECS} | {"12411-0018.csv"} == names


@pytest.mark.parametrize("spec", SPECS, ids=[s[0] for s in SPECS])
def test_shipped_export_parses(spec: tuple[str, str, str, int, str, str]) -> None:
    name, code, stand, n_columns, germany, saxony = spec
    parsed = table(name)
    assert parsed.source_name == name
    assert parsed.source_format == "genesis-csv"
    assert parsed.table_code == code
    assert parsed.stand_text == f"Stand: {stand}"
    assert parsed.stand == dt.datetime.strptime(stand, "%d.%m.%Y / %H:%M:%S")
    assert len(parsed.columns) == n_columns
    assert [c.index for c in parsed.columns] == list(range(n_columns))
    assert all(len(r.cells) == n_columns for r in parsed.rows)
    assert shown(first_row(parsed, "DG").cells, 3) == germany
    assert shown(first_row(parsed, "14").cells, 3) == saxony
    assert parsed.regions["DG"].name == "Deutschland"
    assert parsed.regions["DG"].indent == 0
    assert parsed.regions["14"].name == "Sachsen"
    assert parsed.regions["14"].indent == 2
    assert parsed.licence is not None
    assert parsed.licence.startswith("© Statistische Ämter des Bundes und der Länder")
    assert parsed.title
    expected_encoding = "utf-8" if name.endswith("_00.csv") else "cp1252"
    assert parsed.encoding == expected_encoding


def test_genesis_online_export_without_aggregates() -> None:
    parsed = table("12411-0018.csv")
    assert parsed.table_code == "12411-0018"
    assert parsed.encoding == "cp1252"
    assert parsed.stand == dt.datetime(2021, 8, 17, 13, 26, 54)
    assert parsed.title == (
        "Bevölkerung: Kreise, Stichtag, Geschlecht, Altersgruppen "
        "Fortschreibung des Bevölkerungsstandes Bevölkerungsstand (Anzahl)"
    )
    assert len(parsed.columns) == 34
    # no unit row: the unit comes from the title line "Bevölkerungsstand (Anzahl)"
    assert {c.unit for c in parsed.columns} == {"Anzahl"}
    assert parsed.columns[0].path == ("männlich", "unter 3 Jahre")
    assert parsed.columns[0].dimensions == {
        "Geschlecht": "männlich",
        "Altersgruppe": "unter 3 Jahre",
    }
    assert parsed.columns[-1].dimensions["Geschlecht"] == "weiblich"
    assert "DG" not in parsed.regions
    flensburg = first_row(parsed, "01001")
    assert flensburg.period == Period("31.12.2015", 2015, dt.date(2015, 12, 31))
    assert shown(flensburg.cells, 3) == "1143;1130;1388"
    assert flensburg.cells[-1].display() == "5413"
    assert parsed.regions["01001"].indent == 0
    assert parsed.licence == "© Statistisches Bundesamt (Destatis), 2021"
    assert [f.text for f in parsed.footnotes] == [
        "Ab 2011: Ergebnisse auf Grundlage des Zensus 2011."
    ]


def _column(parsed: ParsedTable, *tail: str) -> int:
    matches = [c.index for c in parsed.columns if c.path[-len(tail) :] == tail]
    assert len(matches) == 1, matches
    return matches[0]


def test_school_leavers_2023_anhalt_bitterfeld() -> None:
    parsed = table("21111-02-06-4.csv")
    row = first_row(parsed, "15082")
    assert row.period == Period("2023", 2023, None)
    assert parsed.regions["15082"].name == "Anhalt-Bitterfeld, Landkreis"
    assert parsed.regions["15082"].indent == 6
    total = row.cells[_column(parsed, "Insgesamt", "Insgesamt")]
    assert total == Cell(1269.0, None)
    assert row.cells[_column(parsed, "ohne Hauptschulabschluss", "Insgesamt")].value == 213
    assert parsed.columns[0].unit == "Anzahl"  # from "Absolvierende/Abgehende (Anzahl)"
    fhr = parsed.columns[_column(parsed, "mit Fachhochschulreife", "weiblich")]
    assert fhr.dimensions == {"Schulabschluss": "mit Fachhochschulreife", "Geschlecht": "weiblich"}


def test_fhr_columns_hold_symbols_by_land() -> None:
    parsed = table("21111-02-06-4.csv")
    fhr = [_column(parsed, "mit Fachhochschulreife", g) for g in ("Insgesamt", "weiblich")]
    anhalt = first_row(parsed, "15")
    assert anhalt.period is not None and anhalt.period.year == 2023
    assert [anhalt.cells[i].symbol for i in fhr] == [Symbol.NOTHING, Symbol.NOTHING]
    saxony = first_row(parsed, "14")
    assert [saxony.cells[i].symbol for i in fhr] == [Symbol.LOCKED, Symbol.LOCKED]
    # "dar. schulischer Teil der Fachhochschulreife" is "x" in Saxony as well
    assert shown(saxony.cells[8:], 4) == "x;x;x;x"


def test_same_table_in_latin1_and_utf8() -> None:
    latin = table("datenguide-genesapi_21111-02-06-4.csv")
    utf8 = table("21111-02-06-4_00.csv")
    assert (latin.encoding, utf8.encoding) == ("cp1252", "utf-8")
    assert latin.title == utf8.title
    assert latin.columns == utf8.columns
    assert latin.regions == utf8.regions
    assert latin.footnotes == utf8.footnotes
    # the Latin-1 file is a longer series (1995-2015); compare the common years
    common = {
        (r.period, r.region_code): r.cells for r in latin.rows if r.period in utf8_periods(utf8)
    }
    assert len(common) == len(utf8.rows) == 1052
    differing = []
    for row in utf8.rows:
        other = common[(row.period, row.region_code)]
        differing += [(a, b) for a, b in zip(row.cells, other, strict=True) if a != b]
    # the 2018 export replaced ten secret cells (".") of the 2017 export by small numbers
    assert len(differing) == 10
    assert all(a.symbol is Symbol.UNKNOWN and b.value is not None for a, b in differing)


def utf8_periods(parsed: ParsedTable) -> set[Period | None]:
    return {r.period for r in parsed.rows}


def test_wide_layout_gives_column_periods() -> None:
    parsed = table("12411-01-01-4_00.csv")
    assert all(r.period is None for r in parsed.rows)
    first, last = parsed.columns[0], parsed.columns[-1]
    assert first.period == Period("31.12.2015", 2015, dt.date(2015, 12, 31))
    assert parsed.columns[3].period == Period("31.12.2014", 2014, dt.date(2014, 12, 31))
    assert last.period == Period("31.12.1995", 1995, dt.date(1995, 12, 31))
    assert [c.path for c in parsed.columns[:3]] == [("Insgesamt",), ("männlich",), ("weiblich",)]
    assert last.unit == "Anzahl"
    assert last.dimensions == {"Geschlecht": "weiblich"}
    assert len({c.period for c in parsed.columns}) == 21


def test_single_year_wide_layout_drops_stichtag_row() -> None:
    parsed = table("mmelchger_12411-01-01-4.csv")
    assert [c.path for c in parsed.columns] == [("Insgesamt",), ("männlich",), ("weiblich",)]
    assert {c.period for c in parsed.columns} == {Period("31.12.2018", 2018, dt.date(2018, 12, 31))}


def test_block_line_period() -> None:
    parsed = table("21121-01-05-4.csv")
    assert {r.period for r in parsed.rows} == {Period("2015", 2015, None)}
    assert "2015" not in parsed.title.split()
    assert parsed.category_name == "Schulart"
    berufsschulen, ohne_vertrag = parsed.rows[0], parsed.rows[1]
    assert (berufsschulen.region_code, berufsschulen.category) == ("DG", "Berufsschulen")
    assert ohne_vertrag.category == "dar. ohne Ausbildungsvertrag"
    assert ohne_vertrag.cells[0].symbol is Symbol.LOCKED
    assert shown(ohne_vertrag.cells, 4) == "x;131529;43325;48784"
    assert ohne_vertrag.line == 12


def test_stichtag_line_period_and_economic_sectors() -> None:
    parsed = table("13111-07-05-4_2020.csv")
    assert {r.period for r in parsed.rows} == {Period("30.06.2020", 2020, dt.date(2020, 6, 30))}
    assert "Stichtag: 30.06.2020" not in parsed.title
    assert parsed.category_name == "Wirtschaftszweig"
    first = parsed.rows[0]
    assert first.category == "Land- und Forstwirtschaft, Fischerei (A)"
    assert parsed.rows[1].category == "Produzierendes Gewerbe (B-F)"
    assert parsed.columns[3].dimensions == {
        "Nationalität": "Ausländer(innen)",
        "Geschlecht": "Insgesamt",
    }


def test_age_group_category_column() -> None:
    parsed = table("12411-02-03-4_00.csv")
    assert parsed.category_name == "Altersgruppe"
    germany = [r for r in parsed.rows if r.region_code == "DG"]
    assert germany[0].category == "unter 3 Jahre"
    assert germany[-1].category == "Insgesamt"
    assert len(germany) == 18  # 17 age groups + Insgesamt
    assert [c.path for c in parsed.columns] == [("Insgesamt",), ("männlich",), ("weiblich",)]


def test_childcare_category_column() -> None:
    parsed = table("22543-01-02-4_00.csv")
    assert parsed.category_name == "Art der Betreuung"
    categories = [r.category for r in parsed.rows[:3]]
    assert categories == ["Tageseinrichtung", "Tagespflege", "Insgesamt (ohne Doppelzählungen)"]
    assert shown(parsed.rows[2].cells, 3) == "3546412;719558;1992998"
    under_three = parsed.columns[1]
    assert under_three.path == ("Betreute Kinder", "Altersgruppe", "unter 3 Jahre")
    assert under_three.dimensions == {"Altersgruppe": "unter 3 Jahre"}


def test_footnotes_with_column_label_and_region() -> None:
    parsed = table("13211-02-05-4_00.csv")
    labelled = [f for f in parsed.footnotes if f.column_label]
    assert [f.column_label for f in labelled] == [
        "Arbeitslosenquote (bez. auf Erwerbspersonen)",
        "Arbeitslosenquote (bez. auf abhängige Erwerbspersonen)",
    ]
    assert {f.region_name for f in labelled} == {"Niedersachsen"}
    assert labelled[0].text.startswith("Niedersachsen (2001): Ergebnisse für die Region Hannover")
    general = parsed.footnotes[0]
    assert general.column_label is None
    assert general.region_name == "Baden-Württemberg"
    assert general.text == (
        "Baden-Württemberg: Berichtsjahr 1995-2010 Gebietsstand 01.01.1979; "
        "ab Berichtsjahr 2011 Gebietsstand 01.01.2011"
    )


def test_footnote_regions_and_rounding_note() -> None:
    parsed = table("21111-02-06-4.csv")
    anhalt = [f for f in parsed.footnotes if f.region_name == "Sachsen-Anhalt"]
    assert any("ab 2017/18" in f.text and "3er-Rundungsverfahren" in f.text for f in anhalt)
    nationality = table("21111-01-03-4.csv").footnotes[-1]
    assert nationality.column_label == "Nationalität"
    assert nationality.region_name == "Niedersachsen"
    assert nationality.text == "Niedersachsen (2016): eingeschränkte Datenqualität"
    migration = table("12711-01-03-4_00.csv").footnotes
    rlp = next(f for f in migration if f.region_name == "Rheinland-Pfalz")
    assert rlp.text == "Rheinland-Pfalz (ab 2011): Gebietsstand des Folgejahres"


def test_date_lines_in_footnotes_are_text() -> None:
    parsed = table("12411-01-01-4_00.csv")
    assert len(parsed.rows) == 526
    assert (
        parsed.footnotes[-1].text
        == "Baden-Württemberg (ab Berichtsjahr 2011): Gebietsstand 01.01.2011"
    )
    assert parsed.footnotes[-1].region_name == "Baden-Württemberg"
    assert parsed.footnotes[0].text == "ab dem Berichtsjahr 2011: nach dem Zensus 2011"


def test_line_inside_quoted_footnote_is_not_data() -> None:
    parsed = table("22541-01-01-4.csv")
    assert len(parsed.rows) == 538
    assert (
        parsed.footnotes[0].text == "Berlin (1994, 1998): bezogen auf den Gebietsstand 01.01.2001;"
    )


def test_licence_text() -> None:
    assert table("21111-02-06-4.csv").licence == LICENCE_2025
    assert table("12612-01-01-4_00.csv").licence == (
        "© Statistische Ämter des Bundes und der Länder, Deutschland, 2017. Dieses Werk ist "
        "lizensiert unter der Datenlizenz Deutschland - Namensnennung - Version 2.0."
    )


def test_eight_digit_codes() -> None:
    parsed = table("12411-01-01-4_00.csv")
    hannover = parsed.regions["03241001"]
    assert (hannover.name, hannover.indent) == ("Hannover, Landeshauptstadt", 6)
    assert parsed.regions["10041100"].name == "Saarbrücken, Landeshauptstadt"
    assert shown(first_row(parsed, "05334002").cells, 3) == "245885;127613;118272"


def test_dissolved_kreis_keeps_nothing_symbols() -> None:
    parsed = table("datenguide-genesapi_21111-02-06-4.csv")
    bitterfeld = [r for r in parsed.rows if r.region_code == "15154"]
    assert parsed.regions["15154"].name == "Bitterfeld, Kreis"
    latest = bitterfeld[0]
    assert latest.period == Period("2015", 2015, None)
    assert all(c.symbol is Symbol.NOTHING and c.value is None for c in latest.cells)


def test_units_from_unit_row() -> None:
    parsed = table("82411-01-03-4.csv")
    assert [c.unit for c in parsed.columns] == ["Tsd. EUR", "EUR"]
    rates = table("13211-02-05-4.csv")
    assert [c.unit for c in rates.columns].count("Prozent") == 6
    assert first_row(rates, "DG").cells[-1] == Cell(4.9, None, 1)


# --- synthetic files: format variants and faults ---------------------------------------

HEAD = (
    "GENESIS-Tabelle: 99999-01-01-4\nTesttabelle nach Geschlecht -;;;\nregionale Tiefe: Kreise;;;\n"
)
FOOT = '__________\n"© Test"\nStand: 01.02.2024 / 03:04:05\n'


def write(tmp_path: Path, text: str, name: str = "probe.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def fault(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        parse(path)
    assert info.value.file == path.name
    assert path.name in str(info.value)
    return info.value


def test_minimal_file_crlf_bom_and_new_first_line(tmp_path: Path) -> None:
    text = "Tabelle: 1-2\nTitel;;\n;;;Anzahl\n2022/23;DG;Deutschland;(5,0)\n" + FOOT
    parsed = parse(write(tmp_path, "\ufeff" + text.replace("\n", "\r\n")))
    assert parsed.encoding == "utf-8-sig"
    assert parsed.table_code == "1-2"
    assert parsed.title == "Titel"
    assert parsed.columns[0].path == ()
    assert parsed.columns[0].unit == "Anzahl"
    row = parsed.rows[0]
    assert row.period == Period("2022/23", 2023, None)
    assert row.cells == [Cell(5.0, None, 1, True)]
    assert parsed.stand == dt.datetime(2024, 2, 1, 3, 4, 5)


def test_latin1_detection_and_unit_none(tmp_path: Path) -> None:
    text = HEAD + ";;männlich;weiblich\nDG;Deutschland;1;2\n01;  Schleswig-Holstein;.;...\n" + FOOT
    parsed = parse(write(tmp_path, text.replace("©", "(c)"), encoding="cp1252"))
    assert parsed.encoding == "cp1252"
    assert parsed.title == "Testtabelle nach Geschlecht - regionale Tiefe: Kreise"
    assert [c.unit for c in parsed.columns] == [None, None]
    assert parsed.rows[1].cells == [Cell(None, Symbol.UNKNOWN), Cell(None, Symbol.NOT_YET)]
    assert parsed.regions["01"].indent == 2
    assert parsed.licence is None
    assert len(parsed.footnotes) == 1
    assert parsed.footnotes[0].text == "(c) Test"


def test_recurring_block_lines_switch_period(tmp_path: Path) -> None:
    text = (
        HEAD
        + "2015;;;\n;;;Insgesamt\n;;;Anzahl\nDG;Deutschland;Grundschulen;1\n"
        + "\n2016;;;\nDG;Deutschland;Grundschulen;2\n01.01.2001;\n"
        + FOOT
    )
    parsed = parse(write(tmp_path, text))
    assert [r.period.text if r.period else None for r in parsed.rows] == ["2015", "2016"]
    assert parsed.category_name == "Schulart"


def test_trailing_empty_fields_are_tolerated(tmp_path: Path) -> None:
    text = HEAD + ";;;A;B\n2020;DG;Deutschland;1;2;;;\n" + FOOT
    assert parse(write(tmp_path, text)).rows[0].cells == [Cell(1.0, None), Cell(2.0, None)]


@pytest.mark.parametrize(
    ("body", "line", "column", "reason"),
    [
        (";;;A;B\n2020;DG;Deutschland;1;abc\n", 5, 5, "Wert »abc« ist weder Zahl noch Zeichen"),
        (";;;A;B\n2020;DG;Deutschland;1\n", 5, 5, "Datenzeile hat 4 Felder"),
        (";;;A;B\n2020;DG;Deutschland;1;2;;3\n", 5, 7, "außerhalb der 5 Spalten"),
        (";;;A;B\n2020;XY;Deutschland;1;2\n", 5, 2, "Regionalschlüssel »XY« ist ungültig"),
        (";;;A;B\n2020;DG;Deutschland;1;\n", 5, 5, "Wert fehlt"),
        (";;;A;B\n2020;DG;Deutschland;1;2\nabc;DG;Deutschland;1;2\n", 6, 1, "Zeitangabe »abc«"),
        (";;;A;B\n2020;DG;Deutschland;1;2\n;;;C;D\n", 6, 1, "leeren Feld"),
        (";;;A;B\n2020;DG;Deutschland;1;2\nHinweis;;;;\n", 6, 1, "weder Datenzeile"),
        ("2020;DG;Deutschland;1;2\n", 4, 1, "keine Kopfzeile"),
        (";;;A;B\n", 5, None, "keine Datenzeilen"),
        (";A;B\n2020;DG;Deutschland;1;2\n", 4, None, "1 leeren Feldern"),
    ],
)
def test_faults_are_located(
    tmp_path: Path, body: str, line: int, column: int | None, reason: str
) -> None:
    error = fault(write(tmp_path, HEAD + body + FOOT))
    assert (error.line, error.column) == (line, column)
    assert reason in error.reason


def test_not_a_genesis_table(tmp_path: Path) -> None:
    error = fault(write(tmp_path, "Gebiet;Wert\nDG;1\n"))
    assert error.line == 1
    assert "keine GENESIS-Tabelle" in error.reason
    assert fault(write(tmp_path, "")).line == 1


def test_truncated_files(tmp_path: Path) -> None:
    body = HEAD + ";;;A\n2020;DG;Deutschland;1\n"
    assert "Fußblock" in fault(write(tmp_path, body)).reason
    assert "vor der ersten Datenzeile" in fault(write(tmp_path, HEAD)).reason
    no_stand = fault(write(tmp_path, body + '__________\n"© Test"\n'))
    assert "Stand" in no_stand.reason
    open_quote = fault(
        write(tmp_path, body + '__________\n"© Test\nStand: 01.02.2024 / 03:04:05\n')
    )
    assert open_quote.line == 8
    bad_stand = fault(write(tmp_path, body + "__________\nStand: 01.02.2024 / 03:04\n"))
    assert (bad_stand.line, "nicht lesbar" in bad_stand.reason) == (7, True)


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nicht lesbar"):
        parse(tmp_path / "fehlt.csv")


def test_million_cells_parse_fast(tmp_path: Path) -> None:
    n_columns, n_rows = 10, 100_000
    header = ";;;" + ";".join(f"Merkmal {i}" for i in range(n_columns))
    values = ";".join(["12345", "6,7", "-", ".", "x", "(3)", "0", "98765", "1", "2"])
    lines = [HEAD.rstrip("\n"), header, ";;;" + ";".join(["Anzahl"] * n_columns)]
    lines += [
        f"{2000 + i % 20};{10000 + i // 20};      Kreis {i // 20};{values}" for i in range(n_rows)
    ]
    path = tmp_path / "gross.csv"
    path.write_text("\n".join(lines) + "\n" + FOOT, encoding="utf-8")
    started = time.perf_counter()
    parsed = parse(path)
    elapsed = time.perf_counter() - started
    assert parsed.cell_count == 1_000_000
    assert len(parsed.regions) == 5_000
    assert elapsed < 10, f"{elapsed:.1f} s"
