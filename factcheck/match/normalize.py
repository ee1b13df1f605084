"""The form two claims are compared in: what outlets vary is taken out, what a claim says is kept.

Two steps, both German rules kept as data in data/lexicons:

1. The surface form (`surface`, `surface_all` for many texts at once): Unicode NFKC, quotation marks, soft
   hyphens and zero-width characters removed, dashes unified, hyphenated compounds and words hyphenated at
   a line break joined (Ganztags-Betreuung = Ganztagsbetreuung), an ellipsis or „[…]“ as the gap token „…“
   (it may stand for any words), numbers written one way (1.800 = 1800 = 1 800; a decimal comma kept),
   signs and abbreviations written out (30 % = 30 Prozent, Mrd. = Milliarden; quantities.txt), case folded,
   whitespace collapsed. A quotation of several sentences is cut into sentences (UNIT_SEP between them),
   each matched on its own.

2. The claim form of each word (`canonical`): direct and indirect speech reduced to one form
   (claim_forms.txt: first and second person to third, Konjunktiv I/II and person forms of auxiliaries,
   modals and frequent strong verbs to the indicative third person, a few swapped adverbs to one), number
   words as digits, and the endings of other words stripped (senke / senkt / senken → senk). Function words
   (stopwords.txt) and the gap are no content words: they carry no claim.

`ClaimForm` (from `claim_form`) is one sentence in that form with what the guards need: its content words,
its quantities (numbers, months, weekdays, magnitudes) and how many negations it has.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from factcheck.nlp.lexicons import read_lines

GAP = "…"
# Private-use characters: no text has them, no step changes them, and neither is whitespace to str.split.
UNIT_SEP = "\ue001"   # between the sentences of one quotation in the surface form
_TEXT_SEP = "\ue000"  # joins texts for surface_all
DECIMAL = "·"       # a decimal comma inside a number, so that tokenising keeps 2,4 as one word
LEXICON_FILES = ("claim_forms.txt", "stopwords.txt", "quantities.txt", "negations.txt", "abbreviations.txt",
                 "sentence_ends.txt")
MIN_STEM = 3        # endings are stripped only where this much of the word is left

_QUOTE_MARKS = "\"'„“”‚‘’»«›‹`´"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Plain str.replace per character: far faster than str.translate with a table on long strings.
_REPLACEMENTS = (*((c, "") for c in _QUOTE_MARKS + _INVISIBLE), *((c, "-") for c in "‐‑‒–—―−"))
# Each pattern starts with a literal or a digit and looks behind only after it: re then finds candidates fast.
_LINE_BREAK_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\n\s*(?=[^\W\d_])")
_COMPOUND_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)(?=[^\W\d_])")
_GAP = re.compile(r"\.(?:\s*\.){2,}")
_BRACKETED_GAP = re.compile(r"[\[(]\s*…\s*[\])]")
_THOUSANDS = re.compile(r"\d(?<![\d.,]\d)\d{0,2}(?:[. ]\d{3})+(?![\d])(?!,\d)(?!\.\d)")
_DECIMAL_COMMA = re.compile(r",(?<=\d,)(?=\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
# Words are what is left between whitespace once ASCII punctuation is blanked out; on UTF-8 bytes with
# bytes.translate, several times faster than a regex over the text. Bytes >= 128 (umlauts, the gap, the
# decimal mark) stay.
_BLANK_PUNCTUATION = bytes(c if chr(c).isalnum() or chr(c).isspace() or c >= 128 else 32 for c in range(256))


@dataclass(frozen=True)
class _Lexicon:
    forms: dict[str, str]            # word form -> canonical form (claim_forms.txt, number words, units)
    endings: tuple[str, ...]         # longest first
    stopwords: frozenset[str]
    quantities: frozenset[str]       # months, weekdays, magnitudes
    negations: frozenset[str]
    symbols: tuple[tuple[str, str], ...]  # signs written out before tokenising (% -> prozent)
    ones: frozenset[str]             # ein, eine …: the number 1 before one of `counted`
    counted: frozenset[str]          # magnitudes, fractions, measures (in claim form)
    qualifiers: dict[tuple[str, ...], str]  # words before a number -> which way it bounds (mehr als -> >)
    abbreviations: frozenset[str]    # a full stop after these ends no sentence
    version: str                     # changes with any of the files: stored forms are then remade


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    forms: dict[str, str] = {}
    endings = []
    for line in read_lines("claim_forms.txt"):
        if line.startswith("-"):
            endings.append(line[1:].strip())
        else:
            form, _, canon = line.partition("\t")
            forms[form.strip().casefold()] = canon.strip().casefold()  # words are compared casefolded (ß = ss)
    quantities, symbols, ones, measures, qualifiers = set(), [], set(), set(), {}
    for line in read_lines("quantities.txt"):
        kind, word, *value = line.split("\t")
        if kind == "number":
            forms[word] = value[0].replace(",", DECIMAL)
        elif kind == "ordinal":
            forms.update((word + ending, value[0]) for ending in ("e", "en", "er", "es", "em"))
        elif kind == "unit":
            if word.isalnum() or word.rstrip(".").isalnum():
                forms[word.rstrip(".")] = value[0]
            else:
                symbols.append((word, f" {value[0]} "))
            quantities.add(value[0])
        elif kind == "one":
            ones.add(word)
        elif kind == "measure":
            measures.add(word)
        elif kind == "qualifier":
            qualifiers[tuple(word.split())] = value[0]
        else:  # month, weekday, magnitude, fraction, date
            quantities.add(word)
    abbreviations = {line.split("\t")[1].casefold() for line in read_lines("sentence_ends.txt")
                     if line.split("\t")[0] in ("abbreviation", "number_abbreviation")}
    abbreviations |= set(read_lines("abbreviations.txt"))
    digest = hashlib.sha1()
    for name in LEXICON_FILES:
        digest.update("\n".join(read_lines(name)).encode())
    return _Lexicon(forms, tuple(sorted(endings, key=len, reverse=True)), frozenset(read_lines("stopwords.txt")),
                    frozenset(quantities), frozenset(read_lines("negations.txt")), tuple(symbols),
                    frozenset(ones), frozenset(quantities | measures), qualifiers, frozenset(abbreviations),
                    digest.hexdigest()[:12])


# --------------------------------------------------------------------------- surface form


def surface(text: str) -> str:
    """The surface form of one text (its sentences separated by UNIT_SEP)."""
    return surface_all([text])[0]


def surface_all(texts: list[str], *, batch: int = 10_000) -> list[str]:
    """`surface` for many texts at once: each step runs once over a batch of them joined, several times faster
    than text by text. Batches keep memory bounded: str.casefold alone allocates 12 bytes per character of its
    input, 3 GB for a million quotations joined."""
    out: list[str] = []
    for start in range(0, len(texts), batch):
        part = texts[start:start + batch]
        joined = _TEXT_SEP.join(part)
        if joined.count(_TEXT_SEP) != len(part) - 1 or UNIT_SEP in joined:  # a text holds a separator itself
            out += [_surface(t) for t in part]
        else:
            out += _surface(joined).split(_TEXT_SEP)
    return out


def _surface(text: str) -> str:
    lex = lexicon()
    text = unicodedata.normalize("NFKC", text)
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    text = _LINE_BREAK_HYPHEN.sub("", text)
    text = _COMPOUND_HYPHEN.sub("", text)
    if ".." in text or ". ." in text:
        text = _GAP.sub(GAP, text)
    if GAP in text:
        text = _BRACKETED_GAP.sub(GAP, text).replace(GAP, f" {GAP} ")
    text = _SENTENCE_END.sub(_sentence_end, text)
    text = _THOUSANDS.sub(lambda m: m.group().replace(".", "").replace(" ", ""), text)
    text = _DECIMAL_COMMA.sub(DECIMAL, text)
    for sign, word in lex.symbols:
        if sign in text:
            text = text.replace(sign, word)
    text = " ".join(text.casefold().split())  # whitespace runs as one space: twice as fast as a regex
    for sep in (UNIT_SEP, _TEXT_SEP):  # no space at the separators
        text = text.replace(f" {sep}", sep).replace(f"{sep} ", sep)
    return text.strip(" ")


def _sentence_end(m: re.Match) -> str:
    """A full stop, ! or ? and a capital after it end a sentence, unless the word before is an abbreviation,
    an initial (Hans P. Ebner) or a day of the month (am 3. März)."""
    text, end = m.string, m.start() - 1  # the punctuation mark
    if text[end] == ".":
        start = end
        while start > 0 and not text[start - 1].isspace() and end - start < 20:
            start -= 1
        word = text[start:end].lstrip("([")
        if word.casefold() in lexicon().abbreviations or (word.isalpha() and len(word) == 1) or (
                word.isdigit() and len(word) <= 2):
            return m.group()
    return UNIT_SEP


def tokens(surface_text: str) -> list[bytes]:
    """The words of a surface form (or of many joined by spaces), as UTF-8 bytes; the gap is a word."""
    return surface_text.encode("utf-8").translate(_BLANK_PUNCTUATION).split()


# --------------------------------------------------------------------------- claim form


@lru_cache(maxsize=1 << 20)
def canonical(word: str) -> str:
    """The claim form of one (casefolded) word."""
    lex = lexicon()
    if word in lex.forms:
        return lex.forms[word]
    if word in lex.stopwords or word in lex.quantities or word in lex.negations or not word.isalpha():
        return word
    for ending in lex.endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            if ending[0] == "s" and stem[-1] == "s":
                continue  # schließt is schließ-t (as schließe is schließ-e), not schlie-st
            return word if stem in lex.stopwords else stem  # Nacht is no "nach"
    return word


def is_content(canon: str) -> bool:
    """Can carry a claim: not a function word, not the gap, a number or a word of two letters or more."""
    lex = lexicon()
    return canon not in lex.stopwords and canon != GAP and (len(canon) > 1 or canon.isdigit())


def is_quantity(canon: str) -> bool:
    return canon[:1].isdigit() or canon in lexicon().quantities


@dataclass(frozen=True, slots=True)
class ClaimForm:
    text: str                  # the words in claim form, joined by spaces: what the scores compare
    content: tuple[str, ...]   # distinct content words, in order of first appearance
    quantities: frozenset[str]
    negations: int
    has_gap: bool


_CONTENT, _QUANTITY, _NEGATION = 1, 2, 4


_WORDS: dict[bytes, tuple[str, int]] = {}  # _word's results: a dict lookup costs a fraction of lru_cache's


def _word(token: bytes) -> tuple[str, int]:
    """A token's claim form and what it is (content word, quantity, negation), as flags."""
    found = _WORDS.get(token)
    if found is None:
        canon = canonical(token.decode("utf-8"))
        flags = (_CONTENT if is_content(canon) else 0) | (_QUANTITY if is_quantity(canon) else 0)
        if len(_WORDS) >= 1 << 20:
            _WORDS.clear()
        found = _WORDS[token] = (canon, flags | (_NEGATION if canon in lexicon().negations else 0))
    return found


