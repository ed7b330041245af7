"""`pbsite serve` rebuilds write only what changed, and still equal a fresh preview (issue 7).

One small project is previewed the way `serve` does it: one plugin and one site folder for
the whole session, MkDocs building dirty. After each edit the folder must hold exactly what
a fresh preview of the same content holds (built in its own process), and the report pages
the edit does not touch must not have been written again.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from generator.model import load_project
from generator.paths import ProjectPaths
from generator.site.catalog import Catalog
from generator.site.runner import PLUGIN, Preview
from generator.wechat import article_slug
from tests.conftest import BASE_CONFIG, add_site_files, report_text, write
from tests.site.conftest import PINNED_DAY

ADDRESS = "127.0.0.1:8765"
SEARCH_INDEX = Path("search") / "search_index.json"
TITLES = ["心内科支部学习党章", "心内科支部义诊服务", "心内科支部主题党日", "心内科支部党课学习"]
FRESH = """
import sys
from pathlib import Path
from generator.paths import ProjectPaths
from generator.site.runner import Preview
Preview(ProjectPaths(Path(sys.argv[1])), sys.argv[2], sys.argv[3]).build()
"""


def report(day: int, title: str) -> str:
    return report_text(
        f"""
        title: {title}
        slug: report-{day}
        date: 2026-03-0{day}
        branch: cardiology
        type: study
        photos: [p{day}/01.jpg]
        """
    )


def fresh_preview(root: Path, folder: Path) -> Path:
    """What a new `serve` session would show, built in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH, str(root), str(folder), ADDRESS],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return folder


def differences(fresh: Path, preview: Path) -> str:
    """``diff -r`` of the two folders; the search index is compared as a set of entries."""
    done = subprocess.run(
        ["diff", "-r", "-x", SEARCH_INDEX.name, str(fresh), str(preview)],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    assert search_entries(fresh) == search_entries(preview)
    return done.stdout


def search_entries(site: Path) -> list[str]:
    docs = json.loads((site / SEARCH_INDEX).read_text("utf-8"))["docs"]
    return sorted(json.dumps(entry, ensure_ascii=False, sort_keys=True) for entry in docs)


def written(site: Path, pattern: str = "reports/**/index.html") -> dict[str, int]:
    """Every page matching ``pattern`` (report pages), with the time it was last written."""
    return {
        page.relative_to(site).as_posix(): page.stat().st_mtime_ns for page in site.glob(pattern)
    }


def listings(site: Path) -> dict[str, int]:
    """The branch pages and the first page of each type listing, as ``written``."""
    return {**written(site, "branches/*/index.html"), **written(site, "types/*/index.html")}


@pytest.fixture(scope="module")
def pinned_day() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PINNED_DAY.items():
            patch.setenv(name, value)  # read by the preview here and by each fresh one
        yield


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory, pinned_day: None) -> dict:
    folder = tmp_path_factory.mktemp("preview")
    root = folder / "project"
    write(root / "site_config.yaml", BASE_CONFIG)
    add_site_files(root)
    reports = root / "content" / "reports" / "cardiology" / "2026"
    for day, title in enumerate(TITLES, start=1):
        write(reports / f"0{day}.md", report(day, title))
        (reports / f"p{day}").mkdir()
        Image.new("RGB", (1200, 800), (40 * day, 60, 90)).save(reports / f"p{day}" / "01.jpg")
    preview = Preview(ProjectPaths(root), str(folder / "served"), ADDRESS)

    def posters_drawing():
        later = preview.config.plugins[PLUGIN].posters_later
        return later and later.thread

    site = Path(preview.site_dir)
    steps: dict[str, dict] = {}

    def step(name: str) -> None:
        before = written(site) if site.is_dir() else {}
        listed_before = listings(site) if site.is_dir() else {}
        drawing = posters_drawing()
        kept = dict(preview.config.plugins[PLUGIN]._kept_files)
        preview.build()
        if posters_drawing() is not drawing:  # posters left to draw: the signal would rebuild
            posters_drawing().join()
            preview.build()
        steps[name] = {
            "before": before,
            "after": written(site),
            "listings_before": listed_before,
            "listings_after": listings(site),
            "kept_before": kept,
            "kept_after": dict(preview.config.plugins[PLUGIN]._kept_files),
            "diff": differences(fresh_preview(root, folder / f"fresh-{name}"), site),
        }

    step("first")
    step("unchanged")
    broken = reports / "99.md"
    broken.write_text(report(9, "日期有误的报道").replace("2026-03-09", "2026-02-30"), "utf-8")
    step("broken")
    banner = (site / "index.html").read_text("utf-8")
    broken.unlink()
    step("mended")
    catalog = Catalog(load_project(root))
    second = next(r for r in catalog.reports if r.title == TITLES[1])
    (reports / "02.md").write_text(report(2, "改过的标题：心电图义诊"), "utf-8")
    step("title")
    # Same name, new bytes: the page must show new derivatives and offer new posters.
    Image.new("RGB", (1200, 800), (200, 200, 40)).save(reports / "p3" / "01.jpg")
    step("photo")
    # Someone deletes the cache during the session, then edits a report.
    shutil.rmtree(root / ".cache")
    (reports / "01.md").write_text(report(1, "清空缓存后改的标题"), "utf-8")
    step("cleared")
    (reports / "04.md").unlink()
    step("removed")
    config = root / "site_config.yaml"
    config.write_text(config.read_text("utf-8").replace("测试医院党委", "改名医院党委"), "utf-8")
    step("config")
    return {"steps": steps, "site": site, "second": second, "banner": banner}


