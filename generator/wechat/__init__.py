"""WeChat official-account (公众号) articles exported from reports.

Flow: model -> ``article.build_article`` (inline-styled parts, numbered images, meta, the
limits applied and every change listed as a warning) -> ``export.write_export`` (the
folder) and ``preview.preview_page`` (the page with the copy button).
"""

from .article import Article, ArticleImage, ExportRefused, article_slug, build_article
from .export import (
    RECENT_DAYS,
    WechatExport,
    export_reports,
    export_since,
    write_export,
    write_wechat_exports,
)
from .images import ImageBank
from .preview import preview_page
from .settings import WechatSettings, read_settings

__all__ = [
    "RECENT_DAYS",
    "Article",
    "ArticleImage",
    "ExportRefused",
    "ImageBank",
    "WechatExport",
    "WechatSettings",
    "article_slug",
    "build_article",
    "export_reports",
    "export_since",
    "preview_page",
    "read_settings",
    "write_export",
    "write_wechat_exports",
]
