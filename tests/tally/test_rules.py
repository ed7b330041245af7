"""Spec §3, rule by rule, on small hand-computed projects (types and numbers in conftest)."""

from __future__ import annotations

import datetime as dt

from generator.model import load_project
from generator.tally import compute_tally

from .conftest import AFTER_2026, config, entry, report

HEART_ONLY = """\
branches:
  - id: heart
    name: 心内科党支部
    secretaries:
      - {name: 张三, from: 2024-01-01, to: 2026-06-30}
      - {name: 李四, from: 2026-07-01}
"""
MONTHLY = """\
activity_types:
  - {id: committee, name: 支部委员会, required: monthly, points: 2, missing_penalty: 1}
  - {id: study, name: 专题学习, required: none, points: 1}
"""


def volunteer_only(points: float, cap: float | None = None) -> str:
    """A single optional type: nothing can be missed, so totals are points alone."""
    cap_text = "" if cap is None else f", cap: {cap}"
    return (
        "activity_types:\n"
        f"  - {{id: volunteer, name: 志愿服务, required: none, points: {points}{cap_text}}}\n"
    )


def scores(result, name):
    return {s.type: (s.count, s.points, s.reports) for s in entry(result, name).types}


# Rule 1: which reports count, and for whom.


def test_handover_on_the_exact_boundary_days(tally):
    result = tally(
        {
            "heart/old-last-day.md": report("2026-06-30", "heart", "volunteer"),
            "heart/new-first-day.md": report("2026-07-01", "heart", "volunteer"),
        }
    )
    assert scores(result, "张三") == {
        "volunteer": (1, 2, ["content/reports/heart/old-last-day.md"])
    }
    assert scores(result, "李四") == {
        "volunteer": (1, 2, ["content/reports/heart/new-first-day.md"])
    }


def test_joint_report_counts_once_for_each_branch(tally):
    result = tally({"joint.md": report("2026-08-05", ["heart", "nurse"], "volunteer")})
    path = ["content/reports/joint.md"]
    assert scores(result, "李四") == {"volunteer": (1, 2, path)}
    assert scores(result, "王五") == {"volunteer": (1, 2, path)}
    assert scores(result, "张三") == {}


def test_drafts_are_left_out_and_internal_reports_count(tally):
    result = tally(
        {
            "draft.md": report("2026-03-01", "nurse", "volunteer", draft="true"),
            "internal.md": report("2026-03-02", "nurse", "volunteer", visibility="internal"),
            "chinese-keys.md": report("2026-03-03", "nurse", "volunteer", 公开范围="内部"),
        }
    )
    assert scores(result, "王五") == {
        "volunteer": (
            2,
            4,
            ["content/reports/internal.md", "content/reports/chinese-keys.md"],
        )
    }


def test_only_reports_inside_the_year_and_up_to_the_as_of_day_count(tally):
    reports = {
        "before.md": report("2025-12-31", "nurse", "volunteer"),
        "first.md": report("2026-01-01", "nurse", "volunteer"),
        "as-of.md": report("2026-05-31", "nurse", "volunteer"),
        "after-as-of.md": report("2026-06-01", "nurse", "volunteer"),
    }
    result = tally(reports, as_of=dt.date(2026, 5, 31))
    assert result.as_of == dt.date(2026, 5, 31)
    assert scores(result, "王五")["volunteer"][:2] == (2, 4)
    assert scores(result, "王五")["volunteer"][2] == [
        "content/reports/first.md",
        "content/reports/as-of.md",
    ]


def test_an_as_of_day_after_the_year_still_stops_at_the_year_end(tally):
    reports = {
        "last-day.md": report("2026-12-31", "nurse", "volunteer"),
        "next-year.md": report("2027-01-02", "nurse", "volunteer"),
    }
    result = tally(reports, as_of=dt.date(2027, 1, 5))
    assert result.as_of == dt.date(2027, 1, 5)
    assert scores(result, "王五") == {"volunteer": (1, 2, ["content/reports/last-day.md"])}


def test_as_of_defaults_to_today_or_the_end_of_the_tally_year(tally):
    reports = {"a.md": report("2026-03-01", "nurse", "volunteer")}
    assert tally(reports, today=dt.date(2026, 9, 15)).as_of == dt.date(2026, 9, 15)
    assert tally(reports, today=AFTER_2026).as_of == dt.date(2026, 12, 31)


