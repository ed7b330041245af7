#!/usr/bin/env python3
"""Generate the bundled demo content: a fictional hospital Party committee and its nine branches.

Regenerates, deterministically from one seed:

- ``site_config.yaml``
- ``content/branches/<id>.md`` (brand stories) and ``content/branches/<id>.png`` (brand badges)
- ``content/reports/**`` (activity reports for 2026 and their illustrated photos)
- ``theme/assets/logo.png`` (the organisation's badge)

Usage: ``python scripts/make_demo_content.py`` from anywhere; the project root is this file's parent.
All people, places and events are invented.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from generator.model import load_project
from generator.model.photos import PHOTO_KEYS
from generator.model.report import ABSENTEE_KEYS, ATTENDANCE_KEYS, REPORT_KEYS

ROOT = Path(__file__).resolve().parent.parent
SEED = "demo-hospital-2026"
YEAR = 2026
FIRST_DAY = dt.date(2026, 1, 5)
LAST_DAY = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 22)
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
PHOTO_SIZE = (2000, 1500)
JPEG_QUALITY = 82
HOSPITAL_GPS = ((30, 16, 26.76), (120, 9, 18.36))  # an invented spot, written into three photos

RGB = tuple[int, int, int]

# =============================================================================== organisation

ORG_NAME = "示范人民医院党委"
ORG_URL = "https://dangjian.example-hospital.cn/"
ORG_COLOR = "#B71C1C"
ORG_DESCRIPTION = "以高质量党建引领医院高质量发展，展示各党支部“一支部一品牌”建设与活动风采"


@dataclass(frozen=True)
class Term:
    name: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Branch:
    id: str
    name: str
    dept: str  # how the branch's people are referred to in prose
    brand: str
    slogan: str
    color: str
    members: int
    groups: int
    secretaries: tuple[Term, ...]
    rooms: tuple[str, ...]
    work: tuple[str, ...]  # everyday clinical or service work, for prose
    misses: frozenset[tuple[str, int]]  # (type, month or quarter) with no report on purpose
    retired: bool = False

    def secretary_on(self, day: dt.date) -> str | None:
        return next((t.name for t in self.secretaries if t.covers(day)), None)


def _terms(*spans: tuple[str, str, str | None]) -> tuple[Term, ...]:
    return tuple(
        Term(n, dt.date.fromisoformat(a), dt.date.fromisoformat(b) if b else None)
        for n, a, b in spans
    )


def _misses(*pairs: tuple[str, int]) -> frozenset[tuple[str, int]]:
    return frozenset(pairs)


BRANCHES: tuple[Branch, ...] = (
    Branch(
        id="cardiology",
        name="心血管内科党支部",
        dept="心内科",
        brand="心守护",
        slogan="守护每一颗心",
        color="#C62828",
        members=32,
        groups=3,
        secretaries=_terms(("周建华", "2023-01-01", "2026-06-30"), ("林晓燕", "2026-07-01", None)),
        rooms=("心内科示教室", "门诊楼五楼党员活动室", "心内科医生办公室"),
        work=("胸痛中心建设", "冠心病介入诊疗", "心衰患者随访管理", "高血压健康管理"),
        misses=_misses(("group_meeting", 8)),
    ),
    Branch(
        id="nursing-1",
        name="护理第一党支部",
        dept="护理团队",
        brand="白衣红心",
        slogan="白衣映初心，护佑暖人心",
        color="#AD1457",
        members=46,
        groups=4,
        secretaries=_terms(("陈丽萍", "2024-03-01", None)),
        rooms=("护理部会议室", "住院部三楼示教室", "门诊楼五楼党员活动室"),
        work=("优质护理服务", "护理质量与患者安全", "专科护理门诊", "出院患者延续护理"),
        misses=_misses(),
    ),
    Branch(
        id="emergency",
        name="急诊医学科党支部",
        dept="急诊科",
        brand="急先锋",
        slogan="争分夺秒，生命至上",
        color="#E65100",
        members=27,
        groups=3,
        secretaries=_terms(("赵志刚", "2023-09-01", None)),
        rooms=("急诊科示教室", "急诊楼二楼会议室"),
        work=("急危重症抢救", "院前急救衔接", "急诊绿色通道", "突发事件医疗救援"),
        misses=_misses(
            ("group_meeting", 2),
            ("group_meeting", 7),
            ("committee_meeting", 10),
            ("party_lesson", 2),
        ),
    ),
    Branch(
        id="surgery-1",
        name="外科第一党支部",
        dept="普外科",
        brand="仁术先锋",
        slogan="精术仁心，刀锋向善",
        color="#1565C0",
        members=38,
        groups=3,
        secretaries=_terms(("孙立新", "2022-12-01", None)),
        rooms=("外科楼十二楼会议室", "普外科示教室"),
        work=("围手术期管理", "日间手术", "微创手术技术推广", "加速康复外科"),
        misses=_misses(("theme_day", 8), ("group_meeting", 10)),
    ),
    Branch(
        id="pediatrics",
        name="儿科党支部",
        dept="儿科",
        brand="童心港湾",
        slogan="守护童心，呵护成长",
        color="#2E7D32",
        members=21,
        groups=2,
        secretaries=_terms(("何雅琴", "2021-11-01", "2026-03-31"), ("郑文博", "2026-05-01", None)),
        rooms=("儿科示教室", "住院部九楼会议室"),
        work=("儿童哮喘规范化管理", "新生儿救治", "儿童保健与预防接种", "儿科夜间门诊"),
        misses=_misses(("committee_meeting", 4), ("group_meeting", 4)),
    ),
    Branch(
        id="medtech",
        name="医技党支部",
        dept="医技科室",
        brand="精准之光",
        slogan="精准检查，明辨秋毫",
        color="#6A1B9A",
        members=34,
        groups=3,
        secretaries=_terms(("吴海峰", "2024-01-01", None)),
        rooms=("医技楼二楼会议室", "检验科学习室", "影像科阅片室"),
        work=("检验检查结果互认", "危急值报告", "影像诊断质量控制", "检查预约一站式服务"),
        misses=_misses(("group_meeting", 6)),
    ),
    Branch(
        id="admin-logistics",
        name="行政后勤党支部",
        dept="行政后勤部门",
        brand="红管家",
        slogan="服务一线，保障有力",
        color="#4E342E",
        members=52,
        groups=4,
        secretaries=_terms(("马国庆", "2023-06-01", None)),
        rooms=("行政楼三楼会议室", "后勤保障部会议室"),
        work=("后勤保障服务", "安全生产管理", "智慧后勤建设", "职工餐饮服务"),
        misses=_misses(("group_meeting", 3), ("group_meeting", 9), ("general_meeting", 3)),
    ),
    Branch(
        id="retired",
        name="离退休党支部",
        dept="离退休老同志",
        brand="银辉",
        slogan="退休不褪色，余热映初心",
        color="#9E6A03",
        members=58,
        groups=5,
        secretaries=_terms(("黄秀兰", "2022-03-01", None)),
        rooms=("老干部活动中心", "离退休人员活动室"),
        work=("健康科普宣讲", "青年医师传帮带", "院史资料整理", "社区健康咨询"),
        misses=_misses(("committee_meeting", 2), ("committee_meeting", 8), ("theme_day", 2)),
        retired=True,
    ),
    Branch(
        id="oncology",
        name="肿瘤科党支部",
        dept="肿瘤科",
        brand="向阳花",
        slogan="与爱同行，向阳而生",
        color="#00838F",
        members=24,
        groups=2,
        secretaries=_terms(("谢明辉", "2025-01-01", None)),
        rooms=("肿瘤中心示教室", "放疗科会议室"),
        work=("肿瘤多学科诊疗", "安宁疗护", "肿瘤患者全程随访", "规范化疼痛管理"),
        misses=_misses(
            ("committee_meeting", 3),
            ("committee_meeting", 7),
            ("group_meeting", 5),
            ("group_meeting", 6),
            ("group_meeting", 9),
            ("theme_day", 7),
            ("party_lesson", 2),
            ("life_meeting", 1),
        ),
    ),
)
BY_ID = {b.id: b for b in BRANCHES}

STORIES: dict[str, str] = {
    "cardiology": """“心守护”品牌源于支部党员的一句承诺：把每一位胸痛患者当作自己的亲人。

支部以胸痛中心建设为抓手，组建党员先锋岗和“心守护”志愿服务队，推行急性心梗患者“先救治、后付费”，门球时间持续缩短。党员医生每月走进社区开展高血压、冠心病义诊和健康讲座，为慢病患者建立随访档案。

- 党员带头攻关复杂冠脉介入技术
- 党员护士牵头心衰患者出院随访
- 青年党员组成心肺复苏科普小分队

守护每一颗心，是支部全体党员不变的初心。""",
    "nursing-1": """“白衣红心”寓意白衣天使心中永远跳动着一颗红心。

护理第一党支部由内科系统各病区的护理党员组成，支部把党小组建在病区，推行“党员责任护士”制度，让党员在最忙的岗位、最难的患者身边亮身份、作表率。

支部坚持开展“护理门诊延伸服务”，党员护士为出院患者提供电话随访、上门指导和线上答疑，把护理服务从病房延伸到家庭。近年来，支部先后涌现出多名院级优秀共产党员和“最美护士”，品牌影响力不断提升。""",
    "emergency": """急诊是医院的“前哨”，也是生命的“驿站”。急诊医学科党支部以“急先锋”为品牌，倡导“关键时刻站得出来、危急关头冲得上去”的党员精神。

支部组建党员突击队，承担批量伤员救治、重大活动医疗保障等急难险重任务；设立“党员示范岗”，优化急诊绿色通道流程，推动院前院内无缝衔接。支部党员还常年坚持“急救知识进社区、进校园、进企业”，手把手教群众心肺复苏和海姆立克急救法，让更多人成为“第一目击者”中的施救者。""",
    "surgery-1": """“仁术先锋”取“医乃仁术”之意，倡导以精湛技术践行仁爱之心。

外科第一党支部将支部建设与学科建设同谋划、同推进，党员骨干带头开展微创手术和加速康复外科项目，牵头成立日间手术中心，让患者“住得短、花得少、恢复快”。

支部坚持“党员带徒”制度，每名党员骨干结对培养一名青年医师；设立“廉洁手术室”承诺墙，筑牢医德医风防线。“刀锋向善”，是外科党员对患者和社会的郑重承诺。""",
    "pediatrics": """孩子是家庭的希望，“童心港湾”愿做每一个患儿温暖的避风港。

儿科党支部党员人数不多，却个个是科室骨干。支部推出“党员爸爸妈妈”志愿服务，在病房开设绘本角、游戏角，帮助住院患儿缓解紧张情绪；针对儿童哮喘等慢性病，党员医生牵头建立家庭管理档案，定期随访指导。

每逢儿童节、开学季，支部党员走进幼儿园和小学，开展健康体检和卫生知识讲座，让健康理念从小扎根。""",
    "medtech": """医技科室是临床的“眼睛”。医技党支部以“精准之光”为品牌，立足检验、影像、病理、超声等岗位，追求每一份报告的精准与及时。

支部推行“党员质控岗”，由党员骨干牵头开展室内质控和疑难病例讨论；设立“检查预约一站式服务”党员示范窗口，整合预约流程，缩短患者等候时间；落实危急值报告“党员盯办”机制，确保第一时间通知临床。

精准检查、明辨秋毫，医技党员用专业守护诊断的每一道关口。""",
    "admin-logistics": """“红管家”是行政后勤党支部的服务品牌，意在当好医院的“大管家”、一线的“贴心人”。

支部围绕“服务一线、保障有力”的目标，推行“党员服务承诺制”和“首问负责制”，设立后勤服务热线，水电维修、物资配送等诉求做到件件有回音。支部还牵头推进智慧后勤建设，利用信息化手段提升能耗管理和设备巡检效率。

在防汛、保供、重大活动保障等急难任务中，“红管家”党员始终冲在前面，用实干赢得临床科室的信任。""",
    "retired": """离退休党支部由医院离退休老党员组成，支部品牌“银辉”寓意老同志银发生辉、余热映初心。

支部坚持“离岗不离党、退休不褪色”，依托“银发讲堂”组织老专家深入社区开展健康科普，义务参与青年医师病历点评和临床带教；组建院史资料整理小组，记录医院发展历程，讲好老一辈医务工作者的奋斗故事。

对行动不便的老党员，支部通过送学上门、线上学习等方式，确保“一个都不少”。""",
    "oncology": """“向阳花”象征着在困境中依然向着阳光生长的力量。

肿瘤科党支部围绕肿瘤患者全程管理，推动多学科诊疗（MDT）常态化，由党员专家牵头开展疑难病例讨论，为患者制定个体化治疗方案。支部开设安宁疗护病房和“向阳花”心灵驿站，党员医护人员为晚期患者提供症状控制、心理疏导和家属哀伤辅导。

“与爱同行，向阳而生”，支部党员以专业和温度陪伴每一位患者走过艰难时光。""",
}

# =============================================================================== people

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万严武戴孔汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文宁欣悦晨婷雪琳颖宇浩凯峰瑶楠倩佳俊"
    "琪蕾薇思怡雯晓丹慧博远航志毅诚晶莉冬梅兰春燕海波国庆振兴立群淑珍凤玲永新德福"
)


def invent_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Unique, plausible Chinese names that no one else in the demo already has."""
    names: list[str] = []
    while len(names) < count:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
        name = rng.choice(SURNAMES) + given
        if name not in taken and len(set(given)) == len(given):
            taken.add(name)
            names.append(name)
    return names


