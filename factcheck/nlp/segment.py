"""Sentence segmentation that keeps quotations whole.

spaCy's rule-based ``sentencizer`` splits at every full stop, so a sentence like
``Er sagte: „Wir kommen. Wir bleiben.“`` is cut inside the quotation and the opening „ is left at the end of
the previous sentence. Here a sentence ends at . ! ? … (or a paragraph break) only outside a paired
quotation, and a quotation that itself ends with a full stop ends the sentence when a capitalised word follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .lexicons import load_lexicons, read_lines
from .marks import Mark, find_marks
from .speakers import ADJ_ENDINGS
from .tokenizer import mapped, token_columns

MAX_SENTENCE_TOKENS = 256
SENT_END = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSING = set("“”‘’«»‹›\"')]")
OPENING = set("„‚»«“‘\"'([")


def mark_tokens(starts: list[int], marks: list[Mark]) -> list[tuple[int, int, int]]:
    """Token indices (opening mark, closing mark, depth) of each paired quotation; ``starts`` are the tokens'
    character offsets."""
    out = []
    for mk in marks:
        if not starts:
            break
        o, c = max(0, bisect_right(starts, mk.open) - 1), max(0, bisect_right(starts, mk.close) - 1)
        if c > o:
            out.append((o, c, mk.depth))
    return out


def _starts_sentence(text: str) -> bool:
    ch = text[:1]
    return ch.isupper() or ch.isdigit() or ch in OPENING or text.startswith("\n")


NUMBER_STOP = re.compile(r"\d[\d.,:/]*\.")  # a number the tokenizer keeps together with its full stop: 1988. 7,1.
ORDINAL = re.compile(r"\d{1,3}\.")  # a plain number that may be an ordinal: 3. 19. 147.
DATE = re.compile(r"\d{1,2}\.\d{1,2}\.")  # 14.11.


@lru_cache(maxsize=1)
def _words() -> dict[str, set[str]]:
    """The classes of data/lexicons/sentence_ends.txt (month, ordinal_before, abbreviation, …)."""
    out: dict[str, set[str]] = {}
    for line in read_lines("sentence_ends.txt"):
        cls, _, word = line.partition("\t")
        out.setdefault(cls, set()).add(word)
    closed = load_lexicons().closed
    out["function"] = {w.casefold() for cls in ("preposition", "adverb", "conjunction", "particle", "indefinite")
                       for w in closed.get(cls, ())}
    return out


def _may_end_sentence(t: str) -> bool:
    """Whether token text ``t`` can take one of segment's branches (a closing mark aside, which goes by position)."""
    return (t.isspace() and "\n" in t) or t in SENT_END or t in _words()["final_abbreviation"] or (
        t[-1:] == "." and t[:1].isdigit())


_MAY_END: dict[str, bool] = {}  # token text -> _may_end_sentence(text)


def _inflected_adjective(word: str) -> bool:
    """A lower-case word with an adjective ending (frühen, kommende, stationierten) that is no function word."""
    return (
        len(word) >= 5
        and word.isalpha()
        and word.islower()
        and word.endswith(ADJ_ENDINGS)
        and word not in _words()["function"]
    )


def _previous_word(texts: list[str], i: int) -> str:
    """The token before ``i``, skipping spaces within a line; a line break or the text start gives "\\n"."""
    k = i - 1
    while k >= 0 and texts[k].isspace() and "\n" not in texts[k]:
        k -= 1
    return texts[k] if k >= 0 else "\n"


def _number_ends_sentence(texts: list[str], i: int, nxt: str) -> bool:
    """Whether the number token ``texts[i]`` with its full stop (``1988.``) ends the sentence before ``nxt``.

    spaCy keeps the full stop on a number, because "3." may be an ordinal. It is an ordinal, not a sentence
    end, before a month (am 3. Oktober), after an article or a contracted preposition (der 2. Weltkrieg,
    am 5. Spieltag), at the start of a line (a numbered list) and as a date (14.11.); any other number
    (im Jahr 1988., Stärke 7,1., zirka 1.000.) ends the sentence when a capitalised word follows.
    """
    words = _words()
    if nxt in words["month"] or DATE.fullmatch(texts[i]):
        return False
    if ORDINAL.fullmatch(texts[i]):
        prev = _previous_word(texts, i)
        if "\n" in prev or prev in SENT_END or prev.casefold() in words["ordinal_before"]:
            return False
        if _inflected_adjective(prev):
            return False
    return True


