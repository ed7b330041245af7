"""Files written so that a reader, or a parallel build, never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(destination: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file in the same folder, then rename over ``destination``:
    a reader, or a parallel build, never sees half a file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(
        prefix=".tmp-", suffix=destination.suffix, dir=destination.parent
    )
    try:
        # mkstemp makes owner-only files; published images must be readable by the web server.
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, destination)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
