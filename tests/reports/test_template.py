"""Template errors name file and line, and a failed build writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.errors import InputError
from bildungsmonitor.reports import build_report
from bildungsmonitor.store.database import Store

HEAD = '---\ntitle: Test\nsubject: "15082"\n---\n\n# A Rahmen\n\nText.\n\n'


def _fails(store: Store, catalogue: Catalogue, tmp_path: Path, body: str) -> InputError:
    template = tmp_path / "vorlage.md"
    template.write_text(HEAD + body, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        build_report(store, catalogue, template, out, formats=frozenset({"html", "pdf", "docx"}))
    assert not out.exists() or not any(out.iterdir())
    assert caught.value.file == "vorlage.md"
    return caught.value


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("```bm-figure\nindicator: Z9.9\n```\n", 11, "Z9.9"),
        ("```bm-figure\nindicator: D7.2\nregions: [15082, 99999]\n```\n", 12, "99999"),
        ("```bm-figure\nindicator: D7.2\ngroup: nirgendwo\n```\n", 12, "nirgendwo"),
        ("```bm-figure\nindicator: D7.2\nkind: torte\n```\n", 12, "torte"),
        ("```bm-figure\nindicator: D7.2\nfarbe: rot\n```\n", 12, "farbe"),
        ("```bm-table\nindicators: [D7.2\nyears: latest\n```\n", 12, "YAML"),
        ("```bm-table\nindicators: D7.2\n```\n", 11, "Liste"),
        ("```bm-figure\nindicator: D7.2\nyears: neulich\n```\n", 12, "neulich"),
        ("```bm-keyfigure\nindicator: D7.2\nsince: gestern\n```\n", 12, "since"),
        ("```bm-kennblatt\nindicator: D7.2\nsections: [rezept]\n```\n", 12, "rezept"),
        ("```bm-grafik\nindicator: D7.2\n```\n", 10, "bm-grafik"),
        ("```bm-figure\nindicator: D7.2\n", 10, "geschlossen"),
    ],
)
def test_block_errors_name_file_and_line(
    demo_store: Store,
    catalogue: Catalogue,
    tmp_path: Path,
    body: str,
    line: int,
    words: str,
) -> None:
    error = _fails(demo_store, catalogue, tmp_path, body)
    assert error.line == line
    assert words in error.message
    assert error.message.startswith(f"Datei vorlage.md, Zeile {line}: ")


def test_unknown_subject_in_front_matter(
    demo_store: Store, catalogue: Catalogue, tmp_path: Path
) -> None:
    template = tmp_path / "kopf.md"
    template.write_text('---\ntitle: X\nsubject: "00000"\n---\n', encoding="utf-8")
    with pytest.raises(InputError, match="00000"):
        build_report(demo_store, catalogue, template, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_free_text_and_code_are_kept(
    demo_store: Store, catalogue: Catalogue, tmp_path: Path
) -> None:
    template = tmp_path / "frei.md"
    template.write_text(
        HEAD + "**Fett** und *kursiv*.\n\n```\n# kein Kapitel\n```\n\n"
        "```bm-figure\nindicator: D7.2\nregions: [15082, 15]\nyears: [2015, 2023]\n"
        "kind: bar\n```\n",
        encoding="utf-8",
    )
    result = build_report(demo_store, catalogue, template, tmp_path)
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "<strong>Fett</strong>" in html and "# kein Kapitel" in html
    assert result.figures == 1
    assert not list(tmp_path.glob(".bm-report-*"))
