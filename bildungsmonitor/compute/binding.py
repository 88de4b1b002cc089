"""Binding formula aliases to stored series, across export vintages.

A catalogue binds each alias to a table, a header path pattern and optionally
a category::

    abg_ohne_hsa:
      table: 21111-02-06-4
      path: ["*", "ohne Hauptschulabschluss", "Insgesamt"]
      category: null
      dash: zero          # or "symbol"

Labels are compared after ``normalize_label`` (case, blanks and the wording
changes between vintages in ``LABEL_SYNONYMS``). In a path pattern ``*``
matches exactly one label and ``**`` any number of labels (also none).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import polars as pl

from bildungsmonitor.compute._formula_ast import FUNCTIONS, NAME_PATTERN
from bildungsmonitor.errors import BadRequest

# Wording changes between export vintages: (pattern on the casefolded label,
# replacement). Applied in order, on word boundaries where the pattern says so.
LABEL_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"absolventen/abgänger \(berufllich\)", "absolvierende/abgehende"),
    (r"absolventen/abgänger", "absolvierende/abgehende"),
    (r"absolventen und abgänger", "absolvierende/abgehende"),
    (r"ausländer\(innen\)", "ausländer"),
    (r"\bausländisch\b", "ausländer"),
    (r"schüler\(innen\)", "schülerinnen und schüler"),
    (r"\ballgemein bildend", "allgemeinbildend"),
)
# Only for categories (the category column of a table), applied to the whole label.
CATEGORY_SYNONYMS: Mapping[str, str] = {
    "insgesamt (ohne doppelzählungen)": "insgesamt",
}

ANY_ONE = "*"
ANY_MANY = "**"
OUTPUT_COLUMNS = ["region_code", "year", "value", "symbol", "bracketed", "import_id", "stand"]

_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in LABEL_SYNONYMS)
_BLANKS = re.compile(r"\s+")


class BindingError(BadRequest):
    """An invalid or ambiguous binding of an alias."""

    code = "bindungsfehler"


@lru_cache(maxsize=8192)
def normalize_label(label: str, *, category: bool = False) -> str:
    """Comparable form of a header or category label.

    Casefolds, collapses whitespace, strips and maps vintage synonyms so that
    "Absolventen/Abgänger" and "Absolvierende/Abgehende" compare equal. With
    ``category=True`` "Insgesamt (ohne Doppelzählungen)" also equals "Insgesamt".
    """
    text = _BLANKS.sub(" ", label.casefold()).strip()
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return CATEGORY_SYNONYMS.get(text, text) if category else text


def path_matches(pattern: Sequence[str], path: Sequence[str]) -> bool:
    """Element-wise match after normalisation; ``*`` = one label, ``**`` = any number."""
    wanted = [p if p in (ANY_ONE, ANY_MANY) else normalize_label(p) for p in pattern]
    labels = [normalize_label(label) for label in path]
    # reachable[j]: the pattern consumed so far can match labels[:j]
    reachable = [True] + [False] * len(labels)
    for element in wanted:
        if element == ANY_MANY:
            for j in range(1, len(labels) + 1):
                reachable[j] = reachable[j] or reachable[j - 1]
            continue
        shifted = [False] * (len(labels) + 1)
        for j, label in enumerate(labels):
            shifted[j + 1] = reachable[j] and (element in (ANY_ONE, label))
        reachable = shifted
    return reachable[-1]


def _text(alias: str, key: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BindingError(f"Bindung »{alias}«: »{key}« muss ein nicht leerer Text sein")
    return value.strip()


@dataclass(frozen=True, slots=True)
class Binding:
    """Where the values of one alias come from."""

    alias: str
    table: str
    path: tuple[str, ...]
    category: str | None = None
    dash_as_zero: bool = True

    @classmethod
    def from_mapping(cls, alias: str, mapping: Mapping[str, Any]) -> Binding:
        """Validate one catalogue entry (German messages)."""
        if not NAME_PATTERN.match(alias) or alias in FUNCTIONS:
            raise BindingError(
                f"Bindung »{alias}«: Namen bestehen aus Kleinbuchstaben a–z, Ziffern und »_«, "
                f"beginnen nicht mit einer Ziffer und heißen nicht {' oder '.join(FUNCTIONS)}"
            )
        if not isinstance(mapping, Mapping):
            raise BindingError(f"Bindung »{alias}«: erwartet werden Schlüssel und Werte")
        unknown = sorted(set(mapping) - {"table", "path", "category", "dash"})
        if unknown:
            raise BindingError(f"Bindung »{alias}«: unbekannte Angaben {', '.join(unknown)}")
        table = _text(alias, "table", mapping.get("table"))
        path = mapping.get("path")
        if not isinstance(path, list | tuple) or not path:
            raise BindingError(f"Bindung »{alias}«: »path« muss eine Liste von Beschriftungen sein")
        labels = tuple(_text(alias, "path", label) or "" for label in path)
        category = _text(alias, "category", mapping.get("category"), optional=True)
        dash = mapping.get("dash", "zero")
        if dash not in ("zero", "symbol"):
            raise BindingError(f"Bindung »{alias}«: »dash« muss »zero« oder »symbol« sein")
        return cls(alias, table or "", labels, category, dash == "zero")

    def matches_series(self, table_code: str, path: Sequence[str]) -> bool:
        return table_code.strip() == self.table and path_matches(self.path, path)

    def matches_category(self, category: str | None) -> bool:
        if self.category is None or category is None:
            return self.category is None and category is None
        wanted = normalize_label(self.category, category=True)
        return normalize_label(category, category=True) == wanted


def matching_series(binding: Binding, series: pl.DataFrame) -> list[int]:
    candidates = series.filter(pl.col("table_code").str.strip_chars() == binding.table)
    return [
        series_id
        for series_id, table_code, path in candidates.select(
            "series_id", "table_code", "path"
        ).iter_rows()
        if binding.matches_series(table_code, path)
    ]


def _category_filter(binding: Binding, observations: pl.DataFrame) -> pl.Expr:
    if binding.category is None:
        return pl.col("category").is_null()
    present = observations.get_column("category").drop_nulls().unique().to_list()
    return pl.col("category").is_in([c for c in present if binding.matches_category(c)])


def region_year_key(frame: pl.DataFrame) -> pl.Expr:
    """One value per distinct (region_code, year) of ``frame``.

    With an Enum region code and years in 0 … 2³²−1 it is one integer (fast to
    hash); otherwise a struct of both columns.
    """
    if isinstance(frame.schema["region_code"], pl.Enum) and frame.height:
        year = pl.col("year")
        low, high, nulls = frame.select(
            year.min().alias("low"), year.max().alias("high"), year.null_count().alias("nulls")
        ).row(0)
        if not nulls and low >= 0 and high < 2**32:
            region = pl.col("region_code").to_physical().cast(pl.UInt64)
            return region * 2**32 + pl.col("year").cast(pl.UInt64)
    return pl.struct("region_code", "year")


def has_duplicate_keys(frame: pl.DataFrame) -> bool:
    """True when some (region_code, year) occurs more than once."""
    return bool(frame.select(region_year_key(frame).n_unique()).item() < frame.height)


def _check_unambiguous(binding: Binding, ranked: pl.DataFrame) -> None:
    """Refuse two different values from the same best (stand, import) for a region-year.

    ``ranked`` holds only the contested rows (region-years with several candidates).
    """
    keys = ["region_code", "year"]
    best = pl.all_horizontal(
        pl.col(column).eq_missing(pl.col(column).first().over(keys))
        for column in ("stand", "import_id")
    )
    conflicts = (
        ranked.filter(best)
        .group_by(keys)
        .agg(pl.struct("value", "symbol", "bracketed").n_unique().alias("variants"))
        .filter(pl.col("variants") > 1)
        .sort(keys)
    )
    if conflicts.height:
        example = conflicts.row(0, named=True)
        raise BindingError(
            f"Bindung »{binding.alias}« ist mehrdeutig: für {conflicts.height} Region-Jahre "
            f"(z. B. {example['region_code']}, {example['year']}) passen mehrere Werte "
            "desselben Imports; Pfad oder Kategorie genauer angeben"
        )


def select(binding: Binding, series: pl.DataFrame, observations: pl.DataFrame) -> pl.DataFrame:
    """The alias frame for ``binding``: one row per (region_code, year).

    ``series``: ``series_id, table_code, path (list[str])``; ``observations``:
    ``series_id, region_code, year, category, value, symbol, bracketed,
    import_id, stand``. Of several matching observations for a region-year
    (different vintages or wordings) the one with the latest ``stand`` wins,
    a tie goes to the highest ``import_id``; a missing ``stand`` counts as
    oldest. Different values that remain tied raise ``BindingError``.
    Returns ``region_code, year, value, symbol, bracketed, import_id, stand``.
    """
    ids = matching_series(binding, series)
    candidates = observations.filter(pl.col("series_id").is_in(ids))
    candidates = candidates.filter(_category_filter(binding, candidates))
    keys = ["region_code", "year"]
    if not has_duplicate_keys(candidates):
        return candidates.select(OUTPUT_COLUMNS)  # one observation per region-year: no choice
    duplicated = candidates.select(region_year_key(candidates).is_duplicated()).to_series()
    # only the contested region-years need ranking and the ambiguity check
    ranked = candidates.filter(duplicated).sort(
        [*keys, "stand", "import_id"],
        descending=[False, False, True, True],
        nulls_last=[False, False, True, True],
    )
    _check_unambiguous(binding, ranked)
    best = ranked.unique(subset=keys, keep="first", maintain_order=True)
    chosen = pl.concat([candidates.filter(~duplicated), best], how="vertical")
    return chosen.sort(keys).select(OUTPUT_COLUMNS)


def dash_as_zero(bindings: Sequence[Binding]) -> dict[str, bool]:
    """``dash_as_zero`` argument for ``evaluate`` from the bindings."""
    return {binding.alias: binding.dash_as_zero for binding in bindings}
