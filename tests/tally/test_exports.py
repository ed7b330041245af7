"""CSV, XLSX (read back with openpyxl, not the XlsxWriter that wrote it), HTML, build step."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from generator.model import load_project
from generator.paths import ProjectPaths
from generator.tally import (
    compute_tally,
    csv_bytes,
    office_page_html,
    write_csv,
    write_tally_exports,
    write_xlsx,
)

from .conftest import AFTER_2026, HANDOVER_REPORTS, config, report

SUMMARY_HEADERS = [
    "排名",
    "书记",
    "支部",
    "任期开始",
    "任期结束",
    "主题党日次数",
    "主题党日得分",
    "志愿服务次数",
    "志愿服务得分",
    "得分合计",
    "缺项次数",
    "扣分合计",
    "总分",
]
# Hand-computed in test_json for the same reports.
SUMMARY_ROWS = [
    [1, "王五", "护理党支部", "2025-01-01", "在任", 4, 9, 1, 2, 11, 0, 0, 11],
    [2, "张三", "心内科党支部", "2024-01-01", "2026-06-30", 2, 6, 0, 0, 6, 0, 0, 6],
    [3, "李四", "心内科党支部", "2026-07-01", "在任", 1, 3, 1, 2, 5, 1, 2, 3],
]
SHEETS = ["汇总", "明细", "缺项", "迟报", "三会一课落实情况", "月度活动", "图表"]


@pytest.fixture
def handover(tally):
    return tally(HANDOVER_REPORTS)


# CSV


def test_csv_has_a_bom_and_round_trips(handover, tmp_path: Path):
    data = csv_bytes(handover)
    assert data.startswith(b"\xef\xbb\xbf")
    write_csv(handover, tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == SUMMARY_HEADERS
        rows = list(reader)
    expected = [dict(zip(SUMMARY_HEADERS, map(str, row), strict=True)) for row in SUMMARY_ROWS]
    assert rows == expected


# XLSX


def written_xlsx(result, tmp_path: Path) -> Path:
    path = tmp_path / "tally.xlsx"
    write_xlsx(result, path)
    return path


def column_width(sheet, index: int) -> float:
    """openpyxl groups neighbouring columns of one width under the first column's letter."""
    return next(d.width for d in sheet.column_dimensions.values() if d.min <= index <= d.max)