def _abbreviation_before(texts: list[str], i: int, nxt: str) -> bool:
    """Whether the full stop ``texts[i]`` belongs to an abbreviation the tokenizer split off (Mag. Walter, Art. 51)."""
    if i == 0:
        return False
    words = _words()
    prev = texts[i - 1]
    return prev in words["abbreviation"] or (prev in words["number_abbreviation"] and nxt[:1].isdigit())


def _glued_sentence(doc: Doc, i: int, j: int) -> bool:
    """A full stop without a space between two words, as in "wurden.Das": a sentence end with a missing space.

    Only between a lower-case word and a capitalised word with a lower-case second letter, so that
    abbreviations and names written with full stops (U.S.A., Linke.PDS) are left alone.
    """
    if i == 0 or j != i + 1:
        return False
    prev, nxt = doc[i - 1], doc[j]
    return (
        not doc[i - 1].whitespace_
        and prev.is_alpha
        and prev.text[-1:].islower()
        and len(prev.text) > 1
        and nxt.is_alpha
        and nxt.text[:1].isupper()
        and nxt.text[1:2].islower()
    )


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
    texts, _, spaces, _ = token_columns(doc)
    final_abbreviations = _words()["final_abbreviation"]
    starts = [False] * n
    starts[0] = True
    # only a line break, a sentence-end mark, a final abbreviation, a number with its full stop or a closing mark
    # can start the next sentence (each branch below asks for one); the other tokens are skipped unread
    may_end = mapped(texts, _MAY_END, _may_end_sentence)
    candidates = set(compress(range(n - 1), may_end)).union(c for c in closer_of if c < n - 1)
    for i in sorted(candidates):
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
                if _abbreviation_before(texts, i, texts[j]):
                    continue
                if spaces[j - 1] or texts[j].isspace() or texts[j][:1] in OPENING:
                    starts[j] = True
                elif _glued_sentence(doc, i, j):
                    starts[j] = True
        elif t in final_abbreviations and spaces[i]:
            if texts[i + 1][:1].isupper() and not inside[i + 1]:
                starts[i + 1] = True
        elif t[-1] == "." and t[:1].isdigit() and spaces[i] and NUMBER_STOP.fullmatch(t):
            nxt = texts[i + 1]
            if nxt[:1].isupper() and not inside[i + 1] and _number_ends_sentence(texts, i, nxt):
                starts[i + 1] = True
        elif i in closer_of and texts[i - 1] in SENT_END:
            nxt = texts[i + 1]
            if nxt.isspace() or (spaces[i] and _starts_sentence(nxt)):
                starts[i + 1] = True
    # a whitespace token never starts a sentence: move the start to the next real token (compress reads
    # ``starts`` as it goes, so a start moved forward is seen)
    for i in compress(range(n), starts):
        if texts[i].isspace() and i + 1 < n and i > 0:
            starts[i] = False
            starts[i + 1] = True
    cap_sentences(starts, inside, closer_of, texts)
    # one array write instead of n token writes (each token write re-checks the whole doc)
    values = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], values)


def cap_sentences(starts: list[bool], inside: bytearray, closer_of: dict[int, int], texts: list[str]) -> None:
    """Cut sentences longer than MAX_SENTENCE_TOKENS (in place), after the last clause boundary (, ; :) before
    the limit, else at the limit, never inside a quotation. The rules look at a sentence as a whole, some of
    them once per quotation or cue in it, so a sentence without end (a list, a run of 50,000 quotation marks)
    would make them quadratic in the text; with the cap each costs at most a constant per token. Real
    sentences stay whole (the longest in the WIKINEWS corpus has 207 tokens)."""
    bounds = [*compress(range(len(starts)), starts), len(starts)]
    if all(b - a <= MAX_SENTENCE_TOKENS for a, b in zip(bounds, bounds[1:])) and bounds[0] == 0:
        return  # a cut needs a sentence of more than MAX_SENTENCE_TOKENS tokens
    begin = 0
    soft = hard = 0  # the last cut after a clause boundary / anywhere, 0 = none yet
    for i in range(1, len(starts)):
        if starts[i]:
            begin, soft, hard = i, 0, 0
            continue
        if not inside[i] and i not in closer_of and not texts[i].isspace():
            hard = i
            if texts[i - 1] in (",", ";", ":"):
                soft = i
        if i - begin >= MAX_SENTENCE_TOKENS and hard > begin:
            begin = soft if soft > begin else hard
            starts[begin] = True
            soft = hard = 0


def find_quote_tokens(doc: Doc) -> list[tuple[int, int, int]]:
    """(opening mark, closing mark, depth) tokens of each paired quotation."""
    columns = token_columns(doc)
    return mark_tokens(columns.starts, find_marks(columns.text))
