"""Posters on the site: rendered (or found in the cache) by the poster pipeline, then
linked into ``site/posters/`` with a download list on each report page."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..model import Project, Report
from ..posters import PosterError, render_posters

LABELS = {
    "wechat_cover": "公众号封面 900×383",
    "wechat_cover_square": "公众号封面方图 500×500",
    "phone": "手机海报 1080×1920",
    "print_a3": "A3 印刷海报 300dpi",
}


class PosterShelf:
    def __init__(self, project: Project, cache_dir: Path, reports: list[Report]):
        # The site offers posters for reports with photos; a photo-less one gets only the
        # 公众号 covers its article needs, made by the WeChat export.
        with_photos = [r for r in reports if r.photos or r.cover]
        try:
            run = render_posters(
                project, cache_dir, reports=with_photos, progress=sys.stderr.isatty()
            )
        except PosterError as exc:
            raise PluginError(f"无法生成海报：{exc}") from None
        self.problems = run.problems
        self.by_report = run.files
        self.files: dict[str, Path] = {}
        self.urls: dict[str, dict[str, str]] = {}
        for report in reports:
            for output, file in run.files.get(report.path, {}).items():
                url = f"posters/{report.url.removeprefix('reports/')}{output}{file.suffix}"
                self.files[url] = file
                self.urls.setdefault(report.path, {})[output] = url

    def downloads(self, report: Report) -> list[tuple[str, str]]:
        """(label, site-relative address) of each poster of a report, in a fixed order."""
        urls = self.urls.get(report.path, {})
        return [(LABELS.get(output, output), urls[output]) for output in LABELS if output in urls]

    def url(self, report: Report, output: str) -> str | None:
        return self.urls.get(report.path, {}).get(output)
