"""render_posters on a real project: every preset, metadata, cache, problems, parallelism."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from generator.posters import render_posters
from generator.posters import run as run_module
from tests.conftest import BASE_CONFIG
from tests.imaging.samples import truncated_jpeg

from .conftest import (
    BROKEN,
    INTERNAL,
    NO_PHOTOS,
    REPORT_A,
    REPORT_B,
    front,
    load,
    report,
    write_layout,
)

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


def test_the_print_profile_is_the_same_bytes_whenever_it_is_made():
    # Its header holds a creation time: a poster drawn a second later must not differ.
    run_module._srgb_profile.cache_clear()
    first = run_module._srgb_profile()
    time.sleep(1.1)
    run_module._srgb_profile.cache_clear()
    assert run_module._srgb_profile() == first
    profile = ImageCms.ImageCmsProfile(io.BytesIO(first))
    assert "sRGB" in ImageCms.getProfileDescription(profile)


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


def test_without_drawing_only_cached_posters_are_given_and_the_rest_listed(
    poster_root, tmp_path: Path
):
    cache = tmp_path / "cache"
    render_posters(load(poster_root()), cache, presets=["phone"])
    changed = load(poster_root(title_a="心血管内科党支部开展健康义诊"))
    run = render_posters(changed, cache, presets=["phone"], draw=False)
    (edited,) = run.missing
    assert run.rendered == 0 and run.cached == 1
    assert edited not in run.files and len(run.files) == 1
    assert not list((cache / "posters").rglob(".tmp-*"))


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


STRIPS = """
canvas: [300, 100]
layers:
  - {type: background, fill: "#FFFFFF"}
  - type: photos
    box: [0, 0, 300, 100]
    gap: 0
    max: 3
    arrangements:
      3: [[0, 0, 0.3333, 1], [0.3333, 0, 0.3334, 1], [0.6667, 0, 0.3333, 1]]
"""
SOLID = {"a": (230, 30, 30), "b": (30, 200, 30), "c": (30, 30, 230), "d": (240, 240, 20)}


def test_a_broken_photo_is_replaced_by_the_next_readable_one(make_project, tmp_path: Path):
    root = make_project(
        {
            "cardiology/2026-03-05-a.md": front(
                "四张照片一张坏",
                "2026-03-05",
                "cardiology",
                "photos: [p/broken.jpg, p/a.jpg, p/b.jpg, p/c.jpg, p/d.jpg]",
            )
        },
        config=BASE_CONFIG + "posters:\n  presets:\n    strips: strips.yaml\n",
    )
    folder = root / "content/reports/cardiology/p"
    folder.mkdir(parents=True)
    truncated_jpeg(folder / "broken.jpg")
    for name, color in SOLID.items():
        Image.new("RGB", (300, 300), color).save(folder / f"{name}.jpg", quality=95)
    write_layout(root, "strips.yaml", STRIPS)
    run = render_posters(load(root), tmp_path, presets=["strips"])
    assert run.problems == [
        "content/reports/cardiology/p/broken.jpg: "
        "照片文件已损坏或不完整（文件被截断），请重新导出或从原相册再次复制"
    ]
    poster = Image.open(run.files["content/reports/cardiology/2026-03-05-a.md"]["strips"])
    seen = [poster.convert("RGB").getpixel((x, 50)) for x in (50, 150, 250)]
    # Three cells, not two: the first three readable photos, in order.
    for pixel, expected in zip(seen, [SOLID["a"], SOLID["b"], SOLID["c"]], strict=True):
        assert max(abs(p - e) for p, e in zip(pixel, expected, strict=True)) < 20, seen


@pytest.fixture
def fresh_identity():
    run_module.renderer_identity.cache_clear()
    yield
    run_module.renderer_identity.cache_clear()


def test_a_new_pillow_or_qrcode_re_renders(
    poster_root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_identity
):
    project = load(poster_root())
    first = render_posters(project, tmp_path, presets=["phone"])
    assert first.rendered == 2
    real = run_module.metadata.version
    for package in ("pillow", "qrcode", "pillow-heif"):
        monkeypatch.setattr(
            run_module.metadata,
            "version",
            lambda name, p=package: "99.0" if name == p else real(name),
        )
        run_module.renderer_identity.cache_clear()
        again = render_posters(project, tmp_path, presets=["phone"])
        assert (again.rendered, again.cached) == (2, 0), package


def test_a_change_to_the_poster_or_imaging_code_re_renders(
    poster_root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_identity
):
    sources = tmp_path / "generator"
    for package in run_module.SOURCE_PACKAGES:
        shutil.copytree(package, sources / package.name, ignore=shutil.ignore_patterns("*.pyc"))
    monkeypatch.setattr(run_module, "SOURCE_PACKAGES", (sources / "posters", sources / "imaging"))
    project = load(poster_root())
    cache = tmp_path / "cache"
    assert render_posters(project, cache, presets=["phone"]).rendered == 2
    run_module.renderer_identity.cache_clear()
    assert render_posters(project, cache, presets=["phone"]).cached == 2  # same code: cached
    for edited in (sources / "imaging" / "crop.py", sources / "posters" / "typeset.py"):
        edited.write_text(edited.read_text("utf-8") + "\n# changed\n", "utf-8")
        run_module.renderer_identity.cache_clear()
        run = render_posters(project, cache, presets=["phone"])
        assert (run.rendered, run.cached) == (2, 0), edited.name
