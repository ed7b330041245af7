"""The ``pbsite build`` export step: this tally year's JSON, CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

from ..model import Project
from ..paths import ProjectPaths
from .csv_export import write_csv
from .engine import compute_tally
from .json_export import write_json
from .periods import tally_year_of
from .result import TallyResult
from .xlsx_export import write_xlsx

WRITERS = {"json": write_json, "csv": write_csv, "xlsx": write_xlsx}


def current_tally(project: Project) -> TallyResult:
    """The tally of the tally year that contains the project's today."""
    return compute_tally(project, tally_year_of(project.config.tally, project.today))


def write_tally_files(result: TallyResult, folder: Path) -> list[Path]:
    """``tally-<year>.{json,csv,xlsx}`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, write in WRITERS.items():
        target = folder / f"tally-{result.year}.{suffix}"
        write(result, target)
        written.append(target)
    return written


def write_tally_exports(project: Project, paths: ProjectPaths) -> list[Path]:
    """Writes ``build/exports/tally/tally-<year>.{json,csv,xlsx}`` for the current tally year.

    The build has already refused invalid reports unless it runs lenient, so any that
    remain are listed under ``rejected`` rather than failing the step.
    """
    return write_tally_files(current_tally(project), paths.exports / "tally")
