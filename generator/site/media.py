"""Web-sized photo derivatives for the site: originals are never published.

Derivatives come from the shared imaging pipeline, which caches them outside `site/`
by a hash of their inputs; here they are only collected, then linked into the site.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..imaging import PhotoError, web_image
from ..model import Report

SIZES = {"large": 1600, "thumb": 640}
MEDIA_DIR = "media"
_PARALLEL_FROM = 24


def _derive(job: tuple[str, str, str, str]) -> tuple[tuple[str, str], str | None, str | None]:
    root, cache, src, size = job
    try:
        path = web_image(Path(root) / src, Path(root), Path(cache), max_side=SIZES[size])
    except PhotoError as exc:
        return (src, size), None, str(exc)
    return (src, size), str(path), None


class MediaLibrary:
    def __init__(self, root: Path, cache_dir: Path):
        self.root = root
        self.cache_dir = cache_dir
        self.files: dict[tuple[str, str], Path] = {}
        self.problems: list[str] = []

    def prepare(self, reports: list[Report], workers: int | None = None) -> None:
        """Make (or find in the cache) every derivative the published pages will show."""
        sources = sorted(
            {p.src for r in reports for p in (*r.photos, *([r.cover] if r.cover else []))}
        )
        jobs = [
            (str(self.root), str(self.cache_dir), src, size) for src in sources for size in SIZES
        ]
        if len(jobs) < _PARALLEL_FROM:
            results = map(_derive, jobs)
        else:
            pool = ProcessPoolExecutor(max_workers=workers or os.cpu_count())
            with pool:
                results = list(pool.map(_derive, jobs, chunksize=16))
        for key, path, problem in results:
            if path:
                self.files[key] = Path(path)
            elif problem and key[1] == "large":
                self.problems.append(problem)

    def url(self, src: str, size: str) -> str | None:
        """Site-relative address of a derivative, or None when the photo could not be read."""
        path = self.files.get((src, size))
        return f"{MEDIA_DIR}/{path.name}" if path else None

    def site_files(self) -> dict[str, Path]:
        """Site-relative path -> cached derivative, for every derivative the pages show."""
        return {f"{MEDIA_DIR}/{path.name}": path for path in self.files.values()}
