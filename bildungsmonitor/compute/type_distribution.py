"""Where a Kreis stands among the Kreise of its type (kreisfreie Städte or Landkreise):
minimum, quartiles (numpy/R type 7), median, maximum and its rank (1 = highest value).

The sorted numbers per (indicator, year, type) are read once per data version and kept
(`store.data_version.remembered_many`), so a Regionsprofil with 80 indicators or the
values API asks the database only for what no page has needed since the last change.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from bildungsmonitor.compute.figure import DistributionView
from bildungsmonitor.compute.inputs import kreis_types
from bildungsmonitor.store.data_version import remembered, remembered_many
from bildungsmonitor.store.tables import IndicatorValue

Pair = tuple[str, int]  # indicator code, year


@dataclass(frozen=True)
class TypeNumbers:
    """The numeric values of one indicator and year, sorted, per Kreis type."""

    by_type: Mapping[str, tuple[float, ...]]

    def distribution(self, region_type: str, own: float | None) -> DistributionView:
        """The distribution among ``region_type``; ``own`` gives the rank (or ``None``)."""
        numbers = self.by_type.get(region_type, ())
        if not numbers:
            return DistributionView(region_type, 0, None, None, None, None, None, None)
        rank = None if own is None else 1 + len(numbers) - bisect.bisect_right(numbers, own)
        if len(numbers) == 1:
            q1 = median = q3 = numbers[0]
        else:
            q1, median, q3 = statistics.quantiles(numbers, n=4, method="inclusive")
        return DistributionView(
            region_type, len(numbers), numbers[0], q1, median, q3, numbers[-1], rank
        )


def kreis_types_now(session: Session) -> dict[str, str]:
    """`compute.inputs.kreis_types`, read once per data version."""
    return remembered(session, kreis_types)


def type_numbers(session: Session, pairs: Iterable[Pair]) -> dict[Pair, TypeNumbers]:
    """`TypeNumbers` for each (indicator, year) pair."""
    return remembered_many(session, pairs, _read_type_numbers)


def kreis_distribution(
    session: Session, code: str, year: int, region_code: str, own: float | None
) -> DistributionView | None:
    """The distribution among the Kreise of ``region_code``'s type (``None`` if it is no
    current Kreis)."""
    region_type = kreis_types_now(session).get(region_code)
    if region_type is None:
        return None
    numbers = type_numbers(session, [(code, year)])[code, year]
    return numbers.distribution(region_type, own)


def _read_type_numbers(session: Session, pairs: list[Pair]) -> dict[Pair, TypeNumbers]:
    types = kreis_types_now(session)
    collected: dict[Pair, dict[str, list[float]]] = {pair: {} for pair in pairs}
    query = select(
        IndicatorValue.indicator_code,
        IndicatorValue.year,
        IndicatorValue.subject,
        IndicatorValue.value,
        IndicatorValue.symbol,
    ).where(tuple_(IndicatorValue.indicator_code, IndicatorValue.year).in_(sorted(pairs)))
    for code, year, subject, value, symbol in session.execute(query):
        region_type = types.get(subject)
        if region_type is None or value is None or symbol is not None:
            continue
        collected[code, year].setdefault(region_type, []).append(value)
    return {
        pair: TypeNumbers({kind: tuple(sorted(v)) for kind, v in by_type.items()})
        for pair, by_type in collected.items()
    }
