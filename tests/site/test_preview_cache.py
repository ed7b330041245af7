"""The cache of 公众号 preview folders, which two builds of one project may share at once."""

from __future__ import annotations

from pathlib import Path

from generator.site.previews import _store
from tests.conftest import write


def test_a_folder_a_parallel_build_stored_first_is_kept(tmp_path: Path) -> None:
    shelf = tmp_path / "previews"
    write(shelf / "k1" / "index.html", "stored by the other build")
    write(tmp_path / "staging" / "a" / "index.html", "ours")
    write(tmp_path / "staging" / "b" / "index.html", "ours too")

    _store(tmp_path / "staging" / "a", shelf / "k1")  # the other build may be linking from it
    _store(tmp_path / "staging" / "b", shelf / "k2")

    assert (shelf / "k1" / "index.html").read_text("utf-8") == "stored by the other build"
    assert (shelf / "k2" / "index.html").read_text("utf-8") == "ours too"