def invent_stand_ins(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Three-character names that are neither part of any other name nor contain one."""
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
        if not any(name in other or other in name for other in taken):
            taken.add(name)
            names.append(name)
    return names


@dataclass
class Roster:
    """Who is who in one branch: committee members, party-group leaders and other members."""

    committee: list[str]
    group_leaders: list[str]
    members: list[str]
    # Who is written down as absent instead of a member: names found nowhere else in the demo,
    # so a search of the published site for absentees' names finds none (they are never shown).
    absentees: dict[str, str] = field(default_factory=dict)

    def everyone(self) -> list[str]:
        return [*self.committee, *self.group_leaders, *self.members]


def build_rosters(rng: random.Random) -> dict[str, Roster]:
    taken = {t.name for b in BRANCHES for t in b.secretaries}
    rosters: dict[str, Roster] = {}
    for branch in BRANCHES:
        committee = invent_names(rng, 4 if branch.members >= 30 else 2, taken)
        leaders = invent_names(rng, branch.groups, taken)
        others = invent_names(rng, 22, taken)
        rosters[branch.id] = Roster(committee, leaders, others)
    for branch in BRANCHES:
        roster = rosters[branch.id]
        members = [*roster.group_leaders, *roster.members]
        # A generator of its own, so every other name and text stays as it was.
        stand_ins = invent_stand_ins(
            random.Random(f"{SEED}/{branch.id}/absent"), len(members), taken
        )
        roster.absentees = dict(zip(members, stand_ins, strict=True))
    return rosters


# =============================================================================== activity types


@dataclass(frozen=True)
class ActivityType:
    id: str
    name: str
    alias: str | None
    attendance: bool  # attendance required
    slug: str


TYPES: dict[str, ActivityType] = {
    t.id: t
    for t in (
        ActivityType("general_meeting", "支部党员大会", "党员大会", True, "general-meeting"),
        ActivityType("committee_meeting", "支部委员会", "支委会", True, "committee-meeting"),
        ActivityType("group_meeting", "党小组会", None, True, "group-meeting"),
        ActivityType("party_lesson", "党课", None, True, "party-lesson"),
        ActivityType("theme_day", "主题党日", None, True, "theme-day"),
        ActivityType("life_meeting", "组织生活会", None, True, "life-meeting"),
        ActivityType("member_review", "民主评议党员", None, False, "member-review"),
        ActivityType("volunteer", "志愿服务", None, False, "volunteer"),
        ActivityType("project", "党建+项目", None, False, "project"),
        ActivityType("study", "专题学习", None, False, "study"),
    )
}

# =============================================================================== topic banks


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    points: tuple[str, ...] = ()


def _topics(*rows: tuple[str, str, tuple[str, ...]]) -> tuple[Topic, ...]:
    return tuple(Topic(*row) for row in rows)


THEME_DAYS: dict[int, tuple[Topic, ...]] = {
    1: _topics(
        (
            "学习贯彻党的二十届四中全会精神",
            "fourth-plenum",
            (
                "集中学习党的二十届四中全会公报和“十五五”规划建议的主要内容",
                "围绕“全会精神与科室发展”开展分组讨论",
                "党员代表结合岗位谈学习体会",
            ),
        ),
        (
            "新春送温暖 关爱暖人心",
            "new-year-care",
            (
                "走访慰问支部困难党员和老党员，送上新春祝福",
                "为春节期间坚守一线岗位的党员职工送去慰问品",
                "召开座谈会听取党员对支部工作的意见建议",
            ),
        ),
    ),
    2: _topics(
        (
            "新春走访慰问老党员",
            "spring-visit",
            (
                "走访慰问离退休老党员，听老同志讲医院发展历程",
                "为坚守岗位的党员职工送上节日问候",
                "收集整理老党员的意见建议",
            ),
        ),
        (
            "学全会精神 谋开局起步",
            "plenum-kickoff",
            (
                "开展全会精神知识测试",
                "围绕科室年度目标开展“开局起步”大讨论",
                "制定支部年度学习计划",
            ),
        ),
    ),
    3: _topics(
        (
            "学雷锋 践初心",
            "learn-from-leifeng",
            (
                "学习雷锋精神的时代内涵",
                "党员志愿者在门诊大厅开展导诊、陪诊服务",
                "为行动不便的患者提供轮椅接送",
            ),
        ),
        (
            "巾帼心向党 建功新时代",
            "womens-day",
            ("开展女党员座谈会", "学习身边优秀女性医务工作者先进事迹", "为女职工送上节日祝福"),
        ),
    ),
    4: _topics(
        (
            "缅怀革命先烈 赓续红色血脉",
            "martyrs-memorial",
            (
                "赴市革命历史纪念馆参观学习",
                "向革命烈士敬献花篮并默哀",
                "在烈士纪念碑前重温入党誓词",
            ),
        ),
        (
            "清廉医院建设 党员先行",
            "clean-hospital",
            ("学习医疗领域典型案例通报", "全体党员签订廉洁行医承诺书", "开展廉洁文化知识答题"),
        ),
    ),
    5: _topics(
        (
            "劳动创造幸福 实干成就梦想",
            "labour-day",
            ("学习劳动模范先进事迹", "慰问后勤保障一线职工", "开展“岗位建功”交流"),
        ),
        (
            "弘扬南丁格尔精神 守护生命健康",
            "nightingale",
            ("学习南丁格尔精神", "为新入职护士举行授帽仪式", "党员护士分享护理故事"),
        ),
    ),
    6: _topics(
        (
            "安全生产 党员先行",
            "safety-month",
            ("学习安全生产相关法律法规", "开展科室消防和用电安全隐患排查", "组织应急疏散演练"),
        ),
        (
            "重温入党誓词 永葆初心本色",
            "oath-review",
            (
                "全体党员面向党旗重温入党誓词",
                "交流各自的入党初心故事",
                "为新发展的预备党员佩戴党员徽章",
            ),
        ),
    ),
    7: _topics(
        (
            "庆祝建党105周年 重温入党誓词",
            "party-105",
            ("全体党员面向党旗重温入党誓词", "为老党员颁发“光荣在党50年”纪念章", "观看党史专题片"),
        ),
        (
            "七一话初心 岗位显担当",
            "july-first",
            ("开展“七一话初心”主题讲述", "表彰支部优秀共产党员", "党员代表作表态发言"),
        ),
    ),
    8: _topics(
        (
            "弘扬崇高职业精神 庆祝中国医师节",
            "doctors-day",
            ("学习全国优秀医师先进事迹", "青年医师重温医师誓言", "在门诊开展医师节义诊"),
        ),
        (
            "清凉送一线 关爱暖人心",
            "summer-care",
            (
                "为高温下坚守岗位的后勤、安保人员送去防暑降温物品",
                "党员到发热门诊、急诊等一线岗位慰问",
                "开展防暑降温知识宣教",
            ),
        ),
    ),
    9: _topics(
        (
            "铭记历史 珍爱和平",
            "remember-history",
            ("观看抗战题材纪录片", "学习抗战时期医务工作者救死扶伤的感人事迹", "党员交流观影感悟"),
        ),
        (
            "传帮带 育新人",
            "mentoring",
            ("为新入职青年医护人员举行师徒结对仪式", "党员骨干分享带教经验", "青年党员代表发言"),
        ),
    ),
    10: _topics(
        (
            "纪念红军长征胜利90周年",
            "long-march-90",
            ("重温红军长征的光辉历程", "开展“长征精神与医者担当”主题讨论", "观看长征主题纪录片"),
        ),
        (
            "喜迎国庆 礼赞祖国",
            "national-day",
            (
                "开展“我和我的祖国”快闪合唱",
                "组织国庆假期值班和安全检查",
                "党员为节日期间在岗职工送慰问",
            ),
        ),
    ),
    11: _topics(
        (
            "学习全会精神 冲刺全年目标",
            "year-end-sprint",
            ("对照年度目标梳理工作进度", "开展全会精神再学习", "查找短板、明确冲刺举措"),
        ),
        (
            "消防安全 党员先行",
            "fire-safety",
            ("学习消防安全知识", "开展灭火器、消火栓实操演练", "排查病区消防通道和安全出口"),
        ),
    ),
}

LESSONS: tuple[Topic, ...] = _topics(
    (
        "以党的创新理论引领医院高质量发展",
        "innovation-theory",
        (
            "坚持和完善党委领导下的院长负责制，把党的领导落实到医院治理各环节",
            "坚持以人民健康为中心，推动优质医疗资源扩容和均衡布局",
            "以学科建设为龙头，提升疑难危重症诊疗能力",
        ),
    ),
    (
        "学思践悟全会精神 争做新时代好医生",
        "good-doctor",
        (
            "全会精神为卫生健康事业发展指明了方向",
            "好医生首先要有坚定的理想信念和高尚的医德",
            "要把全会精神转化为提升医疗质量、改善患者体验的具体行动",
        ),
    ),
    (
        "从长征精神中汲取奋进力量",
        "long-march-spirit",
        (
            "长征精神是中国共产党人革命风范的生动反映",
            "新时代的“长征路”上，医务工作者同样要敢于攻坚克难",
            "要以长征精神激励自己在平凡岗位上创造不平凡的业绩",
        ),
    ),
    (
        "守好医德医风“生命线”",
        "medical-ethics",
        (
            "医德医风是医院的立院之本",
            "要以典型案例为镜鉴，严守廉洁行医各项规定",
            "要把对患者的尊重和关爱融入每一次诊疗",
        ),
    ),
    (
        "坚持人民至上 守护生命健康",
        "people-first",
        (
            "人民至上、生命至上是医务工作者的根本遵循",
            "要从患者最关心的问题入手改进服务",
            "要在急难险重任务中践行初心使命",
        ),
    ),
    (
        "“十五五”开局之年，我们何为",
        "first-year",
        (
            "深刻理解“十五五”时期卫生健康事业面临的新形势",
            "找准科室在医院发展全局中的定位",
            "以开局之年的扎实工作为五年发展打好基础",
        ),
    ),
    (
        "严守纪律规矩 筑牢廉洁防线",
        "discipline",
        (
            "纪律是管党治党的“戒尺”",
            "医疗领域不正之风的表现形式和危害",
            "党员要带头遵守“九项准则”，做到警钟长鸣",
        ),
    ),
    (
        "做新时代合格共产党员",
        "qualified-member",
        ("合格党员要在政治上过硬", "合格党员要在业务上精湛", "合格党员要在作风上严实"),
    ),
    (
        "以改善就医感受为抓手提升患者满意度",
        "patient-experience",
        (
            "就医感受是检验医院服务的“试金石”",
            "要从预约、候诊、检查、缴费等环节查找堵点",
            "党员要在改善服务中走在前、作表率",
        ),
    ),
    (
        "党建引领学科建设的实践与思考",
        "discipline-building",
        (
            "把支部建在学科上，推动党建与业务同频共振",
            "发挥党员骨干在技术创新中的攻坚作用",
            "以人才梯队建设为学科发展提供持久动力",
        ),
    ),
)
RETIRED_LESSON = Topic(
    "老党员讲党史：医院七十年奋斗路",
    "hospital-history",
    (
        "回顾医院从简陋卫生所发展为现代化综合医院的历程",
        "讲述老一辈医务工作者艰苦创业的感人故事",
        "寄语青年医务工作者传承红色基因",
    ),
)
NURSING_LESSON = Topic(
    "传承南丁格尔精神 践行护理初心",
    "nightingale-spirit",
    (
        "南丁格尔精神的核心是人道、博爱、奉献",
        "护理工作是离患者最近的岗位",
        "党员护士要在优质护理服务中发挥示范作用",
    ),
)

STUDIES: tuple[Topic, ...] = _topics(
    (
        "《中国共产党纪律处分条例》",
        "discipline-rules",
        ("条例的修订背景和主要内容", "六项纪律的具体要求"),
    ),
    (
        "中央八项规定及其实施细则精神",
        "eight-point-rules",
        ("八项规定的主要内容", "纠治“四风”的新要求"),
    ),
    (
        "全国卫生健康工作会议精神",
        "health-conference",
        ("今年卫生健康工作的总体要求", "与科室工作相关的重点任务"),
    ),
    (
        "《医疗机构工作人员廉洁从业九项准则》",
        "nine-rules",
        ("九项准则的主要内容", "违反准则的典型案例"),
    ),
    ("党的二十届四中全会精神", "plenum", ("全会的主要精神", "“十五五”时期卫生健康领域的重点任务")),
    (
        "《基本医疗卫生与健康促进法》",
        "health-law",
        ("法律对医疗卫生人员的权利义务规定", "依法执业的具体要求"),
    ),
    (
        "意识形态工作责任制有关规定",
        "ideology",
        ("意识形态工作的责任分工", "网络舆情应对的基本要求"),
    ),
    (
        "《中国共产党党员教育管理工作条例》",
        "member-education",
        ("党员教育的主要内容和方式", "党员管理的具体要求"),
    ),
)

GROUP_STUDIES: tuple[str, ...] = (
    "党的二十届四中全会精神",
    "《中国共产党章程》",
    "医疗领域不正之风集中整治有关要求",
    "患者安全目标",
    "典型案例警示教育材料",
    "“改善就医感受、提升患者体验”工作要求",
    "健康中国建设有关论述",
    "党的优良传统和作风",
)

COMMITTEE_TOPICS: dict[str, tuple[str, str]] = {
    "plan": ("年度党建工作计划", "annual-plan"),
    "recruit": ("发展党员工作", "party-recruitment"),
    "theme": ("主题党日活动方案", "theme-day-plan"),
    "brand": ("党建品牌项目推进", "brand-project"),
    "ideology": ("意识形态工作", "ideology"),
    "ethics": ("医德医风建设", "medical-ethics"),
    "volunteer": ("志愿服务安排", "volunteer-roster"),
    "midyear": ("上半年工作总结", "midyear-review"),
}

AGENDA: tuple[str, ...] = (
    "传达学习上级党委近期会议精神和工作部署",
    "研究本月主题党日活动方案，明确时间、地点和分工",
    "研究发展党员工作，听取培养联系人对入党积极分子的考察情况",
    "通报上月党费收缴情况",
    "分析研判支部党员思想动态，研究意识形态工作",
    "研究“{brand}”党建品牌年度重点项目推进计划",
    "通报科室医德医风考评和患者投诉整改情况",
    "部署近期{work}相关重点工作",
    "研究下阶段党员志愿服务排班",
    "讨论党员教育培训安排",
)

GENERAL_TOPICS: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("通报2025年度党建工作和2026年工作要点", "work-plan"), ("讨论接收预备党员", "new-member")),
    2: (("讨论预备党员转正", "probation-end"), ("通报一季度党建工作", "q1-report")),
    3: (("通报上半年党建工作", "midyear-report"), ("推荐优秀共产党员", "model-members")),
    4: (("讨论确定发展对象", "candidates"), ("通报前三季度党建工作", "q3-report")),
}

VOLUNTEER_SERVICES: tuple[Topic, ...] = _topics(
    (
        "义诊",
        "free-clinic",
        ("测量血压、血糖", "一对一健康咨询", "慢病用药指导", "发放健康宣传资料"),
    ),
    (
        "急救知识培训",
        "first-aid",
        ("心肺复苏操作演示", "AED使用方法讲解", "海姆立克急救法实操", "现场答疑"),
    ),
    (
        "健康科普讲座",
        "health-talk",
        ("慢性病防治知识讲解", "合理膳食和科学运动指导", "常见误区答疑"),
    ),
    (
        "门诊导诊",
        "outpatient-guide",
        ("门诊大厅导诊分诊", "指导患者使用自助机和手机预约", "为老年患者陪诊"),
    ),
    (
        "敬老院送健康",
        "elderly-care",
        ("为老人体检并建立健康档案", "康复训练指导", "陪老人聊天谈心"),
    ),
    (
        "送医下乡",
        "rural-clinic",
        ("常见病多发病诊治", "基层医务人员带教", "赠送常用药品和健康手册"),
    ),
    ("学生健康体检", "student-checkup", ("视力和口腔检查", "青春期健康教育", "急救小课堂")),
)
VOLUNTEER_PLACES: tuple[tuple[str, str], ...] = (
    ("幸福里社区卫生服务站", "xingfuli"),
    ("阳光社区党群服务中心", "yangguang"),
    ("青石镇卫生院", "qingshi"),
    ("城南颐养院", "chengnan"),
    ("实验小学", "shiyan-school"),
    ("滨江公园", "binjiang-park"),
    ("东湖街道新时代文明实践站", "donghu"),
    ("红星村卫生室", "hongxing-village"),
    ("金桥社区", "jinqiao"),
    ("本院门诊大厅", "outpatient-hall"),
)
SERVICE_PLACES: dict[str, tuple[str, ...]] = {  # where each kind of volunteer service makes sense
    "free-clinic": (
        "幸福里社区卫生服务站",
        "阳光社区党群服务中心",
        "金桥社区",
        "滨江公园",
        "东湖街道新时代文明实践站",
    ),
    "first-aid": (
        "阳光社区党群服务中心",
        "实验小学",
        "滨江公园",
        "东湖街道新时代文明实践站",
        "金桥社区",
    ),
    "health-talk": (
        "幸福里社区卫生服务站",
        "阳光社区党群服务中心",
        "东湖街道新时代文明实践站",
        "金桥社区",
    ),
    "outpatient-guide": ("本院门诊大厅",),
    "elderly-care": ("城南颐养院",),
    "rural-clinic": ("青石镇卫生院", "红星村卫生室"),
    "student-checkup": ("实验小学",),
}

PROJECTS: dict[str, tuple[Topic, ...]] = {
    "cardiology": _topics(
        ("胸痛中心“绿色通道”提速", "chest-pain-fast-track", ("门球时间", "分钟")),
        ("心衰患者“云随访”", "heart-failure-followup", ("随访覆盖率", "%")),
    ),
    "nursing-1": _topics(
        ("护理门诊延伸服务", "nursing-clinic", ("延续护理服务", "人次")),
        ("“党员责任护士”示范病区", "model-ward", ("患者满意度", "%")),
    ),
    "emergency": _topics(
        ("急救知识进社区“千人培训”", "cpr-training", ("累计培训群众", "人")),
        ("院前院内一体化急救", "prehospital-link", ("交接时间", "分钟")),
    ),
    "surgery-1": _topics(
        ("日间手术提质增效", "day-surgery", ("日间手术占比", "%")),
        ("加速康复外科推广", "eras", ("平均住院日", "天")),
    ),
    "pediatrics": _topics(
        ("儿童哮喘家庭管理", "asthma-care", ("建档患儿", "人")),
        ("住院患儿“童心驿站”", "kids-corner", ("服务患儿", "人次")),
    ),
    "medtech": _topics(
        ("检查预约一站式服务", "one-stop-booking", ("平均预约等候时间", "天")),
        ("危急值报告“党员盯办”", "critical-values", ("危急值及时通报率", "%")),
    ),
    "admin-logistics": _topics(
        ("后勤服务“一次办好”", "one-stop-service", ("报修平均响应时间", "分钟")),
        ("智慧后勤节能改造", "smart-logistics", ("设备智能巡检覆盖率", "%")),
    ),
    "retired": _topics(
        ("“银发讲堂”健康科普", "silver-lecture", ("累计开讲", "场")),
        ("院史资料抢救性整理", "hospital-history", ("整理老照片和资料", "件")),
    ),
    "oncology": _topics(
        ("安宁疗护“向阳花”驿站", "hospice", ("服务患者和家属", "人次")),
        ("肿瘤MDT门诊", "mdt-clinic", ("完成多学科会诊", "例")),
    ),
}

ROLES: dict[str, str] = {
    "cardiology": "心内科医生",
    "nursing-1": "护士",
    "emergency": "急诊医生",
    "surgery-1": "外科医生",
    "pediatrics": "儿科医生",
    "medtech": "医技人员",
    "admin-logistics": "后勤人员",
    "retired": "老党员",
    "oncology": "肿瘤科医生",
}
HOSPITAL_ROOMS = ("学术报告厅", "门诊楼五楼党员活动室", "院史馆", "行政楼一楼多功能厅")
ABSENCE_REASONS = (
    "夜班",
    "值班",
    "病假",
    "外出进修",
    "产假",
    "事假",
    "公差",
    "手术",
    "参加学术会议",
    "对口支援",
    "下乡帮扶",
    "年休假",
    "带教考核",
)
RETIRED_REASONS = ("身体原因", "住院治疗", "异地居住", "行动不便", "照顾家人", "外出探亲")
HOLIDAYS: tuple[tuple[str, str], ...] = (
    ("2026-01-01", "2026-01-04"),
    ("2026-02-14", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-08"),
)

HOSPITAL_LEADERS: tuple[tuple[str, str], ...] = (
    ("院党委书记", "刘振华"),
    ("院党委副书记", "宋文静"),
    ("院纪委书记", "韩立群"),
)

# =============================================================================== planning


@dataclass
class Plan:
    """One report to write: what happened, when, and which special case it demonstrates."""

    branches: tuple[Branch, ...]
    day: dt.date
    type: str
    topic: Topic | None = None
    number: int = 0  # party group, quarter or similar
    title: str | None = None  # fixed title for special cases
    slug: str | None = None
    internal: bool = False
    draft: bool = False
    chinese: bool = False
    exif: bool = False

    @property
    def branch(self) -> Branch:
        return self.branches[0]


def is_holiday(day: dt.date) -> bool:
    return any(dt.date.fromisoformat(a) <= day <= dt.date.fromisoformat(b) for a, b in HOLIDAYS)


def pick_day(
    rng: random.Random, month: int, lo: int, hi: int, taken: set[dt.date], weekdays: bool = True
) -> dt.date | None:
    """A free, working (or any, for volunteers) day in ``month`` between ``lo`` and ``hi``."""
    for window in ((lo, hi), (1, 31)):
        days = [
            dt.date(YEAR, month, d) for d in range(window[0], window[1] + 1) if _valid(month, d)
        ]
        days = [
            d
            for d in days
            if FIRST_DAY <= d <= LAST_DAY
            and not is_holiday(d)
            and d not in taken
            and (d.weekday() < 5 or not weekdays)
        ]
        if days:
            day = rng.choice(days)
            taken.add(day)
            return day
    return None


def _valid(month: int, day: int) -> bool:
    try:
        dt.date(YEAR, month, day)
    except ValueError:
        return False
    return True


MONTHLY_WINDOWS = {"committee_meeting": (3, 12), "group_meeting": (10, 22), "theme_day": (15, 28)}
# Party-group meetings are the ones most often left unreported: how often each branch files one.
GROUP_MEETING_RATE = {
    "cardiology": 0.9,
    "nursing-1": 0.95,
    "emergency": 0.6,
    "surgery-1": 0.8,
    "pediatrics": 0.75,
    "medtech": 0.85,
    "admin-logistics": 0.8,
    "retired": 0.8,
    "oncology": 0.5,
}


def plan_monthly(branch: Branch, rng: random.Random, taken: set[dt.date]) -> list[Plan]:
    plans: list[Plan] = []
    for month in range(1, 12):
        for type_id, (lo, hi) in MONTHLY_WINDOWS.items():
            if (type_id, month) in branch.misses or (month == 11 and rng.random() < 0.4):
                continue
            if type_id == "group_meeting" and rng.random() > GROUP_MEETING_RATE[branch.id]:
                continue
            day = pick_day(rng, month, lo, hi, taken)
            if day is None:
                continue
            plan = Plan((branch,), day, type_id)
            if type_id == "theme_day":
                plan.topic = theme_topic(branch, month, rng)
            elif type_id == "group_meeting":
                plan.number = rng.randint(1, branch.groups)
            else:
                plan.topic = committee_topic(month, rng)
            plans.append(plan)
    return plans


def theme_topic(branch: Branch, month: int, rng: random.Random) -> Topic:
    """This month's theme; the nurses' day theme belongs to the nursing branch."""
    options = [t for t in THEME_DAYS[month] if t.slug != "nightingale" or branch.id == "nursing-1"]
    nursing_day = [t for t in options if t.slug == "nightingale"]
    return nursing_day[0] if nursing_day else rng.choice(options)


def plan_quarterly(branch: Branch, rng: random.Random, taken: set[dt.date]) -> list[Plan]:
    plans: list[Plan] = []
    for quarter in range(1, 5):
        months = [m for m in range(quarter * 3 - 2, quarter * 3 + 1) if m <= 11]
        for type_id in ("general_meeting", "party_lesson"):
            if (type_id, quarter) in branch.misses or (quarter == 4 and rng.random() < 0.35):
                continue
            month = (
                months[-1]
                if type_id == "general_meeting" and rng.random() < 0.6
                else rng.choice(months)
            )
            day = pick_day(rng, month, 5, 26, taken)
            if day is None:
                continue
            plan = Plan((branch,), day, type_id, number=quarter)
            if type_id == "party_lesson":
                plan.topic = lesson_topic(branch, quarter, rng)
            plans.append(plan)
    return plans


def lesson_topic(branch: Branch, quarter: int, rng: random.Random) -> Topic:
    if branch.retired and quarter == 3:
        return RETIRED_LESSON
    if branch.id == "nursing-1" and quarter == 2:
        return NURSING_LESSON
    if quarter == 4:
        return LESSONS[2]  # the Long March anniversary falls in October
    return rng.choice([t for t in LESSONS if t.slug != "long-march-spirit"])


def plan_yearly(branch: Branch, rng: random.Random, taken: set[dt.date]) -> list[Plan]:
    plans: list[Plan] = []
    month = rng.choice((1, 2))
    if ("life_meeting", 1) not in branch.misses:
        day = pick_day(rng, month, 8 if month == 1 else 2, 30 if month == 1 else 12, taken)
        if day:
            plans.append(Plan((branch,), day, "life_meeting"))
    if branch.id not in ("oncology", "emergency"):
        day = pick_day(rng, month + 1, 2, 20, taken)
        if day:
            plans.append(Plan((branch,), day, "member_review"))
    return plans


def plan_optional(branch: Branch, rng: random.Random, taken: set[dt.date]) -> list[Plan]:
    plans: list[Plan] = []
    volunteers = {"emergency": 3, "retired": 1, "cardiology": 2, "pediatrics": 2}.get(
        branch.id, rng.randint(1, 2)
    )
    for _ in range(volunteers):
        day = pick_day(rng, rng.randint(3, 11), 1, 31, taken, weekdays=False)
        if day:
            plans.append(Plan((branch,), day, "volunteer", topic=volunteer_service(branch, rng)))
    for topic in PROJECTS[branch.id][: rng.randint(1, 2)]:
        day = pick_day(rng, rng.randint(4, 11), 5, 28, taken)
        if day:
            plans.append(Plan((branch,), day, "project", topic=topic))
    for topic in rng.sample(STUDIES, rng.randint(0, 2)):
        day = pick_day(rng, rng.randint(2, 11), 5, 28, taken)
        if day:
            plans.append(Plan((branch,), day, "study", topic=topic))
    return plans


def volunteer_service(branch: Branch, rng: random.Random) -> Topic:
    preferred = {
        "emergency": "first-aid",
        "pediatrics": "student-checkup",
        "retired": "health-talk",
        "admin-logistics": "outpatient-guide",
        "nursing-1": "elderly-care",
    }.get(branch.id)
    if preferred and rng.random() < 0.7:
        return next(t for t in VOLUNTEER_SERVICES if t.slug == preferred)
    return rng.choice(VOLUNTEER_SERVICES)


def plan_all(rng: random.Random) -> list[Plan]:
    plans: list[Plan] = []
    for branch in BRANCHES:
        taken: set[dt.date] = set()
        for planner in (plan_yearly, plan_quarterly, plan_monthly, plan_optional):
            plans.extend(planner(branch, rng, taken))
    add_joint(plans)
    add_collision(plans)
    mark_internal(plans)
    add_drafts(plans)
    plans.sort(key=lambda p: (p.day, p.branch.id, p.type))
    mark_chinese(plans, rng)
    mark_exif(plans)
    return plans


def _find(plans: list[Plan], branch: str, type_id: str, month: int | None = None) -> Plan:
    return next(
        p
        for p in plans
        if p.branch.id == branch and p.type == type_id and (month is None or p.day.month == month)
    )


def add_joint(plans: list[Plan]) -> None:
    """Cardiology and nursing-1 hold June's theme day together; the joint report is their only one."""
    for branch in ("cardiology", "nursing-1"):
        plans.remove(_find(plans, branch, "theme_day", 6))
    topic = THEME_DAYS[6][1]
    plans.append(
        Plan(
            (BY_ID["cardiology"], BY_ID["nursing-1"]),
            dt.date(2026, 6, 26),
            "theme_day",
            topic=topic,
            title="心血管内科党支部与护理第一党支部联合开展“重温入党誓词 永葆初心本色”主题党日活动",
            slug="joint-theme-day-oath",
        )
    )


def add_collision(plans: list[Plan]) -> None:
    """Two teams of one branch, one title, one day: their pages must not share a URL."""
    service = next(t for t in VOLUNTEER_SERVICES if t.slug == "first-aid")
    title = "急诊医学科党支部“急先锋”志愿服务队开展急救知识进社区活动"
    for slug in ("first-aid-community", "first-aid-community-team2"):
        plans.append(
            Plan(
                (BY_ID["emergency"],),
                dt.date(2026, 9, 13),
                "volunteer",
                topic=service,
                title=title,
                slug=slug,
            )
        )


def mark_internal(plans: list[Plan]) -> None:
    cases = (
        (
            "oncology",
            "committee_meeting",
            4,
            "（内部）肿瘤科党支部支委会研究发展对象人选",
            "internal-candidates",
            "recruit",
        ),
        (
            "surgery-1",
            "life_meeting",
            None,
            "外科第一党支部2025年度组织生活会情况通报（内部）",
            "internal-life-meeting",
            None,
        ),
        (
            "admin-logistics",
            "member_review",
            None,
            "行政后勤党支部民主评议党员测评结果（内部）",
            "internal-member-review",
            None,
        ),
        (
            "medtech",
            "committee_meeting",
            9,
            "医技党支部内部警示教育：支委会通报典型违纪案例",
            "internal-warning-cases",
            "ethics",
        ),
    )
    for branch, type_id, month, title, slug, topic in cases:
        plan = _find(plans, branch, type_id, month)
        plan.internal, plan.title, plan.slug = True, title, slug
        if topic:
            plan.topic = Topic(*COMMITTEE_TOPICS[topic])


def add_drafts(plans: list[Plan]) -> None:
    rows = (
        (
            "emergency",
            dt.date(2026, 11, 19),
            "theme_day",
            THEME_DAYS[11][1],
            "【草稿】急诊医学科党支部11月主题党日活动",
            "draft-theme-day",
        ),
        (
            "pediatrics",
            dt.date(2026, 11, 15),
            "volunteer",
            VOLUNTEER_SERVICES[6],
            "儿科党支部校园健康体检志愿服务（草稿）",
            "draft-volunteer",
        ),
        (
            "medtech",
            dt.date(2026, 10, 30),
            "project",
            PROJECTS["medtech"][0],
            "草稿：医技党支部“检查预约一站式服务”项目阶段小结",
            "draft-project",
        ),
    )
    for branch, day, type_id, topic, title, slug in rows:
        plans.append(
            Plan((BY_ID[branch],), day, type_id, topic=topic, title=title, slug=slug, draft=True)
        )


def mark_chinese(plans: list[Plan], rng: random.Random) -> None:
    """About fifteen reports use the Chinese key aliases throughout, as some secretaries do."""
    ordinary = [
        p for p in plans if len(p.branches) == 1 and not p.internal and not p.draft and not p.slug
    ]
    for plan in rng.sample(ordinary, 14):
        plan.chinese = True
    next(p for p in plans if p.draft and p.type == "volunteer").chinese = True


def mark_exif(plans: list[Plan]) -> None:
    """Three volunteer reports carry a phone photo with orientation and GPS tags."""
    seen: set[str] = set()
    for plan in plans:
        if (
            plan.type == "volunteer"
            and not plan.draft
            and not plan.slug
            and plan.branch.id not in seen
        ):
            plan.exif = True
            seen.add(plan.branch.id)
            if len(seen) == 3:
                return


# =============================================================================== prose

QUOTES: tuple[str, ...] = (
    "作为一名{role}，我要把学习成果转化为服务患者的实际行动，在{work}中多想一步、多做一点。",
    "理论学习不能停留在笔记本上，要落到每一次交班、每一次沟通里。",
    "通过这次活动，我对“人民至上、生命至上”有了更深的理解，今后要在本职岗位上亮身份、作表率。",
    "身边的老党员就是最好的榜样，我会向他们学习，踏踏实实把每一件小事做好。",
    "作为青年党员，要敢于挑最重的担子，在急难险重任务面前冲得上去。",
    "党员身份不是一个称号，而是沉甸甸的责任。",
    "这次活动让我重新找回了入党时的那份激动，也更加明确了今后努力的方向。",
    "我们在{work}方面还有不少可以改进的地方，党员要带头想办法、解难题。",
    "患者的满意就是对我们最好的评价，我会继续用心对待每一位患者。",
)
RETIRED_QUOTES: tuple[str, ...] = (
    "人退休了，党员的身份没有退休，能为大家做点事，心里就踏实。",
    "看到医院一年一个样，我们这些老同志打心眼里高兴。",
    "年纪大了跑不动了，但讲讲过去的故事、给年轻人提提建议，还是能做到的。",
    "组织没有忘记我们，我们也不能忘记自己是一名共产党员。",
)
RESIDENT_QUOTES: tuple[str, ...] = (
    "医生把道理讲得明明白白，比我自己在网上查放心多了。",
    "专家到家门口来看病，不用排队挂号，真是方便。",
    "以前只知道吃药，今天才知道饮食和运动也这么重要。",
    "学会了这几招，家里老人小孩有个急事心里就不慌了。",
    "这些年轻人热情又耐心，给他们点赞！",
)
STEP_ELABORATIONS: tuple[str, ...] = (
    "大家围绕这一内容认真学习、深入讨论，气氛热烈。",
    "党员们边学边记，结合本职工作谈认识、谈打算。",
    "这一环节形式新颖，党员参与度高，取得了良好效果。",
    "活动组织有序，既有仪式感，又有实际收获。",
    "不少党员表示，这样的安排贴近实际，学得进、用得上。",
    "通过这一环节，党员们进一步增强了身份意识和责任意识。",
    "一些平时工作繁忙的党员也专门调整班次赶来参加。",
    "青年党员表现尤为积极，主动承担了组织和记录工作。",
)
DECISIONS: tuple[str, ...] = (
    "会议认为，本月支部各项工作总体有序推进，党员在{work}等工作中较好地发挥了先锋模范作用。同时也要看到，部分党员参加集中学习的主动性还不够，需要在下一阶段加以改进。",
    "会议决定，本月主题党日活动由{member}牵头组织，各党小组做好人员安排，确保本职工作和支部活动两不误。",
    "针对近期群众反映较多的问题，会议要求党员带头查找服务中的堵点，能马上改的立即改，一时改不了的列出清单、明确时限。",
    "会议听取了培养联系人{member}关于入党积极分子培养考察情况的汇报，认为考察对象政治表现好、工作积极主动，同意继续培养考察。",
    "会议强调，要严格落实意识形态工作责任制，加强对科室微信群等阵地的管理，及时掌握党员和职工思想动态。",
    "会议还就党费收缴、党员信息维护等基础工作作了安排，要求组织委员按月对账，做到账目清楚、公开透明。",
    "会议要求，支委成员要加强分工协作，定期深入党小组了解情况，推动支部工作与{dept}业务工作同部署、同落实。",
    "会议研究了“{brand}”品牌建设的阶段任务，明确由党员骨干牵头，围绕{work}形成可量化的工作目标。",
)
MEETING_CLOSINGS: tuple[str, ...] = (
    "会议最后，{host}强调，支部全体党员要把思想和行动统一到上级党委的部署上来，把会议确定的各项任务抓紧抓实，确保件件有着落、事事有回音。",
    "会议要求，各党小组要及时向党员传达会议精神，支委成员按照分工抓好落实，下次会议听取落实情况汇报。",
    "{host}在总结时指出，党建工作和{work}不是“两张皮”，要以党建的高质量推动业务的高质量，让群众真正感受到变化。",
    "会议强调，要持续加强支部标准化规范化建设，严格落实“三会一课”等组织生活制度，做到记录完整、材料齐全。",
    "会后，支部将会议记录和相关材料及时整理归档，并对落实情况进行跟踪督办。",
)
ACTIVITY_CLOSINGS: tuple[str, ...] = (
    "下一步，{b}将继续把党建工作与{work}紧密结合，以党建引领业务发展，不断提升群众的获得感。",
    "支部将以此次活动为契机，持续巩固活动成果，推动各项工作再上新台阶。",
    "大家表示，将以更加饱满的热情投入工作，用实际行动践行初心使命。",
    "{b}将坚持问题导向，把活动成效体现到{work}的具体工作中，让党旗在岗位上高高飘扬。",
    "本次活动进一步增强了支部的凝聚力和战斗力，为完成全年目标任务凝聚了力量。",
)
LESSON_ELABORATIONS: tuple[str, ...] = (
    "主讲人结合{work}中的真实案例，把道理讲得深入浅出。",
    "主讲人指出，这一点对{dept}尤为重要，必须落实到日常工作的每一个环节。",
    "讲到这里，主讲人分享了自己多年来的亲身经历，引发了在场党员的强烈共鸣。",
    "主讲人强调，要把这一要求转化为看得见、摸得着的具体举措，而不是停留在口头上。",
    "这一部分理论阐释与实践案例相结合，听来生动具体、发人深省。",
    "主讲人还列举了近年来行业内的正反两方面典型，提醒大家见贤思齐、引以为戒。",
)
MEETING_CONTEXT: tuple[str, ...] = (
    "会上，{host}首先通报了上月支部工作完成情况：主题党日、党小组学习按计划开展，党员在{work}中涌现出一批好人好事，但也存在个别党员学习积极性不高、学习笔记不够规范等问题。",
    "会议首先集中学习了上级党委近期印发的有关文件，大家一致认为，要把学习成果体现到推动{work}的实际成效上。",
    "会前，支委成员分头深入各党小组听取了党员意见，共收集到关于{work}、职工关心关爱等方面的意见建议若干条，为本次会议研究工作提供了依据。",
    "会议开始前，{host}带领大家学习了一则医德医风典型案例，提醒支委成员时刻绷紧纪律这根弦。",
)
GROUP_EXTRAS: tuple[str, ...] = (
    "交流中，大家还围绕如何在{work}中更好地发挥党员作用展开讨论，提出了优化排班、加强新人带教等具体建议，由党小组长汇总后报支委会研究。",
    "会议还通报了本小组党员近期参加志愿服务、完成学习平台积分的情况，对表现突出的同志提出表扬。",
    "学习结束后，党小组对照支部要求，逐一检查了党员学习笔记，并提醒大家按时交纳党费。",
)
THEME_PURPOSES: tuple[str, ...] = (
    "本次主题党日是支部{month}月“固定党日”的重要内容，支委会提前研究制定了活动方案，做到主题鲜明、形式多样、人人参与。",
    "为增强主题党日的吸引力和感染力，支部把理论学习、仪式教育和岗位实践结合起来，让党员在参与中受教育、有收获。",
    "活动前，支部通过微信群发布了活动通知和学习材料，党员们提前自学、带着问题参加活动。",
)
VOLUNTEER_PREP: tuple[str, ...] = (
    "活动前，支部提前与{place}对接，了解群众健康需求，精心挑选党员骨干组成服务小分队，并准备了血压计、血糖仪和健康宣传折页等物品。",
    "这是“{brand}”志愿服务队今年的又一次基层之行。服务队出发前召开了简短的动员会，明确了分工和注意事项。",
    "为让服务更有针对性，支部根据{place}群众的年龄结构和常见病情况，专门设计了服务内容。",
)
STUDY_DISCUSSION: tuple[str, ...] = (
    "在交流讨论环节，党员们结合岗位实际谈认识、谈体会。大家认为，这些规定要求与每一名医务人员的日常工作息息相关，只有入脑入心，才能真正落实到行动上。",
    "讨论中，有党员提出，在{work}中要特别注意廉洁风险点，支部当场梳理形成了风险点清单，明确了防控措施。",
    "学习中，大家还结合近期院内外典型案例进行剖析，进一步认清了违规违纪行为的危害。",
)
PROJECT_VOICES: tuple[str, ...] = (
    "项目负责人、党员{member}介绍说，项目推进过程中遇到了不少困难，正是党员带头攻坚，才一步步把难题变成了亮点。",
    "一位受益患者的家属专门送来感谢信，称赞项目“实实在在解决了老百姓的难处”。",
    "院党委对项目给予充分肯定，将其列为今年全院“党建+”优秀项目培育对象。",
)
GROUP_STUDY_TEXT: tuple[str, ...] = (
    "会上，大家集中学习了{study}的有关内容。{host}结合本小组实际进行了领学，重点对其中与{work}密切相关的部分作了解读。",
    "小组成员轮流领读了{study}的重点段落，并结合近期工作中遇到的实际问题进行讨论，做到学有所思、思有所得。",
    "本次学习采取“个人自学+集中研讨”的方式。会前，党员通过学习平台自学了{study}；会上，大家逐一交流心得，提出问题，共同探讨解决办法。",
)
STUDY_REQUIREMENTS: tuple[str, ...] = (
    "一是要学深悟透，原原本本学、反反复复学，做到真学真懂；",
    "二是要联系实际，把学习与解决{work}中的实际问题结合起来；",
    "三是要以上率下，支委成员带头学、带头讲、带头做；",
    "四是要建立学习台账，每名党员撰写一篇学习心得，支部择优在院内交流。",
)
PROJECT_ACTIONS: tuple[str, ...] = (
    "成立由党员骨干组成的项目攻坚小组，实行“一个项目、一名支委、一张清单”的推进机制",
    "梳理流程中的难点堵点，制定改进措施清单，逐项明确责任人和完成时限",
    "设立党员示范岗，党员带头承担最难、最累的环节",
    "每月召开项目推进会，通报进度、分析问题、调整方案",
    "加强与相关职能部门和兄弟科室的沟通协作，形成工作合力",
    "通过满意度调查和随访收集群众意见，持续改进服务",
)
RECTIFICATIONS: tuple[str, ...] = (
    "**理论学习方面**：制定年度学习计划，落实每月集中学习和个人自学制度，学习情况纳入党员积分管理。",
    "**服务群众方面**：围绕{work}查找服务短板，推出便民举措，年内逐项完成。",
    "**作风建设方面**：严格落实廉洁从业各项规定，开展医德医风专项检查。",
    "**组织生活方面**：规范“三会一课”记录，提高主题党日的质量和吸引力。",
    "**发挥作用方面**：健全党员示范岗和责任区，让党员在急难险重任务中冲在前面。",
)


def nest_quotes(text: str) -> str:
    """Chinese style for quotes inside quotes: “外‘内’外”."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == "“":
            out.append("“" if depth == 0 else "‘")
            depth += 1
        elif ch == "”" and depth > 0:
            depth -= 1
            out.append("”" if depth == 0 else "’")
        else:
            out.append(ch)
    return "".join(out)


def date_cn(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def join_cn(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]


def quotes(rng: random.Random, facts: Facts, count: int) -> list[str]:
    """What a few members who were present said, in their own words."""
    bank = RETIRED_QUOTES if facts.branch.retired else QUOTES
    lines = []
    for name, text in zip(
        rng.sample(present_people(facts), count), rng.sample(bank, count), strict=True
    ):
        verb = rng.choice(("说", "谈到", "表示", "感慨地说"))
        lines.append(f"党员{name}{verb}：“{fill(text, facts, rng)}”")
    return lines


# =============================================================================== report facts


@dataclass
class Attendance:
    expected: int
    present: int
    absent: list[tuple[str, str]] = field(default_factory=list)
    away: set[str] = field(default_factory=set)  # the members not there, never quoted


@dataclass
class Facts:
    """Everything a report states, decided before any text is written."""

    plan: Plan
    roster: Roster
    host: str | None
    host_role: str
    recorder: str | None
    lecturer: str | None
    lecturer_role: str
    location: str
    time: str | None
    attendance: Attendance | None
    served: int | None = None
    hours: float | None = None
    volunteers: int = 0
    place: str | None = None

    @property
    def branch(self) -> Branch:
        return self.plan.branch

    @property
    def branch_names(self) -> str:
        return "与".join(b.name for b in self.plan.branches)

    def words(self, rng: random.Random) -> dict[str, str]:
        """Placeholders for the sentence banks."""
        b = self.branch
        return {
            "b": self.branch_names,
            "brand": b.brand,
            "dept": b.dept,
            "role": ROLES[b.id],
            "work": rng.choice(b.work),
            "host": self.host or "",
            "loc": self.location,
            "member": rng.choice(present_people(self)),
            "date_cn": date_cn(self.plan.day),
        }


def decide_facts(plan: Plan, roster: Roster, rng: random.Random) -> Facts:
    host, host_role = choose_host(plan, roster, rng)
    lecturer, lecturer_role = (
        choose_lecturer(plan, roster, rng) if plan.type == "party_lesson" else (None, "")
    )
    recorder = rng.choice([n for n in roster.committee if n != host] or roster.members)
    if plan.type in ("volunteer", "study") and rng.random() < 0.5:
        recorder = None
    facts = Facts(
        plan,
        roster,
        host,
        host_role,
        recorder,
        lecturer,
        lecturer_role,
        choose_location(plan, rng),
        choose_time(plan, rng),
        None,
    )
    facts.attendance = choose_attendance(plan, roster, {host, lecturer, recorder}, rng)
    if plan.type == "volunteer":
        facts.volunteers = rng.randint(5, 14)
        duration = rng.choice((2, 2.5, 3, 3.5, 4))
        facts.hours = round(facts.volunteers * duration, 1)
        facts.served = rng.randrange(40, 320, 5)
        facts.place = facts.location
    elif plan.type == "project" and rng.random() < 0.6:
        facts.served = rng.randrange(60, 900, 10)
    return facts


def choose_host(plan: Plan, roster: Roster, rng: random.Random) -> tuple[str, str]:
    if plan.type == "group_meeting":
        return roster.group_leaders[plan.number - 1], "党小组长"
    secretary = plan.branch.secretary_on(plan.day)
    if secretary and rng.random() < 0.88:
        return secretary, "支部书记"
    return roster.committee[0], "支部委员"


def choose_lecturer(plan: Plan, roster: Roster, rng: random.Random) -> tuple[str, str]:
    secretary = plan.branch.secretary_on(plan.day)
    roll = rng.random()
    if plan.topic is RETIRED_LESSON:
        return rng.choice(roster.members), "老党员"
    if roll < 0.25:
        role, name = rng.choice(HOSPITAL_LEADERS)
        return name, role
    if secretary and roll < 0.8:
        return secretary, "支部书记"
    return rng.choice(roster.committee), "支部委员"


def choose_location(plan: Plan, rng: random.Random) -> str:
    topic = plan.topic.slug if plan.topic else ""
    special = {
        "martyrs-memorial": "市革命历史纪念馆",
        "learn-from-leifeng": "门诊楼一楼大厅",
        "doctors-day": "门诊楼一楼大厅",
        "summer-care": "院内各一线岗位",
        "spring-visit": "离退休老党员家中",
        "safety-month": "住院部消防控制室",
        "fire-safety": "住院部消防控制室",
        "national-day": "门诊广场",
    }
    if plan.type == "volunteer":
        return rng.choice(SERVICE_PLACES[topic])
    if topic in special:
        return special[topic]
    if (
        plan.type in ("party_lesson", "general_meeting", "life_meeting", "theme_day")
        and rng.random() < 0.35
    ):
        return rng.choice(HOSPITAL_ROOMS)
    return rng.choice(plan.branch.rooms)


def choose_time(plan: Plan, rng: random.Random) -> str | None:
    if rng.random() > 0.2 or plan.type == "volunteer":
        return None
    return rng.choice(("08:00", "12:30", "14:30", "15:00", "16:30", "17:30"))


def choose_attendance(
    plan: Plan, roster: Roster, busy: set[str | None], rng: random.Random
) -> Attendance | None:
    activity = TYPES[plan.type]
    optional_rate = {"member_review": 0.8, "study": 0.45, "project": 0.2}.get(plan.type, 0.0)
    if not activity.attendance and rng.random() >= optional_rate:
        return None
    expected = expected_count(plan, roster, rng)
    ratio = {"committee_meeting": 0.25, "group_meeting": 0.25}.get(plan.type, 0.13)
    if plan.branch.retired:
        ratio += 0.12
    missing = min(expected - 1, sum(1 for _ in range(expected) if rng.random() < ratio * 0.5))
    candidates = [n for n in (*roster.group_leaders, *roster.members) if n not in busy]
    reasons = RETIRED_REASONS if plan.branch.retired else ABSENCE_REASONS
    away = rng.sample(candidates, missing)
    absent = [(roster.absentees[name], rng.choice(reasons)) for name in away]
    return Attendance(expected, expected - missing, absent, set(away))


def expected_count(plan: Plan, roster: Roster, rng: random.Random) -> int:
    branch = plan.branch
    if plan.type == "committee_meeting":
        return len(roster.committee) + (1 if branch.secretary_on(plan.day) else 0)
    if plan.type == "group_meeting":
        return max(4, math.ceil(branch.members / branch.groups) + rng.randint(-2, 0))
    if len(plan.branches) > 1:
        return 30  # members each branch sent to the joint activity
    if branch.retired:
        return branch.members - rng.randint(0, 3)  # members exempted for long-term illness
    return branch.members


# =============================================================================== titles

QUARTERS = ("", "一", "二", "三", "四")


def make_title(facts: Facts, rng: random.Random) -> str:
    plan = facts.plan
    if plan.title:
        return plan.title
    return rng.choice([t for t in title_options(facts) if len(t) <= 64])


def title_options(facts: Facts) -> list[str]:
    plan = facts.plan
    b, m, n = plan.branch.name, plan.day.month, plan.number
    topic = plan.topic.name if plan.topic else ""
    match plan.type:
        case "committee_meeting":
            return [
                f"{b}召开{m}月支部委员会会议",
                f"{b}召开{m}月支委会",
                f"{b}召开支委会研究{topic}",
            ]
        case "group_meeting":
            return [
                f"{b}第{n}党小组开展{m}月集中学习",
                f"{b}第{n}党小组召开{m}月党小组会",
                f"{b}第{n}党小组围绕“{group_study(plan)}”开展交流研讨",
            ]
        case "theme_day":
            return [f"{b}开展“{topic}”主题党日活动", f"{b}{m}月主题党日：{topic}"]
        case "general_meeting":
            return [
                f"{b}召开{QUARTERS[n]}季度支部党员大会",
                f"{b}召开党员大会{general_topic(plan)[0]}",
            ]
        case "party_lesson":
            return [
                f"{facts.lecturer}为{b}讲授专题党课《{topic}》",
                f"{b}开展“{topic}”专题党课",
                f"{b}{lecturer_title(facts)}讲党课：{topic}",
            ]
        case "life_meeting":
            return [f"{b}召开2025年度组织生活会", f"{b}高质量召开2025年度组织生活会"]
        case "member_review":
            return [f"{b}开展2025年度民主评议党员工作", f"{b}完成2025年度民主评议党员"]
        case "volunteer":
            return [
                f"{b}“{plan.branch.brand}”志愿服务队走进{facts.place}开展{topic}",
                f"{b}党员志愿者在{facts.place}开展{topic}志愿服务",
            ]
        case "project":
            return [
                f"{b}“{plan.branch.brand}”党建+项目：{topic}",
                f"{b}推进“{topic}”项目取得阶段成效",
            ]
        case _:
            return [f"{b}专题学习{topic}", f"{b}开展{topic}专题学习"]


def lecturer_title(facts: Facts) -> str:
    return "书记" if facts.lecturer_role == "支部书记" else facts.lecturer_role.removeprefix("院")


def committee_topic(month: int, rng: random.Random) -> Topic:
    key = {1: "plan", 7: "midyear"}.get(month) or rng.choice(
        ["recruit", "theme", "brand", "ideology", "ethics", "volunteer"]
    )
    return Topic(*COMMITTEE_TOPICS[key])


def group_study(plan: Plan) -> str:
    return GROUP_STUDIES[(plan.day.month + plan.number + len(plan.branch.id)) % len(GROUP_STUDIES)]


def general_topic(plan: Plan) -> tuple[str, str]:
    options = GENERAL_TOPICS[plan.number]
    return options[(plan.day.day + len(plan.branch.id)) % len(options)]


def make_slug(plan: Plan, facts: Facts, rng: random.Random) -> str:
    if plan.slug:
        return plan.slug
    base = TYPES[plan.type].slug
    if plan.type == "group_meeting":
        return f"{base}-group{plan.number}"
    if plan.type == "general_meeting":
        return f"{base}-q{plan.number}-{general_topic(plan)[1]}"
    if plan.type == "committee_meeting" and plan.topic:
        return f"{base}-{plan.topic.slug}"
    if plan.type in ("life_meeting", "member_review"):
        return f"{base}-2025"
    if plan.type == "volunteer" and plan.topic:
        place = dict(VOLUNTEER_PLACES).get(facts.place or "", "community")
        return f"{base}-{plan.topic.slug}-{place}"
    return f"{base}-{plan.topic.slug}" if plan.topic else base


# =============================================================================== bodies


def attendance_phrase(facts: Facts, rng: random.Random) -> str:
    a = facts.attendance
    if a is None:
        return (
            f"{facts.volunteers}名党员志愿者参加"
            if facts.volunteers
            else "支部党员和入党积极分子参加"
        )
    who = "支委" if facts.plan.type == "committee_meeting" else "党员"
    if a.present == a.expected:
        return rng.choice(
            (f"应到{who}{a.expected}人，实到{a.present}人", f"{a.present}名{who}全部参加")
        )
    cause = rng.choice(("因故", "经批准", ""))  # reasons are personal data: never in the body
    return f"应到{who}{a.expected}人，实到{a.present}人，{a.expected - a.present}人{cause}请假"


def host_phrase(facts: Facts) -> str:
    label = "会议" if facts.plan.type not in ("theme_day", "volunteer", "project") else "活动"
    return f"{label}由{facts.host_role}{facts.host}主持"


def when_phrase(facts: Facts) -> str:
    if not facts.time:
        return ""
    hour = int(facts.time[:2])
    return "上午" if hour < 12 else "中午" if hour < 14 else "下午"


def opening(facts: Facts, kind: str, rng: random.Random) -> str:
    w = facts.words(rng)
    when = when_phrase(facts)
    forms = (
        f"{w['date_cn']}{when}，{w['b']}在{w['loc']}召开{kind}，{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
        f"{w['date_cn']}{when}，{w['b']}{kind}在{w['loc']}举行。{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
        f"为扎实落实“三会一课”制度，{w['b']}于{w['date_cn']}{when}在{w['loc']}召开{kind}。"
        f"{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
    )
    return rng.choice(forms)


def fill(text: str, facts: Facts, rng: random.Random, **extra: str) -> str:
    return text.format(**facts.words(rng), **extra)


def outsider_name(rng: random.Random) -> str:
    """Someone who is not (yet) a Party member, such as an applicant."""
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def present_people(facts: Facts) -> list[str]:
    """Members who were there, so nobody who sent apologies is quoted."""
    away = facts.attendance.away if facts.attendance else set()
    return [n for n in facts.roster.members if n not in away]


def closing(facts: Facts, rng: random.Random, meeting: bool = False) -> str:
    return fill(rng.choice(MEETING_CLOSINGS if meeting else ACTIVITY_CLOSINGS), facts, rng)


def numbered(items: Iterable[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def body_committee(facts: Facts, rng: random.Random) -> str:
    topic = facts.plan.topic.name if facts.plan.topic else "近期工作"
    agenda = [fill(a, facts, rng) for a in rng.sample(AGENDA, rng.randint(3, 4))]
    agenda.insert(0, f"专题研究{topic}")
    decisions = [fill(d, facts, rng) for d in rng.sample(DECISIONS, rng.randint(2, 3))]
    return "\n\n".join(
        [
            opening(facts, rng.choice(("支部委员会会议", "支委会")), rng),
            fill(rng.choice(MEETING_CONTEXT), facts, rng),
            "## 会议议题",
            numbered(agenda),
            rng.choice(("## 会议决定", "## 工作部署", "## 研究事项")),
            *decisions,
            closing(facts, rng, meeting=True),
        ]
    )


def body_group(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    study = group_study(facts.plan)
    head = (
        f"{w['date_cn']}，{w['b']}第{facts.plan.number}党小组在{w['loc']}召开{facts.plan.day.month}月党小组会，"
        f"{host_phrase(facts)}，{attendance_phrase(facts, rng)}。本次会议主要学习{study}，"
        f"并结合{w['work']}交流学习体会。"
    )
    return "\n\n".join(
        [
            head,
            "## 学习内容",
            fill(rng.choice(GROUP_STUDY_TEXT), facts, rng, study=study),
            "## 交流发言",
            *quotes(rng, facts, rng.randint(2, 3)),
            fill(rng.choice(GROUP_EXTRAS), facts, rng),
            f"最后，{facts.host}对本小组党员近期表现进行了小结，并对下月党小组活动作了安排。",
        ]
    )


def body_theme_day(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    topic = facts.plan.topic or THEME_DAYS[1][0]
    elaborations = rng.sample(STEP_ELABORATIONS, len(topic.points))
    steps = [f"**{p}**。{e}" for p, e in zip(topic.points, elaborations, strict=True)]
    joint = len(facts.plan.branches) > 1
    head = (
        f"{w['date_cn']}，{w['b']}{'联合' if joint else ''}开展“{topic.name}”主题党日活动，"
        f"{host_phrase(facts)}，{attendance_phrase(facts, rng)}。"
    )
    if joint:
        head += "两个支部的党员医生和党员护士同堂学习、同台交流，医护党建联建共建迈出新步伐。"
    purpose = rng.choice(THEME_PURPOSES).format(month=facts.plan.day.month)
    return "\n\n".join(
        [
            head,
            purpose,
            "## 活动内容",
            f"本次活动共分{len(steps)}个环节：",
            numbered(steps),
            "## 党员感悟",
            *quotes(rng, facts, rng.randint(1, 2)),
            closing(facts, rng),
        ]
    )


def body_general(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    label, _ = general_topic(facts.plan)
    name = rng.choice(present_people(facts)[-6:])
    newcomer = outsider_name(rng)
    q = QUARTERS[facts.plan.number]
    outcome = {
        "讨论接收预备党员": f"会议按程序听取了发展对象{newcomer}的入党志愿陈述、入党介绍人意见和支委会审查意见。经到会有表决权的正式党员无记名投票，全票同意接收{newcomer}为中共预备党员，报院党委审批。",
        "讨论预备党员转正": f"会议听取了预备党员{name}的转正申请和入党介绍人意见。大家认为，{name}在预备期内认真学习、积极工作，在{w['work']}中表现突出。经表决，同意其按期转为中共正式党员。",
        "推荐优秀共产党员": f"会议围绕政治素质、岗位业绩、群众评价等方面进行了民主推荐，{name}等同志被推荐为院级优秀共产党员候选人。",
        "讨论确定发展对象": f"会议听取了支委会关于入党积极分子培养考察情况的报告，经讨论，同意将入党积极分子{newcomer}列为发展对象，报院党委备案。",
    }.get(
        label,
        f"会议总结了{q}季度支部在{w['work']}等方面取得的成绩，分析了存在的不足，部署了下一阶段重点工作。",
    )
    agenda = [
        f"{facts.host_role}{facts.host}通报{q}季度支部党建工作情况",
        label.removeprefix("讨论").removeprefix("通报"),
        "学习上级党委近期有关文件精神",
        "党员围绕支部工作提出意见建议",
    ]
    return "\n\n".join(
        [
            opening(facts, "支部党员大会", rng),
            "## 会议议程",
            numbered(agenda),
            "## 会议情况",
            fill(rng.choice(MEETING_CONTEXT), facts, rng),
            outcome,
            f"在自由发言环节，党员们围绕{w['work']}、青年人才培养、职工关心关爱等话题踊跃发言，支委会当场进行了回应。",
            closing(facts, rng, meeting=True),
        ]
    )


def body_lesson(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    topic = facts.plan.topic or LESSONS[0]
    lecturer = f"{facts.lecturer_role}{facts.lecturer}"
    head = rng.choice(
        (
            f"{w['date_cn']}，{lecturer}以《{topic.name}》为题，在{w['loc']}为{w['b']}党员讲授专题党课。{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
            f"{w['date_cn']}，{w['b']}在{w['loc']}开展专题党课，由{lecturer}主讲，题目是《{topic.name}》。{attendance_phrase(facts, rng)}。",
        )
    )
    elaborations = rng.sample(LESSON_ELABORATIONS, 3)
    points = [
        f"**{o}{p}。**{fill(e, facts, rng)}"
        for o, p, e in zip(("一是", "二是", "三是"), topic.points, elaborations, strict=True)
    ]
    return "\n\n".join(
        [
            head,
            "## 党课主要内容",
            f"党课内容丰富、案例鲜活，{lecturer}从三个方面进行了深入讲解：",
            *points,
            "## 学习反响",
            "党课结束后，大家纷纷表示很受启发。",
            *quotes(rng, facts, 2),
            closing(facts, rng),
        ]
    )


def body_life(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    role, leader = rng.choice(HOSPITAL_LEADERS)
    fixes = [fill(r, facts, rng) for r in rng.sample(RECTIFICATIONS, 3)]
    return "\n\n".join(
        [
            f"{w['date_cn']}，{w['b']}召开2025年度组织生活会，{host_phrase(facts)}，{attendance_phrase(facts, rng)}。{role}{leader}到会指导。",
            "## 会前准备",
            f"会前，支部组织党员集中学习了有关文件，通过座谈、发放征求意见表等方式广泛听取意见，共收集意见建议{rng.randint(8, 26)}条。"
            "支委成员之间、支委成员与党员之间普遍开展了谈心谈话。",
            "## 会议情况",
            f"会上，{w['host']}代表支委会报告了2025年度支部工作，并进行了检视剖析；支委成员和党员逐一发言，认真查找自身在理论学习、"
            f"工作作风、服务群众等方面的不足，开展批评与自我批评，共提出批评意见{rng.randint(30, 90)}条。"
            "大家坦诚相见、直面问题，达到了“团结—批评—团结”的目的。",
            f"{leader}在点评时指出，此次组织生活会准备充分、程序规范，批评和自我批评开诚布公，希望支部抓好问题整改。",
            "## 整改措施",
            "\n".join(f"- {f}" for f in fixes),
        ]
    )


def body_review(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    total = facts.attendance.expected if facts.attendance else facts.branch.members
    excellent = max(1, total // rng.randint(6, 9))
    steps = (
        "**个人自评**：每名党员对照党员标准撰写个人总结",
        "**党员互评**：党员之间面对面提意见、指不足",
        "**民主测评**：填写民主测评表，由支委会统一汇总",
        "**组织评定**：支委会综合各方面意见提出评定等次",
    )
    return "\n\n".join(
        [
            f"{w['date_cn']}，{w['b']}在{w['loc']}开展2025年度民主评议党员工作，{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
            "评议前，支部召开支委会研究制定了评议方案，并通过个别谈话等方式了解党员思想和工作情况。",
            "## 评议程序",
            numbered(steps),
            "## 评议结果",
            f"经综合评定，支部{total}名参评党员中，评定为“优秀”等次的{excellent}名，其余均为“合格”等次。评议结果将在支部内公示，并报院党委备案。",
            f"{w['host']}强调，民主评议不是“走过场”，每名党员都要正视评议中指出的问题，在新的一年里对标先进、改进不足，在{w['work']}中发挥好先锋模范作用。",
        ]
    )


# What was done under each service point: specific to the point, so no line reads as a
# stock phrase pinned to the wrong service.
POINT_DETAILS: dict[str, tuple[str, ...]] = {
    "测量血压、血糖": (
        "发现血压偏高的居民，当场建议到社区门诊复查",
        "为老年人建立血压、血糖记录卡，提醒定期监测",
    ),
    "一对一健康咨询": (
        "专科医生逐一查看居民带来的化验单和病历",
        "针对居民的具体情况给出就医和复诊建议",
    ),
    "慢病用药指导": (
        "帮助居民核对正在服用的药物，讲清服药时间和注意事项",
        "提醒高血压、糖尿病患者不要自行停药减药",
    ),
    "发放健康宣传资料": ("发放慢病防治、合理用药等宣传资料", "向居民发放家庭健康手册和就医指南"),
    "心肺复苏操作演示": (
        "用模拟人演示胸外按压的部位、深度和频率",
        "手把手纠正按压姿势，每位学员都完成了实操",
    ),
    "AED使用方法讲解": (
        "讲解自动体外除颤仪的开机、贴片和放电步骤",
        "带大家认识公共场所AED的标识和存放位置",
    ),
    "海姆立克急救法实操": (
        "分别演示成人、儿童和自救的海姆立克手法",
        "学员两人一组互相练习，掌握冲击的位置和方向",
    ),
    "现场答疑": (
        "解答烫伤、扭伤、中暑等常见意外的处置问题",
        "针对家中老人突发不适时如何求助逐一答疑",
    ),
    "慢性病防治知识讲解": (
        "结合病例讲解高血压、糖尿病的早期信号",
        "讲清慢性病规范治疗和定期随访的重要性",
    ),
    "合理膳食和科学运动指导": (
        "用食物模型讲解每日盐、油、糖的适宜用量",
        "推荐适合中老年人的运动方式和运动强度",
    ),
    "常见误区答疑": ("澄清“保健品能代替药物”等常见误区", "解答居民关于体检报告异常指标的疑问"),
    "门诊大厅导诊分诊": ("根据患者症状引导到相应科室就诊", "在高峰时段疏导候诊人群，缩短排队时间"),
    "指导患者使用自助机和手机预约": (
        "手把手教老年患者在自助机上挂号、缴费、打印报告",
        "帮助患者用手机预约复诊号",
    ),
    "为老年患者陪诊": (
        "全程陪同独自就医的老人完成检查和取药",
        "为行动不便的老人提供轮椅和陪检服务",
    ),
    "为老人体检并建立健康档案": (
        "为老人测量血压、听诊并记录健康状况",
        "为每位老人建立健康档案，便于后续随访",
    ),
    "康复训练指导": ("指导卧床老人进行肢体功能锻炼", "示范防跌倒的平衡训练动作"),
    "陪老人聊天谈心": ("陪老人拉家常，倾听他们的心里话", "给老人们讲健康小故事，现场笑声不断"),
    "常见病多发病诊治": (
        "为村民诊治感冒、腰腿痛、皮肤病等常见病",
        "对需要进一步检查的村民开具转诊建议",
    ),
    "基层医务人员带教": ("结合病例为卫生室医生讲解规范诊疗流程", "带教基层医务人员开展心电图判读"),
    "赠送常用药品和健康手册": (
        "向村民赠送常用药品，讲清用法用量",
        "发放健康手册，提醒村民按时体检",
    ),
    "视力和口腔检查": (
        "为学生检查视力，对视力下降的学生提出矫正建议",
        "检查口腔健康，提醒学生正确刷牙",
    ),
    "青春期健康教育": ("结合学生关心的问题开展青春期健康讲座", "讲解科学作息和心理调适的方法"),
    "急救小课堂": ("教学生识别危险并学会拨打120", "演示鼻出血、擦伤等小意外的简单处理"),
}


def body_volunteer(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    topic = facts.plan.topic or VOLUNTEER_SERVICES[0]
    items = [f"- **{p}**：{rng.choice(POINT_DETAILS[p])}" for p in topic.points]
    resident = rng.choice(SURNAMES) + rng.choice(("阿姨", "大爷", "女士", "先生"))
    return "\n\n".join(
        [
            f"{w['date_cn']}，{w['b']}“{w['brand']}”党员志愿服务队走进{facts.place}，开展{topic.name}志愿服务活动。"
            f"{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
            fill(rng.choice(VOLUNTEER_PREP), facts, rng, place=facts.place or ""),
            "## 服务内容",
            "\n".join(items),
            "## 服务成效",
            f"本次活动共服务群众{facts.served}人次，累计志愿服务{facts.hours:g}小时。前来咨询的居民{resident}说：“{rng.choice(RESIDENT_QUOTES)}”",
            f"志愿服务是“{w['brand']}”品牌建设的重要内容。{closing(facts, rng)}",
        ]
    )


def body_project(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    topic = facts.plan.topic or PROJECTS[facts.branch.id][0]
    served = f"项目开展以来累计惠及群众{facts.served}人次。" if facts.served else ""
    return "\n\n".join(
        [
            f"{w['date_cn']}，{w['b']}在{w['loc']}召开“{topic.name}”党建+项目推进会，{host_phrase(facts)}，"
            "党员骨干汇报了项目进展，大家围绕下一步工作进行了讨论。",
            "## 项目背景",
            f"“{topic.name}”是{w['b']}“{w['brand']}”品牌的重点项目。支部把{w['work']}中群众反映最集中的问题作为项目的切入点，以党建引领破解业务难题。",
            "## 主要做法",
            numbered(rng.sample(PROJECT_ACTIONS, 3)),
            "## 阶段成效",
            f"经过几个月的努力，{project_result(topic, rng)}。{served}",
            fill(rng.choice(PROJECT_VOICES), facts, rng),
            "## 下一步",
            closing(facts, rng),
        ]
    )


def project_result(topic: Topic, rng: random.Random) -> str:
    """The project's headline number: a rate or a time that improved, or a count that grew."""
    metric, unit = topic.points
    if unit == "%":
        before = rng.randint(60, 85)
        return f"{metric}由{before}%提高到{min(99, before + rng.randint(6, 14))}%"
    if unit in ("分钟", "天"):
        before = rng.randint(20, 90) if unit == "分钟" else rng.randint(4, 9)
        return (
            f"{metric}由{before}{unit}缩短到{max(1, round(before * rng.uniform(0.5, 0.8)))}{unit}"
        )
    return f"{metric}已达{rng.randint(60, 400)}{unit}"


def body_study(facts: Facts, rng: random.Random) -> str:
    w = facts.words(rng)
    topic = facts.plan.topic or STUDIES[0]
    return "\n\n".join(
        [
            f"{w['date_cn']}，{w['b']}在{w['loc']}组织专题学习{topic.name}，{host_phrase(facts)}，{attendance_phrase(facts, rng)}。",
            "## 学习内容",
            f"学习中，{w['host']}带领大家重点学习了{join_cn(topic.points)}，并结合{w['work']}的实际进行了解读。"
            "随后，大家观看了警示教育短片，结合身边事、身边人谈认识、谈体会。",
            fill(rng.choice(STUDY_DISCUSSION), facts, rng),
            "## 学习要求",
            "会议对做好学习贯彻提出四点要求：",
            "\n".join(f"- {fill(r, facts, rng)}" for r in STUDY_REQUIREMENTS),
            *quotes(rng, facts, rng.randint(1, 2)),
        ]
    )


BODY_BUILDERS: dict[str, Callable[[Facts, random.Random], str]] = {
    "committee_meeting": body_committee,
    "group_meeting": body_group,
    "theme_day": body_theme_day,
    "general_meeting": body_general,
    "party_lesson": body_lesson,
    "life_meeting": body_life,
    "member_review": body_review,
    "volunteer": body_volunteer,
    "project": body_project,
    "study": body_study,
}

# =============================================================================== photos: people

SKIN_TONES: list[RGB] = [
    (241, 200, 170),
    (232, 186, 150),
    (224, 172, 138),
    (246, 210, 182),
    (214, 160, 124),
]
HAIR_COLOURS: list[RGB] = [(28, 24, 22), (40, 32, 28), (55, 42, 34), (20, 20, 24), (70, 58, 50)]
GREY_HAIR: list[RGB] = [(180, 178, 176), (150, 148, 146), (205, 203, 200)]
SHIRTS: list[RGB] = [
    (52, 73, 110),
    (92, 107, 130),
    (140, 60, 60),
    (60, 90, 80),
    (200, 196, 188),
    (70, 70, 78),
    (110, 84, 66),
    (34, 48, 74),
    (160, 150, 120),
    (96, 60, 90),
    (180, 90, 60),
    (66, 110, 150),
]
WHITE_COAT: RGB = (243, 245, 247)
VEST_RED: RGB = (206, 38, 38)
PARTY_RED: RGB = (196, 22, 28)


@dataclass(frozen=True)
class Person:
    skin: RGB
    hair: RGB
    clothes: RGB
    trousers: RGB
    outfit: str  # plain | coat | nurse | vest
    hair_style: str  # short | long | bun | cap
    badge: bool


def _jitter(colour: RGB, rng: random.Random, amount: int = 12) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)  # type: ignore[return-value]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def random_person(rng: random.Random, outfits: dict[str, float], elderly: float = 0.0) -> Person:
    outfit = rng.choices(list(outfits), weights=list(outfits.values()))[0]
    old = rng.random() < elderly
    style = rng.choice(["short", "short", "long", "bun"])
    if outfit == "vest" and rng.random() < 0.35:
        style = "cap"
    clothes = {
        "coat": WHITE_COAT,
        "nurse": rng.choice([(246, 246, 250), (250, 228, 236), (214, 232, 246)]),
        "vest": VEST_RED,
    }.get(outfit, rng.choice(SHIRTS))
    trousers = (
        clothes
        if outfit == "nurse"
        else rng.choice([(40, 44, 56), (60, 60, 66), (88, 80, 72), (30, 34, 44)])
    )
    return Person(
        skin=_jitter(rng.choice(SKIN_TONES), rng, 6),
        hair=rng.choice(GREY_HAIR if old else HAIR_COLOURS),
        clothes=_jitter(clothes, rng, 4 if outfit in ("coat", "nurse") else 14),
        trousers=trousers,
        outfit=outfit,
        hair_style=style,
        badge=outfit != "vest" and rng.random() < 0.6,
    )


