"""A real build of the bundled demo, shared by the site tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.model import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ["site_config.yaml", "mkdocs.yml", "content", "theme"]


def copy_project(target: Path) -> Path:
    """A private copy of the demo project that shares the repository's render cache."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    # Cached photo derivatives are keyed by content hash, so sharing them is safe and fast.
    (ROOT / ".cache").mkdir(exist_ok=True)
    os.symlink(ROOT / ".cache", target / ".cache")
    return target


# The site shows the day it was built (the home page's year, sitemap.xml's lastmod): tests that
# compare two builds pin it, so that builds either side of midnight still compare equal.
PINNED_DAY = {
    "PBSITE_TODAY": dt.date.today().isoformat(),
    "SOURCE_DATE_EPOCH": str(int(time.time())),
}


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", *extra], cwd=root, capture_output=True, text=True)


# A public report whose absentee is a name found nowhere else: it must vanish from the site.
CANARY_NAME, CANARY_REASON = "隐私哨兵甲", "哨兵专用事由"
CANARY_REPORT = f"""---
title: 心血管内科党支部召开隐私检查专用主题党日
date: 2026-02-10
branch: cardiology
type: theme_day
attendance: {{expected: 5, present: 4, absent: [{CANARY_NAME}（{CANARY_REASON}）]}}
---

本次主题党日应到 5 人，实到 4 人。
"""


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project plus one canary report, built once with plain `mkdocs build --strict`."""
    root = copy_project(tmp_path_factory.mktemp("demo") / "project")
    canary = root / "content" / "reports" / "cardiology" / "2026" / "2026-02-10-canary.md"
    canary.write_text(CANARY_REPORT, encoding="utf-8")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def demo_site(demo: Path) -> Path:
    return demo / "site"


@pytest.fixture(scope="session")
def demo_model(demo: Path):
    return load_project(demo, today=dt.date.today())
