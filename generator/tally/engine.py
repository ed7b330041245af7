"""The year-end tally (spec §3): pure computation from the validated model to a TallyResult.

Every number is a Decimal and every point and deduction keeps a link to its evidence: points
to the report files that earned them, deductions to the branch, type and period missed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..model import ActivityType, Project, Report, SiteConfig, TallySettings, Term
from .compliance import Evidence, build_compliance
from .periods import Period, default_as_of, judged_periods, tally_year
from .result import (
    Credit,
    LatePenalty,
    LateReport,
    MissedPeriod,
    SecretaryTally,
    TallyResult,
    TypeScore,
    Uncredited,
    exact,
)


def compute_tally(project: Project, year: int, as_of: dt.date | None = None) -> TallyResult:
    """Tally the tally year that starts in ``year`` as it stood at the end of ``as_of``."""
    config = project.config
    span = tally_year(config.tally, year)
    as_of = as_of or default_as_of(config.tally, year, project.today)
    cutoff = min(as_of, span.end)  # a later as-of day only changes `generated_for`
    counted = sorted(
        (r for r in project.reports if not r.draft and span.start <= r.date <= cutoff),
        key=lambda r: (r.date, r.path),
    )
    evidence = Evidence(project.reports, config, span, cutoff)
    books = _Books(config, span.start, cutoff)
    uncredited = books.credit(counted)
    missed = books.charge_missed(span, cutoff, evidence)
    late = books.charge_late(counted, config.tally)
    return TallyResult(
        year=year,
        as_of=as_of,
        span=span,
        settings=config.tally,
        types=config.activity_types,
        branches=config.branches,
        secretaries=_ranked([ledger.close(config.activity_types) for ledger in books]),
        missed=tuple(missed),
        late=tuple(late),
        uncredited=tuple(uncredited),
        compliance=build_compliance(config, span, cutoff, evidence, counted),
        rejected=tuple(project.rejected),
    )


@dataclass
class _Ledger:
    """What one term of one secretary has earned and been charged so far."""

    branch: str
    term: Term
    credits: dict[str, list[Report]] = field(default_factory=dict)
    missed: list[MissedPeriod] = field(default_factory=list)
    late: list[LatePenalty] = field(default_factory=list)

    def close(self, types: tuple[ActivityType, ...]) -> SecretaryTally:
        scores = tuple(
            _score(activity, self.credits[activity.id], self.branch)
            for activity in types
            if activity.id in self.credits
        )
        points = sum((s.points for s in scores), Decimal(0))
        deductions = sum((m.penalty for m in self.missed), Decimal(0)) + sum(
            (p.penalty for p in self.late), Decimal(0)
        )
        return SecretaryTally(
            name=self.term.name,
            branch=self.branch,
            term=self.term,
            types=scores,
            missed=tuple(self.missed),
            late=tuple(self.late),
            points=points,
            deductions=deductions,
            total=points - deductions,
            rank=0,  # set by _ranked once every total is known
        )


class _Books:
    """One ledger per term that overlaps the tally year up to the as-of day (spec §3.4)."""

    def __init__(self, config: SiteConfig, start: dt.date, cutoff: dt.date):
        self.config = config
        self.ledgers = {
            (branch.id, term): _Ledger(branch.id, term)
            for branch in config.branches
            for term in branch.secretaries
            if max(term.start, start) <= min(term.end or cutoff, cutoff)
        }

    def __iter__(self) -> Iterator[_Ledger]:
        return iter(self.ledgers.values())

    def ledger(self, branch_id: str, day: dt.date) -> _Ledger | None:
        """The ledger of the secretary in office at the branch that day, if there was one."""
        branch = self.config.branch(branch_id)
        term = branch.secretary_on(day) if branch else None
        return self.ledgers.get((branch_id, term)) if term else None

    def credit(self, counted: list[Report]) -> list[Uncredited]:
        """Rule 1: each listed branch's secretary on the report's date gets the report."""
        uncredited = []
        for report in counted:
            for branch in report.branches:
                ledger = self.ledger(branch, report.date)
                if ledger is None:
                    uncredited.append(
                        Uncredited(report.path, report.title, report.date, report.type, branch)
                    )
                else:
                    ledger.credits.setdefault(report.type, []).append(report)
        return uncredited

    def charge_missed(
        self, span: Period, cutoff: dt.date, evidence: Evidence
    ) -> list[MissedPeriod]:
        """Rule 3: per branch, each required period with no report, charged on its last day."""
        missed = []
        for branch in self.config.branches:
            for activity in self.config.activity_types:
                for period in judged_periods(activity.required, span):
                    if period.end > cutoff or evidence.done(branch.id, activity.id, period):
                        continue
                    ledger = self.ledger(branch.id, period.end)
                    entry = MissedPeriod(
                        branch.id,
                        activity.id,
                        period,
                        exact(activity.missing_penalty),
                        ledger.term if ledger else None,
                    )
                    missed.append(entry)
                    if ledger:
                        ledger.missed.append(entry)
        return missed

    def charge_late(self, counted: list[Report], settings: TallySettings) -> list[LateReport]:
        """Late reports are listed; they cost points only when ``tally.late_penalty`` > 0,
        an extension of the spec: once per branch listed, to that branch's secretary."""
        late = [
            LateReport(r.path, r.title, r.date, r.submitted, r.branches)
            for r in counted
            if r.submitted and (r.submitted - r.date).days > settings.late_after_days
        ]
        penalty = exact(settings.late_penalty)
        if penalty > 0:
            for report in late:
                for branch in report.branches:
                    if ledger := self.ledger(branch, report.date):
                        ledger.late.append(LatePenalty(report, penalty))
        return late


def _score(activity: ActivityType, reports: list[Report], branch: str) -> TypeScore:
    """Rule 2. Report k (in date order) earns capped(k) − capped(k − 1), so the shares always
    add up to exactly min(count × points, cap) and show which reports the cap cut off."""
    each, cap = exact(activity.points), activity.cap

    def capped(count: int) -> Decimal:
        return count * each if cap is None else min(count * each, exact(cap))

    credits = tuple(
        Credit(r.path, r.title, r.date, r.type, branch, capped(k + 1) - capped(k))
        for k, r in enumerate(reports)
    )
    return TypeScore(activity.id, credits, capped(len(reports)))


def _ranked(entries: list[SecretaryTally]) -> tuple[SecretaryTally, ...]:
    """Rule 5: highest total first; ties share a rank and the next rank is skipped (1, 1, 3)."""
    ordered = sorted(entries, key=lambda e: (-e.total, e.branch, e.name, e.term.start))
    ranked: list[SecretaryTally] = []
    for index, entry in enumerate(ordered):
        tied = ranked and ranked[-1].total == entry.total
        ranked.append(replace(entry, rank=ranked[-1].rank if tied else index + 1))
    return tuple(ranked)
