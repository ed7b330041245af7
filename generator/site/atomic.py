"""Build into a sibling folder, then swap it in: a failed build leaves the old site intact.

The swap retires the old site as ``.site.old-…``. Deleting it, and creating the next
build's folder from nothing, costs file system work in proportion to the whole site
(150,000 files at 5,000 reports), though most builds change a handful of them. So the next
build takes the retired folder over as its own, with the record the build that wrote it
kept (``record.SiteRecord``), and writes only what differs. The record is kept per folder
name in ``records`` and follows its folder through every swap.
"""

from __future__ import annotations

import os
import shutil
import time
from functools import partial
from pathlib import Path

from .background import BackgroundJob
from .record import SiteRecord


class AtomicSiteDir:
    def __init__(self, final: Path, records: Path):
        self.final = final
        self.staging = final.with_name(f".{final.name}.building-{os.getpid()}")
        self.records = records
        self.cleanup: BackgroundJob | None = None

    def begin(self, *, reuse: bool) -> tuple[Path, SiteRecord | None]:
        """The folder to build into, and its record when it is a retired site taken over
        (``reuse``); None for an empty folder."""
        shutil.rmtree(self.staging, ignore_errors=True)
        retired = sorted(self.final.parent.glob(f".{self.final.name}.old-*"))
        taken = self._take_over(retired) if reuse else None
        for folder in retired:
            self._record_file(folder.name).unlink(missing_ok=True)
        # Deleting a site of thousands of pages takes seconds, so the retired sites not taken
        # over are deleted on another core while this build renders.
        gone = [folder for folder in retired if folder.exists()]
        if gone:
            self.cleanup = BackgroundJob(partial(_remove, gone))
        return self.staging, taken

    def commit(self, record: SiteRecord | None) -> None:
        """Swap the built folder in; keep ``record`` for the build that takes it over."""
        self._finish_cleanup()
        # Stamped before the swap: a build beside this one may swap its own folder in next.
        pending = self._record_file(self.staging.name)
        if record is not None:
            record.save(pending, self.staging)
        current = self._record_file(self.final.name)
        if self.final.exists():
            retired = f".{self.final.name}.old-{os.getpid()}-{time.time_ns()}"
            os.replace(self.final, self.final.with_name(retired))
            if current.exists():
                os.replace(current, self._record_file(retired))
        os.replace(self.staging, self.final)
        if record is None:
            current.unlink(missing_ok=True)
        else:
            os.replace(pending, current)

    def abort(self) -> None:
        self._finish_cleanup()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _take_over(self, retired: list[Path]) -> SiteRecord | None:
        for folder in retired:
            record = SiteRecord.stored(self._record_file(folder.name))
            if record is None:
                continue
            try:
                os.replace(folder, self.staging)
            except OSError:  # taken by a build beside this one, or held open by a program
                continue
            try:
                record.take_over(self.staging)
            except OSError:  # a file held open (Windows): this build starts from nothing
                os.replace(self.staging, folder)
                continue
            return record
        return None

    def _record_file(self, name: str) -> Path:
        return self.records / f"{name}.pickle"

    def _finish_cleanup(self) -> None:
        if self.cleanup:
            self.cleanup.wait()
            self.cleanup = None


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
