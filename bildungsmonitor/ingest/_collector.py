"""Pausing Python's cyclic garbage collector during bulk work of the import."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (re-entrant).

    Parsing and storing a large export allocate about a million small objects (cells, row
    tuples) that form no cycles; the generational passes they trigger, each walking all
    objects built so far, would cost more than building them. Reference counting still
    frees everything; the collector resumes afterwards, also on failure.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
