"""A synthetic but realistic project: ``site_config.yaml`` plus ``content/reports/**``.

Shared by the benchmarks. The same arguments always write the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from generator.model.config import DEFAULT_ACTIVITY_TYPES, ActivityType

DEPARTMENTS = (
    "心血管内科",
    "呼吸与危重症医学科",
    "消化内科",
    "神经内科",
    "肾内科",
    "内分泌科",
    "血液科",
    "风湿免疫科",
    "感染科",
    "老年医学科",
    "普通外科",
    "骨科",
    "神经外科",
    "心胸外科",
    "泌尿外科",
    "妇产科",
    "儿科",
    "眼科",
    "耳鼻咽喉科",
    "口腔科",
    "皮肤科",
    "急诊科",
    "重症医学科",
    "麻醉科",
    "放射科",
    "超声医学科",
    "检验科",
    "病理科",
    "药学部",
    "康复医学科",
    "中医科",
    "肿瘤科",
    "核医学科",
    "营养科",
    "护理部",
    "门诊部",
    "医务处",
    "后勤保障处",
    "信息中心",
    "财务处",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红建国志文辉玲晓"
TOPICS = (
    "学习贯彻党的二十届三中全会精神",
    "深入开展党纪学习教育",
    "重温入党誓词",
    "医德医风专题教育",
    "“我为群众办实事”实践活动",
    "清廉医院建设",
    "进社区义诊",
    "党建引领学科建设",
    "改善就医感受提升患者体验",
    "红色教育基地参观学习",
)
SENTENCES = (
    "会议由支部书记主持，全体党员按时参加。",
    "大家围绕主题逐一发言，结合本职工作谈认识、谈体会、谈打算。",
    "支部书记指出，要把学习成果转化为推动医院高质量发展的实际行动。",
    "党员们表示，将始终坚持以患者为中心，不断提升医疗服务质量。",
    "活动中，支部党员为前来就诊的群众提供健康咨询和用药指导。",
    "本次活动进一步增强了党员的责任意识和宗旨意识。",
    "会上通报了上一阶段支部工作开展情况，并对下一步工作作出部署。",
    "与会人员认真学习了有关文件精神，并进行了深入交流讨论。",
    "支部委员会研究了发展党员、党费收缴和党员教育管理等事项。",
    "大家纷纷表示，要立足岗位、勇于担当，在急难险重任务中当先锋、作表率。",
    "活动现场气氛热烈，党员群众积极参与，取得了良好效果。",
    "下一步，支部将持续推进党建与业务深度融合，打造特色党建品牌。",
)
PHOTO_SIZE = (1600, 1200)


def make_corpus(
    root: Path,
    reports: int,
    branches: int = 80,
    photos_per_report: int = 0,
    seed: int = 1,
    *,
    year: int = 2025,
) -> Path:
    """Write a project with ``reports`` reports over ``branches`` branches, all in ``year``.

    Reports use the default activity types (with attendance where required), Chinese and
    English keys, joint branches, drafts, internal reports and late submissions, each with a
    1–3 KB Chinese body; ``photos_per_report`` distinct JPEGs sit next to each report.
    """
    rng = random.Random(seed)
    ids = [f"branch-{index + 1:03d}" for index in range(branches)]
    (root / "content" / "reports").mkdir(parents=True, exist_ok=True)
    (root / "site_config.yaml").write_text(_config(ids, year, rng), encoding="utf-8")
    for number in range(reports):
        _write_report(root, number, ids, year, photos_per_report, rng)
    return root


def _branch_name(index: int) -> str:
    department = DEPARTMENTS[index % len(DEPARTMENTS)]
    round_ = index // len(DEPARTMENTS)
    return f"{department}{'' if round_ == 0 else f'第{round_ + 1}'}党支部"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


def _config(ids: list[str], year: int, rng: random.Random) -> str:
    lines = [
        "organization:",
        "  name: 示范医院党委",
        "  site_url: https://example.org/dangjian/",
        "branches:",
    ]
    for index, branch_id in enumerate(ids):
        lines += [
            f"  - id: {branch_id}",
            f"    name: {_branch_name(index)}",
            f"    members: {rng.randint(8, 60)}",
            "    secretaries:",
            *(f"      - {term}" for term in _terms(year, rng)),
        ]
    return "\n".join(lines) + "\n"


def _terms(year: int, rng: random.Random) -> list[str]:
    """Most branches keep one secretary; some hand over mid-year, a few with a gap between."""
    first = f"{{name: {_person(rng)}, from: {year - rng.randint(1, 4)}-01-01"
    roll = rng.random()
    if roll > 0.3:
        return [first + "}"]
    handover = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(60, 300))
    gap = dt.timedelta(days=rng.randint(20, 45) if roll < 0.05 else 1)
    return [
        f"{first}, to: {handover - dt.timedelta(days=1)}}}",
        f"{{name: {_person(rng)}, from: {handover - dt.timedelta(days=1) + gap}}}",
    ]


def _activity(rng: random.Random) -> ActivityType:
    """Roughly the mix a hospital reports: mostly the monthly meetings and theme days."""
    weights = {"monthly": 6, "quarterly": 3, "yearly": 1, "none": 4}
    return rng.choices(
        DEFAULT_ACTIVITY_TYPES, [weights[t.required] for t in DEFAULT_ACTIVITY_TYPES]
    )[0]


def _write_report(
    root: Path, number: int, ids: list[str], year: int, photos: int, rng: random.Random
) -> None:
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    branch = rng.choice(ids)
    joint = [branch, rng.choice([b for b in ids if b != branch])] if rng.random() < 0.05 else []
    activity = _activity(rng)
    folder = root / "content" / "reports" / branch / str(year)
    stem = f"{day}-{number:05d}"
    chinese = rng.random() < 0.3
    key = (lambda en, zh: zh) if chinese else (lambda en, zh: en)
    fields = [
        f"{key('title', '标题')}: {activity.name}：{rng.choice(TOPICS)}",
        f"{key('date', '日期')}: {day} {rng.randint(8, 17):02d}:{rng.choice(('00', '30'))}",
        f"{key('branch', '支部')}: {'[' + ', '.join(joint) + ']' if joint else branch}",
        f"{key('type', '类型')}: {activity.name if chinese else activity.id}",
        f"{key('host', '主持人')}: {_person(rng)}",
        f"{key('location', '地点')}: 门诊楼{rng.randint(2, 12)}楼会议室",
    ]
    if activity.attendance_required:
        fields.append(_attendance(rng, key))
    if rng.random() < 0.1:
        fields.append(f"{key('visibility', '公开范围')}: internal")
    if rng.random() < 0.03:
        fields.append(f"{key('draft', '草稿')}: true")
    if rng.random() < 0.3:
        fields.append(
            f"{key('submitted', '报送日期')}: {day + dt.timedelta(days=rng.randint(0, 12))}"
        )
    if photos:
        fields.append(f"{key('photos', '照片')}: [{', '.join(_photos(folder, stem, photos, rng))}]")
    folder.mkdir(parents=True, exist_ok=True)
    text = "---\n" + "\n".join(fields) + "\n---\n\n" + _body(rng) + "\n"
    (folder / f"{stem}.md").write_text(text, encoding="utf-8")


def _attendance(rng: random.Random, key) -> str:
    expected = rng.randint(8, 40)
    absent = rng.randint(0, min(3, expected))
    people = ", ".join(
        f"{_person(rng)}（{rng.choice(('病假', '出差', '值班'))}）" for _ in range(absent)
    )
    return (
        f"{key('attendance', '出勤')}: {{{key('expected', '应到')}: {expected}, "
        f"{key('present', '实到')}: {expected - absent}, {key('absent', '缺席')}: [{people}]}}"
    )


def _body(rng: random.Random) -> str:
    """Paragraphs of 2–5 sentences until the body weighs 1–3 KB in UTF-8."""
    target = rng.randint(1024, 3072)
    paragraphs: list[str] = []
    size = 0
    while size < target:
        paragraph = "".join(rng.choices(SENTENCES, k=rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def _photos(folder: Path, stem: str, count: int, rng: random.Random) -> list[str]:
    """Distinct JPEGs (so content-hash caches see real work) in a folder beside the report."""
    from PIL import Image, ImageDraw  # only the photo benchmarks pay for Pillow

    (folder / stem).mkdir(parents=True, exist_ok=True)
    names = []
    for index in range(count):
        image = Image.new("RGB", PHOTO_SIZE, tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(6):
            x, y = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
            box = (x, y, x + rng.randint(50, 600), y + rng.randint(50, 400))
            draw.ellipse(box, fill=tuple(rng.randrange(256) for _ in range(3)))
        name = f"{stem}/{index + 1:02d}.jpg"
        image.save(folder / name, quality=85)
        names.append(name)
    return names
