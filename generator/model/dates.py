"""Date spellings that branch secretaries actually type, all meaning the same day."""

from __future__ import annotations

import datetime as dt
import os
import re

_DATE = re.compile(
    r"^\s*(?P<y>\d{4})\s*(?:-|/|\.|年)\s*(?P<m>\d{1,2})\s*(?:-|/|\.|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]+(?P<hh>\d{1,2})[:：](?P<mm>\d{2}))?\s*$"
)

ACCEPTED_DATE_FORMS = (
    "`2026-03-05`（也可写 `2026-03-05 14:30`、`2026年3月5日`、`2026/3/5`、`2026.3.5`）"
)


class DateFormatError(ValueError):
    """The text is not a date in any accepted spelling, or names a day that does not exist."""


def parse_date(value: object) -> tuple[dt.date, dt.time | None]:
    """Parse a front-matter date; returns the day and the optional time of day."""
    if isinstance(value, dt.datetime):
        return value.date(), value.time()
    if isinstance(value, dt.date):
        return value, None
    match = _DATE.match(str(value))
    if not match:
        raise DateFormatError(f"“{value}”不是日期，请写成 {ACCEPTED_DATE_FORMS}")
    year, month, day = (int(match[k]) for k in ("y", "m", "d"))
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        raise DateFormatError(
            f"日期“{value}”不存在（{year}年没有{month}月{day}日），请核对日期"
        ) from None
    if match["hh"] is None:
        return day_value, None
    hour, minute = int(match["hh"]), int(match["mm"])
    if hour > 23 or minute > 59:
        raise DateFormatError(
            f"时间“{match['hh']}:{match['mm']}”不存在，请写成 24 小时制，如 14:30"
        )
    return day_value, dt.time(hour, minute)


def pinned_today() -> dt.date | None:
    """The day in the environment variable PBSITE_TODAY (`YYYY-MM-DD`), which pins tests and CI
    runs to one date; None when it is unset. Raises DateFormatError when it is not a date."""
    pinned = os.environ.get("PBSITE_TODAY")
    if not pinned:
        return None
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise DateFormatError(
            f"环境变量 PBSITE_TODAY 应写成 2026-03-05 这样的日期，现在是“{pinned}”"
        ) from None
