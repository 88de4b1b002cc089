"""Rounding procedures announced in footnotes (e.g. "3er-Rundungsverfahren").

Some Länder publish values rounded to multiples of a base (3er-, 5er-Rundung) for
secrecy; each published value may then be off by up to ``base - 1``. A footnote
that only says "Rundungsdifferenzen sind möglich" counts as ±1 per value. "ab
2018/19" limits the rounding to that year and later. Annual averages (an import
whose title says "Jahresdurchschnitt") are rounded to whole numbers: ±0.5 per value.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from bildungsmonitor.ingest.checks._check import CheckContext

GENERIC_ERROR = 1.0
AVERAGE_ERROR = 0.5

_MENTION = re.compile(r"rundung", re.IGNORECASE)
_BASE = re.compile(r"(\d+)er[- ]?rundung", re.IGNORECASE)
_FROM_YEAR = re.compile(r"\bab (\d{4})")
_AVERAGE = re.compile(r"jahresdurchschnitt", re.IGNORECASE)

RULE_SCHEMA: dict[str, pl.DataType] = {
    "import_id": pl.Int64(),
    "land": pl.String(),
    "per_value": pl.Float64(),
    "from_year": pl.Int64(),
}


def per_value_error(text: str) -> float | None:
    """The largest rounding error of one value the note announces, or None."""
    if not _MENTION.search(text):
        return None
    base = _BASE.search(text)
    return float(int(base.group(1)) - 1) if base else GENERIC_ERROR


def from_year(text: str) -> int | None:
    found = _FROM_YEAR.search(text)
    return int(found.group(1)) if found else None


def _lands_addressed(
    region_code: str | None, region_name: str | None, lands: dict[str, str]
) -> list[str]:
    if region_code in lands.values():
        return [region_code] if region_code else []
    names = (region_name or "").split(",")
    return [lands[n.strip().lower()] for n in names if n.strip().lower() in lands]


def rounding_rules(
    footnotes: pl.DataFrame, imports: pl.DataFrame, lands: dict[str, str]
) -> pl.DataFrame:
    """``import_id, land, per_value, from_year``: the rounding each import announces.

    ``footnotes``: ``import_id, region_name, region_code, text``; ``imports``:
    ``import_id, title``; ``lands`` maps lower-case Land names to their codes.
    """
    rows = []
    for import_id, region_name, region_code, text in footnotes.select(
        "import_id", "region_name", "region_code", "text"
    ).iter_rows():
        error = per_value_error(text)
        if error is None:
            continue
        for land in _lands_addressed(region_code, region_name, lands):
            rows.append((import_id, land, error, from_year(text)))
    for import_id, title in imports.select("import_id", "title").iter_rows():
        if _AVERAGE.search(title or ""):
            rows += [(import_id, land, AVERAGE_ERROR, None) for land in lands.values()]
    return pl.DataFrame(rows, schema=RULE_SCHEMA, orient="row")


def announced_rounding(context: CheckContext) -> pl.DataFrame:
    """``rounding_rules`` of every import in the store."""
    lands = context.regions().filter(pl.col("level") == "land")
    names = dict(zip(lands["name"].str.to_lowercase(), lands["code"], strict=True))
    return rounding_rules(context.footnotes(), context.imports(), names)


def with_tolerance(frame: pl.DataFrame, rules: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Adds ``tolerance`` = largest per-value error × ``values`` of the rules that apply.

    ``frame`` needs ``keys`` (unique), ``import_id``, ``land``, ``year`` and ``values``
    (how many rounded values enter the comparison); without a rule the tolerance is 0.
    """
    applies = pl.col("from_year").is_null() | (pl.col("year") >= pl.col("from_year"))
    tolerance = (
        frame.select(*dict.fromkeys([*keys, "import_id", "land", "year", "values"]))
        .join(rules, on=["import_id", "land"], how="inner")
        .filter(applies)
        .group_by(keys)
        .agg((pl.col("per_value") * pl.col("values")).max().alias("tolerance"))
    )
    return frame.join(tolerance, on=keys, how="left").with_columns(
        pl.col("tolerance").fill_null(0.0)
    )
