"""A report's Markdown body as a list of inline-styled blocks, with its images resolved.

Flow: Markdown -> HTML -> nh3 (only plain structural tags survive: no script, style,
class, id or event handler) -> each element restyled inline by the house style.
"""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from ..model import Report
from ..model.photos import PHOTO_SUFFIXES
from .styles import HouseStyle

EXTENSIONS = ["tables", "sane_lists", "attr_list", "md_in_html", "admonition"]
_TAGS = {
    "a", "b", "blockquote", "br", "code", "del", "div", "em", "figcaption", "figure", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "mark", "ol", "p", "pre", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}


@dataclass
class Body:
    soup: BeautifulSoup  # owns every block; also the factory for new elements
    blocks: list[Tag]
    sources: set[str] = field(default_factory=set)  # photos the body shows itself
    warnings: list[str] = field(default_factory=list)


def render_body(
    report: Report, root: Path, style: HouseStyle, refuse: Callable[[str], str | None]
) -> Body:
    """The body's top-level blocks; <img> ``src`` is the photo's path relative to the root.

    ``refuse(src)`` prepares a photo and returns why it cannot be used, if it cannot.
    """
    html = _to_html(report.body)
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https"})
    soup = BeautifulSoup(clean, "html.parser")
    body = Body(soup, [])
    for image in soup.find_all("img"):
        _resolve_image(image, report, root, refuse, body)
    for link in soup.find_all("a"):
        _spell_out(link)
    for tag in reversed(soup.find_all(True)):  # children before parents: headings keep inner style
        style.restyle(tag, soup)
    body.blocks = [_as_block(node, soup, style) for node in list(soup.contents) if _visible(node)]
    return body


# One converter per thread, reset between reports: setting one up costs about as much as
# converting a typical report with it.
_converters = threading.local()


def _to_html(text: str) -> str:
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(
            extensions=EXTENSIONS, output_format="html"
        )
    return converter.reset().convert(text)


def _resolve_image(
    image: Tag, report: Report, root: Path, refuse: Callable[[str], str | None], body: Body
) -> None:
    """Point ``src`` at the photo inside content/, or remove the image and say why."""
    written = str(image.get("src", ""))
    src = posixpath.normpath(posixpath.join(posixpath.dirname(report.path), written))
    if not (written and "://" not in written and _is_content_photo(root, src)):
        reason = (
            f"正文图片“{written}”找不到，或不在 content/ 文件夹中（公众号也不显示外链图片），"
            "已从文章中移除；请把照片放进报道旁边的文件夹，再用相对路径引用"
        )
    else:
        reason = refuse(src)
    if reason:
        body.warnings.append(reason)
        parent = image.parent
        image.decompose()
        if (
            isinstance(parent, Tag)
            and parent.name == "p"
            and not any(map(_visible, parent.contents))
        ):
            parent.decompose()
        return
    image["src"] = src
    body.sources.add(src)
    caption = str(image.get("alt", "")).strip()
    parent = image.parent
    # A photo alone in its paragraph becomes a captioned figure, like the report's photos.
    if isinstance(parent, Tag) and parent.name == "p" and _only_child(parent, image):
        parent.replace_with(_figure_placeholder(body.soup, image, caption))


def _is_content_photo(root: Path, src: str) -> bool:
    """A photo file whose real location (links followed) is inside content/."""
    path = (root / src).resolve()
    try:
        path.relative_to((root / "content").resolve())
    except ValueError:
        return False
    return path.is_file() and path.suffix.lower() in PHOTO_SUFFIXES


def _only_child(parent: Tag, child: Tag) -> bool:
    return all(node is child or not _visible(node) for node in parent.contents)


def _figure_placeholder(soup: BeautifulSoup, image: Tag, caption: str) -> Tag:
    figure = soup.new_tag("figure")
    figure.append(image.extract())
    if caption:
        figcaption = soup.new_tag("figcaption")
        figcaption.string = caption
        figure.append(figcaption)
    return figure


def _spell_out(link: Tag) -> None:
    """WeChat removes links to other sites, so the address is kept as visible text."""
    href = str(link.get("href", ""))
    if href.startswith(("http://", "https://")) and href != link.get_text(strip=True):
        link.append(f"（{href}）")


def _visible(node: object) -> bool:
    return not isinstance(node, NavigableString) or bool(node.strip())


def _as_block(node: Tag | NavigableString, soup: BeautifulSoup, style: HouseStyle) -> Tag:
    """Top-level loose text (from raw HTML) goes into a paragraph, so every block is a tag."""
    if isinstance(node, Tag):
        return node
    paragraph = soup.new_tag("p")
    paragraph.string = str(node).strip()
    style.restyle(paragraph, soup)
    return paragraph
