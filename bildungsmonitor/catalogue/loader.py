"""Load and validate indicator catalogues from YAML files.

The built-in catalogue (``catalogue/builtin/*.yaml``) is loaded through the same
code path as a municipality's own extension file: every file is validated on its
own (schema, enum values, unknown fields), then all files are merged (duplicate
codes, conflicting alias bindings) and finally cross-checked (areas, formulas,
aliases). All problems are collected; the raised ``CatalogueError`` names the
first one with file and line and carries the complete list in ``problems``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bildungsmonitor.catalogue._yaml import Location, YamlDocument, read_yaml
from bildungsmonitor.catalogue.model import (
    Area,
    Catalogue,
    CatalogueFile,
    CheckRule,
    Indicator,
    SeriesBinding,
)
from bildungsmonitor.compute.binding import Binding
from bildungsmonitor.compute.formula import FormulaError, parse
from bildungsmonitor.errors import AppError, InputError

BUILTIN_DIR = Path(__file__).parent / "builtin"

_ALIAS = re.compile(r"^[a-z_][a-z0-9_]*$")
_RESERVED = frozenset({"lag", "sum"})


class ErrorKind(enum.StrEnum):
    """Machine-readable kind of a catalogue problem."""

    FILE_UNREADABLE = "file_unreadable"
    YAML_SYNTAX = "yaml_syntax"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    BAD_VALUE = "bad_value"
    DUPLICATE_CODE = "duplicate_code"
    DUPLICATE_AREA = "duplicate_area"
    DUPLICATE_CHECK = "duplicate_check"
    ALIAS_CONFLICT = "alias_conflict"
    BAD_ALIAS = "bad_alias"
    BAD_BINDING = "bad_binding"
    UNKNOWN_AREA = "unknown_area"
    UNKNOWN_ALIAS = "unknown_alias"
    BAD_FORMULA = "bad_formula"
    MISSING_FORMULA = "missing_formula"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a catalogue file (German ``reason``)."""

    kind: ErrorKind
    reason: str
    file: str
    line: int | None = None
    position: int | None = None

    def __str__(self) -> str:
        where = f"Datei {self.file}" + (f", Zeile {self.line}" if self.line else "")
        return f"{where}: {self.reason}"


class CatalogueError(InputError):
    """The catalogue files are invalid. ``kind``/``file``/``line`` describe the first problem."""

    code = "katalog_ungueltig"

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("CatalogueError needs at least one problem")
        first = problems[0]
        reason = first.reason
        if len(problems) > 1:
            reason += f" (und {len(problems) - 1} weitere Fehler)"
        super().__init__(reason, file=first.file, line=first.line)
        self.kind = first.kind
        self.position = first.position
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class _Origin:
    doc: YamlDocument
    location: Location

    @property
    def file(self) -> str:
        return self.doc.file.name

    def at(self, *more: str | int) -> tuple[str, int | None]:
        return self.file, self.doc.line((*self.location, *more))


def builtin_files() -> list[Path]:
    """The YAML files of the built-in catalogue, in load order."""
    return sorted(BUILTIN_DIR.glob("*.yaml"))


