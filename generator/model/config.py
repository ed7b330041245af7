"""``site_config.yaml``: the organisation, its branches and the activity types (spec §2)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .problems import ContentError, ProblemList
from .schema import Mapping, is_hex_color
from .yamlpos import YamlSyntaxError, load_located

CONFIG_FILE = "site_config.yaml"
DEFAULT_COLOR = "#B71C1C"
PERIODS = {
    "none": "none",
    "monthly": "monthly",
    "quarterly": "quarterly",
    "yearly": "yearly",
    "不要求": "none",
    "每月": "monthly",
    "每季度": "quarterly",
    "每年": "yearly",
}
ATTENDANCE_RULES = {
    "required": "required",
    "optional": "optional",
    "必填": "required",
    "选填": "optional",
}


@dataclass(frozen=True)
class Term:
    """One secretary's term at one branch; both ends are inclusive, ``end`` None = in office."""

    name: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Branch:
    id: str
    name: str
    brand: str | None = None
    slogan: str | None = None
    color: str = DEFAULT_COLOR
    logo: str | None = None
    members: int | None = None
    party_groups: int = 1
    secretaries: tuple[Term, ...] = ()
    story: str | None = None

    def secretary_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.secretaries if t.covers(day)), None)

    @property
    def current_secretary(self) -> Term | None:
        return next((t for t in reversed(self.secretaries) if t.end is None), None)

    @property
    def display_brand(self) -> str:
        return self.brand or self.name


@dataclass(frozen=True)
class ActivityType:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    required: str = "none"
    attendance: str = "optional"
    points: float = 0
    cap: float | None = None
    missing_penalty: float = 0

    @property
    def attendance_required(self) -> bool:
        return self.attendance == "required"

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.id, self.name, *self.aliases)


def _t(
    id: str,
    name: str,
    required: str,
    attendance: str,
    points: float,
    cap: float,
    penalty: float,
    aliases: tuple[str, ...] = (),
) -> ActivityType:
    return ActivityType(id, name, aliases, required, attendance, points, cap, penalty)


# The spec's default table: a config without `activity_types` gets exactly these.
DEFAULT_ACTIVITY_TYPES: tuple[ActivityType, ...] = (
    _t("general_meeting", "支部党员大会", "quarterly", "required", 5, 20, 2, ("党员大会",)),
    _t("committee_meeting", "支部委员会", "monthly", "required", 2, 24, 1, ("支委会",)),
    _t("group_meeting", "党小组会", "monthly", "required", 2, 24, 1),
    _t("party_lesson", "党课", "quarterly", "required", 5, 20, 2),
    _t("theme_day", "主题党日", "monthly", "required", 3, 36, 1),
    _t("life_meeting", "组织生活会", "yearly", "required", 5, 5, 5),
    _t("member_review", "民主评议党员", "yearly", "optional", 5, 5, 5),
    _t("volunteer", "志愿服务", "none", "optional", 3, 30, 0),
    _t("project", "党建+项目", "none", "optional", 5, 20, 0),
    _t("study", "专题学习", "none", "optional", 1, 12, 0),
)


@dataclass(frozen=True)
class Organization:
    name: str
    site_url: str
    logo: str | None = None
    color: str = DEFAULT_COLOR
    description: str | None = None


