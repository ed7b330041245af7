"""A preview's rebuild reuses the MkDocs objects of unchanged pages (``KeyedPages``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.site.keyedpages import KeptFiles, KeyedPages
from generator.site.pagecache import PageCache
from generator.site.record import SiteRecord

URI = "reports/cardiology/2026-03-01-report-1/index.md"
DAY = 24 * 3600


def config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    loaded = MkDocsConfig()
    loaded.load_dict(
        {
            "site_name": "测试",
            "site_url": "http://127.0.0.1:8765/",
            "docs_dir": str(tmp_path / "docs"),
            "site_dir": str(tmp_path / "site"),
        }
    )
    errors, _ = loaded.validate()
    assert not errors
    loaded.plugins._current_plugin = None  # as between MkDocs' plugin events
    return loaded


def unchanged_file(kept: KeptFiles, key: str, title: str, site: MkDocsConfig):
    """The file a rebuild hands MkDocs for a page the site folder holds under ``key``."""
    record = SiteRecord(site.site_dir)
    record.pages[URI] = key
    keyed = KeyedPages(PageCache(None, "fingerprint"), record, kept)
    keyed.cached[URI] = key
    return keyed.file(URI, title, "", site)


def test_an_unchanged_page_keeps_its_objects_until_its_key_title_or_day_changes(
    tmp_path, monkeypatch
):
    site = config(tmp_path)
    kept: KeptFiles = {}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(100 * DAY))
    first = unchanged_file(kept, "k1", "学习党章", site)
    assert unchanged_file(kept, "k1", "学习党章", site) is first
    assert first.page.title == "学习党章"
    assert unchanged_file(kept, "k2", "学习党章", site) is not first  # new key
    second = unchanged_file(kept, "k2", "学习党章", site)
    assert unchanged_file(kept, "k2", "重温誓词", site) is not second  # new title
    third = unchanged_file(kept, "k2", "重温誓词", site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(101 * DAY))  # midnight: sitemap.xml's date
    fourth = unchanged_file(kept, "k2", "重温誓词", site)
    assert fourth is not third and fourth.page.update_date != third.page.update_date
    assert unchanged_file({}, "k2", "重温誓词", site) is not fourth  # nothing kept: new ones
