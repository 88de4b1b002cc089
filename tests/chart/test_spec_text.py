"""Spec text: compact, sorted, with pre-serialised values spliced in unchanged."""

from __future__ import annotations

import json

import pytest

from bildungsmonitor.chart._base import spec_text
from bildungsmonitor.chart._geo import kreise


def test_raw_values_are_spliced_in_as_json() -> None:
    area = kreise()["15082"]
    spec = {"z": "Köthen \u0000", "data": {"values": [{"geometry": area.geometry_json}]}}
    text = spec_text(spec)
    assert json.loads(text) == {
        "data": {"values": [{"geometry": area.geometry}]},
        "z": "Köthen \u0000",
    }
    assert text.startswith('{"data"')  # keys sorted, no spaces


def test_the_text_equals_plain_json_without_raw_values() -> None:
    spec = {"b": [1, 2.5, None], "a": {"y": "ä", "x": True}}
    assert spec_text(spec) == json.dumps(
        spec, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def test_other_objects_are_refused() -> None:
    with pytest.raises(TypeError, match="set"):
        spec_text({"a": {1, 2}})
