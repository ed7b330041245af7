"""公众号 previews on the site: one folder per public report, kept in a cache by its inputs.

Writing thousands of articles takes longer than rendering every page of the site, so
each finished folder is kept under ``.cache/pbsite/previews/<key>/`` and hard-linked into
the site; only a report whose inputs changed is exported again. A body that embeds its
own images is exported every time, because its key could not see those files change.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..files import link_or_copy
from ..model import Project, Report
from ..wechat import article_slug, export_reports
from .pagecache import keep_fresh, stale_entries

SHELF = "previews"  # under the cache folder: one finished preview folder per key


def embeds_images(report: Report) -> bool:
    return "![" in report.body or "<img" in report.body


def publish_previews(
    project: Project,
    reports: list[Report],
    out_dir: Path,
    cache_dir: Path,
    keys: dict[str, str | None],
    posters: dict[str, dict[str, Path]],
    present: dict[str, str | None],
) -> None:
    """Write ``out_dir/<slug>/`` for each report, from the cache where its key is there.

    ``present`` maps folders ``out_dir`` already holds to their keys: one with the same
    key is left alone, the others are replaced or removed.
    """
    wanted = {article_slug(r): keys[r.path] for r in reports}
    # A folder stays only where this build would write the same again; one without a key
    # (exported fresh every time) never does.
    for slug, key in present.items():
        if key is None or wanted.get(slug) != key:
            shutil.rmtree(out_dir / slug, ignore_errors=True)
    todo = [
        r for r in reports if keys[r.path] is None or present.get(article_slug(r)) != keys[r.path]
    ]
    shelf = cache_dir / SHELF
    shelf.mkdir(parents=True, exist_ok=True)
    fresh = [r for r in todo if keys[r.path] is None]
    missing = [r for r in todo if keys[r.path] and not keep_fresh(shelf / keys[r.path])]
    _export(project, fresh, out_dir, cache_dir, posters)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=shelf))
    try:
        for report, folder in _export(project, missing, staging, cache_dir, posters):
            _store(folder, shelf / keys[report.path])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for report in todo:
        if keys[report.path]:
            _link_tree(shelf / keys[report.path], out_dir / article_slug(report))


def _export(
    project: Project,
    reports: list[Report],
    out_dir: Path,
    cache_dir: Path,
    posters: dict[str, dict[str, Path]],
) -> list[tuple[Report, Path]]:
    exports = export_reports(
        project, reports, out_dir, cache_dir, posters=posters, link_images=True
    )
    for export in exports:
        # The preview is the folder's page, so site/wechat/<report>/ opens it directly.
        os.replace(export.folder / "preview.html", export.folder / "index.html")
    return [(export.article.report, export.folder) for export in exports]


def _store(folder: Path, target: Path) -> None:
    """Move a finished folder into the cache under its key. A build of the same project
    running beside this one may have stored that key first, and may be linking from it:
    its folder holds the same files, so it stays and this one is dropped with the staging."""
    try:
        os.rename(folder, target)
    except OSError:
        if not target.is_dir():
            raise


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, files in os.walk(source):
        destination = target / os.path.relpath(folder, source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            link_or_copy(Path(folder, name), destination / name)


def prune_previews(cache_dir: Path, used: set[str]) -> None:
    """Drop folders no build has used for a day, so the cache stays near the site's size."""
    for entry in stale_entries(cache_dir / SHELF, used, str):
        shutil.rmtree(entry.path, ignore_errors=True)
