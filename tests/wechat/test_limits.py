"""Every WeChat limit, exceeded on purpose by a long report made here, and what was done."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from generator.model import ContentError
from generator.wechat import read_settings
from generator.wechat.article import MAX_HTML_BYTES, MAX_HTML_CHARS
from generator.wechat.images import MAX_BYTES, MAX_WIDTH
from tests.conftest import BASE_CONFIG, report_text

from .conftest import soup_of

LONG_BRANCH = "心血管内科与心脏大血管外科联合临床党支部"  # 20 characters
LONG_TITLE = (
    "心血管内科党支部联合护理党支部开展学习贯彻党的二十届四中全会精神暨医德医风建设主题党日活动"
)
LONG_SUMMARY = "".join(f"第{n}句摘要，介绍支部开展活动的基本情况和主要收获。" for n in range(1, 9))
PARAGRAPHS = [
    f"第{n}段：" + "支部坚持党建引领，推动医疗服务提质增效，" * 6 + "。" for n in range(1, 121)
]
FILE = "cardiology/2026/2026-11-21-long.md"


def long_report(body: str) -> str:
    return report_text(
        f"""
        title: {LONG_TITLE}
        date: 2026-11-21
        branch: cardiology
        type: 专题学习
        summary: {LONG_SUMMARY}
        photos:
          - {{src: 2026-11-20-theme-day/01.jpg, caption: 学习现场}}
          - {{src: 2026-11-20-theme-day/big.jpg, caption: 大图}}
        """,
        body=body,
    )


@pytest.fixture
def long_export(project_with, export):
    config = BASE_CONFIG.replace("name: 心血管内科党支部", f"name: {LONG_BRANCH}")
    report = long_report("\n\n".join(PARAGRAPHS))
    return export(project_with({FILE: report}, config=config, noisy=("big.jpg",)), FILE)


def warning_about(done, word: str) -> str:
    return next(w for w in done.warnings if word in w)


def test_title_is_shortened_at_a_boundary_and_reported(long_export):
    title = long_export.article.meta["title"]
    assert len(LONG_TITLE) > 32 and len(title) <= 32
    assert LONG_TITLE.startswith(title.removesuffix("…"))
    message = warning_about(long_export, "标题超长")
    assert "32" in message and title in message


def test_author_is_at_most_16_characters(long_export):
    author = long_export.article.meta["author"]
    assert len(author) <= 16
    assert "16" in warning_about(long_export, "作者超长")


def test_digest_is_at_most_128_characters(long_export):
    digest = long_export.article.meta["digest"]
    assert len(LONG_SUMMARY) > 128 and len(digest) <= 128
    assert digest.endswith("。")  # cut after a sentence, not in the middle of one
    assert "128" in warning_about(long_export, "摘要超长")


def test_meta_json_matches_the_limits(long_export):
    meta = json.loads((long_export.folder / "meta.json").read_text("utf-8"))
    assert len(meta["title"]) <= 32 and len(meta["author"]) <= 16 and len(meta["digest"]) <= 128
    assert meta["warnings"] == long_export.warnings


def test_long_content_is_split_into_parts_without_losing_a_word(long_export):
    folder = long_export.folder
    assert (folder / "article-part2.html").is_file()
    names = json.loads((folder / "meta.json").read_text("utf-8"))["content"]
    assert names[:2] == ["article.html", "article-part2.html"]
    text = ""
    for name in names:
        html = (folder / name).read_text("utf-8")
        assert len(html) < MAX_HTML_CHARS and len(html.encode()) < MAX_HTML_BYTES
        text += soup_of(folder / name).get_text()
    positions = [text.index(paragraph) for paragraph in PARAGRAPHS]
    assert positions == sorted(positions)
    message = warning_about(long_export, "正文超长")
    assert "20000" in message and "article-part2.html" in message
    preview = soup_of(folder / "preview.html")
    buttons = [b.get_text() for b in preview.find_all("button")]
    assert len(buttons) == len(names) and all("复制到公众号编辑器" in b for b in buttons)


def test_big_image_is_recompressed_and_reported(long_export):
    big = next(i for i in long_export.article.images if i.source.endswith("big.jpg"))
    file = long_export.folder / "images" / big.name
    assert file.stat().st_size < MAX_BYTES
    with Image.open(file) as image:
        assert image.width <= MAX_WIDTH
    message = warning_about(long_export, "图片大小超限")
    assert f"images/{big.name}" in message and "1 MB" in message


def test_a_paragraph_longer_than_the_limit_is_broken_between_sentences(project_with, export):
    sentences = [f"第{n}句话讲述党员志愿服务的故事。" for n in range(1, 1500)]
    project = project_with({FILE: long_report("".join(sentences))}, noisy=("big.jpg",))
    done = export(project, FILE)
    text = "".join(soup_of(done.folder / n).get_text() for n in done.article.part_names)
    assert len(done.article.parts) > 1
    positions = [text.index(sentence) for sentence in sentences]  # whole sentences, once each
    assert positions == sorted(positions)
    assert "在句子之间断开" in warning_about(done, "正文超长")


def test_a_short_article_has_no_warnings(project_with, export):
    assert export(project_with()).warnings == []


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ("  heading_style: fancy\n", ["`heading_style`", "bar", "underline", "badge", "fancy"]),
        ("  author: 一二三四五六七八九十一二三四五六七\n", ["`author`", "16"]),
        ("  heading: bar\n", ["`heading`", "heading_style"]),
    ],
)
def test_bad_wechat_settings_name_the_key(make_project, section, words):
    from generator.model import load_project

    root = make_project({}, BASE_CONFIG + "wechat:\n" + section)
    with pytest.raises(ContentError) as caught:
        read_settings(load_project(root))
    [problem] = caught.value.problems
    assert problem.path == "site_config.yaml"
    assert problem.line == BASE_CONFIG.count("\n") + 2  # the line of the key itself
    for word in words:
        assert word in problem.message
