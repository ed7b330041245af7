"""What a poster shows, taken from the model once: the renderer never reads the model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Project, Report


@dataclass(frozen=True)
class PosterContent:
    report: str  # report path relative to the project root
    fields: dict[str, str]  # the values of the layout's {placeholders}
    colors: dict[str, str]  # config colours "org" and "accent" (the host branch's)
    photos: tuple[str, ...]  # project-relative, cover first
    logos: dict[str, str | None]  # "organization" / "branch" -> project-relative path
    url: str  # the report's page, for the QR code


def poster_content(project: Project, report: Report) -> PosterContent:
    config = project.config
    org = config.organization
    branches = [b for key in report.branches if (b := config.branch(key)) is not None]
    host = branches[0] if branches else None
    activity = config.activity_type(report.type)
    date = f"{report.date.year}年{report.date.month}月{report.date.day}日"
    location = report.location or ""
    return PosterContent(
        report=report.path,
        fields={
            "organization": org.name,
            # A joint activity belongs to every branch in it: show all their brands.
            "brand": " · ".join(_distinct(b.display_brand for b in branches)),
            "branch": "、".join(_distinct(b.name for b in branches)),
            "slogan": "　".join(_distinct(b.slogan or "" for b in branches)),
            "title": report.title,
            "date": date,
            "location": location,
            "date_location": f"{date} · {location}" if location else date,
            "type": activity.name if activity else report.type,
        },
        colors={"accent": host.color if host else org.color, "org": org.color},
        photos=_photo_order(report),
        logos={"organization": org.logo, "branch": host.logo if host else None},
        url=org.site_url + (report.url or ""),
    )


def _distinct(values: Iterable[str]) -> list[str]:
    """Non-empty values once each, in order."""
    return [value for value in dict.fromkeys(values) if value]


def _photo_order(report: Report) -> tuple[str, ...]:
    cover = report.cover.src if report.cover else None
    rest = [p.src for p in report.photos if p.src != cover]
    return tuple([cover, *rest] if cover else rest)
