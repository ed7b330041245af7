"""Refusals, privacy, the batch export, the build step and the `pbsite wechat` command."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from click.testing import CliRunner

from generator.build import export_steps
from generator.cli import main
from generator.model import load_project
from generator.paths import ProjectPaths
from generator.wechat import ExportRefused, export_reports, export_since, write_wechat_exports
from tests.conftest import TODAY

from .conftest import ABSENTEES, REPORT, REPORT_FILE


def dated(day: str, title: str, extra: str = "") -> str:
    return REPORT.replace("date: 2026-11-20 14:30", f"date: {day}").replace(
        "title: 心血管内科党支部开展主题党日活动", f"title: {title}\n{extra}".rstrip()
    )


@pytest.mark.parametrize(
    ("extra", "words"),
    [("visibility: internal", ["内部", "不能发布到公众号"]), ("草稿: true", ["草稿", "不能导出"])],
)
def test_internal_reports_and_drafts_refuse_to_export(
    project_with, cache_dir, tmp_path, extra, words
):
    project = project_with({REPORT_FILE: dated("2026-11-20", "内部学习", extra)})
    [report] = project.reports
    with pytest.raises(ExportRefused) as caught:
        export_reports(project, [report], tmp_path / "out", cache_dir)
    message = str(caught.value)
    assert report.path in message
    for word in words:
        assert word in message
    assert not (tmp_path / "out").exists()


def test_absentee_names_never_appear_in_any_output_file(project_with, export):
    done = export(project_with())
    files = [p for p in done.folder.rglob("*") if p.is_file()]
    assert {"article.html", "meta.json", "preview.html", "cover-2.35.jpg"} <= {
        p.name for p in files
    }
    for file in files:
        data = file.read_bytes()
        for name in ABSENTEES:
            assert name.encode() not in data, f"{name} in {file.name}"
        assert "病假".encode() not in data and "外出进修".encode() not in data


def test_batch_exports_every_public_report_since_a_date(project_with, cache_dir, tmp_path):
    project = project_with(
        {
            "cardiology/2026/2026-11-20-a.md": dated("2026-11-20", "十一月主题党日"),
            "cardiology/2026/2026-11-01-b.md": dated("2026-11-01", "十一月初学习"),
            "cardiology/2026/2026-10-01-c.md": dated("2026-10-01", "十月学习"),
            "cardiology/2026/2026-11-10-d.md": dated(
                "2026-11-10", "内部会议", "visibility: internal"
            ),
        }
    )
    exports = export_since(project, dt.date(2026, 11, 1), tmp_path / "out", cache_dir)
    assert [e.article.report.title for e in exports] == ["十一月初学习", "十一月主题党日"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        e.folder.name for e in exports
    )


def test_build_step_exports_the_last_30_days_and_drops_reports_made_internal(project_with):
    assert write_wechat_exports in export_steps()
    files = {
        "cardiology/2026/2026-11-20-a.md": dated("2026-11-20", "近期主题党日"),
        "cardiology/2026/2026-09-01-b.md": dated("2026-09-01", "九月学习"),
    }
    project = project_with(files)
    paths = ProjectPaths(project.root)
    folders = write_wechat_exports(project, paths)
    assert [f.parent for f in folders] == [paths.exports / "wechat"]
    assert "近期主题党日" in json.loads((folders[0] / "meta.json").read_text("utf-8"))["title"]
    # The report becomes internal: its earlier export must not linger among the exports.
    internal = dated("2026-11-20", "近期主题党日", "visibility: internal")
    (project.root / "content/reports/cardiology/2026/2026-11-20-a.md").write_text(internal, "utf-8")
    assert write_wechat_exports(load_project(project.root, today=TODAY), paths) == []
    assert not folders[0].exists()


def test_cli_exports_a_report_and_lists_each_warning(project_with, tmp_path, monkeypatch):
    project = project_with({REPORT_FILE: dated("2026-11-20", "标" * 40)})
    monkeypatch.setenv("PBSITE_TODAY", TODAY.isoformat())
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(
        main,
        ["--root", str(project.root), "wechat", f"content/reports/{REPORT_FILE}", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "已导出" in result.output and "共导出 1 篇文章" in result.output
    assert "提示：标题超长" in result.output and "32" in result.output
    [folder] = out.iterdir()
    assert (folder / "article.html").is_file()


def test_cli_since_and_refusal(project_with, tmp_path, monkeypatch):
    files = {
        REPORT_FILE: dated("2026-11-20", "公开活动"),
        "cardiology/2026/2026-11-02-x.md": dated("2026-11-02", "内部会议", "visibility: internal"),
    }
    project = project_with(files)
    monkeypatch.setenv("PBSITE_TODAY", TODAY.isoformat())
    root = ["--root", str(project.root), "wechat"]
    out = ["-o", str(tmp_path / "o")]
    since = CliRunner().invoke(main, [*root, "--since", "2026-11-01", *out])
    assert since.exit_code == 0, since.output
    assert "共导出 1 篇文章" in since.output
    refused = CliRunner().invoke(
        main, [*root, "content/reports/cardiology/2026/2026-11-02-x.md", *out]
    )
    assert refused.exit_code == 1
    assert "内部报道不能发布到公众号" in refused.output
    neither = CliRunner().invoke(main, root)
    assert neither.exit_code == 2 and "二者选一" in neither.output
    bad_date = CliRunner().invoke(main, [*root, "--since", "十一月"])
    assert bad_date.exit_code == 1 and "--since" in bad_date.output


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    previous = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(previous)


def modes(folder) -> dict[str, int]:
    return {
        path.relative_to(folder.parent).as_posix(): stat.S_IMODE(path.stat().st_mode)
        for path in [folder, *folder.rglob("*")]
    }


@pytest.mark.parametrize(
    ("mask", "folder_mode", "file_mode"),
    [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)],
    ids=["umask-022", "umask-027"],
)
def test_export_folders_have_ordinary_permissions(
    project_with, tmp_path, umask, monkeypatch, mask, folder_mode, file_mode
):
    """Not mkdtemp's drwx------: a web server or a colleague must be able to read them."""
    umask(mask)
    project = project_with()
    monkeypatch.setenv("PBSITE_TODAY", TODAY.isoformat())
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(
        main,
        ["--root", str(project.root), "wechat", f"content/reports/{REPORT_FILE}", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    [folder] = out.iterdir()
    built = write_wechat_exports(project, ProjectPaths(project.root))  # build/exports/wechat/
    assert built
    for exported in (folder, *built):
        found = modes(exported)
        assert any(name.endswith("images/01.jpg") for name in found)
        for name, mode in found.items():
            is_folder = (exported.parent / name).is_dir()
            assert mode == (folder_mode if is_folder else file_mode), f"{name}: {oct(mode)}"
