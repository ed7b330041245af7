"""One-character words are joined to their neighbours in the search index (see searchtext)."""

from __future__ import annotations

import pytest

from generator.site.searchtext import join_single_characters

Z = "\u200b"


@pytest.mark.parametrize(
    ("cut", "indexed"),
    [
        # Joined to the word before: 医院 still starts a word, 的 is no word of its own.
        (f"{Z}本站{Z}是{Z}医院{Z}的{Z}网站", f"{Z}本站是{Z}医院的{Z}网站"),
        # At the start of a run there is no word before, so it joins the word after.
        (f"<p>{Z}在{Z}医院{Z}开展", f"<p>{Z}在医院{Z}开展"),
        (f"党{Z}课", "党课"),
        # Not Chinese on either side: nothing to join.
        (f"A{Z}党{Z}B", f"A{Z}党{Z}B"),
        (f"{Z}党课{Z}", f"{Z}党课{Z}"),
    ],
)
def test_no_one_character_word_is_left(cut, indexed):
    assert join_single_characters(cut) == indexed
    assert join_single_characters(indexed) == indexed  # a second pass changes nothing
