"""`pbsite posters`: render posters on demand, for some reports or all of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from ..model import Project, Report
from ..paths import ProjectPaths
from ..posters import DEFAULT_PRESETS, PosterError, poster_name, render_posters
from .common import echo_problems, load_or_exit, pass_paths


@click.command()
@click.argument(
    "reports", nargs=-1, metavar="[REPORT]...", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--preset",
    "presets",
    multiple=True,
    help=f"只生成这些预设（可多次使用）：{'、'.join(DEFAULT_PRESETS)}",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="把海报复制到这个目录，文件名可读（默认只保存在缓存中）",
)
@click.option("--workers", type=click.IntRange(min=1), help="并行进程数，默认使用全部 CPU 核")
@pass_paths
def posters(
    paths: ProjectPaths,
    reports: tuple[Path, ...],
    presets: tuple[str, ...],
    output: Path | None,
    workers: int | None,
) -> None:
    """生成宣传海报（公众号封面、手机海报、A3 印刷海报）。

    REPORT 是报道文件路径；不写则为全部公开且有照片的报道生成。
    """
    project = load_or_exit(paths)
    selected = _select(project, paths, reports) if reports else None
    try:
        run = render_posters(
            project,
            paths.cache,
            presets=list(presets) or None,
            reports=selected,
            workers=workers,
            progress=True,
        )
    except PosterError as exc:
        raise click.ClickException(str(exc)) from None
    by_path = {r.path: r for r in project.reports}
    for report_path, files in run.files.items():
        click.echo(report_path)
        for name, file in files.items():
            shown = _copy(file, output, by_path[report_path], name) if output else file
            click.echo(f"  {name}: {_relative(shown, paths.root)}")
    for problem in run.problems:
        click.secho(problem, fg="yellow", err=True)
    click.echo(
        f"共 {len(run.files)} 篇报道的海报：新生成 {run.rendered} 张，使用缓存 {run.cached} 张"
        + (f"，{len(run.problems)} 个问题见上方" if run.problems else "")
    )


def _select(project: Project, paths: ProjectPaths, given: tuple[Path, ...]) -> list[Report]:
    """The reports named on the command line; anything that gets no poster says why."""
    by_path = {r.path: r for r in project.reports}
    rejected = {r.path: r for r in project.rejected}
    selected: list[Report] = []
    for file in given:
        key = _relative(file.resolve(), paths.root)
        report = by_path.get(key)
        if key in rejected:
            echo_problems(list(rejected[key].problems))
            raise click.ClickException(f"{key} 有错误，请先按上面的提示修改")
        if report is None:
            raise click.ClickException(f"{file} 不是 content/reports/ 下的报道文件")
        if not report.is_public:
            click.secho(f"{key}: 内部报道或草稿不生成海报", fg="yellow", err=True)
        elif not (report.photos or report.cover):
            click.secho(f"{key}: 这篇报道没有照片，无法生成海报", fg="yellow", err=True)
        selected.append(report)
    return selected


def _copy(file: Path, folder: Path, report: Report, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / poster_name(report, name)
    shutil.copyfile(file, target)
    return target


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
