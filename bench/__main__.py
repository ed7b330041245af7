"""Every measure of issue 7 in one command, printed as one table.

    python -m bench all --reports 5000 [--runs 3] [--photos 3] [--no-scale]
    python -m bench site|tally|posters|blog …   (one benchmark, its own options)

``all`` measures, each figure the median of ``--runs`` runs, each run in a fresh process:

1. cold full build at N reports (``pbsite build --lenient``, see COLD below);
2. Material's blog plugin building the same public reports as N blog posts (``mkdocs
   build``), and how many times faster pbsite's cold build is;
3. warm rebuild at N, nothing changed;
4. one report's title edited under ``pbsite serve``, until its page serves the new title;
5. cold full build at 4×N, as a ratio to N (``--no-scale`` skips it), with its peak memory;
6. ``load_project`` + tally + three exports at ``--tally-reports`` (20,000) reports;
7. cold ``phone`` posters on 12 MP photos: ms per poster on one core, 2-core speed-up.

Peak RSS is the measured process plus its largest worker process (``ru_maxrss`` of self and
of waited-for children, read by a wrapper process per run), the largest over the runs.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from . import blog
from .cpu import LOOPS, single_core_seconds, two_process_speedup
from .site import (
    IMAGE_CACHES,
    ROOT,
    make_cold,
    pbsite_build,
    prepare,
    run_child,
    start_child,
)
from .trash import Trash

COLD = (
    "把 site/、build/ 以及 .cache/ 下除图片缓存 "
    f".cache/pbsite/{{{','.join(IMAGE_CACHES)}}}（照片派生图、海报、公众号图片及照片摘要索引）以外的全部缓存移入 trash/（计时结束后才删除，见 bench/trash.py）；"
    "图片缓存由一次不计时的构建预先填充。操作系统文件缓存、Python 字节码和 jieba 词典缓存（临时目录中）保持热状态"
)
SERVE_CAP = 300.0  # seconds to wait for an edit to show
FIRST_BUILD_CAP = 3600.0  # seconds to wait for `pbsite serve`'s first build
TALLY_YEAR = 2025  # bench.tally's corpus year


# -- child entry points (run inside bench.site's measuring wrapper) ---------------------------


def tally_run(root: str) -> dict:
    from .tally import _one_run

    return _one_run(Path(root))


# -- measures ----------------------------------------------------------------------------------


class Figures:
    """Per-run seconds and peak RSS of one measure."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.rss: list[float] = []

    def add(self, seconds: float, rss: float | None = None) -> None:
        self.seconds.append(seconds)
        if rss is not None:
            self.rss.append(rss)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float | None:
        return max(self.rss) if self.rss else None

    def runs(self) -> str:
        return ", ".join(f"{s:.2f}" for s in self.seconds)


def site_builds(root: Path, runs: int, logs: Path, trash: Trash, *, cold: bool, n: int) -> Figures:
    label = f"{'冷' if cold else '热'}构建 {n}"
    figures = Figures()
    for run in range(runs):
        removed = make_cold(root, trash) if cold else []
        log = logs / f"{'cold' if cold else 'warm'}-{n}-{run + 1}.log"
        result = pbsite_build(root, log)
        figures.add(result["seconds"], result["rss_mib"])
        gone = f"（已移走 {', '.join(removed)}）" if removed else ""
        print(
            f"  {label} 第 {run + 1} 次：{result['seconds']:.2f} s {_cpu(result)}{gone}", flush=True
        )
    return figures


def prewarm(root: Path, logs: Path, label: str, trash: Trash) -> None:
    """The untimed build that fills the image caches, then the wait for the file system.

    It starts cold too, so that it has no site of its own to delete.
    """
    make_cold(root, trash)
    started = time.perf_counter()
    pbsite_build(root, logs / f"{label}-prewarm.log")
    print(f"  预热构建（不计时，填充图片与海报缓存）：{time.perf_counter() - started:.1f} s")
    trash.settle()


