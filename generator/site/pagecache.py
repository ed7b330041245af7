"""Finished pages, kept outside ``site/`` and keyed by everything that shapes them.

A report page costs a Markdown pass, sanitising, Material's template and jieba cutting its
text for the search index. Nearly every page is the same as last build, so the finished
HTML and its search entries are stored under a key that changes whenever any input does:
the page's own data (passed in by the plugin) and a fingerprint of everything global.
A hit skips all four costs; ``--clean`` never reads or writes the cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..files import atomic_write

# Packages whose code shapes a page; a new version of any of them changes every key.
SHAPING_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "jieba",
    "nh3",
    "pypinyin",
)
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# A cached page is finished HTML already: its template only prints it.
CACHED_TEMPLATE = "pbsite-cached.html"
CACHED_TEMPLATE_SOURCE = "{{ pb_cached_html }}"


# An entry this build did not use may serve another build of the project (a preview and a
# build differ in every page's address, and may run at once): only one unused for a day goes.
KEEP_UNUSED = 24 * 3600


@dataclass(frozen=True)
class CachedPage:
    html: str
    search: list[dict]


class FinishedPage(Page):
    """A page served from the cache: MkDocs has no Markdown to read or convert for it.

    A child rendering ahead turns it back into a page to render (``finished`` off), so the
    page MkDocs already knows is the one built. Its title is known from the start.
    """

    def __init__(self, title: str, file: File, config: MkDocsConfig):
        super().__init__(title, file, config)
        self.finished = True

    def read_source(self, config: MkDocsConfig) -> None:
        if not self.finished:
            return super().read_source(config)
        self.markdown = ""
        # Out of the search plugin's way: the plugin adds the cached entries back itself.
        self.meta = {"title": self.title, "template": CACHED_TEMPLATE}
        self.meta["search"] = {"exclude": True}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if not self.finished:
            return super().render(config, files)
        self.content = ""
        self.present_anchor_ids = set()


def fingerprint(files: list[Path], folders: list[Path], settings: list[str]) -> str:
    """A digest of global inputs: whole files, whole folders, package versions and settings."""
    digest = hashlib.blake2b(digest_size=20)
    for setting in settings:
        _add(digest, "setting", setting.encode())
    for package in SHAPING_PACKAGES:
        _add(digest, package, _version(package).encode())
    for file in files:
        _add(digest, file.name, file.read_bytes() if file.is_file() else b"")
    for folder in [PACKAGE_DIR, *folders]:
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and _is_source(p)):
            _add(digest, file.relative_to(folder).as_posix(), file.read_bytes())
    return digest.hexdigest()


def input_key(fingerprint: str, *parts: object) -> str:
    """A key for one output: the global fingerprint plus that output's own inputs."""
    digest = hashlib.blake2b(fingerprint.encode(), digest_size=20)
    for part in parts:
        _add(digest, "part", repr(part).encode())
    return digest.hexdigest()


def _add(digest: hashlib.blake2b, name: str, data: bytes) -> None:
    # Length-prefixed, so no two different inputs can run together into the same bytes.
    for part in (name.encode(), data):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _is_source(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix != ".pyc"


class PageCache:
    """``folder`` None turns the cache off: every look-up misses and nothing is stored."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.used: set[str] = set()

    def key(self, *parts: object) -> str:
        return input_key(self.fingerprint, *parts)

    def has(self, key: str) -> bool:
        found = self.folder is not None and keep_fresh(self._file(key))
        if found:
            self.used.add(key)
        return found

    def expect(self, key: str) -> None:
        """A page another process will store under ``key``: keep it when pruning."""
        self.used.add(key)

    def load(self, key: str) -> CachedPage:
        data = json.loads(self._file(key).read_text("utf-8"))
        return CachedPage(data["html"], data["search"])

    def store(self, key: str, page: CachedPage) -> None:
        if self.folder is None:
            return
        data = json.dumps({"html": page.html, "search": page.search}).encode()
        atomic_write(self._file(key), lambda stream: stream.write(data))
        self.used.add(key)

    def prune(self) -> None:
        """Drop pages no build has used for a day, so the cache stays near the site's size."""
        if self.folder is None:
            return
        for entry in stale_entries(self.folder, self.used, lambda name: name.removesuffix(".json")):
            Path(entry.path).unlink(missing_ok=True)

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"


def keep_fresh(path: Path) -> bool:
    """Whether a cache entry exists; if so, it counts as used now (the time is moved at most
    twice a day, to spare the disk)."""
    try:
        if os.stat(path).st_mtime < time.time() - KEEP_UNUSED / 2:
            os.utime(path)
    except FileNotFoundError:
        return False
    return True


def stale_entries(folder: Path, used: set[str], key: Callable[[str], str]) -> Iterator[os.DirEntry]:
    """Entries of ``folder`` this build did not use and no build has used for a day."""
    cutoff = time.time() - KEEP_UNUSED
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(".") or key(entry.name) in used:
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                yield entry
        except FileNotFoundError:  # another build removed it first
            continue
