"""Activity reports (spec §1): one Markdown file with YAML front matter, plus photos."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import ActivityType, SiteConfig
from .photos import Photo, PhotoResolver
from .problems import Problem, ProblemList, Severity
from .schema import Mapping
from .source import (
    EncodingProblem,
    Source,
    decode,
    encoding_message,
    lint_front_matter,
    split,
)
from .suggest import did_you_mean, suggestions
from .yamlpos import YamlSyntaxError, load_located

REPORT_KEYS = {
    "title": "标题",
    "date": "日期",
    "branch": "支部",
    "type": "类型",
    "host": "主持人",
    "recorder": "记录人",
    "lecturer": "主讲人",
    "location": "地点",
    "attendance": "出勤",
    "photos": "照片",
    "cover": "封面",
    "tags": "标签",
    "summary": "摘要",
    "volunteer_hours": "服务时长",
    "served": "服务人次",
    "visibility": "公开范围",
    "draft": "草稿",
    "submitted": "报送日期",
    "slug": "网址",
}
ATTENDANCE_KEYS = {"expected": "应到", "present": "实到", "absent": "缺席"}
ABSENTEE_KEYS = {"name": "姓名", "reason": "原因"}
VISIBILITY = {"public": "public", "internal": "internal", "公开": "public", "内部": "internal"}
TITLE_MAX = 64
# What `pbsite new` writes as the body. It lives here, not in authoring, so that every reader
# of reports (check, build, serve) can tell a report whose body was never written.
BODY_PLACEHOLDER = (
    "（请在这里写正文：活动经过、主要内容和成效。第一段会作为摘要显示在首页卡片上。）"
)
_PLACEHOLDER_MARK = "请在这里写正文"
_ABSENTEE_TEXT = re.compile(r"^\s*(?P<name>[^（(]+?)\s*[（(]\s*(?P<reason>[^）)]*?)\s*[）)]\s*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Absentee:
    name: str
    reason: str

    @classmethod
    def parse(cls, text: str) -> Absentee:
        """`姓名（原因）`; the reason is empty when the brackets are missing."""
        match = _ABSENTEE_TEXT.match(text)
        return cls(match["name"], match["reason"]) if match else cls(text.strip(), "")


@dataclass(frozen=True)
class Attendance:
    expected: int
    present: int
    absent: tuple[Absentee, ...] = ()


@dataclass
class Report:
    path: str
    title: str
    date: dt.date
    branches: tuple[str, ...]
    type: str
    body: str = ""
    time: dt.time | None = None
    host: str | None = None
    recorder: str | None = None
    lecturer: str | None = None
    location: str | None = None
    attendance: Attendance | None = None
    photos: tuple[Photo, ...] = ()
    cover: Photo | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    volunteer_hours: float | None = None
    served: int | None = None
    visibility: str = "public"
    draft: bool = False
    submitted: dt.date | None = None
    slug: str | None = None
    extra: dict = field(default_factory=dict)
    url: str | None = None  # assigned once the whole corpus is known, see urls.py
    # The line of each front-matter key (canonical name), for problems found after reading,
    # such as address clashes. Not in repr: page caches key on it, and moving a line changes no page.
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def line_of(self, *keys: str) -> int:
        """The line of the first of ``keys`` the report wrote; the first front-matter line if none."""
        return next((self.lines[k] for k in keys if k in self.lines), 2)

    def photo_line(self, src: str) -> int:
        """The line that lists the photo ``src``: its entry under ``photos``, else ``cover``."""
        listed = next((p for p in (*self.photos, self.cover) if p and p.src == src), None)
        return listed.line if listed and listed.line else self.line_of("photos", "cover")

    @property
    def is_public(self) -> bool:
        """Published on the site: neither internal nor a draft."""
        return self.visibility == "public" and not self.draft

    @property
    def branch(self) -> str:
        """The first listed branch: the host of a joint activity."""
        return self.branches[0]

    @property
    def photo_sources(self) -> list[str]:
        """Every photo file the report shows, relative to the project: its photos, then its
        cover (once, when it is one of the photos, as it is by default)."""
        return list(dict.fromkeys(p.src for p in (*self.photos, self.cover) if p))


def photo_problems(
    reports: list[Report], unusable: dict[str, str], severity: Severity = "error"
) -> list[Problem]:
    """A problem on the line of each report that shows a photo in ``unusable`` (src -> why),
    for photos found unusable after reading: they will not decode."""
    return [
        Problem(report.path, report.photo_line(src), unusable[src], severity)
        for report in reports
        for src in report.photo_sources
        if src in unusable
    ]


def read_report(
    file: Path, root: Path, config: SiteConfig, today: dt.date
) -> tuple[Report | None, ProblemList]:
    """Parse and validate one report; returns None as report when it has any error."""
    path = file.relative_to(root).as_posix()
    problems = ProblemList(path)
    try:
        text = decode(file.read_bytes())
    except EncodingProblem as exc:
        problems.error(1, encoding_message(exc))
        return None, problems
    source = split(text, problems)
    if source.front_matter is None:
        return None, problems
    try:
        located = load_located(lint_front_matter(source, problems), source.front_matter_line)
    except YamlSyntaxError as exc:
        problems.error(exc.line, exc.reason)
        return None, problems
    for line, message in located.cut_off:
        problems.warning(line, message)
    if not isinstance(located.data, dict):
        problems.error(
            source.first_content_line,
            "两行 `---` 之间应该是 `标题: …`、`日期: …` 这样一行一项的内容",
        )
        return None, problems
    fields = Mapping(located.data, located, (), problems, REPORT_KEYS)
    report = _build(fields, source.body, path, file, root, config, today)
    if not report.draft:  # a draft is unfinished by definition and is never published
        _check_placeholder(source, problems)
    return (None if problems.errors else report), problems


def _build(
    fields: Mapping,
    body: str,
    path: str,
    file: Path,
    root: Path,
    config: SiteConfig,
    today: dt.date,
) -> Report | None:
    _check_unknown_keys(fields)
    when = fields.date("date", required=True)
    if when and when[0] > today:
        fields.error(
            "date",
            f"{fields.label('date')} {when[0]} 在今天（{today}）之后，活动结束后才能报送，请核对日期",
        )
    activity = _activity_type(fields, config)
    resolver = PhotoResolver(file, root, fields)
    photos = resolver.photos()
    report = Report(
        path=path,
        title=fields.text("title", required=True, max_len=TITLE_MAX, hint="请写活动标题") or "",
        date=when[0] if when else today,
        time=when[1] if when else None,
        branches=_branches(fields, config),
        type=activity.id if activity else "",
        body=body.strip("\n"),
        host=fields.text("host"),
        recorder=fields.text("recorder"),
        lecturer=fields.text("lecturer"),
        location=fields.text("location"),
        attendance=_attendance(fields, activity),
        photos=photos,
        cover=resolver.cover(photos),
        tags=fields.text_list("tags"),
        summary=fields.text("summary") or first_paragraph(body),
        volunteer_hours=fields.number("volunteer_hours"),
        served=fields.integer("served", minimum=0),
        visibility=fields.choice("visibility", VISIBILITY, "public"),
        draft=fields.boolean("draft", False),
        submitted=_submitted(fields, when[0] if when else None, today),
        slug=_slug(fields),
        extra=fields.known(set(REPORT_KEYS)),
        lines={key: fields.line(key) for key in fields.values},
    )
    return report


def _check_placeholder(source: Source, problems: ProblemList) -> None:
    """A warning, not an error: the report is valid, but would go out with the template text."""
    for offset, line in enumerate(source.body.split("\n")):
        if _PLACEHOLDER_MARK in line:
            problems.warning(
                source.body_line + offset,
                "正文还是 `pbsite new` 生成的模板文字“（请在这里写正文…）”，不改就会原样发布。"
                "请把这一行换成活动的正文：活动经过、主要内容和成效",
            )
            return


# Other words secretaries use for a key, mostly the labels of a Word report's header lines.
KEY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("题目", "活动名称", "会议名称"),
    "date": ("时间", "活动时间", "会议时间", "活动日期", "会议日期"),
    "location": ("地址", "活动地点", "会议地点"),
    "host": ("主持",),
    "recorder": ("记录",),
    "lecturer": ("主讲", "授课人"),
    "attendance": ("出席",),
    "photos": ("图片",),
}
_SYNONYM_OF = {word: key for key, words in KEY_SYNONYMS.items() for word in words}


def _check_unknown_keys(fields: Mapping) -> None:
    known = [*REPORT_KEYS, *REPORT_KEYS.values()]
    for key in fields.known(set(REPORT_KEYS)):
        squeezed = re.sub(r"\s+", "", key)
        meant = _SYNONYM_OF.get(squeezed)
        if squeezed in known:
            guess = squeezed
        elif meant:
            # A stand-in for a missing key; next to the key itself it may be a deliberate extra.
            guess = None if fields.has(meant) else REPORT_KEYS[meant]
        else:
            guess = next(iter(suggestions(key, known, limit=1, cutoff=75)), None)
        if guess:
            fields.error(key, f"不认识的项 `{key}`，可能是写错了。您是不是要写：`{guess}`？")
        else:
            fields.warning(key, f"不认识的项 `{key}`，它会被忽略；如果是笔误请改正")


def _activity_type(fields: Mapping, config: SiteConfig) -> ActivityType | None:
    name = fields.text(
        "type", required=True, hint=f"可选：{'、'.join(t.name for t in config.activity_types)}"
    )
    if name is None:
        return None
    activity = config.activity_type(name)
    if activity is None:
        fields.error(
            "type",
            f"活动类型“{name}”不在配置的类型中。{did_you_mean(name, config.type_spellings)}"
            f"可选：{'、'.join(t.name for t in config.activity_types)}",
        )
    return activity


def _branches(fields: Mapping, config: SiteConfig) -> tuple[str, ...]:
    names = fields.text_list("branch")
    if not names and not fields.has("branch"):
        fields.error(None, f"缺少必填项 {fields.label('branch')}，请写支部 id 或全称")
    ids: list[str] = []
    for index, name in enumerate(names):
        branch = config.branch(name)
        if branch is None:
            where = (index,) if isinstance(fields.raw("branch"), list) else ()
            fields.error(
                "branch",
                f"支部“{name}”不在 site_config.yaml 的支部列表中。"
                f"{did_you_mean(name, config.branch_spellings)}"
                f"{fields.label('branch')} 可写支部全称或 id：{config.branch_choices}",
                *where,
            )
        elif branch.id in ids:
            fields.error("branch", f"支部“{name}”重复列出了，联建活动每个支部只写一次")
        else:
            ids.append(branch.id)
    return tuple(ids)


def _attendance(fields: Mapping, activity: ActivityType | None) -> Attendance | None:
    required = bool(activity and activity.attendance_required)
    section = fields.mapping(
        "attendance",
        ATTENDANCE_KEYS,
        required=required,
        hint=f"“{activity.name if activity else ''}”必须填写出勤：应到、实到、缺席",
    )
    if section is None:
        return None
    expected = section.integer("expected", required=True, minimum=1)
    present = section.integer("present", required=True, minimum=0)
    absent = _absentees(section)
    if expected is None or present is None:
        return None
    if present > expected:
        section.error("present", f"实到人数 {present} 大于应到人数 {expected}，请核对")
        return None
    missing = expected - present
    if len(absent) != missing:
        section.error(
            "absent" if section.has("absent") else "present",
            f"应到 {expected} 人、实到 {present} 人，缺席应为 {missing} 人，"
            f"但 `absent`（缺席）列了 {len(absent)} 人，请补齐或删除，使人数一致",
        )
    return Attendance(expected, present, absent)


def _absentees(section: Mapping) -> tuple[Absentee, ...]:
    people: list[Absentee] = []
    for index, entry in _absentee_entries(section):
        if isinstance(entry, dict):
            person = section.child("absent", index, entry, ABSENTEE_KEYS)
            name, reason = (
                person.text("name", required=True, hint="请写缺席人姓名"),
                person.text("reason"),
            )
        else:
            person = Absentee.parse(str(entry))
            name, reason = person.name, person.reason
        if not reason:
            section.error(
                "absent",
                f"缺席人“{name}”没有写原因，请写成 `{name}（病假）` 或 `{{name: {name}, reason: 病假}}`",
                *(() if index is None else (index,)),
            )
        people.append(Absentee(name or "", reason or ""))
    return tuple(people)


def _absentee_entries(section: Mapping) -> list[tuple[int | None, object]]:
    value = section.raw("absent")
    if isinstance(value, str | int) and not isinstance(value, bool):
        # `缺席: 张三（病假）、李四（出差）` is how the line reads in a Word report; a string
        # has no per-entry lines, so every entry points at the `absent` key itself.
        return [(None, name) for name in split_people(str(value))]
    return list(section.sequence("absent"))


_NOBODY = {"无", "没有", "0", "0人", "无人", "暂无"}
_PEOPLE_SEPARATOR = re.compile(r"\s*[、，,；;]\s*(?![^（(]*[）)])")


def split_people(text: str) -> list[str]:
    """`张三（病假）、李四（出差）` → two entries; separators inside brackets stay put."""
    if text.strip() in _NOBODY:
        return []
    return [part for part in _PEOPLE_SEPARATOR.split(text.strip()) if part]


def _submitted(fields: Mapping, day: dt.date | None, today: dt.date) -> dt.date | None:
    value = fields.date("submitted")
    if value is None:
        return None
    submitted = value[0]
    if submitted > today:
        fields.error(
            "submitted", f"{fields.label('submitted')} {submitted} 在今天之后，请写实际报送的日期"
        )
    elif day and submitted < day:
        fields.error(
            "submitted", f"{fields.label('submitted')} {submitted} 早于活动日期 {day}，请核对"
        )
    return submitted


def _slug(fields: Mapping) -> str | None:
    value = fields.text("slug")
    if value and not _SLUG.match(value):
        fields.error(
            "slug",
            f"{fields.label('slug')} 只能用小写英文字母、数字和连字符，如 `spring-volunteer`",
        )
        return None
    return value


_MARKUP = re.compile(r"[*_`~]|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|<[^>]+>")
# Raw HTML may carry a script or style block: its text is code, never part of a summary.
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)


def first_paragraph(body: str, limit: int = 160) -> str:
    """Plain text of the first prose paragraph, for cards, feeds and digests."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block[0] in "#!|>-*+:" or (block[:1].isdigit() and ". " in block[:4]):
            continue
        prose = _MARKUP.sub(lambda m: m.group(1) or "", _CODE_ELEMENT.sub("", block))
        text = re.sub(r"\s+", " ", prose).strip()
        if text:
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""
