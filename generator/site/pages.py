"""Every generated page of the site, one small builder per kind of page.

Nobody hand-writes a report page: each page here is derived from the model. Report
pages stay out of the navigation; listing pages are paginated so that no page grows
with the size of the archive.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..authoring import guide_markdown
from ..model import Report
from .catalog import Catalog

PER_PAGE = 40


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    markdown: str = ""
    context: dict = field(default_factory=dict)
    searchable: bool = False
    sanitize: bool = False
    # The tabs are the navigation: a sidebar beside a generated page would list one link.
    hide: tuple[str, ...] = ("navigation",)
    # The reports a listing shows a line or a poster of. With them, its source and the site's
    # settings, the page is known in full: it is kept finished in the page cache like a report.
    listed: list[Report] | None = None

    def source(self) -> str:
        meta = {"title": self.title, "template": self.template, "hide": list(self.hide)}
        if not self.searchable:
            meta["search"] = {"exclude": True}
        # JSON is valid YAML front matter, and writing it is far cheaper than yaml.dump.
        return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{self.markdown}\n"


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing, with the addresses of its siblings."""

    items: list
    number: int
    count: int
    base: str

    @staticmethod
    def uri(base: str, number: int) -> str:
        return f"{base}index.md" if number == 1 else f"{base}page/{number}/index.md"

    def url(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


def paginate(items: list, base: str) -> Iterator[tuple[str, Pager]]:
    count = max(1, math.ceil(len(items) / PER_PAGE))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * PER_PAGE : number * PER_PAGE]
        yield Pager.uri(base, number), Pager(chunk, number, count, base)


def all_pages(catalog: Catalog) -> Iterator[GeneratedPage]:
    yield home_page(catalog)
    yield from report_pages(catalog)
    yield branches_index(catalog)
    yield from branch_pages(catalog)
    yield types_index(catalog)
    yield from type_pages(catalog)
    yield archive_index(catalog)
    yield from archive_pages(catalog)
    yield tags_index(catalog)
    yield from tag_pages(catalog)
    yield guide_page(catalog)


def home_page(catalog: Catalog) -> GeneratedPage:
    year = catalog.today.year
    return GeneratedPage(
        "index.md",
        "首页",
        "pb-home.html",
        context={
            "pb_year": year,
            "pb_counters": catalog.counters(year),
            "pb_latest": catalog.reports[:12],
            "pb_branches": catalog.config.branches,
        },
        hide=("navigation", "toc"),
    )


def report_pages(catalog: Catalog) -> Iterator[GeneratedPage]:
    for report in catalog.reports:
        older, newer = catalog.neighbours(report)
        yield GeneratedPage(
            report_uri(report),
            report.title,
            "pb-report.html",
            markdown=report.body,
            context={"pb_report": report, "pb_older": older, "pb_newer": newer},
            searchable=True,
            sanitize=True,
        )


def report_uri(report: Report) -> str:
    return f"{report.url}index.md"


def branches_index(catalog: Catalog) -> GeneratedPage:
    return GeneratedPage(
        "branches/index.md",
        "支部风采",
        "pb-branches.html",
        context={"pb_branches": catalog.config.branches},
    )


def branch_pages(catalog: Catalog) -> Iterator[GeneratedPage]:
    for branch in catalog.config.branches:
        reports = catalog.by_branch.get(branch.id, [])
        yield GeneratedPage(
            f"branches/{branch.id}/index.md",
            branch.name,
            "pb-branch.html",
            # The brand story is the branch's own text: searchable, and sanitized like reports.
            markdown=branch.story or "",
            context={
                "pb_branch": branch,
                "pb_by_year": catalog.by_year(reports),
                "pb_total": len(reports),
            },
            searchable=bool(branch.story),
            sanitize=True,
            listed=reports,
        )


def types_index(catalog: Catalog) -> GeneratedPage:
    counts = [(t, len(catalog.by_type.get(t.id, []))) for t in catalog.config.activity_types]
    return GeneratedPage(
        "types/index.md", "活动类型", "pb-types.html", context={"pb_types": counts}
    )


def type_pages(catalog: Catalog) -> Iterator[GeneratedPage]:
    for activity in catalog.config.activity_types:
        yield from listing(
            f"types/{activity.id}/", activity.name, catalog.by_type.get(activity.id, [])
        )


def archive_index(catalog: Catalog) -> GeneratedPage:
    years = [
        (year, [(m, len(catalog.by_month[(year, m)])) for _, m in catalog.months(year)])
        for year in catalog.years()
    ]
    return GeneratedPage(
        "archive/index.md", "活动归档", "pb-archive.html", context={"pb_years": years}
    )


def archive_pages(catalog: Catalog) -> Iterator[GeneratedPage]:
    for (year, month), reports in catalog.by_month.items():
        yield from listing(f"archive/{year}/{month:02d}/", f"{year}年{month}月", reports)


def tags_index(catalog: Catalog) -> GeneratedPage:
    tags = sorted(catalog.by_tag.items(), key=lambda item: (-len(item[1]), item[0]))
    cloud = [(tag, catalog.tag_slugs[tag], len(reports)) for tag, reports in tags]
    return GeneratedPage("tags/index.md", "标签", "pb-tags.html", context={"pb_tags": cloud})


def tag_pages(catalog: Catalog) -> Iterator[GeneratedPage]:
    for tag, reports in catalog.by_tag.items():
        yield from listing(f"tags/{catalog.tag_slugs[tag]}/", f"标签：{tag}", reports)


def poster_gallery(catalog: Catalog, posters: dict[str, dict[str, str]]) -> Iterator[GeneratedPage]:
    """Every report's posters, newest first, paginated like the other listings."""
    with_posters = [r for r in catalog.reports if r.path in posters]
    for uri, pager in paginate(with_posters, "posters/"):
        suffix = f"（第 {pager.number} 页）" if pager.number > 1 else ""
        yield GeneratedPage(
            uri,
            "宣传海报" + suffix,
            "pb-posters.html",
            context={"pb_pager": pager},
            listed=pager.items,
        )


def guide_page(catalog: Catalog) -> GeneratedPage:
    """投稿指南, with the live lists of branches and activity types from the config."""
    return GeneratedPage(
        "guide/index.md",
        "投稿指南",
        "main.html",
        markdown=guide_markdown(catalog.config),
        searchable=True,
    )


def office_page(catalog: Catalog, office_html: str, downloads: list[str]) -> GeneratedPage:
    """三会一课落实情况: only built when the config sets `tally.publish: true`."""
    return GeneratedPage(
        "office/index.md",
        "落实情况",
        "pb-office.html",
        context={"pb_office_html": office_html, "pb_downloads": downloads},
    )


def errors_page(catalog: Catalog) -> GeneratedPage:
    """Preview only: what keeps reports off the site. Never built for publishing, since
    messages quote the reports (absentee names included)."""
    project = catalog.project
    return GeneratedPage(
        "errors/index.md",
        "报道问题清单",
        "pb-errors.html",
        context={"pb_rejected": project.rejected, "pb_warnings": project.warnings},
    )


def listing(base: str, title: str, reports: list[Report]) -> Iterator[GeneratedPage]:
    for uri, pager in paginate(reports, base):
        suffix = f"（第 {pager.number} 页）" if pager.number > 1 else ""
        yield GeneratedPage(
            uri,
            title + suffix,
            "pb-listing.html",
            context={"pb_pager": pager, "pb_heading": title},
            listed=pager.items,
        )
