"""Small projects with real Pillow-made JPEGs, exported as 公众号 articles."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from generator.model import Project, load_project
from generator.wechat import WechatExport, export_reports
from tests.conftest import BASE_CONFIG, TODAY, report_text

ABSENTEES = ("欧阳晓雯", "司马青峰")
REPORT_FILE = "cardiology/2026/2026-11-20-theme-day.md"
REPORT = report_text(
    f"""
    title: 心血管内科党支部开展主题党日活动
    date: 2026-11-20 14:30
    branch: cardiology
    type: 主题党日
    host: 李四
    location: 门诊楼三楼会议室
    attendance:
      expected: 20
      present: 18
      absent: [{ABSENTEES[0]}（病假）, {ABSENTEES[1]}（外出进修）]
    summary: 11月20日，心血管内科党支部开展主题党日活动。
    photos:
      - {{src: 2026-11-20-theme-day/01.jpg, caption: 党员重温入党誓词}}
      - {{src: 2026-11-20-theme-day/02.jpg, caption: 支部书记讲党课}}
    """,
    body="""\
11月20日下午，心血管内科党支部在门诊楼开展主题党日活动。

## 重温入党誓词

全体党员面向党旗，**庄严宣誓**。<script>alert("x")</script>

<p class="lead" style="color:red" onclick="steal()">原始 HTML 段落</p>

- 学习党章
- 交流体会

## 交流体会

[支部主页](https://example.org/dangjian/) 与 <a href="javascript:alert(1)">危险链接</a>。

![义诊现场](2026-11-20-theme-day/03.jpg)
""",
)


def make_photo(path: Path, size: tuple[int, int] = (1600, 1200), seed: int = 1) -> Path:
    """A camera-like JPEG: shapes on a gradient, with EXIF (camera and GPS) to be stripped."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + width // 5, y + height // 5), fill=colour)
    exif = Image.Exif()
    exif[0x010F] = "TestCamera"  # Make
    exif[0x0110] = "Model X"  # Model
    exif.get_ifd(0x8825)[2] = (30.0, 15.0, 0.0)  # GPSLatitude
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


def make_noisy_photo(path: Path, size: tuple[int, int], seed: int = 7) -> Path:
    """Pure noise barely compresses: over 1 MB even at 1080 px wide."""
    data = random.Random(seed).randbytes(size[0] * size[1] * 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("RGB", size, data).save(path, "JPEG", quality=95)
    return path


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One render cache for every test: the same photo or poster is made once."""
    return tmp_path_factory.mktemp("wechat-cache")


@pytest.fixture
def project_with(make_project: Callable[..., Path]) -> Callable[..., Project]:
    """A loaded project from ``{report file: text}`` plus photos in the demo report's folder;
    ``noisy`` photos are too big for 1 MB at the house quality."""

    def make(
        reports: dict[str, str] | None = None,
        config: str = BASE_CONFIG,
        photos: tuple[str, ...] = ("01.jpg", "02.jpg", "03.jpg"),
        noisy: tuple[str, ...] = (),
    ) -> Project:
        root = make_project(reports if reports is not None else {REPORT_FILE: REPORT}, config)
        folder = root / "content" / "reports" / "cardiology" / "2026" / "2026-11-20-theme-day"
        for seed, name in enumerate(photos, start=1):
            make_photo(folder / name, seed=seed)
        for name in noisy:
            make_noisy_photo(folder / name, (1080, 2000))
        project = load_project(root, today=TODAY)
        assert not project.rejected, project.errors
        return project

    return make


@pytest.fixture
def export(cache_dir: Path, tmp_path: Path) -> Callable[..., WechatExport]:
    """Export one report of ``project`` (by file under content/reports/) into tmp_path/out."""

    def run(project: Project, report_file: str = REPORT_FILE) -> WechatExport:
        path = f"content/reports/{report_file}"
        report = next(r for r in project.reports if r.path == path)
        [done] = export_reports(project, [report], tmp_path / "out", cache_dir)
        return done

    return run


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")
