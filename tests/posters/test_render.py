"""render_posters on a real project: every preset, metadata, cache, problems, parallelism."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image, ImageCms

from generator.posters import render_posters

from .conftest import BROKEN, INTERNAL, NO_PHOTOS, REPORT_A, REPORT_B, load, report

SIZES = {
    "wechat_cover": (900, 383),
    "wechat_cover_square": (500, 500),
    "phone": (1080, 1920),
    "print_a3": (3508, 4961),
}


def test_every_preset_with_its_size_dpi_and_profile_and_no_exif(poster_root, tmp_path: Path):
    project = load(poster_root())
    run = render_posters(project, tmp_path / "cache", reports=[report(project, REPORT_A)])
    assert run.problems == []
    assert set(run.files) == {REPORT_A}
    files = run.files[REPORT_A]
    assert set(files) == set(SIZES)
    for name, path in files.items():
        assert path.is_relative_to(tmp_path / "cache" / "posters")
        image = Image.open(path)
        assert image.format == "JPEG" and image.size == SIZES[name]
        assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
        assert b"TestPhone" not in path.read_bytes()
    print_a3 = Image.open(files["print_a3"])
    assert print_a3.info["dpi"] == (300, 300)
    profile = ImageCms.ImageCmsProfile(io.BytesIO(print_a3.info["icc_profile"]))
    assert "sRGB" in ImageCms.getProfileDescription(profile)
    assert "icc_profile" not in Image.open(files["phone"]).info


def test_wechat_square_is_the_centre_of_the_cover(poster_root, tmp_path: Path):
    project = load(poster_root())
    run = render_posters(
        project, tmp_path, presets=["wechat_cover"], reports=[report(project, REPORT_A)]
    )
    cover = Image.open(run.files[REPORT_A]["wechat_cover"]).convert("RGB")
    square = Image.open(run.files[REPORT_A]["wechat_cover_square"]).convert("RGB")
    centre = cover.crop((258, 0, 641, 383)).resize((64, 64)).tobytes()
    small = square.resize((64, 64)).tobytes()
    mean_error = sum(abs(a - b) for a, b in zip(centre, small, strict=True)) / len(centre)
    assert mean_error < 12


def test_only_public_reports_with_photos_get_posters(poster_root, tmp_path: Path):
    project = load(poster_root())
    run = render_posters(project, tmp_path, presets=["phone"])
    assert set(run.files) == {REPORT_A, REPORT_B}
    assert INTERNAL not in run.files and NO_PHOTOS not in run.files


def test_truncated_photo_is_listed_and_every_poster_still_renders(poster_root, tmp_path: Path):
    project = load(poster_root())
    run = render_posters(project, tmp_path, presets=["phone"])
    assert [p for p in run.problems if p.startswith(f"{BROKEN}: ")] == [
        f"{BROKEN}: 照片文件已损坏或不完整（文件被截断），请重新导出或从原相册再次复制"
    ]
    assert Image.open(run.files[REPORT_B]["phone"]).size == (1080, 1920)
    assert Image.open(run.files[REPORT_A]["phone"]).size == (1080, 1920)


def test_second_run_is_served_from_the_cache(poster_root, tmp_path: Path):
    root = poster_root()
    project = load(root)
    cache = tmp_path / "cache"
    first = render_posters(project, cache, presets=["phone", "wechat_cover"])
    assert (first.rendered, first.cached) == (4, 0)
    shutil.rmtree(root / "site", ignore_errors=True)  # the cache lives outside site/
    second = render_posters(load(root), cache, presets=["phone", "wechat_cover"])
    assert (second.rendered, second.cached) == (0, 4)
    assert second.files == first.files
    assert second.problems == first.problems  # a cached poster still reports its broken photo


def test_changed_title_re_renders_only_that_report(poster_root, tmp_path: Path):
    cache = tmp_path / "cache"
    render_posters(load(poster_root()), cache, presets=["phone"])
    changed = load(poster_root(title_a="心血管内科党支部开展健康义诊"))
    run = render_posters(changed, cache, presets=["phone"])
    assert (run.rendered, run.cached) == (1, 1)


def test_parallel_workers_give_the_same_posters(poster_root, tmp_path: Path):
    project = load(poster_root())
    serial = render_posters(project, tmp_path / "one", presets=["phone"], workers=1)
    parallel = render_posters(project, tmp_path / "two", presets=["phone"], workers=2)
    assert parallel.rendered == 2 and sorted(parallel.problems) == sorted(serial.problems)
    for path, files in serial.files.items():
        assert parallel.files[path]["phone"].name == files["phone"].name  # same cache key


def test_glyph_missing_from_the_font_is_reported_not_drawn_as_tofu(poster_root, tmp_path: Path):
    project = load(poster_root(title_a="义诊活动圆满成功🎉"))
    run = render_posters(project, tmp_path, presets=["phone"], reports=[report(project, REPORT_A)])
    assert any(p.startswith(f"{REPORT_A}: ") and "🎉" in p for p in run.problems)
    assert run.files[REPORT_A]["phone"].is_file()


def test_a_named_report_without_photos_gets_a_branded_poster(poster_root, tmp_path: Path):
    project = load(poster_root())
    report = next(r for r in project.reports if r.path == NO_PHOTOS)
    run = render_posters(project, tmp_path, presets=["wechat_cover"], reports=[report])
    assert run.problems == []
    with Image.open(run.files[NO_PHOTOS]["wechat_cover"]) as cover:
        assert cover.size == (900, 383)
        # The photo slot is filled with colour, not left as a blank hole.
        assert len(cover.convert("RGB").getcolors(1 << 20)) > 50
