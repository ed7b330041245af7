"""The house style as inline CSS: the WeChat editor drops <style>, classes and stylesheets.

Every element the article uses gets its look from its own ``style`` attribute, so the
article looks the same in the preview, pasted into the editor, and uploaded through the API.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from .settings import WechatSettings

TEXT = "font-size:16px;line-height:1.75;color:#333333;"
CAPTION = "margin:8px 0 0;font-size:14px;line-height:1.6;color:#888888;text-align:center;"
NOTE = "margin:16px 0;font-size:14px;line-height:1.6;color:#999999;text-align:center;"
IMAGE = "display:block;width:100%;height:auto;margin:0 auto;border-radius:4px;"
TABLE_CELL = "padding:6px 8px;border:1px solid #DDDDDD;"
# Attributes that still mean something once styling is inline; everything else is dropped.
KEPT_ATTRIBUTES = {
    "img": {"src", "alt"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}


def _rgba(color: str, alpha: float) -> str:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


class HouseStyle:
    """Inline styles for one account: brand colour and heading style from the config."""

    def __init__(self, settings: WechatSettings):
        self.color = settings.color
        self.heading_style = settings.heading_style
        c = self.color
        self.wrapper = f"margin:0;padding:0;{TEXT}letter-spacing:0.5px;word-wrap:break-word;"
        # Markdown's tags -> (tag in the article, inline style); "" = no style of its own.
        self.tags: dict[str, tuple[str, str]] = {
            "p": ("p", f"margin:0 0 16px;{TEXT}text-align:justify;"),
            "strong": ("strong", f"font-weight:bold;color:{c};"),
            "b": ("strong", f"font-weight:bold;color:{c};"),
            "em": ("em", "font-style:italic;"),
            "i": ("em", "font-style:italic;"),
            "u": ("span", "text-decoration:underline;"),
            "s": ("span", "text-decoration:line-through;"),
            "del": ("span", "text-decoration:line-through;"),
            "ins": ("span", "text-decoration:underline;"),
            "mark": ("span", f"background-color:{_rgba(c, 0.12)};"),
            "small": ("span", "font-size:14px;"),
            "span": ("span", ""),
            "sub": ("sub", ""),
            "sup": ("sup", ""),
            "br": ("br", ""),
            "a": ("span", f"color:{c};"),
            "code": (
                "span",
                "padding:0 4px;font-family:Menlo,Consolas,monospace;font-size:14px;background-color:#F5F5F5;",
            ),
            "pre": (
                "section",
                "margin:0 0 16px;padding:12px;font-size:14px;line-height:1.6;white-space:pre-wrap;word-break:break-all;background-color:#F5F5F5;",
            ),
            "blockquote": (
                "section",
                f"margin:0 0 16px;padding:12px 16px;border-left:3px solid {c};background-color:#F7F7F7;color:#555555;",
            ),
            "div": ("section", ""),
            "figure": ("section", "margin:0 0 20px;text-align:center;"),
            "figcaption": ("p", CAPTION),
            "ul": ("ul", "margin:0 0 16px;padding-left:24px;list-style-type:disc;"),
            "ol": ("ol", "margin:0 0 16px;padding-left:24px;list-style-type:decimal;"),
            "li": ("li", f"margin:0 0 8px;{TEXT}"),
            "table": (
                "table",
                "width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px;",
            ),
            "thead": ("thead", ""),
            "tbody": ("tbody", ""),
            "tfoot": ("tfoot", ""),
            "tr": ("tr", ""),
            "th": ("th", f"{TABLE_CELL}font-weight:bold;text-align:left;background-color:#F5F5F5;"),
            "td": ("td", TABLE_CELL),
            "hr": ("hr", "margin:24px 0;border:0;border-top:1px solid #E5E5E5;"),
            "img": ("img", IMAGE),
        }
        self.subheading = (
            f"margin:24px 0 12px;font-size:16px;font-weight:bold;line-height:1.6;color:{c};"
        )

    # -- body elements ---------------------------------------------------------------

    def restyle(self, tag: Tag, soup: BeautifulSoup) -> None:
        """Give one sanitized Markdown element its inline style (children first, see markup)."""
        if tag.name in ("h1", "h2"):
            self._heading(tag, soup)
            return
        if tag.name in ("h3", "h4", "h5", "h6"):
            # Not a <p>: photos are placed after paragraphs, never under a subheading.
            tag.name, tag.attrs = "section", {"style": self.subheading}
            return
        name, css = self.tags.get(tag.name, ("span", ""))
        kept = KEPT_ATTRIBUTES.get(tag.name, set())
        tag.attrs = {k: v for k, v in tag.attrs.items() if k in kept}
        tag.name = name
        if css:
            tag["style"] = css

    def _heading(self, tag: Tag, soup: BeautifulSoup) -> None:
        outer, inner = HEADINGS[self.heading_style](self.color)
        section = soup.new_tag("section", attrs={"style": outer})
        span = soup.new_tag("span", attrs={"style": inner})
        span.extend(list(tag.contents))
        section.append(span)
        tag.replace_with(section)

    # -- recognising restyled elements -----------------------------------------------
    # The article may carry no classes, so an element's inline style is all that is left
    # to tell what it was; only headings and photos are given these styles.

    def is_heading(self, tag: Tag) -> bool:
        outer, _ = HEADINGS[self.heading_style](self.color)
        return tag.name == "section" and tag.get("style") in (outer, self.subheading)

    def is_figure(self, tag: Tag) -> bool:
        return tag.name == "section" and tag.get("style") == self.tags["figure"][1]

    # -- generated elements ----------------------------------------------------------

    def figure(self, soup: BeautifulSoup, src: str, caption: str | None) -> Tag:
        """A photo on its own line, with its caption under it."""
        section = soup.new_tag("section", attrs={"style": self.tags["figure"][1]})
        section.append(
            soup.new_tag("img", attrs={"src": src, "alt": caption or "", "style": IMAGE})
        )
        if caption:
            section.append(self.text(soup, "p", caption, CAPTION))
        return section

    def meta_block(self, soup: BeautifulSoup, rows: list[tuple[str, str]]) -> Tag:
        """时间、地点、支部、出勤… as a tinted panel with the brand colour's edge."""
        section = soup.new_tag(
            "section",
            attrs={
                "style": f"margin:0 0 24px;padding:12px 16px;border-left:4px solid {self.color};"
                f"background-color:{_rgba(self.color, 0.06)};"
            },
        )
        for label, value in rows:
            line = self.text(
                soup, "p", "", "margin:0;font-size:15px;line-height:1.8;color:#333333;"
            )
            line.append(
                self.text(soup, "span", f"{label}：", f"font-weight:bold;color:{self.color};")
            )
            line.append(value)
            section.append(line)
        return section

    def note(self, soup: BeautifulSoup, text: str) -> Tag:
        return self.text(soup, "p", text, NOTE)

    @staticmethod
    def text(soup: BeautifulSoup, name: str, text: str, css: str) -> Tag:
        tag = soup.new_tag(name, attrs={"style": css})
        if text:
            tag.string = text
        return tag


_HEADING_TEXT = "font-size:18px;font-weight:bold;line-height:1.5;"
# heading_style -> (style of the line, style of the words on it), from the brand colour.
HEADINGS = {
    "bar": lambda c: (
        f"margin:32px 0 16px;padding:2px 0 2px 12px;border-left:4px solid {c};",
        f"{_HEADING_TEXT}color:{c};",
    ),
    "underline": lambda c: (
        "margin:32px 0 16px;",
        f"display:inline-block;padding:0 2px 6px;border-bottom:3px solid {c};{_HEADING_TEXT}color:#222222;",
    ),
    "badge": lambda c: (
        "margin:32px 0 16px;text-align:center;",
        f"display:inline-block;padding:4px 16px;border-radius:4px;background-color:{c};{_HEADING_TEXT}color:#FFFFFF;",
    ),
}
