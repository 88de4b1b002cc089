"""The registry of source formats. Built-in formats register like any extension would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.table import ParsedTable


@dataclass(frozen=True)
class SourceFormat:
    """A file format: ``sniff`` looks at the path and the first bytes, ``parse`` reads it."""

    name: str
    label: str
    sniff: Callable[[Path, bytes], bool]
    parse: Callable[[Path], ParsedTable]


_REGISTRY: list[SourceFormat] = []


def register(source_format: SourceFormat) -> None:
    if any(f.name == source_format.name for f in _REGISTRY):
        raise ValueError(f"format {source_format.name} registered twice")
    _REGISTRY.append(source_format)


def formats() -> tuple[SourceFormat, ...]:
    _load_builtin()
    return tuple(_REGISTRY)


def detect(path: Path) -> SourceFormat:
    """The format that claims ``path``; a clear German error when none does."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    for source_format in formats():
        if source_format.sniff(path, head):
            return source_format
    raise InputError(
        "Dateiformat nicht erkannt: weder ein GENESIS-/Regionaldatenbank-Export "
        "(erste Zeile »GENESIS-Tabelle: …« oder »Tabelle: …«) noch die Vorlage für "
        "eigene Daten (Spalten regionalschluessel;zeitraum;merkmal;wert;…).",
        file=path,
        line=1,
        column=1,
    )


def _genesis_sniff(_path: Path, head: bytes) -> bool:
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return first.startswith((b"GENESIS-Tabelle:", b"Tabelle:"))


def _load_builtin() -> None:
    if _REGISTRY:
        return
    from bildungsmonitor.ingest import genesis_csv, long_format

    register(
        SourceFormat(
            "genesis-csv",
            "GENESIS-/Regionaldatenbank-Export (CSV)",
            _genesis_sniff,
            genesis_csv.parse,
        )
    )
    register(
        SourceFormat(
            "long-format",
            "Eigene Daten im Langformat (CSV/XLSX)",
            long_format.sniff,
            long_format.parse,
        )
    )
