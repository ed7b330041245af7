"""Chinese typesetting: kinsoku, unbroken Latin and digits, shrink, ellipsis, pixel bounds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from generator.posters.content import PosterContent
from generator.posters.fonts import find_fonts, load_font
from generator.posters.layout import load_layout
from generator.posters.render import render_poster
from generator.posters.typeset import ELLIPSIS, NO_END, NO_START, fit_text, groups

SPEC_NO_START = "，。、；：？！）」』》"
SPEC_NO_END = "（「『《"
WORDS = ["WiFi", "2026", "COVID-19", "3.5%", "AI+"]


@pytest.fixture(scope="module")
def face():
    return find_fonts().face("serif", True)


def lines_of(block) -> list[str]:
    return ["".join(text for _, text in line.pieces) for line in block.lines]


def test_spec_marks_are_covered():
    assert set(SPEC_NO_START) <= NO_START and set(SPEC_NO_END) <= NO_END


def test_groups_glue_marks_numbers_and_words():
    assert groups("“不忘初心”（第2期）：2026年WiFi") == [
        "“不",
        "忘",
        "初",
        "心”",
        "（第",
        "2期）：",
        "2026年",
        "WiFi",
    ]


def random_title(rng: random.Random) -> str:
    """Realistic titles: an opening mark before a word, a closing mark after one."""
    pieces = []
    for _ in range(rng.randint(8, 30)):
        latin = rng.random() < 0.15
        word = f" {rng.choice(WORDS)} " if latin else rng.choice("党建学习志愿服务主题医院支部活动")
        if rng.random() < 0.15:
            word = rng.choice(SPEC_NO_END) + word
        if rng.random() < 0.25:
            word += rng.choice(SPEC_NO_START)
        pieces.append(word)
    return "".join(pieces)


def test_kinsoku_and_unbroken_words_at_every_width(face):
    rng = random.Random(7)
    for _ in range(150):
        text = random_title(rng)
        # At least as wide as the widest unbreakable group: narrower is tested separately.
        widest = max(load_font(face, 40).getlength(g) for g in groups(text))
        width = max(rng.randint(200, 600), widest + 4)
        block = fit_text(text, face, (width, 10_000), 40, max_lines=99)
        lines = lines_of(block)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(line == line.strip() for line in lines)
        for index, line in enumerate(lines):
            if index > 0:
                assert line[0] not in NO_START, (text, lines)
            if index < len(lines) - 1:
                assert line[-1] not in NO_END, (text, lines)
        for word in WORDS:
            if word in text:
                assert any(word in line for line in lines), (word, lines)


def test_a_word_wider_than_the_box_is_split_rather_than_overflowing(face):
    block = fit_text(
        "Pneumonoultramicroscopicsilicovolcanoconiosis", face, (300, 1000), 40, max_lines=9
    )
    assert len(block.lines) > 1 and all(line.ink[1] <= 300 for line in block.lines)


def test_shrinks_before_wrapping_past_max_lines(face):
    text = "心血管内科党支部开展主题党日活动"
    roomy = fit_text(text, face, (2000, 200), 60, 30, max_lines=1)
    tight = fit_text(text, face, (700, 200), 60, 30, max_lines=1)
    assert roomy.size == 60 and tight.size < 60 and len(tight.lines) == 1
    assert tight.width <= 700 and not tight.truncated


def test_truncates_with_an_ellipsis_at_a_glyph_boundary(face):
    text = "关于开展“不忘初心、牢记使命”主题教育暨2026年度第3期WiFi全覆盖工程推进会的报道"
    block = fit_text(text, face, (500, 140), 60, 40, max_lines=2)
    lines = lines_of(block)
    assert block.truncated and block.size == 40 and len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    kept = "".join(lines)[: -len(ELLIPSIS)]
    assert text.startswith(kept) and kept[-1] not in "，、“（"


def test_nothing_fits_returns_none(face):
    assert fit_text("标题", face, (500, 10), 60, 40) is None


LAYOUT = """
canvas: [800, 600]
layers:
  - {type: background, fill: "#FFFFFF"}
  - type: text
    text: "{title}"
    box: [100, 150, 400, 130]
    size: 64
    min_size: 36
    max_lines: 2
    font: serif
    bold: true
    align: ALIGN
    valign: VALIGN
    color: "#000000"
"""


@pytest.mark.parametrize(
    ("align", "valign"), [("left", "top"), ("center", "middle"), ("right", "bottom")]
)
def test_long_title_stays_inside_its_box(tmp_path: Path, align: str, valign: str):
    path = tmp_path / "layout.yaml"
    path.write_text(LAYOUT.replace("ALIGN", align, 1).replace("VALIGN", valign), "utf-8")
    layout = load_layout(path, "layout.yaml")
    title = "心血管内科党支部“守护每一颗心”（第12期）gWiFi义诊进社区暨2026年健康宣教活动圆满结束，群众纷纷点赞"
    content = PosterContent("r.md", {"title": title}, {}, (), {}, "https://example.org/")
    poster = render_poster(layout, content, find_fonts(), tmp_path).poster
    ink = ImageChops.difference(poster, Image.new("RGB", poster.size, "white")).getbbox()
    assert ink is not None
    left, top, right, bottom = ink
    assert left >= 100 and right <= 500 and top >= 150 and bottom <= 280, ink
    assert right - left > 300  # the text really fills the box, it was not just dropped


# The audit's examples: the per-character break split a word although one ended nearby.
MEDIC = "医技党支部“精准之光”志愿服务队走进东湖街道新时代文明实践站开展急救知识培训"
WORD_CASES = [
    # (title, box, size, min_size, words that must stay on one line)
    ("急诊医学科党支部8月主题党日：弘扬崇高职业精神 庆祝中国医师节", (328, 126), 32, 24, ["职业"]),
    ("离退休党支部“银辉”志愿服务队走进金桥社区开展健康科普讲座", (328, 126), 32, 24, ["社区"]),
    (MEDIC, (916, 250), 62, 44, ["志愿"]),
    (MEDIC, (400, 130), 32, 24, ["志愿"]),
    # Too long even at the smallest size: the lines kept before the ellipsis end on words.
    ("护理第一党支部5月主题党日：弘扬南丁格尔精神 守护生命健康", (360, 252), 62, 44, ["弘扬"]),
]


@pytest.mark.parametrize(("text", "box", "size", "min_size", "words"), WORD_CASES)
def test_lines_break_between_words_when_one_is_near(face, text, box, size, min_size, words):
    block = fit_text(text, face, box, size, min_size, max_lines=3, line_height=1.3)
    lines = lines_of(block)
    assert len(lines) <= 3 and block.size >= min_size
    assert block.width <= box[0] and block.height <= box[1]
    shown = "".join(lines)
    assert text.replace(" ", "").startswith(shown.removesuffix(ELLIPSIS))
    assert block.truncated == shown.endswith(ELLIPSIS)
    for word in words:
        assert any(word in line for line in lines), (word, lines)


def test_words_never_push_text_out_of_its_box_or_past_its_lines(face):
    rng = random.Random(11)
    for _ in range(60):
        text = random_title(rng)
        width = rng.randint(260, 700)
        block = fit_text(text, face, (width, 170), 48, 30, max_lines=3, line_height=1.3)
        if block is None:
            continue
        assert len(block.lines) <= 3 and block.height <= 170
        assert all(line.ink[1] <= width and line.ink[0] >= 0 for line in block.lines)
