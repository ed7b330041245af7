"""A small project with real photos: good ones, a truncated one, and reports without posters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model import Project, load_project
from tests.conftest import BASE_CONFIG, TODAY, report_text, write
from tests.imaging.samples import BLUE, RED, gps_jpeg, photo, truncated_jpeg

REPORT_A = "content/reports/cardiology/2026-03-05-a.md"
REPORT_B = "content/reports/nursing/2026-04-01-b.md"
INTERNAL = "content/reports/cardiology/2026-05-01-internal.md"
NO_PHOTOS = "content/reports/cardiology/2026-05-02-none.md"
BROKEN = "content/reports/nursing/b/broken.jpg"


def front(title: str, date: str, branch: str, photos: str, extra: str = "") -> str:
    return report_text(
        f"""
        title: {title}
        date: {date}
        branch: {branch}
        type: 志愿服务
        location: 门诊楼一楼大厅
        {photos}
        {extra}
        """
    )


@pytest.fixture
def poster_root(make_project: Callable[..., Path]) -> Callable[..., Path]:
    """Build the project; ``config_extra`` is appended to the base config."""

    def make(config_extra: str = "", title_a: str = "心血管内科党支部开展义诊志愿服务") -> Path:
        root = make_project(
            {
                "cardiology/2026-03-05-a.md": front(
                    title_a, "2026-03-05", "cardiology", "photos: [a/1.jpg, a/2.jpg, a/3.jpg]"
                ),
                "nursing/2026-04-01-b.md": front(
                    "护理党支部“南丁格尔”志愿服务（第2期）",
                    "2026-04-01 09:30",
                    "nursing",
                    "photos: [b/good.jpg, b/broken.jpg]",
                ),
                "cardiology/2026-05-01-internal.md": front(
                    "内部学习", "2026-05-01", "cardiology", "photos: [a/1.jpg]", "visibility: 内部"
                ),
                "cardiology/2026-05-02-none.md": front("没有照片", "2026-05-02", "cardiology", ""),
            },
            config=BASE_CONFIG + config_extra,
        )
        reports = root / "content" / "reports"
        gps_jpeg(reports / "cardiology/a/1.jpg", size=(1600, 1200))
        photo((1200, 1600), BLUE).save(reports / "cardiology/a/2.jpg", quality=85)
        photo((1000, 800), (30, 160, 60)).save(reports / "cardiology/a/3.jpg", quality=85)
        (reports / "nursing/b").mkdir(parents=True, exist_ok=True)
        photo((1400, 1000), RED).save(reports / "nursing/b/good.jpg", quality=85)
        truncated_jpeg(reports / "nursing/b/broken.jpg")
        return root

    return make


def load(root: Path) -> Project:
    project = load_project(root, today=TODAY)
    assert not project.rejected, project.errors
    return project


def report(project: Project, path: str):
    return next(r for r in project.reports if r.path == path)


def write_layout(root: Path, name: str, text: str) -> Path:
    return write(root / "theme" / "posters" / name, text)
