"""Helpers shared by the commands: loading the model and printing problems the same way."""

from __future__ import annotations

import datetime as dt

import click

from ..model import ContentError, Problem, Project, load_project
from ..paths import ProjectPaths

pass_paths = click.make_pass_decorator(ProjectPaths)


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.secho(str(problem), fg="red" if problem.severity == "error" else "yellow", err=True)


def load_or_exit(paths: ProjectPaths, today: dt.date | None = None) -> Project:
    """The project model; a broken config ends the command with its problems listed."""
    try:
        return load_project(paths.root, today=today)
    except ContentError as exc:
        echo_problems(exc.problems)
        raise SystemExit(1) from None
