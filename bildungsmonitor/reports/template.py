"""Parse a report template: YAML front matter, Markdown text, ``# `` chapters and fenced
``bm-<kind>`` blocks with YAML options. Every block is validated against the catalogue
and the store; any error names file and line and stops before anything is written.

    ---
    title: Bildungsbericht Anhalt-Bitterfeld
    subject: "15082"            # or group:mitteldeutsches-revier
    ---
    # D Allgemeinbildende Schulen
    ```bm-figure
    indicator: D7.2
    years: 2015-2023
    kind: timeseries
    ```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.errors import InputError
from bildungsmonitor.reports._data import ReportData
from bildungsmonitor.reports.blocks import BLOCKS, FENCE_PREFIX
from bildungsmonitor.reports.blocks._options import Options
from bildungsmonitor.reports.model import Block, Chapter, Item, Location, Report, Text

FRONT_KEYS = ("title", "subject", "kind", "subtitle", "author")
FENCES = ("```", "~~~")


def parse_report(path: Path, data: ReportData, text: str | None = None) -> Report:
    """The validated ``Report`` of the template at ``path``."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"Vorlage nicht lesbar: {exc}", file=path) from None
    lines = text.splitlines()
    front, start = _front_matter(path, lines)
    report = _report(path, front, data)
    _body(report, lines, start, data)
    return report


def _front_matter(path: Path, lines: list[str]) -> tuple[dict[str, Any], int]:
    if not lines or lines[0].strip() != "---":
        raise InputError("Die Vorlage beginnt nicht mit einem Kopf (---).", file=path, line=1)
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            values, key_lines = _yaml(path, "\n".join(lines[1:index]), first_line=2)
            for key in values:
                if key not in FRONT_KEYS:
                    raise InputError(
                        f"Unbekannte Angabe »{key}« im Kopf (möglich: {', '.join(FRONT_KEYS)}).",
                        file=path,
                        line=key_lines[key],
                    )
            return values, index + 1
    raise InputError("Der Kopf der Vorlage wird nicht mit --- beendet.", file=path, line=1)


def _report(path: Path, front: dict[str, Any], data: ReportData) -> Report:
    for key in ("title", "subject"):
        if not front.get(key):
            raise InputError(f"Im Kopf fehlt »{key}«.", file=path, line=1)
    subject = str(front["subject"]).strip()
    known = (
        subject.removeprefix(GROUP_PREFIX) in data.groups
        if subject.startswith(GROUP_PREFIX)
        else subject in data.regions
    )
    if not known:
        raise InputError(f"Gebietseinheit »{subject}« ist nicht bekannt.", file=path, line=1)
    return Report(
        title=str(front["title"]),
        subject=subject,
        subject_name=data.name(subject),
        kind=str(front.get("kind", "bericht")),
        path=path,
        subtitle=str(front.get("subtitle", "")),
        author=str(front.get("author", "")),
    )


def _body(report: Report, lines: list[str], start: int, data: ReportData) -> None:
    items: list[Item] = report.intro
    text: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        fence = _fence(line)
        if fence and line.strip()[3:].strip().startswith(FENCE_PREFIX):
            _flush(items, text)
            end = _closing(report.path, lines, index, fence)
            items.append(_block(report, lines, index, end, data))
            index = end + 1
            continue
        if fence:  # ordinary code: keep verbatim, headings inside are not chapters
            end = _closing(report.path, lines, index, fence)
            text += lines[index : end + 1]
            index = end + 1
            continue
        if line.startswith("# "):
            _flush(items, text)
            report.chapters.append(Chapter(line[2:].strip()))
            items = report.chapters[-1].items
        else:
            text.append(line)
        index += 1
    _flush(items, text)


def _fence(line: str) -> str | None:
    stripped = line.strip()
    return next((f for f in FENCES if stripped.startswith(f)), None)


def _closing(path: Path, lines: list[str], start: int, fence: str) -> int:
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == fence:
            return index
    raise InputError("Block wird nicht geschlossen.", file=path, line=start + 1)


def _flush(items: list[Item], text: list[str]) -> None:
    joined = "\n".join(text).strip()
    if joined:
        items.append(Text(joined))
    text.clear()


def _block(report: Report, lines: list[str], start: int, end: int, data: ReportData) -> Block:
    where = Location(report.path, start + 1)
    kind = lines[start].strip()[3:].strip().removeprefix(FENCE_PREFIX)
    module = BLOCKS.get(kind)
    if module is None:
        raise InputError(
            f"Unbekannter Block »{FENCE_PREFIX}{kind}« "
            f"(möglich: {', '.join(FENCE_PREFIX + k for k in BLOCKS)}).",
            file=report.path,
            line=where.line,
        )
    values, key_lines = _yaml(report.path, "\n".join(lines[start + 1 : end]), start + 2)
    options = Options(values, key_lines, where, data, report.subject)
    return Block(kind, module.parse(options), where)


def _yaml(path: Path, text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Mapping and the line of each key; YAML errors carry their line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        values = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"Ungültiges YAML: {problem}", file=path, line=line) from None
    if values is None:
        return {}, {}
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        raise InputError(
            "Die Angaben müssen die Form »schlüssel: wert« haben.", file=path, line=first_line
        )
    key_lines = {str(key.value): first_line + key.start_mark.line for key, _ in node.value}
    return {str(k): v for k, v in values.items()}, key_lines
