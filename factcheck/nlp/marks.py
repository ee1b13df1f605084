"""Pairing quotation marks in raw text.

German news uses „…“ (inner ‚…‘), »…« (inner ›…‹), Swiss «…», English “…” and typewriter "…" / '…'.
The pairing is a stack scan per paragraph: a mark closes the innermost open quotation it can close, else
opens a new one if its context allows (whitespace or bracket before, a non-space after). Apostrophes
(geht's, Putins') are never quotation marks. A paragraph that ends inside a quotation continues it only if
the next paragraph reopens with the same mark (German convention for quotations over several paragraphs);
otherwise the unclosed marks are dropped, so a stray mark never swallows the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLOSERS = {
    "„": "“”",
    "‚": "‘’",
    "»": "«",
    "«": "»",
    "›": "‹",
    "‹": "›",
    "“": "”",
    "‘": "’",
    '"': '"',
    "'": "'",
}
ALL_MARKS = "„“”‚‘’»«›‹\"'"
_SCAN = re.compile("[„“”‚‘’»«›‹\"']|\n")
_OPEN_BEFORE = set(" \t\n([{/–—-:;,") | set(ALL_MARKS)
MAX_QUOTE_CHARS = 20_000  # a pair further apart than this is not a quotation
MAX_DEPTH = 6


@dataclass(frozen=True)
class Mark:
    """A paired quotation: ``open``/``close`` are the indices of the two mark characters."""

    open: int
    close: int
    depth: int  # 0 = outermost

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _is_apostrophe(text: str, i: int) -> bool:
    c = text[i]
    if c not in "'’":
        return False
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True  # geht's, O'Neill
    return False


def find_marks(text: str) -> list[Mark]:
    """All paired quotations in ``text``, sorted by opening position."""
    found: list[Mark] = []
    stack: list[tuple[str, int]] = []  # (opener char, index)
    n = len(text)
    reopen_at = -1  # index of a paragraph-initial mark that continues the open quotation
    for m in _SCAN.finditer(text):
        i = m.start()
        c = text[i]
        if c == "\n":
            j = i + 1
            while j < n and text[j] in " \t\n\r":
                j += 1
            if stack and j < n and text[j] == stack[0][0]:
                del stack[1:]  # the next paragraph reopens with the outer mark: the quotation continues
                reopen_at = j
            else:
                stack.clear()
            continue
        if i == reopen_at:
            continue
        if _is_apostrophe(text, i):
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        # 1. close the innermost quotation this mark can close
        closed = False
        for k in range(len(stack) - 1, -1, -1):
            opener, pos = stack[k]
            if c in CLOSERS[opener]:
                if opener in "\"'" and prev.isspace():
                    break  # a symmetric mark after a space opens rather than closes
                if c in "'’" and k != len(stack) - 1:
                    break  # an apostrophe-like mark only closes the innermost quotation
                if i - pos <= MAX_QUOTE_CHARS and i > pos + 1:
                    found.append(Mark(pos, i, k))
                del stack[k:]
                closed = True
                break
        if closed:
            continue
        # 2. open a new quotation
        if c in CLOSERS and not nxt.isspace() and (prev in _OPEN_BEFORE or c in "„‚»" and not prev.isalnum()):
            if c in "'’" and prev.isalnum():
                continue
            if len(stack) >= MAX_DEPTH:
                del stack[0]  # the oldest open mark is a stray: real quotations do not nest this deep
            stack.append((c, i))
    found.sort(key=lambda mk: (mk.open, -mk.close))
    # depth from containment (a quotation continued over paragraphs may contain others)
    result: list[Mark] = []
    open_stack: list[Mark] = []
    for mk in found:
        while open_stack and open_stack[-1].close < mk.open:
            open_stack.pop()
        result.append(Mark(mk.open, mk.close, len(open_stack)))
        open_stack.append(mk)
    return result
