"""Our indicators reproduce the published Regionalatlas tables (tests/data/reference).

Every Kreis-year cell both cover is compared at the published precision; at least
99.5 % must match and every mismatch must be explained.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.compute.reproduction import Mismatch, reproduce
from bildungsmonitor.store.database import Store

REFERENCE = Path(__file__).parents[1] / "data" / "reference"
AVERAGE_POPULATION = {"A1.1b", "A1.6a", "A1.7"}


def _explain(mismatch: Mismatch) -> str:
    """Reasons we know; an unexplained mismatch fails the test."""
    step = Decimal(1).scaleb(Decimal(mismatch.published).as_tuple().exponent)  # type: ignore[arg-type]
    off_by_last_digit = abs(Decimal(mismatch.published) - Decimal(mismatch.computed)) <= step
    if mismatch.indicator in AVERAGE_POPULATION and off_by_last_digit:
        return (
            "letzte Stelle: der Regionalatlas rechnet mit der Durchschnittsbevölkerung der "
            "Bevölkerungsfortschreibung, wir mit dem Mittel der Jahresendstände"
        )
    return ""


def test_published_regionalatlas_values_are_reproduced(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        result = reproduce(session, load_catalogue(), REFERENCE, _explain)
    listing = "\n".join(
        f"{m.indicator} {m.region_code} {m.year}: veröffentlicht {m.published}, "
        f"berechnet {m.computed} – {m.reason or 'UNERKLÄRT'}"
        for m in result.mismatches
    )
    assert result.compared > 30_000, "the reference tables must overlap the shipped data"
    assert result.share >= 0.995, f"{result.share:.4%} reproduced\n{listing}"
    assert all(m.reason for m in result.mismatches), listing
    # every indicator with a reference table is actually compared, and mostly exact
    for code, (matched, compared) in result.per_indicator.items():
        assert compared > 0, code
        assert matched / compared >= 0.99, (code, matched, compared)
    assert {"D7.2", "D7.3", "D7.4a", "C2.1", "C2.2", "A3.3"} <= set(result.per_indicator)


def test_cells_before_a_method_change_are_counted_not_compared(demo_store: Store) -> None:
    catalogue = load_catalogue()
    with demo_store.transaction() as session:
        result = reproduce(session, catalogue, REFERENCE, _explain)
    limited = [i for i in catalogue.indicators if i.reference and i.reference.from_year]
    assert {i.code for i in limited} == {"A1.1b", "A1.7"}
    assert all(i.reference and i.reference.method_note for i in limited)
    assert result.not_comparable > 0
