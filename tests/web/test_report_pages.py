"""Berichte aus der Weboberfläche: Auswahl, Vorschau und Download."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from fastapi.testclient import TestClient

from tests.web._html import parse

PREVIEW = "/berichte/vorschau?art=kommunalprofil&region=15082"
GROUP = "group:mitteldeutsches-revier"


def download(kind: str, region: str, fmt: str) -> str:
    return f"/berichte/download?art={kind}&region={region}&format={fmt}"


def test_form_has_labelled_controls_with_kreise_and_groups(client: TestClient) -> None:
    response = client.get("/berichte")
    assert response.status_code == 200
    page = parse(response.text)
    labels = {a["for"] for a in page.all("label")}
    selects = {a["id"] for a in page.all("select")}
    assert {"art", "region"} <= selects <= labels
    (form,) = page.all("form")
    assert form["action"] == "/berichte/vorschau"
    assert (form.get("method") or "get").lower() == "get"
    values = {a["value"] for a in page.all("option")}
    assert {"bildungsbericht", "kommunalprofil", "datensammlung", "vergleichsbericht"} <= values
    assert {"15082", GROUP} <= values
    assert 'aria-current="page"' in response.text
    assert "Vergleichsbericht" in response.text


def test_form_page_keeps_a_choice_and_has_a_json_twin(client: TestClient) -> None:
    response = client.get("/berichte?art=datensammlung&region=15082")
    assert '<option value="datensammlung" selected>' in response.text
    assert '<option value="15082" selected>' in response.text
    twin = client.get("/berichte.json").json()
    assert twin["title"] == "Berichte"
    assert "15082" in twin["regions"]


def test_preview_shows_the_profile_in_the_page(client: TestClient) -> None:
    response = client.get(PREVIEW)
    assert response.status_code == 200
    text = response.text
    page = parse(text)
    assert '<html lang="de">' in text
    assert len(page.all("h1")) == 1
    assert len(page.all("main")) == 1
    assert len(page.all("article")) == 1
    assert "Kommunalprofil Anhalt-Bitterfeld" in text
    # Anteil der Siebtklässler an Gymnasien 2023, a key figure of the profile
    assert "32,3" in text
    images = page.all("img")
    assert images
    assert all(img.get("alt") for img in images)
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique in the page"
    assert ids.count("inhalt") == 1
    assert "<style" not in text
    for fmt in ("pdf", "docx", "html", "md"):
        assert download("kommunalprofil", "15082", fmt).replace("&", "&amp;") in text


def test_preview_json_twin_lists_the_downloads(client: TestClient) -> None:
    twin = client.get(PREVIEW.replace("vorschau", "vorschau.json")).json()
    assert twin["region"] == "15082"
    assert "body" not in twin
    assert {d["filename"] for d in twin["downloads"]} >= {
        "kommunalprofil-15082.pdf",
        "kommunalprofil-15082.md",
    }


def test_download_pdf(client: TestClient) -> None:
    response = client.get(download("kommunalprofil", "15082", "pdf"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="kommunalprofil-15082.pdf"' in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF")


def test_download_docx_opens_with_python_docx(client: TestClient) -> None:
    response = client.get(download("kommunalprofil", "15082", "docx"))
    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    document = Document(io.BytesIO(response.content))
    assert any("Anhalt-Bitterfeld" in p.text for p in document.paragraphs)
    assert "kommunalprofil-15082.docx" in response.headers["content-disposition"]


def test_download_md_returns_the_template(client: TestClient) -> None:
    response = client.get(download("kommunalprofil", "15082", "md"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("---\n")
    assert 'subject: "15082"' in response.text
    assert "kind: kommunalprofil" in response.text
    assert "```bm-" in response.text


def test_download_html_and_repeated_downloads_are_the_same_file(client: TestClient) -> None:
    first = client.get(download("kommunalprofil", "15082", "html"))
    second = client.get(download("kommunalprofil", "15082", "html"))
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/html")
    assert '<html lang="de">' in first.text
    assert first.content == second.content


def test_unknown_region_is_a_german_404(client: TestClient) -> None:
    response = client.get("/berichte/vorschau?art=kommunalprofil&region=99999")
    assert response.status_code == 404
    assert "nicht bekannt" in response.text
    assert '<html lang="de">' in response.text
    assert client.get(download("kommunalprofil", "group:gibt-es-nicht", "pdf")).status_code == 404


def test_unknown_kind_and_format_are_german_400(client: TestClient) -> None:
    response = client.get("/berichte/vorschau?art=jahresbericht&region=15082")
    assert response.status_code == 400
    assert "Unbekannte Berichtsart" in response.text
    response = client.get(download("kommunalprofil", "15082", "odt"))
    assert response.status_code == 400
    assert "Unbekanntes Format" in response.text
    assert client.get("/berichte/vorschau").status_code == 400


def test_comparison_report_only_for_groups(client: TestClient) -> None:
    response = client.get("/berichte/vorschau?art=vergleichsbericht&region=15082")
    assert response.status_code == 400
    assert "nur für Regionsgruppen" in response.text
    group = client.get(f"/berichte/vorschau?art=vergleichsbericht&region={GROUP}")
    assert group.status_code == 200
    assert "<article" in group.text
