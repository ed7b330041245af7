"""`pbsite new`: a scaffold that lists every field and passes `pbsite check` as written."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PIL import Image

from generator.authoring.fields import FIELD_HELP
from generator.cli import new as new_command
from generator.model import load_project
from generator.model.report import BODY_PLACEHOLDER, REPORT_KEYS
from tests.authoring.conftest import pbsite
from tests.conftest import TODAY, add_site_files

THEME_DAY = "content/reports/cardiology/2026/2026-03-05-sanyue-zhuti-dangri.md"
FLAGS = ["--branch", "cardiology", "--type", "theme_day", "--date", "2026-03-05"]


TEMPLATE_WARNING = (
    "警告：正文还是 `pbsite new` 生成的模板文字“（请在这里写正文…）”，不改就会原样发布。"
    "请把这一行换成活动的正文：活动经过、主要内容和成效"
)


def front_matter(text: str) -> list[str]:
    return text.split("---\n")[1].splitlines()


def placeholder_line(root, report: str = THEME_DAY) -> int:
    lines = (root / report).read_text(encoding="utf-8").splitlines()
    return lines.index(BODY_PLACEHOLDER) + 1


def test_the_template_body_is_flagged_until_the_body_is_written(make_project):
    root = make_project()
    assert pbsite(root, "new", *FLAGS, "--title", "三月主题党日").exit_code == 0
    warned = pbsite(root, "check")
    assert warned.stderr.splitlines() == [
        f"{THEME_DAY}:{placeholder_line(root)}: {TEMPLATE_WARNING}"
    ]
    file = root / THEME_DAY
    file.write_text(
        file.read_text(encoding="utf-8").replace(BODY_PLACEHOLDER, "支部党员重温入党誓词。"),
        encoding="utf-8",
    )
    written = pbsite(root, "check")
    assert written.exit_code == 0 and written.stderr == ""
    assert written.stdout.strip() == "共 1 篇报道，其中 0 篇有问题"


def test_new_check_build_round_trip(make_project):
    root = make_project()
    add_site_files(root)
    assert pbsite(root, "new", *FLAGS, "--title", "三月主题党日").exit_code == 0
    file = root / THEME_DAY
    file.write_text(
        file.read_text(encoding="utf-8").replace(BODY_PLACEHOLDER, "支部党员重温入党誓词。"),
        encoding="utf-8",
    )
    check = pbsite(root, "check")
    assert check.exit_code == 0 and check.stderr == "", check.output
    build = pbsite(root, "build")
    assert build.exit_code == 0, build.output
    assert "（1 篇公开报道）" in build.stdout
    page = root / "site/reports/cardiology/2026-03-05-sanyue-zhuti-dangri/index.html"
    html = page.read_text(encoding="utf-8")
    assert "三月主题党日" in html and "支部党员重温入党誓词。" in html


def branch_comment(root, report: str) -> str:
    lines = front_matter((root / report).read_text(encoding="utf-8"))
    return next(line for line in lines if line.startswith("支部:"))


OTHER_BRANCHES = """\
organization:
  name: 测试医院党委
  site_url: https://example.org/dangjian/
branches:
  - {id: eye, name: 眼科党支部, members: 8}
  - {id: pharmacy, name: 药剂科党支部}
  - {id: lab, name: 检验科党支部}
