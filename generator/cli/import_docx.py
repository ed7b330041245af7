"""`pbsite import`."""

from __future__ import annotations

from pathlib import Path

import click

from ..authoring import ImportProblem, import_docx
from ..model.report import REPORT_KEYS
from ..paths import ProjectPaths
from .common import effective_today, pass_paths
from .new import (
    check_written,
    config_or_exit,
    from_flag,
    parse_day,
    resolve_branch,
    resolve_type,
)


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--branch", help="支部 id 或全称（必填）")
@click.option("--type", "type_", help="活动类型的 id、名称或别名（必填）")
@click.option("--date", "date_", help="活动日期；不写就用文档里“时间：”一行的日期")
@click.option("--title", help="活动标题；不写就用文档的第一行")
@pass_paths
def import_(
    paths: ProjectPaths,
    source: Path,
    branch: str | None,
    type_: str | None,
    date_: str | None,
    title: str | None,
) -> None:
    """把 Word 报道（.docx）转换为报道文件，文中图片保存为照片。"""
    if not branch or not type_:
        raise click.ClickException("请用 --branch 写明支部，用 --type 写明活动类型")
    config = config_or_exit(paths)
    today = effective_today()
    try:
        result = import_docx(
            source,
            paths.root,
            resolve_branch(config, branch),
            resolve_type(config, type_),
            config.branches,
            day=from_flag(parse_day, date_, today) if date_ else None,
            title=title,
        )
    except ImportProblem as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已导入：{result.file.relative_to(paths.root).as_posix()}")
    for key, value in result.filled.items():
        click.echo(f"  {REPORT_KEYS[key]}：{value}")
    if result.photos:
        folder = result.photos[0].parent.relative_to(paths.root).as_posix()
        click.echo(f"  照片：{len(result.photos)} 张，保存在 {folder}/")
    if result.unmapped:
        click.secho("以下内容没有填进报道信息，请检查：", fg="yellow")
        for item in result.unmapped:
            click.secho(f"  - {item}", fg="yellow")
    check_written(paths, result.file, today)
