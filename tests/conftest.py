"""Shared fixtures: small real projects on disk, built from YAML and Markdown text."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # Playwright is a test extra; only the browser tests load it
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)

BASE_CONFIG = """\
organization:
  name: 测试医院党委
  site_url: https://example.org/dangjian/
branches:
  - id: cardiology
    name: 心血管内科党支部
    brand: 心守护
    slogan: 守护每一颗心
    color: "#B71C1C"
    members: 20
    secretaries:
      - {name: 张三, from: 2024-01-01, to: 2026-06-30}
      - {name: 李四, from: 2026-07-01}
  - id: nursing
    name: 护理党支部
    brand: 南丁格尔
    secretaries:
      - {name: 王五, from: 2025-01-01}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def report_text(front_matter: str, body: str = "活动正文第一段。") -> str:
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n\n{body}\n"


def add_site_files(root: Path) -> Path:
    """What a project needs besides its content to build a site: the repository's mkdocs.yml
    and theme, and one hand-written page."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    write(root / "content" / "pages" / "about.md", "# 关于\n\n本站由党委办公室维护。\n")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder with the given config and ``{relative path: report text}``."""

    def make(reports: dict[str, str] | None = None, config: str = BASE_CONFIG) -> Path:
        write(tmp_path / "site_config.yaml", config)
        (tmp_path / "content" / "reports").mkdir(parents=True, exist_ok=True)
        for relative, text in (reports or {}).items():
            write(tmp_path / "content" / "reports" / relative, text)
        return tmp_path

    return make


CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling Google hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (which never downloads a browser here)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("需要 Debian 的 chromium：请运行 ./setup.sh test 安装")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def open_page(page: Page, url: str) -> None:
    """Go to ``url`` and wait for its load event (every eagerly loaded image in it loaded or
    failed), then for a quiet network: "networkidle" alone can come before a busy browser
    asks for the images."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


@contextlib.contextmanager
def serve_folder(directory: Path) -> Iterator[str]:
    """A plain static file server on 127.0.0.1, as an intranet web server would be."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
