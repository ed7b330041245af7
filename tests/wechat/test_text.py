"""Shortening titles and digests at a boundary a reader would choose."""

from __future__ import annotations

import pytest

from generator.wechat.text import shorten


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
