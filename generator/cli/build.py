"""`pbsite build`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from ..build import build_all
from ..model import ContentError
from ..paths import ProjectPaths
from .common import echo_problems, effective_today, pass_paths


@click.command()
@click.option(
    "--lenient", is_flag=True, help="有问题的报道不阻止构建：发布其余报道，问题写入构建报告"
)
@click.option("--clean", is_flag=True, help="不使用缓存，全部重新生成")
@pass_paths
def build(paths: ProjectPaths, lenient: bool, clean: bool) -> None:
    """生成网站、海报和导出文件。"""
    try:
        outcome = build_all(paths, lenient=lenient, clean=clean, today=effective_today())
    except ContentError as exc:
        echo_problems(exc.problems)
        files = len({p.path for p in exc.problems})
        raise click.ClickException(
            f"有 {files} 个文件存在问题，构建已停止，原网站保持不变。请按上面的提示修改；"
            "如需先发布其余报道，可加 --lenient"
        ) from None
    project = outcome.project
    echo_problems(project.warnings)
    if project.rejected:
        echo_problems(project.errors)
        click.secho(
            f"有 {len(project.rejected)} 篇报道未发布，详见 {paths.build_report}", fg="yellow"
        )
    click.echo(f"已生成网站：{outcome.site_dir}（{len(project.public_reports)} 篇公开报道）")
    for folder, count in _exports_by_folder(paths, outcome.exports).items():
        click.echo(f"已导出：{folder}/（{count} 项）")
    click.echo(
        f"预览：运行 `{sys.argv[0]} --root {paths.root} serve` 后在浏览器打开 http://127.0.0.1:8000/ ，"
        f"或用任意静态文件服务器打开 {outcome.site_dir}"
    )


def _exports_by_folder(paths: ProjectPaths, exports: list[Path]) -> dict[str, int]:
    """Exports grouped by kind (tally, wechat …): one line each instead of hundreds."""
    counts: Counter[str] = Counter()
    for path in exports:
        kind = path.relative_to(paths.exports).parts[0]
        counts[(paths.exports / kind).relative_to(paths.root).as_posix()] += 1
    return dict(counts)
