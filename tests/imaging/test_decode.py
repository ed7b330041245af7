"""open_photo: orientation, formats, colour modes, draft decoding and clear errors."""

from __future__ import annotations

from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from generator.imaging import PhotoError, open_photo

from .samples import (
    BLUE,
    RED,
    STORED_AS,
    bomb_png,
    marked,
    oriented_jpeg,
    photo,
    truncated_jpeg,
)


def near(pixel, color, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, color, strict=True))


@pytest.mark.parametrize("orientation", sorted(STORED_AS))
def test_every_exif_orientation_comes_out_upright(tmp_path: Path, orientation: int):
    path = oriented_jpeg(tmp_path / f"o{orientation}.jpg", orientation)
    stored = Image.open(path)
    assert stored.getexif()[0x0112] == orientation
    image = open_photo(path)
    assert image.size == marked().size
    assert near(image.getpixel((10, 10)), RED)
    assert near(image.getpixel((image.width - 10, 10)), BLUE)
    assert near(image.getpixel((image.width // 2, image.height - 10)), (128, 128, 128))


def test_orientation_is_applied_with_draft_decoding_too(tmp_path: Path):
    upright = photo((4000, 3000))
    upright.paste(RED, (0, 0, 1000, 750))
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(tmp_path / "big.jpg", quality=85, exif=exif)
    image = open_photo(tmp_path / "big.jpg", target=(400, 300))
    assert image.width > image.height  # rotated back to landscape
    assert 400 <= image.width < 4000 and 300 <= image.height < 3000
    assert near(image.getpixel((5, 5)), RED)


def test_draft_mode_decodes_a_12_megapixel_jpeg_at_reduced_size(tmp_path: Path):
    photo((4000, 3000)).save(tmp_path / "big.jpg", quality=85)
    full = open_photo(tmp_path / "big.jpg")
    small = open_photo(tmp_path / "big.jpg", target=(480, 360))
    assert full.size == (4000, 3000)
    # JPEG scales by 1/2, 1/4 or 1/8 while still covering the target: here 1/8.
    assert small.size == (500, 375)


def test_fit_target_allows_a_smaller_decode_than_cover(tmp_path: Path):
    photo((4000, 3000)).save(tmp_path / "big.jpg", quality=85)
    cover = open_photo(tmp_path / "big.jpg", target=(1000, 1000))
    fit = open_photo(tmp_path / "big.jpg", target=(1000, 1000), fit=True)
    assert min(cover.size) >= 1000
    assert max(fit.size) >= 1000 and fit.size < cover.size


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path):
    Image.new("CMYK", (64, 48), (0, 230, 230, 20)).save(tmp_path / "cmyk.jpg", quality=95)
    assert Image.open(tmp_path / "cmyk.jpg").mode == "CMYK"
    image = open_photo(tmp_path / "cmyk.jpg")
    assert image.mode == "RGB"
    r, g, b = image.getpixel((30, 20))
    assert r > 180 and g < 80 and b < 80


def test_png_alpha_is_flattened_onto_white(tmp_path: Path):
    image = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    image.paste((*BLUE, 255), (20, 10, 40, 30))
    image.save(tmp_path / "alpha.png")
    result = open_photo(tmp_path / "alpha.png")
    assert result.mode == "RGB"
    assert result.getpixel((2, 2)) == (255, 255, 255)
    assert near(result.getpixel((30, 20)), BLUE, 2)


def test_palette_png_with_transparency(tmp_path: Path):
    image = Image.new("P", (20, 20), 0)
    image.putpalette([0, 0, 0, *RED])
    image.paste(1, (10, 0, 20, 20))
    image.save(tmp_path / "p.png", transparency=0)
    result = open_photo(tmp_path / "p.png")
    assert result.getpixel((2, 2)) == (255, 255, 255)
    assert result.getpixel((15, 5)) == RED


def test_sixteen_bit_png_is_scaled_not_clipped(tmp_path: Path):
    Image.new("I;16", (40, 30), 32896).save(tmp_path / "deep.png")
    assert Image.open(tmp_path / "deep.png").mode.startswith("I")
    result = open_photo(tmp_path / "deep.png")
    assert result.mode == "RGB"
    assert near(result.getpixel((5, 5)), (128, 128, 128), 2)


def test_webp(tmp_path: Path):
    marked().save(tmp_path / "photo.webp", quality=95)
    result = open_photo(tmp_path / "photo.webp")
    assert result.size == marked().size and near(result.getpixel((10, 10)), RED)


def test_heic_from_an_iphone_opens_upright(tmp_path: Path):
    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[0x0112] = 6
    marked().transpose(Image.Transpose.ROTATE_90).save(
        tmp_path / "IMG_0001.HEIC", format="HEIF", quality=95, exif=exif.tobytes()
    )
    result = open_photo(tmp_path / "IMG_0001.HEIC")
    assert result.size == marked().size
    assert near(result.getpixel((10, 10)), RED, 50)
    assert near(result.getpixel((result.width - 10, 10)), BLUE, 50)


def test_truncated_jpeg_names_the_file_relative_to_the_root(tmp_path: Path):
    folder = tmp_path / "content" / "reports"
    folder.mkdir(parents=True)
    path = truncated_jpeg(folder / "broken.jpg")
    with pytest.raises(PhotoError) as caught:
        open_photo(path, root=tmp_path)
    assert str(caught.value).startswith("content/reports/broken.jpg: ")
    assert "损坏或不完整" in str(caught.value)


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path):
    with pytest.raises(PhotoError) as caught:
        open_photo(bomb_png(tmp_path / "bomb.png"), root=tmp_path)
    assert str(caught.value).startswith("bomb.png: ")
    assert "像素数过多" in str(caught.value)


def test_not_an_image(tmp_path: Path):
    (tmp_path / "notes.jpg").write_text("这不是照片", encoding="utf-8")
    with pytest.raises(PhotoError, match=r"^notes\.jpg: 无法识别的图片格式"):
        open_photo(tmp_path / "notes.jpg", root=tmp_path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(PhotoError, match="找不到照片文件"):
        open_photo(tmp_path / "gone.jpg", root=tmp_path)
