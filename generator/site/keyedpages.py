"""Keyed pages between MkDocs' page events and the page cache: which this build renders,
which it takes finished from the cache, and which other cores render ahead.

Report pages and listing pages are keyed by everything they show. A page found under its
key is served finished (no Markdown, no template, no jieba); one the site folder (a
preview's, or a retired site taken over) already holds under that key is skipped by a dirty
build altogether; the rest are rendered,
by this process or, when there are many, shared out to forked children that leave them in
the cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from .ahead import AHEAD_FROM, shares
from .background import BackgroundError, BackgroundJob, can_fork
from .pagecache import CachedPage, FinishedPage, PageCache
from .record import SiteRecord, UnchangedFile

# src_uri -> (key, title, file) of an unchanged page, kept from one preview build to the next
KeptFiles = dict[str, tuple[str, str, File]]


class KeyedPages:
    def __init__(self, cache: PageCache, record: SiteRecord, kept: KeptFiles | None = None):
        self.cache = cache
        self.record = record
        self.kept = kept
        self._day = get_build_date()
        self.cached: dict[str, str] = {}  # src_uri -> key of a page served from the cache
        self.uncached: dict[str, str] = {}  # src_uri -> key to store the finished page under
        self.unchanged: set[str] = set()  # cached pages the site folder already holds
        self.ahead: list[list[str]] = []  # shares of uncached pages rendered by children
        self._ahead: set[str] = set()
        self._jobs: list[BackgroundJob] = []
        self._search: dict[str, list[dict]] = {}  # src_uri -> entries of a page being built

    def look_up(self, uri: str, key: str) -> None:
        (self.cached if self.cache.has(key) else self.uncached)[uri] = key

    def plan_ahead(self, workers: int) -> None:
        """Share the pages to render out to ``workers - 1`` children; this process keeps the
        first share, since MkDocs reaches those pages first. Without fork there are none."""
        if len(self.uncached) < AHEAD_FROM or not can_fork():
            return
        self.ahead = shares(list(self.uncached), workers)[1:]
        self._ahead = {uri for share in self.ahead for uri in share}
        for uri in (uri for share in self.ahead for uri in share):
            self.cached[uri] = self.uncached.pop(uri)
            self.cache.expect(self.cached[uri])

    def file(self, uri: str, title: str, source: str, config: MkDocsConfig) -> File:
        """The page's file; one served from the cache holds no Markdown."""
        if uri not in self.cached:
            return File.generated(config, uri, content=source)
        # A site folder (a preview's, or one taken over) that holds this very page already: a
        # dirty build skips it. Not one a child renders: its child must be waited for.
        unchanged = uri not in self._ahead and self.record.pages.get(uri) == self.cached[uri]
        if unchanged:
            self.unchanged.add(uri)
            return self._unchanged_file(uri, title, config)
        file = File.generated(config, uri, content="")
        FinishedPage(title, file, config)
        return file

    def _unchanged_file(self, uri: str, title: str, config: MkDocsConfig) -> File:
        # A preview's rebuild hands MkDocs the file and page of the build before: MkDocs
        # skips an unchanged page, and creating 5,000 of them anew took half a second of
        # every rebuild. A new key or title means a new page, and so does a new day, which
        # sitemap.xml shows for every page.
        key = self.cached[uri]
        kept = self.kept.get(uri) if self.kept is not None else None
        if kept and kept[:2] == (key, title) and kept[2].page.update_date == self._day:
            return kept[2]
        file = UnchangedFile.generated(config, uri, content="")
        FinishedPage(title, file, config)
        if self.kept is not None:
            self.kept[uri] = (key, title, file)
        return file

    def start_ahead(self, files: Files, render: Callable[[list[str]], None]) -> None:
        """Fork a child per share; ``render`` runs in it after the share is taken over."""
        for share in self.ahead:
            self._jobs.append(BackgroundJob(lambda share=share: render(self._take_over(share))))
            # The child writes these pages: this process's copy of each goes nowhere.
            for uri in share:
                files.get_file_from_path(uri).abs_dest_path = os.devnull

    def _take_over(self, share: list[str]) -> list[str]:
        # In the child: these pages are its to render and store, not to take from the cache.
        for uri in share:
            self.uncached[uri] = self.cached.pop(uri)
        return share

    def serve_cached(self, uri: str, context: dict, entries: list[dict] | None) -> bool:
        """For a cached page, put its HTML in the template's context and its search entries
        in the index; False for a page that is rendered."""
        self.unchanged.discard(uri)  # a clean build renders it after all
        if uri not in self.cached:
            return False
        if uri in self._ahead:  # a page cached by an earlier build is there already
            self.wait_ahead()
        page = self.cache.load(self.cached[uri])
        context["pb_cached_html"] = page.html
        self._search[uri] = page.search
        if entries is not None:
            entries.extend(page.search)
        return True

    def keep_search_entries(self, uri: str, added: list[dict]) -> None:
        if uri in self.uncached:
            self._search[uri] = added

    def finish(self, uri: str, output: str) -> None:
        """A keyed page is done: store it if it was rendered, and note it in the record."""
        search = self._search.pop(uri, None)
        if search is None:
            return
        if uri in self.uncached:
            self.cache.store(self.uncached[uri], CachedPage(output, search))
        self.record.pages[uri] = self.uncached.get(uri) or self.cached[uri]
        self.record.searches[uri] = search

    def skipped_entries(self) -> dict[str, list[dict]]:
        """The search entries of the pages a dirty build skipped, by page."""
        return {uri: self.record.searches[uri] for uri in self.unchanged}

    def cancel(self) -> None:
        for job in self._jobs:
            job.cancel()

    def wait_ahead(self) -> None:
        """Wait for the children rendering ahead; raises PluginError when one failed."""
        try:
            for job in self._jobs:
                job.wait()
        except BackgroundError as exc:
            raise PluginError(f"报道页面生成失败：\n{exc}") from None
        self._jobs = []


def real_page(file: File, source: str) -> Page:
    """Give a page served from the cache its Markdown back, as a page to render."""
    file.content_string = source
    file.page.finished = False
    return file.page
