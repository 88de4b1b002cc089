"""Indicator pages on the demo data: catalogue, Kennblatt, Regionsprofil, Vergleich, Karte."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web._html import parse

PAGES = [
    "/kennzahlen",
    "/kennzahlen?bereich=D&q=Hauptschul",
    "/kennzahlen/D7.2",
    "/regionen/15082/profil",
    "/vergleich",
    "/vergleich?gruppe=mitteldeutsches-revier&kennzahl=D7.2&jahr=2023",
    "/karte?kennzahl=D7.2&markiert=15082",
]
CONTROLS = ("input", "select", "textarea")
VERGLEICH = "/vergleich{}?gruppe=mitteldeutsches-revier&kennzahl=D7.2&jahr=2023"


@pytest.fixture(scope="module", params=PAGES)
def page(request: pytest.FixtureRequest, client: TestClient) -> str:
    response = client.get(request.param)
    assert response.status_code == 200, response.text[:500]
    text: str = response.text
    return text


def test_indicator_pages_meet_the_html_basics(page: str) -> None:
    parsed = parse(page)
    assert parsed.all("html")[0]["lang"] == "de"
    assert len(parsed.all("h1")) == 1
    assert parsed.tables_without_caption == 0
    labelled = {label.get("for") for label in parsed.all("label")}
    for tag in CONTROLS:
        for control in parsed.all(tag):
            if control.get("type") not in ("hidden", "submit"):
                assert control.get("id") in labelled, control


def test_catalogue_lists_areas_with_status_and_filters(client: TestClient) -> None:
    text = client.get("/kennzahlen").text
    for area in ("A Rahmenbedingungen", "D Allgemeinbildende Schulen", "H "):
        assert area in text
    assert "berechenbar" in text
    assert "wartet auf Daten" in text
    found = client.get("/kennzahlen.json?q=Hauptschulabschluss&bereich=D").json()
    codes = {i["code"] for s in found["sections"] for i in s["indicators"]}
    assert "D7.2" in codes
    assert all(code.startswith("D") for code in codes)


def test_profile_shows_latest_value_with_land_reference(client: TestClient) -> None:
    text = client.get("/regionen/15082/profil").text
    row = re.search(r"D7\.2 Anteil der Abgehenden ohne Hauptschulabschluss.*?</tr>", text, re.S)
    assert row is not None
    assert "16,8" in row.group(0)
    assert "12,7" in row.group(0)
    assert "2023" in row.group(0)
    twin = client.get("/regionen/15082/profil.json").json()
    entry = next(e for a in twin["areas"] for e in a["entries"] if e["indicator"] == "D7.2")
    assert entry["year"] == 2023
    assert entry["value"]["value"] == pytest.approx(100 * 213 / 1269)
    assert entry["land"]["value"] == pytest.approx(100 * 2346 / 18525)
    assert entry["value"]["display"] == "16,8"
    assert entry["distribution"]["rank"] >= 1


def test_region_page_links_its_profile(client: TestClient) -> None:
    assert 'href="/regionen/15082/profil"' in client.get("/regionen/15082").text


def test_kennblatt_has_map_charts_source_attribution_and_table(client: TestClient) -> None:
    text = client.get("/kennzahlen/D7.2").text
    assert text.count("<svg") >= 3
    assert "21111-02-06-4.csv" in text
    assert "Stand 13.03.2025" in text
    assert "GeoBasis-DE / BKG" in text
    assert "Textalternative" in text
    assert "<table" in text


def test_kennblatt_charts_download_as_svg_and_png(client: TestClient) -> None:
    svg = client.get("/kennzahlen/D7.2/grafik/karte.svg")
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in svg.text
    png = client.get("/kennzahlen/D7.2/grafik/rangfolge.png")
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert client.get("/kennzahlen/D7.2/grafik/unbekannt.svg").status_code == 404


def test_changing_the_classification_changes_the_legend(client: TestClient) -> None:
    quantile = client.get("/kennzahlen/D7.2.json?klassen=quantile").json()["legend"]
    equal = client.get("/kennzahlen/D7.2.json?klassen=equal").json()["legend"]
    manual = client.get("/kennzahlen/D7.2.json?klassen=manual&grenzen=5,10,20").json()["legend"]
    assert quantile != equal
    assert len(manual) in (3, 4)
    assert quantile != manual


def test_bad_classification_is_a_bad_request(client: TestClient) -> None:
    assert client.get("/kennzahlen/D7.2?klassen=irgendwie").status_code == 400
    assert client.get("/kennzahlen/D7.2?klassen=manual&grenzen=a,b").status_code == 400


def test_comparison_of_a_group_lists_members_group_value_and_warning(
    client: TestClient,
) -> None:
    text = client.get(VERGLEICH.format("")).text
    twin = client.get(VERGLEICH.format(".json")).json()
    assert len(twin["members"]) == 9
    (comparison,) = twin["comparisons"]
    members = [v for v in comparison["values"] if v["role"] == "Mitglied"]
    assert len(members) == 9
    for member in members:
        assert member["value"]["name"] in text
    (group,) = [v["value"] for v in comparison["values"] if v["role"] == "Regionsgruppe"]
    numerator = sum(m["value"]["numerator"] for m in members)
    denominator = sum(m["value"]["denominator"] for m in members)
    assert group["numerator"] == numerator
    assert group["denominator"] == denominator
    assert group["value"] == pytest.approx(100 * numerator / denominator)
    assert group["display"] in text
    assert comparison["warning"]
    assert "Hinweis zur Vergleichbarkeit" in text
    assert "3 Ländern" in text
    assert "Landkreis und kreisfreie Stadt" in text


def test_comparison_charts_download(client: TestClient) -> None:
    response = client.get(
        "/vergleich/grafik/D7.2-vielfache.svg?gruppe=mitteldeutsches-revier&kennzahl=D7.2"
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")


def test_symbols_are_shown_as_symbols_never_as_zero(client: TestClient) -> None:
    twin = client.get("/vergleich.json?region=14&kennzahl=D7.1d&jahr=2023").json()
    (value,) = [v["value"] for v in twin["comparisons"][0]["values"] if v["role"] == "Mitglied"]
    assert value["symbol"] == "x"
    assert value["value"] is None
    assert value["display"] == "x"
    text = client.get("/vergleich?region=14&kennzahl=D7.1d&jahr=2023").text
    assert '<abbr title="Tabellenfach gesperrt' in text


def test_map_highlights_and_exports_its_table(client: TestClient) -> None:
    twin = client.get("/karte.json?kennzahl=D7.2&jahr=2023&markiert=15082").json()
    assert twin["markiert"] == ["15082"]
    assert twin["chart"]["svg_url"].startswith("/karte/grafik/karte.svg?")
    csv = client.get("/karte.csv?kennzahl=D7.2&jahr=2023")
    assert csv.status_code == 200
    assert "16,8" in csv.content.decode("utf-8-sig")


def test_a_dash_numerator_is_shown_as_dash_never_as_an_empty_cell(client: TestClient) -> None:
    # Flensburg (01001) 2023: no Absolvierende mit Fachhochschulreife ("-"), 1059 in all
    query = "kennzahl=D7.1d&jahr=2023"
    twin = client.get(f"/vergleich.json?region=01001&{query}").json()
    (value,) = [v["value"] for v in twin["comparisons"][0]["values"] if v["role"] == "Mitglied"]
    assert (value["value"], value["display"]) == (0.0, "0,0")
    assert (value["numerator"], value["numerator_symbol"]) == (None, "-")
    assert (value["denominator"], value["denominator_symbol"]) == (1059, None)
    for page in (f"/vergleich.csv?region=01001&{query}", f"/karte.csv?{query}"):
        lines = client.get(page).content.decode("utf-8-sig").splitlines()
        header = lines[0].split(";")
        (row,) = [line.split(";") for line in lines if "01001" in line.split(";")]
        parts = row[header.index("Zähler")], row[header.index("Nenner")]
        assert parts == ("-", "1.059")
        assert "- = nichts vorhanden (genau null)" in lines
    text = client.get(f"/karte?{query}").text
    assert '<abbr title="nichts vorhanden (genau null)">-</abbr>' in text
    api = client.get("/api/v1/indicator-values?indicator=D7.1d&region=01001&year=2023").json()
    assert api["data"][0]["numerator_symbol"] == "-"


ROUNDING_ST = "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse einem 3er-Rundungsverfahren"
ROUNDING_HB = "Bremen: Differenzen bei der Aufsummierung der Kreisergebnisse"
FHR_BE_SN = "Berlin, Sachsen: Eine Fachhochschulreife kann nur an beruflichen Schulen"


def test_figures_carry_the_footnotes_of_their_regions_and_columns(client: TestClient) -> None:
    profile = client.get("/regionen/15082/profil.json").json()
    notes = "\n".join(profile["footnotes"])
    assert ROUNDING_ST in notes and ROUNDING_HB not in notes

    compared = client.get("/vergleich.json?region=14713&kennzahl=D7.2&kennzahl=D7.1d").json()
    by_code = {c["code"]: "\n".join(c["footnotes"]) for c in compared["comparisons"]}
    assert FHR_BE_SN in by_code["D7.1d"]  # Leipzig lies in Sachsen; the FHR column is read
    assert FHR_BE_SN not in by_code["D7.2"]  # … but not by the share without Abschluss
    assert ROUNDING_ST not in by_code["D7.2"]
    page = client.get("/vergleich?region=14713&kennzahl=D7.1d").text
    assert FHR_BE_SN in page

    kennblatt = client.get("/kennzahlen/D7.2.json").json()
    sheet_notes = "\n".join(kennblatt["facts"]["footnotes"])
    assert ROUNDING_ST in sheet_notes and ROUNDING_HB in sheet_notes  # a map of all Kreise
    assert FHR_BE_SN not in sheet_notes
    map_page = client.get("/karte?kennzahl=D7.2")
    assert ROUNDING_HB in map_page.text and FHR_BE_SN not in map_page.text
