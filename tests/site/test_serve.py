"""`pbsite serve` end to end: a real dev server in its own process, a report edited on disk.

The preview watches content/ with the system's change notifications. The build reads every
report and photo, so a watcher that reacted to reads would rebuild for ever; the served
page carries the dev server's build epoch, which must come to rest.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from tests.conftest import BASE_CONFIG, ROOT, add_site_files, report_text, write

PAGE = "reports/cardiology/2026-03-02-serve-test/"
EPOCH = re.compile(r"livereload\((\d+),")


def report(title: str) -> str:
    return report_text(
        f"""
        title: {title}
        slug: serve-test
        date: 2026-03-02
        branch: cardiology
        type: study
        photos: [p/01.jpg]
        """
    )


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"pbsite serve exited ({server.returncode}); see serve.log"
        page = fetch(url)
        if page and text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not served at {url} within {seconds} s")


def epoch(url: str, server: subprocess.Popen) -> int:
    # The server holds a request until a rebuild in progress is over, which may take long.
    return int(EPOCH.search(wait_for(url, "livereload(", server, 120))[1])


def settled(url: str, server: subprocess.Popen, quiet: float = 3.0, seconds: float = 90.0) -> bool:
    """Whether the server stops rebuilding: the same epoch ``quiet`` seconds apart."""
    deadline = time.monotonic() + seconds
    last = epoch(url, server)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = epoch(url, server)
        if now == last:
            return True
        last = now
    return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    root = tmp_path / "project"
    write(root / "site_config.yaml", BASE_CONFIG)
    add_site_files(root)
    folder = root / "content" / "reports" / "cardiology" / "2026"
    write(folder / "02.md", report("心内科支部学习党章"))
    (folder / "p").mkdir()
    Image.new("RGB", (1200, 800), (150, 40, 40)).save(folder / "p" / "01.jpg")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", "-a", f"127.0.0.1:{port}"]
    start = "from generator.cli import main; main()"
    site_url = re.search(
        r"^site_url:\s*https?://[^/]+(/\S*)?", (root / "mkdocs.yml").read_text(), re.M
    )
    url = f"http://127.0.0.1:{port}{(site_url and site_url[1]) or '/'}{PAGE}"
    with open(tmp_path / "serve.log", "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-c", start, "--root", str(root), *command],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(url, "心内科支部学习党章", server, 180)
            yield url, folder / "02.md", server
        finally:
            server.terminate()
            server.wait(timeout=60)


def test_an_edit_is_served_and_reading_files_sets_off_no_rebuild(served):
    url, source, server = served
    # Posters missing at the first build are drawn afterwards, then one more rebuild offers
    # them; after that the server must rest, though every build reads every file.
    assert settled(url, server), "the preview kept rebuilding with nothing changed"
    temporary = source.with_name(".02.md.tmp")
    temporary.write_text(report("改过的标题：党章学习"), "utf-8")
    os.replace(temporary, source)  # as editors save
    wait_for(url, "改过的标题：党章学习", server, 60)
    assert settled(url, server)


def watch_for_a_new_file(folder: Path, watching) -> str:
    """Start ``watching`` over ``folder``, add a file; the kind of observer that saw it."""
    from watchdog.events import FileSystemEventHandler

    events = []
    handler = FileSystemEventHandler()
    handler.on_any_event = events.append
    watching.schedule(handler, str(folder), recursive=True)
    watching.start()
    try:
        (folder / "new.md").write_text("新报道", "utf-8")
        deadline = time.monotonic() + 10
        while not any(e.src_path.endswith("new.md") for e in events):
            assert time.monotonic() < deadline, "the new file went unseen"
            time.sleep(0.1)
        return type(watching.observer).__name__
    finally:
        watching.stop()
        watching.join()


def test_the_watcher_uses_the_systems_notifications(tmp_path: Path):
    from generator.site.watcher import Watcher

    assert watch_for_a_new_file(tmp_path, Watcher()) != "PollingObserver"


@pytest.mark.parametrize("change", ["touch", "folder moved away"])
def test_the_watcher_sees_a_touch_and_a_folder_moved_away(tmp_path: Path, change: str):
    # The background posters signal by touching a file; a report folder may be moved out.
    from watchdog.events import FileSystemEventHandler

    from generator.site.watcher import Watcher

    content, elsewhere = tmp_path / "content", tmp_path / "elsewhere"
    write(content / "signal", "")
    write(content / "2026" / "p" / "01.jpg", "照片")
    seen = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.append(event) if not event.is_directory else None
    watching = Watcher()
    watching.schedule(handler, str(content), recursive=True)
    watching.start()
    try:
        time.sleep(0.2)
        if change == "touch":
            os.utime(content / "signal")
        else:
            (content / "2026" / "p").rename(elsewhere)
        deadline = time.monotonic() + 10
        while not seen:
            assert time.monotonic() < deadline, f"{change} went unseen"
            time.sleep(0.1)
    finally:
        watching.stop()
        watching.join()


def test_the_watcher_polls_where_notifications_fail(tmp_path: Path, monkeypatch):
    from generator.site import watcher

    class Refusing(watcher.Observer):
        def start(self) -> None:
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watcher, "Observer", Refusing)
    assert watch_for_a_new_file(tmp_path, watcher.Watcher()) == "PollingObserver"


def test_the_watcher_polls_when_asked(tmp_path: Path):
    from generator.site.watcher import Watcher

    assert watch_for_a_new_file(tmp_path, Watcher(poll=True)) == "PollingObserver"


def test_the_watcher_polls_on_a_network_drive(tmp_path: Path, monkeypatch):
    from generator.site import watcher

    share = SimpleNamespace(mountpoint=str(tmp_path), fstype="cifs", opts="rw,relatime")
    real = watcher.psutil.disk_partitions(all=True)
    monkeypatch.setattr(watcher.psutil, "disk_partitions", lambda all=False: [*real, share])
    assert watcher.on_network_drive(str(tmp_path / "content"))
    assert not watcher.on_network_drive(str(tmp_path.parent))
    assert watch_for_a_new_file(tmp_path, watcher.Watcher()) == "PollingObserver"
