"""Catalogue loader: validation errors name kind, file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bildungsmonitor.catalogue import CatalogueError, ErrorKind, load_catalogue
from bildungsmonitor.errors import BadRequest

BASE = """\
areas:
  - code: A
    name: Rahmenbedingungen
series:
  bev: {table: 12411-01-01-4, path: [Insgesamt]}
  geb: {table: 12612-01-01-4, path: [Insgesamt]}
"""

INDICATOR = """\
indicators:
  - code: X1
    name: Lebendgeborene je 10.000 Einwohner
    area: A
    definition: Lebendgeborene je 10.000 Einwohner.
    numerator: geb
    denominator: bev
    factor: 10000
    unit: je 10.000 EW
    category: Ergänzungsindikator
    dimension: Kontext
    source: 12612-01-01-4
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path: Path, *texts: str) -> CatalogueError:
    paths = [write(tmp_path, f"f{i}.yaml", text) for i, text in enumerate(texts)]
    with pytest.raises(CatalogueError) as info:
        load_catalogue(paths, include_builtin=False)
    return info.value


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_files_load(tmp_path: Path) -> None:
    catalogue = load_catalogue(
        [write(tmp_path, "a.yaml", BASE), write(tmp_path, "b.yaml", INDICATOR)],
        include_builtin=False,
    )
    assert catalogue.indicator("X1").factor == 10000
    assert catalogue.binding("bev").path == ("Insgesamt",)
    assert catalogue.files == ("a.yaml", "b.yaml")


def test_error_is_bad_request_with_file_and_line(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("numerator: geb", "numerator: gebx")
    error = load_error(tmp_path, text)
    assert isinstance(error, BadRequest)
    assert error.kind is ErrorKind.UNKNOWN_ALIAS
    assert error.file == "f0.yaml"
    assert error.line == line_of(text, "numerator: gebx")
    assert "f0.yaml" in error.message
    assert f"Zeile {error.line}" in error.message


def test_duplicate_code_across_files(tmp_path: Path) -> None:
    error = load_error(tmp_path, BASE + INDICATOR, INDICATOR)
    assert error.kind is ErrorKind.DUPLICATE_CODE
    assert error.file == "f1.yaml"
    assert error.line == line_of(INDICATOR, "code: X1")


def test_unknown_area(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("area: A", "area: Q")
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.UNKNOWN_AREA
    assert error.line == line_of(text, "area: Q")


def test_bad_formula_reports_position(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("denominator: bev", "denominator: (bev +")
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.BAD_FORMULA
    assert error.position is not None
    assert error.line == line_of(text, "denominator: (bev +")


def test_unknown_field(tmp_path: Path) -> None:
    text = BASE + INDICATOR + "    colour: blau\n"
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.UNKNOWN_FIELD
    assert error.line == line_of(text, "colour: blau")
    assert "colour" in error.message


def test_missing_required_field(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("    unit: je 10.000 EW\n", "")
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.MISSING_FIELD
    assert "unit" in error.message
    assert error.line == line_of(text, "code: X1")


def test_bad_enum_value(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("category: Ergänzungsindikator", "category: Kern")
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.BAD_VALUE
    assert error.line == line_of(text, "category: Kern")
    assert "Kernindikator" in error.message


def test_alias_bound_twice_differently(tmp_path: Path) -> None:
    other = "series:\n  bev: {table: 12411-01-01-4, path: [weiblich]}\n"
    error = load_error(tmp_path, BASE, other)
    assert error.kind is ErrorKind.ALIAS_CONFLICT
    assert error.file == "f1.yaml"
    assert error.line == 2


def test_same_alias_binding_twice_is_fine(tmp_path: Path) -> None:
    same = "series:\n  bev: {table: 12411-01-01-4, path: [Insgesamt], dash: zero}\n"
    catalogue = load_catalogue(
        [write(tmp_path, "a.yaml", BASE), write(tmp_path, "b.yaml", same)],
        include_builtin=False,
    )
    assert "bev" in catalogue.series


def test_bad_alias_name(tmp_path: Path) -> None:
    error = load_error(tmp_path, BASE + "  Bev-2: {table: 12411-01-01-4, path: [Insgesamt]}\n")
    assert error.kind is ErrorKind.BAD_ALIAS


def test_yaml_syntax_error(tmp_path: Path) -> None:
    error = load_error(tmp_path, "areas:\n  - code: A\n    name: [unclosed\n")
    assert error.kind is ErrorKind.YAML_SYNTAX
    assert error.line is not None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        load_catalogue([tmp_path / "fehlt.yaml"], include_builtin=False)
    assert info.value.kind is ErrorKind.FILE_UNREADABLE
    assert info.value.file == "fehlt.yaml"


def test_computable_needs_numerator(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("    numerator: geb\n", "")
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.MISSING_FORMULA


def test_check_rule_with_unknown_alias(tmp_path: Path) -> None:
    text = BASE + "checks:\n  - id: r1\n    total: bev\n    parts: [geb, nix]\n    description: d\n"
    error = load_error(tmp_path, text)
    assert error.kind is ErrorKind.UNKNOWN_ALIAS
    assert error.line == line_of(text, "parts:")


def test_all_problems_are_collected(tmp_path: Path) -> None:
    text = BASE + INDICATOR.replace("area: A", "area: Q").replace("numerator: geb", "numerator: y")
    error = load_error(tmp_path, text)
    assert {p.kind for p in error.problems} == {ErrorKind.UNKNOWN_AREA, ErrorKind.UNKNOWN_ALIAS}
    assert "weitere Fehler" in error.message


def test_municipal_extension_with_own_area(tmp_path: Path) -> None:
    extension = """\
    x-anker:
      - &quelle Schulverwaltungsamt, eigene Erhebung
    areas:
      - code: Z1
        name: Digitalisierung und Medienbildung
    series:
      tablets: {table: kommunal-tablets, path: [Geräte]}
    indicators:
      - code: Z1.1
        official_code: MK-07
        name: Tablets je 100 Schülerinnen und Schüler
        area: Z1
        definition: Schul-Tablets je 100 Schülerinnen und Schüler allgemeinbildender Schulen.
        numerator: tablets
        denominator: sch_insg
        factor: 100
        unit: je 100 Schüler
        category: Ergänzungsindikator
        dimension: Input
        direction: higher_better
        source: *quelle
        steering: both
    """
    catalogue = load_catalogue([write(tmp_path, "kommune.yaml", extension)])
    indicator = catalogue.indicator("Z1.1")
    assert indicator.official_code == "MK-07"
    assert catalogue.area("Z1").name == "Digitalisierung und Medienbildung"
    assert catalogue.files[-1] == "kommune.yaml"
