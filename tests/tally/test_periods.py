"""Tally years that do not start on 1 January, the default activity types, late reports."""

from __future__ import annotations

import datetime as dt

from generator.model import TallySettings
from generator.tally import tally_dict, tally_year, tally_year_of
from generator.tally.periods import judged_periods, months_overlapping

from ..conftest import BASE_CONFIG
from .conftest import config, entry, report

SEPTEMBER = TallySettings(year_start=(9, 1))


def labels(periods):
    return [p.label for p in periods]


def test_a_september_year_judges_the_calendar_periods_that_end_inside_it():
    span = tally_year(SEPTEMBER, 2025)
    assert (span.start, span.end, span.label) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31), "2025")
    assert labels(judged_periods("quarterly", span)) == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert labels(judged_periods("monthly", span)) == [
        *(f"2025-{m:02d}" for m in range(9, 13)),
        *(f"2026-{m:02d}" for m in range(1, 9)),
    ]
    assert labels(judged_periods("yearly", span)) == ["2025"]
    assert judged_periods("none", span) == []
    assert tally_year_of(SEPTEMBER, dt.date(2026, 8, 31)) == 2025
    assert tally_year_of(SEPTEMBER, dt.date(2026, 9, 1)) == 2026


def test_a_mid_month_year_start_still_judges_each_month_once():
    span = tally_year(TallySettings(year_start=(1, 15)), 2026)
    assert labels(judged_periods("monthly", span)) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert labels(months_overlapping(span))[-1] == "2027-01"  # 1–14 Jan 2027 are in the year
    assert len(months_overlapping(span)) == 13


def test_tally_with_a_september_year_start(tally):
    reports = {
        "nurse/summer.md": report("2025-08-20", "nurse", "theme_day"),  # previous tally year
        "nurse/q4.md": report("2025-11-01", "nurse", "theme_day"),
        "nurse/q1.md": report("2026-02-01", "nurse", "theme_day"),
        "nurse/q3.md": report("2026-08-15", "nurse", "theme_day"),
    }
    result = tally(reports, config(tally='tally:\n  year_start: "09-01"\n'), year=2025)
    data = tally_dict(result)
    assert data["generated_for"] == "2026-08-31"
    assert data["tally_year"] == {"from": "2025-09-01", "to": "2026-08-31"}
    wang = entry(result, "王五")
    # summer.md does 2025-Q3 for the branch but earns its points in the 2024 tally year.
    assert wang.types[0].reports == [f"content/reports/nurse/{n}.md" for n in ("q4", "q1", "q3")]
    assert [(m.period.label, m.penalty) for m in wang.missed] == [("2026-Q2", 2)]
    assert (wang.points, wang.total) == (9, 7)
    zhang = entry(result, "张三")
    assert [m.period.label for m in zhang.missed] == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert entry(result, "李四").missed == ()  # 2026-Q3 is judged in the 2026 tally year
    nurse_row = next(r for r in data["compliance"]["rows"] if r["branch"] == "nurse")
    assert data["compliance"]["months"][0] == "2025-09"
    assert nurse_row["status"] == ["done"] * 7 + ["missed"] * 3 + ["done"] * 2


def test_a_config_without_activity_types_gets_the_spec_defaults(tally):
    from generator.model.config import DEFAULT_ACTIVITY_TYPES

    attendance = "{expected: 10, present: 10}"
    reports = {"n.md": report("2026-03-10", "nursing", "主题党日", attendance=attendance)}
    result = tally(reports, BASE_CONFIG)
    assert result.types == DEFAULT_ACTIVITY_TYPES
    assert [(t.id, t.required, t.points, t.cap, t.missing_penalty) for t in result.types] == [
        ("general_meeting", "quarterly", 5, 20, 2),
        ("committee_meeting", "monthly", 2, 24, 1),
        ("group_meeting", "monthly", 2, 24, 1),
        ("party_lesson", "quarterly", 5, 20, 2),
        ("theme_day", "monthly", 3, 36, 1),
        ("life_meeting", "yearly", 5, 5, 5),
        ("member_review", "yearly", 5, 5, 5),
        ("volunteer", "none", 3, 30, 0),
        ("project", "none", 5, 20, 0),
        ("study", "none", 1, 12, 0),
    ]
    wang = entry(result, "王五")
    # Missed: 3 monthly types × 12 − March's theme day = 35 × 1; 2 quarterly types × 4 × 2 = 16;
    # life_meeting 5 + member_review 5 = 10. Earned: one theme day, 3.
    assert (wang.points, wang.deductions, wang.total) == (3, 61, -58)


def test_late_means_more_than_late_after_days_and_costs_nothing_by_default(tally):
    reports = {
        "on-time.md": report("2026-03-01", "nurse", "volunteer", submitted="2026-03-08"),
        "late.md": report("2026-03-01", "nurse", "volunteer", submitted="2026-03-09"),
        "unknown.md": report("2026-03-01", "nurse", "volunteer"),
    }
    result = tally(reports)
    assert [(late.path, late.days) for late in result.late] == [("content/reports/late.md", 8)]
    assert entry(result, "王五").late == ()
    assert entry(result, "王五").deductions == 8  # four quarters without a theme day, no more
    stricter = tally(reports, config(tally="tally:\n  late_after_days: 3\n"))
    assert [(late.path, late.days) for late in stricter.late] == [
        ("content/reports/late.md", 8),  # same day: in path order
        ("content/reports/on-time.md", 7),
    ]
