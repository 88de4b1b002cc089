# ruff: noqa: E501
"""Generate a SYNTHETIC export in the GENESIS format at the Regionaldatenbank's size limit.

The layout copies the real export 21111-02-06-4 (school leavers by qualification and sex):
same title block, header rows and foot block. Regions are invented 8-digit Gemeinde codes,
values are random. The file says in its title that it is synthetic; it is never official data.
"""

from __future__ import annotations

import random
from pathlib import Path

HEADER = """GENESIS-Tabelle: SYNTH-21111-02-06-5
SYNTHETISCHE TESTDATEN - keine amtlichen Werte - Absolvierende/Abgehende;;;;;;;;;;;;;;;;
allgemeinbildender Schulen nach Geschlecht und Abschlussarten - Schuljahr - regionale Tiefe:;;;;;;;;;;;;;;;;
Gemeinden (synthetisch);;;;;;;;;;;;;;;;
Statistik der allgemeinbildenden Schulen (synthetisch);;;;;;;;;;;;;;;;
Absolvierende/Abgehende (Anzahl);;;;;;;;;;;;;;;;
;;;{top}
;;;Insgesamt;Insgesamt;ohne Hauptschulabschluss;ohne Hauptschulabschluss;mit Hauptschulabschluss;mit Hauptschulabschluss;mit Mittlerem Abschluss;mit Mittlerem Abschluss;dar. schulischer Teil der Fachhochschulreife;dar. schulischer Teil der Fachhochschulreife;mit Fachhochschulreife;mit Fachhochschulreife;mit allgemeiner Hochschulreife;mit allgemeiner Hochschulreife
;;;Insgesamt;weiblich;Insgesamt;weiblich;Insgesamt;weiblich;Insgesamt;weiblich;Insgesamt;weiblich;Insgesamt;weiblich;Insgesamt;weiblich
"""

FOOT = """__________
"Synthetische Testdatei für Benchmarks von Bildungsmonitor; erzeugt, nicht amtlich."
"Keine Lizenz der amtlichen Statistik: synthetische Werte."
Stand: 01.01.2026 / 00:00:00
"""

COLUMNS = 14


def generate(path: Path, *, cells: int = 1_000_000, years: int = 7, seed: int = 1) -> int:
    """Write the file; return the number of value cells."""
    rng = random.Random(seed)
    regions = -(-cells // (COLUMNS * years))
    top = ";".join(
        ["Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss"] * COLUMNS
    )
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER.format(top=top))
        for year in range(2023 - years + 1, 2024):
            for index in range(regions):
                code = f"{90000000 + index:08d}"
                values = [_cell(rng) for _ in range(COLUMNS)]
                out.write(
                    f"{year};{code};      Gemeinde {index} (synthetisch);{';'.join(values)}\n"
                )
                written += COLUMNS
        out.write(FOOT)
    return written


def _cell(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return "-"
    if roll < 0.03:
        return "."
    if roll < 0.035:
        return "x"
    return str(rng.randint(0, 2000))


def data_line_offset() -> int:
    """Number of lines before the first data row (for DuckDB's ``skip``)."""
    return HEADER.count("\n")