# Rule 2: min(count × points, cap).


def test_cap_reached_and_the_reports_the_cap_cut_off(tally):
    reports = {f"n{m}.md": report(f"2026-{m:02d}-05", "nurse", "theme_day") for m in range(1, 5)}
    result = tally(reports)
    (score,) = [s for s in entry(result, "王五").types if s.type == "theme_day"]
    assert (score.count, score.points) == (4, 9)  # 4 × 3 = 12, capped at 9
    assert [c.points for c in score.credits] == [3, 3, 3, 0]  # in date order


def test_a_partial_last_share_when_the_cap_is_not_a_multiple(tally):
    types = volunteer_only(2, cap=5)
    reports = {f"n{d}.md": report(f"2026-03-0{d}", "nurse", "volunteer") for d in range(1, 5)}
    (score,) = entry(tally(reports, config(types=types)), "王五").types
    assert (score.count, score.points) == (4, 5)
    assert [c.points for c in score.credits] == [2, 2, 1, 0]


def test_no_cap_means_count_times_points_and_fractions_stay_exact(tally):
    types = volunteer_only(0.1)
    reports = {f"n{d}.md": report(f"2026-03-0{d}", "nurse", "volunteer") for d in range(1, 4)}
    result = tally(reports, config(types=types))
    assert entry(result, "王五").points == entry(result, "王五").types[0].points
    assert str(entry(result, "王五").points) == "0.3"


# Rule 3: missed periods.


def missed(result, name):
    return [(m.type, m.period.label, m.penalty) for m in entry(result, name).missed]


def test_missed_period_is_charged_to_the_secretary_in_office_on_its_last_day(tally):
    branches = HEART_ONLY.replace("2026-06-30", "2026-03-15").replace("2026-07-01", "2026-03-16")
    reports = {
        f"h{m}.md": report(f"2026-{m:02d}-10", "heart", "committee") for m in range(1, 13) if m != 3
    }
    result = tally(reports, config(branches, MONTHLY))
    assert missed(result, "张三") == []  # served most of March, but not on 31 March
    assert missed(result, "李四") == [("committee", "2026-03", 1)]


def test_a_predecessors_report_does_the_period_for_the_branch(tally):
    branches = HEART_ONLY.replace("2026-06-30", "2026-03-15").replace("2026-07-01", "2026-03-16")
    reports = {f"h{m}.md": report(f"2026-{m:02d}-10", "heart", "committee") for m in range(1, 13)}
    result = tally(reports, config(branches, MONTHLY))
    assert result.missed == ()  # March's report is 张三's, yet 李四 is not charged


def test_no_one_is_charged_when_the_branch_had_no_secretary_that_day(tally):
    branches = HEART_ONLY.replace("2026-06-30", "2026-03-31").replace("2026-07-01", "2026-05-01")
    reports = {
        f"h{m}.md": report(f"2026-{m:02d}-10", "heart", "committee") for m in range(1, 13) if m != 4
    }
    result = tally(reports, config(branches, MONTHLY))
    assert [(m.period.label, m.charged_to) for m in result.missed] == [("2026-04", None)]
    assert missed(result, "张三") == missed(result, "李四") == []
    assert entry(result, "张三").total == 3 * 2 and entry(result, "李四").total == 8 * 2


def test_periods_ending_after_the_as_of_day_are_not_charged(tally):
    result = tally({}, config(HEART_ONLY, MONTHLY), as_of=dt.date(2026, 8, 30))
    assert [label for _, label, _ in missed(result, "李四")] == ["2026-07"]  # not 2026-08
    assert len(missed(result, "张三")) == 6
    assert entry(result, "李四").deductions == 1


def test_each_missed_period_deducts_its_penalty_and_a_joint_report_does_both_branches(tally):
    reports = {
        "joint-q1.md": report("2026-02-01", ["heart", "nurse"], "theme_day"),
        "heart-q3.md": report("2026-09-30", "heart", "theme_day"),
    }
    result = tally(reports)
    assert missed(result, "张三") == [("theme_day", "2026-Q2", 2)]
    assert missed(result, "李四") == [("theme_day", "2026-Q4", 2)]
    assert missed(result, "王五") == [
        ("theme_day", "2026-Q2", 2),
        ("theme_day", "2026-Q3", 2),
        ("theme_day", "2026-Q4", 2),
    ]
    assert entry(result, "王五").deductions == 6