def blog_builds(root: Path, work: Path, runs: int, logs: Path, trash: Trash) -> tuple[Figures, int]:
    from generator.model import load_project

    trash.discard(work / "blog")  # what an interrupted run left
    posts = blog.write_blog(load_project(root), work / "blog")
    figures = Figures()
    for run in range(runs):
        result = blog.mkdocs_build(work / "blog", logs / f"blog-{run + 1}.log", trash)
        figures.add(result["seconds"], result["rss_mib"])
        print(
            f"  Material blog 第 {run + 1} 次：{result['seconds']:.2f} s {_cpu(result)}", flush=True
        )
    trash.discard(work / "blog")
    return figures, posts


def serve_edits(root: Path, runs: int, logs: Path) -> tuple[Figures, float]:
    """Seconds from saving an edited title until `pbsite serve` serves the page with it.

    The served page is what the browser reloads into: the dev server holds every page
    request until a rebuild in progress has finished. Returns the figures and the seconds
    until the first build was served.
    """
    from generator.model import load_project
    from generator.model.urls import pinyin_slug

    project = load_project(root)
    reports = project.public_reports
    report = reports[len(reports) // 2]
    source = root / report.path
    original = source.read_text("utf-8")
    slug = report.slug or pinyin_slug(report.title)
    port = _free_port()
    url = f"http://127.0.0.1:{port}{_mount_path(root)}{report.url}"
    log = logs / "serve.log"
    args = [["--root", str(root), "serve", "-a", f"127.0.0.1:{port}"]]
    child, result = start_child("generator.cli:main", args, log)
    figures = Figures()
    try:
        started = time.perf_counter()
        if _wait_for(url, None, FIRST_BUILD_CAP, child) is None:
            raise SystemExit(f"pbsite serve 未能启动：\n{log.read_text('utf-8')[-3000:]}")
        first = time.perf_counter() - started
        print(f"  pbsite serve 首次构建：{first:.1f} s；编辑 {report.path}", flush=True)
        time.sleep(_settle_time(root / "content"))
        for run in range(runs):
            marker = f"基准修改{run + 1}号{os.getpid()}"
            _save(source, _edited(original, marker, slug))
            saved = time.perf_counter()
            seconds = _wait_for(url, marker, SERVE_CAP, child)
            if seconds is None:
                print(f"  编辑第 {run + 1} 次：{SERVE_CAP:.0f} s 内未见新标题", flush=True)
                figures.add(float("inf"))
                break
            figures.add(time.perf_counter() - saved)
            print(f"  编辑第 {run + 1} 次：{figures.seconds[-1]:.2f} s", flush=True)
            # A rebuild the edit may have queued behind this one must not count in the next run.
            time.sleep(1.0)
            _wait_for(url, marker, SERVE_CAP, child)
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=120)
        except subprocess.TimeoutExpired:
            print("  pbsite serve 在 Ctrl+C 后 120 s 内未退出，已强行结束（峰值内存未知）")
            child.kill()
            child.wait()
        _save(source, original)
    with contextlib.suppress(OSError, ValueError):
        figures.rss.append(json.loads(result.read_text("utf-8"))["rss_mib"])
    return figures, first


