"""Web-sized photo derivatives for the site: originals are never published.

Derivatives come from the shared imaging pipeline, which caches them outside `site/`
by a hash of their inputs; here they are only collected, then linked into the site.
"""

from __future__ import annotations

from pathlib import Path

from ..imaging import PhotoError, cached_web_image, content_hash, map_photos, web_image
from ..model import Problem, Report, photo_problems

SIZES = {"large": 1600, "thumb": 640}
MEDIA_DIR = "media"


def _derive(job: tuple[str, str, str, str]) -> tuple[tuple[str, str], str | None, str | None]:
    root, cache, src, size = job
    try:
        path = web_image(Path(root) / src, Path(root), Path(cache), max_side=SIZES[size])
    except PhotoError as exc:
        return (src, size), None, exc.unusable
    except OSError as exc:  # moved or deleted since the report was read
        gone = PhotoError(src, f"照片文件无法读取（{exc.strerror}），请检查文件是否还在")
        return (src, size), None, gone.unusable
    return (src, size), str(path), None


class PhotoDigests(dict):
    """Each photo's content digest by its path in the project, read once per build; None
    for a file that cannot be read."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root

    def __missing__(self, src: str) -> str | None:
        try:
            digest = content_hash(self.root / src)
        except OSError:
            digest = None
        self[src] = digest
        return digest


class MediaLibrary:
    def __init__(self, root: Path, cache_dir: Path):
        self.root = root
        self.cache_dir = cache_dir
        self.files: dict[tuple[str, str], Path] = {}
        # On the line of each report that shows a photo that cannot be used.
        self.problems: list[Problem] = []
        # What earlier builds of this library found: a preview keeps one library for the
        # session, and a photo with the same bytes has the same derivative.
        self._found: dict[tuple[str, str], tuple[str, Path]] = {}

    def prepare(
        self, reports: list[Report], digests: PhotoDigests, workers: int | None = None
    ) -> None:
        """Make (or find in the cache) every derivative the published pages will show."""
        self.files, self.problems = {}, []
        sources = sorted({src for report in reports for src in report.photo_sources})
        # Looking a derivative up costs a stat, far less than sending it to a worker.
        missing = []
        for src in sources:
            digest = digests[src]
            for size in SIZES:
                found = self._known(src, size, digest) or self._cached(src, size, digest)
                if found:
                    self.files[(src, size)] = found
                    self._found[(src, size)] = (digest, found)
                else:
                    missing.append((str(self.root), str(self.cache_dir), src, size))
        unusable = {}  # src -> why; the thumbnail of such a photo fails alike
        for key, path, problem in map_photos(_derive, missing, workers):
            if path:
                self.files[key] = Path(path)
            elif problem and key[1] == "large":
                unusable[key[0]] = f"{problem}；网站上不显示这张照片"
        self.problems = photo_problems(reports, unusable, "warning")

    def _known(self, src: str, size: str, digest: str | None) -> Path | None:
        known = self._found.get((src, size))
        return known[1] if known and digest and known[0] == digest else None

    def _cached(self, src: str, size: str, digest: str | None) -> Path | None:
        if digest is None:  # unreadable: deriving it says why
            return None
        return cached_web_image(self.root / src, self.cache_dir, SIZES[size], digest)

    def url(self, src: str, size: str) -> str | None:
        """Site-relative address of a derivative, or None when the photo could not be read."""
        path = self.files.get((src, size))
        return f"{MEDIA_DIR}/{path.name}" if path else None

    def site_files(self) -> dict[str, Path]:
        """Site-relative path -> cached derivative, for every derivative the pages show."""
        return {f"{MEDIA_DIR}/{path.name}": path for path in self.files.values()}
