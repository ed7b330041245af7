"""`pbsite new`, and the helpers `pbsite import` shares with it."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from ..authoring import (
    ReportDraft,
    photo_folder,
    placeholder_note,
    report_path,
    run_check,
    write_report,
)
from ..model import (
    Absentee,
    ActivityType,
    Attendance,
    Branch,
    ContentError,
    SiteConfig,
    load_config,
)
from ..model.dates import DateFormatError, parse_date
from ..model.report import TITLE_MAX, split_people
from ..model.suggest import did_you_mean
from ..paths import ProjectPaths
from .common import echo_problems, effective_today, pass_paths

T = TypeVar("T")


@click.command()
@click.option("--branch", help="支部 id 或全称")
@click.option("--type", "type_", help="活动类型的 id、名称或别名")
@click.option("--date", "date_", help="活动日期，如 2026-03-05（默认今天）")
@click.option("--title", help=f"活动标题，最多 {TITLE_MAX} 个字")
@click.option("--expected", type=click.IntRange(min=1), help="应到人数（需要记录出勤的类型）")
@click.option("--present", type=click.IntRange(min=0), help="实到人数（默认等于应到）")
@click.option("--absent", multiple=True, help="缺席人员，如 “王芳（病假）”，可写多次")
@pass_paths
def new(
    paths: ProjectPaths,
    branch: str | None,
    type_: str | None,
    date_: str | None,
    title: str | None,
    expected: int | None,
    present: int | None,
    absent: tuple[str, ...],
) -> None:
    """新建一篇报道：生成列出全部项目、每项都有说明的报道文件。

    不带参数在终端里运行时，会逐项提问。
    """
    config = config_or_exit(paths)
    today = effective_today()
    asking = _interactive()
    named = {"--branch": branch, "--type": type_, "--title": title}
    missing = [flag for flag, value in named.items() if not value]
    if missing and not asking:
        raise click.ClickException(
            f"缺少 {'、'.join(missing)}。在终端里直接运行 `pbsite new` 可以按提示填写"
        )
    chosen = resolve_branch(config, branch) if branch else _ask_branch(config)
    activity = resolve_type(config, type_) if type_ else _ask_type(config)
    day = from_flag(parse_day, date_, today) if date_ else _ask_day(today) if asking else today
    title = from_flag(_checked_title, title) if title else _ask_title()
    attendance = _attendance(chosen, activity, expected, present, absent, asking)
    target = report_path(paths.root, chosen.id, day, title)
    draft = ReportDraft(title, day, chosen, activity, attendance=attendance)
    write_report(target, draft, config.branches)
    click.echo(f"已生成：{target.relative_to(paths.root).as_posix()}")
    if activity.attendance_required and attendance is None:
        click.secho(f"请注意：{placeholder_note(chosen)}", fg="yellow")
    folder = photo_folder(target).relative_to(paths.root).as_posix()
    click.echo(f"照片请放进文件夹 {folder}/，再写进“照片”")
    check_written(paths, target, today)


def _interactive() -> bool:
    """Ask questions only when someone is at the keyboard; scripts get an error instead."""
    return sys.stdin.isatty()


# -- helpers shared with `pbsite import` -----------------------------------------------------


def config_or_exit(paths: ProjectPaths) -> SiteConfig:
    try:
        return load_config(paths.root)
    except ContentError as exc:
        echo_problems(exc.problems)
        raise SystemExit(1) from None


def resolve_branch(config: SiteConfig, text: str) -> Branch:
    found = config.branch(text)
    if found is None:
        raise click.ClickException(
            f"支部“{text}”不在 site_config.yaml 的支部列表中。{did_you_mean(text, config.branch_spellings)}"
            f"可选：{config.branch_choices}"
        )
    return found


def resolve_type(config: SiteConfig, text: str) -> ActivityType:
    found = config.activity_type(text)
    if found is None:
        raise click.ClickException(
            f"活动类型“{text}”不在配置的类型中。{did_you_mean(text, config.type_spellings)}"
            f"可选：{'、'.join(t.name for t in config.activity_types)}"
        )
    return found


def from_flag(validate: Callable[..., T], *args: object) -> T:
    """Run a prompt validator on a flag's value; its message then ends the command in Chinese."""
    try:
        return validate(*args)
    except click.BadParameter as exc:
        raise click.ClickException(exc.message) from None


