"""A long report split into parts: where the parts break, and each part's own metadata."""

from __future__ import annotations

import itertools
import json

from bs4 import BeautifulSoup

from generator.wechat.article import CONTINUED, MAX_HTML_CHARS, TITLE_MAX
from generator.wechat.settings import WechatSettings
from generator.wechat.split import BLOCK_SEPARATOR, bind, pack
from generator.wechat.styles import HouseStyle
from tests.conftest import report_text

from .conftest import soup_of

FILE = "cardiology/2026/2026-11-21-parts.md"
PHOTO = "2026-11-20-theme-day/01.jpg"
# 41 characters, as in the demo: the title and its part titles must be shortened.
# Sizes at which, packed greedily, a part would end with a heading / a photo without its caption.
SECTIONS = 60
PHOTOS = 90
JOINT_TITLE = (
    "心血管内科党支部与护理党支部联合开展“重温入党誓词 永葆初心本色”主题党日活动之学习交流"
)


def sectioned(count: int) -> str:
    """The audit's report: "第N部分" headings, each over one paragraph of varying length."""
    sections = []
    for n in range(1, count + 1):
        paragraph = f"第{n}部分正文：" + "支部党员结合岗位实际交流学习体会，" * (6 + n % 7) + "。"
        sections.append(f"## 第{n}部分\n\n{paragraph}")
    return "\n\n".join(sections)


def with_captions(count: int) -> str:
    """Photos whose captions were written as the paragraph under them, not as alt text."""
    units = []
    for n in range(1, count + 1):
        text = f"第{n}段：" + "党员志愿者走进社区开展义诊宣教，" * (3 + n % 7) + "。"
        units.append(f"{text}\n\n![]({PHOTO})\n\n图为第{n}组党员志愿者在社区义诊")
    return "\n\n".join(units)


def parts_report(
    body: str, title: str = "心血管内科党支部开展专题学习", branch: str = "cardiology"
):
    return report_text(
        f"""
        title: {title}
        date: 2026-11-21
        branch: {branch}
        type: 专题学习
        summary: 支部开展专题学习。
        """,
        body=body,
    )


def blocks_of(folder, name: str) -> list:
    """The top-level blocks of a part, without the 接上一篇 / 未完 notes."""
    content = soup_of(folder / name).body.section
    notes = {CONTINUED, "（接上一篇）"}
    return [b for b in content.find_all(recursive=False) if b.get_text() not in notes]


def is_heading(block) -> bool:
    return block.get_text().startswith("第") and block.get_text().endswith("部分")


def test_no_part_ends_with_a_heading(project_with, export):
    done = export(project_with({FILE: parts_report(sectioned(SECTIONS))}), FILE)
    names = done.article.part_names
    assert len(names) > 1
    for name in names:
        blocks = blocks_of(done.folder, name)
        assert not is_heading(blocks[-1]), f"{name} ends with “{blocks[-1].get_text()}”"
        for block, after in itertools.pairwise(blocks):
            if is_heading(block):  # each heading is in the same part as its paragraph
                assert after.get_text().startswith(block.get_text() + "正文")
    text = "".join(soup_of(done.folder / n).get_text() for n in names)
    positions = [text.index(f"第{n}部分正文") for n in range(1, SECTIONS + 1)]
    assert positions == sorted(positions)  # nothing lost or repeated


def test_a_caption_under_a_photo_stays_with_it(project_with, export):
    done = export(project_with({FILE: parts_report(with_captions(PHOTOS))}), FILE)
    names = done.article.part_names
    assert len(names) > 1
    for name in names:
        blocks = blocks_of(done.folder, name)
        for block, after in zip(blocks, [*blocks[1:], None], strict=True):
            if block.img is not None:  # the captionless photo: its caption follows, same part
                assert after is not None, f"{name} ends with a photo whose caption is in the next"
                assert after.get_text().startswith("图为")


def test_bind_keeps_a_heading_with_the_next_block():
    soup = BeautifulSoup("", "html.parser")
    style = HouseStyle(WechatSettings())
    paragraph = style.text(soup, "p", "段" * 400, "")
    heading = style.text(soup, "section", "小标题", style.subheading)
    blocks = [paragraph, heading, paragraph]
    budget = len(str(paragraph)) + len(str(heading)) + 1  # the first two fit, not all three
    pieces, broken = bind(blocks, budget, [False, True, False], BLOCK_SEPARATOR)
    groups = pack(pieces, budget, BLOCK_SEPARATOR)
    assert [len(g) for g in groups] == [1, 1]
    assert groups[1][0].startswith(str(heading))
    assert broken == []


def test_bind_breaks_the_next_block_when_both_would_not_fit():
    soup = BeautifulSoup("", "html.parser")
    heading = soup.new_tag("section")
    heading.string = "小标题"
    paragraph = soup.new_tag("p")
    paragraph.string = "第一句。第二句。第三句。" * 4
    budget = len(str(paragraph)) + 1  # the paragraph alone fits, but not under its heading
    pieces, broken = bind([heading, paragraph], budget, [True, False])
    assert all(len(piece) <= budget for piece in pieces)
    assert pieces[0].startswith(str(heading)) and broken == [2]


def test_each_part_has_its_own_metadata(project_with, export):
    project = project_with(
        {FILE: parts_report(sectioned(150), JOINT_TITLE, "[cardiology, nursing]")}
    )
    done = export(project, FILE)
    meta = json.loads((done.folder / "meta.json").read_text("utf-8"))
    parts = meta["parts"]
    assert [p["content"] for p in parts] == meta["content"] and len(parts) > 2
    # Part 1 keeps the top-level fields exactly; the others are numbered after it.
    first = {key: meta[key] for key in ("title", "author", "digest", "content_source_url")}
    assert {key: parts[0][key] for key in first} == first
    assert parts[1]["title"].endswith("（二）") and parts[2]["title"].endswith("（三）")
    assert len({p["title"] for p in parts}) == len(parts)
    for part in parts:
        assert len(part["title"]) <= TITLE_MAX
        assert part["author"] == meta["author"] and part["digest"] == meta["digest"]
        html = (done.folder / part["content"]).read_text("utf-8")
        assert len(html) < MAX_HTML_CHARS  # with its own, longer title
        page = soup_of(done.folder / part["content"])
        assert page.title.get_text() == part["title"]
        assert part["images"] == [img["src"] for img in page.find_all("img")]
    assert [i for p in parts for i in p["images"]] == meta["images"]
    assert parts[1]["title"] in next(w for w in done.warnings if "正文超长" in w)
    preview = soup_of(done.folder / "preview.html")
    assert [h.get_text() for h in preview.select(".wx-title")] == [p["title"] for p in parts]


def test_a_short_article_is_one_part_with_the_top_level_metadata(project_with, export):
    done = export(project_with())
    meta = json.loads((done.folder / "meta.json").read_text("utf-8"))
    [part] = meta["parts"]
    assert part["title"] == meta["title"] and part["content"] == "article.html"
    assert part["images"] == meta["images"]
