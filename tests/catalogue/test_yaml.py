"""Catalogue YAML read once with libyaml: the same data and node lines as PyYAML's
pure-Python parser, so error messages keep pointing at the right line."""

from __future__ import annotations

from pathlib import Path

import yaml

from bildungsmonitor.catalogue._yaml import read_yaml
from bildungsmonitor.catalogue.loader import builtin_files


def _lines(node: yaml.Node) -> list[tuple[int, int]]:
    found = [(node.start_mark.line, node.start_mark.column)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _lines(key) + _lines(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _lines(item)
    return found


def test_builtin_catalogue_reads_as_with_the_pure_python_parser() -> None:
    files = builtin_files()
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8")
        document = read_yaml(file)
        assert document.data == yaml.safe_load(text), file.name
        reference = yaml.compose(text, Loader=yaml.SafeLoader)
        assert document.root is not None and reference is not None
        assert _lines(document.root) == _lines(reference), file.name


def test_line_of_a_nested_node_and_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("indicators:\n  - code: X1\n    name: Probe\n", encoding="utf-8")
    document = read_yaml(path)
    assert document.data == {"indicators": [{"code": "X1", "name": "Probe"}]}
    assert document.line(("indicators", 0, "name")) == 3
    empty = tmp_path / "leer.yaml"
    empty.write_text("", encoding="utf-8")
    assert read_yaml(empty).data is None and read_yaml(empty).line(("x",)) is None
