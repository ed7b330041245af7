"""The article and its preview page in headless Chromium: rendering, copying and pasting."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageStat

from tests.conftest import open_page, serve_folder

BRAND_SPELLINGS = ("#b71c1c", "rgb(183, 28, 28)")
EDITOR = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>编辑器</title>
<link rel="icon" href="data:,"></head>
<body><div id="editor" contenteditable="true" style="min-height:300px;width:375px"></div></body></html>
"""
pytestmark = pytest.mark.browser


@pytest.fixture
def served(project_with, export) -> Iterator[tuple[str, str]]:
    """The export folder and an editor page, from one local origin: (origin, export slug)."""
    done = export(project_with())
    (done.folder.parent / "editor.html").write_text(EDITOR, "utf-8")
    with serve_folder(done.folder.parent) as base:
        yield base.rstrip("/"), done.folder.name


def is_blank(png: bytes) -> bool:
    image = Image.open(io.BytesIO(png)).convert("L")
    return max(ImageStat.Stat(image).var) < 100


def test_article_renders_with_text_and_images(browser, served):
    origin, slug = served
    page = browser.new_page(viewport={"width": 414, "height": 1600})
    open_page(page, f"{origin}/{slug}/article.html")
    assert not is_blank(page.screenshot(full_page=True))
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
    assert len(widths) == 3 and all(w > 0 for w in widths)
    colour = page.eval_on_selector("strong", "e => getComputedStyle(e).color")
    assert colour == "rgb(183, 28, 28)"  # the inline brand colour, with no stylesheet at all
    page.close()


def test_preview_page_works_offline(browser, served):
    origin, slug = served
    page = browser.new_page(viewport={"width": 1000, "height": 1200})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_page(page, f"{origin}/{slug}/preview.html")
    assert page.get_by_role("button", name="复制到公众号编辑器").is_visible()
    assert not is_blank(page.screenshot())
    assert all(urlsplit(url).hostname == "127.0.0.1" or url.startswith("data:") for url in requests)
    page.close()


# Without ClipboardItem (older browsers) the button falls back to selection + execCommand.
@pytest.mark.parametrize("fallback", [False, True], ids=["clipboard-api", "exec-command"])
def test_copy_button_pastes_styled_html_with_images(browser, served, fallback):
    origin, slug = served
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    if fallback:
        context.add_init_script("delete window.ClipboardItem;")
    preview = context.new_page()
    open_page(preview, f"{origin}/{slug}/preview.html")
    preview.get_by_role("button", name="复制到公众号编辑器").click()
    preview.wait_for_function("document.getElementById('wx-status').textContent.includes('已复制')")

    editor = context.new_page()
    open_page(editor, f"{origin}/editor.html")
    editor.click("#editor")
    editor.keyboard.press("Control+V")
    # Pasted images load after the paste; `complete` is also true for one that failed.
    editor.wait_for_function(
        "[...document.querySelectorAll('#editor img')].filter(i => i.complete).length === 3"
    )
    pasted = editor.inner_html("#editor").lower()
    assert any(spelling in pasted for spelling in BRAND_SPELLINGS)
    assert "重温入党誓词" in pasted and "应到 20 人，实到 18 人" in pasted
    assert "class=" not in pasted and "<script" not in pasted
    heading = editor.eval_on_selector(
        "#editor span:has-text('重温入党誓词')",
        "e => getComputedStyle(e.parentElement).borderLeftColor",
    )
    assert heading == "rgb(183, 28, 28)"
    images = editor.eval_on_selector_all(
        "#editor img", "images => images.map(i => [i.getAttribute('src'), i.naturalWidth])"
    )
    assert [src for src, _ in images] == [
        f"{origin}/{slug}/images/{n:02d}.jpg" for n in (1, 2, 3)
    ]  # absolute, so the editor can fetch them
    assert all(width > 0 for _, width in images)
    context.close()
