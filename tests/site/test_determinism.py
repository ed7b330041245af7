"""Caching changes nothing: a warm build writes the same bytes as a cold one (issue 7).

One synthetic project (``bench``'s corpus: 30 reports, a photo each, the repository's
mkdocs.yml, theme and pages, the tally published) is built twice with `pbsite build`, each
in a fresh process: first with no cache at all, then again with the cache the first build
left. ``diff -r`` must find nothing between the two sites.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.site import IMAGE_CACHES, prepare


def build(root: Path) -> None:
    pbsite = Path(sys.executable).with_name("pbsite")
    result = subprocess.run(
        [str(pbsite), "--root", str(root), "build", "--lenient"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


def image_cache(root: Path) -> dict[str, int]:
    """Every cached derivative, poster and 公众号 image, with its modification time."""
    cache = root / ".cache" / "pbsite"
    return {
        path.relative_to(cache).as_posix(): path.stat().st_mtime_ns
        for name in IMAGE_CACHES
        for path in (cache / name).rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("determinism")
    root = prepare(folder / "project", 30, 1)
    with open(root / "site_config.yaml", "a", encoding="utf-8") as config:
        config.write("tally:\n  publish: true\n")  # the office page and its downloads too
    day = dt.date.today()
    build(root)
    cold = folder / "site-cold"
    shutil.copytree(root / "site", cold)
    cached = image_cache(root)
    build(root)
    if dt.date.today() != day:
        pytest.skip("the two builds straddled midnight, and today's date is part of the site")
    return {"cold": cold, "warm": root / "site", "cached": cached, "root": root}


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