@dataclass(frozen=True)
class TallySettings:
    year_start: tuple[int, int] = (1, 1)
    publish: bool = False
    late_after_days: int = 7
    late_penalty: float = 0

    def year_bounds(self, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of the tally year that starts in ``year``."""
        month, day = self.year_start
        start = dt.date(year, month, day)
        following = dt.date(year + 1, month, day)
        return start, following - dt.timedelta(days=1)


@dataclass(frozen=True)
class PosterSettings:
    font: str | None = None
    presets: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteConfig:
    organization: Organization
    branches: tuple[Branch, ...]
    activity_types: tuple[ActivityType, ...] = DEFAULT_ACTIVITY_TYPES
    tally: TallySettings = TallySettings()
    posters: PosterSettings = PosterSettings()
    extra: dict = field(default_factory=dict)

    def branch(self, key: str) -> Branch | None:
        """A branch by id or full name."""
        return self._branch_index.get(str(key).strip())

    def activity_type(self, key: str) -> ActivityType | None:
        """An activity type by id, name or alias."""
        return self._type_index.get(str(key).strip())

    @cached_property
    def _branch_index(self) -> dict[str, Branch]:
        return {key: b for b in reversed(self.branches) for key in (b.id, b.name)}

    @cached_property
    def _type_index(self) -> dict[str, ActivityType]:
        return {key: t for t in reversed(self.activity_types) for key in t.spellings}

    @property
    def branch_spellings(self) -> list[str]:
        return [s for b in self.branches for s in (b.id, b.name)]

    @property
    def branch_choices(self) -> str:
        """What a report may write as its branch, for messages: `全称（id）`, in config order."""
        return "、".join(f"{b.name}（{b.id}）" for b in self.branches)

    @property
    def type_spellings(self) -> list[str]:
        return [s for t in self.activity_types for s in t.spellings]


def load_config(root: Path) -> SiteConfig:
    """Read and validate ``site_config.yaml``; raises ContentError listing every problem."""
    path = root / CONFIG_FILE
    problems = ProblemList(CONFIG_FILE)
    if not path.is_file():
        problems.error(1, f"找不到配置文件 {CONFIG_FILE}，请在项目根目录创建它（格式见 README）")
        raise ContentError(problems.items)
    try:
        located = load_located(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.error(1, "配置文件不是 UTF-8 编码，请用记事本“另存为”并把编码选成 UTF-8")
        raise ContentError(problems.items) from None
    except YamlSyntaxError as exc:
        problems.error(exc.line, exc.reason)
        raise ContentError(problems.items) from None
    if not isinstance(located.data, dict):
        problems.error(1, "配置文件的最外层应该是 `organization:`、`branches:` 等键")
        raise ContentError(problems.items)
    # Not a warning: a colour or a name cut short would change the whole site unnoticed.
    for line, message in located.cut_off:
        problems.error(line, message)
    config = _read_config(Mapping(located.data, located, (), problems), root)
    if problems.errors:
        raise ContentError(problems.errors)
    return config


def _read_config(top: Mapping, root: Path) -> SiteConfig:
    organization = _read_organization(top)
    branches = _read_branches(top, root)
    types = _read_activity_types(top) if top.has("activity_types") else DEFAULT_ACTIVITY_TYPES
    known = {"organization", "branches", "activity_types", "tally", "posters"}
    return SiteConfig(
        organization=organization,
        branches=branches,
        activity_types=types,
        tally=_read_tally(top),
        posters=_read_posters(top),
        extra=top.known(known),
    )


def _read_organization(top: Mapping) -> Organization:
    org = top.mapping("organization", required=True, hint="name: 示范医院党委")
    if org is None:
        return Organization("", "https://example.org/")
    site_url = (
        org.text(
            "site_url", required=True, hint="请写网站的完整地址，如 https://example.org/dangjian/"
        )
        or ""
    )
    if site_url and not site_url.startswith(("http://", "https://")):
        org.error("site_url", "`site_url` 必须是以 http:// 或 https:// 开头的完整地址")
    return Organization(
        name=org.text("name", required=True, hint="请写党委名称") or "",
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        logo=org.text("logo"),
        color=_color(org, "color"),
        description=org.text("description"),
    )


def _color(section: Mapping, key: str) -> str:
    value = section.text(key)
    if value is None:
        return DEFAULT_COLOR
    if not is_hex_color(value):
        section.error(
            key, f'{section.label(key)} 应写成 `"#B71C1C"` 这样的六位颜色值（记得加引号）'
        )
        return DEFAULT_COLOR
    return value.upper()


def _each_mapping(top: Mapping, key: str, hint: str):
    for index, item in top.sequence(key):
        if not isinstance(item, dict):
            top.error(key, f"{top.label(key)} 的第 {index + 1} 项应该是 `{hint}` 这样的子项", index)
            continue
        yield top.child(key, index, item)


def _read_branches(top: Mapping, root: Path) -> tuple[Branch, ...]:
    if not top.has("branches"):
        top.error(None, "缺少必填项 `branches`，请至少列出一个党支部")
        return ()
    branches: list[Branch] = []
    seen: dict[str, str] = {}
    for item in _each_mapping(top, "branches", "id: cardiology"):
        branch = _read_branch(item, root)
        for key, value in (("id", branch.id), ("name", branch.name)):
            if value in seen:
                item.error(key, f"支部 {key} “{value}” 重复了，每个支部的 id 和名称都必须唯一")
            seen[value] = key
        branches.append(branch)
    return tuple(branches)


def _read_branch(item: Mapping, root: Path) -> Branch:
    branch_id = item.text("id", required=True, hint="如 cardiology（小写字母、数字和连字符）") or ""
    if branch_id and not _is_branch_id(branch_id):
        item.error(
            "id", f"支部 id “{branch_id}” 只能由小写英文字母、数字和连字符 `-` 组成，如 cardiology"
        )
    story_file = root / "content" / "branches" / f"{branch_id}.md"
    return Branch(
        id=branch_id,
        name=item.text("name", required=True, hint="请写支部全称") or "",
        brand=item.text("brand"),
        slogan=item.text("slogan"),
        color=_color(item, "color"),
        logo=item.text("logo"),
        members=item.integer("members", minimum=0),
        party_groups=item.integer("party_groups", minimum=1, default=1) or 1,
        secretaries=_read_terms(item),
        story=story_file.read_text(encoding="utf-8-sig")
        if branch_id and story_file.is_file()
        else None,
    )


def _is_branch_id(value: str) -> bool:
    return all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in value)


def _read_terms(branch: Mapping) -> tuple[Term, ...]:
    terms: list[tuple[Term, Mapping]] = []
    for item in _each_mapping(branch, "secretaries", "{name: 张三, from: 2024-01-01}"):
        name = item.text("name", required=True, hint="请写书记姓名")
        start = item.date("from", required=True)
        end = item.date("to")
        if name and start:
            term = Term(name, start[0], end[0] if end else None)
            if term.end and term.end < term.start:
                item.error("to", "任期结束日期 `to` 早于开始日期 `from`，请核对")
            terms.append((term, item))
    terms.sort(key=lambda pair: pair[0].start)
    for (before, _), (after, item) in itertools.pairwise(terms):
        if before.end is None or before.end >= after.start:
            item.error(
                "from",
                f"{after.name} 的任期与 {before.name} 的任期重叠，前任 `to` 必须早于后任 `from`",
            )
    return tuple(term for term, _ in terms)


def _read_activity_types(top: Mapping) -> tuple[ActivityType, ...]:
    types: list[ActivityType] = []
    seen: set[str] = set()
    for item in _each_mapping(top, "activity_types", "id: theme_day"):
        activity = ActivityType(
            id=item.text("id", required=True, hint="如 theme_day") or "",
            name=item.text("name", required=True, hint="如 主题党日") or "",
            aliases=item.text_list("aliases"),
            required=item.choice("required", PERIODS, "none"),
            attendance=item.choice("attendance", ATTENDANCE_RULES, "optional"),
            points=item.number("points", positive=False) or 0,
            cap=item.number("cap", positive=False),
            missing_penalty=item.number("missing_penalty", positive=False) or 0,
        )
        for spelling in activity.spellings:
            if spelling in seen:
                item.error("id", f"活动类型名称“{spelling}”重复了，id、名称和别名都必须唯一")
            seen.add(spelling)
        types.append(activity)
    return tuple(types)


def _read_tally(top: Mapping) -> TallySettings:
    tally = top.mapping("tally", hint='year_start: "01-01"')
    if tally is None:
        return TallySettings()
    return TallySettings(
        year_start=_month_day(tally),
        publish=tally.boolean("publish", False),
        late_after_days=tally.integer("late_after_days", minimum=0, default=7) or 0,
        late_penalty=tally.number("late_penalty", positive=False) or 0,
    )


def _month_day(tally: Mapping) -> tuple[int, int]:
    value = tally.text("year_start")
    if value is None:
        return (1, 1)
    try:
        month, day = (int(part) for part in value.split("-"))
        dt.date(2001, month, day)  # not a leap year: a year start must exist every year
        return month, day
    except ValueError:
        tally.error("year_start", f'`year_start` 应写成 "01-01" 这样的“月-日”，现在是“{value}”')
        return (1, 1)


def _read_posters(top: Mapping) -> PosterSettings:
    posters = top.mapping("posters", hint="font: /path/to/font.ttc")
    if posters is None:
        return PosterSettings()
    presets = posters.raw("presets") or {}
    if not isinstance(presets, dict):
        posters.error("presets", "`presets` 应是“预设名: 版式文件”的子项，如 `phone: phone.yaml`")
        presets = {}
    return PosterSettings(
        font=posters.text("font"), presets={str(k): str(v) for k, v in presets.items()}
    )
