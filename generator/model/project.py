"""The validated model of a whole project: config plus every report, good or bad."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig, load_config
from .problems import Problem
from .report import Report, read_report
from .urls import assign_urls

REPORTS_DIR = Path("content") / "reports"


@dataclass(frozen=True)
class Rejected:
    """A report that failed validation; it is listed, never silently dropped."""

    path: str
    problems: tuple[Problem, ...]


@dataclass
class Project:
    root: Path
    config: SiteConfig
    today: dt.date
    reports: list[Report] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def public_reports(self) -> list[Report]:
        """Published reports, newest first."""
        return sorted((r for r in self.reports if r.is_public), key=_newest_first)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for r in self.rejected for p in r.problems)

    @property
    def report_count(self) -> int:
        return len(self.reports) + len(self.rejected)


def _newest_first(report: Report) -> tuple:
    return (-report.date.toordinal(), report.time is None, report.path)


def report_files(root: Path) -> list[Path]:
    folder = root / REPORTS_DIR
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def load_project(
    root: Path, today: dt.date | None = None, files: list[Path] | None = None
) -> Project:
    """Load config and reports; raises ContentError only when the config itself is unusable."""
    root = root.resolve()
    config = load_config(root)
    project = Project(root, config, today or dt.date.today())
    for file in files if files is not None else report_files(root):
        report, problems = read_report(file.resolve(), root, config, project.today)
        project.warnings.extend(problems.warnings)
        if report is None:
            project.rejected.append(Rejected(problems.path, tuple(problems.errors)))
        else:
            project.reports.append(report)
    _reject_url_clashes(project)
    return project


def _reject_url_clashes(project: Project) -> None:
    clashes = assign_urls(project.reports)
    by_path = {p.path: p for p in clashes}
    project.reports = [r for r in project.reports if r.path not in by_path]
    project.rejected.extend(Rejected(path, (problem,)) for path, problem in by_path.items())
