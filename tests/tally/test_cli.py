"""`pbsite tally` through click's CliRunner: formats, exit codes and --lenient."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import HANDOVER_REPORTS, config, report

# The command validates against the real today, so every report here is safely in the past.
BAD = "---\ntitle: 坏报道\ndate: 2026-13-01\nbranch: nurse\ntype: volunteer\n---\n正文\n"


@pytest.fixture
def root(make_project) -> Path:
    return make_project(HANDOVER_REPORTS, config())


@pytest.fixture
def broken_root(make_project) -> Path:
    return make_project({**HANDOVER_REPORTS, "bad.md": BAD}, config())


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "tally", *args])


def test_json_goes_to_stdout_by_default(root: Path):
    result = run(root, "--year", "2026", "--as-of", "2026-10-31")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["year"], data["generated_for"]) == (2026, "2026-10-31")
    # On 31 October Q4 has not ended: 李四 is not charged for it yet.
    assert [(s["name"], s["total"], s["rank"]) for s in data["secretaries"]] == [
        ("王五", 11, 1),
        ("张三", 6, 2),
        ("李四", 5, 3),
    ]


def test_as_of_defaults_to_the_end_of_a_finished_year(make_project):
    root = make_project({"a.md": report("2025-03-01", "nurse", "volunteer")}, config())
    result = run(root, "--year", "2025")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["generated_for"] == "2025-12-31"


def test_year_defaults_to_the_current_tally_year(root: Path):
    result = run(root)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["year"] == dt.date.today().year


def test_invalid_reports_stop_the_tally_and_are_all_listed(broken_root: Path):
    result = run(broken_root, "--year", "2026")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "content/reports/bad.md:3: " in result.stderr
    assert "有 1 篇报道未通过校验，统计已停止" in result.stderr
    assert "--lenient" in result.stderr


def test_lenient_lists_invalid_reports_under_rejected(broken_root: Path):
    result = run(broken_root, "--year", "2026", "--as-of", "2026-10-31", "--lenient")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (rejected,) = data["rejected"]
    assert rejected["path"] == "content/reports/bad.md"
    assert rejected["errors"][0]["line"] == 3
    assert "日期" in rejected["errors"][0]["message"]
    assert "content/reports/bad.md:3: " in result.stderr
    assert [s["total"] for s in data["secretaries"]] == [11, 6, 5]


def test_csv_to_a_file(root: Path, tmp_path: Path):
    target = tmp_path / "out" / "评价.csv"
    result = run(root, "--year", "2026", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith("\ufeff排名,书记,支部".encode())
    assert "已导出" in result.stderr


def test_csv_to_stdout_keeps_the_bom(root: Path):
    result = run(root, "--year", "2026", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")


def test_xlsx_needs_an_output_file(root: Path):
    result = run(root, "--year", "2026", "--format", "xlsx")
    assert result.exit_code == 1
    assert "请用 -o 指定输出文件" in result.stderr


def test_lenient_xlsx_has_the_rejected_sheet(broken_root: Path, tmp_path: Path):
    target = tmp_path / "tally.xlsx"
    result = run(broken_root, "--year", "2026", "--format", "xlsx", "-o", str(target), "--lenient")
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(target).sheetnames[-1] == "未通过校验"


def test_as_of_before_the_tally_year_is_refused(root: Path):
    result = run(root, "--year", "2026", "--as-of", "2025-12-31")
    assert result.exit_code == 1
    assert "早于 2026 统计年度的开始日期 2026-01-01" in result.stderr


def test_a_year_that_has_not_started_is_refused(root: Path):
    # Without --as-of the as-of day is today, which lies before the year: refuse, as above.
    result = CliRunner().invoke(
        main, ["--root", str(root), "tally", "--year", "2027"], env={"PBSITE_TODAY": "2026-11-30"}
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert (
        "--year 2027：该统计年度从 2027-01-01 开始，今天（2026-11-30）还没到，没有可统计的报道。"
        "请写已经开始的年度，如 --year 2026"
    ) in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "26"], "--year 应写成四位年份"),
        (["--as-of", "2026-02-30"], "--as-of “2026-02-30”不是日期"),
    ],
)
def test_bad_year_or_as_of_is_explained_in_chinese(root: Path, args: list[str], message: str):
    result = run(root, *args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_help_is_in_chinese(root: Path):
    result = run(root, "--help")
    assert result.exit_code == 0
    assert "定量评价" in result.output and "--lenient" in result.output
