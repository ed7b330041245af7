"""Pages rendered ahead on the other cores, while MkDocs works through the rest.

MkDocs builds pages one after another on one core, and a cold build spends most of its
time on report and listing pages: Markdown, Material's template, jieba cutting the text
for search. Such a page reads only the model, the nav and the templates, and all of them
exist once the nav is built. So forked children run MkDocs' own steps for a share of the pages each
and hand the finished pages over through the page cache, where the parent finds them as
cached pages. Forking hands a child everything already loaded.
"""

from __future__ import annotations

import math

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

# Below this many pages to render, starting children costs more than it saves.
AHEAD_FROM = 200


def shares(uris: list[str], count: int) -> list[list[str]]:
    """``count`` contiguous shares in page order (fewer when there are few pages)."""
    size = max(1, math.ceil(len(uris) / max(1, count)))
    return [uris[start : start + size] for start in range(0, len(uris), size)]


def render_pages(uris: list[str], config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    """Build the pages as MkDocs' own build loop would, private steps and all, so a page
    rendered here is byte for byte the page the loop would have written."""
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    pages = files.documentation_pages()
    for uri in uris:
        page = files.get_file_from_path(uri).page
        _populate_page(page, config, files)
        _build_page(page, config, pages, nav, env)
