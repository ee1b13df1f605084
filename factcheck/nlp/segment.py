"""Sentence segmentation that keeps quotations whole.

spaCy's rule-based ``sentencizer`` splits at every full stop, so a sentence like
``Er sagte: „Wir kommen. Wir bleiben.“`` is cut inside the quotation and the opening „ is left at the end of
the previous sentence. Here a sentence ends at . ! ? … (or a paragraph break) only outside a paired
quotation, and a quotation that itself ends with a full stop ends the sentence when a capitalised word follows.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .marks import Mark, find_marks

SENT_END = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSING = set("“”‘’«»‹›\"')]")
OPENING = set("„‚»«“‘\"'([")


def char_to_token(doc: Doc, starts: list[int], char: int) -> int:
    """Index of the token that contains character ``char``."""
    return max(0, bisect_right(starts, char) - 1)


def mark_tokens(doc: Doc, marks: list[Mark]) -> list[tuple[int, int, int]]:
    """Token indices (opening mark, closing mark, depth) of each paired quotation."""
    starts = [t.idx for t in doc]
    out = []
    for mk in marks:
        if not starts:
            break
        o, c = char_to_token(doc, starts, mk.open), char_to_token(doc, starts, mk.close)
        if c > o:
            out.append((o, c, mk.depth))
    return out


def _starts_sentence(text: str) -> bool:
    ch = text[:1]
    return ch.isupper() or ch.isdigit() or ch in OPENING or text.startswith("\n")


def segment(doc: Doc, quote_tokens: list[tuple[int, int, int]]) -> None:
    """Set ``is_sent_start`` on every token of ``doc``."""
    n = len(doc)
    if n == 0:
        return
    inside = bytearray(n)  # 1 = strictly inside an outermost quotation (between its marks)
    closer_of = {}
    for o, c, depth in quote_tokens:
        if depth == 0:
            inside[o + 1 : c] = b"\x01" * (c - o - 1)
            closer_of[c] = o
    texts = [t.text for t in doc]
    starts = [False] * n
    starts[0] = True
    for i in range(n - 1):
        t = texts[i]
        if t.isspace():
            if "\n" in t:
                starts[i + 1] = True
            continue
        if inside[i]:
            continue
        if t in SENT_END:
            j = i + 1
            while j < n and texts[j] in CLOSING and j not in closer_of and not inside[j]:
                j += 1
            if j < n and j not in closer_of and (texts[j].isspace() or _starts_sentence(texts[j])):
                if doc[j - 1].whitespace_ or texts[j].isspace() or texts[j][:1] in OPENING:
                    starts[j] = True
        elif i in closer_of and texts[i - 1] in SENT_END:
            nxt = texts[i + 1]
            if nxt.isspace() or (doc[i].whitespace_ and _starts_sentence(nxt)):
                starts[i + 1] = True
    # a whitespace token never starts a sentence: move the start to the next real token
    for i in range(n):
        if starts[i] and texts[i].isspace() and i + 1 < n and i > 0:
            starts[i] = False
            starts[i + 1] = True
    # one array write instead of n token writes (each token write re-checks the whole doc)
    values = numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], values)


def find_quote_tokens(doc: Doc) -> list[tuple[int, int, int]]:
    return mark_tokens(doc, find_marks(doc.text))
