"""Run MkDocs from Python with an already-loaded model, so the CLI loads content once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..model import ContentError, Problem, Project
from ..paths import ProjectPaths

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
    plugin.config.lenient = True  # the caller has already decided what to do with rejects
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except MkDocsException as exc:
        raise ContentError([Problem("mkdocs.yml", 1, f"网站生成失败：{exc}")]) from None
    finally:
        config.plugins.on_shutdown()
    return final


def serve_site(paths: ProjectPaths, dev_addr: str) -> None:
    # MkDocs reports in English and only at INFO level; say the one thing users need first.
    print(
        f"正在生成预览网站，完成后请在浏览器打开 http://{dev_addr}/ 。"
        "修改报道或配置后页面自动刷新；报道的问题显示在终端和网站的“报道问题清单”页。按 Ctrl+C 结束。",
        file=sys.stderr,
        flush=True,
    )
    serve(config_file=str(paths.mkdocs_yml), dev_addr=dev_addr, livereload=True)
