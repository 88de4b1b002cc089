"""Built-in templates built on the demo data for a Kreis and for the ring: HTML, PDF and
DOCX; every number of the manifest is found in the PDF text (wide tables are printed in
column blocks, so none is cut off); the source tables' footnotes that apply are there."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from tests.conftest import ENVIRONMENT
from tests.reports._builds import GROUP, KREIS, Builds

ALL = frozenset({"html", "pdf", "docx"})
# Whole ring documents are layout and rendering work (≈ 2 minutes) that does not depend on
# the database: they run on SQLite only. On PostgreSQL the Kreis documents and the
# Vergleichsbericht of the ring still read every kind of data the reports use.
LAYOUT_ONLY = pytest.mark.skipif(
    ENVIRONMENT.database_url is not None,
    reason="Layout des ganzen Ring-Dokuments: nur im SQLite-Lauf (datenbankunabhängig)",
)
CASES = [
    ("bildungsbericht", KREIS),
    ("kommunalprofil", KREIS),
    ("datensammlung", KREIS),
    pytest.param("bildungsbericht", GROUP, marks=LAYOUT_ONLY),
    pytest.param("kommunalprofil", GROUP, marks=LAYOUT_ONLY),
    pytest.param("datensammlung", GROUP, marks=LAYOUT_ONLY),
    ("vergleichsbericht", GROUP),
]
# the ring's Bildungsbericht has the widest tables: nine members, three Länder, the ring
# and Deutschland side by side, and time series over twenty years
PRINTED = CASES
ROUNDING_ST = "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse einem 3er-Rundungsverfahren"
ROUNDING_HB = "Bremen: Differenzen bei der Aufsummierung"
ROUNDING_SH = "Schleswig-Holstein: Aus Datenschutzgründen"


def _manifest(builds: Builds, kind: str, subject: str, formats: frozenset[str]) -> Any:
    result = builds(kind, subject, formats)
    return json.loads(result.manifest.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("kind", "subject"), CASES)
def test_html_is_german_with_captions_and_alt_text(builds: Builds, kind: str, subject: str) -> None:
    result = builds(kind, subject, ALL)
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert '<html lang="de">' in html
    assert "<h1>" in html and "Impressum" in html and "Tabellenanhang" in html
    if result.figures:
        assert html.count("<figcaption>Abbildung ") == result.figures
        alts = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]*)"', html)
        assert len(alts) == result.figures and all(alts)
    assert "dl-de/by-2-0" in html
    assert result.values > 0


def test_bildungsbericht_has_chapters_a_to_h_and_kernaussagen(builds: Builds) -> None:
    result = builds("bildungsbericht", KREIS, ALL)
    html = result.outputs["html"].read_text(encoding="utf-8")
    chapters = re.findall(r'<section class="chapter" id="kap-\d+">\s*<h1>([A-H]) ', html)
    assert chapters == list("ABCDEFGH")
    assert html.count("<h2>Kernaussagen</h2>") >= 4  # B and H hold only one-year counts
    assert result.figures >= 40


@pytest.mark.parametrize(("kind", "subject"), PRINTED)
def test_pdf_is_tagged_numbered_and_holds_the_values(
    builds: Builds, kind: str, subject: str
) -> None:
    result = builds(kind, subject, ALL)
    reader = PdfReader(result.outputs["pdf"])
    assert "/StructTreeRoot" in reader.root_object
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert result.pages == len(pages)
    assert f"Seite 3 von {len(pages)}" in pages[2]
    assert "Tabellenanhang" in text and "Impressum" in text and "Inhalt" in text
    html = result.outputs["html"].read_text(encoding="utf-8")
    for title in re.findall(r'<section class="chapter" id="kap-\d+">\s*<h1>([^<]+)</h1>', html):
        assert title.replace("&amp;", "&") in text
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    shown = [v for v in manifest["values"] if v["display"] != "keine Daten"]
    flat = text.replace("\n", " ")
    missing = [v for v in shown if v["display"] not in flat]
    assert shown and not missing


def test_kommunalprofil_is_short(builds: Builds) -> None:
    result = builds("kommunalprofil", KREIS, ALL)
    assert result.pages is not None and 4 <= result.pages <= 8


@pytest.mark.parametrize(("kind", "subject"), PRINTED)
def test_docx_has_word_headings_tables_and_images(builds: Builds, kind: str, subject: str) -> None:
    result = builds(kind, subject, ALL)
    doc = WordDocument(str(result.outputs["docx"]))
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert "Impressum" in headings and "Tabellenanhang" in headings
    assert len(doc.tables) >= 2
    assert len(doc.inline_shapes) == result.figures
    if kind != "datensammlung":  # the Datensammlung is tables with comments, no figures
        assert result.figures > 0
    for table in doc.tables:  # the header row repeats on each page
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


@LAYOUT_ONLY
def test_wide_tables_continue_in_blocks_with_the_same_number(builds: Builds) -> None:
    result = builds("bildungsbericht", GROUP, ALL)
    html = result.outputs["html"].read_text(encoding="utf-8")
    continued = re.findall(r"<caption>Tabelle (A?\d+) \(Fortsetzung[^)]*\): ", html)
    assert "1" in continued and "A1" in continued  # a body table and an appendix table
    first = re.findall(r"<caption>Tabelle (A?\d+): ", html)
    assert set(continued) <= set(first) and len(first) == len(set(first))
    doc = WordDocument(str(result.outputs["docx"]))
    captions = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert any(c.startswith("Tabelle 1 (Fortsetzung): ") for c in captions)


def test_source_footnotes_that_apply_are_in_html_pdf_and_docx(builds: Builds) -> None:
    result = builds("bildungsbericht", KREIS, ALL)
    html = result.outputs["html"].read_text(encoding="utf-8")
    pdf = " ".join(p.extract_text() for p in PdfReader(result.outputs["pdf"]).pages)
    docx = "\n".join(p.text for p in WordDocument(str(result.outputs["docx"])).paragraphs)
    for text in (html, " ".join(pdf.split()), docx):
        assert ROUNDING_ST in text  # 21111-02-06-4, scoped to Sachsen-Anhalt
        assert ROUNDING_HB not in text and ROUNDING_SH not in text  # other Länder
    # each figure and table links to its notes; every link has its note
    targets = set(re.findall(r'<li id="(anm-\d+-\d+)">', html))
    links = set(re.findall(r'<a href="#(anm-\d+-\d+)">', html))
    assert links and links <= targets


def test_manifest_traces_values_to_import_files(builds: Builds) -> None:
    manifest = _manifest(builds, "kommunalprofil", KREIS, ALL)
    assert manifest["subject"] == KREIS
    assert set(manifest["outputs"]) == {
        "kommunalprofil.docx",
        "kommunalprofil.html",
        "kommunalprofil.pdf",
    }
    for value in manifest["values"]:
        assert value["sources"], value
        for source in value["sources"]:
            assert source["file"].endswith(".csv") and source["stand"]
        assert re.fullmatch(r"kommunalprofil\.md:\d+", value["blocks"][0])


def test_official_symbols_are_shown_not_zero(builds: Builds) -> None:
    manifest = _manifest(builds, "bildungsbericht", KREIS, ALL)
    symbols = [v for v in manifest["values"] if v["symbol"]]
    assert symbols, "demo data holds symbols for 15082"
    for value in symbols:
        assert value["display"].strip("()") == value["symbol"]
        assert value["value"] is None


def _structure(node: Any, found: dict[str, list[Any]]) -> None:
    """Collect the structure elements of a PDF's structure tree by type."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _structure(child, found)
        return
    if not isinstance(node, dict):
        return
    if "/S" in node:
        found.setdefault(str(node["/S"]), []).append(node)
    if "/K" in node:
        _structure(node["/K"], found)


