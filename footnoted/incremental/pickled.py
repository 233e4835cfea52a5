"""Reading the records of every article without the garbage collector walking them.

Unpickling the records of 10,000 articles makes about a million objects, all of them
tracked by the collector, and the build holds them to its end. Each time enough new
objects have piled up, the collector walks the oldest generation, these million
included: at 10,000 articles that was a quarter of a one-article rebuild's CPU time, for
objects that are never garbage while the build runs (records are immutable; they hold no
cycles, and when one is dropped its memory is freed by reference counting all the same).
"""

from __future__ import annotations

import gc
import pickle
from pathlib import Path
from typing import Any


def load_frozen(file: Path) -> Any:
    """The object pickled in `file`, read with the collector paused, then moved with every
    object alive now out of the collector's walks (`gc.freeze`) for the life of the
    process. Raises as `open` and `pickle.loads` do.

    `serve` reads the records once (later builds take them warm from memory, cache.py),
    so it freezes once too: a cycle alive now and dropped later is never collected, and
    at that point the process holds little but its modules."""
    with open(file, "rb") as opened:
        data = opened.read()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
