"""Report addresses depend on the title alone, not on what else ran in the process."""

import subprocess
import sys

TEACH_THEN_SLUG = """
import jieba
from generator.model.urls import pinyin_slug
title = "党建引领心守护：走进社区义诊"
before = pinyin_slug(title)
# What the site does for search: brand names become whole words for jieba.
jieba.add_word("心守护", freq=100000)
jieba.add_word("党建引领心守护", freq=100000)
assert list(jieba.cut(title))[0] == "党建引领心守护"
pinyin_slug.cache_clear()
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
