"""Time ``load_project`` and the tally on a synthetic corpus (target: tally ≤ 5 s at 20,000).

    python -m bench.tally --reports 20000

Run 1 is cold (first load in a fresh process: imports, jieba's dictionary); the medians are
over every run. Model loading, the tally itself and writing the three exports are timed apart.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from generator.model import load_project
from generator.tally import WRITERS, compute_tally

from .corpus import make_corpus

YEAR = 2025


def main(argv: list[str] | None = None) -> None:
    options = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pbsite-bench-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        make_corpus(root, options.reports, options.branches, seed=options.seed, year=YEAR)
        print(
            f"生成语料：{options.reports} 篇报道，{options.branches} 个支部，"
            f"{time.perf_counter() - started:.1f} s"
        )
        timings = {"load_project": [], "tally": [], "exports": []}
        for run in range(1, options.runs + 1):
            seconds = _one_run(root)
            for name, value in seconds.items():
                timings[name].append(value)
            cold = "（冷启动）" if run == 1 else ""
            print(f"第 {run} 次{cold}：" + "，".join(f"{k} {v:.2f} s" for k, v in seconds.items()))
    for name, values in timings.items():
        print(f"{name:<13} 中位数 {statistics.median(values):6.2f} s   最大 {max(values):6.2f} s")
    # ru_maxrss is in KiB on Linux; worker processes the loader may fork report separately.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"峰值内存（RSS）：本进程 {peak:.0f} MiB，子进程最大 {children:.0f} MiB")


def _one_run(root: Path) -> dict[str, float]:
    started = time.perf_counter()
    project = load_project(root, publishing=False)
    loaded = time.perf_counter()
    result = compute_tally(project, YEAR)
    tallied = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pbsite-bench-out-") as out:
        for suffix, write in WRITERS.items():
            write(result, Path(out) / f"tally.{suffix}")
    exported = time.perf_counter()
    return {
        "load_project": loaded - started,
        "tally": tallied - loaded,
        "exports": exported - tallied,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.tally", description=__doc__)
    parser.add_argument("--reports", type=int, default=20_000, help="报道篇数")
    parser.add_argument("--branches", type=int, default=80, help="支部个数")
    parser.add_argument("--runs", type=int, default=3, help="重复次数（取中位数）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子")
    return parser


if __name__ == "__main__":
    main()
