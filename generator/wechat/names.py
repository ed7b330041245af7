"""Shorter ways to name the branches of a report, for a title or an author within WeChat's limits.

A title usually opens with the branches that held the activity (“心血管内科党支部与护理第一
党支部联合开展……”). Naming them more briefly keeps what the activity was, which cutting the
end of the title would lose; the author line names the branches in full wherever it can.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

SUFFIX = "党支部"
MORE = "等"
# Between two branch names: "A与B党支部" still reads right when the suffix is shared …
_AND = ("与", "和", "、", "及", "同")
# … but after "A联合B党支部" the verb must stay, so these are kept as they are.
_WITH = ("联合", "携手", "会同")
_DIGITS = "零一二三四五六七八九"
# A trailing "活动" adds nothing after "主题党日", "志愿服务" …; after a verb it is the object.
_FILLER = "活动"
_VERBS = ("开展", "举办", "举行", "组织", "参加", "参与", "策划")


class Named(Protocol):
    """A branch as the config names it (the model's ``Branch`` is one): full name and brand."""

    @property
    def name(self) -> str: ...

    @property
    def brand(self) -> str | None: ...


@dataclass(frozen=True)
class Opening:
    """A title split into its opening branch names, the words between them, and the rest."""

    branches: tuple[Named, ...]
    joiners: tuple[str, ...]  # one fewer than ``branches``
    rest: str

    @property
    def coordinated(self) -> bool:
        return all(joiner in _AND for joiner in self.joiners)

    def forms(self) -> list[str]:
        """The opening named ever more briefly: shared suffix, brands, "两支部"."""
        forms = []
        merged = merge([b.name for b in self.branches], self.joiners) if self.coordinated else None
        if merged:
            forms.append(merged)
        if any(b.brand for b in self.branches):
            forms.append(_interleave([b.brand or b.name for b in self.branches], self.joiners))
        if len(self.branches) > 1:
            # "两支部联合开展…": the joint activity stays visible; the author line names them.
            partner = "" if self.coordinated else self.joiners[0]
            forms.append(f"{_count(len(self.branches))}支部{partner}")
        return forms


def title_forms(title: str, branches: Sequence[Named]) -> list[str]:
    """``title`` and shorter versions that keep its meaning, most faithful first.

    The branch names that open it get shorter (see ``Opening.forms``); each form is also
    tried without a trailing "活动". The last form is the most compact.
    """
    opening = read_opening(title, branches)
    heads = [title[: len(title) - len(opening.rest)], *opening.forms()] if opening else [""]
    rest = opening.rest if opening else title
    forms: list[str] = []
    for head in heads:
        for tail in dict.fromkeys([rest, _without_filler(rest)]):
            forms.append(head + tail)
    return list(dict.fromkeys(forms))


def author_forms(names: Sequence[Named]) -> list[str]:
    """Who held the activity, in full first: "A党支部、B党支部", "A、B党支部", brands, "A党支部等"."""
    full = [b.name for b in names]
    forms = ["、".join(full)]
    if len(names) > 1:
        joiners = ("、",) * (len(names) - 1)
        forms.append(merge(full, joiners) or forms[0])
        if all(b.brand for b in names):
            forms.append("、".join(b.brand for b in names if b.brand))
        forms.append(full[0] + MORE)
    return list(dict.fromkeys(forms))


def read_opening(title: str, branches: Sequence[Named]) -> Opening | None:
    """The branch names (of the config) that open ``title``, joined by "与"、"联合" …"""
    longest_first = sorted(branches, key=lambda b: len(b.name), reverse=True)
    found, joiners, at = [], [], 0
    while True:
        branch = next((b for b in longest_first if title.startswith(b.name, at)), None)
        if branch is None:
            break
        found.append(branch)
        at += len(branch.name)
        joiner = next((j for j in (*_AND, *_WITH) if _joins(title, at, j, longest_first)), None)
        if joiner is None:
            break
        joiners.append(joiner)
        at += len(joiner)
    if not found:
        return None
    return Opening(tuple(found), tuple(joiners), title[at:])


def merge(names: Sequence[str], joiners: Sequence[str]) -> str | None:
    """``A党支部、B党支部`` -> ``A、B党支部`` when every name ends with "党支部"."""
    if len(names) < 2 or not all(n.endswith(SUFFIX) and len(n) > len(SUFFIX) for n in names):
        return None
    return _interleave([n.removesuffix(SUFFIX) for n in names], joiners) + SUFFIX


def _joins(title: str, at: int, joiner: str, branches: Sequence[Named]) -> bool:
    # "联合开展" is a verb, not a joiner: only words followed by another branch name count.
    return title.startswith(joiner, at) and any(
        title.startswith(b.name, at + len(joiner)) for b in branches
    )


def _interleave(words: Sequence[str], joiners: Sequence[str]) -> str:
    return "".join(w + j for w, j in zip(words, [*joiners, ""], strict=True))


def numeral(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十; from 100 on, Arabic digits."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if not tens:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _count(number: int) -> str:
    # A count before a measure word: "两支部", not "二支部".
    return "两" if number == 2 else numeral(number)


def _without_filler(text: str) -> str:
    stem = text.removesuffix(_FILLER)
    if stem == text or len(stem) < 2 or stem.endswith(_VERBS):
        return text
    return stem
