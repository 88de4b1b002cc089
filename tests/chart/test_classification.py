from __future__ import annotations

import pytest

from bildungsmonitor.chart import classify
from bildungsmonitor.errors import BadRequest

CLUSTERS = [1, 2, 3, 10, 11, 12, 20, 21, 22]


def test_jenks_finds_the_natural_clusters() -> None:
    result = classify(CLUSTERS, "jenks", 3)
    assert result.method == "jenks"
    assert result.breaks == (3, 12, 22)
    assert result.labels == ("1,0 bis 3,0", "über 3,0 bis 12,0", "über 12,0 bis 22,0")


def test_jenks_ignores_input_order_and_separates_an_outlier() -> None:
    assert classify([22, 1, 12, 3, 21, 2, 11, 20, 10], "jenks", 3).breaks == (3, 12, 22)
    assert classify([1, 1, 2, 2, 100], "jenks", 2).breaks == (2, 100)


def test_quantiles_have_equal_counts() -> None:
    # nearest rank: upper bound of class i is the value at rank ceil(n*(i+1)/k)
    assert classify(list(range(1, 11)), "quantile", 5).breaks == (2, 4, 6, 8, 10)
    assert classify(CLUSTERS, "quantile", 3).breaks == (3, 12, 22)
    assert classify([4, 1, 3, 2], "quantile", 3).breaks == (2, 3, 4)


def test_equal_intervals() -> None:
    result = classify([0, 1, 3, 5, 7, 10], "equal", 5)
    assert result.breaks == (2, 4, 6, 8, 10)
    assert result.labels[0] == "0,0 bis 2,0"
    assert result.labels[-1] == "über 8,0 bis 10,0"
    assert classify([0, 3, 9], "equal", 5).breaks == (3, 6, 9)  # 3 distinct values


def test_class_of_uses_inclusive_upper_bounds() -> None:
    result = classify(CLUSTERS, "jenks", 3)
    assert [result.class_of(v) for v in (1, 3, 3.5, 12, 12.1, 22, 99)] == [0, 0, 1, 1, 2, 2, 2]


def test_fewer_distinct_values_than_classes_gives_fewer_classes() -> None:
    for method in ("quantile", "equal", "jenks"):
        assert len(classify([1, 1, 2, 2], method, 5).breaks) == 2


def test_all_equal_values_give_one_class() -> None:
    for method in ("quantile", "equal", "jenks"):
        result = classify([7.5, 7.5, 7.5], method, 5)
        assert result.breaks == (7.5,)
        assert result.labels == ("7,5",)


def test_manual_breaks_and_german_labels() -> None:
    result = classify([], "manual", breaks=[10, 12.5, 1500])
    assert result.breaks == (10, 12.5, 1500)
    assert result.labels == ("bis 10,0", "über 10,0 bis 12,5", "über 12,5 bis 1.500,0")
    assert classify([0.25], "quantile", decimals=2).labels == ("0,25",)


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        ([3, 2, 5], "streng aufsteigend"),
        ([1, 1], "streng aufsteigend"),
        ([], "fehlen die Klassengrenzen"),
        (None, "fehlen die Klassengrenzen"),
        ([1, float("nan")], "endliche Zahlen"),
    ],
)
def test_manual_breaks_are_validated(breaks: list[float] | None, message: str) -> None:
    with pytest.raises(BadRequest) as caught:
        classify([1, 2], "manual", breaks=breaks)
    assert message in caught.value.message
    assert caught.value.status_code == 400


def test_bad_requests() -> None:
    with pytest.raises(BadRequest, match="Unbekanntes Klassifizierungsverfahren"):
        classify([1], "kmeans")
    with pytest.raises(BadRequest, match="keine Werte"):
        classify([], "quantile")
    with pytest.raises(BadRequest, match="zwischen 1 und 9"):
        classify([1, 2], "equal", 0)
    with pytest.raises(BadRequest, match="nur beim Verfahren"):
        classify([1, 2], "equal", breaks=[1])


def test_jenks_on_many_values_uses_evenly_spaced_sample() -> None:
    values = [float(i % 1000) for i in range(5000)]
    result = classify(values, "jenks", 4)
    assert len(result.breaks) == 4
    assert result.breaks[-1] == 999.0
