"""``tally --format xlsx``: a workbook for the Party office, written with XlsxWriter.

Sheets: 汇总 (one row per secretary), 明细 (every counted report), 缺项 (every missed period),
迟报, 三会一课落实情况 (the compliance grid), 月度活动, 图表 (native Excel charts) and, when
a lenient run left reports out, 未通过校验. Every table sheet has its header row frozen and
repeated on each printed page, columns sized for Chinese text, and prints on A4 landscape,
one page wide.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.chart import Chart
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .result import DONE, MISSED, PENDING, TallyResult, plain_number
from .table import (
    NO_SECRETARY,
    RHYTHM_TEXT,
    STATUS_SYMBOL,
    STATUS_TEXT,
    Cell,
    secretary_label,
    summary_table,
)

SUMMARY, DETAIL, MISSED_SHEET, LATE_SHEET = "汇总", "明细", "缺项", "迟报"
COMPLIANCE, ACTIVITY, CHARTS, REJECTED = "三会一课落实情况", "月度活动", "图表", "未通过校验"
A4 = 9  # Excel's paper code
MAX_WIDTH = 60
PARTY_RED = "#B71C1C"
STATUS_COLORS = {
    DONE: ("#C6EFCE", "#006100"),
    MISSED: ("#FFC7CE", "#9C0006"),
    PENDING: ("#EDEDED", "#595959"),
}


def write_xlsx(result: TallyResult, path: Path) -> None:
    # Titles are text typed by secretaries: one starting with "=" or "http" stays text, never
    # a live formula or link (and skipping the checks halves the time for 20,000 rows).
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), {"default_date_format": "yyyy-mm-dd", **options})
    # Stamp the as-of date, not the clock, so an unchanged tally rebuilds byte for byte.
    workbook.set_properties(
        {"title": f"{result.year} 年度党支部书记定量评价", "created": _midnight(result.as_of)}
    )
    header = workbook.add_format(
        {"bold": True, "font_color": "white", "bg_color": PARTY_RED, "border": 1}
        | {"text_wrap": True, "valign": "vcenter", "align": "center"}
    )
    headers, rows = summary_table(result)
    _table(workbook, header, SUMMARY, headers, rows)
    _table(workbook, header, DETAIL, DETAIL_HEADERS, _detail_rows(result))
    _table(workbook, header, MISSED_SHEET, MISSED_HEADERS, _missed_rows(result))
    _table(workbook, header, LATE_SHEET, LATE_HEADERS, _late_rows(result))
    _compliance_sheet(workbook, header, result)
    _table(workbook, header, ACTIVITY, *_activity_table(result))
    _charts_sheet(workbook, header, result)
    if result.rejected:
        _table(workbook, header, REJECTED, REJECTED_HEADERS, _rejected_rows(result))
    workbook.close()


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


DETAIL_HEADERS = ["书记", "支部", "活动日期", "活动类型", "标题", "得分", "文件"]
MISSED_HEADERS = ["支部", "活动类型", "周期", "扣分", "扣分对象"]
LATE_HEADERS = ["文件", "标题", "支部", "活动日期", "报送日期", "迟报天数", "扣分"]
REJECTED_HEADERS = ["文件", "行", "问题"]


def _detail_rows(result: TallyResult) -> list[list[Cell]]:
    """Every counted report, under the secretary it counted for (a joint report once per
    branch); reports dated when their branch had no secretary come last and earn nothing."""
    rows: list[list[Cell]] = [
        [
            entry.name,
            result.branch_name(entry.branch),
            credit.date,
            result.type_name(credit.type),
            credit.title,
            plain_number(credit.points),
            credit.path,
        ]
        for entry in result.secretaries
        for score in entry.types
        for credit in score.credits
    ]
    rows += [
        [
            NO_SECRETARY,
            result.branch_name(u.branch),
            u.date,
            result.type_name(u.type),
            u.title,
            0,
            u.path,
        ]
        for u in result.uncredited
    ]
    return rows


def _missed_rows(result: TallyResult) -> list[list[Cell]]:
    return [
        [
            result.branch_name(m.branch),
            result.type_name(m.type),
            m.period.label,
            plain_number(m.penalty) if m.charged_to else 0,
            m.charged_to.name if m.charged_to else "无（期末当日无在任书记，不扣分）",
        ]
        for m in result.missed
    ]


def _late_rows(result: TallyResult) -> list[list[Cell]]:
    charged: dict[str, list[str]] = defaultdict(list)
    for entry in result.secretaries:
        for penalty in entry.late:
            charged[penalty.report.path].append(f"{entry.name} -{plain_number(penalty.penalty)}")
    return [
        [
            late.path,
            late.title,
            "、".join(result.branch_name(b) for b in late.branches),
            late.date,
            late.submitted,
            late.days,
            "、".join(charged[late.path]) or "仅提示，不扣分",
        ]
        for late in result.late
    ]


def _rejected_rows(result: TallyResult) -> list[list[Cell]]:
    return [[p.path, p.line, p.message] for r in result.rejected for p in r.problems]


def _activity_table(result: TallyResult) -> tuple[list[str], list[list[Cell]]]:
    grid = result.compliance
    headers = ["支部", *(month.label for month in grid.months), "合计"]
    rows: list[list[Cell]] = [
        [branch.name, *grid.activity[branch.id], sum(grid.activity[branch.id])]
        for branch in result.branches
    ]
    return headers, rows


def _table(
    workbook: Workbook,
    header: Format,
    name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> Worksheet:
    sheet = workbook.add_worksheet(name)
    sheet.write_row(0, 0, headers, header)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    _fit_columns(sheet, headers, rows)
    _print_setup(sheet, frozen_columns=0)
    return sheet


def _fit_columns(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Wide enough for the longest cell, counting a Chinese character as two; a header may
    wrap onto two lines rather than widen a column of short numbers."""
    for column, title in enumerate(headers):
        longest = _longest({_text(row[column]) for row in rows if column < len(row)})
        width = max(longest, math.ceil(_width(title) / 2), 4) + 2
        sheet.set_column(column, column, min(width, MAX_WIDTH))
    sheet.set_row(0, 32)