@dataclass(frozen=True)
class Pose:
    """Where a figure stands: ``top`` is the crown of the head, ``h`` the full height."""

    cx: float
    top: float
    h: float

    def at(self, dx: float, dy: float) -> tuple[float, float]:
        return self.cx + dx * self.h, self.top + dy * self.h

    def box(self, x0: float, y0: float, x1: float, y1: float) -> list[float]:
        return [*self.at(x0, y0), *self.at(x1, y1)]


def draw_person(
    draw: ImageDraw.ImageDraw,
    cx: float,
    top: float,
    h: float,
    p: Person,
    back: bool = False,
    seated: bool = False,
) -> None:
    """A faceless flat-illustration figure, from the front or (``back``) from behind."""
    pose = Pose(cx, top, h)
    if not seated:
        _legs(draw, pose, p)
    if p.hair_style == "long" and not back:
        draw.rounded_rectangle(pose.box(-0.066, 0.04, 0.066, 0.23), radius=h * 0.04, fill=p.hair)
    _arms(draw, pose, p)
    _torso(draw, pose, p, back)
    draw.rectangle(pose.box(-0.021, 0.104, 0.021, 0.17), fill=_mix(p.skin, (0, 0, 0), 0.1))
    head = pose.box(-0.0525, 0, 0.0525, 0.13)
    if back:
        draw.ellipse(head, fill=p.hair if p.hair_style != "cap" else VEST_RED)
        if p.hair_style == "bun":
            draw.ellipse(pose.box(-0.021, 0.058, 0.021, 0.104), fill=p.hair)
        return
    draw.ellipse(head, fill=p.skin)
    _draw_hair(draw, head, p)


