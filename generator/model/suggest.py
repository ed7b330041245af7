"""“您是不是要写：…” suggestions, matching on Chinese characters and on pinyin."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process


@lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text)).lower()


def suggestions(word: str, candidates: list[str], limit: int = 3, cutoff: float = 70) -> list[str]:
    """Candidates closest to ``word`` by spelling or by sound, best first."""
    if not word or not candidates:
        return []
    scores: dict[str, float] = {}
    for key in (lambda s: s, _pinyin):
        choices = {c: key(c) for c in candidates}
        for _, score, candidate in process.extract(
            key(word), choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff
        ):
            scores[candidate] = max(scores.get(candidate, 0), score)
    return sorted(scores, key=lambda c: -scores[c])[:limit]


def did_you_mean(word: str, candidates: list[str]) -> str:
    """A sentence to append to an error, or an empty string when nothing is close."""
    found = suggestions(word, candidates)
    return f"您是不是要写：{'、'.join(found)}？" if found else ""