def _save(path: Path, text: str) -> None:
    """Save as editors do, atomically: the watcher never sees a half-written report."""
    temporary = path.with_name(f".{path.name}.bench-tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def _edited(text: str, marker: str, slug: str) -> str:
    """The title with ``marker`` appended, and the report's address pinned with ``slug``.

    Pinning matters: the address follows the title's pinyin, so without it the edit would
    move the page and the benchmark would wait on an address that no longer exists.
    """
    text = "\n".join(line for line in text.split("\n") if not re.match(r"(slug|网址):", line))
    match = re.search(r"^(title|标题):[^\n]*", text, flags=re.M)
    if match is None:
        raise SystemExit("找不到报道的标题行")
    key = "slug" if match[1] == "title" else "网址"
    return f"{text[: match.end()]}（{marker}）\n{key}: {slug}{text[match.end() :]}"


def _wait_for(url: str, marker: str | None, cap: float, child: subprocess.Popen) -> float | None:
    """Seconds until ``url`` answers 200 (holding ``marker``); None after ``cap`` seconds."""
    started = time.perf_counter()
    wanted = marker.encode() if marker else None
    while (left := cap - (time.perf_counter() - started)) > 0:
        if child.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(url, timeout=max(1.0, left)) as response:
                if wanted is None or wanted in response.read():
                    return time.perf_counter() - started
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            pass
        time.sleep(0.05)
    return None


def _settle_time(content: Path) -> float:
    """Time for the dev server's file watcher to take its first snapshot of ``content``:
    an edit made before the snapshot would go unnoticed."""
    started = time.perf_counter()
    for _folder, _dirs, files in os.walk(content):
        for name in files:
            with contextlib.suppress(OSError):
                os.stat(os.path.join(_folder, name))
    return 2.0 + 3 * (time.perf_counter() - started)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mount_path(root: Path) -> str:
    """`mkdocs serve` serves under the path of mkdocs.yml's site_url."""
    match = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text("utf-8"), re.M)
    path = urllib.parse.urlsplit(match[1] if match else "/").path or "/"
    return path if path.endswith("/") else path + "/"


def tally_runs(reports: int, runs: int, work: Path, logs: Path) -> tuple[Figures, dict]:
    from .corpus import make_corpus

    root = make_corpus(work / "tally", reports, year=TALLY_YEAR)
    figures, parts = Figures(), {"load_project": [], "tally": [], "exports": []}
    for run in range(runs):
        result = run_child("bench.__main__:tally_run", [str(root)], logs / f"tally-{run + 1}.log")
        for name, value in result["result"].items():
            parts[name].append(value)
        figures.add(sum(result["result"].values()), result["rss_mib"])
        print(f"  tally 第 {run + 1} 次：{figures.seconds[-1]:.2f} s", flush=True)
    shutil.rmtree(root)
    return figures, {name: statistics.median(values) for name, values in parts.items()}


def poster_runs(count: int, runs: int, work: Path, logs: Path) -> dict:
    from .posters import _make_project, timed_pass

    root = work / "posters"
    root.mkdir(parents=True)
    _make_project(root, count, 3)
    one, two, rss, cpu = [], [], [], []
    for run in range(runs):
        single, double = (
            timed_pass(root, f"cache-{workers}", workers, logs / f"posters-{run + 1}-{workers}.log")
            for workers in (1, 2)
        )
        one.append(single["result"]["seconds"] / count * 1000)
        cpu.append(single["result"]["cpu"] / count * 1000)
        two.append(single["result"]["seconds"] / double["result"]["seconds"])
        rss.append(max(single["rss_mib"], double["rss_mib"]))
        print(f"  海报 第 {run + 1} 次：单核 {one[-1]:.0f} ms/张，双核加速 {two[-1]:.2f}×")
        for cache in root.glob("cache-*"):
            shutil.rmtree(cache)
    shutil.rmtree(root)
    return {
        "ms": statistics.median(one),
        "cpu_ms": statistics.median(cpu),
        "speedup": statistics.median(two),
        "machine": two_process_speedup(),
        "rss": max(rss),
    }


# -- the command ---------------------------------------------------------------------------------


def machine() -> str:
    model = "?"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        found = re.search(r"^Model name:\s*(.+)$", lscpu, re.M)
        model = found[1].strip() if found else model
    memory = "?"
    with contextlib.suppress(OSError):
        found = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(found[1]) / 1024 / 1024:.1f} GiB" if found else memory
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    return (
        f"{os.cpu_count()} 核（{model}），内存 {memory}，Python {platform.python_version()}，"
        f"负载 {load}；单核参考（纯 Python 循环 {LOOPS:,} 次）{single_core_seconds():.2f} s"
    )


