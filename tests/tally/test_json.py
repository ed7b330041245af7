"""The whole JSON object for two scenarios, every expected number worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

from generator.tally import dumps_json, tally_dict

from .conftest import HANDOVER_REPORTS, config, report

MONTHS_2026 = [f"2026-{m:02d}" for m in range(1, 13)]


def test_hand_over_joint_report_cap_and_a_missed_quarter(tally):
    result = tally(HANDOVER_REPORTS)
    # 王五: 4 theme days × 3 = 12, capped at 9; the joint volunteer day 2 → 11.
    # 张三: 2 theme days × 3 = 6, nothing missed while in office → 6.
    # 李四: 1 theme day 3 + volunteer 2 = 5; Q4 only has a draft: −2 → 3.
    heart_counts = [0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    nurse_counts = [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]
    assert tally_dict(result) == {
        "year": 2026,
        "generated_for": "2026-12-31",
        "secretaries": [
            {
                "name": "王五",
                "branch": "nurse",
                "term": {"from": "2025-01-01", "to": None},
                "types": {
                    "theme_day": {
                        "count": 4,
                        "points": 9,
                        "reports": [f"content/reports/nurse/n{i}.md" for i in (1, 2, 3, 4)],
                    },
                    "volunteer": {
                        "count": 1,
                        "points": 2,
                        "reports": ["content/reports/joint/j1.md"],
                    },
                },
                "missed": [],
                "points": 11,
                "deductions": 0,
                "total": 11,
                "rank": 1,
            },
            {
                "name": "张三",
                "branch": "heart",
                "term": {"from": "2024-01-01", "to": "2026-06-30"},
                "types": {
                    "theme_day": {
                        "count": 2,
                        "points": 6,
                        "reports": [
                            "content/reports/heart/a1.md",
                            "content/reports/heart/a2.md",
                        ],
                    }
                },
                "missed": [],
                "points": 6,
                "deductions": 0,
                "total": 6,
                "rank": 2,
            },
            {
                "name": "李四",
                "branch": "heart",
                "term": {"from": "2026-07-01", "to": None},
                "types": {
                    "theme_day": {
                        "count": 1,
                        "points": 3,
                        "reports": ["content/reports/heart/a3.md"],
                    },
                    "volunteer": {
                        "count": 1,
                        "points": 2,
                        "reports": ["content/reports/joint/j1.md"],
                    },
                },
                "missed": [{"type": "theme_day", "period": "2026-Q4", "penalty": 2}],
                "points": 5,
                "deductions": 2,
                "total": 3,
                "rank": 3,
            },
        ],
        "tally_year": {"from": "2026-01-01", "to": "2026-12-31"},
        "late": [],
        "uncredited": [],
        "missed_uncharged": [],
        "compliance": {
            "months": MONTHS_2026,
            "rows": [
                {
                    "branch": "heart",
                    "type": "theme_day",
                    "status": ["done"] * 9 + ["missed"] * 3,
                    "counts": heart_counts,
                },
                {
                    "branch": "nurse",
                    "type": "theme_day",
                    "status": ["done"] * 12,
                    "counts": nurse_counts,
                },
            ],
            "activity": {
                "heart": [0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0],
                "nurse": [1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0],
            },
        },
        "rejected": [],
    }


SCENARIO_B_BRANCHES = """\
branches:
  - id: heart
    name: 心内科党支部
    secretaries:
      - {name: 孙八, from: 2023-01-01, to: 2024-12-31}
      - {name: 张三, from: 2025-01-01, to: 2026-03-31}
      - {name: 李四, from: 2026-05-10}
  - id: nurse
    name: 护理党支部
    secretaries:
      - {name: 王五, from: 2025-01-01, to: 2026-08-31}
      - {name: 钱七, from: 2026-09-01}
  - id: lab
    name: 检验科党支部
    secretaries:
      - {name: 赵六, from: 2026-01-01}
"""
SCENARIO_B_TYPES = """\
activity_types:
  - {id: committee, name: 支部委员会, required: monthly, points: 2, missing_penalty: 1}
  - {id: study, name: 专题学习, required: none, points: 1}
