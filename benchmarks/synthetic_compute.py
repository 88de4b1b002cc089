"""Synthetic data for the compute benchmark (everything here is SYNTHETIC, not real data).

11,000 synthetic Gemeinden (8-digit codes in the non-existent Land 99) × 30 years ×
50 series of the synthetic table ``SYNTH-01`` = 16.5M observations, about 1 % of them
symbols (``.``, ``-``, ``x``); a synthetic catalogue of 40 indicators over those
series (ratios, sums, differences, lags, counts); 10 synthetic region groups of
about 100 Gemeinden; two synthetic region types for reference values. The same
40 formulas are also written by hand as DuckDB SQL (``duckdb_script``) as the
reference for what the computation can cost.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import polars as pl

SEED = 20260101
TABLE = "SYNTH-01"
N_REGIONS = 11_000
N_SERIES = 50
YEARS = list(range(1995, 2025))
N_GROUPS = 10
SYMBOL_SHARE = 0.01
SYMBOLS = (".", "-", "x")
STAND = dt.datetime(2025, 1, 1, 0, 0)
REGION_TYPES = ("Synthetischer Typ A", "Synthetischer Typ B")


@dataclass(frozen=True, slots=True)
class Spec:
    """One synthetic indicator: ``factor × numerator / denominator`` over aliases."""

    code: str
    kind: str  # ratio | sum | diff | lag | count
    aliases: tuple[str, ...]
    factor: float

    @property
    def numerator(self) -> str:
        a = self.aliases
        if self.kind == "sum":
            return f"sum({a[0]}, {a[1]}, {a[2]})"
        if self.kind == "diff":
            return f"{a[0]} - {a[1]}"
        return a[0]

    @property
    def denominator(self) -> str | None:
        a = self.aliases
        if self.kind == "sum":
            return a[3]
        if self.kind in ("ratio", "diff"):
            return a[1]
        if self.kind == "lag":
            return f"lag({a[1]}, 1)"
        return None


def alias(index: int) -> str:
    return f"s{index % N_SERIES + 1:02d}"


def specs() -> list[Spec]:
    """40 indicators: 12 ratios, 8 sums, 8 differences, 6 lags, 6 counts."""
    kinds = [("ratio", 12, 2, 100.0), ("sum", 8, 4, 1.0), ("diff", 8, 2, 100.0)]
    kinds += [("lag", 6, 2, 100.0), ("count", 6, 1, 1.0)]
    out: list[Spec] = []
    offset = 0
    for kind, count, width, factor in kinds:
        for _ in range(count):
            aliases = tuple(alias(offset + 7 * k) for k in range(width))
            out.append(Spec(f"SYN{len(out) + 1:02d}", kind, aliases, factor))
            offset += 3
    return out


def catalogue_yaml() -> str:
    lines = [
        "areas:",
        "  - code: Z9",
        "    name: Synthetischer Bereich (Benchmark)",
        "series:",
    ]
    for index in range(N_SERIES):
        lines += [
            f"  {alias(index)}:",
            f"    table: {TABLE}",
            f'    path: ["Merkmal {index + 1:02d}"]',
        ]
    lines.append("indicators:")
    for spec in specs():
        lines += [
            f"  - code: {spec.code}",
            f"    name: Synthetische Kennzahl {spec.code} ({spec.kind})",
            "    area: Z9",
            "    definition: Synthetische Kennzahl für den Rechen-Benchmark.",
            f'    numerator: "{spec.numerator}"',
        ]
        if spec.denominator is not None:
            lines.append(f'    denominator: "{spec.denominator}"')
        lines += [
            f"    factor: {spec.factor}",
            '    unit: "%"' if spec.denominator else "    unit: Anzahl",
            "    category: Ergänzungsindikator",
            "    dimension: Kontext",
            "    source: Synthetische Daten (Benchmark)",
        ]
    return "\n".join(lines) + "\n"


def write_catalogue(path: Path) -> Path:
    path.write_text(catalogue_yaml(), encoding="utf-8")
    return path


def region_codes() -> list[str]:
    return [f"{99_000_000 + i:08d}" for i in range(N_REGIONS)]


def series_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "series_id": list(range(1, N_SERIES + 1)),
            "table_code": [TABLE] * N_SERIES,
            "path": [[f"Merkmal {i:02d}"] for i in range(1, N_SERIES + 1)],
        },
        schema={"series_id": pl.Int64, "table_code": pl.String, "path": pl.List(pl.String)},
    )


def _uniform(row: pl.Expr, seed: int) -> pl.Expr:
    """Seeded pseudo-random number in [0, 1) per row (hash of the row number)."""
    return (row.hash(seed) % (1 << 32)).cast(pl.Float64) / float(1 << 32)


def observations_frame(seed: int = SEED) -> pl.DataFrame:
    """16.5M rows ``series_id, region_code, year, category, value, symbol, bracketed,
    import_id, stand`` (ordered by series, region, year)."""
    rng = random.Random(seed)
    n_years = len(YEARS)
    per_series = N_REGIONS * n_years
    # per-region size and per-series share, so values look like counts of people
    size = pl.Series([rng.lognormvariate(6.0, 1.2) for _ in range(N_REGIONS)])
    share = pl.Series([rng.uniform(0.2, 1.0) for _ in range(N_SERIES)])
    codes = pl.Series(region_codes(), dtype=pl.String)
    row = pl.col("row")
    region = ((row // n_years) % N_REGIONS).cast(pl.UInt32)
    hit = _uniform(row, seed + 1) < SYMBOL_SHARE
    which = (row.hash(seed + 2) % len(SYMBOLS)).cast(pl.Int8)
    symbol = pl.when(hit).then(
        which.replace_strict(dict(enumerate(SYMBOLS)), return_dtype=pl.String)
    )
    chunks = []
    for series in range(N_SERIES):  # one series at a time keeps the generator's peak low
        value = (
            pl.lit(size).gather(region) * share[series] * (0.9 + 0.2 * _uniform(row, seed))
        ).floor()
        start = series * per_series
        rows_of_series = pl.int_range(start, start + per_series, dtype=pl.Int64, eager=True)
        chunks.append(
            pl.LazyFrame({"row": rows_of_series})
            .select(
                pl.lit(series + 1, pl.Int64).alias("series_id"),
                pl.lit(codes).gather(region).alias("region_code"),
                (row % n_years + YEARS[0]).alias("year"),
                pl.lit(None, pl.String).alias("category"),
                pl.when(~hit).then(value).alias("value"),
                symbol.alias("symbol"),
                pl.lit(False).alias("bracketed"),
                pl.lit(1, pl.Int64).alias("import_id"),
                pl.lit(STAND, pl.Datetime("us")).alias("stand"),
            )
            .collect()
        )
    return pl.concat(chunks, rechunk=False)


def groups(seed: int = SEED) -> dict[str, list[str]]:
    """10 synthetic groups of 95–105 distinct Gemeinden each."""
    rng = random.Random(seed + 1)
    codes = region_codes()
    out: dict[str, list[str]] = {}
    for index in range(N_GROUPS):
        members = rng.sample(codes, rng.randint(95, 105))
        out[f"synth-gruppe-{index + 1:02d}"] = sorted(members)
    return out


def region_types(seed: int = SEED) -> dict[str, str]:
    """Two synthetic region types, about 30 % / 70 %."""
    rng = random.Random(seed + 2)
    return {
        code: REGION_TYPES[0] if rng.random() < 0.3 else REGION_TYPES[1] for code in region_codes()
    }


# -- DuckDB reference -----------------------------------------------------------


def _sql_parts(spec: Spec) -> tuple[str, str]:
    a = spec.aliases
    if spec.kind == "sum":
        return f"{a[0]} + {a[1]} + {a[2]}", a[3]
    if spec.kind == "diff":
        return f"{a[0]} - {a[1]}", a[1]
    if spec.kind == "ratio":
        return a[0], a[1]
    if spec.kind == "lag":
        return a[0], f"lag_{a[1]}"
    return a[0], "NULL"


def duckdb_script() -> list[str]:
    """The 40 formulas by hand, over views ``observations``, ``members``, ``types``.

    Simplified symbol handling: ``-`` counts as 0, every other symbol is NULL, a
    divisor of 0 gives NULL. Group values are ratios of sums, NULL unless every
    member has a numerator (and denominator). Results: ``region_values`` (long),
    ``group_values`` and ``reference`` (quartiles by type plus each region's rank).
    """
    pivot = ",\n".join(
        f"  max(v) FILTER (WHERE series_id = {i + 1}) AS {alias(i)}" for i in range(N_SERIES)
    )
    lagged = sorted({spec.aliases[1] for spec in specs() if spec.kind == "lag"})
    lag_columns = "".join(f", p.{name} AS lag_{name}" for name in lagged)
    selects = []
    for spec in specs():
        num, den = _sql_parts(spec)
        value = (
            f"{spec.factor} * ({num}) / NULLIF({den}, 0)"
            if den != "NULL"
            else f"{spec.factor} * ({num})"
        )
        selects.append(
            f"SELECT '{spec.code}' AS indicator_code, region_code, year, "
            f"({num})::DOUBLE AS num, ({den})::DOUBLE AS den, ({value})::DOUBLE AS value, "
            f"{'true' if den != 'NULL' else 'false'} AS ratio, {spec.factor} AS factor "
            "FROM wide_lag"
        )
    union = "\nUNION ALL\n".join(selects)
    return [
        "CREATE TEMP TABLE wide AS SELECT region_code, year,\n" + pivot + "\nFROM (SELECT "
        "series_id, region_code, year, CASE WHEN symbol = '-' THEN 0.0 WHEN symbol IS NULL "
        "THEN value END AS v FROM observations WHERE category IS NULL) GROUP BY region_code, year",
        f"CREATE TEMP TABLE wide_lag AS SELECT w.*{lag_columns} FROM wide w LEFT JOIN wide p "
        "ON p.region_code = w.region_code AND p.year = w.year - 1",
        "CREATE TEMP TABLE region_values AS " + union,
        "CREATE TEMP TABLE group_values AS SELECT indicator_code, slug, year, "
        "CASE WHEN count(num) = count(*) AND (NOT any_value(ratio) OR count(den) = count(*)) "
        "THEN any_value(factor) * sum(num) / CASE WHEN any_value(ratio) THEN NULLIF(sum(den), 0) "
        "ELSE 1 END END AS value, sum(num) AS num, sum(den) AS den, count(*) AS n_members "
        "FROM region_values JOIN members USING (region_code) GROUP BY indicator_code, slug, year",
        "CREATE TEMP TABLE stats AS SELECT indicator_code, year, region_type, count(value) AS n, "
        "min(value) AS min, quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.5) AS median, "
        "quantile_cont(value, 0.75) AS q3, max(value) AS max FROM region_values "
        "JOIN types USING (region_code) GROUP BY indicator_code, year, region_type",
        "CREATE TEMP TABLE reference AS SELECT r.indicator_code, r.region_code, r.year, "
        "t.region_type, r.value, CASE WHEN r.value IS NOT NULL THEN rank() OVER (PARTITION BY "
        "r.indicator_code, r.year, t.region_type ORDER BY r.value DESC NULLS LAST) END AS rank, "
        "s.n, s.min, s.q1, s.median, s.q3, s.max FROM region_values r JOIN types t USING "
        "(region_code) JOIN stats s ON s.indicator_code = r.indicator_code AND s.year = r.year "
        "AND s.region_type = t.region_type",
    ]
