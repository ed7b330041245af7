"""Helpers shared by the commands: loading the model and printing problems the same way."""

from __future__ import annotations

import datetime as dt

import click

from ..model import ContentError, Problem, Project, load_project
from ..model.dates import DateFormatError, pinned_today
from ..paths import ProjectPaths

pass_paths = click.make_pass_decorator(ProjectPaths)


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.secho(str(problem), fg="red" if problem.severity == "error" else "yellow", err=True)


def effective_today(today: dt.date | None = None) -> dt.date:
    """``today`` if given, else PBSITE_TODAY (see ``pinned_today``), else the clock."""
    try:
        return today or pinned_today() or dt.date.today()
    except DateFormatError as exc:
        raise click.ClickException(str(exc)) from None


def load_or_exit(
    paths: ProjectPaths, today: dt.date | None = None, *, publishing: bool = True
) -> Project:
    """The project model; a broken config ends the command with its problems listed."""
    try:
        return load_project(paths.root, today=effective_today(today), publishing=publishing)
    except ContentError as exc:
        echo_problems(exc.problems)
        raise SystemExit(1) from None
