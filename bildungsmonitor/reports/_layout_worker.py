"""PDF layout (WeasyPrint) in a process of its own: private helper of ``reports.pdf``.

Importing WeasyPrint costs about half a second (cffi parses the Pango declarations) and
its first layout sets up the fonts. WeasyPrint and vl-convert both hold the interpreter
lock, so a thread cannot do that while a build reads data and draws charts – a process
can: ``start()`` launches this module as ``python -m`` when a build that writes a PDF
begins, the worker imports WeasyPrint on the second core meanwhile and then lays out the
finished HTML. The worker stays for the next build of the same process (the web server's
/berichte) and is replaced after ``MAX_JOBS`` documents.

Nothing depends on the worker: when it cannot start, dies, or reports an error, the
caller lays the document out in its own process (and so raises WeasyPrint's own error).

Protocol over the worker's stdin/stdout: frames of an 8-byte big-endian length and a
pickle. Request ``(html, base_url, target)``, reply ``("ok", pages)`` or
``("error", message)``. Only this module starts workers, with its own pipes.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

MAX_JOBS = 25
_HEADER = struct.Struct(">Q")
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def pdf_options() -> dict[str, object]:
    """Tagged PDF: the PDF/UA-1 variant when this WeasyPrint has it, else ``pdf_tags``."""
    from weasyprint.pdf import VARIANTS  # type: ignore[import-untyped]  # no type hints

    if "pdf/ua-1" in VARIANTS:
        return {"pdf_variant": "pdf/ua-1"}
    return {"pdf_tags": True}


def lay_out(html: str, base_url: str, target: Path) -> int:
    """Lay out ``html`` and write the PDF to ``target``; returns the number of pages."""
    import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type hints

    options = pdf_options()
    document = weasyprint.HTML(string=html, base_url=base_url).render(**options)
    document.write_pdf(target, **options)
    return len(document.pages)


# -- frames -------------------------------------------------------------------------------


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream (or a cut-off frame)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)  # our own process, on our own pipe


# -- the parent's side ----------------------------------------------------------------------


class _Worker:
    """One worker process; used by one build at a time."""

    def __init__(self) -> None:
        env = dict(os.environ)  # the same package as the caller, wherever it was imported from
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self.jobs = 0

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def submit(self, html: str, base_url: str, target: Path) -> None:
        assert self.process.stdin is not None
        self.jobs += 1
        _send(self.process.stdin, (html, base_url, str(target)))

    def reply(self) -> Any:
        assert self.process.stdout is not None
        return _receive(self.process.stdout)

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


_lock = threading.Lock()
_idle: list[_Worker] = []


def start() -> None:
    """Have a worker ready (starting one now if none is idle); never raises."""
    with _lock:
        for worker in [w for w in _idle if not w.alive]:
            _idle.remove(worker)
            worker.close()
        if _idle:
            return
        try:
            _idle.append(_Worker())
        except OSError:
            return


def _take() -> _Worker | None:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive:
                return worker
            worker.close()
    return None


def _give_back(worker: _Worker) -> None:
    with _lock:
        if worker.alive and worker.jobs < MAX_JOBS and not _idle:
            _idle.append(worker)
            return
    worker.close()


def write_pdf_later(html: str, base_url: str, target: Path) -> Callable[[], int]:
    """Start laying out ``html`` into ``target``; the returned call waits for the page count.

    In a worker when one is ready (``start()`` was called), else in this process when the
    result is asked for.
    """
    worker = _take()
    if worker is not None:
        try:
            worker.submit(html, base_url, target)
        except OSError:
            worker.close()
            worker = None
    if worker is None:
        return lambda: lay_out(html, base_url, target)

    def wait() -> int:
        try:
            reply = worker.reply()
        except OSError:
            reply = None
        if isinstance(reply, tuple) and reply[0] == "ok":
            _give_back(worker)
            return int(reply[1])
        if reply is None:
            worker.close()
        else:
            _give_back(worker)
        return lay_out(html, base_url, target)  # WeasyPrint's own error, if it was one

    return wait


@atexit.register
def _close_all() -> None:
    with _lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.close()


# -- the worker's side ----------------------------------------------------------------------


def main() -> None:
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not enter the frames
    requests = sys.stdin.buffer
    import weasyprint

    weasyprint.HTML(string="<p>Bildungsmonitor</p>").render()  # fonts are set up now
    while (request := _receive(requests)) is not None:
        html, base_url, target = request
        try:
            reply: tuple[str, object] = ("ok", lay_out(html, base_url, Path(target)))
        except Exception as exc:  # reported to the caller, who lays out itself
            reply = ("error", f"{type(exc).__name__}: {exc}")
        _send(replies, reply)


if __name__ == "__main__":
    main()