def load_catalogue(
    paths: Sequence[Path] | None = None, *, include_builtin: bool = True
) -> Catalogue:
    """Load, merge and validate catalogue files; raises ``CatalogueError``."""
    files = [*(builtin_files() if include_builtin else []), *(Path(p) for p in paths or ())]
    builder = _Builder()
    for file in files:
        doc = builder.read(file)
        if doc is not None:
            content = builder.validate_schema(doc)
            if content is not None:
                builder.merge(doc, content)
    builder.cross_check()
    if builder.problems:
        raise CatalogueError(builder.problems)
    return builder.build(files)


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.areas: dict[str, tuple[Area, _Origin]] = {}
        self.series: dict[str, tuple[SeriesBinding, _Origin]] = {}
        self.indicators: dict[str, tuple[Indicator, _Origin]] = {}
        self.checks: dict[str, tuple[CheckRule, _Origin]] = {}

    def report(
        self,
        kind: ErrorKind,
        reason: str,
        where: tuple[str, int | None],
        position: int | None = None,
    ) -> None:
        self.problems.append(Problem(kind, reason, where[0], where[1], position))

    # -- per file -----------------------------------------------------------
    def read(self, file: Path) -> YamlDocument | None:
        try:
            return read_yaml(file)
        except (OSError, UnicodeDecodeError) as exc:
            reason = f"Katalogdatei kann nicht gelesen werden ({exc.__class__.__name__})."
            self.report(ErrorKind.FILE_UNREADABLE, reason, (file.name, None))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or "unbekannter Fehler"
            reason = f"YAML-Syntaxfehler: {problem}."
            self.report(ErrorKind.YAML_SYNTAX, reason, (file.name, line))
        return None

    def validate_schema(self, doc: YamlDocument) -> CatalogueFile | None:
        data = {} if doc.data is None else doc.data
        if not isinstance(data, dict):
            reason = "Die Katalogdatei muss ein YAML-Mapping (areas/series/indicators/checks) sein."
            self.report(ErrorKind.BAD_VALUE, reason, (doc.file.name, 1))
            return None
        # Top-level keys starting with "x-" are free for YAML anchors and comments.
        content = {k: v for k, v in data.items() if not str(k).startswith("x-")}
        try:
            return CatalogueFile.model_validate(content)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                kind, reason = _describe_validation_error(error, data)
                self.report(kind, reason, (doc.file.name, doc.line(loc)))
            return None

    def merge(self, doc: YamlDocument, content: CatalogueFile) -> None:
        for i, area in enumerate(content.areas):
            self._merge_area(area, _Origin(doc, ("areas", i)))
        for alias, binding in content.series.items():
            self._merge_series(alias, binding, _Origin(doc, ("series", alias)))
        for i, indicator in enumerate(content.indicators):
            self._merge_indicator(indicator, _Origin(doc, ("indicators", i)))
        for i, rule in enumerate(content.checks):
            self._merge_check(rule, _Origin(doc, ("checks", i)))

    def _merge_area(self, area: Area, origin: _Origin) -> None:
        known = self.areas.get(area.code)
        if known is None:
            self.areas[area.code] = (area, origin)
        elif known[0] != area:
            reason = (
                f"Bereich {area.code!r} ist bereits in {known[1].file} "
                "mit anderem Inhalt definiert."
            )
            self.report(ErrorKind.DUPLICATE_AREA, reason, origin.at("code"))

    def _merge_series(self, alias: str, binding: SeriesBinding, origin: _Origin) -> None:
        if not _ALIAS.match(alias) or alias in _RESERVED:
            reason = (
                f"Ungültiger Aliasname {alias!r}: erlaubt sind Kleinbuchstaben a–z, Ziffern "
                "und '_' (nicht am Anfang eine Ziffer; 'lag' und 'sum' sind reserviert)."
            )
            self.report(ErrorKind.BAD_ALIAS, reason, origin.at())
            return
        known = self.series.get(alias)
        if known is not None:
            if known[0] != binding:
                reason = (
                    f"Alias {alias!r} ist bereits in {known[1].file} "
                    f"(Zeile {known[1].at()[1]}) anders gebunden."
                )
                self.report(ErrorKind.ALIAS_CONFLICT, reason, origin.at())
            return
        try:
            Binding.from_mapping(alias, binding.model_dump(mode="json"))
        except (AppError, ValueError, TypeError) as exc:
            reason = f"Bindung des Alias {alias!r} ist ungültig: {_message(exc)}"
            self.report(ErrorKind.BAD_BINDING, reason, origin.at())
            return
        self.series[alias] = (binding, origin)

    def _merge_indicator(self, indicator: Indicator, origin: _Origin) -> None:
        known = self.indicators.get(indicator.code)
        if known is not None:
            file, line = known[1].at()
            reason = (
                f"Kennzahl-Code {indicator.code!r} ist doppelt (zuerst in {file}, Zeile {line})."
            )
            self.report(ErrorKind.DUPLICATE_CODE, reason, origin.at("code"))
            return
        self.indicators[indicator.code] = (indicator, origin)

    def _merge_check(self, rule: CheckRule, origin: _Origin) -> None:
        known = self.checks.get(rule.id)
        if known is not None:
            reason = f"Prüfregel {rule.id!r} ist doppelt (zuerst in {known[1].file})."
            self.report(ErrorKind.DUPLICATE_CHECK, reason, origin.at("id"))
            return
        self.checks[rule.id] = (rule, origin)

    # -- across files ---------------------------------------------------------
    def cross_check(self) -> None:
        for indicator, origin in self.indicators.values():
            if indicator.area not in self.areas:
                reason = (
                    f"Kennzahl {indicator.code}: Bereich {indicator.area!r} ist nicht definiert "
                    f"(bekannt: {', '.join(sorted(self.areas))})."
                )
                self.report(ErrorKind.UNKNOWN_AREA, reason, origin.at("area"))
            self._check_formulas(indicator, origin)
        for rule, origin in self.checks.values():
            for field, alias in [("total", rule.total), *(("parts", p) for p in rule.parts)]:
                if alias not in self.series:
                    reason = f"Prüfregel {rule.id}: Alias {alias!r} ist nicht definiert."
                    self.report(ErrorKind.UNKNOWN_ALIAS, reason, origin.at(field))

    def _check_formulas(self, indicator: Indicator, origin: _Origin) -> None:
        if indicator.computable and not indicator.numerator:
            reason = (
                f"Kennzahl {indicator.code} hat Status 'computable', aber keinen Zähler "
                "(numerator). Ohne Formel ist der Status 'awaiting_data'."
            )
            self.report(ErrorKind.MISSING_FORMULA, reason, origin.at("status"))
        for field in ("numerator", "denominator"):
            text = getattr(indicator, field)
            if text is not None:
                self._check_formula(indicator.code, field, text, origin)

    def _check_formula(self, code: str, field: str, text: str, origin: _Origin) -> None:
        label = "Zähler" if field == "numerator" else "Nenner"
        try:
            names = parse(text).names()
        except FormulaError as exc:
            reason = (
                f"Kennzahl {code}: {label} {text!r} ist keine gültige Formel "
                f"(Position {exc.position}): {_message(exc)}"
            )
            self.report(ErrorKind.BAD_FORMULA, reason, origin.at(field), exc.position)
            return
        for name in sorted(names - self.series.keys()):
            reason = f"Kennzahl {code}: {label} verwendet den unbekannten Alias {name!r}."
            self.report(ErrorKind.UNKNOWN_ALIAS, reason, origin.at(field))

    def build(self, files: Iterable[Path]) -> Catalogue:
        return Catalogue(
            areas=tuple(a for a, _ in self.areas.values()),
            series={alias: b for alias, (b, _) in self.series.items()},
            indicators=tuple(i for i, _ in self.indicators.values()),
            checks=tuple(c for c, _ in self.checks.values()),
            files=tuple(f.name for f in files),
        )


