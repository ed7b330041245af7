"""Time full site builds on a synthetic corpus: cold (no site/, no cache) and warm.

    python -m bench.site --reports 1000 5000 [--photos 0] [--runs 3]

Each build runs in a fresh process, as `pbsite build` would; the figures are medians over
``--runs`` builds, with the peak resident memory of the build process and its workers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import json, resource, sys, time
from pathlib import Path
from generator.build import build_all
from generator.paths import ProjectPaths
started = time.perf_counter()
build_all(ProjectPaths(Path(sys.argv[1])), lenient=True)
seconds = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_mib": (own + workers) / 1024}))
"""


def prepare(folder: Path, reports: int, photos: int) -> Path:
    root = make_corpus(folder, reports, photos_per_report=photos, year=2026)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    return root


def build_once(root: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(root)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(root: Path, runs: int, *, cold: bool) -> tuple[float, float]:
    seconds, memory = [], []
    for _ in range(runs):
        if cold:
            shutil.rmtree(root / "site", ignore_errors=True)
            shutil.rmtree(root / ".cache", ignore_errors=True)
        figures = build_once(root)
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
            root = prepare(Path(folder), count, options.photos)
            print(
                f"{count} 篇报道（每篇 {options.photos} 张照片），生成语料 {time.perf_counter() - started:.1f} s"
            )
            cold, cold_rss = measure(root, options.runs, cold=True)
            warm, warm_rss = measure(root, options.runs, cold=False)
            print(f"  冷构建 中位数 {cold:6.1f} s  峰值内存 {cold_rss:6.0f} MiB")
            print(f"  热构建 中位数 {warm:6.1f} s  峰值内存 {warm_rss:6.0f} MiB")


if __name__ == "__main__":
    main()