def display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def test_xlsx_summary_sheet_cells_and_print_settings(handover, tmp_path: Path):
    book = openpyxl.load_workbook(written_xlsx(handover, tmp_path))
    assert book.sheetnames == SHEETS
    sheet = book["汇总"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == SUMMARY_HEADERS
    for got, want in zip(rows[1:], SUMMARY_ROWS, strict=True):
        want = [
            dt.datetime.fromisoformat(v) if re.fullmatch(r"\d{4}-\d\d-\d\d", str(v)) else v
            for v in want
        ]
        assert got == want
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # absent means 1 page wide
    assert int(sheet.page_setup.fitToHeight) == 0  # as many pages tall as needed
    assert sheet.print_title_rows == "$1:$1"
    assert column_width(sheet, 3) >= display_width("心内科党支部")
    assert column_width(sheet, 4) >= len("2024-01-01")


def test_xlsx_detail_missed_and_compliance_sheets(handover, tmp_path: Path):
    book = openpyxl.load_workbook(written_xlsx(handover, tmp_path))
    detail = [[c.value for c in row] for row in book["明细"].iter_rows(min_row=2)]
    assert len(detail) == 4 + 1 + 2 + 1 + 1  # 王五 4 + 1, 张三 2, 李四 1 + 1
    assert detail[3] == [
        "王五",
        "护理党支部",
        dt.datetime(2026, 10, 5),
        "主题党日",
        "theme_day 活动 2026-10-05",
        0,  # the fourth theme day is over the cap
        "content/reports/nurse/n4.md",
    ]
    missed = [[c.value for c in row] for row in book["缺项"].iter_rows(min_row=2)]
    assert missed == [["心内科党支部", "主题党日", "2026-Q4", 2, "李四"]]
    grid = book["三会一课落实情况"]
    assert [c.value for c in grid[2]] == ["心内科党支部", "主题党日", "每季度"] + ["✓"] * 9 + [
        "✗"
    ] * 3
    assert grid["D2"].fill.fgColor.rgb == "FFC6EFCE"  # done: green
    assert grid["M2"].fill.fgColor.rgb == "FFFFC7CE"  # missed: red
    assert grid.freeze_panes == "D2"
    activity = [[c.value for c in row] for row in book["月度活动"].iter_rows(min_row=2)]
    assert activity[0] == ["心内科党支部", 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 4]


def test_xlsx_has_native_bar_and_monthly_charts(handover, tmp_path: Path):
    path = written_xlsx(handover, tmp_path)
    with zipfile.ZipFile(path) as archive:
        charts = sorted(
            n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        )
        assert len(charts) == 2
        totals, monthly = (archive.read(name).decode() for name in charts)
    assert '<c:barDir val="bar"/>' in totals and "图表!$B$2:$B$4" in totals
    assert '<c:barDir val="col"/>' in monthly and '<c:grouping val="stacked"/>' in monthly
    assert monthly.count("<c:ser>") == 12
    chart_data = openpyxl.load_workbook(path)["图表"]
    assert [c.value for c in chart_data["A"]][:4] == [
        "书记（支部）",
        "王五（护理党支部）",
        "张三（心内科党支部）",
        "李四（心内科党支部）",
    ]


def test_lenient_rejects_get_their_own_sheet(make_project, tmp_path: Path):
    bad = "---\ntitle: 坏报道\ndate: 2026-13-01\nbranch: nurse\ntype: volunteer\n---\n正文\n"
    root = make_project(
        {"bad.md": bad, "ok.md": report("2026-03-01", "nurse", "volunteer")}, config()
    )
    project = load_project(root, today=AFTER_2026)
    result = compute_tally(project, 2026)
    path = tmp_path / "out" / "tally.xlsx"
    path.parent.mkdir()
    write_xlsx(result, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [*SHEETS, "未通过校验"]
    rows = [[c.value for c in row] for row in book["未通过校验"].iter_rows()]
    assert rows[0] == ["文件", "行", "问题"]
    assert rows[1][:2] == ["content/reports/bad.md", 3]
    assert "日期" in rows[1][2]


# HTML for the office page


VOID_TAGS = frozenset({"br", "img", "meta", "link", "input", "hr", "line", "rect"})


class _TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS:
            assert self.open.pop() == tag


def test_office_page_fragment_is_self_contained_and_well_formed(handover):
    html = office_page_html(handover)
    parser = _TagBalance()
    parser.feed(html)
    assert parser.open == []
    assert parser.tags.count("svg") == 2  # one monthly chart per branch
    assert not re.search(r"<script|<link|<img|src=|url\(|https?://", html)
    assert html.count('<td class="pb-missed"') == 3
    assert html.count('<td class="pb-done"') == 9 + 12
    assert "王五（护理党支部）" in html and 'style="width: 100.0%"' in html


def test_office_page_escapes_config_text(tally):
    branches = BRANCHES_WITH_MARKUP
    html = office_page_html(tally({}, config(branches)))
    assert "<b>" not in html and "&lt;b&gt;" in html


BRANCHES_WITH_MARKUP = """\
branches:
  - id: heart
    name: 心内科<b>党支部</b>
    secretaries:
      - {name: 张三, from: 2024-01-01}
"""


# pbsite build


def test_build_step_writes_this_years_three_files(make_project):
    root = make_project(HANDOVER_REPORTS, config())
    project = load_project(root, today=dt.date(2026, 11, 22))
    written = write_tally_exports(project, ProjectPaths(root))
    folder = root / "build" / "exports" / "tally"
    assert written == [folder / f"tally-2026.{suffix}" for suffix in ("json", "csv", "xlsx")]
    assert all(path.stat().st_size > 0 for path in written)
    assert io.BytesIO(written[1].read_bytes()).read(3) == b"\xef\xbb\xbf"
    assert '"generated_for": "2026-11-22"' in written[0].read_text("utf-8")
