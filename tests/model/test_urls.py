"""Report addresses depend on the title alone, not on what else ran in the process."""

import subprocess
import sys
from pathlib import Path

from generator.model import load_project
from tests.conftest import TODAY, report_text

TEACH_THEN_SLUG = """
import jieba
from generator.model import urls
from generator.model.urls import pinyin_slug
title = "党建引领心守护：走进社区义诊"
before = pinyin_slug(title)
# What the site does for search: brand names become whole words for jieba.
jieba.add_word("心守护", freq=100000)
jieba.add_word("党建引领心守护", freq=100000)
assert list(jieba.cut(title))[0] == "党建引领心守护"
urls._SLUGS.clear()  # worked out again, with the words taught
print(before, pinyin_slug(title))
"""


def test_words_taught_for_search_do_not_move_addresses():
    # In its own process: the words taught here would otherwise stay for later tests.
    result = subprocess.run(
        [sys.executable, "-c", TEACH_THEN_SLUG], capture_output=True, text=True, check=True
    )
    before, after = result.stdout.split()
    assert before.startswith("dangjian-yinling-")
    assert after == before


def test_a_clashing_slug_stays_with_the_report_that_had_it(make_project):
    base = "date: 2026-03-05\nbranch: cardiology\ntype: study\n"
    root = make_project(
        {
            "cardiology/2026/a.md": report_text("title: 学习\n" + base + "slug: spring\n"),
            "cardiology/2026/b.md": report_text("title: 学习\n" + base + "网址: spring\n"),
            "cardiology/2026/c.md": report_text("title: spring\n" + base),
        }
    )
    project = load_project(root, today=TODAY)
    (error,) = project.errors
    assert (error.path[-4:], error.line) == ("b.md", 6) and "cardiology/2026/a.md" in error.message
    urls = {Path(r.path).name: r.url for r in project.reports}
    assert urls == {
        "a.md": "reports/cardiology/2026-03-05-spring/",
        "c.md": "reports/cardiology/2026-03-05-spring-2/",
    }
