"""The validated model of a whole project: config plus every report, good or bad."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig, load_config
from .problems import Problem
from .report import Report, read_report
from .urls import assign_urls

REPORTS_DIR = Path("content") / "reports"
PARALLEL_FROM = 1500


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
    root: Path,
    today: dt.date | None = None,
    files: list[Path] | None = None,
    *,
    publishing: bool = True,
) -> Project:
    """Load config and reports; raises ContentError only when the config itself is unusable.

    ``publishing`` gives public reports their addresses and rejects address clashes; a
    tally does not publish, so a clash must not cost a secretary the report's points.
    """
    root = root.resolve()
    config = load_config(root)
    project = Project(root, config, today or dt.date.today())
    paths = [
        f if f.is_absolute() else f.resolve()
        for f in (files if files is not None else report_files(root))
    ]
    for report, problems in _read_all(paths, root, config, project.today):
        project.warnings.extend(problems.warnings)
        if report is None:
            project.rejected.append(Rejected(problems.path, tuple(problems.errors)))
        else:
            project.reports.append(report)
    if publishing:
        _reject_url_clashes(project)
    return project


def _read_chunk(job: tuple[list[Path], Path, SiteConfig, dt.date]) -> list:
    files, root, config, today = job
    return [read_report(file, root, config, today) for file in files]


def _read_all(files: list[Path], root: Path, config: SiteConfig, today: dt.date) -> Iterator:
    """Parse reports, across all cores once there are enough to repay starting workers."""
    workers = os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or workers == 1:
        return (read_report(file, root, config, today) for file in files)
    size = max(200, len(files) // (workers * 4))
    jobs = [(files[i : i + size], root, config, today) for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [result for chunk in pool.map(_read_chunk, jobs) for result in chunk]


def _reject_url_clashes(project: Project) -> None:
    clashes = assign_urls(project.reports)
    by_path = {p.path: p for p in clashes}
    project.reports = [r for r in project.reports if r.path not in by_path]
    project.rejected.extend(Rejected(path, (problem,)) for path, problem in by_path.items())
