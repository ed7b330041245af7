"""The same reports as posts of Material's built-in blog plugin, for a side-by-side build.

    python -m bench.blog --reports 500 [--runs 3]

Every public report of a project becomes ``docs/blog/posts/<name>.md`` with ``date``,
``title``, ``slug`` and its activity type as the one category, then its Markdown body with
``<!-- more -->`` after the first paragraph (so listings show an excerpt, as ours show a
summary). The folder's ``mkdocs.yml`` uses ``theme: material`` and ``plugins: [blog,
search]``; search gets the same Chinese settings as our ``mkdocs.yml`` (jieba segmentation),
so both sides pay for the same search index. ``python -m bench all`` runs this beside the
pbsite builds on the same corpus.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from generator.model import Project, Report, load_project

from .site import run_child
from .trash import Trash

# The search settings of the repository's mkdocs.yml, so both builds segment Chinese alike.
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》]+"
MKDOCS_YML = f"""\
site_name: {{name}}
site_url: https://example.org/blog-bench/
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins:
  - blog
  - search:
      lang: zh
      separator: '{SEARCH_SEPARATOR}'
"""


def write_blog(project: Project, folder: Path) -> int:
    """Write the blog project for ``project``'s public reports into ``folder``; returns the
    number of posts."""
    posts = folder / "docs" / "blog" / "posts"
    shutil.rmtree(folder / "docs", ignore_errors=True)
    posts.mkdir(parents=True)
    name = project.config.organization.name
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(name=name), "utf-8")
    (folder / "docs" / "index.md").write_text(f"# {name}\n\n党建活动报道。\n", "utf-8")
    (folder / "docs" / "blog" / "index.md").write_text("# 活动报道\n", "utf-8")
    types = {t.id: t.name for t in project.config.activity_types}
    reports = project.public_reports
    for report in reports:
        slug = post_slug(report)
        (posts / f"{slug}.md").write_text(post(report, slug, types), "utf-8")
    return len(reports)


def post_slug(report: Report) -> str:
    """Unique and ASCII: Material's default slugify drops Chinese titles to nothing."""
    return (report.url or report.path).strip("/").removeprefix("reports/").replace("/", "-")


def post(report: Report, slug: str, types: dict[str, str]) -> str:
    # JSON strings are valid YAML scalars: titles may hold colons and quotes.
    front = [
        "---",
        f"date: {report.date.isoformat()}",
        f"title: {json.dumps(report.title, ensure_ascii=False)}",
        f"slug: {slug}",
        "categories:",
        f"  - {json.dumps(types.get(report.type, report.type), ensure_ascii=False)}",
        "---",
    ]
    first, _, rest = report.body.strip().partition("\n\n")
    body = f"{first}\n\n<!-- more -->\n\n{rest}" if rest else first
    return "\n".join(front) + f"\n\n{body}\n"


def mkdocs_build(folder: Path, log: Path, trash: Trash) -> dict:
    """A cold ``mkdocs build`` of the blog folder (site/ moved to ``trash`` first) in a
    measured child."""
    trash.discard(folder / "site")
    return run_child("mkdocs.__main__:cli", [["build", "-f", str(folder / "mkdocs.yml")]], log)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.blog", description=__doc__)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    from .corpus import make_corpus

    with tempfile.TemporaryDirectory(prefix="pbsite-bench-blog-") as work:
        root = make_corpus(Path(work) / "project", options.reports, year=2026)
        posts = write_blog(load_project(root), Path(work) / "blog")
        print(f"{posts} 篇博客文章（来自 {options.reports} 篇报道）")
        figures = []
        for run in range(options.runs):
            started = time.perf_counter()
            log = Path(work) / f"blog-{run}.log"
            figures.append(mkdocs_build(Path(work) / "blog", log, Trash(Path(work) / "trash")))
            print(f"  第 {run + 1} 次：{time.perf_counter() - started:.1f} s")
        seconds = statistics.median(f["seconds"] for f in figures)
        peak = max(f["rss_mib"] for f in figures)
        print(f"Material blog 构建 中位数 {seconds:.1f} s  峰值内存 {peak:.0f} MiB")


if __name__ == "__main__":
    main()
