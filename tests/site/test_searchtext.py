"""Search text: compounds split, one-character words joined to their neighbours, and the words
taught to jieba."""

from __future__ import annotations

import subprocess
import sys

import jieba
import pytest

from generator.site.searchtext import index_text, join_single_characters, teach_words
from tests.conftest import ROOT

Z = "\u200b"


@pytest.mark.parametrize(
    ("cut", "indexed"),
    [
        # Joined to the word before: 医院 still starts a word, 的 is no word of its own.
        (f"{Z}本站{Z}是{Z}医院{Z}的{Z}网站", f"{Z}本站是{Z}医院的{Z}网站"),
        # At the start of a run there is no word before, so it joins the word after…
        (f"<p>{Z}新{Z}党员{Z}宣誓", f"<p>{Z}新党员{Z}宣誓"),
        # …unless it opens a clause: then the word after it must stay findable.
        (f"<p>{Z}在{Z}医院{Z}开展", f"<p>{Z}在{Z}医院{Z}开展"),
        (f"党{Z}课", "党课"),
        # A measure after a number joins the number.
        (f"{Z}9{Z}月{Z}党小组会", f"{Z}9月{Z}党小组会"),
        # Not Chinese on either side: nothing to join.
        (f"A{Z}党{Z}B", f"A{Z}党{Z}B"),
        (f"{Z}党课{Z}", f"{Z}党课{Z}"),
    ],
)
def test_no_one_character_word_is_left(cut, indexed):
    assert join_single_characters(cut) == indexed
    assert join_single_characters(indexed) == indexed  # a second pass changes nothing


@pytest.mark.parametrize(
    ("cut", "indexed"),
    [
        # A word found only inside a longer one is split off…
        (f"坚持{Z}践行初心", f"坚持{Z}践行{Z}初心"),
        (f"{Z}志愿服务队", f"{Z}志愿{Z}服务队"),
        # …down to the smallest such words, so that a second pass changes nothing.
        (f"{Z}支部党员大会", f"{Z}支部{Z}党员{Z}大会"),
        # …and so is the word after a character opening a clause.
        (f"，{Z}按计划{Z}推进", f"，{Z}按{Z}计划{Z}推进"),
        # A split that would leave a single character keeps the word whole: 党支部 is searched.
        (f"{Z}心内科{Z}党支部{Z}知识{Z}进社区", f"{Z}心内科{Z}党支部{Z}知识{Z}进社区"),
        (f"{Z}走进社区", f"{Z}走进{Z}社区"),
        # jieba cuts a rare word into characters, which joining would hide in the word before.
        (f"坚持{Z}践行{Z}初{Z}心{Z}使命", f"坚持{Z}践行{Z}初心{Z}使命"),
    ],
)
def test_words_inside_longer_words_become_words_of_the_index(cut, indexed):
    assert index_text(cut) == indexed
    assert index_text(indexed) == indexed
    assert indexed.replace(Z, "") == cut.replace(Z, "")  # it reads the same


TEXT = "心守望品牌团队走进社区义诊，心守护志愿服务队同行"
TEACH_AND_CUT = """
from generator.site.searchtext import teach_words
teach_words(set(sys.argv[2:]))
print(jieba.dt.total, "/".join(jieba.cut(sys.argv[1])))
"""
# jieba's shared tokenizer loaded from jieba's own files, as in any other process.
FRESH = "import sys, jieba\njieba.initialize()\n" + TEACH_AND_CUT
# As in a build: search starts from a copy of the addresses' dictionary, loading that first.
# The copy must cut alike, the dictionary be loaded once for both, and teaching the copy
# must leave the addresses' dictionary as it was.
COPIED = (
    """
import sys, jieba
from generator.model.urls import pinyin_slug, plain_tokenizer
loads = []
load = jieba.Tokenizer.initialize
def counting(self, dictionary=None):
    if not self.initialized:
        loads.append(self)
    return load(self, dictionary)
jieba.Tokenizer.initialize = counting
plain = plain_tokenizer()
"""
    + TEACH_AND_CUT
    + """
untaught = (plain.total, len(plain.FREQ))
pinyin_slug("主题党日活动")
assert loads == [plain], loads
assert jieba.dt.FREQ is not plain.FREQ and (plain.total, len(plain.FREQ)) == untaught
assert all(word not in plain.FREQ for word in sys.argv[2:])
"""
)


def fresh_cut(*words: str, script: str = FRESH) -> str:
    """jieba's total and its cut of TEXT in a new process that taught ``words``."""
    done = subprocess.run(
        [sys.executable, "-c", script, TEXT, *words], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_search_copies_the_dictionary_addresses_loaded_and_cuts_alike():
    assert fresh_cut("心守望", script=COPIED) == fresh_cut("心守望")


@pytest.fixture
def untaught_after():
    yield
    teach_words(set())  # other tests in this process cut with jieba too


def test_a_word_no_longer_taught_is_cut_as_in_a_fresh_process(untaught_after):
    # A preview session: the brand 心守望 is renamed 心守护 in site_config.yaml.
    teach_words({"心守望", "心内科党支部"})
    teach_words({"心守护", "心内科党支部"})
    here = f"{jieba.dt.total} {'/'.join(jieba.cut(TEXT))}"
    assert here == fresh_cut("心守护", "心内科党支部")
    assert "心守望/" not in here
    teach_words(set())
    assert f"{jieba.dt.total} {'/'.join(jieba.cut(TEXT))}" == fresh_cut()


def test_words_are_taught_again_after_jieba_reloads_its_dictionary(untaught_after):
    # Material's `jieba_dict` search option makes jieba load its dictionary afresh.
    teach_words({"心守望"})
    jieba.dt.initialized = False
    jieba.initialize()
    teach_words({"心守望"})
    assert f"{jieba.dt.total} {'/'.join(jieba.cut(TEXT))}" == fresh_cut("心守望")
