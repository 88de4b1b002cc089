"""Property-based tests of the GENESIS CSV parser.

1. Damaged real exports either parse or raise an ``InputError`` that names the file and a
   line: never any other exception.
2. A generated table written in the GENESIS format parses back to exactly its cells.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.genesis_csv import parse
from bildungsmonitor.ingest.table import Period
from bildungsmonitor.symbol import Cell, Symbol

ROOT = Path(__file__).parents[2]
GENESIS_DIR = ROOT / "bildungsmonitor" / "data" / "genesis"
REFERENCE_DIR = ROOT / "tests" / "data" / "reference"

# Small real files that together cover every layout: time column, block line + category,
# wide layout with period row, Stichtag line, quoted multi-line foot, Regionalatlas.
SAMPLES = [
    GENESIS_DIR / "82411-01-03-4.csv",
    GENESIS_DIR / "schmittfelix_12411-01-01-4.csv",
    GENESIS_DIR / "21111-02-06-4.csv",
    GENESIS_DIR / "22541-01-01-4.csv",
    GENESIS_DIR / "21121-01-05-4.csv",
    GENESIS_DIR / "12411-01-01-4_00.csv",
    GENESIS_DIR / "12411-0018.csv",
    REFERENCE_DIR / "AI-N-05_00.csv",
]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@functools.cache
def sample_bytes(path: Path) -> bytes:
    return path.read_bytes()


# --- damage ---------------------------------------------------------------------------

JUNK = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
# an int picks a line of the head directly, a float a relative position in the file
POSITION = st.one_of(st.integers(1, 14), st.floats(0, 1, exclude_max=True))


@dataclass(frozen=True)
class Damage:
    kind: str
    position: int | float
    field: int
    junk: str

    def apply(self, raw: bytes) -> bytes:
        if self.kind == "cut_byte":
            fraction = self.position if isinstance(self.position, float) else self.position / 15
            return raw[: int(fraction * len(raw))]
        if self.kind == "flip_encoding":
            return _flip_encoding(raw)
        lines = raw.split(b"\n")
        index = self._index(len(lines))
        return b"\n".join(self._lines(lines, index))

    def _index(self, size: int) -> int:
        if isinstance(self.position, int):
            return min(self.position, size - 1)
        return int(self.position * size)

    def _lines(self, lines: list[bytes], i: int) -> list[bytes]:
        junk = self.junk.encode("utf-8")
        if self.kind == "cut_line":
            return lines[:i]
        if self.kind == "delete_line":
            return lines[:i] + lines[i + 1 :]
        if self.kind == "duplicate_line":
            return lines[: i + 1] + lines[i:]
        fields = lines[i].split(b";")
        at = self.field % (len(fields) + 1)
        if self.kind == "replace_cell":
            fields[min(at, len(fields) - 1)] = junk
        else:  # insert_field
            fields.insert(at, junk)
        return [*lines[:i], b";".join(fields), *lines[i + 1 :]]


def _flip_encoding(raw: bytes) -> bytes:
    try:
        return raw.decode("utf-8").encode("cp1252", errors="replace")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace").encode("utf-8")


DAMAGE = st.builds(
    Damage,
    kind=st.sampled_from(
        [
            "cut_byte",
            "cut_line",
            "delete_line",
            "duplicate_line",
            "replace_cell",
            "insert_field",
            "flip_encoding",
        ]
    ),
    position=POSITION,
    field=st.integers(0, 40),
    junk=JUNK,
)


@SETTINGS
@given(sample=st.sampled_from(SAMPLES), damages=st.lists(DAMAGE, min_size=1, max_size=3))
def test_damaged_exports_parse_or_fail_with_a_located_input_error(
    tmp_path: Path, sample: Path, damages: list[Damage]
) -> None:
    raw = sample_bytes(sample)
    for damage in damages:
        raw = damage.apply(raw)
    path = tmp_path / f"beschaedigt_{sample.name}"
    path.write_bytes(raw)
    try:
        parsed = parse(path)
    except InputError as error:
        assert error.line is not None
        assert error.line >= 1
        assert path.name in str(error)
        assert error.reason
        return
    assert parsed.rows
    assert all(len(row.cells) == len(parsed.columns) for row in parsed.rows)


@SETTINGS
@given(sample=st.sampled_from(SAMPLES), crlf=st.booleans())
def test_undamaged_samples_parse_with_either_line_ending(
    tmp_path: Path, sample: Path, crlf: bool
) -> None:
    raw = sample_bytes(sample)
    path = tmp_path / sample.name
    path.write_bytes(raw.replace(b"\n", b"\r\n") if crlf else raw)
    assert parse(path).rows == parse(sample).rows


# --- round trip -----------------------------------------------------------------------

LETTERS = "A-Za-zÄÖÜäöüß"
LABEL = st.from_regex(rf"M [{LETTERS}][{LETTERS} ()-]{{0,15}}", fullmatch=True).map(str.strip)
NAME = st.from_regex(rf"[{LETTERS}][{LETTERS} ,.-]{{0,20}}", fullmatch=True)
CATEGORY = st.from_regex(rf"[{LETTERS}][{LETTERS} ()-]{{0,20}}", fullmatch=True).map(str.strip)
REGION_CODE = st.one_of(
    st.just("DG"), *(st.from_regex(rf"[0-9]{{{n}}}", fullmatch=True) for n in (2, 3, 5, 8))
)
UNITS = ["Anzahl", "Prozent", "Tsd. EUR", "EUR"]


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(["year", "date", "school_year"]))
    if kind == "date":
        day = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
        return Period(day.strftime("%d.%m.%Y"), day.year, day)
    year = draw(st.integers(1990, 2030))
    if kind == "year":
        return Period(str(year), year, None)
    return Period(f"{year}/{(year + 1) % 100:02d}", year + 1, None)


@st.composite
def cells(draw: st.DrawFn) -> tuple[str, Cell]:
    bracketed = draw(st.booleans())
    if draw(st.booleans()):
        symbol = draw(st.sampled_from(list(Symbol)))
        text, cell = symbol.value, Cell(None, symbol, 0, bracketed)
    else:
        negative = draw(st.booleans())
        whole = draw(st.integers(0, 10**12))
        fraction = draw(st.text("0123456789", max_size=3))
        sign = "-" if negative else ""
        number = f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"
        text = number.replace(".", ",")
        cell = Cell(float(number), None, len(fraction), bracketed)
    return (f"({text})" if bracketed else text), cell


@dataclass
class Generated:
    layout: str  # "a": period column, "b": block lines, "c": periods in the header
    periods: list[Period]
    labels: list[str]
    units: list[str] | None
    regions: list[tuple[str, str, int]]
    categories: list[str] | None
    values: dict[tuple[int, int, int], list[tuple[str, Cell]]]

    @property
    def width(self) -> int:
        return len(self.labels) * (len(self.periods) if self.layout == "c" else 1)


@st.composite
def generated_tables(draw: st.DrawFn) -> Generated:
    layout = draw(st.sampled_from("abc"))
    n_labels = draw(st.integers(1, 4))
    table = Generated(
        layout=layout,
        periods=draw(st.lists(periods(), min_size=1, max_size=3, unique_by=lambda p: p.text)),
        labels=draw(st.lists(LABEL, min_size=n_labels, max_size=n_labels)),
        units=draw(
            st.none() | st.lists(st.sampled_from(UNITS), min_size=n_labels, max_size=n_labels)
        ),
        regions=draw(
            st.lists(
                st.tuples(REGION_CODE, NAME, st.sampled_from([0, 2, 4, 6])),
                min_size=1,
                max_size=4,
                unique_by=lambda r: r[0],
            )
        ),
        categories=None
        if layout == "c"
        else draw(st.none() | st.lists(CATEGORY, min_size=1, max_size=3, unique=True)),
        values={},
    )
    row_periods = [0] if layout == "c" else range(len(table.periods))
    for p in row_periods:
        for r in range(len(table.regions)):
            for c in range(len(table.categories or [None])):
                table.values[p, r, c] = draw(
                    st.lists(cells(), min_size=table.width, max_size=table.width)
                )
    return table


def render(table: Generated) -> str:
    """Write a generated table in the GENESIS export format."""
    key = (1 if table.layout == "a" else 0) + 2 + (1 if table.categories else 0)
    pad = ";" * key
    lines = [
        "GENESIS-Tabelle: 00000-00-00-0",
        "Synthetische Tabelle nach Merkmalen -;;",
        "regionale",
    ]
    lines.append("Tiefe: Kreise und krfr. Städte;;")
    copies = len(table.periods) if table.layout == "c" else 1
    if table.layout == "c":
        lines.append(pad + ";".join(p.text for p in table.periods for _ in table.labels))
    lines.append(pad + ";".join(table.labels * copies))
    if table.units:
        lines.append(pad + ";".join(table.units * copies))
    for (p, r, c), row in table.values.items():
        if table.layout == "b" and r == 0 and c == 0:
            lines.append(f"{table.periods[p].text};;;;")
        code, name, indent = table.regions[r]
        keys = [code, " " * indent + name]
        if table.layout == "a":
            keys.insert(0, table.periods[p].text)
        if table.categories:
            keys.append(" " + table.categories[c])
        lines.append(";".join(keys + [text for text, _ in row]))
    lines += ["__________", '"zu ""M Spalte"":', 'Sachsen: Test 01.01.2011"', '"© Test"']
    lines.append("Stand: 01.02.2024 / 03:04:05")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(
    table=generated_tables(),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]),
    crlf=st.booleans(),
)
def test_generated_table_round_trips(
    tmp_path: Path, table: Generated, encoding: str, crlf: bool
) -> None:
    text = render(table)
    path = tmp_path / "erzeugt.csv"
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode(encoding))
    parsed = parse(path)
    assert parsed.encoding == encoding  # the text always holds "ä" and "©"
    assert parsed.table_code == "00000-00-00-0"
    rows = parsed.rows
    expected = list(table.values.items())
    assert len(rows) == len(expected)
    for row, ((p, r, c), values) in zip(rows, expected, strict=True):
        assert row.cells == [cell for _, cell in values]
        assert row.region_code == table.regions[r][0]
        assert row.category == (table.categories[c] if table.categories else None)
        assert row.period == (None if table.layout == "c" else table.periods[p])
    for code, name, indent in table.regions:
        ref = parsed.regions[code]
        assert (ref.name, ref.indent) == (name.strip(), indent)
    copies = len(table.periods) if table.layout == "c" else 1
    assert [c.path for c in parsed.columns] == [(label,) for label in table.labels * copies]
    units = table.units * copies if table.units else [None] * table.width
    assert [c.unit for c in parsed.columns] == units
    if table.layout == "c":
        column_periods = [p for p in table.periods for _ in table.labels]
        assert [c.period for c in parsed.columns] == column_periods
    assert [(f.column_label, f.region_name) for f in parsed.footnotes] == [("M Spalte", "Sachsen")]
    assert parsed.licence == "© Test"
