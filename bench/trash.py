"""Folders set aside instead of deleted while builds are being timed.

Deleting files is not free for the files created after it. ext4 without a journal, the file
system of the benchmark machine, passes over every free inode whose deletion is under 5 s
old, or under 5 min while its block of the inode table is not yet written back (the kernel's
``recently_deleted`` check in ``fs/ext4/ialloc.c``). A cold build creates about 50,000 files
and folders. Right after the harness deleted the last build's 150,000, each creation searched
past them: the profile showed two thirds of the build's system time there, and the build
of 1,000 reports spent 4.9 s in the kernel instead of 1.0 s.

That cost belongs to the harness, not to the build being measured, so the harness deletes
nothing while it measures: it moves folders into the trash (a rename on the same disk frees
nothing) and empties the trash when the timing is over. Before timed cold builds it waits
until the last deletion, its own or a build's, has aged past the kernel's window.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

# The kernel's window (5 min + 5 s) and a margin.
SETTLE_SECONDS = 310.0
STAMP = "deleted-at"


class Trash:
    def __init__(self, folder: Path):
        self.folder = folder
        self._count = 0

    def discard(self, path: Path) -> bool:
        """Move ``path`` into the trash; False when there was nothing to move."""
        if not os.path.lexists(path):
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        while os.path.lexists(target := self.folder / f"{self._count:04d}-{path.name}"):
            self._count += 1
        os.replace(path, target)
        return True

    def empty(self) -> None:
        """Delete what the trash holds; the deletion starts the kernel's window again."""
        entries = [e for e in self.folder.glob("*") if e.name != STAMP]
        if entries:  # before, too: an interrupted deletion has deleted files all the same
            self.note_deletions()
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        if entries:
            self.note_deletions()

    def note_deletions(self) -> None:
        """Record that many files were just deleted (by the trash, or by a build itself)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / STAMP).write_text(f"{time.time()}\n", "utf-8")

    def settle(self) -> float:
        """Wait until the last recorded deletion is out of the kernel's window; the seconds
        waited."""
        try:
            deleted_at = float((self.folder / STAMP).read_text("utf-8"))
        except (OSError, ValueError):
            return 0.0
        wait = min(deleted_at + SETTLE_SECONDS - time.time(), SETTLE_SECONDS)
        if wait <= 0:
            return 0.0
        print(f"  等待 {wait:.0f} s：刚删除的文件仍会拖慢新建文件（见 bench/trash.py）", flush=True)
        time.sleep(wait)
        return wait
