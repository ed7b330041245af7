"""Files written or put in place so that a reader, or a parallel build, never sees half of one."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(destination: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file in the same folder, then rename over ``destination``."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(
        prefix=".tmp-", suffix=destination.suffix, dir=destination.parent
    )
    try:
        # mkstemp makes owner-only files; published images must be readable by the web server.
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13, where it is moot
            os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, destination)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, destination: Path) -> None:
    """Put ``source`` at ``destination`` (whose folder exists), replacing what was there."""
    destination.unlink(missing_ok=True)
    try:
        # A hard link costs nothing, and cached files are never modified in place.
        os.link(source, destination)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, destination)
