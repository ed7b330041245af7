"""Time full site builds on a synthetic corpus: cold (no site/ and no cache at all, so photos
are processed and posters drawn again, unlike ``bench all``'s cold builds) and warm.

    python -m bench.site --reports 1000 5000 [--photos 0] [--runs 3]

Each build runs in a fresh process, as `pbsite build` would; the figures are medians over
``--runs`` builds, with the peak resident memory of the build process and its workers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import make_corpus
from .trash import Trash

ROOT = Path(__file__).resolve().parent.parent


# Runs ``module:function(*json_args)`` in this fresh interpreter (imports included in the
# time), then writes its wall time, CPU time (its own plus its workers', user and system) and
# peak memory to a JSON file. RUSAGE_CHILDREN's ru_maxrss is the largest of the processes this
# one waited for (its worker pools), so the memory figure is the process itself plus its
# largest worker: one wrapper per measured command keeps it honest.
CHILD = """
import importlib, json, resource, signal, sys, time, traceback
# A harness started in the background passes on an ignored SIGINT; serve ends with Ctrl+C.
signal.signal(signal.SIGINT, signal.default_int_handler)
out, entry, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
module, _, name = entry.partition(":")
result = error = None
started = time.perf_counter()
try:
    result = getattr(importlib.import_module(module), name)(*args)
except SystemExit as exc:
    if exc.code not in (None, 0):
        error = f"exit status {exc.code}"
except KeyboardInterrupt:
    pass
except BaseException:
    error = traceback.format_exc()
seconds = time.perf_counter() - started
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
own, workers = (u.ru_maxrss for u in usage)
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"seconds": seconds, "rss_mib": (own + workers) / 1024, "own_mib": own / 1024,
               "workers_mib": workers / 1024, "user_s": sum(u.ru_utime for u in usage),
               "system_s": sum(u.ru_stime for u in usage), "result": result, "error": error},
              handle)
"""


def start_child(entry: str, args: list, log: Path) -> tuple[subprocess.Popen, Path]:
    """Start ``entry`` (``"package.module:function"``) in a measured child; output to ``log``."""
    result = log.with_suffix(".json")
    result.unlink(missing_ok=True)
    with open(log, "w", encoding="utf-8") as output:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(result), entry, json.dumps(args)],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return child, result


def finish_child(child: subprocess.Popen, result: Path, log: Path) -> dict:
    """Wait for a child from ``start_child``: its figures, or SystemExit with its log's end."""
    child.wait()
    figures = json.loads(result.read_text("utf-8")) if result.is_file() else None
    if figures is None or figures["error"]:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{log.name} 失败（{figures and figures['error']}）：\n{tail}")
    return figures


def run_child(entry: str, args: list, log: Path) -> dict:
    """Run ``entry`` in a measured child and wait: ``{"seconds", "rss_mib", "result", …}``."""
    return finish_child(*start_child(entry, args, log), log)


def pbsite_build(root: Path, log: Path) -> dict:
    """``pbsite --root ROOT build --lenient``, exactly as typed, in a measured child."""
    return run_child("generator.cli:main", [["--root", str(root), "build", "--lenient"]], log)


# Caches that hold rendered images (photo derivatives, posters, 公众号 images) and the index
# of photo digests that looks them up. A "cold" benchmark build keeps these and deletes every
# other cache, plus site/ and build/.
IMAGE_CACHES = ("media", "posters", "wechat", "photo-hashes.json")


def make_cold(root: Path, trash: Trash) -> list[str]:
    """Move site/, build/ and every non-image cache under .cache/ into ``trash``; returns
    what went."""
    removed = []
    for folder in (root / "site", root / "build"):
        if trash.discard(folder):
            removed.append(folder.name + "/")
    for stale in root.glob(".site.*"):  # staging and retired folders of earlier builds
        trash.discard(stale)
    cache = root / ".cache"
    for entry in sorted(cache.glob("*")) + sorted(cache.glob("pbsite/*")):
        if entry.name == "pbsite" and entry.parent == cache:
            continue
        if entry.parent.name == "pbsite" and entry.name in IMAGE_CACHES:
            continue
        if trash.discard(entry):
            removed.append(entry.relative_to(root).as_posix())
    return removed


def prepare(folder: Path, reports: int, photos: int) -> Path:
    # Last year, not this one: a report dated after today is rejected and never published.
    last_year = dt.date.today().year - 1
    root = make_corpus(folder, reports, photos_per_report=photos, year=last_year)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    return root


def measure(root: Path, runs: int, trash: Trash, log: Path, *, cold: bool) -> tuple[float, float]:
    seconds, memory = [], []
    for _ in range(runs):
        if cold:
            trash.discard(root / "site")
            trash.discard(root / ".cache")
        figures = pbsite_build(root, log)
        seconds.append(figures["seconds"])
        memory.append(figures["rss_mib"])
    return statistics.median(seconds), max(memory)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__)
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--photos", type=int, default=0, help="每篇报道的照片数")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    for count in options.reports:
        with tempfile.TemporaryDirectory(prefix="pbsite-bench-site-") as folder:
            started = time.perf_counter()
            root = prepare(Path(folder) / "project", count, options.photos)
            trash = Trash(Path(folder) / "trash")  # emptied with the temporary folder
            print(
                f"{count} 篇报道（每篇 {options.photos} 张照片），生成语料 {time.perf_counter() - started:.1f} s"
            )
            log = Path(folder) / "build.log"
            cold, cold_rss = measure(root, options.runs, trash, log, cold=True)
            warm, warm_rss = measure(root, options.runs, trash, log, cold=False)
            print(f"  冷构建 中位数 {cold:6.1f} s  峰值内存 {cold_rss:6.0f} MiB")
            print(f"  热构建 中位数 {warm:6.1f} s  峰值内存 {warm_rss:6.0f} MiB")


if __name__ == "__main__":
    main()
