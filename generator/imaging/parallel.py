"""Photo work spread over all cores, once there is enough of it to repay the workers."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")
PARALLEL_FROM = 24  # photos; fewer take less time than starting the workers


def map_photos(
    work: Callable[[Job], Result], jobs: Sequence[Job], workers: int | None = None
) -> list[Result]:
    """``work`` applied to each job, in order; ``work`` must be a module-level function."""
    if len(jobs) < PARALLEL_FROM or (workers or os.cpu_count() or 1) == 1:
        return [work(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        return list(pool.map(work, jobs, chunksize=16))
