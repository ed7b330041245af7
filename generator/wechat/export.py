"""Writing articles to export folders: one folder per report, ready to paste or upload.

```
<slug>/article.html            the article (article-part2.html … when it had to be split)
<slug>/images/01.jpg …         every image, in the order the <img> tags use them
<slug>/cover-2.35.jpg          900×383 cover and its 500×500 square, from the posters
<slug>/cover-1.1.jpg
<slug>/meta.json               title, author, digest, content_source_url (of part 1), content,
                               images, covers, warnings, and parts: each part's own title,
                               author, digest, content_source_url, content file and images
<slug>/preview.html            the preview page with the copy button
```
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..files import link_or_copy
from ..model import Project, Report
from ..paths import ProjectPaths
from ..posters import PosterError, render_posters
from .article import Article, article_slug, build_article, check_publishable
from .images import ImageBank
from .preview import preview_page
from .settings import read_settings

EXPORT_DIR = "wechat"
RECENT_DAYS = 30
COVERS = {"wechat_cover": "cover-2.35.jpg", "wechat_cover_square": "cover-1.1.jpg"}
META_FILE = "meta.json"


@dataclass
class WechatExport:
    article: Article
    folder: Path

    @property
    def warnings(self) -> list[str]:
        return self.article.warnings


def export_reports(
    project: Project,
    reports: list[Report],
    out_dir: Path,
    cache_dir: Path,
    *,
    posters: dict[str, dict[str, Path]] | None = None,
    link_images: bool = False,
) -> list[WechatExport]:
    """One folder per report under ``out_dir``. Raises ExportRefused before writing anything
    when any report is internal or a draft, and ContentError for a bad `wechat:` config.

    ``posters`` (report path → poster files) reuses covers already rendered, as the site
    build has; then a report without posters gets none rather than a render of its own.
    ``link_images`` hard-links images and covers from the caches instead of copying them:
    for folders nobody edits, such as the site's previews (someone editing a linked image
    in an export folder would change the cached one).
    """
    for report in reports:
        check_publishable(report)
    settings = read_settings(project)
    if posters is None:
        covers = _covers(project, reports, cache_dir)
    else:
        covers = {r.path: (_pick_covers(posters.get(r.path, {})), []) for r in reports}
    images = ImageBank(project.root, cache_dir)
    exports = []
    for report in reports:
        article = build_article(project, report, settings, images)
        found, problems = covers[report.path]
        article.covers = found
        article.warnings.extend(problems)
        exports.append(write_export(project, article, out_dir / article.slug, link_images))
    return exports


def export_since(
    project: Project, since: dt.date, out_dir: Path, cache_dir: Path
) -> list[WechatExport]:
    """Every public report dated ``since`` or later, oldest first."""
    reports = [r for r in project.public_reports if r.date >= since]
    return export_reports(project, reports[::-1], out_dir, cache_dir)


def write_wechat_exports(project: Project, paths: ProjectPaths) -> list[Path]:
    """`pbsite build` step: exports of the last 30 days' public reports; returns their folders.

    An earlier export whose report is no longer public (made internal, turned back into a
    draft, or deleted) is removed, so a private report never lingers among the exports.
    """
    out_dir = paths.exports / EXPORT_DIR
    since = project.today - dt.timedelta(days=RECENT_DAYS)
    exports = export_since(project, since, out_dir, paths.cache)
    _remove_unpublished(project, out_dir)
    return [export.folder for export in exports]


def write_export(
    project: Project, article: Article, folder: Path, link_images: bool = False
) -> WechatExport:
    """Write the folder afresh, then swap it in: no file of an older export survives."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = _new_folder(folder.parent, f".{folder.name}-")
    try:
        _write_files(project, article, staging, link_or_copy if link_images else shutil.copyfile)
        retired = folder.with_name(f".{folder.name}-old")
        shutil.rmtree(retired, ignore_errors=True)
        if folder.exists():
            folder.rename(retired)
        staging.rename(folder)
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WechatExport(article, folder)


def _new_folder(parent: Path, prefix: str) -> Path:
    """A fresh, uniquely named folder with the ordinary permissions (umask applies).

    Not tempfile.mkdtemp: its folder is private (drwx------) and, renamed into place, would
    keep the export from the web server and from colleagues who share the exports.
    """
    while True:
        staging = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            staging.mkdir()
        except FileExistsError:
            continue
        return staging


def _write_files(
    project: Project, article: Article, folder: Path, place: Callable[[Path, Path], object]
) -> None:
    for index, name in enumerate(article.part_names):
        (folder / name).write_text(article.document(index), "utf-8")
    if article.images:
        (folder / "images").mkdir()
    for image in article.images:
        place(image.file, folder / "images" / image.name)
    for name, poster in article.covers.items():
        place(poster, folder / name)
    meta = {
        **article.meta,
        "content": article.part_names,
        "images": [f"images/{image.name}" for image in article.images],
        "covers": list(article.covers),
        "warnings": article.warnings,
        "parts": [article.part_meta(i) for i in range(len(article.parts))],
    }
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    (folder / "preview.html").write_text(preview_page(project, article.report, article), "utf-8")


def _covers(
    project: Project, reports: list[Report], cache_dir: Path
) -> dict[str, tuple[dict[str, Path], list[str]]]:
    """Each report's two covers from the poster pipeline (one run for all), or why not."""
    if not reports:
        return {}
    try:
        run = render_posters(project, cache_dir, presets=["wechat_cover"], reports=reports)
    except PosterError as exc:
        return {r.path: ({}, [f"未生成封面：{exc}"]) for r in reports}
    covers = {}
    for report in reports:
        files = run.files.get(report.path, {})
        found = _pick_covers(files)
        covers[report.path] = (
            found,
            [] if len(found) == len(COVERS) else [_no_cover(report, run.problems)],
        )
    return covers


def _pick_covers(files: dict[str, Path]) -> dict[str, Path]:
    return {COVERS[k]: path for k, path in files.items() if k in COVERS}


def _no_cover(report: Report, problems: list[str]) -> str:
    if not (report.photos or report.cover):
        return "未生成封面：这篇报道没有照片，海报流水线无法制作封面，请在公众号后台另选封面图"
    related = [
        p
        for p in problems
        if p.startswith(report.path) or any(p.startswith(ph.src) for ph in report.photos)
    ]
    return "未生成封面：" + ("；".join(related) or "海报流水线没有产出封面图")


def _remove_unpublished(project: Project, out_dir: Path) -> None:
    public = {article_slug(r) for r in project.public_reports}
    for folder in out_dir.glob("*/"):
        if (folder / META_FILE).is_file() and folder.name not in public:
            shutil.rmtree(folder)
