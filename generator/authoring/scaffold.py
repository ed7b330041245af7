"""Writing a new report file: every field present, each with a short Chinese comment.

The file must pass `pbsite check` the moment it is written, so optional fields are left
empty (YAML reads that as “not given”), examples live in comments, and attendance for a
type that requires it gets numbers that add up and are flagged for the secretary to confirm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import ActivityType, Attendance, Branch
from ..model.project import REPORTS_DIR
from ..model.report import ATTENDANCE_KEYS, BODY_PLACEHOLDER
from ..model.urls import pinyin_slug
from .fields import ATTENDANCE_HELP, alias, field_help, required_keys

_HEADER = (
    "# 报道信息。冒号用英文半角“:”，冒号后空一格；缩进只用空格，不要用 Tab 键。\n"
    "# 标“必填”的项一定要写；其余是选填，不用的留空即可。"
)


@dataclass(frozen=True)
class ReportDraft:
    """Everything known about a report before it is written."""

    title: str
    day: dt.date
    branch: Branch
    activity: ActivityType
    time: dt.time | None = None
    host: str | None = None
    recorder: str | None = None
    lecturer: str | None = None
    location: str | None = None
    attendance: Attendance | None = None
    photos: tuple[str, ...] = ()
    body: str = BODY_PLACEHOLDER


def placeholder_attendance(branch: Branch) -> Attendance:
    """Numbers that add up, so the new file validates; the secretary is told to confirm them."""
    members = branch.members or 1
    return Attendance(expected=members, present=members)


def report_path(root: Path, branch_id: str, day: dt.date, title: str) -> Path:
    """`content/reports/<branch>/<YYYY>/<YYYY-MM-DD>-<pinyin>.md`, never an existing file."""
    folder = root / REPORTS_DIR / branch_id / str(day.year)
    stem = report_stem(day, title)
    candidate, suffix = folder / f"{stem}.md", 2
    # A file or photo folder of that name belongs to another report; never overwrite it.
    while candidate.exists() or candidate.with_suffix("").exists():
        candidate, suffix = folder / f"{stem}-{suffix}.md", suffix + 1
    return candidate


def report_stem(day: dt.date, title: str) -> str:
    return f"{day.isoformat()}-{pinyin_slug(title)}"


def photo_folder(report_file: Path) -> Path:
    """Photos of a report live in a folder named after it, next to it."""
    return report_file.with_suffix("")


def write_report(target: Path, draft: ReportDraft, branches: Sequence[Branch] = ()) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render_report(draft, photo_folder(target).name, branches)
    target.write_text(text, encoding="utf-8")


def render_report(draft: ReportDraft, photo_dir: str, branches: Sequence[Branch] = ()) -> str:
    """The whole report file; ``photo_dir`` is the photo folder relative to the report.

    ``branches`` are the configured branches, which the comments use as examples; without
    them the examples start from the report's own branch.
    """
    required = required_keys(draft.activity)
    help_texts = field_help(branches or (draft.branch,))
    texts = {
        "title": draft.title,
        "branch": draft.branch.name,
        "type": draft.activity.name,
        "host": draft.host,
        "recorder": draft.recorder,
        "lecturer": draft.lecturer,
        "location": draft.location,
        "visibility": "公开",
        "draft": "否",
    }
    values = {key: yaml_scalar(text) for key, text in texts.items() if text}
    # Written bare: the model reads dates itself, so `2026-03-05` needs no quotes.
    values["date"] = draft.day.isoformat() + (f" {draft.time:%H:%M}" if draft.time else "")
    lines = ["---", _HEADER]
    for key, text in help_texts.items():
        note = ("必填。" if key in required else "选填。") + text
        if key == "type":
            note += f"（{draft.activity.name}：{_type_rule(draft.activity)}）"
        if key == "attendance":
            lines += _attendance_lines(draft, note, key in required)
        elif key == "photos":
            lines += _photo_lines(draft.photos, note, photo_dir)
        else:
            written = f"{alias(key)}: {values[key]}" if key in values else f"{alias(key)}:"
            lines.append(f"{written}  # {note}")
    return "\n".join([*lines, "---", "", draft.body.strip(), ""])


def _type_rule(activity: ActivityType) -> str:
    return "要记录出勤" if activity.attendance_required else "出勤可不填"


def yaml_scalar(value: object) -> str:
    """One YAML value on one line, quoted only when it would otherwise mean something else."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _attendance_lines(draft: ReportDraft, note: str, required: bool) -> list[str]:
    if draft.attendance:
        return [f"{alias('attendance')}:  # {note}", *_attendance_block(draft.attendance)]
    placeholder = placeholder_attendance(draft.branch)
    if required:
        return [
            f"{alias('attendance')}:  # {note}。{placeholder_note(draft.branch)}",
            *_attendance_block(placeholder),
        ]
    # An optional block is commented out whole: an empty `出勤:` validates, half a block would not.
    return [
        f"{alias('attendance')}:  # {note}。要填写时，去掉下面三行行首的“#”",
        *("#" + line for line in _attendance_block(placeholder)),
    ]


def placeholder_note(branch: Branch) -> str:
    if branch.members:
        return f"应到、实到已按支部党员数 {branch.members} 人预填，请按实际人数修改"
    return "应到、实到是占位数字，请按实际人数修改"


def _attendance_block(attendance: Attendance) -> list[str]:
    values = {
        "expected": attendance.expected,
        "present": attendance.present,
        "absent": [f"{a.name}（{a.reason}）" if a.reason else a.name for a in attendance.absent],
    }
    return [
        f"  {ATTENDANCE_KEYS[key]}: {yaml_scalar(value)}  # {ATTENDANCE_HELP[key]}"
        for key, value in values.items()
    ]


def _photo_lines(photos: tuple[str, ...], note: str, photo_dir: str) -> list[str]:
    if photos:
        return [f"{alias('photos')}:  # {note}", *(f"  - {yaml_scalar(p)}" for p in photos)]
    return [
        f"{alias('photos')}:  # {note}。照片放进文件夹 {photo_dir}/，每张一行，去掉行首的“#”",
        f"#  - {photo_dir}/01.jpg",
        f"#  - {{文件: {photo_dir}/02.jpg, 说明: 重温入党誓词}}",
    ]
