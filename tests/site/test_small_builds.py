"""Builds of small hand-made projects: one behaviour each."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from PIL import Image

from generator.cli import main
from tests.conftest import TODAY, add_site_files, report_text, write
from tests.site.conftest import mkdocs_build

MEETING = """\
title: 心血管内科党支部主题党日
date: 2026-03-05
branch: cardiology
type: theme_day
attendance: {expected: 3, present: 2, absent: [赵保密（病假）]}
photos: [p/01.jpg]
"""


@pytest.fixture
def small(make_project) -> Path:
    root = make_project(
        {
            "cardiology/2026/a.md": report_text(
                MEETING, "正文<script>alert('x')</script><b onclick=\"steal()\">加粗</b>"
            )
        }
    )
    add_site_files(root)
    photo = root / "content" / "reports" / "cardiology" / "2026" / "p" / "01.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (3000, 2000), (180, 40, 40)).save(photo)
    return root


def build(root: Path, *args: str, today: dt.date = TODAY):
    # Pinned, so that these 2026 reports stay in the tally year the tests look for.
    return CliRunner().invoke(
        main,
        ["--root", str(root), "build", *args],
        env={"PBSITE_TODAY": today.isoformat()},
        catch_exceptions=False,
    )


def test_raw_html_cannot_run_script(small):
    assert mkdocs_build(small, "--strict").returncode == 0
    page = next((small / "site" / "reports").rglob("index.html")).read_text("utf-8")
    assert "<script>alert" not in page and "onclick" not in page and "steal()" not in page
    assert "<b>加粗</b>" in page


def test_failed_build_keeps_previous_site_and_lists_every_bad_report(small):
    assert build(small).exit_code == 0
    before = (small / "site" / "index.html").read_text("utf-8")
    bad = small / "content" / "reports" / "cardiology" / "2026"
    write(bad / "b.md", report_text(MEETING.replace("2026-03-05", "2026-02-30")))
    write(bad / "c.md", report_text(MEETING.replace("theme_day", "主题党曰")))
    result = build(small)
    assert result.exit_code == 1
    assert "content/reports/cardiology/2026/b.md:3:" in result.output
    assert (
        "content/reports/cardiology/2026/c.md:5:" in result.output and "主题党日" in result.output
    )
    assert (small / "site" / "index.html").read_text("utf-8") == before
    assert not list(small.glob(".site.*"))


def test_lenient_build_publishes_the_rest_and_reports_the_rejects(small):
    write(
        small / "content" / "reports" / "cardiology" / "2026" / "b.md",
        report_text(MEETING.replace("2026-03-05", "2026-02-30")),
    )
    result = build(small, "--lenient")
    assert result.exit_code == 0, result.output
    report = (small / "build" / "build-report.json").read_text("utf-8")
    assert "content/reports/cardiology/2026/b.md" in report and "不存在" in report
    assert len(list((small / "site" / "reports").rglob("index.html"))) == 1


def test_tally_exports_stay_private_unless_published(small):
    assert build(small).exit_code == 0
    assert (small / "build" / "exports" / "tally" / "tally-2026.xlsx").is_file()
    assert not (small / "site" / "office").exists()
    assert not list((small / "site").rglob("tally-*"))
    config = small / "site_config.yaml"
    config.write_text(config.read_text("utf-8") + "tally:\n  publish: true\n", "utf-8")
    assert build(small).exit_code == 0
    office = (small / "site" / "office" / "index.html").read_text("utf-8")
    assert "三会一课落实情况" in office and "张三" in office
    assert (small / "site" / "office" / "tally-2026.xlsx").is_file()
    assert "赵保密" not in office


def test_published_tally_names_no_internal_report_and_quotes_no_rejected_one(small):
    reports = small / "content" / "reports" / "cardiology" / "2026"
    internal = MEETING.replace("主题党日", "内部专用绝密会议").replace("2026-03-05", "2026-03-06")
    write(reports / "neibu.md", report_text(internal + "visibility: internal\n"))
    absent = "attendance: {expected: 3, present: 2, absent: [{name: 钱隐私, reason: ''}]}"
    rejected = MEETING.replace("2026-03-05", "2026-03-07").replace(MEETING.splitlines()[4], absent)
    write(reports / "bad.md", report_text(rejected))
    config = small / "site_config.yaml"
    config.write_text(config.read_text("utf-8") + "tally:\n  publish: true\n", "utf-8")
    assert build(small, "--lenient").exit_code == 0
    private = small / "build" / "exports" / "tally" / "tally-2026.json"
    assert "neibu.md" in private.read_text("utf-8") and "钱隐私" in private.read_text("utf-8")
    office = small / "site" / "office"
    texts = [p.read_text("utf-8-sig") for p in office.glob("*.*") if p.suffix != ".xlsx"]
    workbook = openpyxl.load_workbook(office / "tally-2026.xlsx", read_only=True)
    texts += [
        str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row
    ]
    published = "\n".join(texts)
    assert "内部报道，不公开" in published and "未通过校验" in published
    for secret in ("内部专用绝密会议", "neibu", "钱隐私"):
        assert secret not in published


def test_clean_build_matches_cached_build(small):
    assert build(small).exit_code == 0
    cached = sorted(p.name for p in (small / "site" / "media").iterdir())
    assert build(small, "--clean").exit_code == 0
    assert sorted(p.name for p in (small / "site" / "media").iterdir()) == cached


def test_a_build_keeps_the_parsed_reports_and_a_clean_build_parses_them_again(small):
    report = small / "content" / "reports" / "cardiology" / "2026" / "a.md"
    past = time.time() - 60  # older than the 2 s a just-written report is not trusted for
    os.utime(report, (past, past))
    assert build(small).exit_code == 0
    stamp = report.stat()
    # The same size, in place, with the time put back: a change no file stamp can show,
    # so the kept parse serves the old title until a clean build reads the file again.
    with open(report, "r+b") as handle:
        edited = handle.read().replace("主题党日".encode(), "主题团日".encode(), 1)
        handle.seek(0)
        handle.write(edited)
    os.utime(report, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert report.stat().st_size == stamp.st_size
    assert build(small).exit_code == 0
    assert _report_title(small) == "心血管内科党支部主题党日"
    assert build(small, "--clean").exit_code == 0
    assert _report_title(small) == "心血管内科党支部主题团日"


def _report_title(root: Path) -> str:
    [page] = (root / "site" / "reports" / "cardiology").glob("*/index.html")
    return BeautifulSoup(page.read_text("utf-8"), "html.parser").h1.get_text(strip=True)


def test_preview_keeps_going_with_a_bad_report(small, caplog):
    from mkdocs.commands.build import build as mkdocs_build_in_process
    from mkdocs.config import load_config

    reports = small / "content" / "reports" / "cardiology" / "2026"
    write(reports / "bad.md", report_text(MEETING.replace("2026-03-05", "2026-02-30")))
    write(reports / "a.md", report_text(MEETING + "心得: 收获很大\n"))
    preview = small / "preview"
    config = load_config(config_file=str(small / "mkdocs.yml"), site_dir=str(preview))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build_in_process(config)
    config.plugins["pbsite"].posters_later.thread.join()  # its posters are drawn meanwhile
    errors = (preview / "errors" / "index.html").read_text("utf-8")
    assert "content/reports/cardiology/2026/bad.md:3:" in errors
    assert "content/reports/cardiology/2026/bad.md:3:" in caplog.text
    banner = next((preview / "reports").rglob("index.html")).read_text("utf-8")
    assert "预览提示" in banner and "心得" in banner


def test_the_page_cache_drops_only_pages_no_build_used_for_a_day(small):
    assert build(small).exit_code == 0
    pages = small / ".cache" / "pbsite" / "pages"
    used = sorted(p.name for p in pages.iterdir())
    old, recent = pages / "old.json", pages / "recent.json"
    for other in (old, recent):  # pages of another build of the project, say a preview
        other.write_text("{}", "utf-8")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    assert build(small).exit_code == 0
    assert sorted(p.name for p in pages.iterdir()) == sorted([*used, "recent.json"])


def test_a_broken_config_fails_with_its_message_and_leaves_no_staging_folder(small):
    config = small / "site_config.yaml"
    config.write_text(config.read_text("utf-8").replace("id: nursing", "id: Nursing!"), "utf-8")
    result = mkdocs_build(small)
    assert result.returncode != 0
    assert "配置有误" in result.stderr and "site_config.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(small.glob(".site.*"))


def test_a_renamed_nav_tab_keeps_its_name_in_warm_builds(small):
    config = small / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("宣传海报:", "海报专栏:"), "utf-8")
    for _ in range(2):  # cold, then warm with every keyed page in the cache
        assert build(small).exit_code == 0
        # The home page is rendered every build; the others may come from the cache.
        for page in ("index.html", "posters/index.html"):
            assert "海报专栏" in (small / "site" / page).read_text("utf-8"), page


def test_preview_draws_posters_once_a_broken_photo_is_replaced(small):
    from generator.paths import ProjectPaths
    from generator.site.runner import PLUGIN, Preview

    photo = small / "content" / "reports" / "cardiology" / "2026" / "p" / "01.jpg"
    good = photo.read_bytes()
    photo.write_bytes(b"not a photo at all")
    preview = Preview(ProjectPaths(small), str(small / "served"), "127.0.0.1:8765")
    plugin = preview.config.plugins[PLUGIN]

    def offered() -> list[str]:
        drawing = plugin.posters_later and plugin.posters_later.thread
        preview.build()
        if plugin.posters_later.thread is not drawing:  # the signal would rebuild when done
            plugin.posters_later.thread.join()
            preview.build()
        page = next((small / "served" / "reports").rglob("index.html")).read_text("utf-8")
        return re.findall(r'href="[^"]*posters/[^"]+\.jpg"', page)

    assert offered() == []  # no photo to draw them from
    page = next((small / "served" / "reports").rglob("index.html")).read_text("utf-8")
    # The page says why its photo is missing, with the line to look at.
    assert (
        "content/reports/cardiology/2026/a.md:7: 警告：照片 content/reports/cardiology/2026/p/01.jpg 无法使用"
        in page
    )
    photo.write_bytes(good)  # same name, same report text, readable bytes
    assert len(offered()) >= 3
    page = next((small / "served" / "reports").rglob("index.html")).read_text("utf-8")
    assert "无法使用" not in page


def test_a_photo_that_cannot_be_shown_is_named_on_its_reports_line(small, caplog):
    photo = small / "content" / "reports" / "cardiology" / "2026" / "p" / "01.jpg"
    photo.write_bytes(photo.read_bytes()[:2000])  # cut short, as by a failed copy
    result = build(small)
    assert result.exit_code == 0, result.output
    said = [r.getMessage() for r in caplog.records if "无法使用" in r.getMessage()]
    assert said == [
        "content/reports/cardiology/2026/a.md:7: 警告：照片 content/reports/cardiology/2026/p/01.jpg "
        "无法使用：照片文件已损坏或不完整（文件被截断），请重新导出或从原相册再次复制；"
        "网站上不显示这张照片"
    ]


def test_pbsite_today_pins_the_day_a_build_checks_dates_against(small):
    result = build(small, today=dt.date(2026, 3, 4))
    assert result.exit_code == 1
    assert "content/reports/cardiology/2026/a.md:3:" in result.output
    assert "在今天（2026-03-04）之后" in result.output


def test_mkdocs_and_so_serve_take_today_from_pbsite_today_too(small, monkeypatch):
    monkeypatch.setenv("PBSITE_TODAY", "2026-03-04")
    result = mkdocs_build(small)
    assert result.returncode != 0
    assert "在今天（2026-03-04）之后" in result.stderr
    monkeypatch.setenv("PBSITE_TODAY", "明天")
    result = mkdocs_build(small)
    assert result.returncode != 0
    assert "PBSITE_TODAY 应写成 2026-03-05 这样的日期，现在是“明天”" in result.stderr


def _aged(folder: Path, name: str, days: int = 2) -> Path:
    """A cache entry ``name`` in ``folder`` no build has touched for ``days`` days."""
    entry = folder / name
    if name.endswith(".json"):
        entry.write_text("{}", "utf-8")
    else:
        entry.mkdir()
    past = time.time() - days * 24 * 3600
    os.utime(entry, (past, past))
    return entry


def test_caches_drop_what_no_build_used_for_a_day_a_preview_once_a_session(small):
    from generator.paths import ProjectPaths
    from generator.site.runner import Preview

    cache = small / ".cache" / "pbsite"
    assert build(small).exit_code == 0
    pages, previews = cache / "pages", cache / "previews"
    used = {*pages.iterdir(), *previews.iterdir()}
    for entry in used:  # in use, however old: each build marks what it uses as used now
        os.utime(entry, (0, 0))
    stale = [_aged(pages, "0" * 40 + ".json"), _aged(previews, "1" * 40)]
    recent = [_aged(pages, "2" * 40 + ".json", days=0), _aged(previews, "3" * 40, days=0)]
    assert build(small).exit_code == 0
    assert not any(entry.exists() for entry in stale)
    assert all(entry.exists() for entry in [*used, *recent])

    preview = Preview(ProjectPaths(small), str(small / "served"), "127.0.0.1:8765")
    stale = [_aged(pages, "4" * 40 + ".json"), _aged(previews, "5" * 40)]
    preview.build()  # the session's first build prunes, though builds ran in this process
    assert not any(entry.exists() for entry in stale)
    stale = [_aged(pages, "6" * 40 + ".json"), _aged(previews, "7" * 40)]
    preview.build()  # a rebuild after an edit: the session pruned at its first build
    assert all(entry.exists() for entry in stale)
