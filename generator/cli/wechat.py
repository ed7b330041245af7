"""`pbsite wechat`: a report, or every public report since a date, as 公众号 articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..model import ContentError, Project, Report
from ..model.dates import ACCEPTED_DATE_FORMS, DateFormatError, parse_date
from ..paths import ProjectPaths
from ..wechat import ExportRefused, WechatExport, export_reports, export_since
from ..wechat.export import EXPORT_DIR
from .common import echo_problems, load_or_exit, pass_paths


@click.command()
@click.argument("report", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--since", metavar="YYYY-MM-DD", help="导出这一天及以后的全部公开报道，如 2026-09-01")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="输出目录，每篇报道一个子文件夹（默认 build/exports/wechat）",
)
@pass_paths
def wechat(
    paths: ProjectPaths, report: Path | None, since: str | None, output: Path | None
) -> None:
    """把报道导出为公众号文章：正文 HTML、图片、封面和 meta.json。

    REPORT 是报道文件路径；或用 --since 导出某日以来的全部公开报道。
    内部报道和草稿不导出。每个超出公众号限制的地方都会列出，并说明如何处理的。
    """
    if (report is None) == (since is None):
        raise click.UsageError("请写一个报道文件，或用 --since 指定日期（二者选一）")
    project = load_or_exit(paths)
    out_dir = output or paths.exports / EXPORT_DIR
    try:
        if report:
            exports = export_reports(project, [_find(project, paths, report)], out_dir, paths.cache)
        else:
            exports = export_since(project, _date(since), out_dir, paths.cache)
    except ExportRefused as exc:
        raise click.ClickException(str(exc)) from None
    except ContentError as exc:
        echo_problems(exc.problems)
        raise click.ClickException(
            "site_config.yaml 的 `wechat:` 设置有误，请按上面的提示修改"
        ) from None
    if not exports:
        click.echo(f"{since} 以来没有公开报道，未导出任何文章")
        return
    for export in exports:
        _describe(export, paths)
    warned = sum(bool(e.warnings) for e in exports)
    click.echo(
        f"共导出 {len(exports)} 篇文章到 {_shown(out_dir, paths)}"
        + (f"，其中 {warned} 篇有提示，见上方" if warned else "")
    )


def _find(project: Project, paths: ProjectPaths, given: Path) -> Report:
    """The report at ``given`` (relative to the current folder or to the project)."""
    file = next((f for f in (given, paths.root / given) if f.is_file()), None)
    if file is None:
        raise click.ClickException(f"找不到报道文件 {given}，请检查路径")
    key = _shown(file, paths)
    rejected = next((r for r in project.rejected if r.path == key), None)
    if rejected:
        echo_problems(list(rejected.problems))
        raise click.ClickException(f"{key} 有错误，请先按上面的提示修改")
    found = next((r for r in project.reports if r.path == key), None)
    if found is None:
        raise click.ClickException(f"{given} 不是报道：报道是 content/reports/ 下以 .md 结尾的文件")
    return found


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)[0]
    except DateFormatError:
        raise click.ClickException(
            f"--since “{text}”不是日期，请写成 {ACCEPTED_DATE_FORMS}"
        ) from None


def _describe(export: WechatExport, paths: ProjectPaths) -> None:
    article = export.article
    parts = len(article.parts)
    click.echo(
        f"已导出：{_shown(export.folder, paths)}/（{article.report.title}；"
        f"正文 {parts} 篇，图片 {len(article.images)} 张，封面 {len(article.covers)} 张）"
    )
    for warning in article.warnings:
        click.secho(f"  提示：{warning}", fg="yellow")


def _shown(path: Path, paths: ProjectPaths) -> str:
    try:
        return path.resolve().relative_to(paths.root).as_posix()
    except ValueError:
        return str(path)
