"""Build into a sibling folder, then swap it in: a failed build leaves the old site intact."""

from __future__ import annotations

import os
import shutil
import time
from functools import partial
from pathlib import Path

from .background import BackgroundJob


class AtomicSiteDir:
    def __init__(self, final: Path):
        self.final = final
        self.staging = final.with_name(f".{final.name}.building-{os.getpid()}")
        self.cleanup: BackgroundJob | None = None

    def begin(self) -> Path:
        shutil.rmtree(self.staging, ignore_errors=True)
        # Deleting a site of thousands of pages takes seconds, so the site the last build
        # replaced is deleted on another core while this build renders.
        retired = sorted(self.final.parent.glob(f".{self.final.name}.old-*"))
        if retired:
            self.cleanup = BackgroundJob(partial(_remove, retired))
        return self.staging

    def commit(self) -> None:
        self._finish_cleanup()
        if self.final.exists():
            retired = f".{self.final.name}.old-{os.getpid()}-{time.time_ns()}"
            os.replace(self.final, self.final.with_name(retired))
        os.replace(self.staging, self.final)

    def abort(self) -> None:
        self._finish_cleanup()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _finish_cleanup(self) -> None:
        if self.cleanup:
            self.cleanup.wait()
            self.cleanup = None


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
