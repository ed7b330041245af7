"""Chinese labels and the one-row-per-secretary summary table shared by the CSV and XLSX."""

from __future__ import annotations

import datetime as dt

from .result import DONE, MISSED, PENDING, SecretaryTally, TallyResult, plain_number

STATUS_SYMBOL = {DONE: "✓", MISSED: "✗", PENDING: "…"}
STATUS_TEXT = {DONE: "已落实", MISSED: "未落实", PENDING: "未到期"}
RHYTHM_TEXT = {"monthly": "每月", "quarterly": "每季度", "yearly": "每年"}
IN_OFFICE = "在任"
NO_SECRETARY = "（当日无在任书记）"

Cell = str | int | float | dt.date


def summary_table(result: TallyResult) -> tuple[list[str], list[list[Cell]]]:
    """Rank, secretary, branch, term, count and points per type, points, deductions, total."""
    headers = ["排名", "书记", "支部", "任期开始", "任期结束"]
    for activity in result.types:
        headers += [f"{activity.name}次数", f"{activity.name}得分"]
    headers += ["得分合计", "缺项次数", "扣分合计", "总分"]
    return headers, [_summary_row(result, entry) for entry in result.secretaries]


def _summary_row(result: TallyResult, entry: SecretaryTally) -> list[Cell]:
    scores = {score.type: score for score in entry.types}
    row: list[Cell] = [
        entry.rank,
        entry.name,
        result.branch_name(entry.branch),
        entry.term.start,
        entry.term.end or IN_OFFICE,
    ]
    for activity in result.types:
        score = scores.get(activity.id)
        row += [score.count, plain_number(score.points)] if score else [0, 0]
    row += [
        plain_number(entry.points),
        len(entry.missed),
        plain_number(entry.deductions),
        plain_number(entry.total),
    ]
    return row


def secretary_label(result: TallyResult, entry: SecretaryTally) -> str:
    """``李四（心血管内科党支部）``: a name alone is ambiguous across branches and terms."""
    return f"{entry.name}（{result.branch_name(entry.branch)}）"
