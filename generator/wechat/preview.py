"""The preview page: the article in a phone-width frame, with a copy-to-editor button.

The page is self-contained (inline CSS and script, no fonts or libraries from elsewhere), so
it works on an intranet PC without internet access. Images are addressed as in the export
folder (``images/01.jpg``, ``cover-2.35.jpg``), so the page sits next to those files.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..model import Project, Report
from .article import TITLE_MAX, Article

_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def preview_page(project: Project, report: Report, article: Article) -> str:
    """HTML of ``site/wechat/<slug>/index.html`` (and of ``preview.html`` in the export)."""
    config = project.config
    return _environment.get_template("preview.html").render(
        meta=article.meta,
        titles=article.titles,
        title_max=TITLE_MAX,
        date=f"{report.date.year}年{report.date.month}月{report.date.day}日",
        organization=config.organization.name,
        color=config.organization.color,
        # The parts were built from sanitized Markdown and the model's fields only.
        parts=[Markup(part) for part in article.parts],
        part_names=article.part_names,
        covers=list(article.covers),
        images=[image.name for image in article.images],
        warnings=article.warnings,
    )
