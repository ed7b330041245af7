"""One report as a WeChat article: inline-styled parts, numbered images, meta, warnings.

Nothing here writes into the export folder; ``export.py`` does that. Photos are prepared
(cached) while building, so a photo that cannot be read is left out before numbering.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ..model import Project, Report
from .images import ImageBank
from .markup import Body, render_body
from .names import author_forms, numeral
from .settings import AUTHOR_MAX, WechatSettings
from .split import BLOCK_SEPARATOR, bind, pack
from .styles import HouseStyle
from .text import shorten, shorten_title

TITLE_MAX = 32
DIGEST_MAX = 128
MAX_HTML_CHARS = 20_000  # WeChat's limit on an article's HTML, tags included
MAX_HTML_BYTES = 1_000_000  # and on its size
# A UTF-8 character takes at most 4 bytes, so a part within this many characters is within
# both limits at once ("under": one less than each limit).
PART_BUDGET = min(MAX_HTML_CHARS, MAX_HTML_BYTES // 4) - 1
CONTINUED = "（未完，接下一篇）"
CONTINUATION = "（接上一篇）"
# A paragraph this short right after a photo without a caption is taken to be its caption.
CAPTION_CHARS = 60


class ExportRefused(Exception):
    """A report that must not become an article (internal or draft); the message is Chinese."""


@dataclass(frozen=True)
class ArticleImage:
    name: str  # file name under images/, numbered in reading order
    file: Path  # the prepared JPEG
    source: str  # the photo, relative to the project root


@dataclass
class Article:
    report: Report
    slug: str
    parts: list[str]  # each an HTML fragment: one <section> holding that part's blocks
    images: list[ArticleImage]
    meta: dict  # title, author, digest, content_source_url: part 1, as published
    titles: list[str]  # each part's title; the first is meta["title"]
    covers: dict[str, Path] = field(default_factory=dict)  # file name -> poster
    warnings: list[str] = field(default_factory=list)

    @property
    def part_names(self) -> list[str]:
        return [part_name(i) for i in range(len(self.parts))]

    def document(self, index: int) -> str:
        return html_document(self.titles[index], self.parts[index])

    def part_meta(self, index: int) -> dict:
        """What WeChat asks of each article of a split report: its own title, file, images."""
        return {
            **self.meta,
            "title": self.titles[index],
            "content": part_name(index),
            "images": [
                f"images/{i.name}" for i in self.images if f'"images/{i.name}"' in self.parts[index]
            ],
        }


def part_name(index: int) -> str:
    return "article.html" if index == 0 else f"article-part{index + 1}.html"


def article_slug(report: Report) -> str:
    """``reports/cardiology/2026-03-05-zhuti-dangri/`` -> ``cardiology-2026-03-05-zhuti-dangri``.

    The folder name of the export and of the preview page; public reports only.
    """
    check_publishable(report)
    return "-".join(report.url.strip("/").split("/")[1:])


def html_document(title: str, fragment: str) -> str:
    """A part as a standalone page: opens in any browser, pastes and uploads as is."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>\n"
        f'<body style="margin:0;padding:16px;background-color:#FFFFFF;">\n{fragment}\n</body></html>\n'
    )


def check_publishable(report: Report) -> None:
    if not report.is_public:
        raise ExportRefused(_refusal(report))


def _refusal(report: Report) -> str:
    if report.visibility == "internal":
        return (
            f"{report.path}：这篇报道的公开范围是“内部”（internal），内部报道不能发布到公众号，"
            "不会导出。如确需公开，请先把 `公开范围` 改为 `公开`"
        )
    return (
        f"{report.path}：这篇报道还是草稿（草稿: true），草稿不能导出为公众号文章。"
        "定稿后请删去 `草稿` 一项或改为 false"
    )


def build_article(
    project: Project, report: Report, settings: WechatSettings, images: ImageBank
) -> Article:
    """The article for a public report; raises ExportRefused for internal reports and drafts."""
    check_publishable(report)
    style = HouseStyle(settings)
    body = render_body(report, project.root, style, images.refuse)
    photos, photo_warnings = _photo_figures(report, body, style, images)
    blocks = [
        style.meta_block(body.soup, meta_rows(project, report)),
        *place_photos(body.blocks, photos),
        _footer(project, report, style, body.soup),
    ]
    numbered = _number_images(blocks, images)
    recompressed = [m for m in (_recompressed(image, images) for image in numbered) if m]
    meta, meta_warnings = article_meta(project, report, settings)
    parts, split_warnings = _split(blocks, meta["title"], style, body.soup)
    titles = part_titles(project, report, meta["title"], len(parts))
    if len(parts) > 1:
        split_warnings[0] += f"；各篇标题：{'、'.join(f'“{t}”' for t in titles)}"
    return Article(
        report=report,
        slug=article_slug(report),
        parts=parts,
        images=numbered,
        meta=meta,
        titles=titles,
        warnings=[*meta_warnings, *split_warnings, *body.warnings, *photo_warnings, *recompressed],
    )