def _legs(draw: ImageDraw.ImageDraw, pose: Pose, p: Person) -> None:
    for dx in (-0.045, 0.045):
        draw.rounded_rectangle(
            pose.box(dx - 0.03, 0.48, dx + 0.03, 0.97), radius=pose.h * 0.018, fill=p.trousers
        )
        draw.ellipse(pose.box(dx - 0.042, 0.95, dx + 0.042, 1.0), fill=(30, 28, 28))


def _arms(draw: ImageDraw.ImageDraw, pose: Pose, p: Person) -> None:
    sleeve = p.clothes if p.outfit != "vest" else _mix(p.trousers, (230, 230, 235), 0.6)
    for side in (-1, 1):
        inner = side * 0.1245
        outer = inner + side * 0.055
        draw.rounded_rectangle(
            pose.box(min(inner, outer), 0.17, max(inner, outer), 0.47),
            radius=pose.h * 0.025,
            fill=_mix(sleeve, (0, 0, 0), 0.08),
        )
        mid = (inner + outer) / 2
        draw.ellipse(pose.box(mid - 0.025, 0.45, mid + 0.025, 0.51), fill=p.skin)


def _torso(draw: ImageDraw.ImageDraw, pose: Pose, p: Person, back: bool) -> None:
    bottom = 0.62 if p.outfit == "coat" else 0.52
    draw.rounded_rectangle(
        pose.box(-0.13, 0.16, 0.13, bottom), radius=pose.h * 0.05, fill=p.clothes
    )
    line_w = max(1, int(pose.h * 0.006))
    if p.outfit == "vest":
        draw.polygon(
            [pose.at(-0.045, 0.16), pose.at(0.045, 0.16), pose.at(0, 0.26)],
            fill=_mix(p.trousers, (230, 230, 235), 0.6),
        )
        draw.line(
            [pose.at(0, 0.26), pose.at(0, bottom)],
            fill=_mix(VEST_RED, (0, 0, 0), 0.3),
            width=line_w,
        )
    if p.outfit == "coat" and not back:
        draw.polygon(
            [pose.at(-0.058, 0.16), pose.at(0.058, 0.16), pose.at(0, 0.3)], fill=shirt_under_coat(p)
        )
        draw.line([pose.at(0, 0.3), pose.at(0, bottom)], fill=(205, 210, 215), width=line_w)
        draw.rectangle(pose.box(0.039, 0.24, 0.091, 0.26), fill=(70, 110, 170))  # name badge
    if p.badge and not back:
        draw.ellipse(
            pose.box(-0.0825, 0.209, -0.0605, 0.231),
            fill=PARTY_RED,
            outline=(232, 190, 80),
            width=max(1, int(pose.h * 0.004)),
        )


