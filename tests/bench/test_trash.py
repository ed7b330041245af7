"""The benchmark harness sets folders aside while it times builds, and deletes them after."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import trash as trash_module
from bench.site import make_cold
from bench.trash import Trash


def _project(root: Path) -> None:
    for name in ("site/index.html", "build/tally.json", ".cache/pbsite/pages/a.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", "utf-8")
    (root / ".cache/pbsite/posters").mkdir(parents=True)
    (root / ".cache/pbsite/posters/p.jpg").write_bytes(b"jpeg")


def test_make_cold_moves_outputs_into_the_trash_and_keeps_image_caches(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _project(root)
    trash = Trash(tmp_path / "trash")
    site_inode = (root / "site/index.html").stat().st_ino

    removed = make_cold(root, trash)

    assert removed == ["site/", "build/", ".cache/pbsite/pages"]
    assert not (root / "site").exists() and not (root / "build").exists()
    assert (root / ".cache/pbsite/posters/p.jpg").read_bytes() == b"jpeg"
    # Moved, not copied and deleted: the same inode now lives in the trash.
    inodes = {p.stat().st_ino for p in (tmp_path / "trash").rglob("index.html")}
    assert inodes == {site_inode}


def test_a_second_folder_of_the_same_name_does_not_replace_the_first(tmp_path: Path) -> None:
    trash = Trash(tmp_path / "trash")
    for text in ("first", "second"):
        (tmp_path / "site").mkdir()
        (tmp_path / "site/index.html").write_text(text, "utf-8")
        assert trash.discard(tmp_path / "site")
    kept = sorted(p.read_text("utf-8") for p in (tmp_path / "trash").rglob("index.html"))
    assert kept == ["first", "second"]
    assert not trash.discard(tmp_path / "site")  # nothing left to move


class Clock:
    """``time.time`` and ``time.sleep`` for the trash: sleeping moves the clock, at once."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_emptying_deletes_and_the_next_measure_waits_out_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(trash_module, "time", clock)
    trash = Trash(tmp_path / "trash")
    assert trash.settle() == 0.0  # nothing deleted yet: no wait
    (tmp_path / "site").mkdir()
    trash.discard(tmp_path / "site")

    trash.empty()
    clock.sleep(10.0)
    waited = trash.settle()

    assert list((tmp_path / "trash").iterdir()) == [tmp_path / "trash" / trash_module.STAMP]
    assert waited == pytest.approx(trash_module.SETTLE_SECONDS - 10.0)
    assert clock.now == pytest.approx(1_800_000_000.0 + trash_module.SETTLE_SECONDS)
    assert trash.settle() == 0.0  # the window has passed
