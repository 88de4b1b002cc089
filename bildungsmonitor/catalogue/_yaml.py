"""Reading a catalogue YAML file together with the line of every node."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML file: its plain data and its node tree for line lookups."""

    file: Path
    data: Any
    root: yaml.Node | None

    def line(self, location: Location) -> int | None:
        """1-based line of the deepest node reachable along ``location``."""
        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for step in location:
            child = _child(node, step)
            if child is None:
                break
            node = child
            best = node.start_mark.line + 1
        return best


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return value if isinstance(value, yaml.Node) else key
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        items = node.value
        return items[step] if 0 <= step < len(items) else None
    return None


# libyaml's parser where PyYAML was built with it (same nodes, lines and data, about ten
# times faster than the pure-Python one: loading the catalogue took 0.3 s)
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(file: Path) -> YamlDocument:
    """Read and parse ``file`` once: the node tree, and the data built from it; raises
    ``OSError``/``UnicodeDecodeError``/``yaml.YAMLError``."""
    text = file.read_text(encoding="utf-8")
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()
    return YamlDocument(file=file, data=data, root=root)