def shirt_under_coat(p: Person) -> RGB:
    """The shirt under a white coat, derived from the person so drawing stays deterministic."""
    return SHIRTS[(p.skin[0] + p.hair[1] + p.trousers[2]) % len(SHIRTS)]


def _draw_hair(draw: ImageDraw.ImageDraw, box: list[float], p: Person) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if p.hair_style == "cap":
        draw.chord(
            [x0 - w * 0.04, y0 - h * 0.05, x1 + w * 0.04, y0 + h * 0.75], 180, 360, fill=VEST_RED
        )
        draw.rectangle(
            [x0 + w * 0.3, y0 + h * 0.3, x1 + w * 0.2, y0 + h * 0.38],
            fill=_mix(VEST_RED, (0, 0, 0), 0.2),
        )
        return
    draw.chord([x0 - w * 0.03, y0 - h * 0.04, x1 + w * 0.03, y0 + h * 0.7], 180, 360, fill=p.hair)
    draw.pieslice(
        [x0 - w * 0.03, y0 - h * 0.04, x1 + w * 0.03, y0 + h * 0.9], 170, 250, fill=p.hair
    )
    if p.hair_style == "bun":
        draw.ellipse([x0 + w * 0.3, y0 - h * 0.22, x1 - w * 0.3, y0 + h * 0.12], fill=p.hair)