def _longest(texts: set[str]) -> int:
    longest = 0
    for text in sorted(texts, key=len, reverse=True):
        if 2 * len(text) <= longest:
            break  # no shorter text can be wider, even if all Chinese
        longest = max(longest, _width(text))
    return longest


def _text(value: Cell) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_setup(sheet: Worksheet, frozen_columns: int) -> None:
    sheet.freeze_panes(1, frozen_columns)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    sheet.repeat_rows(0)


def _compliance_sheet(workbook: Workbook, header: Format, result: TallyResult) -> None:
    grid = result.compliance
    sheet = workbook.add_worksheet(COMPLIANCE)
    styles = {
        status: workbook.add_format(
            {"bg_color": fill, "font_color": font, "align": "center", "border": 1}
        )
        for status, (fill, font) in STATUS_COLORS.items()
    }
    headers = ["支部", "活动类型", "要求", *(month.label for month in grid.months)]
    sheet.write_row(0, 0, headers, header)
    rows: list[list[Cell]] = []
    for index, row in enumerate(grid.rows, start=1):
        activity = result.activity_type(row.type)
        labels = [result.branch_name(row.branch), activity.name, RHYTHM_TEXT[activity.required]]
        sheet.write_row(index, 0, labels)
        for column, cell in enumerate(row.cells, start=len(labels)):
            sheet.write_string(index, column, STATUS_SYMBOL[cell.status], styles[cell.status])
        rows.append([*labels, *(STATUS_SYMBOL[c.status] for c in row.cells)])
    legend_row = len(grid.rows) + 2
    for offset, status in enumerate((DONE, MISSED, PENDING)):
        sheet.write_string(legend_row + offset, 0, STATUS_SYMBOL[status], styles[status])
        sheet.write_string(legend_row + offset, 1, STATUS_TEXT[status])
    _fit_columns(sheet, headers, rows)
    _print_setup(sheet, frozen_columns=3)


def _charts_sheet(workbook: Workbook, header: Format, result: TallyResult) -> None:
    """Native charts: totals per secretary (data beside the chart) and monthly activity."""
    rows: list[list[Cell]] = [
        [secretary_label(result, entry), plain_number(entry.total)] for entry in result.secretaries
    ]
    sheet = _table(workbook, header, CHARTS, ["书记（支部）", "总分"], rows)
    totals = workbook.add_chart({"type": "bar"})
    totals.add_series(
        {
            "name": "总分",
            "categories": [CHARTS, 1, 0, max(len(rows), 1), 0],
            "values": [CHARTS, 1, 1, max(len(rows), 1), 1],
            "fill": {"color": PARTY_RED},
            "data_labels": {"value": True},
        }
    )
    totals.set_title({"name": f"{result.year} 年度书记定量评价总分"})
    totals.set_y_axis({"reverse": True})  # a bar chart's category axis: rank 1 on top
    totals.set_legend({"none": True})
    height = max(360, 22 * len(rows) + 120)
    totals.set_size({"width": 960, "height": height})
    sheet.insert_chart(1, 3, totals)
    sheet.insert_chart(1, 3, _activity_chart(workbook, result), {"y_offset": height + 20})


def _activity_chart(workbook: Workbook, result: TallyResult) -> Chart:
    """Branches along the axis, one stacked series per month, from the 月度活动 sheet."""
    chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
    last = max(len(result.branches), 1)
    for column in range(1, len(result.compliance.months) + 1):
        chart.add_series(
            {
                "name": [ACTIVITY, 0, column],
                "categories": [ACTIVITY, 1, 0, last, 0],
                "values": [ACTIVITY, 1, column, last, column],
            }
        )
    chart.set_title({"name": "各支部每月活动数"})
    chart.set_size({"width": max(960, 30 * len(result.branches) + 240), "height": 480})
    return chart
