"""Fitting an article into WeChat's size limit without losing a word.

Blocks are packed into parts greedily, each part breaking between top-level blocks. A block
that alone is too big is broken between its children (rows, list items, inline runs), and
a text run between sentences, each piece wrapped in a copy of its parent element. A block
that belongs to the one after it (a heading) travels with it, so no part ends with it.
"""

from __future__ import annotations

import html
import re

from bs4 import NavigableString, Tag

BLOCK_SEPARATOR = "\n"
_SENTENCE = re.compile(r"(?<=[。！？；!?;])")
_WORST_ESCAPE = len("&amp;")  # the longest a single escaped character gets


def pack(pieces: list[str], budget: int, separator: str = "") -> list[list[str]]:
    """Consecutive groups of ``pieces`` whose joined length stays within ``budget``."""
    groups: list[list[str]] = []
    size = 0
    for piece in pieces:
        extra = len(piece) + (len(separator) if groups and groups[-1] else 0)
        if not groups or (groups[-1] and size + extra > budget):
            groups.append([])
            size, extra = 0, len(piece)
        groups[-1].append(piece)
        size += extra
    return groups


def bind(
    blocks: list[Tag], budget: int, glued: list[bool], separator: str = ""
) -> tuple[list[str], list[int]]:
    """The blocks as pieces of at most ``budget``, ready for ``pack``, and which blocks
    (numbered from 1) had to be broken into several pieces.

    A block marked in ``glued`` is joined to the first piece of the block after it, so that
    ``pack`` can only break after the two; that piece is made smaller if they would not fit
    together. Only a glued block too big to share a part (half the budget) stays apart.
    """
    pieces: list[str] = []
    broken: list[int] = []
    held: str | None = None  # a glued block's last piece, waiting for the next block
    for number, (block, glue) in enumerate(zip(blocks, glued, strict=True), start=1):
        if held is not None and len(held) + len(separator) > budget // 2:
            pieces.append(held)
            held = None
        room = budget - (len(held) + len(separator) if held is not None else 0)
        own = fit(block, room)
        if len(own) > 1:
            broken.append(number)
        if held is not None:
            own[0] = held + separator + own[0]
        held = own.pop() if glue else None
        pieces.extend(own)
    return (pieces if held is None else [*pieces, held]), broken


def fit(node: Tag | NavigableString, budget: int) -> list[str]:
    """``node`` as markup, in as few pieces as needed for each to be at most ``budget`` long."""
    markup = _markup(node)
    if len(markup) <= budget:
        return [markup]
    if isinstance(node, NavigableString):
        return ["".join(group) for group in pack(_text_pieces(str(node), budget), budget)]
    closing = f"</{node.name}>"
    opening = markup[: len(markup) - len(node.decode_contents()) - len(closing)]
    inner = budget - len(opening) - len(closing)
    pieces = [piece for child in node.contents for piece in fit(child, inner)]
    return [opening + "".join(group) + closing for group in pack(pieces, inner)]


def _markup(node: Tag | NavigableString) -> str:
    return node.output_ready() if isinstance(node, NavigableString) else node.decode()


def _text_pieces(text: str, budget: int) -> list[str]:
    """Escaped sentences; a sentence longer than ``budget`` is cut between characters."""
    pieces = []
    for sentence in filter(None, _SENTENCE.split(text)):
        escaped = html.escape(sentence, quote=False)
        if len(escaped) <= budget:
            pieces.append(escaped)
            continue
        step = max(1, budget // _WORST_ESCAPE)
        pieces.extend(
            html.escape(sentence[i : i + step], quote=False) for i in range(0, len(sentence), step)
        )
    return pieces
