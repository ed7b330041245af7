"""What a poster shows, taken from the model once: the renderer never reads the model."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Project, Report


@dataclass(frozen=True)
class PosterContent:
    report: str  # report path relative to the project root
    fields: dict[str, str]  # the values of the layout's {placeholders}
    colors: dict[str, str]  # "accent" (the branch colour) and "org"
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
            "brand": host.display_brand if host else "",
            "branch": "、".join(b.name for b in branches),
            "slogan": (host.slogan or "") if host else "",
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


def _photo_order(report: Report) -> tuple[str, ...]:
    cover = report.cover.src if report.cover else None
    rest = [p.src for p in report.photos if p.src != cover]
    return tuple([cover, *rest] if cover else rest)