def test_pdf_ua_flags_language_alt_texts_and_table_headers(builds: Builds) -> None:
    """What WeasyPrint's ``pdf/ua-1`` variant writes, checked in the file (not a full
    PDF/UA validation: see docs/reports.md)."""
    result = builds("kommunalprofil", KREIS, ALL)
    root = PdfReader(result.outputs["pdf"]).root_object
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp and "Kommunalprofil Anhalt-Bitterfeld" in xmp
    found: dict[str, list[Any]] = {}
    _structure(root["/StructTreeRoot"], found)
    assert {"/Document", "/H1", "/Table", "/THead", "/TH", "/TD", "/Caption", "/L"} <= set(found)
    alts = [str(f.get("/Alt", "")) for f in found["/Figure"]]
    assert len(alts) == result.figures and all(alts)
    # every value cell names its headers: the row header (region) and the column header
    headers = [len(td["/A"].get("/Headers", [])) for td in found["/TD"]]
    assert headers and min(headers) >= 2


def test_key_figures_refer_to_the_notes_of_their_sources(builds: Builds) -> None:
    result = builds("kommunalprofil", KREIS, ALL)
    html = result.outputs["html"].read_text(encoding="utf-8")
    notes = dict(re.findall(r'<li id="(anm-\d+-\d+)">(.*?)</li>', html, re.DOTALL))
    asides = re.findall(r'<aside class="keyfigure">.*?</aside>', html, re.DOTALL)
    referenced = [re.findall(r'<a href="#(anm-\d+-\d+)">', aside) for aside in asides]
    assert sum(1 for refs in referenced if refs) >= 3
    texts = [" ".join(notes[anchor] for anchor in refs) for refs in referenced]
    # the school tables' rounding note of Sachsen-Anhalt, no note of another Land
    assert any("Sachsen-Anhalt: ab 2018/19 sind die Ergebnisse einem 3er-" in t for t in texts)
    assert not any(land in t for t in texts for land in ("Bremen:", "Schleswig-Holstein:"))
    docx = WordDocument(str(result.outputs["docx"])).paragraphs
    heads = [i for i, p in enumerate(docx) if p.style is not None and p.style.name == "Heading 3"]
    for start, refs in zip(heads, referenced, strict=False):
        following = [p.text for p in docx[start + 1 : start + 8]]
        assert any(text.startswith("Anmerkung") for text in following) == bool(refs), following
