"""`pbsite check`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..authoring import PathProblem, fix_encoding, run_check, select_reports
from ..authoring.encoding import Conversion
from ..model.config import CONFIG_FILE
from ..model.source import EncodingProblem
from ..paths import ProjectPaths
from .common import echo_problems, effective_today, pass_paths


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text 给人看；json 给编辑器和 CI",
)
@click.option(
    "--fix-encoding",
    "fix",
    is_flag=True,
    help="把 GBK 等非 UTF-8 编码的文件转换为 UTF-8，原文件备份为 .bak",
)
@pass_paths
def check(paths: ProjectPaths, files: tuple[Path, ...], output: str, fix: bool) -> None:
    """检查配置和报道，逐条列出问题（路径:行号: 说明）。

    不写 FILES 时检查全部报道；可以写报道文件或文件夹。有错误时退出码为 1。
    """
    try:
        reports = select_reports(paths.root, list(files))
    except PathProblem as exc:
        raise click.ClickException(str(exc)) from None
    config = [paths.root / CONFIG_FILE] if not files else []
    conversions = _fix_all([*config, *reports], paths) if fix else []
    result = run_check(paths.root, reports, effective_today())
    if output == "json":
        report = result.as_json() | {"converted": [_converted(c, paths) for c in conversions]}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for conversion in conversions:
            click.echo(_describe(conversion, paths))
        echo_problems(result.problems)
        click.secho(result.summary(), fg="green" if result.ok else "red")
    if not result.ok:
        raise SystemExit(1)


def _fix_all(files: list[Path], paths: ProjectPaths) -> list[Conversion]:
    """Convert what can be converted; a file of unknown encoding stays and check reports it."""
    done: list[Conversion] = []
    for file in files:
        try:
            conversion = fix_encoding(file) if file.is_file() else None
        except EncodingProblem:
            continue
        if conversion:
            done.append(conversion)
    return done


def _relative(file: Path, paths: ProjectPaths) -> str:
    return file.resolve().relative_to(paths.root).as_posix()


def _converted(conversion: Conversion, paths: ProjectPaths) -> dict:
    return {
        "path": _relative(conversion.file, paths),
        "from": conversion.label,
        "backup": _relative(conversion.backup, paths),
    }


def _describe(conversion: Conversion, paths: ProjectPaths) -> str:
    return (
        f"已转换为 UTF-8：{_relative(conversion.file, paths)}"
        f"（原为 {conversion.label}，原文件备份为 {_relative(conversion.backup, paths)}）"
    )
