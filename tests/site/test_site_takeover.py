"""A build takes over the site the build before the last one replaced (issue 7).

Each `pbsite build` retires the site it replaces as ``.site.old-…``. The next build renames
that folder into place as its own and writes only what differs, guided by the record the
build that wrote it kept. Whatever the folder holds, the result must be the site a build
from nothing writes: these tests build a small corpus from nothing, then build again and
again, and compare with ``diff -r``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.site import prepare
from tests.site.conftest import PINNED_DAY
from tests.site.test_determinism import build, diff


def clean_build(root: Path) -> None:
    pbsite = Path(sys.executable).with_name("pbsite")
    result = subprocess.run(
        [str(pbsite), "--root", str(root), "build", "--lenient", "--clean"],
        capture_output=True,
        text=True,
        env={**os.environ, **PINNED_DAY},
    )
    assert result.returncode == 0, result.stderr[-3000:]


def retired(root: Path) -> Path:
    (folder,) = root.glob(".site.old-*")
    return folder


def records(root: Path) -> set[str]:
    return {p.name for p in (root / ".cache" / "pbsite" / "sites").iterdir()}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a build from nothing, beside the project that built it."""
    folder = tmp_path_factory.mktemp("takeover")
    root = prepare(folder / "project", 14, 1)
    build(root)
    shutil.copytree(root / "site", folder / "fresh")
    return folder / "fresh"


@pytest.fixture
def project(fresh: Path, tmp_path: Path) -> Path:
    """A copy of that project, built twice more: its retired site has a record that holds.
    (A copied site does not: each of its files is another file than the record names.)"""
    root = tmp_path / "project"
    shutil.copytree(fresh.parent / "project", root)
    build(root)
    build(root)
    return root


def a_page(site: Path) -> Path:
    return next(iter(sorted((site / "reports").rglob("index.html"))))


def test_the_third_build_takes_over_the_first_site_and_writes_the_same(fresh, project):
    old = retired(project)
    assert records(project) == {"site.pickle", f"{old.name}.pickle"}
    page = a_page(old).relative_to(old)
    before = (old / page).stat()
    build(project)
    # The very file, not written again: the folder was renamed into place.
    after = (project / "site" / page).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert diff(fresh, project / "site") == ""
    # The site just replaced is retired with its record; the taken one has no record left.
    assert records(project) == {"site.pickle", f"{retired(project).name}.pickle"}


def test_what_someone_changed_in_the_retired_site_is_put_right(fresh, project):
    old = retired(project)
    page = a_page(old)
    page.write_text(page.read_text("utf-8").replace("党", "兑"), "utf-8")  # edited in place
    photo = next((old / "media").iterdir())
    photo.unlink()  # a link replaced by another file (in place would change the cache too)
    photo.write_bytes(b"not the photo")
    next((old / "posters").rglob("*.jpg")).unlink()
    preview = next((old / "wechat").iterdir())
    (preview / "article.html").unlink()
    (preview / "article.html").write_text("<p>改过</p>", "utf-8")
    (old / "search" / "search_index.json").write_text("{}", "utf-8")
    (old / "reports" / "stray.html").write_text("多余的文件", "utf-8")
    (old / "stray-folder" / "inner").mkdir(parents=True)
    (old / "stray-folder" / "inner" / "x.txt").write_text("x", "utf-8")
    build(project)
    assert diff(fresh, project / "site") == ""


def test_a_damaged_record_means_a_build_from_nothing(fresh, project):
    old = retired(project)
    (project / ".cache" / "pbsite" / "sites" / f"{old.name}.pickle").write_bytes(b"damaged")
    written = a_page(old).stat().st_mtime_ns
    build(project)
    assert a_page(project / "site").stat().st_mtime_ns > written  # written anew
    assert diff(fresh, project / "site") == ""


def test_a_clean_build_takes_nothing_over_and_leaves_no_record(fresh, project):
    old = retired(project)
    written = a_page(old).stat().st_mtime_ns
    clean_build(project)
    assert a_page(project / "site").stat().st_mtime_ns > written
    assert diff(fresh, project / "site") == ""
    # The replaced site keeps its record; the clean one has none, so it is never taken over.
    assert records(project) == {f"{retired(project).name}.pickle"}
    build(project)
    build(project)
    assert diff(fresh, project / "site") == ""


def test_a_page_no_longer_made_goes_from_a_site_taken_over(fresh, project):
    # The office page is in the nav, so it is written anew by every build and never kept by
    # a take-over: a build that no longer makes it finds it gone already.
    config = project / "site_config.yaml"
    plain = config.read_text("utf-8")
    config.write_text(plain + "tally:\n  publish: true\n", "utf-8")
    build(project)
    build(project)
    assert (retired(project) / "office" / "index.html").is_file()
    config.write_text(plain, "utf-8")
    build(project)
    build(project)
    assert diff(fresh, project / "site") == ""