STEPS = ["first", "unchanged", "broken", "mended", "title", "photo", "cleared", "removed", "config"]


@pytest.mark.parametrize("name", STEPS)
def test_each_rebuild_equals_a_fresh_preview(session, name):
    assert session["steps"][name]["diff"] == ""


def test_a_rebuild_without_changes_writes_no_report_page(session):
    step = session["steps"]["unchanged"]
    assert len(step["after"]) == len(TITLES)
    assert step["after"] == step["before"]


def test_a_rebuild_hands_mkdocs_the_unchanged_pages_of_the_build_before(session):
    steps = session["steps"]
    # The first rebuild keeps the files of the pages it found unchanged; the next reuses them.
    before, after = steps["broken"]["kept_before"], steps["broken"]["kept_after"]
    reports = [uri for uri in after if uri.startswith("reports/")]
    assert len(reports) == len(TITLES)
    assert all(after[uri] is before[uri] for uri in after)  # the very same objects
    # The edited page is built anew, and the rebuild after keeps its new file instead.
    (edited,) = [uri for uri in reports if "report-2" in uri]
    assert steps["photo"]["kept_after"][edited][0] != steps["title"]["kept_before"][edited][0]


@pytest.mark.parametrize("name", ["broken", "mended"])
def test_a_report_breaking_elsewhere_rewrites_no_report_page(session, name):
    # The count of rejected reports shows on the other pages, not on the cached report pages.
    step = session["steps"][name]
    assert step["after"] == step["before"]
    assert "预览提示：有 1 篇报道未通过检查" in session["banner"]


def test_an_edit_rewrites_its_page_and_its_neighbours_only(session):
    step = session["steps"]["title"]
    rewritten = {page for page, time in step["after"].items() if step["before"].get(page) != time}
    # Reports 1 and 3 show the edited title in their previous/next links; report 4 does not.
    assert rewritten == {
        f"reports/cardiology/2026-03-0{day}-report-{day}/index.html" for day in (1, 2, 3)
    }
    page = session["site"] / "reports/cardiology/2026-03-02-report-2/index.html"
    assert "改过的标题：心电图义诊" in page.read_text("utf-8")
    article = session["site"] / "wechat" / article_slug(session["second"]) / "article.html"
    assert "改过的标题：心电图义诊" in article.read_text("utf-8")


def test_a_rebuild_without_changes_writes_no_listing_page(session):
    step = session["steps"]["unchanged"]
    assert "branches/nursing/index.html" in step["listings_after"]
    assert step["listings_after"] == step["listings_before"]


def test_an_edit_rewrites_only_the_listings_that_show_it(session):
    step = session["steps"]["title"]
    before, after = step["listings_before"], step["listings_after"]
    rewritten = {page for page, time in after.items() if before.get(page) != time}
    # The edited report is a 学习 report of 心内科: the nursing branch page does not list it.
    assert rewritten == {"branches/cardiology/index.html", "types/study/index.html"}
    listing = (session["site"] / "types" / "study" / "index.html").read_text("utf-8")
    assert "改过的标题：心电图义诊" in listing


def test_a_replaced_photo_rewrites_its_page_with_new_images(session):
    step = session["steps"]["photo"]
    rewritten = {page for page, time in step["after"].items() if step["before"].get(page) != time}
    assert "reports/cardiology/2026-03-03-report-3/index.html" in rewritten


def test_a_removed_report_leaves_nothing_behind(session):
    site = session["site"]
    assert not (site / "reports/cardiology/2026-03-04-report-4/index.html").exists()
    assert "report-4" not in (site / SEARCH_INDEX).read_text("utf-8")


def test_a_config_change_reaches_hand_written_pages(session):
    about = (session["site"] / "about" / "index.html").read_text("utf-8")
    assert "改名医院党委" in about and "测试医院党委" not in about


def test_posters_are_drawn_after_the_page_is_shown_then_offered(session):
    page = session["site"] / "reports/cardiology/2026-03-02-report-2/index.html"
    downloads = re.findall(r'href="([^"]*posters/[^"]+\.jpg)"', page.read_text("utf-8"))
    assert len(downloads) >= 3
    for link in downloads:
        assert (page.parent / link).resolve().is_file()


def test_a_build_before_it_in_the_same_process_leaves_nothing_in_its_index(tmp_path):
    # MkDocs keeps one search plugin per process. Told of a dirty build, Material's keeps
    # that build's index and merges it into the next one's: the preview's, here.
    from generator.site.runner import build_site

    first, second = tmp_path / "first", tmp_path / "second"
    for root, title in ((first, "甲支部独有的读书活动"), (second, TITLES[0])):
        write(root / "site_config.yaml", BASE_CONFIG)
        add_site_files(root)
        text = report_text(f"title: {title}\ndate: 2026-03-01\nbranch: cardiology\ntype: study\n")
        write(root / "content" / "reports" / "cardiology" / "2026" / "01.md", text)
    build_site(ProjectPaths(first), load_project(first))
    assert "独有" in "".join(search_entries(first / "site"))
    preview = Preview(ProjectPaths(second), str(tmp_path / "served"), ADDRESS)
    preview.build()
    index = "".join(search_entries(tmp_path / "served"))
    assert "心内科" in index and "独有" not in index
