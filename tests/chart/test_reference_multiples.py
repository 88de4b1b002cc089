"""Small multiples with reference lines: each panel's own line plus dashed lines of the
comparison values named for it (a Land, Deutschland), named in one legend, described in
the text alternative; symbols break the lines as everywhere."""

from __future__ import annotations

from bildungsmonitor.chart import Line
from bildungsmonitor.chart._base import HIGHLIGHT_COLOUR, REFERENCE_COLOUR
from bildungsmonitor.chart.reference_multiples import reference_multiples
from tests.chart._render import SOURCE, assert_renders, has_url

TITLE = "Abgänge ohne Abschluss im Zeitverlauf"
SACHSEN = Line("Sachsen", [(2022, 9.5, None), (2023, 9.0, None)])
ANHALT = Line("Sachsen-Anhalt", [(2022, None, "."), (2023, 10.0, None)])
GERMANY = Line("Deutschland", [(2022, 7.2, None), (2023, 6.9, None)])


def chart_of_three() -> tuple[list[Line], dict[str, list[Line]]]:
    lines = [
        Line("Leipzig", [(2022, 11.0, None), (2023, 12.5, None)]),
        Line("Halle", [(2022, 8.0, None), (2023, None, "x")]),
        Line("Ring", [(2022, 9.9, None), (2023, 10.4, None)], highlight=True),
    ]
    references = {
        "Leipzig": [SACHSEN, GERMANY],
        "Halle": [ANHALT, GERMANY],
        "Ring": [SACHSEN, ANHALT, GERMANY],
    }
    return lines, references


def test_each_panel_gets_the_values_of_its_reference_lines() -> None:
    lines, references = chart_of_three()
    chart = reference_multiples(TITLE, "%", SOURCE, lines, references, columns=3)
    compared = {
        (r["Region"], r["Vergleich"], r["Jahr"]): (r["Wert"], r["Zeichen"])
        for r in chart.table
        if r["Vergleich"] is not None
    }
    assert compared == {
        ("Leipzig", "Sachsen", 2022): (9.5, None),
        ("Leipzig", "Sachsen", 2023): (9.0, None),
        ("Leipzig", "Deutschland", 2022): (7.2, None),
        ("Leipzig", "Deutschland", 2023): (6.9, None),
        ("Halle", "Sachsen-Anhalt", 2022): (None, "."),
        ("Halle", "Sachsen-Anhalt", 2023): (10.0, None),
        ("Halle", "Deutschland", 2022): (7.2, None),
        ("Halle", "Deutschland", 2023): (6.9, None),
        ("Ring", "Sachsen", 2022): (9.5, None),
        ("Ring", "Sachsen", 2023): (9.0, None),
        ("Ring", "Sachsen-Anhalt", 2022): (None, "."),
        ("Ring", "Sachsen-Anhalt", 2023): (10.0, None),
        ("Ring", "Deutschland", 2022): (7.2, None),
        ("Ring", "Deutschland", 2023): (6.9, None),
    }
    own = [r for r in chart.table if r["Vergleich"] is None]
    assert [(r["Region"], r["Jahr"], r["Wert"]) for r in own][:2] == [
        ("Ring", 2022, 9.9),
        ("Ring", 2023, 10.4),
    ]
    assert not any(r["Hervorgehoben"] for r in chart.table if r["Vergleich"] is not None)


def test_references_are_dashed_dark_and_named_in_one_legend() -> None:
    lines, references = chart_of_three()
    chart = reference_multiples(TITLE, "%", SOURCE, lines, references)
    layers = chart.spec["vconcat"][0]["spec"]["layer"]
    own_line, own_dots, reference, reference_dots = layers
    assert own_line["transform"] == [{"filter": "datum.Vergleich == null"}]
    assert own_dots["transform"][0] == {"filter": "datum.Vergleich == null"}
    assert own_line["encoding"]["color"]["condition"]["value"] == HIGHLIGHT_COLOUR
    assert reference["transform"] == [{"filter": "datum.Vergleich != null"}]
    assert reference["mark"]["invalid"] == "break-paths-filter-domains"
    colour, dash = reference["encoding"]["color"], reference["encoding"]["strokeDash"]
    assert colour["scale"]["domain"] == ["Sachsen", "Sachsen-Anhalt", "Deutschland"]
    assert colour["scale"]["range"] == [REFERENCE_COLOUR, REFERENCE_COLOUR, "#000000"]
    assert dash["scale"]["range"] == [[7, 3], [12, 3, 3, 3], [2, 2]]
    assert colour["legend"] == dash["legend"] and colour["legend"]["title"] == "Vergleichswerte"
    assert reference_dots["encoding"]["color"] == colour
    assert chart.spec["resolve"]["legend"]["strokeDash"] == "independent"
    text = assert_renders(chart)
    for name in ("Vergleichswerte", "Sachsen", "Sachsen-Anhalt", "Deutschland", "Halle"):
        assert name in text
    assert not has_url(chart.spec)


def test_alt_text_names_the_references_where_they_are_and_their_trend() -> None:
    lines, references = chart_of_three()
    chart = reference_multiples(TITLE, "%", SOURCE, lines, references)
    assert chart.alt_text.startswith(f"Kleine Mehrfachdiagramme: {TITLE}.")
    assert "Höchster Wert: Leipzig 12,5 % (2023), niedrigster: Halle 8,0 % (2022)." in (
        chart.alt_text
    )
    assert (
        "Vergleichslinien (gestrichelt): Sachsen (in Ring, Leipzig) von 9,5 % (2022) auf "
        "9,0 % (2023); Sachsen-Anhalt (in Ring, Halle) 10,0 % (2023); Deutschland (in allen "
        "Feldern) von 7,2 % (2022) auf 6,9 % (2023)."
    ) in chart.alt_text
    assert "Für 1 Vergleichswert liegt das Zeichen ».«" in chart.alt_text
    assert ". = Zahlenwert unbekannt" in assert_renders(chart)


def test_without_references_the_panels_are_plain_small_multiples() -> None:
    lines, _ = chart_of_three()
    chart = reference_multiples(TITLE, "%", SOURCE, lines, {})
    assert len(chart.spec["vconcat"][0]["spec"]["layer"]) == 2
    assert "Vergleichslinien" not in chart.alt_text
    assert all(r["Vergleich"] is None for r in chart.table)
