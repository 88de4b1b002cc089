"""Indicators computed from the real shipped exports (demo database), checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.compute.figure import (
    Figure,
    display,
    format_number,
    get_figure,
    round_half_up,
)
from bildungsmonitor.compute.kennblatt import build_kennblatt, render_text
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.errors import NotFound
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import ensure_builtin_groups

REVIER = "group:mitteldeutsches-revier"
REVIER_MEMBERS = ("14713", "14729", "14730", "15002", "15082", "15084", "15087", "15088", "16077")


def _figure(store: Store, code: str, subject: str, year: int) -> Figure:
    with store.transaction() as session:
        return get_figure(session, load_catalogue(), code, subject, year)


def test_share_without_hauptschulabschluss_anhalt_bitterfeld_2023(demo_store: Store) -> None:
    # 21111-02-06-4.csv, 2023, 15082: 213 ohne Hauptschulabschluss of 1269 insgesamt
    figure = _figure(demo_store, "D7.2", "15082", 2023)
    assert (figure.value.numerator, figure.value.denominator) == (213, 1269)
    assert figure.value.value == pytest.approx(100 * 213 / 1269)
    assert figure.value.display == "16,8"
    assert {(i.alias, i.value, i.file_name) for i in figure.inputs} == {
        ("abg_ohne_hsa", 213, "21111-02-06-4.csv"),
        ("abg_insg", 1269, "21111-02-06-4.csv"),
    }
    assert any("Stand 13.03.2025" in s and "dl-de" not in s for s in figure.sources)
    references = {kind: ref for kind, ref in figure.references}
    # Sachsen-Anhalt: 2346 of 18525 (Land row of the same file)
    assert references["Land"].subject == "15"
    assert references["Land"].display == "12,7"
    assert references["Deutschland"].numerator == 55708
    assert figure.distribution is not None
    assert figure.distribution.region_type == "Landkreis"
    assert figure.distribution.rank == 1


def test_betreuungsquote_relates_march_care_to_previous_december_population(
    demo_store: Store,
) -> None:
    # 22543-01-02-4_00.csv 01.03.2016, 15082, Insgesamt (ohne Doppelzählungen), unter 3: 2059
    # 12411-02-03-4_00.csv 31.12.2015, 15082, unter 3 Jahre: 3606 → 57.0992… %
    figure = _figure(demo_store, "C2.1", "15082", 2016)
    assert (figure.value.numerator, figure.value.denominator) == (2059, 3606)
    assert figure.value.display == "57,1"
    assert {(i.alias, i.year) for i in figure.inputs} == {("kt_u3", 2016), ("bev_u3", 2015)}


def test_one_series_across_export_vintages(demo_store: Store) -> None:
    # 2015 comes from the 2017/2018 exports ("Absolventen/Abgänger"), 2023 from the 2025
    # export ("Absolvierende/Abgehende"): one unbroken indicator series.
    old = _figure(demo_store, "D7.2", "15082", 2015)
    new = _figure(demo_store, "D7.2", "15082", 2023)
    assert (old.value.numerator, old.value.denominator) == (104, 1090)
    assert old.inputs[0].file_name != new.inputs[0].file_name
    assert old.value.value is not None
    assert new.value.value is not None


def test_unknown_input_gives_symbol_not_number(demo_store: Store) -> None:
    # Anhalt-Bitterfeld did not exist before the 2007 reform: the exports show "."
    figure = _figure(demo_store, "D7.2", "15082", 2006)
    assert figure.value.value is None
    assert figure.value.symbol == "."
    assert figure.value.display == "."


def test_locked_cell_propagates_and_dash_counts_as_zero(demo_store: Store) -> None:
    # Fachhochschulreife at general schools 2023: Sachsen "x" (locked), Sachsen-Anhalt "-"
    saxony = _figure(demo_store, "D7.1d", "14", 2023)
    anhalt = _figure(demo_store, "D7.1d", "15", 2023)
    assert saxony.value.symbol == "x"
    assert saxony.value.value is None
    assert anhalt.value.symbol is None
    assert anhalt.value.value == 0.0


def test_group_value_is_ratio_of_sums_of_all_members(demo_store: Store) -> None:
    figure = _figure(demo_store, "D7.2", REVIER, 2023)
    members = {m.subject: m for m in figure.members}
    assert set(members) == set(REVIER_MEMBERS)
    numerator = sum(m.numerator or 0 for m in members.values())
    denominator = sum(m.denominator or 0 for m in members.values())
    assert (figure.value.numerator, figure.value.denominator) == (numerator, denominator)
    assert figure.value.value == pytest.approx(100 * numerator / denominator)
    mean_of_ratios = sum(m.value or 0 for m in members.values()) / len(members)
    assert figure.value.value != pytest.approx(mean_of_ratios, abs=1e-6)
    assert {kind for kind, _ in figure.references} == {"Land", "Deutschland"}


def test_group_without_all_members_names_the_missing_ones(demo_store: Store) -> None:
    # 2006: the Sachsen-Anhalt Kreise of today did not exist yet ("." in the exports)
    figure = _figure(demo_store, "D7.2", REVIER, 2006)
    assert figure.value.value is None
    assert set(figure.value.missing_members) == {"15082", "15084", "15087", "15088"}


def test_unknown_subject_and_indicator_are_not_found(demo_store: Store) -> None:
    with pytest.raises(NotFound):
        _figure(demo_store, "D7.2", "99999", 2023)
    with pytest.raises(NotFound):
        _figure(demo_store, "Z9.9", "15082", 2023)


def test_kennblatt_has_definition_formula_sources_and_coverage(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        sheet = build_kennblatt(session, load_catalogue(), "D7.2")
    text = render_text(sheet)
    assert sheet.first_year is not None
    assert sheet.last_year == 2023
    assert sheet.regions_with_values > 400
    assert "÷" in sheet.formula_words
    assert any("21111-02-06-4.csv" in s and "Stand 13.03.2025" in s for s in sheet.sources)
    assert "## Vergleichbarkeit" in text
    assert "Sachsen-Anhalt" in "\n".join(sheet.footnotes)


def test_recompute_after_import_touches_only_affected_indicators(
    store: Store, genesis: Path
) -> None:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    with store.transaction() as session:
        ensure_builtin_groups(session)
    catalogue = load_catalogue()
    first = run_compute(store, catalogue)
    assert "D7.2" in first.computed
    again = run_compute(store, catalogue)
    assert again.computed == []
    import_file(store.sessions, genesis / "82411-01-03-4.csv")
    third = run_compute(store, catalogue)
    assert "D7.2" not in third.computed
    assert any(code.startswith("A3") for code in third.computed)


def test_kennblatt_names_the_imports_of_the_last_computation(store: Store, genesis: Path) -> None:
    catalogue = load_catalogue()
    import_file(store.sessions, genesis / "21111-02-06-4.csv")

    def files() -> list[str]:
        with store.transaction() as session:
            sheet = build_kennblatt(session, catalogue, "D7.2")
        assert len(sheet.sources) == len(sheet.records)
        return [record.file_name for record in sheet.records]

    assert files() == []  # nothing computed yet: no figure, no source
    run_compute(store, catalogue, codes=["D7.2"])
    assert files() == ["21111-02-06-4.csv"]
    import_file(store.sessions, genesis / "21111-02-06-4_00.csv")  # an older vintage
    assert files() == ["21111-02-06-4.csv"]  # as the shown values: not yet computed with it
    run_compute(store, catalogue, codes=["D7.2"])
    assert sorted(files()) == ["21111-02-06-4.csv", "21111-02-06-4_00.csv"]


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (63.74999999999999, 1, "63,8"),
        (-41.95, 1, "\u221242,0"),
        (1269.0, 0, "1.269"),
        (0.05, 1, "0,1"),
    ],
)
def test_rounding_is_half_up_without_float_noise(value: float, decimals: int, shown: str) -> None:
    assert format_number(value, decimals) == shown
    rounded = str(round_half_up(value, decimals)).replace(".", ",").replace("-", "\u2212")
    assert rounded in shown.replace(".", "")


@pytest.mark.parametrize("bracketed", [False, True])
def test_negative_value_shows_a_true_minus_never_the_symbol_dash(bracketed: bool) -> None:
    shown = display(-2.5, None, bracketed, 1)
    assert shown == ("(\u22122,5)" if bracketed else "\u22122,5")
    assert "-" not in shown
    assert display(-1269.0, None, False, 0) == "\u22121.269"
    assert display(None, "-", False, 1) == "-"
