"""Report rules from spec §1, each checked through a real file on disk."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image

from generator.model import load_project
from tests.conftest import TODAY, report_text

MEETING = """\
title: 主题党日活动
date: 2026-03-05
branch: cardiology
type: theme_day
attendance:
  expected: 10
  present: 9
  absent: [王芳（病假）]
"""


def load_one(make_project, front_matter: str, body: str = "正文。", files: dict | None = None):
    root = make_project({"cardiology/2026/r.md": report_text(front_matter, body)})
    for name, size in (files or {}).items():
        path = root / "content" / "reports" / "cardiology" / "2026" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, "red").save(path)
    project = load_project(root, today=TODAY)
    errors = [str(p) for p in project.errors]
    return (
        (project.reports[0] if project.reports else None),
        errors,
        [str(w) for w in project.warnings],
    )


def test_valid_report(make_project):
    report, errors, warnings = load_one(make_project, MEETING)
    assert errors == [] and warnings == []
    assert report.path == "content/reports/cardiology/2026/r.md"
    assert report.date == dt.date(2026, 3, 5) and report.branches == ("cardiology",)
    assert (
        report.attendance.absent[0].name == "王芳" and report.attendance.absent[0].reason == "病假"
    )
    assert report.summary == "正文。" and report.is_public
    assert report.url == "reports/cardiology/2026-03-05-zhuti-dangri-huodong/"


def test_chinese_aliases_mean_the_same(make_project):
    report, errors, _ = load_one(
        make_project,
        """\
