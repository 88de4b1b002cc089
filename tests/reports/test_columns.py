"""Wide tables are printed in column blocks that fit the page: row headers repeated,
»Fortsetzung« captions, one table number; laid out with WeasyPrint to prove the fit."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from bildungsmonitor.reports._columns import BODY, PROFILE_APPENDIX, Measure, column_blocks
from bildungsmonitor.reports.html import ASSETS, render_table
from bildungsmonitor.reports.model import TableElement

RING = [
    "Leipzig, kreisfreie Stadt",
    "Leipzig, Landkreis",
    "Nordsachsen",
    "Halle (Saale)",
    "Anhalt-Bitterfeld",
    "Burgenlandkreis",
    "Mansfeld-Südharz",
    "Saalekreis",
    "Altenburger Land",
    "Sachsen",
    "Sachsen-Anhalt",
    "Thüringen",
    "Mitteldeutsches Revier",
    "Deutschland",
]
NAME = "Anteil der Absolvierenden mit allgemeiner Hochschulreife an allen Absolvierenden (%)"


def _ring_table() -> TableElement:
    """Kennzahlen × the ring's regions, as ``bm-table`` builds it."""
    rows = [[NAME, "2023", *(f"{i + 1:d}.{j:03d},{i % 10}" for j in range(14))] for i in range(8)]
    return TableElement("Kennzahlen im Vergleich, 2023", ["Kennzahl", "Jahr", *RING], rows, "Q")


def _years_table() -> TableElement:
    """Regions × 21 years, as the appendix holds a time series."""
    years = [str(y) for y in range(2005, 2026)]
    rows = [
        [name, *(f"{123 + i:d}.{456 + j:d},7" for j in range(21))] for i, name in enumerate(RING)
    ]
    return TableElement("Daten zu Abbildung 1", ["Region", *years], rows, "Q")


def test_a_narrow_table_stays_one_block() -> None:
    table = TableElement("T", ["Region", "2022", "2023"], [["Saalekreis", "1,0", "2,0"]], "Q")
    assert column_blocks(table, BODY) == [[1, 2]]


@pytest.mark.parametrize("table", [_ring_table(), _years_table()])
def test_wide_tables_split_into_even_blocks_covering_every_column_once(
    table: TableElement,
) -> None:
    blocks = column_blocks(table, BODY)
    assert len(blocks) > 1
    assert [i for block in blocks for i in block] == list(
        range(table.numeric_from, len(table.header))
    )
    sizes = {len(block) for block in blocks}
    assert max(sizes) - min(sizes) <= 1


def test_every_part_repeats_the_row_headers_and_later_parts_say_fortsetzung() -> None:
    table = _ring_table()
    table.number, table.numeric_from = 4, 2
    table.blocks = column_blocks(table, BODY)
    html = str(render_table(table, ""))
    captions = re.findall(r"<caption>([^<]*)</caption>", html)
    assert captions[0] == "Tabelle 4: Kennzahlen im Vergleich, 2023"
    assert captions[1] == "Tabelle 4 (Fortsetzung): Kennzahlen im Vergleich, 2023"
    assert len(captions) == len(table.blocks)
    assert html.count(f'<th scope="row">{NAME}</th>') == 8 * len(table.blocks)
    assert html.count('<th scope="col">Kennzahl</th>') == len(table.blocks)
    assert html.count('<p class="source">Q</p>') == 1  # the source line once, at the end


def _overflow(html: Markup, body_class: str, appendix: bool) -> list[float]:
    """How far each laid-out table sticks out beyond the page's text area (px)."""
    import weasyprint  # type: ignore[import-untyped]  # no type hints
    from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    section = '<section class="appendix">' if appendix else "<section>"
    page = (
        f'<html lang="de"><head><style>{css}</style></head><body class="{body_class}">'
        f"<main>{section}{html}</section></main></body></html>"
    )
    found: list[float] = []
    for laid_out in weasyprint.HTML(string=page).render().pages:
        root = laid_out._page_box
        right = root.position_x + root.margin_width() - root.margin_right
        stack = [root]
        while stack:
            box = stack.pop()
            if isinstance(box, boxes.TableBox):
                found.append(box.position_x + box.margin_width() - right)
            stack.extend(getattr(box, "children", []) or [])
    return found


@pytest.mark.parametrize(
    ("body_class", "appendix", "where"),
    [("bildungsbericht", False, BODY), ("kommunalprofil", True, PROFILE_APPENDIX)],
)
def test_no_block_is_wider_than_the_page(body_class: str, appendix: bool, where: Measure) -> None:
    html = Markup("")
    for table in (_ring_table(), _years_table()):
        table.numeric_from = 2 if table.header[0] == "Kennzahl" else 1
        table.blocks = column_blocks(table, where)
        html += render_table(table, "A" if appendix else "")
    unsplit = _ring_table()
    unsplit.numeric_from = 2
    assert max(_overflow(render_table(unsplit, ""), body_class, appendix)) > 0  # the defect
    overflow = _overflow(html, body_class, appendix)
    assert overflow and max(overflow) <= 0.5
