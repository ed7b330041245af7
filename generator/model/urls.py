"""Stable, readable, ASCII-only addresses for published reports.

A report lives at ``reports/<branch-id>/<YYYY-MM-DD>-<slug>/``. The slug is the title in
pinyin, one hyphen between words, unless the report sets `slug` (网址) itself. Reports
that would still share an address get ``-2``, ``-3`` … in file-path order, so the same
content always yields the same addresses.
"""

from __future__ import annotations

import re
from collections import defaultdict

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


def plain_tokenizer() -> jieba.Tokenizer:
    """The address tokenizer: jieba's own dictionary, never taught a word. Others may copy
    its dictionary rather than load the same one again."""
    return _SLUG_WORDS


# Title -> slug, worked out in this process or handed over by ``ReportMemo``: cutting
# thousands of titles takes a second or more, and a title always gets the same slug.
_SLUGS: dict[str, str] = {}


def pinyin_slug(title: str) -> str:
    """``主题党日活动`` → ``zhuti-dangri-huodong``: words from jieba, sounds from pypinyin."""
    slug = _SLUGS.get(title)
    if slug is None:
        slug = _SLUGS[title] = _sounds(title)
    return slug


def known_slugs() -> dict[str, str]:
    """Every slug this process has worked out (or learned)."""
    return dict(_SLUGS)


def learn_slugs(slugs: dict[str, str]) -> None:
    """Take over slugs worked out by an earlier build with the same code and libraries."""
    _SLUGS.update(slugs)


def _sounds(title: str) -> str:
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
    """Give every public report its address; returns errors for explicit slugs that clash.

    Reports whose title gives them the same address are numbered ``-2``, ``-3`` …; that is
    expected. Two reports that both *ask* for one address with `slug` cannot both have it:
    the first by path keeps it, since its page may be published and linked already, and each
    later one gets the error, naming the report that has the address. Checking that report
    alone finds nothing wrong with it, rightly: the later one is the one to change.
    """
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.path):
        if report.is_public:
            groups[base_url(report)].append(report)
    problems = [problem for url, members in groups.items() for problem in _clashes(url, members)]
    rejected = {problem.path for problem in problems}
    taken = set(groups)
    for url, members in groups.items():
        _number(url, [r for r in members if r.path not in rejected], taken)
    return problems


def _clashes(url: str, members: list[Report]) -> list[Problem]:
    explicit = [r for r in members if r.slug]
    return [
        Problem(
            report.path,
            report.line_of("slug", "title", "date"),
            f"这篇报道的网址 {url} 已被 {explicit[0].path} 使用（两篇都写了 `slug`（网址）: "
            f"{report.slug}）。请把这篇的 `slug`（网址）改成别的值，"
            f"只用小写英文字母、数字和连字符，如 `{report.slug}-2`",
        )
        for report in explicit[1:]
    ]


def _number(url: str, members: list[Report], taken: set[str]) -> None:
    """The first report keeps the address; the others get the next free ``-2``, ``-3`` …"""
    if not members:
        return
    members[0].url = url
    suffix = 2
    for report in members[1:]:
        while f"{url[:-1]}-{suffix}/" in taken:
            suffix += 1
        report.url = f"{url[:-1]}-{suffix}/"
        taken.add(report.url)
