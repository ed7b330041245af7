"""A full build of the demo content, checked page by page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from PIL import Image

from tests.site.conftest import CANARY_NAME, CANARY_REASON

TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".css", ".txt"}


def site_text_files(site: Path):
    for path in site.rglob("*"):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            yield path, path.read_text("utf-8", errors="replace")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_every_public_report_has_a_page_with_its_meta(demo_site, demo_model):
    public = demo_model.public_reports
    assert len(public) >= 140
    for report in public:
        page = demo_site / report.url / "index.html"
        assert page.is_file(), report.path
    report = next(r for r in public if r.attendance and r.photos and r.location)
    html = soup(demo_site / report.url / "index.html")
    meta = html.select_one(".pb-meta").get_text(" ", strip=True)
    assert f"应到 {report.attendance.expected} 人，实到 {report.attendance.present} 人" in meta
    assert report.location in meta
    assert html.select_one("h1").get_text(strip=True) == report.title
    branch_link = html.select_one(".pb-meta a[href*='branches/']")["href"]
    assert report.branch in branch_link
    assert len(html.select(".pb-gallery a.glightbox")) == len(report.photos)


def test_drafts_internal_reports_and_absentees_never_reach_the_site(demo_site, demo_model):
    hidden = [r for r in demo_model.reports if not r.is_public]
    assert any(r.draft for r in hidden) and any(r.visibility == "internal" for r in hidden)
    secrets = {r.title for r in hidden} | {CANARY_NAME, CANARY_REASON}
    for path, text in site_text_files(demo_site):
        for secret in secrets:
            assert secret not in text, f"{secret} leaked into {path}"


def test_report_pages_never_show_their_absentees(demo_site, demo_model):
    checked = 0
    for report in demo_model.public_reports:
        if not (report.attendance and report.attendance.absent):
            continue
        # A name may rightly appear when the same person hosts, records or is named in the text.
        public_text = " ".join(
            filter(
                None,
                [
                    report.title,
                    report.body,
                    report.host,
                    report.recorder,
                    report.lecturer,
                    *(p.caption or "" for p in report.photos),
                ],
            )
        )
        page = (demo_site / report.url / "index.html").read_text("utf-8")
        for absentee in report.attendance.absent:
            if absentee.name not in public_text:
                assert absentee.name not in page, f"{absentee.name} on {report.url}"
            if absentee.reason not in public_text:
                assert f"{absentee.reason}）" not in page and f"（{absentee.reason}" not in page
            checked += 1
    assert checked > 50


def test_urls_are_ascii_and_unique(demo_site, demo_model):
    urls = [r.url for r in demo_model.public_reports]
    assert len(urls) == len(set(urls))
    assert all(re.fullmatch(r"[a-z0-9/\-]+/", url) for url in urls)
    for path in demo_site.rglob("*"):
        assert path.relative_to(demo_site).as_posix().isascii(), path


def test_same_title_same_day_reports_do_not_collide(demo_model):
    seen: dict[tuple, list] = {}
    for report in demo_model.public_reports:
        seen.setdefault((report.branch, report.date, report.title), []).append(report.url)
    twins = [urls for urls in seen.values() if len(urls) > 1]
    assert twins, "the demo contains two reports with one title on one day"
    assert all(len(set(urls)) == len(urls) for urls in twins)


def test_navigation_stays_small(demo_site, demo_model):
    nav_links = soup(demo_site / "index.html").select("nav.md-nav--primary a.md-nav__link")
    titles = {a.get_text(strip=True) for a in nav_links}
    assert not titles & {r.title for r in demo_model.public_reports}
    assert len(nav_links) <= 12


def test_home_shows_brand_counters_cards_and_brand_wall(demo_site, demo_model):
    html = soup(demo_site / "index.html")
    assert demo_model.config.organization.name in html.select_one(".pb-hero").get_text()
    year = demo_model.today.year
    this_year = [r for r in demo_model.public_reports if r.date.year == year]
    counters = [c.get_text(strip=True) for c in html.select(".pb-counter strong")]
    assert counters[0] == str(len(this_year))
    assert counters[1] == str(sum(r.attendance.present for r in this_year if r.attendance))
    assert len(html.select(".pb-card img")) >= 6
    brands = {b.get_text(strip=True) for b in html.select(".pb-brand__name")}
    assert brands == {b.display_brand for b in demo_model.config.branches}


def test_branch_page_lists_secretaries_and_reports_by_year(demo_site, demo_model):
    branch = next(b for b in demo_model.config.branches if len(b.secretaries) > 1)
    html = soup(demo_site / "branches" / branch.id / "index.html")
    text = html.get_text(" ", strip=True)
    assert branch.brand in text and branch.name in text
    for term in branch.secretaries:
        assert term.name in text
    listed = {a["href"] for a in html.select(".pb-list a")}
    expected = [r for r in demo_model.public_reports if branch.id in r.branches]
    assert len(listed) == len(expected)
    assert html.select_one("h3").get_text().startswith("2026年")


def test_joint_report_appears_on_both_branch_pages(demo_site, demo_model):
    joint = next(r for r in demo_model.public_reports if len(r.branches) > 1)
    for branch_id in joint.branches:
        html = (demo_site / "branches" / branch_id / "index.html").read_text("utf-8")
        assert joint.title in html


def test_type_archive_tag_pages_and_feeds(demo_site, demo_model):
    for activity in demo_model.config.activity_types:
        assert (demo_site / "types" / activity.id / "index.html").is_file()
    newest = demo_model.public_reports[0]
    month_page = (
        demo_site / "archive" / str(newest.date.year) / f"{newest.date.month:02d}" / "index.html"
    )
    assert newest.title in month_page.read_text("utf-8")
    tags_index = soup(demo_site / "tags" / "index.html")
    assert tags_index.select("a.pb-tag")
    atom = (demo_site / "feed.xml").read_text("utf-8")
    assert newest.title in atom and "<feed" in atom
    assert "<rss" in (demo_site / "rss.xml").read_text("utf-8")


def test_search_index_is_segmented_and_public_only(demo_site, demo_model):
    index = json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))
    texts = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert "\u200b" in index["config"]["separator"] or "u200b" in index["config"]["separator"]
    assert "\u200b党课\u200b" in texts or "\u200b党课" in texts
    brand = demo_model.config.branches[0].brand
    assert brand in texts


def test_photos_are_web_sized_without_metadata_and_originals_stay_private(demo, demo_site):
    published = list((demo_site / "media").glob("*.jpg"))
    assert published
    for path in published:
        with Image.open(path) as image:
            assert max(image.size) <= 1600
            assert not image.getexif()
            assert "exif" not in image.info and "xmp" not in image.info
    original_sizes = {p.stat().st_size for p in (demo / "content").rglob("*.jpg")}
    assert not [
        p
        for p in demo_site.rglob("*.jpg")
        if p.stat().st_size in original_sizes and p.parent.name != "media"
    ]
    assert not list(demo_site.rglob("*.md"))


def test_no_page_loads_anything_from_another_host(demo_site):
    own = "dangjian.example-hospital.cn"
    for page in demo_site.rglob("*.html"):
        for tag in soup(page).select("script[src], link[href], img[src], iframe[src]"):
            url = tag.get("src") or tag.get("href")
            host = urlsplit(url).hostname
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert host in (None, own), f"{page}: {url}"


def test_submission_guide_lists_live_branches_and_types(demo_site, demo_model):
    guide = soup(demo_site / "guide" / "index.html").get_text(" ", strip=True)
    assert "投稿指南" in guide
    for branch in demo_model.config.branches:
        assert branch.name in guide and branch.id in guide
    for activity in demo_model.config.activity_types:
        assert activity.name in guide
    nav = [a.get_text(strip=True) for a in soup(demo_site / "index.html").select(".md-tabs a")]
    assert "投稿指南" in nav


def test_every_report_links_its_posters_and_wechat_preview(demo_site, demo_model):
    with_photos = [r for r in demo_model.public_reports if r.photos]
    for report in with_photos[:20]:
        html = soup(demo_site / report.url / "index.html")
        links = [a["href"] for a in html.select("a[href]")]
        wechat = next(h for h in links if "wechat/" in h)
        preview = (demo_site / report.url / wechat / "index.html").resolve()
        assert "复制" in preview.read_text("utf-8")
        posters = [h for h in links if "posters/" in h and h.endswith(".jpg")]
        assert len(posters) == 4
        for href in posters:
            with Image.open((demo_site / report.url / href).resolve()) as image:
                assert not image.getexif()
    gallery = soup(demo_site / "posters" / "index.html")
    assert gallery.select(".pb-poster img")