# =============================================================================== photos: surfaces


def gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(), max(8, int(size)))


def fitted_text(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float, float],
    text: str,
    fill: RGB,
    max_size: float,
) -> None:
    x0, y0, x1, y1 = box
    size = max_size
    while size > 10:
        f = font(size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=f)
        if right - left <= (x1 - x0) * 0.92 and bottom - top <= (y1 - y0) * 0.8:
            break
        size *= 0.92
    f = font(size)
    draw.text(((x0 + x1) / 2, (y0 + y1) / 2), text, font=f, fill=fill, anchor="mm")


def glow(
    img: Image.Image, centre: tuple[float, float], radius: float, colour: RGB, strength: float
) -> Image.Image:
    small = (max(1, img.width // 8), max(1, img.height // 8))
    layer = Image.new("RGB", small, (0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy, r = centre[0] / 8, centre[1] / 8, radius / 8
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=tuple(int(c * strength) for c in colour))
    layer = layer.filter(ImageFilter.GaussianBlur(r * 0.6)).resize(
        img.size, Image.Resampling.BILINEAR
    )
    return ImageChops.screen(img, layer)


def vignette(img: Image.Image, strength: float) -> Image.Image:
    mask = Image.radial_gradient("L").resize(img.size, Image.Resampling.BILINEAR)
    mask = mask.point(lambda v: int(min(255, max(0, (v - 90) * 1.6)) * strength))
    dark = Image.new("RGB", img.size, (20, 16, 14))
    return Image.composite(dark, img, mask)


def grain(img: Image.Image, rng: random.Random, amount: int) -> Image.Image:
    w, h = img.width // 2, img.height // 2
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    lut = [128 + round((v - 128) * amount / 128) for v in range(256)]
    noise = noise.point(lut).resize(img.size, Image.Resampling.BILINEAR).convert("RGB")
    return ImageChops.add(img, noise, scale=1.0, offset=-128)


def finish(img: Image.Image, rng: random.Random) -> Image.Image:
    img = img.filter(ImageFilter.GaussianBlur(1.4 * img.width / 2000))
    img = vignette(img, rng.uniform(0.35, 0.6))
    img = grain(img, rng, 2)
    return img.filter(ImageFilter.GaussianBlur(0.5))


# =============================================================================== photos: scenes

WALLS: list[tuple[RGB, RGB]] = [
    ((236, 228, 214), (214, 204, 188)),
    ((222, 230, 236), (196, 206, 214)),
    ((230, 234, 222), (206, 212, 196)),
    ((242, 236, 226), (220, 210, 196)),
]
CLOTHS: list[RGB] = [(38, 96, 70), (120, 30, 36), (236, 236, 232), (40, 56, 96)]
FLOORS: list[tuple[RGB, RGB]] = [
    ((150, 112, 80), (110, 78, 54)),
    ((120, 120, 126), (86, 86, 92)),
    ((164, 60, 56), (120, 40, 40)),
]


def banner(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float, float],
    text: str,
    colour: RGB = PARTY_RED,
    text_colour: RGB = (255, 250, 240),
) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=colour)
    step = (x1 - x0) / 9
    for i in range(1, 9):
        x = x0 + i * step
        draw.line(
            [(x, y0), (x, y1)],
            fill=_mix(colour, (0, 0, 0), 0.07),
            width=max(1, int((y1 - y0) * 0.02)),
        )
    fitted_text(draw, box, text, text_colour, (y1 - y0) * 0.62)


def window(img: Image.Image, box: tuple[float, float, float, float], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    img_w, img_h = int(x1 - x0), int(y1 - y0)
    sky = gradient((img_w, img_h), (150, 190, 226), (222, 236, 246))
    d = ImageDraw.Draw(sky)
    for _ in range(rng.randint(2, 4)):
        tx, th = rng.uniform(0, img_w), rng.uniform(0.45, 0.8) * img_h
        d.rectangle([tx, th, tx + rng.uniform(0.15, 0.35) * img_w, img_h], fill=(196, 204, 212))
    img.paste(sky, (int(x0), int(y0)))
    draw = ImageDraw.Draw(img)
    frame = (246, 246, 244)
    lw = max(3, int(img_w * 0.03))
    draw.rectangle(box, outline=frame, width=lw)
    draw.line([((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)], fill=frame, width=lw)
    draw.line([(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)], fill=frame, width=lw)
    curtain = rng.choice([(196, 170, 130), (170, 60, 56), (120, 140, 150)])
    cw = img_w * 0.16
    for cx0 in (x0 - cw * 0.4, x1 - cw * 0.6):
        draw.rectangle([cx0, y0 - img_h * 0.05, cx0 + cw, y1 + img_h * 0.08], fill=curtain)
        for k in range(1, 4):
            xx = cx0 + cw * k / 4
            draw.line(
                [(xx, y0), (xx, y1 + img_h * 0.08)],
                fill=_mix(curtain, (0, 0, 0), 0.15),
                width=max(1, int(cw * 0.04)),
            )


def plant(
    draw: ImageDraw.ImageDraw, x: float, base: float, size: float, rng: random.Random
) -> None:
    draw.polygon(
        [
            (x - size * 0.25, base - size * 0.35),
            (x + size * 0.25, base - size * 0.35),
            (x + size * 0.18, base),
            (x - size * 0.18, base),
        ],
        fill=(190, 180, 166),
    )
    for _ in range(14):
        r = size * rng.uniform(0.14, 0.24)
        px, py = x + rng.uniform(-0.35, 0.35) * size, base - size * rng.uniform(0.5, 1.3)
        draw.ellipse(
            [px - r, py - r * 1.3, px + r, py + r * 1.3], fill=_jitter((58, 118, 62), rng, 18)
        )


@dataclass(frozen=True)
class Crowd:
    """Who appears in a branch's photos: retired members are older and out of uniform."""

    outfits: dict[str, float] | None = None
    elderly: float = 0.0


@dataclass
class Canvas:
    """One photo being drawn, with its seeded randomness and a size unit ``s`` (1 at 1500 px)."""

    img: Image.Image
    rng: random.Random
    crowd: Crowd = field(default_factory=Crowd)

    def person(self, outfits: dict[str, float], elderly: float = 0.0) -> Person:
        return random_person(
            self.rng, self.crowd.outfits or outfits, max(elderly, self.crowd.elderly)
        )

    @property
    def w(self) -> int:
        return self.img.width

    @property
    def h(self) -> int:
        return self.img.height

    @property
    def s(self) -> float:
        return min(self.w, self.h) / 1500

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.img)

    def band(self, y0: float, top: RGB, bottom: RGB) -> None:
        """A gradient from ``y0`` to the bottom edge (floors, ground)."""
        self.img.paste(gradient((self.w, self.h - int(y0)), top, bottom), (0, int(y0)))


def new_canvas(
    size: tuple[int, int], rng: random.Random, top: RGB, bottom: RGB, crowd: Crowd
) -> Canvas:
    return Canvas(gradient(size, top, bottom), rng, crowd)


def scene_meeting(
    size: tuple[int, int], rng: random.Random, crowd: Crowd, text: str
) -> Image.Image:
    """A meeting room: banner, window and slogan panel, a row at the head table, backs of heads."""
    wall_top, wall_bottom = rng.choice(WALLS)
    c = new_canvas(size, rng, wall_top, wall_bottom, crowd)
    window_x = _meeting_wall(c, text, wall_bottom)
    table_top = c.h * 0.6
    seats = _seated_row(c, table_top)
    _table(c, table_top, seats)
    if rng.random() < 0.7:
        for _ in range(rng.randint(3, 5)):
            person = c.person({"plain": 0.6, "coat": 0.4})
            draw_person(
                c.draw,
                c.w * rng.uniform(0.05, 0.95),
                c.h * rng.uniform(0.8, 0.85),
                min(c.w, c.h) * 0.75,
                person,
                back=True,
            )
    return finish(
        glow(c.img, (window_x + c.w * 0.08, c.h * 0.3), c.w * 0.35, (255, 244, 220), 0.35), rng
    )


def _meeting_wall(c: Canvas, text: str, wall: RGB) -> float:
    w, h, s, draw = c.w, c.h, c.s, c.draw
    floor_y = h * 0.7
    c.band(floor_y, *c.rng.choice(FLOORS))
    draw.rectangle([0, h * 0.52, w, floor_y], fill=_mix(wall, (120, 90, 60), 0.35))
    draw.line([(0, h * 0.52), (w, h * 0.52)], fill=_mix(wall, (80, 60, 40), 0.5), width=int(6 * s))
    left = c.rng.random() < 0.5
    window_x = w * 0.03 if left else w * 0.8
    window(c.img, (window_x, h * 0.2, window_x + w * 0.17, h * 0.5), c.rng)
    banner(draw, (w * 0.12, h * 0.06, w * 0.88, h * 0.06 + 150 * s), text)
    _slogan_panel(c, w * 0.8 if left else w * 0.04)
    plant(draw, w * (0.93 if left else 0.07), floor_y + 20 * s, 200 * s, c.rng)
    return window_x


def _slogan_panel(c: Canvas, x: float) -> None:
    draw, h, pw, s = c.draw, c.h, c.w * 0.16, c.s
    draw.rectangle([x, h * 0.18, x + pw, h * 0.345], fill=(178, 26, 30))
    fitted_text(draw, (x, h * 0.19, x + pw, h * 0.26), "不忘初心", (248, 214, 120), 56 * s)
    fitted_text(draw, (x, h * 0.265, x + pw, h * 0.335), "牢记使命", (248, 214, 120), 56 * s)


def _seated_row(c: Canvas, table_top: float) -> list[float]:
    """People seated behind the table; returns their seat centres."""
    count = max(3, int(c.w / (230 * c.s)))
    gap = c.w * 0.86 / count
    height = min(c.w, c.h) * 0.62
    centres = [c.w * 0.07 + gap * (i + 0.5) for i in range(count)]
    for cx in centres:
        person = c.person({"plain": 0.5, "coat": 0.35, "nurse": 0.15})
        x = cx + c.rng.uniform(-0.08, 0.08) * gap
        draw_person(
            c.draw,
            x,
            table_top - height * 0.36 + c.rng.uniform(-8, 8) * c.s,
            height,
            person,
            seated=True,
        )
    return centres


def _table(c: Canvas, top: float, seats: list[float]) -> None:
    draw, w, s = c.draw, c.w, c.s
    cloth = c.rng.choice(CLOTHS)
    bottom = c.h * 0.84
    draw.rectangle([0, top, w, top + 22 * s], fill=_mix(cloth, (255, 255, 255), 0.25))
    draw.rectangle([0, top + 22 * s, w, bottom], fill=cloth)
    for k in range(24):
        x = w * k / 24
        draw.line(
            [(x, top + 22 * s), (x + 8 * s, bottom)],
            fill=_mix(cloth, (0, 0, 0), 0.12),
            width=max(1, int(3 * s)),
        )
    for cx in seats:  # name card, cup, notebook
        draw.polygon(
            [
                (cx - 45 * s, top + 8 * s),
                (cx + 45 * s, top + 8 * s),
                (cx + 40 * s, top - 34 * s),
                (cx - 40 * s, top - 34 * s),
            ],
            fill=(250, 250, 246),
        )
        draw.rectangle([cx + 60 * s, top - 30 * s, cx + 82 * s, top + 6 * s], fill=(236, 240, 244))
        draw.rectangle([cx - 100 * s, top - 4 * s, cx - 56 * s, top + 10 * s], fill=(200, 60, 50))


def _lectern(c: Canvas, x: float, base: float, size: float) -> None:
    draw = c.draw
    draw_person(draw, x, base - size * 1.45, size * 1.5, c.person({"plain": 0.5, "coat": 0.5}))
    wood = c.rng.choice([(120, 70, 40), (150, 96, 60), (90, 52, 34)])
    draw.polygon(
        [
            (x - size * 0.32, base - size * 0.7),
            (x + size * 0.32, base - size * 0.7),
            (x + size * 0.26, base),
            (x - size * 0.26, base),
        ],
        fill=wood,
    )
    draw.rectangle(
        [x - size * 0.36, base - size * 0.76, x + size * 0.36, base - size * 0.68],
        fill=_mix(wood, (255, 255, 255), 0.2),
    )
    draw.rectangle(
        [x - size * 0.26, base - size * 0.5, x + size * 0.26, base - size * 0.42], fill=PARTY_RED
    )
    draw.line(
        [(x + size * 0.05, base - size * 0.76), (x + size * 0.1, base - size * 0.95)],
        fill=(30, 30, 30),
        width=max(2, int(size * 0.015)),
    )


def scene_lecture(
    size: tuple[int, int], rng: random.Random, crowd: Crowd, text: str, slide: str
) -> Image.Image:
    """A lecture hall: banner, projected slide, speaker at a lectern, rows of listeners from behind."""
    wall = rng.choice(
        [((70, 62, 58), (46, 40, 38)), ((58, 66, 80), (36, 40, 52)), ((96, 70, 52), (60, 44, 34))]
    )
    c = new_canvas(size, rng, *wall, crowd)
    s = c.s
    for i in range(6):
        x = c.w * (i + 0.5) / 6
        c.draw.ellipse([x - 30 * s, c.h * 0.015, x + 30 * s, c.h * 0.03], fill=(255, 250, 230))
    banner(c.draw, (c.w * 0.15, c.h * 0.05, c.w * 0.85, c.h * 0.05 + 110 * s), text)
    screen = _screen(c, slide)
    stage = screen[3] + 40 * s
    c.draw.rectangle([0, stage, c.w, c.h], fill=_mix(wall[1], (120, 40, 40), 0.4))
    _lectern(c, c.w * rng.choice((0.1, 0.9)), stage + 120 * s, 380 * s)
    _audience(c, stage)
    centre = ((screen[0] + screen[2]) / 2, (screen[1] + screen[3]) / 2)
    return finish(glow(c.img, centre, c.w * 0.35, (255, 255, 240), 0.3), rng)


def _screen(c: Canvas, slide: str) -> tuple[float, float, float, float]:
    draw, s = c.draw, c.s
    x0, y0 = c.w * 0.2, c.h * 0.05 + 150 * s
    x1, y1 = c.w * 0.8, y0 + c.w * 0.6 * 9 / 16
    draw.rectangle([x0 - 10 * s, y0 - 10 * s, x1 + 10 * s, y1 + 10 * s], fill=(24, 24, 26))
    draw.rectangle([x0, y0, x1, y1], fill=(248, 246, 240))
    header = y0 + (y1 - y0) * 0.22
    draw.rectangle([x0, y0, x1, header], fill=(190, 28, 32))
    fitted_text(draw, (x0, y0, x1, header), slide, (255, 255, 255), 90 * s)
    for k in range(c.rng.randint(3, 5)):
        y = y0 + (y1 - y0) * (0.32 + k * 0.13)
        draw.ellipse([x0 + 40 * s, y, x0 + 58 * s, y + 18 * s], fill=(190, 28, 32))
        draw.rectangle(
            [x0 + 80 * s, y + 2 * s, x0 + (x1 - x0) * c.rng.uniform(0.45, 0.9), y + 16 * s],
            fill=(150, 150, 156),
        )
    draw.rectangle([x0, y1 - (y1 - y0) * 0.06, x1, y1], fill=(214, 160, 60))
    return x0, y0, x1, y1


def _audience(c: Canvas, stage: float) -> None:
    rows = 4
    for r in range(rows):
        t = r / (rows - 1)
        height = c.h * (0.45 + 0.55 * t)
        top = stage + 40 * c.s + (c.h - stage) * (0.05 + 0.55 * t)
        count = max(3, int(c.w / (height * 0.33)))
        seat = _mix((120, 30, 34), (0, 0, 0), 0.3 * (1 - t))
        offset = c.rng.uniform(0, 1)
        for i in range(count + 1):
            cx = c.w * (i + offset) / count
            if c.rng.random() < 0.85:
                person = c.person({"plain": 0.55, "coat": 0.35, "nurse": 0.1}, elderly=0.1)
                draw_person(c.draw, cx, top, height, person, back=True)
            c.draw.rounded_rectangle(
                [cx - height * 0.16, top + height * 0.17, cx + height * 0.16, top + height * 0.5],
                radius=height * 0.04,
                fill=seat,
            )


def _tree(
    draw: ImageDraw.ImageDraw, x: float, base: float, size: float, rng: random.Random
) -> None:
    draw.rectangle([x - size * 0.05, base - size * 0.6, x + size * 0.05, base], fill=(96, 70, 50))
    green = rng.choice([(62, 120, 60), (80, 136, 64), (46, 104, 70)])
    for _ in range(10):
        r = size * rng.uniform(0.18, 0.3)
        px, py = x + rng.uniform(-0.3, 0.3) * size, base - size * rng.uniform(0.65, 1.15)
        draw.ellipse([px - r, py - r, px + r, py + r], fill=_jitter(green, rng, 14))


def _flag(draw: ImageDraw.ImageDraw, x: float, top: float, size: float, text: str) -> None:
    """A plain red flag with a slogan, rippling slightly."""
    draw.line(
        [(x, top), (x, top + size * 2.4)], fill=(200, 200, 204), width=max(3, int(size * 0.03))
    )

    def edge(y: float, k: int) -> tuple[float, float]:
        t = k / 10
        return x + size * 1.2 * t, y + size * 0.06 * (1 if k % 4 in (1, 2) else -1) * t

    upper = [edge(top + size * 0.05, k) for k in range(11)]
    lower = [edge(top + size * 0.8, k) for k in range(10, -1, -1)]
    draw.polygon([(x, top + size * 0.05), *upper, *lower], fill=PARTY_RED)
    fitted_text(
        draw,
        (x, top + size * 0.1, x + size * 1.2, top + size * 0.75),
        text,
        (255, 240, 200),
        size * 0.26,
    )


def scene_outdoor(
    size: tuple[int, int], rng: random.Random, crowd: Crowd, text: str, tent_text: str
) -> Image.Image:
    """A volunteer stand in a community square: sky, blocks of flats, trees, tent, residents."""
    c = new_canvas(size, rng, (118, 168, 222), (214, 230, 240), crowd)
    horizon = c.h * rng.uniform(0.46, 0.52)
    _clouds(c)
    _skyline(c, horizon)
    for i in range(int(c.w / (160 * c.s)) + 1):
        _tree(
            c.draw,
            i * 160 * c.s + rng.uniform(-40, 40) * c.s,
            horizon + 10 * c.s,
            rng.uniform(230, 330) * c.s,
            rng,
        )
    _paving(c, horizon)
    _tent(c, horizon, text, tent_text)
    _flag(c.draw, c.w * rng.uniform(0.06, 0.14), horizon - c.h * 0.3, 200 * c.s, "党员先锋")
    _residents(c, horizon)
    return finish(
        glow(c.img, (c.w * rng.uniform(0.6, 0.95), c.h * 0.05), c.w * 0.4, (255, 246, 214), 0.45),
        rng,
    )


def _clouds(c: Canvas) -> None:
    for _ in range(c.rng.randint(3, 6)):
        cx, cy, cw = (
            c.rng.uniform(0, c.w),
            c.rng.uniform(0.05, 0.25) * c.h,
            c.rng.uniform(120, 300) * c.s,
        )
        for _ in range(5):
            dx, dy, r = (
                c.rng.uniform(-cw, cw) * 0.6,
                c.rng.uniform(-0.2, 0.2) * cw,
                c.rng.uniform(0.3, 0.5) * cw,
            )
            c.draw.ellipse(
                [cx + dx - r, cy + dy - r * 0.6, cx + dx + r, cy + dy + r * 0.6],
                fill=(246, 248, 250),
            )


def _skyline(c: Canvas, horizon: float) -> None:
    s, draw = c.s, c.draw
    x = -c.rng.uniform(0, 200) * s
    while x < c.w:
        bw, bh = c.rng.uniform(220, 420) * s, c.rng.uniform(0.18, 0.36) * c.h
        colour = c.rng.choice([(226, 220, 206), (208, 214, 222), (232, 214, 196), (200, 200, 196)])
        draw.rectangle([x, horizon - bh, x + bw, horizon], fill=colour)
        for yy in range(int(horizon - bh + 20 * s), int(horizon - 20 * s), int(46 * s)):
            for xx in range(int(x + 20 * s), int(x + bw - 30 * s), int(52 * s)):
                draw.rectangle(
                    [xx, yy, xx + 26 * s, yy + 24 * s], fill=_mix(colour, (90, 120, 150), 0.45)
                )
        x += bw + c.rng.uniform(10, 80) * s


def _paving(c: Canvas, horizon: float) -> None:
    ground = c.rng.choice([((200, 196, 188), (168, 164, 156)), ((190, 184, 170), (150, 144, 132))])
    c.band(horizon, *ground)
    for k in range(1, 12):
        y = horizon + (c.h - horizon) * (k / 12) ** 1.6
        c.draw.line(
            [(0, y), (c.w, y)],
            fill=_mix(ground[1], (120, 116, 110), 0.3),
            width=max(1, int(2 * c.s)),
        )


def _tent(c: Canvas, horizon: float, text: str, tent_text: str) -> None:
    """A pop-up tent with a valance, volunteers seated behind a table draped in red."""
    draw, s, h = c.draw, c.s, c.h
    colour = c.rng.choice([PARTY_RED, (30, 90, 170), (28, 120, 90)])
    x0, x1 = c.w * c.rng.uniform(0.2, 0.3), c.w * c.rng.uniform(0.7, 0.8)
    y = horizon - h * 0.2
    draw.polygon(
        [
            (x0 + (x1 - x0) * 0.2, y - h * 0.08),
            (x1 - (x1 - x0) * 0.2, y - h * 0.08),
            (x1, y),
            (x0, y),
        ],
        fill=colour,
    )
    draw.rectangle([x0, y, x1, y + 90 * s], fill=_mix(colour, (0, 0, 0), 0.1))
    fitted_text(draw, (x0, y, x1, y + 90 * s), tent_text, (255, 255, 255), 64 * s)
    for px in (x0 + 8 * s, x1 - 8 * s):
        draw.line(
            [(px, y + 90 * s), (px, horizon + h * 0.22)],
            fill=(180, 180, 186),
            width=max(3, int(8 * s)),
        )
    volunteers = [c.person({"vest": 0.6, "coat": 0.4}) for _ in range(c.rng.randint(3, 5))]
    for i, person in enumerate(volunteers):
        draw_person(
            draw,
            x0 + (x1 - x0) * (i + 0.5) / len(volunteers),
            horizon - h * 0.07,
            h * 0.42,
            person,
            seated=True,
        )
    table = horizon + h * 0.1
    draw.rectangle([x0 + 30 * s, table - 12 * s, x1 - 30 * s, table], fill=(246, 246, 244))
    draw.rectangle([x0 + 30 * s, table, x1 - 30 * s, table + h * 0.15], fill=(200, 30, 34))
    fitted_text(
        draw, (x0 + 30 * s, table, x1 - 30 * s, table + h * 0.15), text, (255, 245, 220), 80 * s
    )


def _residents(c: Canvas, horizon: float) -> None:
    """Residents queueing or passing by, nearer ones larger and off to the sides."""
    for depth, side in sorted(
        (c.rng.uniform(0.0, 1.0), c.rng.choice((-1, 1))) for _ in range(c.rng.randint(3, 6))
    ):
        person = random_person(
            c.rng, {"plain": 0.8, "vest": 0.2}, elderly=0.5
        )  # residents, not members
        cx = (
            c.w * (0.5 + side * c.rng.uniform(0.3, 0.46))
            if depth > 0.4
            else c.w * c.rng.uniform(0.3, 0.7)
        )
        draw_person(
            c.draw,
            cx,
            horizon + c.h * (0.05 + 0.2 * depth),
            c.h * (0.36 + 0.2 * depth),
            person,
            back=c.rng.random() < 0.5,
        )


def scene_group(
    size: tuple[int, int], rng: random.Random, crowd: Crowd, text: str, flag_text: str
) -> Image.Image:
    """A group photo in two rows, outdoors before a memorial hall or indoors before a red backdrop."""
    if rng.random() < 0.5:
        c = new_canvas(size, rng, (130, 176, 224), (220, 232, 242), crowd)
        _memorial_hall(c, text)
    else:
        c = new_canvas(size, rng, *rng.choice(WALLS), crowd)
        _red_backdrop(c, text)
    outfits = rng.choice(
        [{"plain": 0.6, "coat": 0.4}, {"coat": 0.7, "nurse": 0.3}, {"plain": 0.4, "vest": 0.6}]
    )
    for row, (top, height) in enumerate([(c.h * 0.32, c.h * 0.5), (c.h * 0.42, c.h * 0.56)]):
        count = max(4, int(c.w / (height * 0.3)))
        for i in range(count):
            cx = c.w * (i + 0.5 + (0.5 if row == 0 else 0)) / (count + (1 if row == 0 else 0))
            draw_person(
                c.draw, cx, top + rng.uniform(-6, 6) * c.s, height, c.person(outfits, elderly=0.15)
            )
    box = (c.w * 0.24, c.h * 0.64, c.w * 0.76, c.h * 0.76)
    c.draw.rectangle(box, fill=PARTY_RED)
    fitted_text(c.draw, box, flag_text, (255, 246, 210), 90 * c.s)
    return finish(glow(c.img, (c.w * 0.5, c.h * 0.1), c.w * 0.5, (255, 248, 226), 0.3), rng)


def _memorial_hall(c: Canvas, text: str) -> None:
    draw, w, h, s = c.draw, c.w, c.h, c.s
    stone = c.rng.choice([(214, 204, 186), (200, 196, 190)])
    draw.rectangle([w * 0.05, h * 0.12, w * 0.95, h * 0.62], fill=stone)
    for k in range(8):
        cx = w * (0.12 + k * 0.11)
        draw.rectangle(
            [cx - 18 * s, h * 0.3, cx + 18 * s, h * 0.62], fill=_mix(stone, (255, 255, 255), 0.3)
        )
    draw.rectangle([w * 0.03, h * 0.1, w * 0.97, h * 0.15], fill=_mix(stone, (0, 0, 0), 0.15))
    banner(draw, (w * 0.2, h * 0.17, w * 0.8, h * 0.17 + 110 * s), text)
    draw.rectangle([0, h * 0.62, w, h], fill=(176, 172, 164))
    for k in range(5):
        draw.line(
            [(0, h * (0.62 + k * 0.08)), (w, h * (0.62 + k * 0.08))],
            fill=(150, 146, 140),
            width=max(1, int(4 * s)),
        )


def _red_backdrop(c: Canvas, text: str) -> None:
    draw, w, h, s = c.draw, c.w, c.h, c.s
    draw.rectangle([w * 0.08, h * 0.05, w * 0.92, h * 0.45], fill=(188, 28, 32))
    fitted_text(draw, (w * 0.1, h * 0.07, w * 0.9, h * 0.19), text, (255, 240, 200), 110 * s)
    fitted_text(
        draw, (w * 0.1, h * 0.2, w * 0.9, h * 0.29), "不忘初心 · 牢记使命", (248, 214, 120), 70 * s
    )
    c.band(h * 0.72, *c.rng.choice(FLOORS))


# =============================================================================== photos: per report

_FONT: list[str] = []


def font_path() -> str:
    """The bold CJK font for banners and badges (the first installed candidate)."""
    if not _FONT:
        found = next((f for f in FONT_CANDIDATES if Path(f).is_file()), None)
        if found is None:
            raise SystemExit("No CJK font found; install fonts-noto-cjk (NotoSansCJK-Bold.ttc).")
        _FONT.append(found)
    return _FONT[0]


@dataclass(frozen=True)
class Shot:
    scene: str  # meeting | lecture | outdoor | group
    caption: str


SHOTS: dict[str, tuple[Shot, ...]] = {
    "committee_meeting": (
        Shot("meeting", "支委会会议现场"),
        Shot("meeting", "支部委员研究讨论{topic}"),
        Shot("meeting", "{host_role}{host}主持会议"),
    ),
    "group_meeting": (
        Shot("meeting", "党小组会现场"),
        Shot("meeting", "党员交流学习体会"),
        Shot("lecture", "党小组集中学习"),
    ),
    "theme_day": (
        Shot("group", "全体党员合影"),
        Shot("meeting", "主题党日活动现场"),
        Shot("lecture", "党员集中学习"),
        Shot("group", "党员重温入党誓词"),
        Shot("meeting", "党员代表交流发言"),
    ),
    "general_meeting": (
        Shot("meeting", "支部党员大会现场"),
        Shot("meeting", "党员举手表决"),
        Shot("lecture", "{host_role}{host}通报支部工作"),
    ),
    "party_lesson": (
        Shot("lecture", "{lecturer}讲授专题党课"),
        Shot("lecture", "党员认真聆听党课"),
        Shot("meeting", "党课后交流研讨"),
    ),
    "life_meeting": (Shot("meeting", "组织生活会现场"), Shot("meeting", "党员开展批评与自我批评")),
    "member_review": (
        Shot("meeting", "民主评议党员会议现场"),
        Shot("meeting", "党员填写民主测评表"),
    ),
    "volunteer": (
        Shot("outdoor", "党员志愿者为群众提供{topic}服务"),
        Shot("outdoor", "志愿服务现场"),
        Shot("group", "“{brand}”志愿服务队合影"),
        Shot("outdoor", "志愿者耐心解答群众咨询"),
    ),
    "project": (
        Shot("meeting", "“{topic}”项目推进会"),
        Shot("group", "项目团队合影"),
        Shot("outdoor", "项目服务进社区"),
        Shot("lecture", "项目阶段成果汇报"),
    ),
    "study": (Shot("lecture", "专题学习现场"), Shot("meeting", "党员交流学习心得")),
}
PHOTO_COUNTS: dict[str, tuple[float, ...]] = {  # weights for 1, 2, 3 and 4 photos
    "committee_meeting": (0.92, 0.08),
    "group_meeting": (0.95, 0.05),
    "theme_day": (0.7, 0.2, 0.07, 0.03),
    "general_meeting": (0.8, 0.2),
    "party_lesson": (0.75, 0.2, 0.05),
    "life_meeting": (0.7, 0.3),
    "member_review": (0.8, 0.2),
    "volunteer": (0.0, 0.55, 0.3, 0.15),
    "project": (0.6, 0.3, 0.1),
    "study": (0.9, 0.1),
}


def choose_shots(facts: Facts, rng: random.Random) -> list[Shot]:
    plan = facts.plan
    if rng.random() < 0.15 and not plan.exif and len(plan.branches) == 1:
        return []
    weights = PHOTO_COUNTS[plan.type]
    count = rng.choices(range(1, len(weights) + 1), weights=weights)[0]
    shots = SHOTS[plan.type]
    chosen = [shots[0], *rng.sample(shots[1:], min(count, len(shots)) - 1)]
    if plan.topic and plan.topic.slug in ("martyrs-memorial", "oath-review", "party-105"):
        chosen[0] = Shot("group", "党员重温入党誓词")
    return chosen


def caption(shot: Shot, facts: Facts) -> str:
    topic = facts.plan.topic.name if facts.plan.topic else TYPES[facts.plan.type].name
    return nest_quotes(
        shot.caption.format(
            topic=topic,
            host=facts.host or "",
            host_role=facts.host_role,
            lecturer=facts.lecturer or "",
            brand=facts.branch.brand,
        )
    )


def banner_text(facts: Facts) -> str:
    plan = facts.plan
    name = "医护联建" if len(plan.branches) > 1 else plan.branch.name
    topic = plan.topic.name if plan.topic else ""
    match plan.type:
        case "group_meeting":
            return f"{name}第{plan.number}党小组会"
        case "general_meeting":
            return f"{name}{QUARTERS[plan.number]}季度党员大会"
        case "theme_day":
            return f"“{topic}”主题党日活动"
        case "project":
            return f"“{topic}”项目推进会"
    suffix = {
        "committee_meeting": "支部委员会会议",
        "party_lesson": "专题党课",
        "life_meeting": "2025年度组织生活会",
        "member_review": "民主评议党员大会",
        "volunteer": "党员志愿服务",
        "study": "专题学习会",
    }
    return name + suffix[plan.type]


RETIRED_CROWD = Crowd({"plain": 0.85, "vest": 0.15}, elderly=0.8)


def render_shot(shot: Shot, facts: Facts, size: tuple[int, int], rng: random.Random) -> Image.Image:
    topic = facts.plan.topic.name if facts.plan.topic else "学习贯彻党的二十届四中全会精神"
    text = nest_quotes(banner_text(facts))
    crowd = RETIRED_CROWD if facts.branch.retired else Crowd()
    if shot.scene == "lecture":
        return scene_lecture(size, rng, crowd, text, topic)
    if shot.scene == "outdoor":
        service = (
            facts.plan.topic.name
            if facts.plan.type == "volunteer" and facts.plan.topic
            else "健康服务"
        )
        return scene_outdoor(size, rng, crowd, "党员志愿服务", f"{facts.branch.brand} · {service}")
    if shot.scene == "group":
        board = topic if facts.plan.type in ("theme_day", "project") else text
        flag = "医护联建" if len(facts.plan.branches) > 1 else facts.branch.name
        return scene_group(size, rng, crowd, board, flag)
    return scene_meeting(size, rng, crowd, text)


def save_photo(img: Image.Image, path: Path, with_exif: bool, taken: dt.date) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not with_exif:
        img.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return
    # A phone photo held sideways: the pixels are stored rotated and Orientation=6 turns them upright.
    stored = img.transpose(Image.Transpose.ROTATE_90)
    stored.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, exif=phone_exif(taken))


def phone_exif(taken: dt.date) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"  # Make
    exif[0x0110] = "DemoPhone 12 Pro"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x0132] = f"{taken:%Y:%m:%d} 09:41:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    (lat, lon) = HOSPITAL_GPS
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001] = "N"
    gps[0x0002] = tuple(float(v) for v in lat)
    gps[0x0003] = "E"
    gps[0x0004] = tuple(float(v) for v in lon)
    return exif


