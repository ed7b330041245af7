"""Tally periods (spec §3.3): calendar months, calendar quarters and the tally year.

``tally.year_start`` need not be 1 January. Whatever it is, months and quarters stay
*calendar* months and quarters, as the spec says, so a label such as ``2026-03`` or
``2026-Q1`` always names the same days. A month or quarter is judged in the tally year that
contains its **last day** – the day on which the spec charges a missed period – so every
period is judged in exactly one tally year: never twice, never not at all.

With ``year_start: "09-01"`` the 2025 tally year (2025-09-01 … 2026-08-31) therefore judges
the months 2025-09 … 2026-08 and the quarters 2025-Q3 … 2026-Q2. A quarter that begins before
the tally year (2025-Q3 begins on 1 July) counts as done when a report falls anywhere in it,
even before the year start; such a report proves the period was done but earns its points in
its own tally year only (rule 1). The yearly period is the tally year itself, written with
the calendar year it starts in (``2025`` above).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import TallySettings

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter" or "year"
    label: str  # 2026-03, 2026-Q1 or 2026, as the spec writes periods
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def tally_year(settings: TallySettings, year: int) -> Period:
    start, end = settings.year_bounds(year)
    return Period("year", f"{year:04d}", start, end)


def tally_year_of(settings: TallySettings, day: dt.date) -> int:
    """The tally year (named by the calendar year it starts in) that contains ``day``."""
    month, first = settings.year_start
    return day.year if day >= dt.date(day.year, month, first) else day.year - 1


def default_as_of(settings: TallySettings, year: int, today: dt.date) -> dt.date:
    """Spec §3.1: today, or the last day of the tally year if that comes first."""
    return min(today, tally_year(settings, year).end)


def month_of(day: dt.date) -> Period:
    start = day.replace(day=1)
    return Period("month", f"{day.year:04d}-{day.month:02d}", start, _next_month(start) - ONE_DAY)


def quarter_of(day: dt.date) -> Period:
    quarter = (day.month - 1) // 3 + 1
    start = dt.date(day.year, 3 * quarter - 2, 1)
    end = _next_month(_next_month(_next_month(start))) - ONE_DAY
    return Period("quarter", f"{day.year:04d}-Q{quarter}", start, end)


def period_of(required: str, day: dt.date, year: Period) -> Period | None:
    """The period of a ``required`` rhythm that ``day`` falls in; None outside the tally year."""
    if required == "monthly":
        return month_of(day)
    if required == "quarterly":
        return quarter_of(day)
    if required == "yearly" and year.contains(day):
        return year
    return None


def judged_periods(required: str, year: Period) -> list[Period]:
    """The periods of a rhythm whose last day falls inside the tally year, in order."""
    if required == "yearly":
        return [year]
    step = {"monthly": month_of, "quarterly": quarter_of}.get(required)
    if step is None:
        return []
    periods: list[Period] = []
    period = step(year.start)
    while period.end <= year.end:
        periods.append(period)
        period = step(period.end + ONE_DAY)
    return periods


def months_overlapping(year: Period) -> list[Period]:
    """Every calendar month with at least one day in the tally year: the grid's columns."""
    months = [month_of(year.start)]
    while months[-1].end < year.end:
        months.append(month_of(months[-1].end + ONE_DAY))
    return months


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
