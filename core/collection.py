"""Python's cyclic garbage collector held off while a document is parsed or its workbook
written: each builds tens of thousands of small objects that all stay alive, and every full
collection on the way walks them all again (a third of a 10,000-row table's parse). The
document a review screen opens is kept out of its sight for good (`keep_alive_uncollected`)."""
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


def keep_alive_uncollected() -> None:
    """The objects alive now (a document under review and its session, alive as long as the
    process) left out of every later cyclic collection: the collections the screen's start-up
    and every keystroke trigger then walk only what they made (a full one walked the
    document's tens of thousands of objects, 15 ms before the first paint). Freed as ever
    when no longer referenced; only a cycle among them would outlive its use."""
    gc.freeze()
