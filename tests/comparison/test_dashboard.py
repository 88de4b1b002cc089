"""The ring value of the Vergleichsdashboard: ratio of sums, and how member symbols count."""

from __future__ import annotations

import pytest

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.comparison.dashboard import ring_value
from bildungsmonitor.store.tables import IndicatorValue

YEAR = 2023
Part = float | str | None


def _values(
    code: str, parts: dict[str, tuple[Part, Part]]
) -> dict[tuple[str, int], IndicatorValue]:
    """Stored member values from (numerator, denominator); a str is a symbol."""
    values = {}
    for member, (num, den) in parts.items():
        values[(member, YEAR)] = IndicatorValue(
            indicator_code=code,
            subject=member,
            year=YEAR,
            value=None,
            symbol=None,
            bracketed=False,
            numerator=num if isinstance(num, float) else None,
            numerator_symbol=num if isinstance(num, str) else None,
            denominator=den if isinstance(den, float) else None,
            denominator_symbol=den if isinstance(den, str) else None,
        )
    return values


def test_a_dash_numerator_counts_as_zero(catalogue: Catalogue) -> None:
    indicator = catalogue.indicator("D7.1d")
    values = _values("D7.1d", {"A": (10.0, 100.0), "B": ("-", 50.0), "C": (5.0, 50.0)})
    ring = ring_value(indicator, values, ["A", "B", "C"], YEAR)
    # 100 × (10 + 0 + 5) / (100 + 50 + 50) = 7.5
    assert ring.missing_members == ()
    assert (ring.numerator_sum, ring.denominator_sum) == (15.0, 200.0)
    assert ring.cell.value == pytest.approx(7.5)
    assert ring.cell.display == "7,5"


def test_only_dash_numerators_give_dash(catalogue: Catalogue) -> None:
    values = _values("D7.1d", {"A": ("-", 100.0), "B": ("-", 50.0)})
    ring = ring_value(catalogue.indicator("D7.1d"), values, ["A", "B"], YEAR)
    assert (ring.cell.value, ring.cell.symbol, ring.cell.display) == (None, "-", "-")


def test_a_count_sums_its_numerators_with_dash_as_zero(catalogue: Catalogue) -> None:
    indicator = catalogue.indicator("A1.1a")
    assert not indicator.is_ratio
    values = _values("A1.1a", {"A": (1200.0, None), "B": ("-", None)})
    ring = ring_value(indicator, values, ["A", "B"], YEAR)
    assert (ring.cell.value, ring.numerator_sum, ring.denominator_sum) == (1200.0, 1200.0, None)
    dashes = _values("A1.1a", {"A": ("-", None), "B": ("-", None)})
    assert ring_value(indicator, dashes, ["A", "B"], YEAR).cell.symbol == "-"


@pytest.mark.parametrize("symbol", [".", "x", "/", "..."])
def test_another_symbol_leaves_the_member_missing(catalogue: Catalogue, symbol: str) -> None:
    values = _values("D7.1d", {"A": (10.0, 100.0), "B": (symbol, 50.0), "C": (5.0, symbol)})
    ring = ring_value(catalogue.indicator("D7.1d"), values, ["A", "B", "C"], YEAR)
    assert ring.missing_members == ("B", "C")
    assert (ring.cell.value, ring.cell.display) == (None, "keine Daten")


def test_member_cells_keep_the_symbols_of_their_parts(catalogue: Catalogue) -> None:
    from bildungsmonitor.comparison.dashboard import _cell
    from bildungsmonitor.web.views.ring_models import CellOut

    indicator = catalogue.indicator("D7.1d")
    row = _values("D7.1d", {"B": ("-", 50.0)})[("B", YEAR)]
    out = CellOut.of(_cell(row, indicator)).model_dump()
    assert (out["numerator"], out["numerator_symbol"]) == (None, "-")
    assert (out["denominator"], out["denominator_symbol"]) == (50.0, None)