# -- content ---------------------------------------------------------------------------


def meta_rows(project: Project, report: Report) -> list[tuple[str, str]]:
    """The same facts as the site's report header; absentees are never among them."""
    config = project.config
    day = f"{report.date.year}年{report.date.month}月{report.date.day}日"
    branches = []
    for branch_id in report.branches:
        branch = config.branch(branch_id)
        branches.append(f"{branch.name}（{branch.brand}）" if branch.brand else branch.name)
    activity = config.activity_type(report.type)
    rows = [
        ("时间", f"{day} {report.time:%H:%M}" if report.time else day),
        ("地点", report.location),
        ("支部", "、".join(branches)),
        ("类型", activity.name if activity else None),
        ("主持人", report.host),
        ("记录人", report.recorder),
        ("主讲人", report.lecturer),
    ]
    if report.attendance:
        attendance = report.attendance
        rows.append(("出勤", f"应到 {attendance.expected} 人，实到 {attendance.present} 人"))
    if report.volunteer_hours:
        rows.append(("服务时长", f"{report.volunteer_hours:g} 小时"))
    if report.served:
        rows.append(("服务人次", f"{report.served} 人次"))
    return [(label, value) for label, value in rows if value]


def _photo_figures(
    report: Report, body: Body, style: HouseStyle, images: ImageBank
) -> tuple[list[Tag], list[str]]:
    """The report's photos as captioned figures, except those the body already shows."""
    figures, warnings = [], []
    for photo in report.photos:
        if photo.src in body.sources:
            continue
        reason = images.refuse(photo.src)
        if reason:
            warnings.append(reason)
        else:
            figures.append(style.figure(body.soup, photo.src, photo.caption))
    return figures, warnings


