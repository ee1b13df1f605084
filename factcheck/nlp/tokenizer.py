"""A tokenizer that stays linear in its input, around spaCy's.

spaCy's tokenizer strips the prefixes and suffixes of a whitespace-free chunk one at a time, and every step
searches, slices and hashes the whole rest of the chunk: a chunk with k affixes costs k times its length. A run
of 50,000 quotation marks („„„…) took minutes. Real text has a handful of affixes per chunk; a chunk with more
than ``MAX_AFFIXES`` non-word characters is split here instead, linearly, into its word runs and single other
characters, and spaCy tokenizes the text around it as before (so ordinary text is tokenized exactly as by
spaCy). The Doc's text is always the input text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokens import Doc

MAX_AFFIXES = 32
# a chunk (starting after whitespace) with at least MAX_AFFIXES non-word characters; each repetition is
# deterministic (\w* takes all word characters before the next other one), so a failed match costs at most its
# chunk's length, and the lookbehind lets only chunk starts try
DENSE_CHUNK = re.compile(r"(?<!\S)(?:\w*[^\w\s]){%d,}\S*" % MAX_AFFIXES)
PIECE = re.compile(r"\w+|\S")


class LinearTokenizer:
    """Wraps a spaCy tokenizer (``nlp.tokenizer = LinearTokenizer(nlp.tokenizer)``)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        # a dense chunk has at least MAX_AFFIXES characters between whitespace (str.split and the regex's \s
        # both split at str.isspace): without so long a chunk there is none, and the split is 3x cheaper
        long_chunk = any(len(chunk) >= MAX_AFFIXES for chunk in text.split())
        dense = [m.span() for m in DENSE_CHUNK.finditer(text)] if long_chunk else []
        doc = self._tokenize(text, dense) if dense else self.tokenizer(text)
        doc.user_data[_TEXT] = text  # what Doc.text gives, for token_columns
        return doc

    def _tokenize(self, text: str, dense: list[tuple[int, int]]) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for a, b in dense:
            self._extend(text[pos:a], words, spaces)
            for m in PIECE.finditer(text, a, b):
                words.append(m.group())
                spaces.append(False)
            if b < len(text) and text[b] == " ":
                spaces[-1] = True  # the single space after a token belongs to it, as in spaCy
                b += 1
            pos = b
        self._extend(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _extend(self, text: str, words: list[str], spaces: list[bool]) -> None:
        if text:
            for token in self.tokenizer(text):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)  # rules, prefix_search, … of the wrapped tokenizer


class TokenColumns(NamedTuple):
    words: list[str]     # each token's text
    starts: list[int]    # its character offset
    spaces: list[bool]   # whether a space follows it
    text: str            # the Doc's text (what ``Doc.text`` returns)


_COLUMNS = "factcheck_token_columns"
_TEXT = "factcheck_text"


def token_columns(doc: Doc) -> TokenColumns:
    """The Doc's tokens as plain lists, read off its arrays once per Doc (kept in ``doc.user_data`` for the next
    component that asks, as long as the Doc has as many tokens): iterating a Doc builds a Token object per
    token, and ``Doc.text`` builds them all again."""
    kept = doc.user_data.get(_COLUMNS)
    if kept is not None and len(kept[0]) == len(doc):
        return TokenColumns(*kept)
    if not len(doc):
        return TokenColumns([], [], [], "")
    array = doc.to_array([ORTH, IDX, SPACY])
    words = strings_of(array[:, 0].tolist(), doc.vocab.strings)
    starts, spaces = array[:, 1].tolist(), (array[:, 2] != 0).tolist()
    text = doc.user_data.get(_TEXT)  # the text LinearTokenizer made the Doc of: its tokens spell it out
    if text is None or text[starts[-1]:] != (words[-1] + " " if spaces[-1] else words[-1]):
        text = "".join([w + " " if s else w for w, s in zip(words, spaces)])
    columns = TokenColumns(words, starts, spaces, text)
    doc.user_data[_COLUMNS] = tuple(columns)
    return columns


_TEXT_OF: dict[int, str] = {}  # string id -> its text; an id is the hash of the text, the same in every vocab
_MAX_KEPT = 1_000_000  # a table of `mapped` starts again past this: a long run must not grow it without end


def strings_of(ids: list[int], strings) -> list[str]:
    """The texts of string ids (orths, lemmas; 0 is ""): a dict lookup per token is cheaper than the StringStore's,
    which decodes a new string each time; each distinct id is decoded once per process."""
    return mapped(ids, _TEXT_OF, strings.__getitem__)


def mapped(keys: list, table: dict, compute) -> list:
    """``[compute(key) for key in keys]`` for a pure ``compute`` that never returns None, each distinct key
    computed once and kept in ``table``: a per-token value of a word is a dict lookup."""
    values = list(map(table.get, keys))
    if None in values:  # keys not seen yet: computed (once each), the rest kept
        if len(table) > _MAX_KEPT:
            table.clear()
        for i, value in enumerate(values):
            if value is None:
                key = keys[i]
                value = table.get(key)
                if value is None:
                    value = table[key] = compute(key)
                values[i] = value
    return values
