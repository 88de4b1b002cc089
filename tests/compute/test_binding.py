"""Binding aliases to series: labels, path patterns, categories, vintage merge."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from bildungsmonitor.compute.binding import (
    Binding,
    BindingError,
    dash_as_zero,
    has_duplicate_keys,
    normalize_label,
    path_matches,
    select,
)
from bildungsmonitor.errors import BadRequest

TABLE = "21111-02-06-4"
OBS_SCHEMA: dict[str, pl.DataType] = {
    "series_id": pl.Int64(),
    "region_code": pl.String(),
    "year": pl.Int64(),
    "category": pl.String(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "bracketed": pl.Boolean(),
    "import_id": pl.Int64(),
    "stand": pl.Datetime("us"),
}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Absolventen/Abgänger nach dem Abschluss", "Absolvierende/Abgehende nach dem Abschluss"),
        ("Ausländer(innen)", "ausländisch"),
        ("Ausländer", "ausländisch"),
        ("Schüler(innen)", "Schülerinnen und Schüler"),
        ("allgemein bildende Schulen", "Allgemeinbildende Schulen"),
        ("  ohne \t  Hauptschulabschluss ", "ohne Hauptschulabschluss"),
        ("INSGESAMT", "insgesamt"),
    ],
)
def test_normalize_label_synonyms(left: str, right: str) -> None:
    assert normalize_label(left) == normalize_label(right)


def test_doppelzaehlungen_only_for_categories() -> None:
    label = "Insgesamt (ohne Doppelzählungen)"
    assert normalize_label(label, category=True) == "insgesamt"
    assert normalize_label(label) != "insgesamt"


def test_distinct_labels_stay_distinct() -> None:
    assert normalize_label("Deutsche") != normalize_label("Ausländer")
    assert normalize_label("ohne Hauptschulabschluss") != normalize_label("mit Hauptschulabschluss")


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        (["*", "ohne HSA", "Insgesamt"], ["Abgehende", "ohne HSA", "Insgesamt"], True),
        (["*", "ohne HSA", "Insgesamt"], ["ohne HSA", "Insgesamt"], False),  # * needs one label
        (["*", "Insgesamt"], ["a", "b", "Insgesamt"], False),
        (["**", "Insgesamt"], ["a", "b", "Insgesamt"], True),
        (["**", "Insgesamt"], ["Insgesamt"], True),  # ** matches zero labels
        (["a", "**", "c"], ["a", "c"], True),
        (["a", "**", "c"], ["a", "x", "y", "c"], True),
        (["a", "**", "c"], ["a", "x", "y"], False),
        (["**"], [], True),
        (["*"], [], False),
        (["**", "*"], ["a"], True),
        (["a"], ["A "], True),
        (["a", "b"], ["a", "b", "c"], False),
    ],
)
def test_path_patterns(pattern: list[str], path: list[str], expected: bool) -> None:
    assert path_matches(pattern, path) is expected


def test_from_mapping_valid() -> None:
    binding = Binding.from_mapping(
        "abg_ohne_hsa",
        {"table": TABLE, "path": ["*", "ohne Hauptschulabschluss"], "dash": "symbol"},
    )
    assert binding == Binding("abg_ohne_hsa", TABLE, ("*", "ohne Hauptschulabschluss"), None, False)
    assert dash_as_zero([binding]) == {"abg_ohne_hsa": False}


@pytest.mark.parametrize(
    ("alias", "mapping", "fragment"),
    [
        ("Abg", {"table": TABLE, "path": ["a"]}, "Kleinbuchstaben"),
        ("lag", {"table": TABLE, "path": ["a"]}, "Kleinbuchstaben"),
        ("abg", {"path": ["a"]}, "»table«"),
        ("abg", {"table": TABLE}, "»path«"),
        ("abg", {"table": TABLE, "path": "a"}, "»path«"),
        ("abg", {"table": TABLE, "path": ["a", ""]}, "»path«"),
        ("abg", {"table": TABLE, "path": ["a"], "category": 3}, "»category«"),
        ("abg", {"table": TABLE, "path": ["a"], "dash": "null"}, "»dash«"),
        ("abg", {"table": TABLE, "path": ["a"], "tabel": "x"}, "unbekannte Angaben tabel"),
    ],
)
def test_from_mapping_errors(alias: str, mapping: dict[str, Any], fragment: str) -> None:
    with pytest.raises(BindingError) as info:
        Binding.from_mapping(alias, mapping)
    assert isinstance(info.value, BadRequest)
    assert fragment in info.value.message
    assert info.value.message.startswith(f"Bindung »{alias}«")


# --- select ---------------------------------------------------------------------------

SERIES = pl.DataFrame(
    {
        "series_id": [1, 2, 3, 4],
        "table_code": [TABLE, TABLE, TABLE, "99999-01"],
        "path": [
            ["Absolventen/Abgänger nach Abschluss", "ohne Hauptschulabschluss", "Insgesamt"],
            ["Absolvierende/Abgehende nach Abschluss", "ohne Hauptschulabschluss", "Insgesamt"],
            ["Absolvierende/Abgehende nach Abschluss", "mit Hauptschulabschluss", "Insgesamt"],
            ["Absolvierende/Abgehende nach Abschluss", "ohne Hauptschulabschluss", "Insgesamt"],
        ],
    }
)


def obs(*rows: tuple[Any, ...]) -> pl.DataFrame:
    """rows: (series_id, region, year, category, value, symbol, import_id, stand)."""
    return pl.DataFrame(
        [
            {
                "series_id": sid,
                "region_code": region,
                "year": year,
                "category": category,
                "value": value,
                "symbol": symbol,
                "bracketed": False,
                "import_id": import_id,
                "stand": stand,
            }
            for sid, region, year, category, value, symbol, import_id, stand in rows
        ],
        schema=OBS_SCHEMA,
    )


def binding(**changes: Any) -> Binding:
    values = {
        "alias": "abg",
        "table": TABLE,
        "path": ("*", "ohne Hauptschulabschluss", "Insgesamt"),
    }
    return Binding(**(values | changes))


def test_select_matches_table_path_and_columns() -> None:
    observations = obs(
        (2, "01", 2020, None, 5.0, None, 1, dt.datetime(2021, 5, 1)),
        (3, "01", 2020, None, 99.0, None, 1, dt.datetime(2021, 5, 1)),  # other path
        (4, "01", 2020, None, 77.0, None, 1, dt.datetime(2021, 5, 1)),  # other table
    )
    result = select(binding(), SERIES, observations)
    assert result.columns == [
        "region_code",
        "year",
        "value",
        "symbol",
        "bracketed",
        "import_id",
        "stand",
    ]
    assert result.select("region_code", "year", "value").rows() == [("01", 2020, 5.0)]


def test_vintage_merge_latest_stand_wins_across_wordings() -> None:
    observations = obs(
        # old wording, old Stand
        (1, "01", 2019, None, 10.0, None, 1, dt.datetime(2020, 3, 1)),
        (1, "01", 2020, None, 11.0, None, 1, dt.datetime(2020, 3, 1)),
        # new wording, newer Stand, revised 2020 and new 2021
        (2, "01", 2020, None, 12.0, None, 2, dt.datetime(2022, 3, 1)),
        (2, "01", 2021, None, 13.0, None, 2, dt.datetime(2022, 3, 1)),
    )
    result = select(binding(), SERIES, observations)
    assert result.select("year", "value", "import_id").rows() == [
        (2019, 10.0, 1),
        (2020, 12.0, 2),  # revised value from the newer Stand
        (2021, 13.0, 2),
    ]


def test_vintage_merge_stand_beats_import_id_and_tie_goes_to_highest_import() -> None:
    old = dt.datetime(2020, 1, 1)
    new = dt.datetime(2023, 1, 1)
    observations = obs(
        (2, "01", 2020, None, 1.0, None, 9, old),  # later import of an older export
        (1, "01", 2020, None, 2.0, None, 3, new),
        (1, "02", 2020, None, 3.0, None, 4, new),
        (2, "02", 2020, None, 4.0, None, 5, new),  # same Stand -> highest import_id
        (1, "03", 2020, None, 5.0, None, 6, None),  # missing Stand counts as oldest
        (2, "03", 2020, None, 6.0, None, 7, old),
    )
    result = select(binding(), SERIES, observations)
    assert result.select("region_code", "value").rows() == [("01", 2.0), ("02", 4.0), ("03", 6.0)]


def test_ambiguous_binding_raises() -> None:
    wide = binding(path=("*", "*", "Insgesamt"))  # matches ohne and mit HSA
    observations = obs(
        (2, "01", 2020, None, 5.0, None, 1, dt.datetime(2021, 5, 1)),
        (3, "01", 2020, None, 99.0, None, 1, dt.datetime(2021, 5, 1)),
    )
    with pytest.raises(BindingError, match="mehrdeutig"):
        select(wide, SERIES, observations)


def test_identical_duplicates_are_not_ambiguous() -> None:
    observations = obs(
        (1, "01", 2020, None, 5.0, None, 1, dt.datetime(2021, 5, 1)),
        (2, "01", 2020, None, 5.0, None, 1, dt.datetime(2021, 5, 1)),
    )
    assert select(binding(), SERIES, observations).height == 1


def test_category_matching() -> None:
    stand = dt.datetime(2024, 3, 1)
    observations = obs(
        (2, "01", 2020, None, 1.0, None, 1, stand),
        (2, "01", 2020, "unter 3 Jahre", 2.0, None, 1, stand),
        (2, "01", 2020, "Insgesamt (ohne Doppelzählungen)", 3.0, None, 1, stand),
        (2, "01", 2021, "Insgesamt", 4.0, None, 2, stand),
    )
    assert select(binding(), SERIES, observations).get_column("value").to_list() == [1.0]
    under3 = select(binding(category="Unter 3  Jahre"), SERIES, observations)
    assert under3.get_column("value").to_list() == [2.0]
    total = select(binding(category="Insgesamt"), SERIES, observations)
    assert total.select("year", "value").rows() == [(2020, 3.0), (2021, 4.0)]


def test_no_match_gives_empty_frame_with_columns() -> None:
    result = select(binding(table="00000"), SERIES, obs())
    assert result.height == 0
    assert result.columns[:5] == ["region_code", "year", "value", "symbol", "bracketed"]


def test_symbols_pass_through() -> None:
    observations = obs((2, "01", 2020, None, None, ".", 1, dt.datetime(2021, 1, 1)))
    assert select(binding(), SERIES, observations).row(0)[2:4] == (None, ".")


def test_only_contested_region_years_are_ranked_and_result_is_sorted() -> None:
    stand = dt.datetime(2021, 5, 1)
    observations = obs(
        (1, "02", 2020, None, 7.0, None, 1, stand),  # uncontested
        (2, "01", 2021, None, 3.0, None, 2, stand),  # contested: import 2 wins
        (1, "01", 2021, None, 1.0, None, 1, stand),
        (1, "01", 2019, None, 4.0, None, 1, stand),  # uncontested
    )
    result = select(binding(), SERIES, observations)
    assert result.select("region_code", "year", "value").rows() == [
        ("01", 2019, 4.0),
        ("01", 2021, 3.0),
        ("02", 2020, 7.0),
    ]


def test_ambiguity_is_found_among_uncontested_rows() -> None:
    wide = binding(path=("*", "*", "Insgesamt"))
    stand = dt.datetime(2021, 5, 1)
    observations = obs(
        *((2, f"{i:02d}", 2020, None, float(i), None, 1, stand) for i in range(50)),
        (3, "07", 2020, None, 99.0, None, 1, stand),
    )
    with pytest.raises(BindingError, match=r"1 Region-Jahre \(z\. B\. 07, 2020\)"):
        select(wide, SERIES, observations)


def test_region_year_key_on_enum_codes() -> None:
    frame = pl.DataFrame(
        {"region_code": ["01", "02", "01"], "year": [2020, 2020, 2020]},
        schema={"region_code": pl.Enum(["01", "02"]), "year": pl.Int64},
    )
    assert has_duplicate_keys(frame)
    assert not has_duplicate_keys(frame.head(2))
    with_null = pl.DataFrame(
        {"region_code": ["01", "02"], "year": [None, None]},
        schema={"region_code": pl.Enum(["01", "02"]), "year": pl.Int64},
    )
    assert not has_duplicate_keys(with_null)  # falls back to the struct of both columns
