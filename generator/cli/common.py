"""Helpers shared by the commands: loading the model and printing problems the same way."""

from __future__ import annotations

import datetime as dt
import os

import click

from ..model import ContentError, Problem, Project, load_project
from ..paths import ProjectPaths

pass_paths = click.make_pass_decorator(ProjectPaths)


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.secho(str(problem), fg="red" if problem.severity == "error" else "yellow", err=True)


def effective_today(today: dt.date | None = None) -> dt.date:
    """``today`` if given, else PBSITE_TODAY (`YYYY-MM-DD`, pins tests and CI runs), else the clock."""
    pinned = os.environ.get("PBSITE_TODAY")
    if today or not pinned:
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise click.ClickException(
            f"环境变量 PBSITE_TODAY 应写成 2026-03-05 这样的日期，现在是“{pinned}”"
        ) from None


def load_or_exit(
    paths: ProjectPaths, today: dt.date | None = None, *, publishing: bool = True
) -> Project:
    """The project model; a broken config ends the command with its problems listed."""
    try:
        return load_project(paths.root, today=effective_today(today), publishing=publishing)
    except ContentError as exc:
        echo_problems(exc.problems)
        raise SystemExit(1) from None
