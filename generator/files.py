"""Putting files from a cache in place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: Path, destination: Path) -> None:
    """Put ``source`` at ``destination`` (whose folder exists), replacing what was there."""
    destination.unlink(missing_ok=True)
    try:
        # A hard link costs nothing, and cached files are never modified in place.
        os.link(source, destination)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, destination)