def claim_form(unit: str) -> ClaimForm:
    """One sentence (a unit of a surface form) in claim form."""
    raw = tokens(unit)
    known = _WORDS.get
    words = [known(t) or _word(t) for t in raw]
    bounds = [] if _number_neighbours().isdisjoint(raw) else _counted_ones([t.decode("utf-8") for t in raw], words)
    text = " ".join([w for w, _ in words])
    return ClaimForm(text, tuple(dict.fromkeys([w for w, f in words if f & _CONTENT])),
                     frozenset([w for w, f in words if f & _QUANTITY] + bounds),
                     sum(1 for _, f in words if f & _NEGATION), GAP in text and GAP in text.split())


@lru_cache(maxsize=1)
def _number_neighbours() -> frozenset[bytes]:
    """The words `_counted_ones` looks at a number's neighbours for (ein …, the first word of a qualifier): a
    sentence with none of them is left alone."""
    lex = lexicon()
    return frozenset(w.encode("utf-8") for w in lex.ones | {key[0] for key in lex.qualifiers})


def _counted_ones(raw: list[str], words: list[tuple[str, int]]) -> list[str]:
    """What a number's neighbours say about it: „ein“ before a magnitude, fraction or measure is the number 1
    (written so in `words`); a qualifier before a number says which way it bounds: returned as quantities
    such as „>5“ (mehr als 5, über 5)."""
    lex = lexicon()
    bounds = []
    for i, word in enumerate(raw[:-1]):
        if word in lex.ones and (words[i + 1][0] in lex.counted or raw[i + 1] in lex.counted):
            words[i] = _word(b"1")
    starts = {key[0] for key in lex.qualifiers}
    for i in [i for i, word in enumerate(raw) if word in starts]:
        for size in (2, 1):
            sign = lex.qualifiers.get(tuple(raw[i:i + size]))
            if sign is not None:
                k = i + size + (raw[i + size:i + size + 1] in (["zum"], ["zur"], ["dem"], ["der"], ["den"]))
                after = words[k][0] if k < len(words) else ""
                if is_number(after) or after in lex.quantities:
                    bounds.append(f"{sign}{after}")
                break
    return bounds


def is_number(canon: str) -> bool:
    return canon[:1].isdigit()


def units(text: str) -> list[str]:
    """The sentences of a text, in surface form."""
    return surface(text).split(UNIT_SEP)


def normalize(text: str) -> str:
    """A whole text in claim form (its sentences one after another)."""
    return " ".join(claim_form(u).text for u in units(text))


def content_words(text: str) -> list[str]:
    """The distinct content words of a text, in claim form."""
    return list(dict.fromkeys(w for u in units(text) for w in claim_form(u).content))


def stopwords() -> frozenset[str]:
    return lexicon().stopwords
