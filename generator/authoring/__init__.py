"""Authoring: what branch secretaries run to write, check and import reports.

Free of click so the same functions serve the command line, the site and the tests.
"""

from .check import CheckResult, PathProblem, run_check, select_reports
from .docx_import import ImportProblem, ImportResult, import_docx
from .encoding import Conversion, fix_encoding
from .guide import guide_markdown
from .scaffold import (
    ReportDraft,
    photo_folder,
    placeholder_note,
    render_report,
    report_path,
    write_report,
)

__all__ = [
    "CheckResult",
    "Conversion",
    "ImportProblem",
    "ImportResult",
    "PathProblem",
    "ReportDraft",
    "fix_encoding",
    "guide_markdown",
    "import_docx",
    "photo_folder",
    "placeholder_note",
    "render_report",
    "report_path",
    "run_check",
    "select_reports",
    "write_report",
]