def write_photos(facts: Facts, report: Path, rng: random.Random) -> list[tuple[str, str]]:
    """Render the report's photos next to it; returns (path relative to the report, caption)."""
    written: list[tuple[str, str]] = []
    folder = report.with_suffix("")
    for index, shot in enumerate(choose_shots(facts, rng), 1):
        photo_rng = random.Random(f"{SEED}/{report.name}/{index}")
        size = (
            PHOTO_SIZE[::-1]
            if photo_rng.random() < 0.05 and shot.scene in ("group", "meeting")
            else PHOTO_SIZE
        )
        path = folder / f"{index:02d}.jpg"
        save_photo(
            render_shot(shot, facts, size, photo_rng),
            path,
            facts.plan.exif and index == 1,
            facts.plan.day,
        )
        written.append((f"{folder.name}/{path.name}", caption(shot, facts)))
    return written


# =============================================================================== front matter

# The model's own alias tables: the demo's Chinese-keyed reports use exactly what it accepts.
ALIASES = {**REPORT_KEYS, **ATTENDANCE_KEYS, **ABSENTEE_KEYS, **PHOTO_KEYS}
TAGS: dict[str, tuple[str, ...]] = {
    "committee_meeting": ("支委会", "组织建设"),
    "group_meeting": ("党小组", "理论学习"),
    "theme_day": ("主题党日",),
    "general_meeting": ("党员大会", "组织建设"),
    "party_lesson": ("党课", "理论学习"),
    "life_meeting": ("组织生活会", "批评与自我批评"),
    "member_review": ("民主评议",),
    "volunteer": ("志愿服务", "健康科普"),
    "project": ("党建+", "品牌建设"),
    "study": ("专题学习", "廉洁教育"),
}
TOPIC_TAGS = {
    "martyrs-memorial": "红色教育",
    "oath-review": "重温入党誓词",
    "party-105": "建党105周年",
    "long-march-90": "长征精神",
    "clean-hospital": "清廉医院",
    "fourth-plenum": "全会精神",
    "doctors-day": "医师节",
    "nightingale": "护士节",
    "learn-from-leifeng": "学雷锋",
}


