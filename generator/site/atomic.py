"""Build into a sibling folder, then swap it in: a failed build leaves the old site intact."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class AtomicSiteDir:
    def __init__(self, final: Path):
        self.final = final
        self.staging = final.with_name(f".{final.name}.building-{os.getpid()}")

    def begin(self) -> Path:
        shutil.rmtree(self.staging, ignore_errors=True)
        return self.staging

    def commit(self) -> None:
        retired = self.final.with_name(f".{self.final.name}.old-{os.getpid()}")
        if self.final.exists():
            os.replace(self.final, retired)
        os.replace(self.staging, self.final)
        shutil.rmtree(retired, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
