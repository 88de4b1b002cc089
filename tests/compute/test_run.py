"""Computing against the store: what is stored, and when everything is computed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.compute import run
from bildungsmonitor.compute.figure import get_figure
from bildungsmonitor.compute.indicator_value import find_values
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store

# 21111-02-06-4: Flensburg (01001) had no Absolvierende mit Fachhochschulreife in 2023
# ("-"), 1059 Absolvierende/Abgehende in all


@pytest.fixture
def schools(store: Store, genesis: Path) -> Store:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    return store


def test_a_dash_numerator_is_stored_with_its_symbol(schools: Store) -> None:
    catalogue = load_catalogue()
    run_compute(schools, catalogue, codes=["D7.1d"])
    with schools.transaction() as session:
        (stored,) = find_values(session, indicators=["D7.1d"], subjects=["01001"], years=[2023])
        figure = get_figure(session, catalogue, "D7.1d", "01001", 2023)
    assert (stored.value, stored.symbol) == (0.0, None)
    assert (stored.numerator, stored.numerator_symbol) == (None, "-")
    assert (stored.denominator, stored.denominator_symbol) == (1059.0, None)
    assert (figure.value.numerator, figure.value.numerator_symbol) == (None, "-")
    assert figure.value.denominator == 1059.0


def test_a_new_value_format_computes_every_indicator_again(
    schools: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = load_catalogue()
    assert run_compute(schools, catalogue, codes=["D7.1d"]).computed == ["D7.1d"]
    assert run_compute(schools, catalogue, codes=["D7.1d"]).computed == []
    monkeypatch.setattr(run, "VALUE_FORMAT", run.VALUE_FORMAT + 1)
    assert run_compute(schools, catalogue, codes=["D7.1d"]).computed == ["D7.1d"]
