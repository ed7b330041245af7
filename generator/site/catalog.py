"""Indexes over the published reports, built once per build, read by every listing page.

Each index is built in one pass so that no page ever walks all reports again: with
20,000 reports, per-page scans would make the build quadratic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..model import Branch, Project, Report
from ..model.urls import pinyin_slug


@dataclass(frozen=True)
class Counters:
    activities: int
    attendances: int
    volunteer_hours: float


class Catalog:
    def __init__(self, project: Project):
        self.project = project
        self.config = project.config
        self.reports: list[Report] = project.public_reports
        self.by_branch: dict[str, list[Report]] = defaultdict(list)
        self.by_type: dict[str, list[Report]] = defaultdict(list)
        self.by_tag: dict[str, list[Report]] = defaultdict(list)
        self.by_month: dict[tuple[int, int], list[Report]] = defaultdict(list)
        self._signatures: dict[str, str] = {}
        for report in self.reports:
            for branch in report.branches:
                self.by_branch[branch].append(report)
            self.by_type[report.type].append(report)
            for tag in report.tags:
                self.by_tag[tag].append(report)
            self.by_month[(report.date.year, report.date.month)].append(report)

    def signature(self, report: Report) -> str:
        """A digest of all the model holds about a report. Its page, its lines in listings
        and its 公众号 preview are cached under keys made from it, so it is made once."""
        found = self._signatures.get(report.path)
        if found is None:
            found = hashlib.blake2b(repr(report).encode(), digest_size=16).hexdigest()
            self._signatures[report.path] = found
        return found

    def branch(self, branch_id: str) -> Branch:
        return self.config.branch(branch_id)

    @staticmethod
    def logo_uri(branch: Branch) -> str | None:
        """Where a branch's logo is published; its source file stays in content/."""
        if not branch.logo:
            return None
        suffix = branch.logo[branch.logo.rfind(".") :].lower()
        return f"branches/{branch.id}/logo{suffix}"

    def type_name(self, type_id: str) -> str:
        return self.config.activity_type(type_id).name

    @cached_property
    def tag_slugs(self) -> dict[str, str]:
        """Tags become pinyin addresses; two tags with one spelling in pinyin get -2, -3."""
        slugs: dict[str, str] = {}
        taken: set[str] = set()
        for tag in sorted(self.by_tag):
            base = pinyin_slug(tag)
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            slugs[tag] = slug
        return slugs

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {
            report.path: index
            for branch_id, reports in self.by_branch.items()
            for index, report in enumerate(reports)
            if report.branch == branch_id
        }

    def neighbours(self, report: Report) -> tuple[Report | None, Report | None]:
        """(older, newer) report of the report's own (first-listed) branch."""
        siblings = self.by_branch[report.branch]
        index = self._positions[report.path]
        newer = siblings[index - 1] if index else None
        older = siblings[index + 1] if index + 1 < len(siblings) else None
        return older, newer

    def counters(self, year: int) -> Counters:
        this_year = [r for r in self.reports if r.date.year == year]
        return Counters(
            activities=len(this_year),
            attendances=sum(r.attendance.present for r in this_year if r.attendance),
            volunteer_hours=round(sum(r.volunteer_hours or 0 for r in this_year), 1),
        )

    def years(self) -> list[int]:
        return sorted({year for year, _ in self.by_month}, reverse=True)

    def months(self, year: int) -> list[tuple[int, int]]:
        return [key for key in sorted(self.by_month, reverse=True) if key[0] == year]

    @staticmethod
    def by_year(reports: list[Report]) -> list[tuple[int, list[Report]]]:
        groups: dict[int, list[Report]] = defaultdict(list)
        for report in reports:
            groups[report.date.year].append(report)
        return sorted(groups.items(), reverse=True)

    @property
    def today(self) -> dt.date:
        return self.project.today
