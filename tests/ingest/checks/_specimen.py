"""Altered copies of real GENESIS exports for the plausibility-check tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store

GENESIS = Path(__file__).parents[3] / "bildungsmonitor" / "data" / "genesis"
ENCODING = "latin-1"

# Columns of 21111-02-06-4 (school leavers): 3 = Insgesamt/Insgesamt,
# 5 = ohne Hauptschulabschluss/Insgesamt
LEAVERS = "21111-02-06-4.csv"
TOTAL, WITHOUT_HSA = 3, 5


def lines_of(name: str) -> list[str]:
    return (GENESIS / name).read_bytes().decode(ENCODING).splitlines(keepends=True)


def cell(lines: list[str], prefix: str, column: int) -> str:
    return next(line for line in lines if line.startswith(prefix)).split(";")[column]


def set_cell(lines: list[str], prefix: str, column: int, value: str) -> list[str]:
    """The row starting with ``prefix`` (e.g. ``"2023;06411;"``) gets ``value`` in ``column``."""
    changed = []
    for line in lines:
        fields = line.split(";")
        if line.startswith(prefix):
            fields[column] = value
        changed.append(";".join(fields))
    return changed


def add_to_cell(lines: list[str], prefix: str, column: int, amount: int) -> list[str]:
    return set_cell(lines, prefix, column, str(int(cell(lines, prefix, column)) + amount))


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_bytes("".join(lines).encode(ENCODING))
    return path


def import_variant(
    store: Store, tmp_path: Path, name: str, edit: Callable[[list[str]], list[str]]
) -> Path:
    path = write(tmp_path, name, edit(lines_of(name)))
    import_file(store.sessions, path)
    return path