def place_photos(blocks: list[Tag], photos: list[Tag]) -> list[Tag]:
    """Photos spread evenly after paragraphs, the first right after the opening paragraph."""
    slots = [i for i, block in enumerate(blocks) if block.name == "p"]
    if not slots:
        return [*blocks, *photos]
    after: dict[int, list[Tag]] = {}
    for k, photo in enumerate(photos):
        after.setdefault(slots[k * len(slots) // len(photos)], []).append(photo)
    return [item for i, block in enumerate(blocks) for item in (block, *after.get(i, []))]


def _footer(project: Project, report: Report, style: HouseStyle, soup: BeautifulSoup) -> Tag:
    names = [project.config.branch(b).name for b in report.branches]
    return style.note(soup, f"{project.config.organization.name} · {'、'.join(names)}")


def _number_images(blocks: list[Tag], images: ImageBank) -> list[ArticleImage]:
    """images/01.jpg, 02.jpg … in reading order; each <img> points at its own file."""
    tags = [img for block in blocks for img in block.find_all("img")]
    width = max(2, len(str(len(tags))))
    numbered = []
    for number, img in enumerate(tags, start=1):
        name = f"{number:0{width}d}.jpg"
        source = str(img["src"])
        numbered.append(ArticleImage(name, images.prepared[source].file, source))
        img["src"] = f"images/{name}"
    return numbered


def _recompressed(image: ArticleImage, images: ImageBank) -> str | None:
    r = images.prepared[image.source].recompression
    return r and (
        f"图片大小超限：images/{image.name}（{image.source}）按常规质量压缩后为 "
        f"{_mb(r.first_bytes)}，超过每张 1 MB 的限制；已再次压缩（JPEG 质量 {r.quality}，"
        f"宽 {r.width} 像素），现为 {_mb(r.final_bytes)}"
    )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


# -- meta.json -------------------------------------------------------------------------


def article_meta(
    project: Project, report: Report, settings: WechatSettings
) -> tuple[dict, list[str]]:
    """title, author, digest and content_source_url within WeChat's limits, and what was cut."""
    author = settings.author or report_author(project, report)
    fields = {
        "title": ("标题", report.title, TITLE_MAX, _title_of(project, report, TITLE_MAX)),
        "author": ("作者", author, AUTHOR_MAX, shorten(author, AUTHOR_MAX)),
        "digest": ("摘要", report.summary, DIGEST_MAX, shorten(report.summary, DIGEST_MAX)),
    }
    meta, warnings = {}, []
    for key, (label, value, limit, short) in fields.items():
        meta[key] = short
        if meta[key] != value.strip():
            warnings.append(
                f"{label}超长：“{value}”有 {len(value)} 个字，超过公众号{label}最多 {limit} 个字的"
                f"限制；已缩短为“{meta[key]}”（{len(meta[key])} 个字），可在公众号后台修改"
            )
    meta["content_source_url"] = project.config.organization.site_url + report.url
    return meta, warnings


def report_author(project: Project, report: Report) -> str:
    """The branches that held the activity, as fully as 16 characters allow.

    Joint reports name every branch ("A党支部、B党支部"), else more briefly ("A、B党支部",
    brands, "A党支部等"); a name that no form fits is cut (and reported) by the caller.
    """
    forms = author_forms([project.config.branch(b) for b in report.branches])
    return next((form for form in forms if len(form) <= AUTHOR_MAX), forms[0])


def part_titles(project: Project, report: Report, first: str, count: int) -> list[str]:
    """``first`` for part 1 (as published so far), then "…（二）", "…（三）" within the limit."""
    marks = [f"（{numeral(number)}）" for number in range(2, count + 1)]
    return [first, *(_title_of(project, report, TITLE_MAX - len(m)) + m for m in marks)]


def _title_of(project: Project, report: Report, limit: int) -> str:
    return shorten_title(report.title, limit, project.config.branches)


# -- parts -----------------------------------------------------------------------------


def _split(
    blocks: list[Tag], title: str, style: HouseStyle, soup: BeautifulSoup
) -> tuple[list[str], list[str]]:
    """The article as one part, or as several at block boundaries when it is too long."""
    opening = f'<section style="{style.wrapper}">'
    closing = "</section>"
    before, after = str(style.note(soup, CONTINUATION)), str(style.note(soup, CONTINUED))
    whole = opening + BLOCK_SEPARATOR.join(map(str, blocks)) + closing
    if len(html_document(title, whole)) <= PART_BUDGET:
        return [whole], []
    # Room for any part's title, however escaped: a later part's ("…（二）") may be longer.
    frame = html_document('"' * TITLE_MAX, opening + before + after + closing)
    budget = PART_BUDGET - len(frame) - 2 * len(BLOCK_SEPARATOR)
    pieces, broken = bind(blocks, budget, _glued(blocks, style), BLOCK_SEPARATOR)
    groups = pack(pieces, budget, BLOCK_SEPARATOR)
    parts = [
        opening
        + BLOCK_SEPARATOR.join(
            [*([before] if i else []), *group, *([after] if i < len(groups) - 1 else [])]
        )
        + closing
        for i, group in enumerate(groups)
    ]
    names = "、".join(part_name(i) for i in range(len(parts)))
    message = (
        f"正文超长：文章 HTML（含标签）共 {len(html_document(title, whole))} 个字符，超过公众号单篇少于 "
        f"{MAX_HTML_CHARS} 个字符的限制；已在段落之间拆成 {len(parts)} 篇：{names}，内容没有删减，"
        "请分篇发布"
    )
    if broken:
        message += f"（第 {'、'.join(map(str, broken))} 段本身过长，已在句子之间断开）"
    return parts, [message]


def _glued(blocks: list[Tag], style: HouseStyle) -> list[bool]:
    """Which blocks must not end a part: a heading introduces what follows it, and a photo
    without a caption of its own is followed by its caption written as a short paragraph."""
    following = [*blocks[1:], None]
    return [
        style.is_heading(block) or _captioned_by(block, after, style)
        for block, after in zip(blocks, following, strict=True)
    ]


def _captioned_by(block: Tag, after: Tag | None, style: HouseStyle) -> bool:
    # Keeping a photo with a short paragraph that is not its caption costs nothing: the part
    # breaks one block later.
    return (
        style.is_figure(block)
        and block.find("p") is None
        and after is not None
        and after.name == "p"
        and 0 < len(after.get_text(strip=True)) <= CAPTION_CHARS
    )
