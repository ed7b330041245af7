"""`python -m bench all` end to end on a tiny corpus: every measure runs and lands in the table.

The figures of a run this small mean nothing; what is checked is that the one command the
issue asks for still runs every measure (real builds, Material's blog, `pbsite serve`, the
tally, posters) and reports each one with a median and a peak memory.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ROWS = {
    "cold full build, 12 reports": r"[\d.]+ s",
    "Material blog plugin, same": r"[\d.]+ s: blog ÷ pbsite cold = [\d.]+×",
    "warm rebuild, nothing changed": r"[\d.]+ s",
    "one report edited under pbsite serve, 12 reports": r"[\d.]+ s \(first build \d+ s\)",
    "tally, 40 reports (load + tally + exports)": r"[\d.]+ s \([\d.]+ \+ [\d.]+ \+ [\d.]+\)",
    "posters, cold, per phone poster, 1 core": r"\d+ ms \(CPU \d+ ms\)",
    "posters, 2 cores vs 1": r"[\d.]+× \(machine ceiling [\d.]+×\)",
}


@pytest.mark.slow
def test_bench_all_runs_every_measure(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bench", "all", "--reports", "12", "--photos", "1"]
    command += ["--runs", "1", "--tally-reports", "40", "--poster-count", "2", "--no-scale"]
    command += ["--work", str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    table = [line.split(" | ") for line in done.stdout.splitlines() if line.startswith("| ")]
    rows = {cells[0].removeprefix("| "): cells for cells in table[1:]}
    for name, median in ROWS.items():
        [cells] = [cells for row, cells in rows.items() if row.startswith(name)]
        assert re.fullmatch(median, cells[2]), cells
        if not name.startswith("posters, 2 cores"):
            assert re.fullmatch(r"\d+ MiB \|", cells[3]), cells
    assert len(rows) == len(ROWS)
    assert (tmp_path / "logs" / "cold-12-1.json").is_file()
