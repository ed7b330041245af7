"""Search text tuned for the query side of Material's Chinese search.

Material cuts the index with jieba (words joined by U+200B), but in the browser it cuts a
query into the longest *shorter* pieces that are words of the index: a two-character query
such as 党课 becomes 党, which then matches every word starting with 党 (党员, 党建 …). It
only searches the whole query when not even its first character is a word of the index.
So the index gets no one-character words: each is joined to the word before it, where that
word still begins as before, so every search that matched it still does. Only one that
opens a run of Chinese text is joined to the word after it, which then no longer begins a
word at that spot: a small loss beside two-character queries that find what they ask for.
The text reads exactly the same either way.
"""

from __future__ import annotations

import re

import jieba

from ..model.urls import plain_tokenizer

BOUNDARY = "\u200b"
_HAN = re.compile(r"[\u3400-\u9fff]")
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


def join_single_characters(text: str) -> str:
    parts = text.split(BOUNDARY)
    joined: list[str] = []
    for index, part in enumerate(parts):
        if len(part) == 1 and _HAN.match(part):
            if joined and joined[-1] and _HAN.match(joined[-1][-1]):
                joined[-1] += part
                continue
            following = parts[index + 1] if index + 1 < len(parts) else ""
            if following and _HAN.match(following[0]):
                parts[index + 1] = part + following
                continue
        joined.append(part)
    return BOUNDARY.join(joined)
