"""Caching changes nothing: a warm build writes the same bytes as a cold one (issue 7).

One synthetic project (``bench``'s corpus: 30 reports, a photo each, the repository's
mkdocs.yml, theme and pages, the tally published) is built twice with `pbsite build`, each
in a fresh process: first with no cache at all, then again with the cache the first build
left. ``diff -r`` must find nothing between the two sites. Then one report's title is
edited: a build that reuses every other cached page must equal a build with no page cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from bench.site import IMAGE_CACHES, prepare
from generator.model import load_project
from generator.site.catalog import Catalog
from tests.site.conftest import PINNED_DAY


def build(root: Path) -> None:
    pbsite = Path(sys.executable).with_name("pbsite")
    result = subprocess.run(
        [str(pbsite), "--root", str(root), "build", "--lenient"],
        capture_output=True,
        text=True,
        env={**os.environ, **PINNED_DAY},
    )
    assert result.returncode == 0, result.stderr[-3000:]


def cached_files(root: Path, *names: str) -> dict[str, int]:
    """Every file in the named caches, with its modification time."""
    cache = root / ".cache" / "pbsite"
    return {
        path.relative_to(cache).as_posix(): path.stat().st_mtime_ns
        for name in names
        for path in (cache / name).rglob("*")
        if path.is_file()
    }


def image_cache(root: Path) -> dict[str, int]:
    """Every cached derivative, poster and 公众号 image."""
    return cached_files(root, *IMAGE_CACHES)


FINISHED = ("pages", "previews")  # finished report pages and 公众号 preview folders


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("determinism")
    root = prepare(folder / "project", 30, 1)
    with open(root / "site_config.yaml", "a", encoding="utf-8") as config:
        config.write("tally:\n  publish: true\n")  # the office page and its downloads too
    build(root)
    cold = folder / "site-cold"
    shutil.copytree(root / "site", cold)
    cached = image_cache(root)
    finished = cached_files(root, *FINISHED)
    build(root)
    return {
        "cold": cold,
        "warm": root / "site",
        "cached": cached,
        "finished": finished,
        "finished_after": cached_files(root, *FINISHED),
        "root": root,
    }


@pytest.fixture(scope="module")
def edited(builds: dict) -> dict:
    """One title edited; built once with every other page cached, once with no page cache."""
    root = builds["root"]
    catalog = Catalog(load_project(root))
    report, neighbour = next(
        (r, n) for r in catalog.reports for n in catalog.neighbours(r) if n is not None
    )
    file = root / report.path
    # The address stays put (slug), so only the title changes, on this page and its neighbour's.
    new_title = "改过的标题：心电图义诊"
    text = re.sub(
        r"^(title|标题): .*$",
        f"title: {new_title}\nslug: edited-report",
        file.read_text("utf-8"),
        count=1,
        flags=re.M,
    )
    file.write_text(text, "utf-8")
    build(root)
    warm = root.parent / "site-edited-warm"
    shutil.copytree(root / "site", warm)
    for name in FINISHED:
        shutil.rmtree(root / ".cache" / "pbsite" / name)
    build(root)
    return {
        "warm": warm,
        "cold": root / "site",
        "title": new_title,
        "page": warm / f"reports/{report.branch}/{report.date.isoformat()}-edited-report",
        "neighbour": warm / neighbour.url,
        "root": root,
    }


def diff(cold: Path, warm: Path, *options: str) -> str:
    result = subprocess.run(
        ["diff", "-r", *options, str(cold), str(warm)], capture_output=True, text=True
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_the_second_build_really_was_warm(builds):
    # Nothing was drawn again: every cached image is the one the cold build wrote.
    assert builds["cached"], "the cold build left no image cache"
    assert image_cache(builds["root"]) == builds["cached"]


def test_cold_and_warm_sites_are_byte_identical(builds):
    assert list((builds["warm"] / "office").glob("tally-*.xlsx")), "the tally was not published"
    assert diff(builds["cold"], builds["warm"]) == ""


def test_the_second_build_reused_every_finished_page(builds):
    pages = [p for p in builds["finished"] if p.startswith("pages/")]
    site = builds["cold"]
    reports = list((site / "reports").rglob("index.html"))
    listings = [
        *site.glob("branches/*/index.html"),
        *(
            p
            for top in ("types", "archive", "tags", "posters")
            for p in (site / top).rglob("*.html")
        ),
    ]
    # Index pages, and the gallery page the nav names, are rendered every build.
    indexes = [site / top / "index.html" for top in ("types", "archive", "tags", "posters")]
    keyed = len(reports) + len([p for p in listings if p not in indexes])
    assert len(reports) > 20 and len(pages) == keyed
    assert any(p.startswith("previews/") for p in builds["finished"])
    # Not one page or preview was written again.
    assert builds["finished_after"] == builds["finished"]


def test_an_edit_reaches_its_page_and_its_neighbours(edited):
    # The neighbour's page was cached, but its pager link shows the edited title.
    assert edited["title"] in (edited["page"] / "index.html").read_text("utf-8")
    assert edited["title"] in (edited["neighbour"] / "index.html").read_text("utf-8")


def test_a_build_with_the_page_cache_equals_one_without(edited):
    assert diff(edited["cold"], edited["warm"]) == ""


def test_the_replaced_site_is_deleted_by_the_next_build(edited):
    # Each build keeps only the site it replaced (deleted while the next one renders).
    assert len(list(edited["root"].parent.glob("project/.site.old-*"))) == 1


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return prepare(tmp_path / "project", 24, 0)


def build_in_process(root: Path, site: Path):
    """A clean `pbsite build` in this process; returns the site plugin it ran."""
    from generator.paths import ProjectPaths
    from generator.site.runner import PLUGIN, build_site

    paths = ProjectPaths(root)
    build_site(paths, load_project(root), clean=True)
    shutil.move(root / "site", site)
    return load_config(str(paths.mkdocs_yml)).plugins[PLUGIN]  # one instance per process


def test_pages_rendered_ahead_equal_pages_rendered_in_order(corpus, monkeypatch):
    from generator.site import keyedpages, plugin

    monkeypatch.setattr(keyedpages, "AHEAD_FROM", 10**9)
    assert build_in_process(corpus, corpus.parent / "in-order").keyed.ahead == []
    monkeypatch.setattr(keyedpages, "AHEAD_FROM", 1)
    monkeypatch.setattr(plugin.os, "cpu_count", lambda: 3)  # two children beside the parent
    shares = build_in_process(corpus, corpus.parent / "ahead").keyed.ahead
    assert len(shares) == 2 and all(len(share) > 5 for share in shares)
    assert diff(corpus.parent / "in-order", corpus.parent / "ahead") == ""