"""


def test_as_of_mid_year_gap_without_secretary_tie_late_and_no_reports(tally):
    reports = {
        "heart/h1.md": report("2026-01-10", "heart", "committee", submitted="2026-01-12"),
        "heart/h2.md": report("2026-02-10", "heart", "committee"),
        "heart/h4.md": report("2026-05-05", "heart", "committee"),  # nobody in office
        "heart/h5.md": report("2026-06-05", "heart", "committee", submitted="2026-06-14"),
        "heart/s1.md": report("2026-06-01", "heart", "study"),
        "heart/h6.md": report("2026-06-20", "heart", "committee"),  # after the as-of day
        **{f"nurse/n{m}.md": report(f"2026-{m:02d}-15", "nurse", "committee") for m in range(1, 6)},
    }
    result = tally(
        reports,
        config(SCENARIO_B_BRANCHES, SCENARIO_B_TYPES),
        as_of=dt.date(2026, 6, 15),
        today=dt.date(2026, 12, 1),
    )
    # 王五 5 × 2 = 10. 张三 2 × 2 = 4, March missed −1 → 3. 李四 committee 2 + study 1 → 3
    # (May is done by h4 although nobody was in office that day). 赵六 misses Jan–May → −5.
    # April at heart is missed with no secretary on 30 April: charged to no one.
    # June is not over on 15 June: not charged. 孙八's and 钱七's terms miss the window.
    assert tally_dict(result) == {
        "year": 2026,
        "generated_for": "2026-06-15",
        "secretaries": [
            {
                "name": "王五",
                "branch": "nurse",
                "term": {"from": "2025-01-01", "to": "2026-08-31"},
                "types": {
                    "committee": {
                        "count": 5,
                        "points": 10,
                        "reports": [f"content/reports/nurse/n{m}.md" for m in range(1, 6)],
                    }
                },
                "missed": [],
                "points": 10,
                "deductions": 0,
                "total": 10,
                "rank": 1,
            },
            {
                "name": "张三",
                "branch": "heart",
                "term": {"from": "2025-01-01", "to": "2026-03-31"},
                "types": {
                    "committee": {
                        "count": 2,
                        "points": 4,
                        "reports": [
                            "content/reports/heart/h1.md",
                            "content/reports/heart/h2.md",
                        ],
                    }
                },
                "missed": [{"type": "committee", "period": "2026-03", "penalty": 1}],
                "points": 4,
                "deductions": 1,
                "total": 3,
                "rank": 2,
            },
            {
                "name": "李四",
                "branch": "heart",
                "term": {"from": "2026-05-10", "to": None},
                "types": {
                    "committee": {
                        "count": 1,
                        "points": 2,
                        "reports": ["content/reports/heart/h5.md"],
                    },
                    "study": {"count": 1, "points": 1, "reports": ["content/reports/heart/s1.md"]},
                },
                "missed": [],
                "points": 3,
                "deductions": 0,
                "total": 3,
                "rank": 2,
            },
            {
                "name": "赵六",
                "branch": "lab",
                "term": {"from": "2026-01-01", "to": None},
                "types": {},
                "missed": [
                    {"type": "committee", "period": f"2026-0{m}", "penalty": 1} for m in range(1, 6)
                ],
                "points": 0,
                "deductions": 5,
                "total": -5,
                "rank": 4,
            },
        ],
        "tally_year": {"from": "2026-01-01", "to": "2026-12-31"},
        "late": [
            {
                "path": "content/reports/heart/h5.md",
                "branches": ["heart"],
                "date": "2026-06-05",
                "submitted": "2026-06-14",
                "days": 9,
            }
        ],
        "uncredited": [
            {
                "path": "content/reports/heart/h4.md",
                "branch": "heart",
                "date": "2026-05-05",
                "type": "committee",
            }
        ],
        "missed_uncharged": [
            {"branch": "heart", "type": "committee", "period": "2026-04", "penalty": 1}
        ],
        "compliance": {
            "months": MONTHS_2026,
            "rows": [
                {
                    "branch": "heart",
                    "type": "committee",
                    "status": ["done", "done", "missed", "missed", "done", "done"]
                    + ["pending"] * 6,
                    "counts": [1, 1, 0, 0, 1, 1] + [0] * 6,
                },
                {
                    "branch": "nurse",
                    "type": "committee",
                    "status": ["done"] * 5 + ["pending"] * 7,
                    "counts": [1] * 5 + [0] * 7,
                },
                {
                    "branch": "lab",
                    "type": "committee",
                    "status": ["missed"] * 5 + ["pending"] * 7,
                    "counts": [0] * 12,
                },
            ],
            "activity": {
                "heart": [1, 1, 0, 0, 1, 2] + [0] * 6,
                "nurse": [1] * 5 + [0] * 7,
                "lab": [0] * 12,
            },
        },
        "rejected": [],
    }


def test_late_penalty_adds_a_late_list_to_each_secretary(tally):
    reports = {
        "on-time.md": report("2026-03-01", "nurse", "volunteer", submitted="2026-03-08"),
        "late.md": report("2026-03-01", ["nurse", "heart"], "volunteer", submitted="2026-03-09"),
    }
    tally_text = "tally:\n  late_penalty: 0.5\n"
    data = tally_dict(tally(reports, config(tally=tally_text)))
    wang = next(s for s in data["secretaries"] if s["name"] == "王五")
    zhang = next(s for s in data["secretaries"] if s["name"] == "张三")
    assert wang["late"] == [{"report": "content/reports/late.md", "days": 8, "penalty": 0.5}]
    # 2 volunteer days × 2 = 4; four quarters without a theme day × 2 = 8, late 0.5.
    assert (wang["points"], wang["deductions"], wang["total"]) == (4, 8.5, -4.5)
    assert zhang["late"] == [{"report": "content/reports/late.md", "days": 8, "penalty": 0.5}]
    assert [late["path"] for late in data["late"]] == ["content/reports/late.md"]


def test_json_text_is_utf8_chinese_and_parses_back(tally):
    text = dumps_json(tally({"a.md": report("2026-03-01", "nurse", "theme_day")}))
    assert "王五" in text and "\\u" not in text
    assert json.loads(text)["secretaries"][0] == {
        "name": "王五",
        "branch": "nurse",
        "term": {"from": "2025-01-01", "to": None},
        "types": {"theme_day": {"count": 1, "points": 3, "reports": ["content/reports/a.md"]}},
        "missed": [{"type": "theme_day", "period": f"2026-Q{q}", "penalty": 2} for q in (2, 3, 4)],
        "points": 3,
        "deductions": 6,
        "total": -3,
        "rank": 1,
    }
