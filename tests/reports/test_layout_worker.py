"""The PDF layout process: same PDF as in-process, and nothing lost when it fails."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from bildungsmonitor.reports import _layout_worker
from bildungsmonitor.reports.pdf import prepare, write_pdf

HTML = """<!doctype html><html lang="de"><head><title>Probe</title>
<style>@page { size: A4 } section { break-after: page }</style></head><body>
<section><h1>Erste Seite</h1><p>Schulabgänge ohne Abschluss 16,8 %</p></section>
<section><h1>Zweite Seite</h1></section><section><h1>Dritte Seite</h1></section>
</body></html>"""


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _idle_worker() -> _layout_worker._Worker:
    prepare()
    assert len(_layout_worker._idle) == 1
    worker = _layout_worker._idle[0]
    assert worker.alive
    return worker


def test_worker_lays_out_the_same_pdf_as_this_process(tmp_path: Path) -> None:
    worker = _idle_worker()
    jobs = worker.jobs
    pages = write_pdf(HTML, tmp_path / "worker.pdf")
    assert worker.jobs == jobs + 1  # the worker did it …
    assert _layout_worker._idle == [worker]  # … and waits for the next build
    local = _layout_worker.lay_out(HTML, ".", tmp_path / "local.pdf")
    assert pages == local == 3
    assert len(PdfReader(tmp_path / "worker.pdf").pages) == 3
    assert "16,8 %" in _text(tmp_path / "worker.pdf")
    assert _text(tmp_path / "worker.pdf") == _text(tmp_path / "local.pdf")


def test_a_dead_worker_costs_nothing_but_time(tmp_path: Path) -> None:
    worker = _idle_worker()
    worker.process.kill()
    worker.process.wait()
    assert write_pdf(HTML, tmp_path / "a.pdf") == 3  # laid out here instead
    assert "Erste Seite" in _text(tmp_path / "a.pdf")
    assert worker not in _layout_worker._idle


def test_a_worker_dying_during_the_layout_is_replaced_by_this_process(tmp_path: Path) -> None:
    worker = _idle_worker()
    pending = _layout_worker.write_pdf_later(HTML, ".", tmp_path / "b.pdf")
    worker.process.kill()
    assert pending() == 3
    assert len(PdfReader(tmp_path / "b.pdf").pages) == 3
    assert not worker.alive


def test_an_error_in_the_worker_is_raised_here_as_the_original_error(tmp_path: Path) -> None:
    worker = _idle_worker()
    with pytest.raises(FileNotFoundError):
        write_pdf(HTML, tmp_path / "fehlt" / "c.pdf")
    assert _layout_worker._idle == [worker]  # still usable
    assert write_pdf(HTML, tmp_path / "c.pdf") == 3


def test_frames_survive_a_round_trip_and_a_cut_frame_ends_the_stream() -> None:
    stream = io.BytesIO()
    _layout_worker._send(stream, ("ok", 7))
    data = stream.getvalue()
    assert _layout_worker._receive(io.BytesIO(data)) == ("ok", 7)
    assert _layout_worker._receive(io.BytesIO(data[:-1])) is None
    assert _layout_worker._receive(io.BytesIO(b"")) is None


def test_the_worker_module_imports_without_the_store() -> None:
    code = (
        "import sys, bildungsmonitor.reports._layout_worker; "
        "print(sorted(m for m in ('sqlalchemy', 'polars', 'weasyprint') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
