"""`pbsite import`: Word reports built here with python-docx become reports that pass check."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from PIL import Image

from generator.model import load_project
from tests.authoring.conftest import pbsite
from tests.conftest import TODAY

TARGET = "content/reports/cardiology/2026/2026-03-05-xinxueguan-neike-dangzhibu-sanyue-zhuti-dangri"


def picture(colour: str, kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, kind)
    return out.getvalue()


def word_report(path: Path) -> Path:
    """A report as secretaries write it: a header of labelled lines, then the story."""
    document = docx.Document()
    document.add_paragraph("心血管内科党支部三月主题党日活动", style="Title")
    for line in (
        "时间：2026年3月5日（星期四）下午2:30",
        "地点：门诊楼三楼会议室",
        "主持人：张三",
        "记录人：李四",
        "参加人员：全体党员",
        "应到10人，实到8人，缺席：王芳（病假）、李明（出差）",
    ):
        document.add_paragraph(line)
    document.add_heading("一、学习内容", level=1)
    paragraph = document.add_paragraph("支部党员集中学习了")
    paragraph.add_run("重点文件").bold = True
    paragraph.add_run("，并交流了体会。")
    document.add_paragraph("重温入党誓词", style="List Bullet")
    document.add_paragraph("开展义诊服务", style="List Bullet")
    document.add_paragraph("会前准备", style="List Number")
    document.add_paragraph("会后总结", style="List Number")
    document.add_picture(io.BytesIO(picture("red")))
    document.add_picture(io.BytesIO(picture("red")))  # the same photo twice is kept once
    document.add_picture(io.BytesIO(picture("blue", "GIF")))
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows, [("项目", "人次"), ("义诊", "120"), ("健康讲座", "60")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("会议指出：要把学习成果转化为服务患者的实际行动。")
    document.save(path)
    return path


@pytest.fixture
def imported(make_project, tmp_path_factory):
    root = make_project()
    source = word_report(tmp_path_factory.mktemp("word") / "三月主题党日.docx")
    result = pbsite(
        root, "import", str(source), "--branch", "心血管内科党支部", "--type", "主题党日"
    )
    return root, result


def test_import_fills_the_front_matter_and_passes_check(imported):
    root, result = imported
    assert result.exit_code == 0, result.output
    assert f"已导入：{TARGET}.md" in result.stdout
    assert (
        "  日期：2026-03-05 14:30" in result.stdout and "  地点：门诊楼三楼会议室" in result.stdout
    )
    assert "  出勤：应到 10 人，实到 8 人，缺席 2 人" in result.stdout
    assert f"  照片：2 张，保存在 {TARGET}/" in result.stdout
    assert "“参加人员：全体党员”：没有对应的报道项，已保留在正文中" in result.stdout
    assert "会议指出" not in result.stdout  # a sentence after a colon is prose, not a label
    assert "检查通过" in result.stdout
    assert pbsite(root, "check").stdout.strip() == "共 1 篇报道，其中 0 篇有问题"
    report = load_project(root, today=TODAY).reports[0]
    assert report.title == "心血管内科党支部三月主题党日活动"
    assert (report.date, report.time) == (dt.date(2026, 3, 5), dt.time(14, 30))
    assert (report.host, report.recorder, report.location) == ("张三", "李四", "门诊楼三楼会议室")
    assert (report.attendance.expected, report.attendance.present) == (10, 8)
    assert [(a.name, a.reason) for a in report.attendance.absent] == [
        ("王芳", "病假"),
        ("李明", "出差"),
    ]


def test_embedded_images_become_photos_next_to_the_report(imported):
    root, _ = imported
    report = load_project(root, today=TODAY).reports[0]
    assert [p.src for p in report.photos] == [f"{TARGET}/01.png", f"{TARGET}/02.png"]
    assert (root / report.photos[0].src).read_bytes() == picture("red")
    with Image.open(root / report.photos[1].src) as gif_as_png:
        assert gif_as_png.format == "PNG" and gif_as_png.getpixel((0, 0)) == (0, 0, 255)


def test_body_keeps_headings_lists_tables_and_unmapped_lines(imported):
    root, _ = imported
    body = load_project(root, today=TODAY).reports[0].body
    assert "## 一、学习内容" in body
    assert "支部党员集中学习了**重点文件**，并交流了体会。" in body
    assert "- 重温入党誓词\n- 开展义诊服务" in body
    assert "开展义诊服务\n\n1. 会前准备\n1. 会后总结" in body
    assert "| 项目 | 人次 |\n| --- | --- |\n| 义诊 | 120 |\n| 健康讲座 | 60 |" in body
    assert "参加人员：全体党员" in body and "会议指出：要把学习成果" in body
    # Mapped lines leave the body; absentee names must never be published.
    for gone in ("时间：", "主持人：", "王芳", "心血管内科党支部三月主题党日活动"):
        assert gone not in body


def test_a_form_table_header_fills_the_front_matter(make_project, tmp_path):
    document = docx.Document()
    document.add_paragraph("护理党支部党员大会")
    form = document.add_table(rows=2, cols=4)
    for row, cells in zip(
        form.rows,
        [("时间", "2026.4.8", "地点", "护理部"), ("应到人数", "6", "实到人数", "6")],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("会议选举产生了新一届支部委员会。")
    source = tmp_path / "form.docx"
    document.save(source)
    root = make_project()
    result = pbsite(root, "import", str(source), "--branch", "nursing", "--type", "general_meeting")
    assert result.exit_code == 0, result.output
    report = load_project(root, today=TODAY).reports[0]
    assert report.date == dt.date(2026, 4, 8) and report.location == "护理部"
    assert (report.attendance.expected, report.attendance.present) == (6, 6)
    assert report.body == "会议选举产生了新一届支部委员会。"


def test_flags_override_the_document(make_project, tmp_path):
    root = make_project()
    source = word_report(tmp_path / "r.docx")
    result = pbsite(
        root, "import", str(source), "--branch", "cardiology", "--type", "theme_day",
        "--date", "2026年3月6日", "--title", "三月主题党日",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = load_project(root, today=TODAY).reports[0]
    assert (report.title, report.date, report.time) == ("三月主题党日", dt.date(2026, 3, 6), None)


def test_missing_numbers_are_prefilled_and_listed(make_project, tmp_path):
    document = docx.Document()
    document.add_paragraph("缺席人员：王芳（病假）")  # first, yet not mistaken for the title
    document.add_paragraph("三月党小组会")
    document.add_paragraph("日期：2026-03-10")
    document.add_paragraph("学习了新修订的条例。")
    document.save(tmp_path / "g.docx")
    root = make_project()
    result = pbsite(
        root, "import", str(tmp_path / "g.docx"), "--branch", "cardiology", "--type", "党小组会"
    )
    assert result.exit_code == 0, result.output
    assert "没有找到应到、实到人数，已按 20 人预填，请核对“出勤”" in result.stdout
    report = load_project(root, today=TODAY).reports[0]
    assert report.title == "三月党小组会" and report.body == "学习了新修订的条例。"
    attendance = report.attendance
    assert (attendance.expected, attendance.present, len(attendance.absent)) == (20, 19, 1)


@pytest.mark.parametrize(
    ("name", "content", "flags", "words"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0", [], "不是 .docx 文件"),
        ("broken.docx", b"not a zip", [], "打不开"),
        ("r.docx", None, ["--type", "theme_day"], "请用 --branch 写明支部"),
        ("r.docx", None, ["--branch", "cardiology", "--type", "dangke"], "您是不是要写：党课"),
    ],
)
def test_unusable_input_is_refused_in_chinese(make_project, tmp_path, name, content, flags, words):
    source = tmp_path / name
    if content is None:
        word_report(source)
    else:
        source.write_bytes(content)
    flags = flags or ["--branch", "cardiology", "--type", "theme_day"]
    result = pbsite(make_project(), "import", str(source), *flags)
    assert result.exit_code == 1 and words in result.stderr


def test_a_document_without_a_date_asks_for_one(make_project, tmp_path):
    document = docx.Document()
    document.add_paragraph("学习会")
    document.add_paragraph("时间：三月上旬")
    document.save(tmp_path / "d.docx")
    result = pbsite(
        make_project(),
        "import",
        str(tmp_path / "d.docx"),
        "--branch",
        "cardiology",
        "--type",
        "study",
    )
    assert result.exit_code == 1 and "请用 --date 指定" in result.stderr
