"""The 投稿指南 page: how to write and hand in a report, with the live lists from the config."""

from __future__ import annotations

import datetime as dt

from ..model import Absentee, ActivityType, Attendance, SiteConfig
from ..model.dates import ACCEPTED_DATE_FORMS
from .fields import ALWAYS_REQUIRED, alias, field_help, joint_example, required_keys
from .scaffold import ReportDraft, render_report, report_stem

_PERIODS = {
    "none": "不作要求",
    "monthly": "每月至少 1 次",
    "quarterly": "每季度至少 1 次",
    "yearly": "每年至少 1 次",
}
EXAMPLE_DAY = dt.date(2026, 3, 5)


def guide_markdown(config: SiteConfig) -> str:
    """The page's Markdown; it changes only when the config does."""
    sections = [
        "# 投稿指南",
        "本页写给各党支部书记：怎样写一篇活动报道，怎样检查，怎样交稿。"
        "下面的支部和活动类型列表随配置自动更新。",
        _steps(config),
        _fields_table(config),
        _branches_table(config),
        _types_table(config),
        _example(config),
        _mistakes(),
    ]
    return "\n\n".join(sections) + "\n"


def _steps(config: SiteConfig) -> str:
    return "\n".join(
        [
            "## 一、交一篇报道的三个步骤",
            "",
            "1. **生成报道文件。** 在项目目录运行 `pbsite new`，按提示选择支部和活动类型，填写日期和标题。"
            "它会在 `content/reports/<支部id>/<年份>/` 下生成一个文件，所有项目都已列出，每项后面有说明。"
            "已经用 Word 写好的，运行 `pbsite import 报道.docx --branch 支部 --type 类型`："
            "时间、地点、主持人、记录人、出勤会自动填好，文中的图片会保存为照片。",
            "2. **填写内容。** 用记事本或其他文本编辑器打开文件：两行 `---` 之间是报道信息，"
            "下面是正文。照片放进报道旁边的同名文件夹，并写进“照片”。保存时编码选 UTF-8。",
            "3. **检查后交稿。** 运行 `pbsite check`，按提示修改，直到显示“其中 0 篇有问题”。"
            "然后把报道文件（.md）和照片文件夹一起交给党委办公室"
            f"，请在活动结束后 {config.tally.late_after_days} 天内交稿，并在“报送日期”里写上交稿日期。",
        ]
    )


def _fields_table(config: SiteConfig) -> str:
    rows = [
        f"| {alias(key)} | `{key}` | {'必填' if key in ALWAYS_REQUIRED else _rule(key)} "
        f"| {_cell(text)} |"
        for key, text in field_help(config.branches).items()
    ]
    return "\n".join(
        [
            "## 二、报道信息怎么写",
            "",
            "每项可以写中文名，也可以写英文名，意思相同，但同一项只写一次。"
            "冒号用英文半角“:”，冒号后空一格；缩进只用空格。",
            "",
            "| 项目 | 英文名 | 是否必填 | 说明 |",
            "| --- | --- | --- | --- |",
            *rows,
        ]
    )


def _rule(key: str) -> str:
    return "部分活动类型必填，见下表" if key == "attendance" else "选填"


def _branches_table(config: SiteConfig) -> str:
    rows = [f"| {_cell(b.name)} | `{b.id}` | {_cell(b.brand or '')} |" for b in config.branches]
    return "\n".join(
        [
            "## 三、支部",
            "",
            "“支部”写全称或 id 都可以。联建活动把各支部都写上，"
            f"如 `{joint_example(config.branches)}`。",
            "",
            "| 支部 | id | 品牌 |",
            "| --- | --- | --- |",
            *rows,
        ]
    )


def _types_table(config: SiteConfig) -> str:
    rows = [
        f"| {_cell(t.name)} | `{t.id}` | {_cell('、'.join(t.aliases))} "
        f"| {_PERIODS.get(t.required, t.required)} "
        f"| {'、'.join(alias(k) for k in required_keys(t))} |"
        for t in config.activity_types
    ]
    return "\n".join(
        [
            "## 四、活动类型",
            "",
            "“类型”写名称、id 或别名都可以。“报送要求”是每个支部应开展的次数；"
            "缺少的会在年度定量评价中扣分。",
            "",
            "| 类型 | id | 也可写 | 报送要求 | 必填项 |",
            "| --- | --- | --- | --- | --- |",
            *rows,
        ]
    )


def _example(config: SiteConfig) -> str:
    draft = example_draft(config)
    folder = report_stem(draft.day, draft.title)
    return "\n".join(
        [
            "## 五、完整示例",
            "",
            f"下面是一篇{draft.activity.name}报道，照片放在报道旁边的文件夹 `{folder}/` 里。"
            "`#` 后面是说明，可以保留，也可以删掉。",
            "",
            "```markdown",
            render_report(draft, folder, config.branches).rstrip("\n"),
            "```",
        ]
    )


def example_draft(config: SiteConfig) -> ReportDraft:
    """A report using every part of the format, valid for the first configured branch."""
    activity = _example_type(config)
    branch = config.branches[0]
    title = f"{branch.name}开展{activity.name}活动"
    folder = report_stem(EXAMPLE_DAY, title)
    expected = branch.members or 20
    return ReportDraft(
        title=title,
        day=EXAMPLE_DAY,
        time=dt.time(14, 30),
        branch=branch,
        activity=activity,
        host="张三",
        recorder="李四",
        location="门诊楼三楼会议室",
        attendance=Attendance(
            expected, expected - 2, (Absentee("王五", "病假"), Absentee("赵六", "外出进修"))
        ),
        photos=(f"{folder}/01.jpg", f"{folder}/02.jpg"),
        body=(
            f"3月5日下午，{branch.name}在门诊楼三楼会议室开展{activity.name}活动，"
            "支部党员重温入党誓词，集中学习了党的创新理论。\n\n"
            "## 学习交流\n\n"
            "大家结合临床工作谈体会，表示要把学习成果落实到改善患者就医体验上。"
        ),
    )


def _example_type(config: SiteConfig) -> ActivityType:
    """A type that needs attendance shows every part of a report."""
    with_attendance = [t for t in config.activity_types if t.attendance_required]
    return (with_attendance or list(config.activity_types))[0]


def _mistakes() -> str:
    return "\n".join(
        [
            "## 六、常见问题",
            "",
            "- **冒号和空格**：`标题：…` 里的全角冒号、行首的全角空格都不行，"
            "要用英文半角冒号加一个空格，如 `标题: 主题党日活动`。",
            "- **缩进**：“出勤”下面的应到、实到、缺席前面用两个空格，不要用 Tab 键。",
            "- **编码**：记事本“另存为”时，“编码”选 UTF-8。"
            "提示“GBK 编码”时，也可以运行 `pbsite check --fix-encoding` 自动转换（原文件会备份为 .bak）。",
            f"- **日期**：写成 {ACCEPTED_DATE_FORMS}，不能写还没到的日期。",
            "- **出勤**：实到不能多于应到；缺席人数要等于应到减实到，每人写上原因，如 `王五（病假）`。"
            "缺席人员的姓名和原因只用于检查和统计，不会在网站上公开。",
            "- **照片**：文件名要和“照片”里写的完全一致，包括大小写和扩展名（`.jpg` 和 `.JPG` 不同）；"
            "照片要放在 `content/` 里面，不要用快捷方式，同一张照片只写一次。",
            "- **内部报道和草稿**：“公开范围”写“内部”的报道计入统计，但不在网站上公开；"
            "“草稿”写“是”的报道既不发布也不计入统计。",
        ]
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
