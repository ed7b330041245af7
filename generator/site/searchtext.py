"""Search text tuned for the query side of Material's Chinese search.

Material cuts the index with jieba (words joined by U+200B). In the browser, a query finds
the words of the index that *begin* with it, and a query is first cut into the longest
*shorter* pieces that are words of the index: a two-character query such as 党课 becomes
党 when 党 is a word of the index, and then matches every word starting with 党 (党员,
党建 …). It only searches the whole query when not even its first character is a word.
Two things follow, and the text is re-marked for both. It reads exactly the same.

- A word found only inside a longer one is not found: 初心 in jieba's 践行初心, 社区 in
  进社区. A word of three or more characters that splits into dictionary words of two or
  more is split (践行|初心); one that would leave a single character stays whole (党支部,
  进社区), since 党支部 must still be found. The pieces are split again in turn, and
  names taught to jieba are split too: a search for the whole name finds its first piece.
- One-character words would turn two-character queries into one-character ones, so each is
  joined to the word before it, where that word still begins as before, or to the number
  before it (9月, 10人). Only one that opens a clause and cannot attach (在、为、以 …) stays
  a word of its own, so that the word after it, which the clause is about, can be found
  (为|完成, not 为完成); a query starting with such a character is rare. Any other single
  character that opens a run of Chinese text is joined to the word after it: a small loss
  beside two-character queries that find what they ask for.
"""

from __future__ import annotations

import math
import re
from functools import cache

import jieba

from ..model.urls import plain_tokenizer

BOUNDARY = "\u200b"
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_WORD = re.compile(r"[\u3400-\u9fff]+")
# One-character words that open a clause: kept as words, so the word after them is found.
CLAUSE_OPENERS = frozenset("在为以由各按对把被从向与和及并将让给于经据就当使又也还都均共每该此其第")
TAUGHT_WEIGHT = 100000  # jieba frequency of brand and type names: always cut whole
# Each word taught to jieba's shared tokenizer in this process, with its frequency before,
# and the frequency table they were taught into: a reloaded dictionary knows none of them.
_taught: dict[str, int | None] = {}
_taught_into: dict | None = None


def teach_words(words: set[str]) -> None:
    """Make jieba cut exactly ``words`` whole, as a fresh process teaching them would.

    A preview session teaches the config's words build after build. A word no longer named
    (a renamed brand) is untaught, or the index would cut it whole until the next restart.
    Teaching a word adds its weight to jieba's total, and the total decides how every text
    is cut, so untaught words give their weight back: jieba's own ``del_word`` does not.
    """
    global _taught_into
    _split.cache_clear()  # splits follow the dictionary being taught here
    _copy_loaded_dictionary()
    jieba.initialize()
    if _taught_into is not jieba.dt.FREQ:
        _taught.clear()
        _taught_into = jieba.dt.FREQ
    for word in _taught.keys() - words:
        original = _taught.pop(word)
        jieba.dt.FREQ[word] = original or 0
        jieba.dt.total -= TAUGHT_WEIGHT
    for word in sorted(words - _taught.keys()):
        _taught[word] = jieba.get_FREQ(word)
        jieba.add_word(word, freq=TAUGHT_WEIGHT)


def _copy_loaded_dictionary() -> None:
    """Start jieba's shared tokenizer from a copy of the addresses' dictionary, loading that
    first if need be: loading it from jieba's cache file takes most of a second, copying it
    a hundredth, and a build needs both (a new title's address, the search index)."""
    plain, shared = plain_tokenizer(), jieba.dt
    if shared.initialized or shared.dictionary != plain.dictionary:
        return  # loaded already, or another dictionary (Material's jieba_dict)
    plain.check_initialized()
    with shared.lock:
        shared.FREQ, shared.total = dict(plain.FREQ), plain.total
        shared.initialized = True


def index_text(text: str) -> str:
    """Material's cut text (words joined by U+200B), re-marked for its search: see above."""
    words = [piece for word in _regroup_characters(text.split(BOUNDARY)) for piece in _split(word)]
    return BOUNDARY.join(_join_single_characters(words))


def _regroup_characters(words: list[str]) -> list[str]:
    """Runs of one-character words as the dictionary words they spell, where they do:
    jieba cuts a rare word such as 初心 into 初|心, which joining would hide in 践行初心."""
    regrouped: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and _HAN.match(word):
            run.append(word)
            continue
        regrouped += _route("".join(run), whole=True, singles=True) if len(run) > 1 else run
        run = []
        regrouped.append(word)
    return regrouped[:-1]


@cache
def _split(word: str) -> tuple[str, ...]:
    """``word`` as dictionary words of two or more characters, after a character opening a
    clause if it starts with one (按|计划), where it is made of such words; else whole."""
    if len(word) < 3 or not _HAN_WORD.fullmatch(word):
        return (word,)
    pieces = _route(word, whole=False, singles=False)
    if pieces is None and word[0] in CLAUSE_OPENERS:
        rest = _route(word[1:], whole=True, singles=False)
        pieces = rest and (word[0], *rest)
    # Each piece as it would be split on its own, so that a second pass changes nothing.
    return tuple(part for piece in pieces for part in _split(piece)) if pieces else (word,)


def _route(text: str, *, whole: bool, singles: bool) -> tuple[str, ...] | None:
    """``text`` as dictionary words: as many of its characters as can be in words of two or
    more, then the likeliest such cut, as jieba weighs words. ``whole``: whether ``text``
    itself may be the one word; ``singles``: whether single characters may be left. None
    when there is no such cut."""
    tokenizer = jieba.dt
    graph, total = tokenizer.get_DAG(text), math.log(tokenizer.total)
    # best[i]: (characters in longer words, log probability, end of the first word) of text[i:]
    best: dict[int, tuple[int, float, int]] = {len(text): (0, 0.0, len(text))}
    for start in range(len(text) - 1, -1, -1):
        choices = []
        for end in (last + 1 for last in graph[start]):
            size = end - start
            if end not in best or (size == 1 and not singles):
                continue
            if not whole and size == len(text):
                continue
            covered, chance, _ = best[end]
            weight = math.log(tokenizer.FREQ.get(text[start:end]) or 1) - total
            choices.append((covered + (size if size > 1 else 0), chance + weight, end))
        if choices:
            best[start] = max(choices)
    if 0 not in best:
        return None
    words, start = [], 0
    while start < len(text):
        words.append(text[start : best[start][2]])
        start = best[start][2]
    return tuple(words)


def join_single_characters(text: str) -> str:
    return BOUNDARY.join(_join_single_characters(text.split(BOUNDARY)))


def _join_single_characters(parts: list[str]) -> list[str]:
    """The words with single characters joined (see above). Changes ``parts``: a character
    may be joined into the word after it there."""
    joined: list[str] = []
    for index, part in enumerate(parts):
        if len(part) == 1 and _HAN.match(part):
            before = joined[-1][-1:] if joined else ""
            if before and (_HAN.match(before) or before.isdigit()):
                joined[-1] += part
                continue
            following = parts[index + 1] if index + 1 < len(parts) else ""
            if part not in CLAUSE_OPENERS and following and _HAN.match(following[0]):
                parts[index + 1] = part + following
                continue
        joined.append(part)
    return joined