def _message(exc: Exception) -> str:
    return exc.message if isinstance(exc, AppError) else str(exc)


_SECTION_NAMES = {
    "areas": "Bereich",
    "series": "Alias",
    "indicators": "Kennzahl",
    "checks": "Prüfregel",
}


def _owner(loc: Location, data: dict[str, Any]) -> str:
    """German description of the entry an error location belongs to."""
    if len(loc) < 2 or loc[0] not in _SECTION_NAMES:
        return "Katalogdatei"
    label = _SECTION_NAMES[str(loc[0])]
    if loc[0] == "series":
        return f"{label} {loc[1]!r}"
    entries = data.get(str(loc[0]))
    entry = entries[loc[1]] if isinstance(entries, list) and isinstance(loc[1], int) else None
    key = "id" if loc[0] == "checks" else "code"
    name = entry.get(key) if isinstance(entry, dict) else None
    return f"{label} {name!r}" if name else f"{label} Nr. {int(loc[1]) + 1}"


def _describe_validation_error(error: Any, data: dict[str, Any]) -> tuple[ErrorKind, str]:
    loc: Location = tuple(error["loc"])
    owner = _owner(loc, data)
    field = ".".join(str(p) for p in loc[2:] if not isinstance(p, int)) or str(loc[-1])
    kind = error["type"]
    if kind == "extra_forbidden":
        return ErrorKind.UNKNOWN_FIELD, f"{owner}: unbekanntes Feld {str(loc[-1])!r}."
    if kind == "missing":
        return ErrorKind.MISSING_FIELD, f"{owner}: Pflichtfeld {str(loc[-1])!r} fehlt."
    expected = (error.get("ctx") or {}).get("expected")
    allowed = f" Erlaubt: {expected}." if expected else ""
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    return ErrorKind.BAD_VALUE, f"{owner}: ungültiger Wert {shown} für {field!r}.{allowed}"