@dataclass
class Report:
    facts: Facts
    title: str
    path: Path
    body: str
    photos: list[tuple[str, str]] = field(default_factory=list)
    submitted: dt.date | None = None


def front_matter(report: Report, rng: random.Random) -> dict[str, object]:
    facts, plan = report.facts, report.facts.plan
    data: dict[str, object] = {
        "title": report.title,
        "date": date_value(facts),
        "branch": branch_value(plan, rng),
        "type": type_value(plan, rng),
    }
    optional = {
        "host": facts.host,
        "recorder": facts.recorder,
        "lecturer": facts.lecturer,
        "location": facts.location,
    }
    data.update({k: v for k, v in optional.items() if v})
    if facts.attendance:
        data["attendance"] = attendance_value(facts.attendance, plan.chinese, rng)
    if facts.hours:
        data["volunteer_hours"] = facts.hours
    if facts.served is not None:
        data["served"] = facts.served
    if rng.random() < 0.8:
        data["tags"] = tags(plan, rng)
    if rng.random() < 0.3:
        data["summary"] = summary(report)
    if report.photos:
        data["photos"] = photos_value(report.photos, rng)
        if len(report.photos) > 1 and rng.random() < 0.1:
            data["cover"] = report.photos[1][0]
    if plan.internal:
        data["visibility"] = "internal"
    if plan.draft:
        data["draft"] = True
    if report.submitted:
        data["submitted"] = report.submitted
    return to_chinese(data) if plan.chinese else data


def date_value(facts: Facts) -> object:
    return f"{facts.plan.day.isoformat()} {facts.time}" if facts.time else facts.plan.day


def branch_value(plan: Plan, rng: random.Random) -> object:
    if len(plan.branches) > 1:
        return [b.id for b in plan.branches]
    return plan.branch.name if plan.chinese or rng.random() < 0.3 else plan.branch.id


def type_value(plan: Plan, rng: random.Random) -> str:
    activity = TYPES[plan.type]
    if plan.chinese:
        return activity.name
    roll = rng.random()
    if activity.alias and roll < 0.1:
        return activity.alias
    return activity.name if roll < 0.45 else activity.id


def attendance_value(a: Attendance, chinese: bool, rng: random.Random) -> dict[str, object]:
    value: dict[str, object] = {"expected": a.expected, "present": a.present}
    as_text = rng.random() < 0.35
    if a.absent:
        value["absent"] = [
            f"{n}（{r}）" if as_text else {"name": n, "reason": r} for n, r in a.absent
        ]
    elif rng.random() < 0.2:
        value["absent"] = []
    return value


def photos_value(photos: list[tuple[str, str]], rng: random.Random) -> list[object]:
    if rng.random() < 0.08:
        return [src for src, _ in photos]
    return [{"src": src, "caption": text} for src, text in photos]


def tags(plan: Plan, rng: random.Random) -> list[str]:
    chosen = list(TAGS[plan.type])
    if plan.topic and plan.topic.slug in TOPIC_TAGS:
        chosen.append(TOPIC_TAGS[plan.topic.slug])
    if rng.random() < 0.4:
        chosen.append(plan.branch.brand)
    return chosen


def summary(report: Report) -> str:
    facts, plan = report.facts, report.facts.plan
    topic = plan.topic.name if plan.topic else ""
    action = {
        "committee_meeting": f"召开支委会，专题研究{topic}",
        "group_meeting": f"第{plan.number}党小组集中学习{group_study(plan)}",
        "theme_day": f"开展“{topic}”主题党日活动",
        "general_meeting": "召开支部党员大会",
        "party_lesson": f"开展专题党课《{topic}》",
        "life_meeting": "召开2025年度组织生活会",
        "member_review": "开展2025年度民主评议党员",
        "volunteer": f"在{facts.place}开展{topic}志愿服务，服务群众{facts.served}人次",
        "project": f"推进“{topic}”党建+项目",
        "study": f"专题学习{topic}",
    }[plan.type]
    who = f"，{facts.attendance.present}人参加" if facts.attendance else ""
    return nest_quotes(f"{date_cn(plan.day)}，{facts.branch_names}{action}{who}。")


def to_chinese(value: object) -> object:
    """The same front matter written with the Chinese alias of every key."""
    if isinstance(value, dict):
        return {ALIASES.get(k, k): to_chinese(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_chinese(v) for v in value]
    if value == "internal":
        return "内部"
    return value


def render_markdown(data: dict[str, object], body: str) -> str:
    head = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000
    )
    return f"---\n{head}---\n\n{body}\n"


# =============================================================================== site_config.yaml


def config_text() -> str:
    lines = [
        "# 示范内容：虚构的“示范人民医院党委”及其九个党支部，由 scripts/make_demo_content.py 生成。",
        "# 格式见 content-format.md 第 2 节。未写 activity_types，使用生成器自带的默认活动类型。",
        "organization:",
        f"  name: {ORG_NAME}",
        f"  site_url: {ORG_URL}",
        "  logo: theme/assets/logo.png",
        f'  color: "{ORG_COLOR}"          # 扩展项：网站主色',
        f"  description: {ORG_DESCRIPTION}   # 扩展项：网站简介",
        "branches:",
    ]
    for branch in BRANCHES:
        lines.extend(branch_lines(branch))
    lines += ["tally:", '  year_start: "01-01"', "  publish: false", "  late_after_days: 7", ""]
    return "\n".join(lines)


def branch_lines(branch: Branch) -> list[str]:
    lines = [
        f"  - id: {branch.id}",
        f"    name: {branch.name}",
        f"    brand: {branch.brand}",
        f"    slogan: {branch.slogan}",
        f'    color: "{branch.color}"',
        f"    logo: content/branches/{branch.id}.png",
        f"    members: {branch.members}",
        f"    party_groups: {branch.groups}",
        "    secretaries:",
    ]
    for term in branch.secretaries:
        end = f", to: {term.end.isoformat()}" if term.end else ""
        lines.append(f"      - {{name: {term.name}, from: {term.start.isoformat()}{end}}}")
    return lines


# =============================================================================== badges


def hex_rgb(colour: str) -> RGB:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def shield(size: float, inset: float) -> list[tuple[float, float]]:
    """A heraldic shield outline inside a ``size`` square, ``inset`` from the edges."""
    left, right, top, bottom, shoulder = inset, size - inset, inset * 1.2, size - inset, size * 0.56
    control = (right, size * 0.86)
    side: list[tuple[float, float]] = []
    for k in range(25):  # quadratic Bézier from the right shoulder down to the point
        t = k / 24
        x = (1 - t) ** 2 * right + 2 * (1 - t) * t * control[0] + t * t * size / 2
        y = (1 - t) ** 2 * shoulder + 2 * (1 - t) * t * control[1] + t * t * bottom
        side.append((x, y))
    mirrored = [(size - x, y) for x, y in reversed(side[:-1])]
    return [(left, top), (right, top), *side, *mirrored]


def branch_badge(branch: Branch, variant: int) -> Image.Image:
    """Brand colour circle or shield, a thin white ring and the brand's first character."""
    big = 1024
    colour = hex_rgb(branch.color)
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    if variant % 2 == 0:
        draw.ellipse([16, 16, big - 16, big - 16], fill=colour)
        draw.ellipse([70, 70, big - 70, big - 70], outline=(255, 255, 255), width=18)
        size, centre = 500, big * 0.5
    else:
        draw.polygon(shield(big, 40), fill=colour)
        inner = shield(big, 96)
        draw.line([*inner, inner[0]], fill=(255, 255, 255), width=18, joint="curve")
        size, centre = 440, big * 0.45
    text_font = ImageFont.truetype(font_path(), size)
    draw.text((big / 2, centre), branch.brand[0], font=text_font, fill=(255, 255, 255), anchor="mm")
    return img.resize((256, 256), Image.Resampling.LANCZOS)


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def organisation_badge() -> Image.Image:
    """A hospital Party-committee badge: red disc, white ring, white rounded cross, small red star."""
    big = 1024
    red = hex_rgb(ORG_COLOR)
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse([16, 16, big - 16, big - 16], fill=red)
    draw.ellipse([64, 64, big - 64, big - 64], outline=(255, 255, 255), width=20)
    arm, reach = 120, 300
    c = big / 2
    draw.rounded_rectangle(
        [c - arm, c - reach, c + arm, c + reach], radius=48, fill=(255, 255, 255)
    )
    draw.rounded_rectangle(
        [c - reach, c - arm, c + reach, c + arm], radius=48, fill=(255, 255, 255)
    )
    draw.polygon(star(c, c + 8, 100, 40), fill=red)
    for k in range(12):
        angle = k * math.pi / 6
        x, y = c + 400 * math.cos(angle), c + 400 * math.sin(angle)
        draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=(255, 255, 255))
    return img.resize((256, 256), Image.Resampling.LANCZOS)


# =============================================================================== assembly


def report_path(plan: Plan, slug: str, used: set[Path]) -> Path:
    folder = ROOT / "content" / "reports" / plan.branch.id / str(YEAR)
    path = folder / f"{plan.day.isoformat()}-{slug}.md"
    counter = 2
    while path in used:
        path = folder / f"{plan.day.isoformat()}-{slug}-{counter}.md"
        counter += 1
    used.add(path)
    return path


def submission_days(plans: list[Plan], rng: random.Random) -> dict[int, dt.date]:
    """About half the reports record when they were handed in; a handful came in late."""
    submitted: dict[int, dt.date] = {}
    for index, plan in enumerate(plans):
        if rng.random() < 0.5:
            submitted[index] = min(
                TODAY, plan.day + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)))
            )
    eligible = [i for i, p in enumerate(plans) if not p.draft and p.day <= dt.date(2026, 10, 31)]
    for index in rng.sample(eligible, 8):
        submitted[index] = plans[index].day + dt.timedelta(days=rng.randint(9, 24))
    return submitted


def build_reports(
    plans: list[Plan], rosters: dict[str, Roster], rng: random.Random
) -> list[Report]:
    reports: list[Report] = []
    used: set[Path] = set()
    submitted = submission_days(plans, rng)
    for index, plan in enumerate(plans):
        facts = decide_facts(plan, rosters[plan.branch.id], rng)
        title = nest_quotes(make_title(facts, rng))
        path = report_path(plan, make_slug(plan, facts, rng), used)
        body = nest_quotes(BODY_BUILDERS[plan.type](facts, rng))
        reports.append(Report(facts, title, path, body, submitted=submitted.get(index)))
    return reports


def write_report(report: Report, rng: random.Random) -> None:
    report.path.parent.mkdir(parents=True, exist_ok=True)
    report.photos = write_photos(report.facts, report.path, rng)
    data = front_matter(report, rng)
    report.path.write_text(render_markdown(data, report.body), encoding="utf-8")


def write_branch_files() -> None:
    folder = ROOT / "content" / "branches"
    folder.mkdir(parents=True, exist_ok=True)
    for index, branch in enumerate(BRANCHES):
        (folder / f"{branch.id}.md").write_text(STORIES[branch.id] + "\n", encoding="utf-8")
        branch_badge(branch, index).save(folder / f"{branch.id}.png", optimize=True)


def clean() -> None:
    """Remove what a previous run generated (and only that)."""
    shutil.rmtree(ROOT / "content" / "reports", ignore_errors=True)
    for branch in BRANCHES:
        for suffix in (".md", ".png"):
            (ROOT / "content" / "branches" / f"{branch.id}{suffix}").unlink(missing_ok=True)


def main() -> None:
    rng = random.Random(SEED)
    font_path()
    clean()
    (ROOT / "site_config.yaml").write_text(config_text(), encoding="utf-8")
    logo = ROOT / "theme" / "assets" / "logo.png"
    logo.parent.mkdir(parents=True, exist_ok=True)
    organisation_badge().save(logo, optimize=True)
    write_branch_files()
    rosters = build_rosters(rng)
    plans = plan_all(rng)
    reports = build_reports(plans, rosters, rng)
    for number, report in enumerate(reports, 1):
        write_report(report, rng)
        if number % 50 == 0:
            print(f"{number}/{len(reports)} reports written")
    photos = sum(len(r.photos) for r in reports)
    print(f"Wrote {len(reports)} reports with {photos} photos under {ROOT / 'content'}")
    check_absentees_appear_nowhere_else()


def check_absentees_appear_nowhere_else() -> None:
    """Absentees are never published, so nothing published may carry their names either:
    then a search of the built site for any absentee's name must find nothing."""
    project = load_project(ROOT, today=TODAY)
    absent = {a.name for r in project.reports if r.attendance for a in r.attendance.absent}
    shown = [(ROOT / "site_config.yaml").read_text("utf-8")]
    shown += [f.read_text("utf-8") for f in (ROOT / "content" / "branches").glob("*.md")]
    for r in project.reports:
        shown += [r.title, r.body, r.summary, *r.tags, *(p.caption or "" for p in r.photos)]
        shown += [r.host or "", r.recorder or "", r.lecturer or "", r.location or ""]
    text = "\n".join(shown)
    found = sorted(name for name in absent if name in text)
    if found:
        raise SystemExit(f"Absentees named elsewhere in the demo: {found}; change SEED.")


if __name__ == "__main__":
    main()
