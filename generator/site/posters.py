"""Posters on the site: rendered (or found in the cache) by the poster pipeline, then
linked into ``site/posters/`` with a download list on each report page."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..model import Project, Report
from ..posters import PosterError, render_posters

log = logging.getLogger("mkdocs.plugins.pbsite")
LABELS = {
    "wechat_cover": "公众号封面 900×383",
    "wechat_cover_square": "公众号封面方图 500×500",
    "phone": "手机海报 1080×1920",
    "print_a3": "A3 印刷海报 300dpi",
}


class FoundPosters:
    """The posters earlier builds found in the cache, by report: a preview keeps one for the
    session. A report whose signature (its data, its photos' bytes, the site's settings) is
    unchanged has the same posters, so a rebuild looks up only the changed reports. Posters
    still to draw are not remembered: the rebuild after they are drawn finds them."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[object, dict[str, Path]]] = {}

    def split(
        self, reports: list[Report], signatures: dict[str, object]
    ) -> tuple[dict[str, dict[str, Path]], list[Report]]:
        """The remembered posters of the unchanged reports, and the reports to look up."""
        known, changed = {}, []
        for report in reports:
            entry = self._found.get(report.path)
            if entry and entry[0] == signatures[report.path]:
                known[report.path] = entry[1]
            else:
                changed.append(report)
        return known, changed

    def remember(self, files: dict[str, dict[str, Path]], signatures: dict[str, object]) -> None:
        for path, outputs in files.items():
            self._found[path] = (signatures[path], outputs)


class PosterShelf:
    """The posters of the published reports. ``draw=False`` takes only those in the cache and
    lists the reports still to draw in ``missing``. With ``found`` and the reports'
    ``signatures``, only the reports changed since an earlier build are looked up; the
    problems of the others were reported by that build."""

    def __init__(
        self,
        project: Project,
        cache_dir: Path,
        reports: list[Report],
        *,
        draw: bool = True,
        found: FoundPosters | None = None,
        signatures: dict[str, object] | None = None,
    ):
        # The site offers posters for reports with photos; a photo-less one gets only the
        # 公众号 covers its article needs, made by the WeChat export.
        with_photos = [r for r in reports if r.photos or r.cover]
        known, changed = (
            found.split(with_photos, signatures) if found is not None else ({}, with_photos)
        )
        try:
            run = render_posters(
                project, cache_dir, reports=changed, progress=sys.stderr.isatty(), draw=draw
            )
        except PosterError as exc:
            raise PluginError(f"无法生成海报：{exc}") from None
        if found is not None:
            found.remember(run.files, signatures)
        self.problems = run.problems
        self.signatures = signatures or {}
        self.by_report = {**known, **run.files}
        missing = set(run.missing)
        self.missing = [r for r in with_photos if r.path in missing]
        self.files: dict[str, Path] = {}  # site-relative path -> cached poster
        self.urls: dict[str, dict[str, str]] = {}
        for report in reports:
            for output, file in self.by_report.get(report.path, {}).items():
                url = f"posters/{report.url.removeprefix('reports/')}{output}{file.suffix}"
                self.files[url] = file
                self.urls.setdefault(report.path, {})[output] = url

    def downloads(self, report: Report) -> list[tuple[str, str]]:
        """(label, site-relative address) of each poster of a report, in a fixed order."""
        urls = self.urls.get(report.path, {})
        return [(LABELS.get(output, output), urls[output]) for output in LABELS if output in urls]

    def url(self, report: Report, output: str) -> str | None:
        return self.urls.get(report.path, {}).get(output)


class PostersLater:
    """Under `serve`, posters not in the cache are drawn on a thread once the pages are up:
    an A3 poster takes longer than the whole preview rebuild. Touching ``signal`` when they
    are done makes the preview rebuild with them."""

    def __init__(self, signal: Path):
        self.signal = signal
        self.thread: threading.Thread | None = None
        self.failed: dict[str, object] = {}  # report path -> its signature when it failed

    def draw(
        self,
        project: Project,
        cache_dir: Path,
        reports: list[Report],
        signatures: dict[str, object],
    ) -> None:
        """Draw the posters of ``reports`` on a thread. ``signatures`` are PosterShelf's: a
        report whose posters could not be drawn is tried again only once its data, its
        photos' bytes or the settings have changed, or every rebuild would start another try.
        """
        todo = [r for r in reports if self.failed.get(r.path) != signatures[r.path]]
        if not todo or (self.thread and self.thread.is_alive()):
            return
        self.thread = threading.Thread(
            target=self._draw,
            args=(project, cache_dir, todo, signatures),
            name="pbsite-posters",
            daemon=True,
        )
        self.thread.start()

    def _draw(
        self, project: Project, cache_dir: Path, reports: list[Report], signatures: dict
    ) -> None:
        drawn: dict = {}
        try:
            # One worker: a process forked beside the preview server's threads could hang.
            drawn = render_posters(project, cache_dir, reports=reports, workers=1).files
        except PosterError as exc:
            log.warning(f"无法生成海报：{exc}")
        except Exception as exc:  # on a thread nobody waits for: say it, or it goes unseen
            log.warning(f"后台生成海报时出错：{exc!r}")
        finally:
            self.failed.update((r.path, signatures[r.path]) for r in reports if r.path not in drawn)
            self.signal.parent.mkdir(parents=True, exist_ok=True)
            self.signal.touch()
