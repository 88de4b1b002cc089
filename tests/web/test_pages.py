"""Every page answers in German, and its twins carry the same figures."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from bildungsmonitor.demo import demo_files

WERTE = "/werte{}?tabelle=21111-02-06-4&region=15082&region=15&jahr=2023"
INSGESAMT = (
    "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss › Insgesamt › Insgesamt"
)
OHNE_HSA = (
    "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss"
    " › ohne Hauptschulabschluss › Insgesamt"
)
FHR = (
    "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss"
    " › mit Fachhochschulreife › Insgesamt"
)
STAND = "13.03.2025 / 16:40:08"

PAGES = {
    "/": "Datenbestand",
    "/regionen": "Gebietseinheiten",
    "/regionen?land=15&ebene=kreis": "Anhalt-Bitterfeld",
    "/regionen?status=historisch": "aufgelöst",
    "/regionen/15082": "Jüngste Werte je Tabelle",
    "/regionen/DG": "Untergeordnete Einheiten",
    "/gruppen": "Regionsgruppen",
    "/gruppen/mitteldeutsches-revier": "Mitglieder der Gruppe",
    "/daten": "Befunde und Fußnoten je Datei",
    "/daten/13": "Fußnoten",
    "/merkmale": "Tabellen im Datenbestand",
    "/merkmale?tabelle=21111-02-06-4": "ohne Hauptschulabschluss",
    "/werte": "Bitte mindestens eine Gebietseinheit angeben",
    "/werte?tabelle=21111-02-06-4": "zusammen mit einem Jahr",
    "/werte?tabelle=21111-02-06-4&region=15082&jahr=2023": "Bedeutung des Zeichens",
    "/hinweise": "Zeichenerklärung",
}


def twin(path: str, suffix: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return f"{base}{suffix}" + (f"?{query}" if query else "")


@pytest.mark.parametrize(("path", "text"), PAGES.items())
def test_every_page_answers_in_german_with_a_json_twin(
    client: TestClient, path: str, text: str
) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert text in page.text
    assert twin(path, ".json") in page.text.replace("&amp;", "&")
    data = client.get(twin(path, ".json"))
    assert data.status_code == 200
    assert data.headers["content-type"] == "application/json"
    assert data.json()["title"]


def test_values_json_has_the_official_figures_with_source_and_stand(client: TestClient) -> None:
    data = client.get(WERTE.format(".json")).json()
    rows = {(v["region_code"], v["label"]): v for v in data["data"]}
    assert data["count"] == len(data["data"]) == 28
    total, without = rows["15082", INSGESAMT], rows["15082", OHNE_HSA]
    assert (total["value"], without["value"]) == (1269, 213)
    for value in (total, without):
        assert value["file_name"] == "21111-02-06-4.csv"
        assert value["stand"] == STAND
    fhr = rows["15", FHR]
    assert (fhr["value"], fhr["symbol"], fhr["display"]) == (None, "-", "-")
    assert fhr["symbol_label"] == "nichts vorhanden (genau null)"
    assert [s["file_name"] for s in data["sources"]] == ["21111-02-06-4.csv"]
    assert "Datenlizenz Deutschland" in data["sources"][0]["citation"]


def test_values_page_shows_the_same_figures_and_names_its_source(client: TestClient) -> None:
    page = client.get(WERTE.format("")).text
    assert '<td class="num">1269</td>' in page
    assert '<td class="num">213</td>' in page
    assert '<abbr title="nichts vorhanden (genau null)">-</abbr>' in page
    assert f"Datei 21111-02-06-4.csv, Stand {STAND}" in page
    assert "Datenlizenz Deutschland - Namensnennung - Version 2.0" in page


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_values_csv_is_excel_friendly_and_keeps_symbols(client: TestClient) -> None:
    response = client.get(WERTE.format(".csv"))
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    rows = read_csv(response.content)
    header = rows[0]
    assert header[:6] == [
        "Regionalschlüssel",
        "Gebietseinheit",
        "Zeitraum",
        "Merkmal",
        "Ausprägung",
        "Wert",
    ]
    table = {(r[0], r[3]): r for r in rows[1:29]}
    assert table["15082", INSGESAMT][5] == "1269"
    assert table["15082", OHNE_HSA][5] == "213"
    assert table["15", FHR][5] == "-"
    assert table["15", FHR][7] == "nichts vorhanden (genau null)"
    assert table["15082", INSGESAMT][8:] == ["21111-02-06-4.csv", STAND]
    footer = [r[0] for r in rows[29:] if r]
    assert footer[0].startswith("Quelle: Tabelle 21111-02-06-4, Datei 21111-02-06-4.csv")
    assert "- = nichts vorhanden (genau null)" in footer


def test_csv_writes_decimal_commas(client: TestClient) -> None:
    rows = read_csv(client.get("/werte.csv?tabelle=13211-02-05-4&region=15082").content)
    decimals = [r[5] for r in rows[1:] if len(r) > 5 and "," in r[5]]
    assert decimals
    assert not any("." in value.strip(".") for value in decimals)


def test_values_xlsx_has_the_same_cells(client: TestClient) -> None:
    response = client.get(WERTE.format(".xlsx"))
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = read_csv(client.get(WERTE.format(".csv")).content)
    assert len(cells) == 29
    for xlsx_row, csv_row in zip(cells, rows, strict=False):
        assert ["" if c is None else str(c) for c in xlsx_row] == csv_row
    table = {(r[0], r[3]): r for r in cells[1:]}
    assert table["15082", INSGESAMT][5] == 1269
    assert table["15", FHR][5] == "-"


def test_values_page_limits_html_rows_but_not_the_exports(client: TestClient) -> None:
    query = "?tabelle=21111-02-06-4&jahr=2023"
    page = client.get(f"/werte{query}").text
    assert "Gezeigt werden die ersten 1000" in page
    data = client.get(f"/werte.json{query}").json()
    assert data["count"] > 1000
    assert page.count("<tr>") == 1 + 1000
    rows = read_csv(client.get(f"/werte.csv{query}").content)
    assert len([r for r in rows[1:] if len(r) > 1]) == data["count"]


def test_datenbestand_lists_every_shipped_file_with_stand_and_licence(client: TestClient) -> None:
    page = client.get("/daten").text
    data = client.get("/daten.json").json()
    records = {r["file_name"]: r for r in data["data"]}
    assert set(records) == {path.name for path in demo_files()}
    for name, record in records.items():
        assert record["stand"], name
        assert record["licence"], name
        assert record["sha256"] in page
        assert name in page
        assert record["stand"] in page
        assert record["licence"] in page
    assert data["count"] == len(records)
    rows = read_csv(client.get("/daten.csv").content)
    assert {r[1] for r in rows[1:]} == set(records)


def test_import_page_shows_findings_and_footnotes(client: TestClient) -> None:
    data = client.get("/daten.json").json()["data"]
    with_findings = next(r for r in data if r["findings"])
    detail = client.get(f"/daten/{with_findings['id']}.json").json()
    assert detail["record"]["findings"] == with_findings["findings"]
    page = client.get(f"/daten/{with_findings['id']}").text
    assert with_findings["findings"][0]["title"] in page
    rows = read_csv(client.get(f"/daten/{with_findings['id']}.csv").content)
    assert rows[1][0] == with_findings["findings"][0]["code"]


def test_region_page_groups_latest_values_by_table_with_source(client: TestClient) -> None:
    data = client.get("/regionen/15082.json").json()
    assert data["region"]["parent"]["code"] == "15"
    tables = {t["table_code"]: t for t in data["tables"]}
    leavers = tables["21111-02-06-4"]
    assert leavers["year"] == 2023
    assert {v["year"] for v in leavers["values"]} == {2023}
    by_label = {v["label"]: v for v in leavers["values"]}
    assert by_label[INSGESAMT]["value"] == 1269
    assert leavers["sources"][0]["stand"] == STAND
    page = client.get("/regionen/15082").text
    assert page.count("<caption") == len(tables)
    assert f"Stand {STAND}" in page
    rows = read_csv(client.get("/regionen/15082.csv").content)
    assert ["21111-02-06-4", "2023", INSGESAMT, "", "1269", "Anzahl"] in [r[:6] for r in rows]


def test_region_list_filters_by_land_level_and_status(client: TestClient) -> None:
    kreise = client.get("/regionen.json?land=15&ebene=kreis").json()
    assert kreise["count"] == len(kreise["data"]) > 0
    assert {r["level"] for r in kreise["data"]} == {"kreis"}
    assert all(r["code"].startswith("15") and not r["historic"] for r in kreise["data"])
    historic = client.get("/regionen.json?land=15&status=historisch").json()["data"]
    assert historic
    assert all(r["historic"] for r in historic)
    everything = client.get("/regionen.json?land=15&status=alle").json()["count"]
    current = client.get("/regionen.json?land=15").json()["count"]
    assert everything == current + len(historic)


def test_group_page_lists_the_members(client: TestClient) -> None:
    data = client.get("/gruppen/mitteldeutsches-revier.json").json()
    codes = [r["code"] for r in data["group"]["regions"]]
    assert codes == data["group"]["members"]
    assert "15082" in codes
    rows = read_csv(client.get("/gruppen/mitteldeutsches-revier.csv").content)
    assert [r[0] for r in rows[1:]] == codes


def test_notes_page_lists_symbols_and_finding_types(client: TestClient) -> None:
    data = client.get("/hinweise.json").json()
    assert {s["symbol"] for s in data["symbols"]} >= {"-", ".", "x", "/", "..."}
    assert "unknown-region-code" in {f["code"] for f in data["findings"]}
    page = client.get("/hinweise").text
    assert "Unbekannter Regionalschlüssel" in page


def test_start_page_names_the_source_and_counts(client: TestClient) -> None:
    data = client.get("/index.json").json()
    assert data["attribution"].startswith(
        "© Statistische Ämter des Bundes und der Länder, Deutschland, 20"
    )
    assert data["attribution"].endswith("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    counts = {c["label"]: c["value"] for c in data["counts"]}
    assert counts["importierte Dateien"] == len(demo_files())
    assert data["attribution"] in client.get("/").text


def test_pages_work_on_an_empty_database(empty_client: TestClient) -> None:
    for path in ("/", "/regionen", "/gruppen", "/daten", "/merkmale", "/werte", "/hinweise"):
        assert empty_client.get(path).status_code == 200, path


def test_own_data_template_is_downloadable_from_the_datenbestand(client: TestClient) -> None:
    assert 'href="/vorlage/eigene-daten.csv"' in client.get("/daten").text
    response = client.get("/vorlage/eigene-daten.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("regionalschluessel;zeitraum;merkmal;wert")


def test_datenbestand_shows_plausibility_findings_of_the_last_check(client: TestClient) -> None:
    page = client.get("/daten.json").json()
    counts = {c["code"]: c["count"] for c in page["plausibility_counts"]}
    assert counts, "the demo build runs the checks"
    assert sum(counts.values()) >= len(page["plausibility"]) > 0
    html = client.get("/daten").text
    assert "Plausibilitätsbefunde" in html
    first = page["plausibility_counts"][0]
    assert f"<code>{first['code']}</code>" in html


def test_negative_source_values_carry_a_true_minus_on_pages_and_a_hyphen_in_csv(
    client: TestClient,
) -> None:
    # the 1995 Abgänger table has two negative cells (corrections), one of them in 06432
    path = "/werte{}?tabelle=21111-02-06-4&region=06432&jahr=1995"
    values = client.get(path.format(".json")).json()["data"]
    negative = [v for v in values if v["value"] is not None and v["value"] < 0]
    assert [(v["value"], v["display"]) for v in negative] == [(-56.0, "\u221256")]
    assert '<td class="num">\u221256</td>' in client.get(path.format("")).text
    rows = read_csv(client.get(path.format(".csv")).content)
    assert [r[5] for r in rows[1:] if len(r) > 5 and r[5].startswith(("-5", "\u2212"))] == ["-56"]
