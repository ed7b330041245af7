"""Shortening titles and digests to WeChat's limits at a boundary a reader would choose."""

from __future__ import annotations

from collections.abc import Sequence

import jieba

from .names import Named, title_forms

ELLIPSIS = "…"
# A cut may fall after these (the end of a clause) or before an opening bracket or quote.
_CLAUSE_ENDS = set("。！？；，、：!?;,:）》」』】”’)] \u3000")
_OPENERS = set("（《「『【“‘([")
_CLOSERS = set("）》」』】”’)]")
_TRAILING = "，、：；,;:—-·\u3000 "


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits, else the longest clause-bounded prefix, else a word-bounded one + “…”.

    A clause cut is taken only when it keeps at least half the limit; shorter than that, a
    cut between words loses less meaning. Never leaves a bracket or quote unclosed, unless
    the text opens with one that runs past the limit.
    """
    text = text.strip()
    if len(text) <= limit:
        return text
    clause = _clause_cut(text, limit)
    if clause is not None and clause >= limit // 2:
        return text[:clause].rstrip(_TRAILING)
    end = _word_cut(text, limit - len(ELLIPSIS))
    opened = _unclosed_opener(text[:end])
    if opened:  # inside 《…》 or “…”: cut before it (unless that leaves nothing)
        return text[:opened].rstrip(_TRAILING)
    return text[:end].rstrip(_TRAILING) + ELLIPSIS


def shorten_title(title: str, limit: int, branches: Sequence[Named]) -> str:
    """``title`` within ``limit``: first by naming its branches more briefly, then by cutting.

    Cutting the end loses what the activity was (the quoted name, the type), which a reader
    needs more than the branches' full names; so the shortest naming is the one cut.
    """
    forms = title_forms(title.strip(), branches)
    fitting = next((form for form in forms if len(form) <= limit), None)
    return fitting if fitting is not None else shorten(forms[-1], limit)


def _clause_cut(text: str, limit: int) -> int | None:
    """The largest cut position ≤ ``limit`` at a clause boundary outside any brackets."""
    best, depth = None, 0
    for index, char in enumerate(text[: limit + 1]):
        if char in _OPENERS:
            if depth == 0 and index:
                best = index
            depth += 1
        elif depth and char in _CLOSERS:
            depth -= 1
            if depth == 0 and index + 1 <= limit:
                best = index + 1
        elif depth == 0 and char in _CLAUSE_ENDS and index + 1 <= limit:
            best = index + 1
    return best


def _unclosed_opener(text: str) -> int | None:
    """Where the outermost bracket or quote still open at the end of ``text`` starts."""
    depth, start = 0, None
    for index, char in enumerate(text):
        if char in _OPENERS:
            start = index if depth == 0 else start
            depth += 1
        elif depth and char in _CLOSERS:
            depth -= 1
    return start if depth else None


def _word_cut(text: str, limit: int) -> int:
    """The largest word boundary (by jieba) ≤ ``limit``; ``limit`` itself if a word is longer."""
    end = 0
    for word in jieba.cut(text):
        if end + len(word) > limit:
            break
        end += len(word)
    return end or limit