def run_all(options: argparse.Namespace) -> None:
    work = Path(options.work) if options.work else Path(tempfile.mkdtemp(prefix="pbsite-bench-"))
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    n, runs = options.reports, options.runs
    print(f"机器：{machine()}")
    print(f"工作目录：{work}（日志在 logs/）")
    print(f"冷构建的含义：{COLD}\n")
    rows: list[tuple[str, str, str, str]] = []
    trash = Trash(work / "trash")
    try:
        trash.empty()  # what an interrupted run left
        root = corpus(work, n, options.photos, keep=bool(options.work))
        prewarm(root, logs, f"n{n}", trash)
        cold = site_builds(root, runs, logs, trash, cold=True, n=n)
        rows.append((f"cold full build, {n:,} reports", "≤ 60 s", _s(cold), _mib(cold)))
        # Right after the cold builds, which deleted nothing, so no wait.
        if options.blog:
            material, posts = blog_builds(root, work, runs, logs, trash)
            rows.append(
                (
                    f"Material blog plugin, same {posts:,} posts",
                    "pbsite ≥ 4× faster",
                    f"{_s(material)}: blog ÷ pbsite cold = {material.median / cold.median:.2f}×",
                    _mib(material),
                )
            )
        # The first build after a cold one finds no retired site with a record to take over;
        # every build after it does, so it runs untimed (its time is shown).
        first = pbsite_build(root, logs / f"warm-{n}-first.log")
        print(
            f"  冷构建后的第一次构建（不计时，此后每次构建都接管上上次的网站）：{first['seconds']:.2f} s"
        )
        warm = site_builds(root, runs, logs, trash, cold=False, n=n)
        # Each warm build deletes the site the one before it replaced, as it would anywhere.
        trash.note_deletions()
        rows.append(("warm rebuild, nothing changed", "≤ 15 s", _s(warm), _mib(warm)))
        if options.serve:
            edits, first = serve_edits(root, runs, logs)
            trash.note_deletions()  # MkDocs deletes the served temporary site at the end
            rows.append(
                (
                    f"one report edited under pbsite serve, {n:,} reports",
                    "≤ 3 s",
                    f"{_s(edits)} (first build {first:.0f} s)",
                    _mib(edits),
                )
            )
        if options.scale:
            big = _scaled(root, work, n, options, logs, trash)
            rows.append(
                (
                    f"cold full build, {4 * n:,} reports",
                    "≤ 4.5× the N time; RSS ≤ 2 GB at 20,000",
                    f"{_s(big)} = {big.median / cold.median:.2f}× N",
                    _mib(big),
                )
            )
        if not options.work:
            shutil.rmtree(root, ignore_errors=True)
        if options.tally:
            tally, parts = tally_runs(options.tally_reports, runs, work, logs)
            split = " + ".join(f"{parts[k]:.2f}" for k in ("load_project", "tally", "exports"))
            rows.append(
                (
                    f"tally, {options.tally_reports:,} reports (load + tally + exports)",
                    "≤ 5 s",
                    f"{_s(tally)} ({split})",
                    _mib(tally),
                )
            )
        if options.posters:
            posters = poster_runs(options.poster_count, runs, work, logs)
            rows.append(
                (
                    "posters, cold, per phone poster, 1 core",
                    "≤ 350 ms",
                    f"{posters['ms']:.0f} ms (CPU {posters['cpu_ms']:.0f} ms)",
                    f"{posters['rss']:.0f} MiB",
                )
            )
            rows.append(
                (
                    "posters, 2 cores vs 1",
                    "≥ 1.7×",
                    f"{posters['speedup']:.2f}× (machine ceiling {posters['machine']:.2f}×)",
                    "",
                )
            )
    finally:
        if rows:
            _print_table(rows, runs)
        trash.empty()
        if not options.work:
            shutil.rmtree(work, ignore_errors=True)


