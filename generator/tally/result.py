"""The tally result: plain frozen data that every exporter reads. Nothing here computes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ..model import ActivityType, Branch, Rejected, TallySettings, Term
from .periods import Period

DONE, MISSED, PENDING = "done", "missed", "pending"


def exact(value: float | None) -> Decimal:
    """Config numbers as decimals, so that 0.1 + 0.2 points add up to exactly 0.3."""
    return Decimal(str(value or 0))


def plain_number(value: Decimal) -> int | float:
    """An integer when the value is whole (18, not 18.0), as the spec's JSON example writes it."""
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Credit:
    """One report counted for one secretary, with the share of the type's capped points it
    earned: reports earn in date order, so once the cap is reached later reports earn 0."""

    path: str
    title: str
    date: dt.date
    type: str
    branch: str
    points: Decimal


@dataclass(frozen=True)
class TypeScore:
    type: str
    credits: tuple[Credit, ...]
    points: Decimal  # min(count × points, cap), spec §3.2

    @property
    def count(self) -> int:
        return len(self.credits)

    @property
    def reports(self) -> list[str]:
        return [credit.path for credit in self.credits]


@dataclass(frozen=True)
class MissedPeriod:
    """A required period with no report at the branch (spec §3.3), charged or not."""

    branch: str
    type: str
    period: Period
    penalty: Decimal
    charged_to: Term | None  # None: the branch had no secretary on the period's last day


@dataclass(frozen=True)
class LateReport:
    """A counted report handed in more than ``tally.late_after_days`` after the activity."""

    path: str
    title: str
    date: dt.date
    submitted: dt.date
    branches: tuple[str, ...]

    @property
    def days(self) -> int:
        return (self.submitted - self.date).days


@dataclass(frozen=True)
class LatePenalty:
    report: LateReport
    penalty: Decimal


@dataclass(frozen=True)
class Uncredited:
    """A counted report dated on a day its branch had no secretary: it earns no one points."""

    path: str
    title: str
    date: dt.date
    type: str
    branch: str


@dataclass(frozen=True)
class SecretaryTally:
    """One term of one secretary at one branch (spec §3.4)."""

    name: str
    branch: str
    term: Term
    types: tuple[TypeScore, ...]
    missed: tuple[MissedPeriod, ...]
    late: tuple[LatePenalty, ...]
    points: Decimal
    deductions: Decimal
    total: Decimal
    rank: int


@dataclass(frozen=True)
class ComplianceCell:
    status: str  # DONE, MISSED or PENDING (the period has not ended by the as-of day)
    count: int  # reports of the type at the branch in that month


@dataclass(frozen=True)
class ComplianceRow:
    branch: str
    type: str
    cells: tuple[ComplianceCell, ...]  # one per month of `Compliance.months`


@dataclass(frozen=True)
class Compliance:
    """三会一课落实情况: branches × months, for every required activity type."""

    months: tuple[Period, ...]
    rows: tuple[ComplianceRow, ...]
    activity: dict[str, tuple[int, ...]]  # branch id → counted reports of any type per month


@dataclass(frozen=True)
class TallyResult:
    year: int
    as_of: dt.date
    span: Period  # the whole tally year
    settings: TallySettings
    types: tuple[ActivityType, ...]
    branches: tuple[Branch, ...]
    secretaries: tuple[SecretaryTally, ...]  # by rank, then branch, then name
    missed: tuple[MissedPeriod, ...]  # every missed period, charged or not
    late: tuple[LateReport, ...]
    uncredited: tuple[Uncredited, ...]
    compliance: Compliance
    rejected: tuple[Rejected, ...]

    def activity_type(self, type_id: str) -> ActivityType:
        return self._types[type_id]

    def type_name(self, type_id: str) -> str:
        return self._types[type_id].name

    def branch_name(self, branch_id: str) -> str:
        return self._branch_names[branch_id]

    @cached_property
    def _types(self) -> dict[str, ActivityType]:
        return {t.id: t for t in self.types}

    @cached_property
    def _branch_names(self) -> dict[str, str]:
        return {b.id: b.name for b in self.branches}
