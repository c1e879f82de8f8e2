"""Python's cyclic garbage collector held off while a document is parsed or its workbook
written: each builds tens of thousands of small objects that all stay alive, and every full
collection on the way walks them all again (a third of a 10,000-row table's parse)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection within; the collector as it was after (another thread's pause
    may end first: the collector then runs again, which costs time, never memory)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
