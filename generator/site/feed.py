"""Atom and RSS feeds of the latest public reports."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..model import Project, Report

FEED_SIZE = 50
CHINA = dt.timezone(dt.timedelta(hours=8))


def feeds(project: Project, reports: list[Report]) -> dict[str, bytes]:
    """``{"feed.xml": atom, "rss.xml": rss}`` for the newest public reports."""
    org = project.config.organization
    generator = FeedGenerator()
    generator.id(org.site_url)
    generator.title(f"{org.name} · 党建活动")
    generator.subtitle(org.description or f"{org.name}各党支部活动报道")
    generator.link(href=org.site_url, rel="alternate")
    generator.link(href=org.site_url + "feed.xml", rel="self")
    generator.language("zh-CN")
    newest = reports[:FEED_SIZE]
    generator.updated(_moment(newest[0]) if newest else dt.datetime(2000, 1, 1, tzinfo=CHINA))
    for report in reversed(newest):
        entry = generator.add_entry()
        link = org.site_url + report.url
        entry.id(link)
        entry.title(report.title)
        entry.link(href=link)
        entry.summary(report.summary or report.title)
        entry.published(_moment(report))
        entry.updated(_moment(report))
        for tag in report.tags:
            entry.category(term=tag)
    return {"feed.xml": generator.atom_str(pretty=True), "rss.xml": generator.rss_str(pretty=True)}


def _moment(report: Report) -> dt.datetime:
    return dt.datetime.combine(report.date, report.time or dt.time(12, 0), tzinfo=CHINA)
