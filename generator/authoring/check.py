"""`pbsite check`: every problem in the config and the chosen reports, in one pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..imaging import PhotoError, load_hashes, map_photos, verify_photo
from ..model import ContentError, Problem, Report, load_project, photo_problems, report_files
from ..model.config import CONFIG_FILE
from ..model.project import REPORTS_DIR
from ..paths import ProjectPaths


@dataclass
class CheckResult:
    """Problems of the checked files; ``files`` lists every checked report, good or bad."""

    files: list[str]
    problems: list[Problem] = field(default_factory=list)
    config_ok: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def failed(self) -> list[str]:
        """Reports with at least one error."""
        bad = {p.path for p in self.errors}
        return [f for f in self.files if f in bad]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if not self.config_ok:
            return (
                f"{CONFIG_FILE} 有问题，{len(self.files)} 篇报道未能检查，请先按上面的提示修改配置"
            )
        text = f"共 {len(self.files)} 篇报道，其中 {len(self.failed)} 篇有问题"
        if self.warnings:
            text += f"；另有 {len(self.warnings)} 条警告"
        return text

    def as_json(self) -> dict:
        """For editors and CI: a stable shape, one entry per checked file."""
        return {
            "ok": self.ok,
            "config_ok": self.config_ok,
            "summary": {
                "reports": len(self.files),
                "reports_with_errors": len(self.failed),
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
            "files": [
                {
                    "path": path,
                    "errors": sum(p.path == path for p in self.errors),
                    "warnings": sum(p.path == path for p in self.warnings),
                }
                for path in self.files
            ],
            "problems": [p.as_dict() for p in self.problems],
        }


class PathProblem(ValueError):
    """A path given on the command line that is not a report."""


def select_reports(root: Path, paths: list[Path]) -> list[Path]:
    """Report files named by ``paths`` (files or folders); all reports when none are given."""
    every = [f.resolve() for f in report_files(root)]
    if not paths:
        return every
    chosen: list[Path] = []
    for path in paths:
        resolved = path.resolve()
        if not resolved.exists():
            raise PathProblem(f"找不到 {path}，请检查路径")
        found = [f for f in every if f == resolved or f.is_relative_to(resolved)]
        if resolved.is_file() and not found:
            raise PathProblem(
                f"{path} 不是报道：报道是 {REPORTS_DIR.as_posix()}/ 下以 .md 结尾的文件"
            )
        chosen += [f for f in found if f not in chosen]
    return chosen


def run_check(root: Path, files: list[Path], today: dt.date | None = None) -> CheckResult:
    """Validate the config and ``files``; the whole project is loaded so URL clashes are seen."""
    root = root.resolve()
    checked = [f.resolve().relative_to(root).as_posix() for f in files]
    try:
        project = load_project(root, today=today)
    except ContentError as exc:
        return CheckResult(checked, list(exc.problems), config_ok=False)
    wanted = set(checked)
    found = [*project.errors, *project.warnings]
    photos = _photo_problems([r for r in project.reports if r.path in wanted], ProjectPaths(root))
    return CheckResult(checked, sorted([*(p for p in found if p.path in wanted), *photos]))


def _photo_problems(reports: list[Report], paths: ProjectPaths) -> list[Problem]:
    """Photos that exist but cannot be shown: cut short, or not an image at all. The build
    would leave them out of the page and the posters."""
    load_hashes(paths.photo_digests)
    sources = sorted({src for report in reports for src in report.photo_sources})
    jobs = [(str(paths.root), str(paths.web_photos), src) for src in sources]
    why = zip(sources, map_photos(_unusable, jobs), strict=True)
    return photo_problems(reports, {src: reason for src, reason in why if reason})


def _unusable(job: tuple[str, str, str]) -> str | None:
    """Why the photo cannot be shown, or None; in a worker process for many photos."""
    root, cache, src = job
    try:
        verify_photo(Path(root) / src, Path(root), Path(cache))
    except PhotoError as exc:
        return exc.unusable
    return None
