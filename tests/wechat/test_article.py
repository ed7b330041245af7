"""The exported folder: inline-styled HTML, numbered images, covers and meta.json."""

from __future__ import annotations

import json
import re

from PIL import Image

from generator.wechat import export_reports
from generator.wechat.images import MAX_BYTES, MAX_WIDTH
from tests.conftest import BASE_CONFIG, report_text

from .conftest import soup_of

BRAND = "#B71C1C"


def test_article_has_only_inline_styling(project_with, export):
    done = export(project_with())
    html = (done.folder / "article.html").read_text("utf-8")
    soup = soup_of(done.folder / "article.html")
    assert not soup.find_all(["style", "script", "link", "iframe", "form"])
    assert "class=" not in html and " id=" not in html
    assert not soup.find_all(attrs={"onclick": True})
    assert "javascript:" not in html and "steal()" not in html
    content = soup.body.section
    for tag in content.find_all(["p", "section", "strong", "img", "li", "ul"]):
        assert tag.get("style"), f"<{tag.name}> without inline style: {tag}"
    assert "color:red" not in html  # the body's own inline style is not trusted
    assert "原始 HTML 段落" in content.get_text()


def test_house_style_comes_from_the_config(project_with, export):
    config = BASE_CONFIG.replace("site_url:", 'color: "#0D47A1"\n  site_url:') + (
        "wechat:\n  author: 测试医院党委宣传部\n  heading_style: badge\n"
    )
    done = export(project_with(config=config))
    soup = soup_of(done.folder / "article.html")
    heading = next(s for s in soup.find_all("span") if s.get_text() == "重温入党誓词")
    assert "background-color:#0D47A1" in heading["style"]
    assert "color:#FFFFFF" in heading["style"]
    assert "#0D47A1" in soup.find("strong")["style"]
    assert BRAND not in str(soup)
    assert done.article.meta["author"] == "测试医院党委宣传部"


def test_heading_styles_differ(project_with, export):
    styles = {}
    for name in ("bar", "underline", "badge"):
        config = BASE_CONFIG + f"wechat:\n  heading_style: {name}\n"
        soup = soup_of(export(project_with(config=config)).folder / "article.html")
        span = next(s for s in soup.find_all("span") if s.get_text() == "交流体会")
        styles[name] = span.parent["style"] + span["style"]
    assert len(set(styles.values())) == 3
    assert f"border-left:4px solid {BRAND}" in styles["bar"]
    assert f"border-bottom:3px solid {BRAND}" in styles["underline"]


def test_meta_block_shows_time_place_branch_and_attendance(project_with, export):
    soup = soup_of(export(project_with()).folder / "article.html")
    meta = soup.body.section.section.get_text()
    for expected in ("2026年11月20日 14:30", "门诊楼三楼会议室", "心血管内科党支部（心守护）"):
        assert expected in meta
    assert "应到 20 人，实到 18 人" in meta
    assert "主题党日" in meta and "李四" in meta


def test_images_are_numbered_in_order_small_and_without_exif(project_with, export):
    done = export(project_with())
    soup = soup_of(done.folder / "article.html")
    sources = [img["src"] for img in soup.find_all("img")]
    assert sources == [f"images/{n:02d}.jpg" for n in range(1, len(sources) + 1)]
    assert len(sources) == 3  # two listed photos and the one placed in the body
    assert sorted(p.name for p in (done.folder / "images").iterdir()) == [
        s.removeprefix("images/") for s in sources
    ]
    for src in sources:
        file = done.folder / src
        assert file.stat().st_size < MAX_BYTES
        with Image.open(file) as image:
            assert image.format == "JPEG"
            assert image.width <= MAX_WIDTH
            assert not image.getexif()
            assert "exif" not in image.info and "icc_profile" not in image.info


def test_photos_carry_their_captions(project_with, export):
    soup = soup_of(export(project_with()).folder / "article.html")
    captions = [img.find_next_sibling("p").get_text() for img in soup.find_all("img")]
    assert captions == ["党员重温入党誓词", "支部书记讲党课", "义诊现场"]
    first_paragraph = soup.body.section.find_all(recursive=False)[1]
    assert first_paragraph.name == "p"
    assert first_paragraph.find_next_sibling().img is not None  # a photo opens the article


def test_covers_come_from_the_poster_pipeline(project_with, export):
    done = export(project_with())
    with Image.open(done.folder / "cover-2.35.jpg") as wide:
        assert wide.size == (900, 383)
    with Image.open(done.folder / "cover-1.1.jpg") as square:
        assert square.size == (500, 500)


def test_meta_json(project_with, export):
    done = export(project_with())
    meta = json.loads((done.folder / "meta.json").read_text("utf-8"))
    assert meta["title"] == "心血管内科党支部开展主题党日活动"
    assert meta["author"] == "心血管内科党支部"
    assert meta["digest"] == "11月20日，心血管内科党支部开展主题党日活动。"
    report = done.article.report
    assert meta["content_source_url"] == "https://example.org/dangjian/" + report.url
    assert meta["content"] == ["article.html"]
    assert meta["images"] == ["images/01.jpg", "images/02.jpg", "images/03.jpg"]
    assert re.fullmatch(r"cardiology-2026-11-20-[a-z0-9-]+", done.folder.name)


def test_links_keep_their_address_as_text(project_with, export):
    text = soup_of(export(project_with()).folder / "article.html").get_text()
    assert "支部主页（https://example.org/dangjian/）" in text
    assert "危险链接" in text


def _plain_report(day: int, body: str) -> str:
    front = f"""
    title: 心血管内科党支部学习党章（{day}日）
    date: 2026-11-{day} 14:30
    branch: cardiology
    type: 主题党日
    attendance: {{expected: 20, present: 20}}
    summary: 11月{day}日，心血管内科党支部学习党章。
    """
    return report_text(front, body=body)


def test_one_reports_markdown_never_reaches_the_next(project_with, cache_dir, tmp_path):
    # One export converts report after report; a link defined in one report must not turn
    # the same words in brackets in the next one into a link.
    files = {
        "cardiology/2026/2026-11-18-a.md": _plain_report(
            18, "学习[党章]。\n\n[党章]: https://example.org/zhangcheng/\n"
        ),
        "cardiology/2026/2026-11-19-b.md": _plain_report(19, "讨论[党章]修订。\n"),
    }
    project = project_with(files, photos=())
    reports = sorted(project.reports, key=lambda r: r.date)
    first, second = export_reports(project, reports, tmp_path / "out", cache_dir)
    assert "党章（https://example.org/zhangcheng/）" in soup_of(first.folder / "article.html").text
    second_text = soup_of(second.folder / "article.html").text
    assert "讨论[党章]修订。" in second_text
    assert "zhangcheng" not in second_text
