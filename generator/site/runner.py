"""Run MkDocs from Python with an already-loaded model, so the CLI loads content once."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from ..model import ContentError, Problem, Project
from ..paths import ProjectPaths
from .watcher import Watcher

PLUGIN = "pbsite"
# Material prints an English end-of-life banner on every build; it means nothing to our users.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(paths: ProjectPaths, project: Project, *, clean: bool = False) -> Path:
    """Build the site into `site_dir`; returns it. The old site survives a failed build."""
    config = load_config(config_file=str(paths.mkdocs_yml))
    final = Path(config.site_dir)
    plugin = config.plugins[PLUGIN]
    plugin.handoff = project
    plugin.bypass_cache = clean
    plugin.incremental = False  # MkDocs keeps one plugin per process, a preview's included
    plugin.config.lenient = True  # the caller has already decided what to do with rejects
    # Started as a plain build: Material's search plugin, told of a dirty one, would keep
    # this build's index and merge it into the next one's in the same process.
    config.plugins.on_startup(command="build", dirty=False)
    # MkDocs builds dirty, though: the plugin takes the site two builds back over and
    # writes only what changed.
    plugin.dirty = not clean
    try:
        build(config, dirty=not clean)
    except MkDocsException as exc:
        raise ContentError([Problem("mkdocs.yml", 1, f"网站生成失败：{exc}")]) from None
    finally:
        config.plugins.on_shutdown()
    return final


class Preview:
    """The preview's builds: one site folder for the whole session, rebuilt on every change.

    The plugins see a plain `serve` (their state stays exact); only MkDocs builds dirty, so it
    keeps the folder between builds and skips every page that says it is unchanged.
    """

    def __init__(self, paths: ProjectPaths, site_dir: str, dev_addr: str):
        self.paths = paths
        self.site_dir = site_dir
        self.dev_addr = dev_addr
        self.url = f"http://{dev_addr}/"
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = self.config.plugins[PLUGIN]

    def load(self) -> MkDocsConfig:
        return load_config(
            config_file=str(self.paths.mkdocs_yml), site_dir=self.site_dir, dev_addr=self.dev_addr
        )

    def build(self, config: MkDocsConfig | None = None) -> None:
        config = config or self.load()
        config.site_url = self.url
        # Only for this build: MkDocs keeps one plugin per process, other builds included.
        self.plugin.incremental, self.plugin.bypass_cache = True, False
        try:
            build(config, serve_url=self.url, dirty=True)
        finally:
            self.plugin.incremental = False


def serve_site(paths: ProjectPaths, dev_addr: str, *, poll: bool = False) -> None:
    """A live preview that rebuilds on every change, writing only the pages that changed;
    ``poll`` looks for changes twice a second instead of waiting for the system to tell."""
    # MkDocs reports in English and only at INFO level; say the one thing users need first.
    print(
        f"正在生成预览网站，完成后请在浏览器打开 http://{dev_addr}/ 。"
        "修改报道或配置后页面自动刷新；报道的问题显示在终端和网站的“报道问题清单”页。按 Ctrl+C 结束。",
        file=sys.stderr,
        flush=True,
    )
    site_dir = tempfile.mkdtemp(prefix="pbsite-preview-")
    preview = Preview(paths, site_dir, dev_addr)
    config = preview.config
    host, port = config.dev_addr
    mount = urlsplit(config.site_url or "/").path
    server = LiveReloadServer(
        builder=preview.build, host=host, port=port, root=site_dir, mount_path=mount
    )
    server.observer = Watcher(poll=poll)  # in place of MkDocs' polling, before any watch
    preview.url = server.url
    try:
        preview.build(config)
        for path in (config.docs_dir, config.config_file_path, *config.watch):
            server.watch(path)
        server = config.plugins.on_serve(server, config=config, builder=preview.build)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("预览已结束。", file=sys.stderr)
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns that dirty builds may leave stale navigation and files; the plugin's
    # record of the folder is what keeps ours exact, so the warnings would only alarm users.
    message = record.getMessage()
    return "'dirty' build" not in message and "contains stale files" not in message


logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
