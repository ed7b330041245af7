"""Stable, readable, ASCII-only addresses for published reports.

A report lives at ``reports/<branch-id>/<YYYY-MM-DD>-<slug>/``. The slug is the title in
pinyin, one hyphen between words, unless the report sets `slug` (网址) itself. Reports
that would still share an address get ``-2``, ``-3`` … in file-path order, so the same
content always yields the same addresses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import jieba
from pypinyin import lazy_pinyin

from .problems import Problem
from .report import Report

SLUG_WORDS = 6
SLUG_CHARS = 48
jieba.setLogLevel(60)
# Addresses must not depend on what else ran in the process: the site teaches the shared
# tokenizer brand names for search, so a long-running `serve` would otherwise cut new
# titles differently from a fresh build. This one only ever knows jieba's own dictionary.
_SLUG_WORDS = jieba.Tokenizer()


@lru_cache(maxsize=65536)
def pinyin_slug(title: str) -> str:
    """``主题党日活动`` → ``zhuti-dangri-huodong``: words from jieba, sounds from pypinyin."""
    words: list[str] = []
    for word in _SLUG_WORDS.cut(title):
        ascii_word = re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(word)).lower())
        if ascii_word:
            words.append(ascii_word)
        if len(words) == SLUG_WORDS:
            break
    slug = "-".join(words)[:SLUG_CHARS].strip("-")
    return slug or "report"


def base_url(report: Report) -> str:
    return f"reports/{report.branch}/{report.date.isoformat()}-{report.slug or pinyin_slug(report.title)}/"


def assign_urls(reports: list[Report]) -> list[Problem]:
    """Give every public report its address; returns errors for explicit slugs that clash."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.path):
        if report.is_public:
            groups[base_url(report)].append(report)
    problems: list[Problem] = []
    taken = set(groups)
    for url, members in groups.items():
        explicit = [r for r in members if r.slug]
        for clash in explicit[1:]:
            problems.append(
                Problem(
                    clash.path,
                    1,
                    f"这篇报道的网址 {url} 与 {explicit[0].path} 相同，"
                    "请修改 `slug`（网址）使其不同",
                )
            )
        members[0].url = url
        suffix = 2
        for report in members[1:]:
            while f"{url[:-1]}-{suffix}/" in taken:
                suffix += 1
            report.url = f"{url[:-1]}-{suffix}/"
            taken.add(report.url)
    return problems