def parse_day(text: str, today: dt.date) -> dt.date:
    """A date in any accepted spelling, on or before today."""
    try:
        day = parse_date(text)[0]
    except DateFormatError as exc:
        raise click.BadParameter(str(exc)) from None
    if day > today:
        raise click.BadParameter(f"{day} 在今天（{today}）之后，活动结束后才能报送")
    return day


def check_written(paths: ProjectPaths, file: Path, today: dt.date) -> None:
    """Check the file just written, so its author sees at once whether it is ready."""
    result = run_check(paths.root, [file], today)
    echo_problems(result.problems)
    if result.ok:
        click.secho(
            "检查通过。填好正文和照片后，运行 `pbsite check` 再检查一遍即可交稿", fg="green"
        )
    else:
        raise SystemExit(1)


# -- questions ------------------------------------------------------------------------------


class _Numbered(click.Choice):
    """A choice by number, id or name, refused in Chinese with the closest names suggested."""

    def __init__(self, options: dict[str, str]):
        self.options = options  # every accepted spelling → the id it stands for
        super().__init__(list(options), case_sensitive=False)

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        return self.options[super().convert(value, param, ctx)]

    def get_invalid_choice_message(self, value: object, ctx: click.Context | None) -> str:
        return f"“{value}”不在列表中，请输入编号。{did_you_mean(str(value), list(self.options))}"


def _ask(heading: str, entries: list[tuple[str, str, str]], prompt: str) -> str:
    """Show ``(id, name, note)`` entries numbered and return the chosen id."""
    click.echo(heading)
    for number, (_, name, note) in enumerate(entries, start=1):
        click.echo(f"  {number:>2}. {name}{note}")
    options = {str(n): key for n, (key, _, _) in enumerate(entries, start=1)}
    options |= {spelling: key for key, name, _ in entries for spelling in (key, name)}
    return click.prompt(prompt, type=_Numbered(options), default="1", show_choices=False)


def _ask_branch(config: SiteConfig) -> Branch:
    entries = [(b.id, b.name, f"（{b.id}）") for b in config.branches]
    return config.branch(_ask("请选择支部：", entries, "支部编号"))


def _ask_type(config: SiteConfig) -> ActivityType:
    entries = [
        (t.id, t.name, "（要记录出勤）" if t.attendance_required else "")
        for t in config.activity_types
    ]
    return config.activity_type(_ask("请选择活动类型：", entries, "类型编号"))


def _ask_day(today: dt.date) -> dt.date:
    return click.prompt(
        "活动日期（如 2026-03-05）",
        default=today.isoformat(),
        value_proc=lambda text: parse_day(text, today),
    )


def _checked_title(text: str) -> str:
    title = text.strip()
    if not title:
        raise click.BadParameter("标题不能为空")
    if len(title) > TITLE_MAX:
        raise click.BadParameter(f"标题最多 {TITLE_MAX} 个字，现在有 {len(title)} 个字，请精简")
    return title


def _ask_title() -> str:
    return click.prompt("活动标题", value_proc=_checked_title)


def _attendance(
    branch: Branch,
    activity: ActivityType,
    expected: int | None,
    present: int | None,
    absent: tuple[str, ...],
    asking: bool,
) -> Attendance | None:
    """Attendance from the flags, or asked for; None leaves a placeholder to confirm."""
    if expected is None and (present is not None or absent):
        raise click.ClickException("写了 --present 或 --absent 时，也要用 --expected 写明应到人数")
    if expected is not None:
        people = [Absentee.parse(p) for entry in absent for p in split_people(entry)]
        return Attendance(expected, expected if present is None else present, tuple(people))
    if not (asking and activity.attendance_required):
        return None
    expected = click.prompt("应到人数", type=click.IntRange(min=1), default=branch.members)
    present = click.prompt("实到人数", type=click.IntRange(0, expected), default=expected)
    people = [
        click.prompt(f"第 {n} 位缺席人员，如 王芳（病假）", value_proc=_absentee)
        for n in range(1, expected - present + 1)
    ]
    return Attendance(expected, present, tuple(people))


def _absentee(text: str) -> Absentee:
    person = Absentee.parse(text)
    if not person.reason:
        raise click.BadParameter("请写成“姓名（原因）”，如 王芳（病假）")
    return person
