"""meta.json's title and author for joint reports: shortened without losing what happened."""

from __future__ import annotations

import json

import pytest

from tests.conftest import BASE_CONFIG, report_text

FILE = "cardiology/2026/2026-06-26-joint.md"
# BASE_CONFIG's branches plus the demo's 护理第一党支部.
CONFIG = BASE_CONFIG + (
    "  - id: nursing-1\n"
    "    name: 护理第一党支部\n"
    "    brand: 白衣红心\n"
    "    secretaries:\n"
    "      - {name: 陈丽萍, from: 2024-03-01}\n"
)
DEMO_TITLE = "心血管内科党支部与护理第一党支部联合开展“重温入党誓词 永葆初心本色”主题党日活动"


def joint(branches: str, title: str = "联合开展主题党日活动") -> str:
    return report_text(
        f"""
        title: {title}
        date: 2026-06-26
        branch: {branches}
        type: 专题学习
        summary: 两个支部联合开展主题党日活动。
        """
    )


def meta_of(done) -> dict:
    return json.loads((done.folder / "meta.json").read_text("utf-8"))


def test_a_long_joint_title_keeps_the_activity(project_with, export):
    done = export(project_with({FILE: joint("[cardiology, nursing-1]", DEMO_TITLE)}, CONFIG), FILE)
    title = meta_of(done)["title"]
    assert title == "心守护与白衣红心联合开展“重温入党誓词 永葆初心本色”主题党日"
    message = next(w for w in done.warnings if "标题超长" in w)
    assert f"“{title}”" in message and "32" in message


@pytest.mark.parametrize(
    ("branches", "author"),
    [
        ("cardiology", "心血管内科党支部"),
        ("[cardiology, nursing]", "心血管内科党支部、护理党支部"),
        ("[cardiology, nursing-1]", "心血管内科党支部、护理第一党支部"),  # 16: just fits
        ("[cardiology, nursing-1, nursing]", "心血管内科、护理第一、护理党支部"),
        ("[nursing-1, cardiology, nursing]", "护理第一、心血管内科、护理党支部"),  # host first
    ],
)
def test_joint_reports_name_every_branch_in_the_author(project_with, export, branches, author):
    done = export(project_with({FILE: joint(branches)}, CONFIG), FILE)
    assert meta_of(done)["author"] == author
    assert len(author) <= 16
    assert not any("作者超长" in w for w in done.warnings)


def test_too_many_branches_for_16_characters(project_with, export):
    config = CONFIG + (
        "  - id: emergency\n    name: 急诊医学科党支部\n    brand: 急先锋\n"
        "    secretaries:\n      - {name: 赵志刚, from: 2023-09-01}\n"
    )
    branches = "[cardiology, nursing-1, emergency]"
    done = export(project_with({FILE: joint(branches)}, config), FILE)
    assert meta_of(done)["author"] == "心守护、白衣红心、急先锋"  # brands, before "…等"


def test_the_configured_author_wins_for_joint_reports(project_with, export):
    config = CONFIG + "wechat:\n  author: 测试医院党委宣传部\n"
    done = export(project_with({FILE: joint("[cardiology, nursing-1]")}, config), FILE)
    assert meta_of(done)["author"] == "测试医院党委宣传部"
