"""Small tally projects: a config with easy numbers and reports written in a line each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model import load_project
from generator.tally import TallyResult, compute_tally

# Today in these tests: the 2026 tally year is over, so the as-of day defaults to 2026-12-31.
AFTER_2026 = dt.date(2027, 1, 10)

ORGANIZATION = """\
organization:
  name: 测试医院党委
  site_url: https://example.org/dangjian/
"""

# Hand-over on 2026-06-30 / 2026-07-01 at heart; nurse has one secretary all year.
BRANCHES = """\
branches:
  - id: heart
    name: 心内科党支部
    secretaries:
      - {name: 张三, from: 2024-01-01, to: 2026-06-30}
      - {name: 李四, from: 2026-07-01}
  - id: nurse
    name: 护理党支部
    secretaries:
      - {name: 王五, from: 2025-01-01}
"""

# Easy numbers: a quarterly requirement with a cap, and an optional type without one.
TYPES = """\
activity_types:
  - {id: theme_day, name: 主题党日, required: quarterly, points: 3, cap: 9, missing_penalty: 2}
  - {id: volunteer, name: 志愿服务, required: none, points: 2}
"""


def config(branches: str = BRANCHES, types: str = TYPES, tally: str = "") -> str:
    return ORGANIZATION + branches + types + tally


def report(
    day: str, branch: str | list[str], type_id: str, title: str = "", **extra: object
) -> str:
    """One report's text; ``branch`` as a list makes a joint report."""
    branches = f"[{', '.join(branch)}]" if isinstance(branch, list) else branch
    lines = [
        f"title: {title or f'{type_id} 活动 {day}'}",
        f"date: {day}",
        f"branch: {branches}",
        f"type: {type_id}",
        *(f"{key}: {value}" for key, value in extra.items()),
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n活动正文第一段。\n"


# Hand-over, joint report, cap, a draft and last year's report; see test_json for the sums.
HANDOVER_REPORTS = {
    "heart/a1.md": report("2026-02-10", "heart", "theme_day"),
    "heart/a2.md": report("2026-06-30", "heart", "theme_day"),  # 张三's last day
    "heart/a3.md": report("2026-07-01", "heart", "theme_day"),  # 李四's first day
    "joint/j1.md": report("2026-08-05", ["heart", "nurse"], "volunteer"),
    "nurse/n1.md": report("2026-01-05", "nurse", "theme_day"),
    "nurse/n2.md": report("2026-04-05", "nurse", "theme_day"),
    "nurse/n3.md": report("2026-07-05", "nurse", "theme_day"),
    "nurse/n4.md": report("2026-10-05", "nurse", "theme_day"),
    "heart/draft.md": report("2026-11-01", "heart", "theme_day", draft="true"),
    "heart/last-year.md": report("2025-12-20", "heart", "theme_day"),
}


@pytest.fixture
def tally(make_project: Callable[..., Path]) -> Callable[..., TallyResult]:
    """Write the project, load it as of ``today`` and tally ``year``."""

    def run(
        reports: dict[str, str],
        config_text: str | None = None,
        year: int = 2026,
        as_of: dt.date | None = None,
        today: dt.date = AFTER_2026,
    ) -> TallyResult:
        root = make_project(reports, config_text or config())
        project = load_project(root, today=today)
        assert not project.rejected, [str(p) for p in project.errors]
        return compute_tally(project, year, as_of)

    return run


def entry(result: TallyResult, name: str, branch: str | None = None):
    """The only tally entry for a secretary (optionally at one branch)."""
    found = [
        s for s in result.secretaries if s.name == name and (branch is None or s.branch == branch)
    ]
    assert len(found) == 1, found
    return found[0]