标题: 主题党日活动
日期: 2026-03-05 14:30
支部: 心血管内科党支部
类型: 主题党日
出勤: {应到: 3, 实到: 2, 缺席: [{姓名: 王芳, 原因: 出差}]}
公开范围: 内部
草稿: false
""",
    )
    assert errors == []
    assert (
        report.time == dt.time(14, 30) and report.visibility == "internal" and not report.is_public
    )
    assert report.url is None


def test_both_names_of_one_key_is_an_error(make_project):
    _, errors, _ = load_one(make_project, MEETING + "标题: 另一个标题\n")
    assert errors == [
        "content/reports/cardiology/2026/r.md:10: `title`（标题） 写了两次（`title` 和 `标题` 是同一项），请删掉其中一个"
    ]


@pytest.mark.parametrize("missing", ["title", "date", "branch", "type"])
def test_required_keys(make_project, missing):
    text = "\n".join(line for line in MEETING.splitlines() if not line.startswith(missing))
    _, errors, _ = load_one(make_project, text)
    assert len(errors) == 1 and f"`{missing}`" in errors[0] and "缺少必填项" in errors[0]


def test_title_at_most_64_characters(make_project):
    _, errors, _ = load_one(make_project, MEETING.replace("主题党日活动", "党" * 65))
    assert errors == [
        "content/reports/cardiology/2026/r.md:2: `title`（标题） 最多 64 个字，现在有 65 个字，请精简"
    ]


def test_future_date_is_rejected(make_project):
    _, errors, _ = load_one(make_project, MEETING.replace("2026-03-05", "2026-12-01"))
    assert (
        len(errors) == 1
        and errors[0].startswith("content/reports/cardiology/2026/r.md:3:")
        and "之后" in errors[0]
    )


def test_joint_report_lists_each_branch(make_project):
    report, errors, _ = load_one(
        make_project, MEETING.replace("branch: cardiology", "branch: [cardiology, 护理党支部]")
    )
    assert errors == [] and report.branches == ("cardiology", "nursing")


def test_type_by_id_name_or_alias(make_project):
    for spelling in ("general_meeting", "支部党员大会", "党员大会"):
        report, errors, _ = load_one(
            make_project, MEETING.replace("type: theme_day", f"type: {spelling}")
        )
        assert errors == [] and report.type == "general_meeting"


def test_attendance_required_for_types_that_need_it(make_project):
    text = MEETING.split("attendance:")[0]
    _, errors, _ = load_one(make_project, text)
    assert len(errors) == 1 and "`attendance`（出勤）" in errors[0]
    report, errors, _ = load_one(make_project, text.replace("theme_day", "volunteer"))
    assert errors == [] and report.attendance is None


def test_absentees_must_match_and_give_reasons(make_project):
    _, errors, _ = load_one(make_project, MEETING.replace("present: 9", "present: 8"))
    assert len(errors) == 1 and "缺席应为 2 人" in errors[0] and ":9:" in errors[0]
    _, errors, _ = load_one(make_project, MEETING.replace("王芳（病假）", "王芳"))
    assert len(errors) == 1 and "没有写原因" in errors[0]
    _, errors, _ = load_one(make_project, MEETING.replace("present: 9", "present: 11"))
    assert len(errors) == 1 and "大于应到" in errors[0]


def test_photos_cover_and_captions(make_project):
    text = (
        MEETING
        + "photos:\n  - r/01.jpg\n  - {src: r/02.jpg, caption: 重温入党誓词}\ncover: r/02.jpg\n"
    )
    report, errors, _ = load_one(
        make_project, text, files={"r/01.jpg": (40, 30), "r/02.jpg": (40, 30)}
    )
    assert errors == []
    assert [p.src for p in report.photos] == [
        "content/reports/cardiology/2026/r/01.jpg",
        "content/reports/cardiology/2026/r/02.jpg",
    ]
    assert report.cover.caption == "重温入党誓词"
    report, _, _ = load_one(
        make_project, MEETING + "photos: [r/01.jpg]\n", files={"r/01.jpg": (4, 3)}
    )
    assert report.cover == report.photos[0]


def test_photos_must_stay_inside_content(make_project):
    _, errors, _ = load_one(make_project, MEETING + "photos: [../../../../outside.jpg]\n")
    assert len(errors) == 1 and "content/ 目录之外" in errors[0]


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("volunteer_hours", "0", "必须大于 0"),
        ("served", "-1", "不能小于 0"),
        ("visibility", "secret", "`public`"),
        ("draft", "maybe", "true"),
        ("submitted", "2026-03-01", "早于活动日期"),
    ],
)
def test_optional_fields_are_typed(make_project, key, value, words):
    _, errors, _ = load_one(make_project, MEETING + f"{key}: {value}\n")
    assert (
        len(errors) == 1
        and words in errors[0]
        and errors[0].startswith("content/reports/cardiology/2026/r.md:10:")
    )


def test_drafts_are_loaded_but_not_public(make_project):
    report, errors, _ = load_one(make_project, MEETING + "draft: true\n")
    assert errors == [] and report.draft and not report.is_public


def test_gbk_file_is_rejected_naming_the_encoding(make_project):
    root = make_project()
    path = root / "content" / "reports" / "gbk.md"
    path.write_bytes(
        report_text(MEETING, "这是用记事本保存的中文正文，编码为国标扩展。" * 5).encode("gb18030")
    )
    errors = [str(p) for p in load_project(root, today=TODAY).errors]
    assert (
        len(errors) == 1
        and errors[0].startswith("content/reports/gbk.md:1:")
        and "GBK" in errors[0]
        and "UTF-8" in errors[0]
    )


def test_bom_and_crlf_are_accepted(make_project):
    root = make_project()
    path = root / "content" / "reports" / "crlf.md"
    path.write_bytes(b"\xef\xbb\xbf" + report_text(MEETING).replace("\n", "\r\n").encode("utf-8"))
    project = load_project(root, today=TODAY)
    assert project.errors == [] and project.reports[0].title == "主题党日活动"


def test_summary_is_prose_without_the_code_of_raw_html():
    from generator.model.report import first_paragraph

    body = "正文<script>alert('x')</script><b>加粗</b><style>p {color: red}</style>结束"
    assert first_paragraph(body) == "正文加粗结束"
    assert first_paragraph("<script>steal()") == ""
