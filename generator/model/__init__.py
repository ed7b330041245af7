"""The validated model: config and reports. Knows nothing of MkDocs, Pillow or spreadsheets."""

from .config import ActivityType, Branch, Organization, SiteConfig, TallySettings, Term, load_config
from .photos import Photo
from .problems import ContentError, Problem
from .project import (
    Project,
    Rejected,
    ReportMemo,
    load_project,
    load_remembered,
    report_files,
)
from .report import Absentee, Attendance, Report, photo_problems, read_report

__all__ = [
    "Absentee",
    "ActivityType",
    "Attendance",
    "Branch",
    "ContentError",
    "Organization",
    "Photo",
    "Problem",
    "Project",
    "Rejected",
    "Report",
    "ReportMemo",
    "SiteConfig",
    "TallySettings",
    "Term",
    "load_config",
    "load_project",
    "load_remembered",
    "photo_problems",
    "read_report",
    "report_files",
]