def _scaled(
    root: Path, work: Path, n: int, options: argparse.Namespace, logs: Path, trash: Trash
) -> Figures:
    """Cold builds at 4×N. The first N reports of the bigger corpus are the same files, so
    N's image caches (keyed by content) are shared by hard links before the untimed build."""
    big = corpus(work, 4 * n, options.photos, keep=bool(options.work))
    for name in IMAGE_CACHES:
        source, target = root / ".cache" / "pbsite" / name, big / ".cache" / "pbsite" / name
        if source.is_dir() and not target.exists():
            shutil.copytree(source, target, copy_function=os.link)
    if not options.work:
        trash.discard(root)
    prewarm(big, logs, f"n{4 * n}", trash)
    figures = site_builds(big, options.runs, logs, trash, cold=True, n=4 * n)
    if not options.work:
        shutil.rmtree(big, ignore_errors=True)
    return figures


def corpus(work: Path, reports: int, photos: int, *, keep: bool) -> Path:
    """bench.site's project of ``reports`` reports. With ``--work`` it is kept, and reused
    (with its image caches, so the untimed build is quick) by the next run with the same
    sizes; mkdocs.yml, theme/ and content/pages/ are always fresh from the repository."""
    root = work / f"n{reports}-p{photos}"
    done = root / ".bench-corpus-complete"
    if keep and done.is_file():
        shutil.rmtree(root / "theme")
        shutil.rmtree(root / "content" / "pages")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "theme", root / "theme")
        shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
        print(f"语料 {reports} 篇（每篇 {photos} 张照片）：沿用 {root}")
        return root
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    prepare(root, reports, photos)
    done.touch()
    print(f"语料 {reports} 篇（每篇 {photos} 张照片）：{time.perf_counter() - started:.1f} s")
    return root


def _cpu(result: dict) -> str:
    return f"（CPU：用户 {result['user_s']:.1f} s，系统 {result['system_s']:.1f} s）"


def _s(figures: Figures) -> str:
    if figures.median == float("inf"):
        return f"> {SERVE_CAP:.0f} s"
    return f"{figures.median:.2f} s"


def _mib(figures: Figures) -> str:
    return f"{figures.peak:.0f} MiB" if figures.peak is not None else "?"


def _print_table(rows: list[tuple[str, str, str, str]], runs: int) -> None:
    print(f"\n结果（{dt.datetime.now():%Y-%m-%d %H:%M}，每项取 {runs} 次的中位数；负载 ", end="")
    print(" ".join(f"{v:.2f}" for v in os.getloadavg()) + "）\n")
    header = ("measure", "target", "median", "peak RSS")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n冷构建的含义：{COLD}。")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench all",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--reports", type=int, default=5000, help="N：报道篇数")
    parser.add_argument("--runs", type=int, default=3, help="每项重复次数（取中位数）")
    parser.add_argument("--photos", type=int, default=3, help="每篇报道的照片数")
    parser.add_argument("--tally-reports", type=int, default=20_000, help="tally 的报道篇数")
    parser.add_argument("--poster-count", type=int, default=12, help="海报测试的海报张数")
    parser.add_argument(
        "--work",
        help="工作目录：保留语料、图片缓存和日志，下次同样大小时沿用（默认用临时目录并删除）",
    )
    for name, what in (
        ("scale", "4×N 冷构建"),
        ("blog", "Material blog 对照"),
        ("serve", "pbsite serve 编辑"),
        ("tally", "tally"),
        ("posters", "海报"),
    ):
        parser.add_argument(f"--no-{name}", dest=name, action="store_false", help=f"跳过{what}")
    return parser


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "all":
        run_all(_parser().parse_args(rest))
        return
    modules = {"site": "site", "tally": "tally", "posters": "posters", "blog": "blog"}
    if command in modules:
        __import__(f"bench.{modules[command]}", fromlist=["main"]).main(rest)
        return
    sys.exit(
        "用法：python -m bench all --reports 5000 [--runs 3] [--no-scale] …\n"
        "      python -m bench site|tally|posters|blog [选项]\n"
        "      python -m bench all --help"
    )


if __name__ == "__main__":
    main()