def test_a_yearly_period_is_the_tally_year(tally):
    types = (
        "activity_types:\n  - {id: life, name: 组织生活会, required: yearly, missing_penalty: 5}\n"
    )
    reports = {"life.md": report("2026-12-20", "nurse", "life")}
    result = tally(reports, config(types=types))
    assert missed(result, "王五") == []
    assert missed(result, "李四") == [("life", "2026", 5)]
    assert tally(reports, config(types=types), as_of=dt.date(2026, 12, 30)).missed == ()


# Rule 4: totals and who has an entry.


def test_total_is_points_minus_deductions_and_may_be_negative(tally):
    result = tally({"q1.md": report("2026-01-05", "nurse", "theme_day")})
    wang = entry(result, "王五")
    assert (wang.points, wang.deductions, wang.total) == (3, 6, -3)


def test_a_secretary_with_no_reports_still_has_an_entry(tally):
    result = tally({}, as_of=dt.date(2026, 2, 1))
    assert [(s.name, s.points, s.deductions, s.total) for s in result.secretaries] == [
        ("张三", 0, 0, 0),
        ("王五", 0, 0, 0),
    ]  # 李四's term starts after the as-of day: no entry


def test_terms_outside_the_year_have_no_entry_and_two_terms_have_two_entries(tally):
    branches = """\
branches:
  - id: heart
    name: 心内科党支部
    secretaries:
      - {name: 孙八, from: 2020-01-01, to: 2025-12-31}
      - {name: 张三, from: 2026-01-01, to: 2026-03-31}
      - {name: 李四, from: 2026-04-01, to: 2026-09-30}
      - {name: 张三, from: 2026-10-01}
  - id: nurse
    name: 护理党支部
    secretaries:
      - {name: 王五, from: 2025-01-01}
"""
    reports = {
        "spring.md": report("2026-02-01", "heart", "volunteer"),
        "autumn.md": report("2026-11-01", "heart", "volunteer"),
    }
    result = tally(reports, config(branches, volunteer_only(2)))
    assert [
        (s.name, s.term.start.isoformat(), [r for t in s.types for r in t.reports], s.rank)
        for s in result.secretaries
    ] == [
        ("张三", "2026-01-01", ["content/reports/spring.md"], 1),
        ("张三", "2026-10-01", ["content/reports/autumn.md"], 1),
        ("李四", "2026-04-01", [], 3),
        ("王五", "2025-01-01", [], 3),
    ]


# Rule 5: ranking.


def test_ties_share_a_rank_and_the_next_rank_is_skipped(tally):
    reports = {
        "h1.md": report("2026-03-01", "heart", "volunteer"),
        "h2.md": report("2026-03-02", "heart", "volunteer"),
        "n1.md": report("2026-03-01", "nurse", "volunteer"),
        "n2.md": report("2026-03-02", "nurse", "volunteer"),
        "h3.md": report("2026-08-01", "heart", "volunteer"),
    }
    result = tally(reports, config(types=volunteer_only(2)))
    assert [(s.name, s.total, s.rank) for s in result.secretaries] == [
        ("张三", 4, 1),
        ("王五", 4, 1),
        ("李四", 2, 3),
    ]


# Rule 6: traceability.


def test_every_point_and_every_deduction_can_be_traced(tally):
    reports = {
        "joint.md": report("2026-02-01", ["heart", "nurse"], "theme_day"),
        **{f"n{m}.md": report(f"2026-{m:02d}-03", "nurse", "theme_day") for m in (4, 5, 7, 8)},
        "v.md": report("2026-09-03", "heart", "volunteer"),
    }
    result = tally(reports)
    for secretary in result.secretaries:
        for score in secretary.types:
            assert sum(c.points for c in score.credits) == score.points
            assert all(c.path.startswith("content/reports/") for c in score.credits)
        assert sum(m.penalty for m in secretary.missed) == secretary.deductions
        for missed_period in secretary.missed:
            assert missed_period.branch == secretary.branch
            assert missed_period.charged_to == secretary.term
            assert missed_period.period.end <= result.as_of


def test_as_of_before_the_year_gives_no_entries(make_project):
    project = load_project(make_project({}, config()), today=AFTER_2026)
    assert compute_tally(project, 2026, dt.date(2025, 12, 31)).secretaries == ()
