"""`pbsite tally`: the year-end quantified evaluation of every branch secretary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NoReturn

import click

from ..model import Project
from ..model.dates import ACCEPTED_DATE_FORMS, DateFormatError, parse_date
from ..paths import ProjectPaths
from ..tally import (
    WRITERS,
    TallyResult,
    compute_tally,
    csv_bytes,
    default_as_of,
    dumps_json,
    tally_year,
    tally_year_of,
)
from ..tally.periods import Period
from .common import echo_problems, load_or_exit, pass_paths


@click.command()
@click.option("--year", metavar="YYYY", help="统计年度，如 2026（默认为今天所在的统计年度）")
@click.option(
    "--as-of",
    metavar="YYYY-MM-DD",
    help="统计截至日期，如 2026-06-30（默认今天；若统计年度已结束，则为年度最后一天）",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(WRITERS)),
    default="json",
    show_default=True,
    help="导出格式",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件（不写则把 JSON 或 CSV 输出到屏幕）",
)
@click.option("--lenient", is_flag=True, help="有问题的报道不阻止统计：排除它们，并在结果中列出")
@pass_paths
def tally(
    paths: ProjectPaths,
    year: str | None,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    lenient: bool,
) -> None:
    """按年度统计各党支部书记的定量评价得分（每一分都可追溯到报道文件）。"""
    if fmt == "xlsx" and output is None:
        _fail("XLSX 是二进制文件，请用 -o 指定输出文件，如 -o 定量评价.xlsx")
    project = load_or_exit(paths, publishing=False)
    settings = project.config.tally
    number = _year(year) if year else tally_year_of(settings, project.today)
    span = tally_year(settings, number)
    day = _as_of(as_of) if as_of else default_as_of(settings, number, project.today)
    if day < span.start:
        _refuse_before_start(span, day, as_of is None, tally_year_of(settings, project.today))
    _check_reports(project, lenient)
    _emit(compute_tally(project, number, day), fmt, output)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        _fail(f"--year 应写成四位年份，如 2026，现在是“{text}”")
    return int(text)


def _as_of(text: str) -> dt.date:
    try:
        day, _ = parse_date(text)
    except DateFormatError:
        _fail(f"--as-of “{text}”不是日期，请写成 {ACCEPTED_DATE_FORMS}")
    return day


def _refuse_before_start(span: Period, day: dt.date, today: bool, current: int) -> None:
    """An empty tally dated before its own year would read as if every secretary had
    scored nothing: refused, whether the day was written or is today."""
    if today:
        _fail(
            f"--year {span.label}：该统计年度从 {span.start} 开始，今天（{day}）还没到，"
            f"没有可统计的报道。请写已经开始的年度，如 --year {current}"
        )
    _fail(f"--as-of {day} 早于 {span.label} 统计年度的开始日期 {span.start}，请核对")


def _check_reports(project: Project, lenient: bool) -> None:
    """Spec §4: a bad report never silently drops out – stop, or list it under `rejected`."""
    echo_problems(project.warnings)
    if not project.rejected:
        return
    echo_problems(project.errors)
    count = len(project.rejected)
    if not lenient:
        _fail(
            f"有 {count} 篇报道未通过校验，统计已停止。请按上面的提示修改；"
            "如需先统计其余报道，可加 --lenient（问题报道会列在结果的 rejected 中）"
        )
    click.secho(
        f"有 {count} 篇报道未通过校验，已排除在统计之外并在结果中列出", fg="yellow", err=True
    )


def _emit(result: TallyResult, fmt: str, output: Path | None) -> None:
    if output is None:
        data = dumps_json(result).encode() if fmt == "json" else csv_bytes(result)
        click.echo(data, nl=False)  # bytes: no console re-encoding, the CSV keeps its BOM
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[fmt](result, output)
    click.echo(f"已导出：{output}（{len(result.secretaries)} 位书记）", err=True)


def _fail(message: str) -> NoReturn:
    click.secho(message, fg="red", err=True)
    raise SystemExit(1)
