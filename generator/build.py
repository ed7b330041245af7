"""`pbsite build`: the site, then every private export, from one loaded model."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .model import ContentError, Project, load_remembered
from .paths import ProjectPaths
from .site.runner import build_site
from .tally import write_tally_exports
from .wechat import write_wechat_exports

# An export step reads the model and writes files under ``paths.exports``.
ExportStep = Callable[[Project, ProjectPaths], list[Path]]


def export_steps() -> list[ExportStep]:
    """Private outputs written next to, never into, the public site."""
    return [write_tally_exports, write_wechat_exports]


@dataclass
class BuildOutcome:
    project: Project
    site_dir: Path
    exports: list[Path] = field(default_factory=list)


def build_all(
    paths: ProjectPaths,
    *,
    lenient: bool = False,
    clean: bool = False,
    today: dt.date | None = None,
) -> BuildOutcome:
    """Build everything; without ``lenient`` any invalid report fails the build, all listed.
    ``today`` is the day the build takes for today (default: the clock's)."""
    # Reports parsed by the last build are kept where nothing they read has changed; a clean
    # build neither reads nor writes them.
    project, _ = load_remembered(paths.root, None if clean else paths.parsed_reports, today=today)
    if project.rejected and not lenient:
        raise ContentError(project.errors)
    site_dir = build_site(paths, project, clean=clean)
    outcome = BuildOutcome(project, site_dir)
    for step in export_steps():
        outcome.exports.extend(step(project, paths))
    write_build_report(paths, outcome)
    return outcome


def write_build_report(paths: ProjectPaths, outcome: BuildOutcome) -> None:
    """Everything a lenient build left out, with the reasons, so nothing goes missing quietly."""
    project = outcome.project
    report = {
        "reports": project.report_count,
        "published": len(project.public_reports),
        "rejected": [
            {"path": r.path, "errors": [p.as_dict() for p in r.problems]} for r in project.rejected
        ],
        "warnings": [p.as_dict() for p in project.warnings],
        "site": str(outcome.site_dir),
        "exports": [str(p.relative_to(paths.root)) for p in outcome.exports],
    }
    paths.build.mkdir(parents=True, exist_ok=True)
    paths.build_report.write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
