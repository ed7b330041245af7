"""Reports parsed by one build, kept on disk for the next (``ReportMemo.stored`` / ``save``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.model import ReportMemo, load_project, load_remembered, urls
from generator.model import project as project_module
from tests.conftest import TODAY, report_text, write

FRONT = """\
title: {title}
date: 2026-03-0{day}
branch: cardiology
type: theme_day
attendance: {{expected: 3, present: 3}}
"""


def _report(title: str, day: int) -> str:
    return report_text(FRONT.format(title=title, day=day))


@pytest.fixture
def root(make_project) -> Path:
    root = make_project(
        {
            "cardiology/2026/a.md": _report("心血管内科党支部学习党章", 1),
            "cardiology/2026/b.md": _report("心血管内科党支部重温誓词", 2),
        }
    )
    _age(root)
    return root


def _age(root: Path) -> None:
    """Date every file a minute back, as files are between two builds."""
    past = time.time() - 60
    for path in (root / "content").rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the report files parsed from here on."""
    names: list[str] = []
    real = project_module.read_report

    def counting(file: Path, *args):
        names.append(file.name)
        return real(file, *args)

    monkeypatch.setattr(project_module, "read_report", counting)
    return names


def _stored_after_one_load(root: Path, store: Path) -> None:
    memo = ReportMemo.stored(store)
    load_project(root, today=TODAY, memo=memo)
    memo.save(store)


def test_the_next_load_parses_only_the_report_that_changed(root, tmp_path, parsed):
    store = tmp_path / "reports.pickle"
    _stored_after_one_load(root, store)
    write(root / "content" / "reports" / "cardiology" / "2026" / "b.md", _report("改过的标题", 2))
    parsed.clear()
    project = load_project(root, today=TODAY, memo=ReportMemo.stored(store))
    assert parsed == ["b.md"]
    assert sorted(r.title for r in project.reports) == ["心血管内科党支部学习党章", "改过的标题"]


def test_a_memo_from_other_code_or_a_damaged_file_is_not_used(root, tmp_path, parsed, monkeypatch):
    store = tmp_path / "reports.pickle"
    _stored_after_one_load(root, store)
    monkeypatch.setattr(project_module, "_code_version", lambda: "another version")
    parsed.clear()
    load_project(root, today=TODAY, memo=ReportMemo.stored(store))
    assert sorted(parsed) == ["a.md", "b.md"]
    store.write_bytes(b"\x80\x05 not a pickle")
    parsed.clear()
    load_project(root, today=TODAY, memo=ReportMemo.stored(store))
    assert sorted(parsed) == ["a.md", "b.md"]


def test_a_report_written_just_now_is_parsed_again_next_time(root, tmp_path, parsed):
    # Two writes within one clock tick would leave the same stamp, so a report this young is
    # never trusted to the next build.
    fresh = write(
        root / "content" / "reports" / "cardiology" / "2026" / "b.md", _report("刚写好", 2)
    )
    soon = time.time() + 60  # "just now" however slowly the rest of the test runs
    os.utime(fresh, (soon, soon))
    store = tmp_path / "reports.pickle"
    _stored_after_one_load(root, store)
    parsed.clear()
    load_project(root, today=TODAY, memo=ReportMemo.stored(store))
    assert parsed == ["b.md"]


def test_a_new_photo_or_another_day_means_every_report_is_parsed_again(root, tmp_path, parsed):
    store = tmp_path / "reports.pickle"
    _stored_after_one_load(root, store)
    parsed.clear()
    load_project(root, today=TODAY.replace(day=TODAY.day + 1), memo=ReportMemo.stored(store))
    assert sorted(parsed) == ["a.md", "b.md"]
    (root / "content" / "reports" / "cardiology" / "2026" / "new.jpg").write_bytes(b"x")
    parsed.clear()
    load_project(root, today=TODAY, memo=ReportMemo.stored(store))
    assert sorted(parsed) == ["a.md", "b.md"]


def test_the_title_slugs_of_addresses_come_with_the_memo(root, tmp_path, monkeypatch):
    # Cutting every title into words for its address costs more than reading the memo.
    store = tmp_path / "reports.pickle"
    monkeypatch.setattr(urls, "_SLUGS", {})
    _stored_after_one_load(root, store)
    before = sorted(r.url for r in load_project(root, today=TODAY).reports)
    monkeypatch.setattr(urls, "_SLUGS", {})  # as in the next build's fresh process

    def no_cutting(title: str) -> str:
        raise AssertionError(f"cut again: {title}")

    monkeypatch.setattr(urls, "_sounds", no_cutting)
    project = load_project(root, today=TODAY, memo=ReportMemo.stored(store))
    assert sorted(r.url for r in project.reports) == before
    assert all("xinxueguan" in url for url in before)


def test_load_remembered_prefers_memory_and_a_clean_load_touches_no_file(root, parsed, tmp_path):
    store = tmp_path / "reports.pickle"
    _, memo = load_remembered(root, None, today=TODAY)  # clean: nothing read or written
    assert sorted(parsed) == ["a.md", "b.md"] and not store.exists()
    _, memo = load_remembered(root, store, memo, today=TODAY, save=False)
    assert len(parsed) == 2 and not store.exists()  # the memo in memory, not saved
    load_remembered(root, store, memo, today=TODAY)
    assert store.exists()
    project, _ = load_remembered(root, store, today=TODAY)  # a new process: the saved memo
    assert len(parsed) == 2 and project.report_count == 2


def test_the_address_dictionary_loads_while_workers_parse_and_only_for_addresses(root, monkeypatch):
    calls: list[str] = []

    class Tokenizer:
        def check_initialized(self) -> None:
            calls.append("loaded")

    monkeypatch.setattr(project_module, "PARALLEL_FROM", 2)  # two reports: workers parse
    monkeypatch.setattr(project_module, "plain_tokenizer", Tokenizer)
    load_project(root, today=TODAY, publishing=False)  # a tally cuts no title
    assert calls == []
    project = load_project(root, today=TODAY, memo=ReportMemo())
    assert calls == ["loaded"] and project.report_count == 2
