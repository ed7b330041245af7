"""Shortening titles and digests at a boundary a reader would choose."""

from __future__ import annotations

import pytest

from generator.model import Branch
from generator.wechat.names import author_forms, numeral
from generator.wechat.text import shorten, shorten_title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支部开展主题党日活动", "支部开展主题党日活动"),
        # After a closing quote: the clause is complete.
        (
            "心血管内科党支部开展“庆祝建党105周年 重温入党誓词”主题党日活动",
            "心血管内科党支部开展“庆祝建党105周年 重温入党誓词”",
        ),
        # Never inside 《…》: the cut falls before the book title.
        (
            "叶峰为肿瘤科党支部讲授专题党课《学思践悟全会精神 争做新时代好医生》",
            "叶峰为肿瘤科党支部讲授专题党课",
        ),
        # No clause boundary late enough: between words, marked with an ellipsis.
        (
            "心血管内科党支部联合护理党支部开展学习贯彻党的二十届四中全会精神暨医德医风建设主题党日活动",
            "心血管内科党支部联合护理党支部开展学习贯彻党的二十届四中全会…",
        ),
    ],
)
def test_titles(text, expected):
    assert shorten(text, 32) == expected
    assert len(shorten(text, 32)) <= 32


def test_digest_ends_at_a_sentence():
    summary = "".join(f"第{n}句介绍支部活动的情况。" for n in range(1, 30))
    digest = shorten(summary, 128)
    assert len(digest) <= 128 and digest.endswith("。") and summary.startswith(digest)


DEMO_BRANCHES = [
    Branch("b", "心血管内科党支部", "心守护"),
    Branch("b", "护理第一党支部", "白衣红心"),
    Branch("b", "急诊医学科党支部", "急先锋"),
    Branch("b", "肿瘤科党支部"),
]
DEMO_TITLE = "心血管内科党支部与护理第一党支部联合开展“重温入党誓词 永葆初心本色”主题党日活动"


@pytest.mark.parametrize(
    ("title", "limit", "expected"),
    [
        # The demo's 41 characters: brands name the branches, the quoted activity stays whole,
        # and only the "活动" that adds nothing after "主题党日" goes.
        (DEMO_TITLE, 32, "心守护与白衣红心联合开展“重温入党誓词 永葆初心本色”主题党日"),
        # Room for less (a part's title, before "（二）"): the joint branches are counted.
        (DEMO_TITLE, 29, "两支部联合开展“重温入党誓词 永葆初心本色”主题党日活动"),
        # A shared "党支部" is written once when that is enough.
        (
            "心血管内科党支部与护理第一党支部联合开展“永葆初心本色”专题组织生活会",
            32,
            "心血管内科与护理第一党支部联合开展“永葆初心本色”专题组织生活会",
        ),
        # "联合" before a branch joins them; the verb stays when they are counted.
        (
            "急诊医学科党支部联合护理第一党支部开展“争分夺秒 护佑生命”应急救护技能培训演练活动",
            29,
            "两支部联合开展“争分夺秒 护佑生命”应急救护技能培训演练",
        ),
        # No branch opens the title: cut at a boundary as before, never inside 《…》.
        (
            "叶峰为肿瘤科党支部讲授专题党课《学思践悟全会精神 争做新时代好医生》",
            32,
            "叶峰为肿瘤科党支部讲授专题党课",
        ),
        # Even the briefest naming is too long: that one is cut after the quotation.
        (
            "心血管内科党支部开展“重温入党誓词 永葆初心本色”主题党日暨学习贯彻全会精神专题研讨交流",
            32,
            "心守护开展“重温入党誓词 永葆初心本色”",
        ),
    ],
)
def test_titles_name_their_branches_more_briefly_before_cutting(title, limit, expected):
    assert len(title) > limit
    assert shorten_title(title, limit, DEMO_BRANCHES) == expected
    assert len(expected) <= limit


def test_a_title_that_fits_is_kept():
    assert shorten_title("心血管内科党支部开展主题党日活动", 32, DEMO_BRANCHES) == (
        "心血管内科党支部开展主题党日活动"
    )


def test_author_forms_for_joint_activities():
    cardiology, nursing, emergency, oncology = DEMO_BRANCHES
    assert author_forms([cardiology]) == ["心血管内科党支部"]
    assert author_forms([cardiology, nursing]) == [
        "心血管内科党支部、护理第一党支部",
        "心血管内科、护理第一党支部",
        "心守护、白衣红心",
        "心血管内科党支部等",
    ]
    # A branch without a brand: no brand form.
    assert "心守护、肿瘤科党支部" not in author_forms([cardiology, oncology])
    assert (
        author_forms([cardiology, nursing, emergency])[1]
        == "心血管内科、护理第一、急诊医学科党支部"
    )


@pytest.mark.parametrize(
    ("number", "written"),
    [(1, "一"), (2, "二"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")],
)
def test_part_numerals(number, written):
    assert numeral(number) == written
