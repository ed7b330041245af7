"""How fast this machine's CPU is, apart from memory and disk: a reference printed beside the
figures. Virtual machines of one class differ from one boot to the next, so times from two
runs compare only when their references do."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor

LOOPS = 10_000_000


def burn(loops: int = LOOPS) -> int:
    """Pure arithmetic, without memory or disk traffic."""
    total = 0
    for value in range(loops):
        total += value * value
    return total


def single_core_seconds() -> float:
    """Seconds one core takes for ``LOOPS`` iterations of ``burn``."""
    started = time.perf_counter()
    burn()
    return time.perf_counter() - started


def two_process_speedup() -> float:
    """How much two processes gain over one on this machine (shared or hyper-threaded
    cores gain far less than 2×)."""
    started = time.perf_counter()
    burn()
    burn()
    serial = time.perf_counter() - started
    with ProcessPoolExecutor(max_workers=2) as pool:
        started = time.perf_counter()
        list(pool.map(burn, [LOOPS, LOOPS]))
        parallel = time.perf_counter() - started
    return serial / parallel
