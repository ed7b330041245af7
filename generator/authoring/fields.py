"""What each front-matter field means, in the words a branch secretary reads.

One table feeds both the comments in a scaffolded report and the 投稿指南 page, so the
two never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ActivityType, Branch
from ..model.report import REPORT_KEYS

ALWAYS_REQUIRED = ("title", "date", "branch", "type")

FIELD_HELP: dict[str, str] = {
    "title": "活动标题，最多 64 个字",
    "date": "活动当天的日期，如 2026-03-05，也可写 2026-03-05 14:30 或 2026年3月5日",
    "branch": "支部全称或 id",  # field_help adds a joint-activity example from the config
    "type": "活动类型的名称或 id",
    "host": "主持人姓名",
    "recorder": "记录人姓名",
    "lecturer": "主讲人姓名（党课等）",
    "location": "活动地点",
    "attendance": "应到、实到人数和缺席人员；缺席人员只用于检查和统计，不在网站上公开",
    "photos": "照片文件，路径相对于本文件，可加说明",
    "cover": "海报和首页卡片用的照片，不写就用第一张照片",
    "tags": "如 [党史学习, 志愿服务]",
    "summary": "不写就用正文第一段",
    "volunteer_hours": "志愿服务总时长（小时），大于 0，如 12.5",
    "served": "服务了多少人次，如 200",
    "visibility": "公开 或 内部；内部报道计入统计，但不在网站上公开",
    "draft": "是 或 否；草稿不发布，也不计入统计",
    "submitted": "交稿的日期，如 2026-03-06",
    "slug": "自定网址的最后一段，只能用小写英文字母、数字和连字符，一般不用写",
}

ATTENDANCE_HELP: dict[str, str] = {
    "expected": "应到人数",
    "present": "实到人数，不能多于应到",
    "absent": "缺席人员，每人一项“姓名（原因）”，人数要等于应到减实到",
}


# Stand-ins when the config lists fewer than two branches: the example still shows the form.
_STAND_INS = ("支部甲全称", "支部乙全称")


def joint_example(branches: Sequence[Branch]) -> str:
    """`[支部甲, 支部乙]` written with the first two configured branches, so it can be copied."""
    names = [b.name for b in branches[:2]]
    names += _STAND_INS[len(names) :]
    return f"[{', '.join(names)}]"


def field_help(branches: Sequence[Branch]) -> dict[str, str]:
    """FIELD_HELP with the examples that depend on the config filled in."""
    return FIELD_HELP | {
        "branch": f"{FIELD_HELP['branch']}；联建活动写成 {joint_example(branches)}"
    }


def required_keys(activity: ActivityType) -> tuple[str, ...]:
    """The keys a report of this type must fill in, in front-matter order."""
    return (*ALWAYS_REQUIRED, *(("attendance",) if activity.attendance_required else ()))


def alias(key: str) -> str:
    """The Chinese name a secretary writes for a canonical key."""
    return REPORT_KEYS[key]
