"""Class breaks for choropleth maps: quantiles, equal intervals, natural breaks, manual.

Breaks are the *upper* bounds of the classes, ascending and inclusive: a value belongs to
the first class whose bound is not below it ("über 3,0 bis 12,0"). Values above the last
bound (possible with manual breaks) fall into the last class.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from bildungsmonitor.chart._text import format_number
from bildungsmonitor.errors import BadRequest

METHODS = ("quantile", "equal", "jenks", "manual")
MAX_CLASSES = 9
JENKS_MAX_VALUES = 500


@dataclass(frozen=True)
class Classification:
    """Classes of a map legend: method, upper bounds and German labels."""

    method: str
    breaks: tuple[float, ...]
    labels: tuple[str, ...]

    def class_of(self, value: float) -> int:
        """Index of the class ``value`` belongs to (0-based)."""
        return min(bisect.bisect_left(self.breaks, value), len(self.breaks) - 1)


def classify(
    values: Sequence[float],
    method: str = "quantile",
    classes: int = 5,
    breaks: Sequence[float] | None = None,
    *,
    decimals: int = 1,
) -> Classification:
    """Classify ``values`` into at most ``classes`` classes (fewer if fewer distinct values).

    ``method``: ``quantile`` (equal counts), ``equal`` (equal intervals), ``jenks``
    (natural breaks, Fisher–Jenks), ``manual`` (``breaks`` given, strictly ascending).
    """
    if method not in METHODS:
        raise BadRequest(
            f"Unbekanntes Klassifizierungsverfahren »{method}«; möglich sind: {', '.join(METHODS)}."
        )
    if method == "manual":
        return _manual(breaks, decimals)
    if breaks is not None:
        raise BadRequest("Klassengrenzen können nur beim Verfahren »manual« angegeben werden.")
    if not 1 <= classes <= MAX_CLASSES:
        raise BadRequest(f"Die Zahl der Klassen muss zwischen 1 und {MAX_CLASSES} liegen.")
    data = sorted(float(v) for v in values if math.isfinite(v))
    if not data:
        raise BadRequest("Es gibt keine Werte, die klassifiziert werden könnten.")
    count = min(classes, len(set(data)))
    if method == "quantile":
        bounds = _quantile(data, count)
    elif method == "equal":
        bounds = _equal(data, count)
    else:
        bounds = _jenks(_sample(data), count)
    unique = tuple(sorted(set(bounds)))
    return Classification(method, unique, _labels(unique, data[0], decimals))


def _manual(breaks: Sequence[float] | None, decimals: int) -> Classification:
    if not breaks:
        raise BadRequest("Für das Verfahren »manual« fehlen die Klassengrenzen.")
    bounds = tuple(float(b) for b in breaks)
    if not all(math.isfinite(b) for b in bounds):
        raise BadRequest("Klassengrenzen müssen endliche Zahlen sein.")
    if any(b >= c for b, c in itertools.pairwise(bounds)):
        raise BadRequest("Die Klassengrenzen müssen streng aufsteigend sein.")
    if len(bounds) > MAX_CLASSES:
        raise BadRequest(f"Höchstens {MAX_CLASSES} Klassen sind möglich.")
    return Classification("manual", bounds, _labels(bounds, None, decimals))


def _labels(bounds: tuple[float, ...], minimum: float | None, decimals: int) -> tuple[str, ...]:
    def fmt(value: float) -> str:
        return format_number(value, decimals)

    if minimum is None:
        first = f"bis {fmt(bounds[0])}"
    elif minimum == bounds[0]:
        first = fmt(minimum)
    else:
        first = f"{fmt(minimum)} bis {fmt(bounds[0])}"
    rest = [f"über {fmt(low)} bis {fmt(high)}" for low, high in itertools.pairwise(bounds)]
    return (first, *rest)


def _quantile(data: list[float], count: int) -> list[float]:
    """Nearest-rank quantiles: the upper bound of class i is the value at rank ⌈n·(i+1)/k⌉."""
    n = len(data)
    return [data[math.ceil(n * (i + 1) / count) - 1] for i in range(count)]


def _equal(data: list[float], count: int) -> list[float]:
    low, high = data[0], data[-1]
    return [low + (high - low) * (i + 1) / count for i in range(count - 1)] + [high]


def _sample(data: list[float]) -> list[float]:
    """At most ``JENKS_MAX_VALUES`` evenly spaced order statistics (keeps Jenks fast)."""
    n = len(data)
    if n <= JENKS_MAX_VALUES:
        return data
    last = JENKS_MAX_VALUES - 1
    return [data[round(i * (n - 1) / last)] for i in range(JENKS_MAX_VALUES)]


def _jenks(data: list[float], count: int) -> list[float]:
    """Classic Jenks natural breaks (Fisher's dynamic programme), ``data`` sorted."""
    lower, n = _jenks_matrix(data, count), len(data)
    bounds = [data[-1]] * count
    end = n
    for cls in range(count, 1, -1):
        start = lower[end][cls]
        bounds[cls - 2] = data[start - 2]
        end = start - 1
    return bounds


def _jenks_matrix(data: list[float], count: int) -> list[list[int]]:
    """``lower[l][j]``: 1-based index where class j starts in the best split of data[:l]."""
    n = len(data)
    lower = [[1] * (count + 1) for _ in range(n + 1)]
    cost = [[0.0] * (count + 1)] + [[math.inf] * (count + 1) for _ in range(n)]
    for j in range(1, count + 1):
        cost[1][j] = 0.0
    for end in range(2, n + 1):
        total = squares = 0.0
        variance = 0.0
        for width in range(1, end + 1):
            start = end - width + 1
            value = data[start - 1]
            total += value
            squares += value * value
            variance = squares - total * total / width
            if start > 1:
                _relax(cost, lower, end, start, variance, count)
        cost[end][1] = variance
    return lower


def _relax(
    cost: list[list[float]], lower: list[list[int]], end: int, start: int, var: float, count: int
) -> None:
    row, previous, starts = cost[end], cost[start - 1], lower[end]
    for j in range(2, count + 1):
        candidate = var + previous[j - 1]
        if row[j] >= candidate:
            starts[j] = start
            row[j] = candidate