"""


@pytest.mark.parametrize(
    ("config", "example"),
    [
        (OTHER_BRANCHES, "[眼科党支部, 药剂科党支部]"),
        (OTHER_BRANCHES.split("  - {id: pharmacy")[0], "[眼科党支部, 支部乙全称]"),
    ],
    ids=["from-config", "one-branch"],
)
def test_joint_branch_example_comes_from_the_config(make_project, config, example):
    root = make_project(config=config)
    result = pbsite(root, "new", "--branch", "eye", "--type", "study", "--title", "专题学习")
    assert result.exit_code == 0, result.output
    report = "content/reports/eye/2026/2026-11-22-zhuantixuexi.md"
    comment = branch_comment(root, report)
    assert comment.endswith(f"# 必填。支部全称或 id；联建活动写成 {example}")
    assert "心血管内科" not in (root / report).read_text(encoding="utf-8")


def test_every_field_is_described_once():
    assert list(FIELD_HELP) == list(REPORT_KEYS)


def test_new_check_and_load_round_trip(make_project):
    root = make_project()
    result = pbsite(root, "new", *FLAGS, "--title", "三月主题党日")
    assert result.exit_code == 0, result.output
    assert f"已生成：{THEME_DAY}" in result.stdout and "检查通过" in result.stdout
    assert "应到、实到已按支部党员数 20 人预填" in result.stdout
    check = pbsite(root, "check")
    # It passes; the only remark is that the body is still the template text.
    assert check.exit_code == 0
    assert check.stderr.splitlines() == [
        f"{THEME_DAY}:{placeholder_line(root)}: {TEMPLATE_WARNING}"
    ]
    assert check.stdout.strip() == "共 1 篇报道，其中 0 篇有问题；另有 1 条警告"
    report = load_project(root, today=TODAY).reports[0]
    assert (report.title, report.date, report.branches, report.type) == (
        "三月主题党日",
        dt.date(2026, 3, 5),
        ("cardiology",),
        "theme_day",
    )
    assert (report.attendance.expected, report.attendance.present) == (20, 20)
    assert report.visibility == "public" and not report.draft and report.photos == ()


def test_every_field_is_present_with_a_comment_and_required_ones_are_marked(make_project):
    root = make_project()
    pbsite(root, "new", *FLAGS, "--title", "三月主题党日")
    lines = front_matter((root / THEME_DAY).read_text(encoding="utf-8"))
    keys = {line.split(":")[0]: line for line in lines if re.match(r"^[^\s#]", line)}
    assert list(keys) == list(REPORT_KEYS.values())
    for key, line in keys.items():
        assert "  # " in line, line
        marked = "# 必填。" if key in ("标题", "日期", "支部", "类型", "出勤") else "# 选填。"
        assert marked in line, line


def test_optional_blocks_validate_once_uncommented_as_their_comment_says(make_project):
    root = make_project()
    result = pbsite(
        root, "new", "--branch", "护理党支部", "--type", "志愿服务", "--title", "社区义诊"
    )
    assert result.exit_code == 0, result.output
    file = root / "content/reports/nursing/2026/2026-11-22-shequ-yizhen.md"
    text = file.read_text(encoding="utf-8")
    assert re.search(r"^出勤:  # 选填。", text, re.M)
    folder = file.with_suffix("")
    folder.mkdir()
    for name in ("01.jpg", "02.jpg"):
        Image.new("RGB", (8, 6)).save(folder / name)
    file.write_text(re.sub(r"^#(  )", r"\1", text, flags=re.M), encoding="utf-8")
    assert pbsite(root, "check").exit_code == 0
    report = load_project(root, today=TODAY).reports[0]
    assert report.attendance.expected == 1 and len(report.photos) == 2
    assert report.photos[1].caption == "重温入党誓词"


def test_attendance_from_flags(make_project):
    root = make_project()
    result = pbsite(
        root, "new", *FLAGS, "--title", "三月主题党日",
        "--expected", "10", "--present", "8", "--absent", "王芳（病假）、李明（出差）",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    attendance = load_project(root, today=TODAY).reports[0].attendance
    assert (attendance.expected, attendance.present) == (10, 8)
    assert [(a.name, a.reason) for a in attendance.absent] == [("王芳", "病假"), ("李明", "出差")]


def test_questions_on_a_terminal(make_project, monkeypatch):
    monkeypatch.setattr(new_command, "_interactive", lambda: True)
    root = make_project()
    answers = [
        "9",
        "huli",
        "2",
        "主题党日",
        "2026/3/5",
        "",
        "三月主题党日",
        "10",
        "9",
        "王芳",
        "王芳（病假）",
    ]
    result = pbsite(root, "new", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "   1. 心血管内科党支部（cardiology）" in result.stdout
    assert "主题党日（要记录出勤）" in result.stdout
    assert "“9”不在列表中，请输入编号。" in result.output
    assert "“huli”不在列表中，请输入编号。您是不是要写：" in result.output
    assert "请写成“姓名（原因）”" in result.output
    report = load_project(root, today=TODAY).reports[0]
    assert report.branches == ("nursing",) and report.type == "theme_day"
    assert report.date == dt.date(2026, 3, 5)
    assert report.attendance.absent[0].reason == "病假"


def test_without_a_terminal_missing_flags_are_named(make_project):
    result = pbsite(make_project(), "new", "--branch", "cardiology")
    assert result.exit_code == 1
    assert "缺少 --type、--title" in result.stderr


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (
            ["--branch", "xinxueguan"],
            "支部“xinxueguan”不在 site_config.yaml 的支部列表中。您是不是要写：心血管内科党支部？",
        ),
        (["--type", "dangri"], "活动类型“dangri”不在配置的类型中。您是不是要写："),
        (["--date", "2026-12-01"], "2026-12-01 在今天（2026-11-22）之后"),
        (["--date", "2026-02-30"], "不存在"),
        (["--title", "党" * 65], "标题最多 64 个字"),
    ],
)
def test_bad_flags_are_refused_in_chinese(make_project, flags, words):
    given = dict(zip(FLAGS[::2], FLAGS[1::2], strict=True)) | {"--title": "标题"}
    given |= dict(zip(flags[::2], flags[1::2], strict=True))
    result = pbsite(make_project(), "new", *[part for pair in given.items() for part in pair])
    assert result.exit_code == 1 and words in result.stderr


def test_an_existing_report_is_never_overwritten(make_project):
    root = make_project()
    for _ in range(2):
        assert pbsite(root, "new", *FLAGS, "--title", "三月主题党日").exit_code == 0
    assert (root / THEME_DAY.replace(".md", "-2.md")).is_file()
    assert pbsite(root, "check").stdout.strip() == "共 2 篇报道，其中 0 篇有问题；另有 2 条警告"
