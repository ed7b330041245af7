"""web_image: cached, metadata-free, web-sized derivatives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PIL import Image

from generator.imaging import PhotoError, content_hash, derive, hashing, thumbnail_image, web_image

from .samples import GPS_IFD, gps_jpeg, oriented_jpeg, photo, truncated_jpeg


def test_derivative_is_web_sized_progressive_and_stripped(tmp_path: Path):
    source = gps_jpeg(tmp_path / "content" / "a.jpg", size=(4000, 3000))
    original = Image.open(source)
    assert original.getexif().get_ifd(GPS_IFD) and "xmp" in original.info
    assert "icc_profile" in original.info
    result = web_image(source, tmp_path, tmp_path / "cache", max_side=1600)
    image = Image.open(result)
    assert image.format == "JPEG" and image.size == (1600, 1200)
    assert image.info.get("progressive")
    assert not image.getexif()
    assert not {"exif", "xmp", "icc_profile", "photoshop", "comment"} & set(image.info)
    assert b"secret" not in result.read_bytes() and b"TestPhone" not in result.read_bytes()


def test_small_photos_are_never_upscaled(tmp_path: Path):
    source = tmp_path / "small.jpg"
    photo((300, 200)).save(source)
    assert Image.open(web_image(source, tmp_path, tmp_path / "cache")).size == (300, 200)


def test_orientation_applied_in_derivative(tmp_path: Path):
    source = oriented_jpeg(tmp_path / "o6.jpg", 6)
    assert Image.open(web_image(source, tmp_path, tmp_path / "cache")).size == (120, 80)


def test_thumbnail_uses_the_same_path_with_a_smaller_side(tmp_path: Path):
    source = gps_jpeg(tmp_path / "a.jpg", size=(2000, 1500))
    thumb = Image.open(thumbnail_image(source, tmp_path, tmp_path / "cache"))
    assert max(thumb.size) == derive.THUMB_SIDE


def test_unchanged_photo_is_processed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    source = gps_jpeg(tmp_path / "a.jpg")
    first = web_image(source, tmp_path, tmp_path / "cache")
    stamp = first.stat().st_mtime_ns

    def fail(*args, **kwargs):
        raise AssertionError("the photo was decoded again")

    monkeypatch.setattr(derive, "open_photo", fail)
    assert web_image(source, tmp_path, tmp_path / "cache") == first
    assert first.stat().st_mtime_ns == stamp
    # Same bytes under another name: same content hash, same derivative.
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(source.read_bytes())
    assert web_image(copy, tmp_path, tmp_path / "cache") == first
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first.name]  # no temp files


def test_changed_photo_or_size_gets_a_new_derivative(tmp_path: Path):
    source = gps_jpeg(tmp_path / "a.jpg")
    first = web_image(source, tmp_path, tmp_path / "cache")
    assert web_image(source, tmp_path, tmp_path / "cache", max_side=400) != first
    photo((800, 600), (0, 200, 0)).save(source)
    os.utime(source, ns=(1, 1))  # even with an older timestamp the new bytes are noticed
    assert web_image(source, tmp_path, tmp_path / "cache") != first


def test_content_hash_is_memoised_but_sees_rewrites(tmp_path: Path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"one")
    first = content_hash(path)
    path.write_bytes(b"two!")
    assert content_hash(path) != first


def test_broken_photo_raises_photo_error_and_leaves_nothing(tmp_path: Path):
    source = truncated_jpeg(tmp_path / "broken.jpg")
    with pytest.raises(PhotoError, match=r"^broken\.jpg: "):
        web_image(source, tmp_path, tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*")) if (tmp_path / "cache").exists() else True


def test_saved_photo_hashes_spare_the_next_process_reading_the_photo(tmp_path: Path, monkeypatch):
    settled, fresh = tmp_path / "settled.jpg", tmp_path / "fresh.jpg"
    for path in (settled, fresh):
        photo((64, 48)).save(path)
    minute_ago = time.time() - 60
    os.utime(settled, (minute_ago, minute_ago))
    # Still inside the settling window however slowly this test runs.
    os.utime(fresh, (time.time() + 3600,) * 2)
    digests = {path: content_hash(path) for path in (settled, fresh)}
    index = tmp_path / "index.json"
    hashing.save_hashes(index, {str(settled), str(fresh)})
    monkeypatch.setattr(hashing, "_memo", {})  # a new process
    hashing.load_hashes(index)

    def no_reading(*args, **kwargs):
        raise AssertionError("the photo was read again")

    monkeypatch.setattr(hashing, "open", no_reading, raising=False)
    assert content_hash(settled) == digests[settled]
    # A file written this very moment could change again within the same clock tick, so
    # its digest was not saved: it is read again.
    with pytest.raises(AssertionError, match="read again"):
        content_hash(fresh)


def test_a_damaged_hash_index_is_no_loss(tmp_path: Path):
    index = tmp_path / "index.json"
    index.write_text("[[1, 2", "utf-8")
    hashing.load_hashes(index)
    hashing.load_hashes(tmp_path / "missing.json")


def test_an_unchanged_hash_index_is_not_written_again(tmp_path: Path):
    first, second = tmp_path / "first.jpg", tmp_path / "second.jpg"
    minute_ago = time.time() - 60
    for path in (first, second):
        photo((64, 48)).save(path)
        os.utime(path, (minute_ago, minute_ago))
    content_hash(first)
    index = tmp_path / "index.json"
    hashing.save_hashes(index, {str(first), str(second)})
    written = index.stat().st_ino
    hashing.save_hashes(index, {str(first), str(second)})
    assert index.stat().st_ino == written  # a preview saves after every rebuild
    content_hash(second)
    hashing.save_hashes(index, {str(first), str(second)})
    assert index.stat().st_ino != written
    assert str(second) in index.read_text("utf-8")
