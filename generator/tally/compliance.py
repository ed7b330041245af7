"""Which branch held which required activity when (spec §3.3), and the 三会一课 grid."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from ..model import ActivityType, Report, SiteConfig
from .periods import Period, months_overlapping, period_of
from .result import DONE, MISSED, PENDING, Compliance, ComplianceCell, ComplianceRow


class Evidence:
    """Required periods done per branch, whoever wrote the report; a joint report does the
    period for every branch it lists. Drafts and reports after the as-of day prove nothing."""

    def __init__(
        self, reports: Iterable[Report], config: SiteConfig, span: Period, cutoff: dt.date
    ):
        self._done: set[tuple[str, str, str]] = set()
        for report in reports:
            if report.draft or report.date > cutoff:
                continue
            activity = config.activity_type(report.type)
            period = period_of(activity.required, report.date, span) if activity else None
            if period is not None:
                self._done.update((b, report.type, period.label) for b in report.branches)

    def done(self, branch: str, type_id: str, period: Period) -> bool:
        return (branch, type_id, period.label) in self._done


def build_compliance(
    config: SiteConfig, span: Period, cutoff: dt.date, evidence: Evidence, counted: list[Report]
) -> Compliance:
    """Branches × months of the tally year, one row per required type, plus activity counts."""
    months = months_overlapping(span)
    per_type: Counter[tuple[str, str, str]] = Counter()
    per_branch: Counter[tuple[str, str]] = Counter()
    for report in counted:
        month = f"{report.date:%Y-%m}"
        for branch in report.branches:
            per_type[branch, report.type, month] += 1
            per_branch[branch, month] += 1
    rows = [
        ComplianceRow(
            branch.id,
            activity.id,
            tuple(
                ComplianceCell(
                    _status(branch.id, activity, month, span, cutoff, evidence),
                    per_type[branch.id, activity.id, month.label],
                )
                for month in months
            ),
        )
        for branch in config.branches
        for activity in config.activity_types
        if activity.required != "none"
    ]
    activity_counts = {
        b.id: tuple(per_branch[b.id, month.label] for month in months) for b in config.branches
    }
    return Compliance(tuple(months), tuple(rows), activity_counts)


def _status(
    branch: str,
    activity: ActivityType,
    month: Period,
    span: Period,
    cutoff: dt.date,
    evidence: Evidence,
) -> str:
    """A month shows the status of the period it belongs to: a quarter's months share one."""
    period = period_of(activity.required, max(month.start, span.start), span)
    if period is not None and evidence.done(branch, activity.id, period):
        return DONE
    return MISSED if period is not None and period.end <= cutoff else PENDING
