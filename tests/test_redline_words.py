"""Word-level changes (docgen.redline.words): read without `del`, the new text; without
`ins`, the old; formatting kept; words, not letters, changed."""

from __future__ import annotations

import copy
import random

import lxml.html
import pytest
from lxml import etree

from docgen.redline import words

WORDS = ["trade", "the", "Sides", "30", "September", "2026", ",", ".", "US$150", "million",
         "connectivity", "will", "jointly"]


def _view(el: lxml.html.HtmlElement, without: str) -> str:
    el = copy.deepcopy(el)
    for node in list(el.iter(without)):
        parent = node.getparent()
        previous = node.getprevious()
        if node.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
    return " ".join(el.text_content().split())


def _redline(base: str, new: str) -> lxml.html.HtmlElement:
    old, fresh = lxml.html.fragment_fromstring(base), lxml.html.fragment_fromstring(new)
    words.fill(fresh, words.diff(words.tokens(old), words.tokens(fresh)))
    return fresh


def _text(markup: str) -> str:
    return " ".join(lxml.html.fragment_fromstring(markup).text_content().split())


@pytest.mark.parametrize("seed", range(40))
def test_each_view_gives_one_version(seed: int) -> None:
    rng = random.Random(seed)

    def sentence() -> str:
        picked = [rng.choice(WORDS) for _ in range(rng.randint(0, 12))]
        spans = [f"<strong>{w}</strong>" if rng.random() < 0.2 else w for w in picked]
        return "<p>" + " ".join(spans) + "</p>"

    base, new = sentence(), sentence()
    made = _redline(base, new)
    assert _view(made, "del") == _text(new)
    assert _view(made, "ins") == _text(base)


def test_a_moved_date_strikes_the_old_words_and_inserts_the_new() -> None:
    made = _redline("<p>by <strong>30 September</strong> 2026.</p>",
                    "<p>by <strong>31 December</strong> 2026.</p>")
    assert etree.tostring(made, encoding=str) == (
        "<p>by <strong><del>30 September</del><ins>31 December</ins></strong> 2026.</p>")


def test_an_unchanged_block_has_no_marks() -> None:
    made = _redline("<p>The Sides <em>will</em> meet.</p>", "<p>The Sides <em>will</em> meet.</p>")
    assert not words.changed(words.diff(words.tokens(made), words.tokens(made)))
    assert made.find(".//ins") is None
    assert made.find(".//del") is None
