"""Running `pbsite` as a secretary would, against small projects on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import TODAY

REPORT = "content/reports/cardiology/2026/r.md"

MEETING = """\
title: 主题党日活动
date: 2026-03-05
branch: cardiology
type: theme_day
attendance:
  expected: 10
  present: 9
  absent: [王芳（病假）]
"""


def pbsite(root: Path, *args: str, input: str | None = None) -> Result:
    """`pbsite --root ROOT ARGS…` with today pinned to the suite's TODAY."""
    return CliRunner().invoke(
        main,
        ["--root", str(root), *args],
        input=input,
        env={"PBSITE_TODAY": TODAY.isoformat()},
        catch_exceptions=False,
    )


@pytest.fixture
def check_one(make_project) -> Callable[..., tuple[Result, list[str]]]:
    """Write ``REPORT`` with the given text (or bytes) and run `pbsite check` on the project."""

    def run(content: str | bytes, *args: str) -> tuple[Result, list[str]]:
        root = make_project()
        file = root / REPORT
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
        result = pbsite(root, "check", *args)
        return result, result.stderr.splitlines()

    return run
