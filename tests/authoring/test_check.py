"""`pbsite check` itself: choosing files, the summary, JSON for editors and CI, a broken config."""

from __future__ import annotations

import json

from tests.authoring.conftest import MEETING, pbsite
from tests.conftest import BASE_CONFIG, report_text

GOOD = "content/reports/cardiology/2026/good.md"
BAD = "content/reports/nursing/2026/bad.md"


def project(make_project):
    return make_project(
        {
            "cardiology/2026/good.md": report_text(MEETING + "备注: 会后补学\n"),
            "nursing/2026/bad.md": report_text(
                MEETING.replace("cardiology", "nursing").replace("present: 9", "present: 8")
            ),
        }
    )


def test_text_output_lists_every_problem_then_the_summary(make_project):
    result = pbsite(project(make_project), "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{GOOD}:10: 警告：不认识的项 `备注`，它会被忽略；如果是笔误请改正",
        f"{BAD}:9: 应到 10 人、实到 8 人，缺席应为 2 人，但 `absent`（缺席）列了 1 人，请补齐或删除，使人数一致",
    ]
    assert result.stdout.strip() == "共 2 篇报道，其中 1 篇有问题；另有 1 条警告"


def test_json_output_for_editors_and_ci(make_project):
    result = pbsite(project(make_project), "check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["config_ok"] is True
    assert report["summary"] == {"reports": 2, "reports_with_errors": 1, "errors": 1, "warnings": 1}
    assert report["files"] == [
        {"path": GOOD, "errors": 0, "warnings": 1},
        {"path": BAD, "errors": 1, "warnings": 0},
    ]
    assert [(p["path"], p["line"], p["severity"]) for p in report["problems"]] == [
        (GOOD, 10, "warning"),
        (BAD, 9, "error"),
    ]
    assert "缺席应为 2 人" in report["problems"][1]["message"]
    assert report["converted"] == []


def test_only_the_named_files_or_folders_are_checked(make_project):
    root = project(make_project)
    by_file = pbsite(root, "check", str(root / GOOD))
    assert (
        by_file.exit_code == 0
        and by_file.stdout.strip() == "共 1 篇报道，其中 0 篇有问题；另有 1 条警告"
    )
    by_folder = pbsite(root, "check", str(root / "content/reports/nursing"))
    assert by_folder.exit_code == 1 and by_folder.stdout.strip() == "共 1 篇报道，其中 1 篇有问题"


def test_a_path_that_is_not_a_report_is_refused(make_project):
    root = project(make_project)
    (root / "notes.md").write_text("笔记", encoding="utf-8")
    missing = pbsite(root, "check", str(root / "content/reports/none.md"))
    assert missing.exit_code == 1 and "找不到" in missing.stderr
    elsewhere = pbsite(root, "check", str(root / "notes.md"))
    assert elsewhere.exit_code == 1 and "不是报道" in elsewhere.stderr


def test_a_broken_config_is_reported_and_stops_the_check(make_project):
    root = make_project(
        {"cardiology/2026/good.md": report_text(MEETING)},
        config=BASE_CONFIG.replace("https://example.org/dangjian/", "example.org"),
    )
    result = pbsite(root, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("site_config.yaml:3: ")
    assert "site_config.yaml 有问题，1 篇报道未能检查" in result.stdout
    report = json.loads(pbsite(root, "check", "--format", "json").stdout)
    assert report["config_ok"] is False and report["problems"][0]["path"] == "site_config.yaml"
