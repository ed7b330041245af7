"""The MkDocs plugin: a thin shell that turns the model into generated pages.

Event order matters: the model is loaded in ``on_config``, pages and media are
generated in ``on_files``, report HTML is sanitized in ``on_page_content`` (before
the search plugin indexes it), and the finished site is swapped in ``on_post_build``.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemBytecodeCache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..imaging import load_hashes, save_hashes
from ..model import ContentError, Project, Report, ReportMemo, load_remembered
from ..model.dates import DateFormatError, pinned_today
from ..paths import PHOTO_DIGESTS, WEB_PHOTOS, ProjectPaths
from ..tally import WRITERS, current_tally, office_page_html, public_copy, write_tally_files
from ..wechat import article_slug, read_settings
from .ahead import render_pages, shares
from .atomic import AtomicSiteDir
from .background import BackgroundError, BackgroundJob
from .brand import brand_css
from .catalog import Catalog
from .feed import feeds
from .keyedpages import KeptFiles, KeyedPages, real_page
from .media import SIZES, MediaLibrary, PhotoDigests
from .pagecache import CACHED_TEMPLATE, CACHED_TEMPLATE_SOURCE, PageCache, fingerprint
from .pages import GeneratedPage, all_pages, errors_page, office_page, poster_gallery
from .posters import FoundPosters, PosterShelf, PostersLater
from .previews import embeds_images, prune_previews, publish_previews
from .record import PREVIEW_DIR, SiteRecord, link_files
from .sanitize import clean_html
from .searchtext import index_text, teach_words

DEFAULT_NAV = [
    {"首页": "index.md"},
    {"支部风采": "branches/index.md"},
    {"活动类型": "types/index.md"},
    {"活动归档": "archive/index.md"},
    {"标签": "tags/index.md"},
    {"宣传海报": "posters/index.md"},
    {"投稿指南": "guide/index.md"},
]
BRAND_CSS = "assets/stylesheets/pb-brand.css"
LOGO = "assets/images/pb-logo.png"
FORK_FROM = 40  # previews' worth of publishing that is worth another process
FOLDER_MARK = ".pbsite-folder"  # in each image cache: tells a preview the folder was replaced
log = logging.getLogger("mkdocs.plugins.pbsite")


def wechat_preview_url(report: Report) -> str:
    return f"{PREVIEW_DIR}/{article_slug(report)}/"


class PartySiteConfig(Config):
    lenient = config_options.Type(bool, default=False)


class PartySitePlugin(BasePlugin[PartySiteConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.handoff: Project | None = None
        self.memo = ReportMemo()  # under `serve`, a rebuild re-reads only the changed reports
        self.project: Project | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.atomic: AtomicSiteDir | None = None
        self.env: Environment | None = None
        self.bypass_cache = False
        self.published: list[BackgroundJob] = []
        self.keyed: KeyedPages | None = None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self.page_cache: PageCache | None = None
        self._search_start = 0
        # Set by `pbsite serve`: the site folder outlives a build, and MkDocs builds dirty (as
        # it does for `pbsite build` too, over a retired site taken over).
        self.incremental = False
        self.record = SiteRecord()
        self.posters_later: PostersLater | None = None  # under `serve` only
        # Under `serve`, what the rebuilds before found in the image caches, and which
        # folders those were.
        self.media: MediaLibrary | None = None
        self.found_posters = FoundPosters()
        self._image_caches_seen: tuple | None = None
        self._digests_from: Path | None = None  # the photo digest index this process read
        self._pruned = False  # the caches, by a build in this process
        # Under `serve`, the files of unchanged pages, for the next rebuild (see KeyedPages).
        self._kept_files: KeptFiles = {}

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        self._pruned = False  # a preview session prunes at its first build, whatever came before

    # -- model -------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.paths = ProjectPaths(Path(config.config_file_path).resolve().parent)
        signal = self.paths.preview_signals / "posters-drawn"
        if self.posters_later is None or self.posters_later.signal != signal:
            self.posters_later = PostersLater(signal)
        if self._scratch:  # a clean build's throw-away cache lasts one build
            self._scratch.cleanup()
            self._scratch = None
        self.project = self._load_project()
        org = self.project.config.organization
        config.site_name = org.name
        if not self.serving:
            config.site_url = org.site_url
        config.site_description = org.description or config.site_description
        if config.nav is None:
            config.nav = list(DEFAULT_NAV)
        if self.project.config.tally.publish:
            config.nav.append({"落实情况": "office/index.md"})
        config.extra_css.append(BRAND_CSS)
        if org.logo and (self.paths.root / org.logo).is_file():
            config.theme["logo"] = LOGO
            config.theme["favicon"] = LOGO
        self._teach_search_words()
        _check_wechat_settings(self.project)
        if self.command == "build":
            self.atomic = AtomicSiteDir(Path(config.site_dir), self.paths.site_records)
            # Only a dirty build keeps what the folder holds; a clean one reads no record.
            staging, taken = self.atomic.begin(reuse=self.dirty and not self.bypass_cache)
            config.site_dir = str(staging)
            self.record = taken or SiteRecord(config.site_dir)
        elif not (self.incremental and self.record.folder == config.site_dir):
            self.record = SiteRecord(config.site_dir)  # the build starts from an empty folder
            self._kept_files = {}  # each names its place in the folder
        return config

    def _read_project(self) -> Project:
        # The reports the last build parsed, unless this one is clean. Only a plain build
        # saves them again: under `serve` the memo lives on in memory, and writing it after
        # each edit would only delay the page.
        stored = None if self.bypass_cache else self.paths.parsed_reports
        project, self.memo = load_remembered(
            self.paths.root, stored, self.memo, today=pinned_today(), save=not self.serving
        )
        return project

    def _load_project(self) -> Project:
        project, self.handoff = self.handoff, None
        try:
            project = project or self._read_project()
        except DateFormatError as exc:  # PBSITE_TODAY; a report's bad date is one of its problems
            raise PluginError(str(exc)) from None
        except ContentError as exc:
            raise PluginError(f"配置有误，无法生成网站：\n{exc}") from None
        if self.serving:
            # The preview goes on; the terminal and the 报道问题清单 page say what to fix.
            for problem in project.errors:
                log.warning(str(problem))
        elif project.rejected and not self.config.lenient:
            raise PluginError(
                f"有 {len(project.rejected)} 篇报道未通过检查，网站未生成（原网站保持不变）：\n"
                + "\n".join(str(p) for p in project.errors)
            )
        return project

    def _teach_search_words(self) -> None:
        # Brand and type names must stay whole words, or searching 心守护 finds nothing.
        config = self.project.config
        words = {w for b in config.branches for w in (b.brand, b.name) if w}
        teach_words(words | {activity.name for activity in config.activity_types})

    # -- pages and media -----------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        catalog = Catalog(self.project)
        self.catalog = catalog
        self._load_photo_digests()
        self._open_page_cache(config)
        digests = PhotoDigests(self.paths.root)
        self._forget_replaced_image_caches()
        media_dir = self._cache_dir() / WEB_PHOTOS
        if not (self.serving and self.media and self.media.cache_dir == media_dir):
            self.media = MediaLibrary(self.paths.root, media_dir)
        self.media.prepare(catalog.reports, digests)
        for problem in self.media.problems if self.serving else []:  # on the report's page too
            self.notes.setdefault(problem.path, []).append(str(problem))
        found = self.found_posters if self.serving else None
        self.posters = PosterShelf(
            self.project,
            self._cache_dir(),
            catalog.reports,
            draw=not self.serving,
            found=found,
            signatures=self._poster_signatures(digests) if found is not None else None,
        )
        self.pages = {page.src_uri: page for page in all_pages(catalog)}
        for extra in self._optional_pages(catalog):
            self.pages[extra.src_uri] = extra
        for theme_file in [f for f in files if f.src_uri.startswith("posters/")]:
            files.remove(
                theme_file
            )  # poster layouts live in the theme folder but are not published
        # A page in the nav is never kept finished: its tab takes the nav's title, which a
        # finished page would not have.
        in_nav = set(_nav_files(config.nav))
        for page in self.pages.values():
            inputs = None if page.src_uri in in_nav else self._page_inputs(page)
            if inputs is not None:
                self.keyed.look_up(page.src_uri, self.page_cache.key(page.source(), *inputs))
        if not self.serving:  # the preview's rebuilds render a page or two
            self.keyed.plan_ahead(os.cpu_count() or 1)
        for page in self.pages.values():
            file = self.keyed.file(page.src_uri, page.title, page.source(), config)
            self.outputs[page.src_uri] = file.abs_dest_path
            files.append(file)
        if self.incremental:
            self._render_hand_written_pages(files)
        files.append(File.generated(config, BRAND_CSS, content=brand_css(self.project.config)))
        self._add_images(files, config)
        self._start_publishing(Path(config.site_dir))
        # Report fragments are rendered before MkDocs builds its own template environment.
        self.env = self.on_env(config.theme.get_env(), config=config, files=files)
        return files

    def _load_photo_digests(self) -> None:
        # Once per process: a preview's rebuilds keep every digest in memory, and reading the
        # index of 15,000 photos again after each edit costs half a second.
        index = self._cache_dir() / PHOTO_DIGESTS
        if index != self._digests_from:
            load_hashes(index)
            self._digests_from = index

    # -- page cache ----------------------------------------------------------------------

    def _open_page_cache(self, config: MkDocsConfig) -> None:
        # A clean build keeps its pages in a throw-away cache: pages rendered ahead travel
        # through it.
        folder = self._cache_dir() / "pages"
        # The logo is in the theme only while its file exists, and every page shows it.
        logo = str(config.theme.get("logo"))
        settings = [self.command, str(config.site_url), str(self.config.lenient), logo]
        folders = [Path(d) for d in (config.theme.custom_dir, config.docs_dir) if d]
        files = [Path(config.config_file_path), self.paths.root / "site_config.yaml"]
        self.page_cache = PageCache(folder, fingerprint(files, folders, settings))
        # Per build: under `serve` this plugin outlives a build, and a key left over from the
        # last one would hand out that build's page.
        kept = self._kept_files if self.serving else None
        self.keyed = KeyedPages(self.page_cache, self.record, kept)
        self.outputs: dict[str, str] = {}  # src_uri -> output file of every generated page
        self.notes: dict[str, list[str]] = {}
        for warning in self.project.warnings if self.serving else []:
            self.notes.setdefault(warning.path, []).append(str(warning))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        every = files.documentation_pages(inclusion=lambda _: True)  # drafts too, in a preview
        self._page_order = [file.src_uri for file in every]
        self._page_entries: dict[str, list[dict]] = {}  # src_uri -> search entries it added
        # Everything a report page reads exists now: the model, the nav and the templates.
        self.keyed.start_ahead(files, partial(self._render_ahead, config, files, nav))
        return nav

    def _render_ahead(self, config: MkDocsConfig, files: Files, nav, share: list[str]) -> None:
        """In a forked child: render a share of the keyed pages into the page cache."""
        for uri in share:
            real_page(files.get_file_from_path(uri), self.pages[uri].source())
        render_pages(share, config, files, nav)

    def _render_hand_written_pages(self, files: Files) -> None:
        # A hand-written page shows site-wide data (the name, the nav, the theme), so a dirty
        # build must render it every time, as a clean one does: a file held in memory always
        # counts as modified.
        for file in files.documentation_pages():
            if file.src_uri not in self.pages:
                file.content_string = file.content_string

    def _page_inputs(self, page: GeneratedPage) -> list | None:
        """What a keyed page shows besides its source and the site-wide settings; None for
        a page rendered every build (the home page, the indexes, the guide)."""
        if "pb_report" in page.context:
            return self._report_inputs(page)
        if page.listed is not None:
            return self._listing_inputs(page)
        return None

    def _report_inputs(self, page: GeneratedPage) -> list:
        # Everything a report page reads besides its own report: keep this in step with
        # theme/pb-report.html and theme/pb/, or a change there would not reach the page.
        report = page.context["pb_report"]
        photos = report.photo_sources
        return [
            self.catalog.signature(report),
            [
                (r.url, r.title) if r else None
                for r in (page.context["pb_older"], page.context["pb_newer"])
            ],
            [self.catalog.tag_slugs[tag] for tag in report.tags],
            [self.media.url(src, size) for src in photos for size in SIZES],
            self.posters.downloads(report),
            wechat_preview_url(report),
            self.notes.get(report.path, []),
        ]

    def _listing_inputs(self, page: GeneratedPage) -> list:
        # Keep in step with theme/pb-listing.html, pb-posters.html, pb-branch.html and
        # theme/main.html: each listed report's data and posters, the pager, the banner.
        pager = page.context.get("pb_pager")
        banner = len(self.project.rejected) if self.serving else 0
        return [
            page.src_uri,
            (pager.number, pager.count) if pager else None,
            [self.catalog.signature(report) for report in page.listed],
            [self.posters.urls.get(report.path) for report in page.listed],
            banner,
        ]

    def _poster_signatures(self, digests: PhotoDigests) -> dict[str, object]:
        # What decides a report's posters: its data, its photos' bytes and the site's
        # settings (config and theme layouts are in the page-cache fingerprint; logos and
        # layouts kept elsewhere by their bytes). The fonts are taken as fixed for a session.
        config = self.project.config
        files = [config.organization.logo, *(b.logo for b in config.branches)]
        files += list(config.posters.presets.values())
        settings = (
            self.page_cache.fingerprint,
            str(self._cache_dir()),
            [digests[path] for path in files if path],
        )
        return {
            report.path: (
                self.catalog.signature(report),
                [digests[src] for src in report.photo_sources],
                settings,
            )
            for report in self.catalog.reports
        }

    def _search_index(self, config: MkDocsConfig) -> list[dict] | None:
        """The entry list of Material's search plugin, if it is on."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if isinstance(getattr(index, "entries", None), list):
                return index.entries
        return None

    @event_priority(100)  # before the search plugin indexes the page
    def _mark_search_start(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> None:
        entries = self._search_index(config)
        self._search_start = len(entries) if entries is not None else 0

    @event_priority(-100)  # after it: keep what it added, or add back what it skipped
    def _keep_search_entries(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> None:
        entries = self._search_index(config)
        uri = page.file.src_uri
        cached = self.keyed.serve_cached(uri, context, entries)
        added = entries[self._search_start :] if entries is not None else []
        self._page_entries[uri] = added
        if cached:
            return
        for entry in added:
            entry["title"] = index_text(entry["title"])
            entry["text"] = index_text(entry["text"])
        self.keyed.keep_search_entries(uri, added)

    @event_priority(-100)  # last: the page is finished
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.keyed.finish(page.file.src_uri, output)
        return output

    def _optional_pages(self, catalog: Catalog) -> list[GeneratedPage]:
        pages = list(poster_gallery(catalog, self.posters.urls))
        if self.project.config.tally.publish:
            # What the office page and its downloads show: no internal report, no error texts.
            self.tally = public_copy(current_tally(self.project), self.project)
            names = [f"tally-{self.tally.year}.{suffix}" for suffix in WRITERS]
            pages.append(office_page(catalog, office_page_html(self.tally), names))
        if self.serving:
            pages.append(errors_page(catalog))
        return pages

    def _add_images(self, files: Files, config: MkDocsConfig) -> None:
        root = self.paths.root
        org = self.project.config.organization
        if config.theme.get("logo") == LOGO:
            files.append(File.generated(config, LOGO, abs_src_path=str(root / org.logo)))
        for branch in self.project.config.branches:
            uri = Catalog.logo_uri(branch)
            if uri and (root / branch.logo).is_file():
                files.append(File.generated(config, uri, abs_src_path=str(root / branch.logo)))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        cached = DictLoader({CACHED_TEMPLATE: CACHED_TEMPLATE_SOURCE})
        env.loader = ChoiceLoader([env.loader, cached])
        # Compiling Material's templates costs more than a preview rebuild's own work; Jinja
        # keys the compiled code by each template's source, so a changed one is compiled anew.
        templates = self._cache_dir() / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(templates))
        env.auto_reload = False  # no template changes during a build: spare a stat per use
        env.globals.update(
            pb_org=self.project.config.organization,
            pb_config=self.project.config,
            pb_catalog=self.catalog,
            pb_media=self.media,
            pb_posters=self.posters,
            pb_wechat_url=wechat_preview_url,
            pb_serving=self.serving,
        )
        return env

    def _forget_replaced_image_caches(self) -> None:
        """Someone who deletes the cache during a preview session takes away every file the
        rebuilds before found there; this rebuild looks them all up again."""
        if not self.serving:  # a build that is not a preview's remembers nothing
            return
        seen = tuple(_folder_mark(self._cache_dir() / name) for name in (WEB_PHOTOS, "posters"))
        if seen != self._image_caches_seen:
            self.media = None
            self.found_posters = FoundPosters()
            self.posters_later.failed.clear()  # a failure may have been the missing folder
        self._image_caches_seen = seen

    def _cache_dir(self) -> Path:
        # A clean build renders everything into a throw-away cache: nothing cached can leak in.
        if not self.bypass_cache:
            return self.paths.cache
        self._scratch = self._scratch or tempfile.TemporaryDirectory(prefix="pbsite-clean-")
        return Path(self._scratch.name)

    def _generated(self, page: Page) -> GeneratedPage | None:
        return self.pages.get(page.file.src_uri)

    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._generated(page)
        cached = page.file.src_uri in self.keyed.cached
        if generated is None or not generated.sanitize or cached:
            return html
        html = clean_html(html)
        report = generated.context.get("pb_report")
        if report is None:
            return html
        # Meta and gallery are part of the content, so search finds a report by its branch,
        # brand, type or place, not only by words in its body.
        context = {"pb_report": report, "page": page, "base_url": get_relative_url(".", page.url)}
        head = self.env.get_template("pb/report-meta.html").render(context)
        gallery = self.env.get_template("pb/gallery.html").render(context)
        return head + html + gallery

    def _add_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        generated = self._generated(page)
        if generated is not None:
            context.update(generated.context)
        if "pb_report" in context:
            context["pb_notes"] = self.notes.get(context["pb_report"].path, [])
        return context

    on_page_context = CombinedEvent(_mark_search_start, _add_page_context, _keep_search_entries)

    # -- finishing -----------------------------------------------------------------------

    @event_priority(50)  # before the search plugin writes its index
    def _index_skipped_pages(self, *, config: MkDocsConfig) -> None:
        # A dirty build skips the unchanged pages; their entries go back in page order, so
        # the index is the one a clean build writes.
        entries = self._search_index(config)
        skipped = self.keyed.skipped_entries()
        if entries is None or not skipped:
            return
        built = self._page_entries
        entries[:] = [e for uri in self._page_order for e in skipped.get(uri) or built.get(uri, [])]

    @event_priority(-100)  # last: the search plugin writes its index into the staging folder first
    def _finish(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        self.keyed.wait_ahead()  # no child may still write pages once the folder is swapped in
        self.record.remove_stale_outputs(self.outputs)
        try:
            for job in self.published:
                job.wait()
        except BackgroundError as exc:
            raise PluginError(f"照片和公众号预览发布失败：\n{exc}") from None
        self.record.will_hold(*self._publishing)
        for problem in [*self.media.problems, *self.posters.problems]:
            log.warning(str(problem))
        for name, data in feeds(self.project, self.catalog.reports).items():
            (site_dir / name).write_bytes(data)
        _copy_lightbox(site_dir)
        # Joined as strings (13,000 Path objects cost 0.1 s), normalised as Path would write
        # them on Windows, where the digests are stored under backslashed paths.
        root = str(self.paths.root)
        photos = {os.path.normpath(os.path.join(root, src)) for src, _ in self.media.files}
        save_hashes(self._cache_dir() / PHOTO_DIGESTS, photos)
        if self.project.config.tally.publish:
            write_tally_files(self.tally, site_dir / "office")
        # A preview prunes once a session: pruning stats every entry it finds stale, and an
        # entry goes only once no build has used it for a day.
        if not (self.serving and self._pruned):
            _, previews, _ = self._publishing
            self.page_cache.prune()
            prune_previews(self._cache_dir(), {key for key in previews.values() if key})
            self._pruned = True
        if self.serving:  # after the pages are up: the drawing would slow the rebuild down
            self.posters_later.draw(
                self.project, self._cache_dir(), self.posters.missing, self.posters.signatures
            )
        if self.atomic:
            # A clean build keeps no record: the next build builds from nothing again.
            self.atomic.commit(None if self.bypass_cache else self.record)
            self.atomic = None

    on_post_build = CombinedEvent(_index_skipped_pages, _finish)

    def _start_publishing(self, site_dir: Path) -> None:
        """Images and 公众号 previews need only the model, not one page MkDocs makes: forked
        children write them while the pages render, the previews shared out among them.
        When the site folder holds nearly all of them already, this process does the rest."""
        keys = {report.path: self._preview_key(report) for report in self.catalog.reports}
        links = {**self.media.site_files(), **self.posters.files}
        previews = {article_slug(r): keys[r.path] for r in self.catalog.reports}
        present, linked = self.record.previews, self.record.links
        changed = relinked, redone = self.record.changes(links, previews)
        # Forking a process this size costs about what 20 previews or 2,000 links take.
        fork = not self.serving and len(redone) + len(relinked) / 100 > FORK_FROM
        self._publishing = (links, previews, changed)  # noted once the jobs are done
        self.published = []
        count = (os.cpu_count() or 1) if fork else 1
        for index, share in enumerate(shares(self.catalog.reports, count) or [[]]):
            # Each share replaces its own folders; the first also removes the unwanted ones.
            mine = {article_slug(r) for r in share}
            there = {
                s: k for s, k in present.items() if s in mine or (not index and s not in previews)
            }
            images = None if index else (links, linked)
            job = partial(self._publish_from_model, site_dir, keys, share, there, images)
            self.published.append(BackgroundJob(job, fork=fork))

    def _publish_from_model(
        self,
        site_dir: Path,
        keys: dict,
        reports: list[Report],
        present: dict[str, str | None],
        links: tuple[dict[str, Path], dict[str, str]] | None,
    ) -> None:
        if links:
            link_files(site_dir, *links)
        # Each public report gets its 公众号 article and a preview page with a copy button.
        publish_previews(
            self.project,
            reports,
            site_dir / PREVIEW_DIR,
            self._cache_dir(),
            keys,
            self.posters.by_report,
            present=present,
        )

    def _preview_key(self, report: Report) -> str | None:
        if embeds_images(report):
            return None
        photos = report.photo_sources
        covers = sorted(str(p) for p in self.posters.by_report.get(report.path, {}).values())
        media = [self.media.url(src, size) for src in photos for size in SIZES]
        return self.page_cache.key("wechat", self.catalog.signature(report), media, covers)

    def on_build_error(self, *, error: Exception) -> None:
        if self.atomic:
            self.atomic.abort()
            self.atomic = None
        for job in self.published:
            job.cancel()
        if self.keyed:  # none yet when the build failed before its pages
            self.keyed.cancel()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        server.watch(str(self.paths.content))
        server.watch(str(self.paths.root / "site_config.yaml"))
        self.paths.preview_signals.mkdir(parents=True, exist_ok=True)
        server.watch(str(self.paths.preview_signals))
        return server


def _folder_mark(folder: Path) -> str:
    """A token kept in ``folder``, made with it: a folder deleted and made again has another.
    (Its inode number cannot tell: file systems hand a freed one out again at once.)"""
    mark = folder / FOLDER_MARK
    try:
        return mark.read_text("utf-8")
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(8)
        mark.write_text(token, "utf-8")
        return token


def _nav_files(nav: list | dict | str) -> Iterator[str]:
    """Every file the nav of mkdocs.yml names, however deeply nested."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from _nav_files(item)
    else:
        for item in nav or []:
            yield from _nav_files(item)


def _check_wechat_settings(project: Project) -> None:
    # A bad `wechat:` section must stop the build before anything is written.
    try:
        read_settings(project)
    except ContentError as exc:
        raise PluginError(f"配置有误，无法生成网站：\n{exc}") from None


def _copy_lightbox(site_dir: Path) -> None:
    # GLightbox's files ship inside the mkdocs-glightbox package: served locally, no CDN.
    source = importlib.resources.files("mkdocs_glightbox") / "glightbox"
    for name, folder in (("glightbox.min.js", "javascripts"), ("glightbox.min.css", "stylesheets")):
        target = site_dir / "assets" / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with importlib.resources.as_file(source / name) as path:
            shutil.copyfile(path, target)
