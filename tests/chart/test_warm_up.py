"""The start-up warm-up loads and renders once, and never raises."""

from __future__ import annotations

import logging

import pytest

from bildungsmonitor.chart import _geo, _warm_up, warm_up


def test_warm_up_renders_a_map_of_all_kreise() -> None:
    assert warm_up() is True
    assert len(_geo.kreise()) == 400


def test_a_failing_warm_up_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> dict[str, _geo.Area]:
        raise OSError("Kreisgrenzen nicht lesbar")

    monkeypatch.setattr(_warm_up._geo, "kreise", broken)
    with caplog.at_level(logging.ERROR):
        assert warm_up() is False
    assert "Vorwärmen" in caplog.text
