"""A reviewer's search words as a safe FTS5 query.

What a user types is data, never FTS syntax: every word and phrase goes into the query quoted. Understood:

- words (all required), each matched as the start of a word: `renten sicher`;
- phrases in double quotes („…“ too), words next to each other in that order: `"Öl ins Feuer"`;
- `OR` between two terms: `Putin OR Biden`;
- `-word` or `-"a phrase"` leaves out quotations that contain it;
- German spellings without umlauts or ß: `Oel` finds „Öl“, `grosster` „größter“, `Strasse` „Straße“ (and the
  other way round). The index (SQLite's unicode61 tokenizer) already ignores case and diacritics (ö = o), so a
  word is also searched with ae/oe/ue read as ä/ö/ü and ss as ß (and ß as ss).

A search without any word to look for (`"`, `*`, `-x`) is no query: `fts_query` returns "".
"""

from __future__ import annotations

import itertools
import re
import unicodedata

OPEN_QUOTES = '"„“”«»'
MAX_VARIANTS = 8
# ae/oe/ue stand for ä/ö/ü and ss for ß in German typed without them (not after a vowel or q: Feuer, Bauer,
# Quelle); ß stands for ss in Swiss spelling.
SPELLINGS = tuple((re.compile(pattern), other) for pattern, other in (
    (r"(?<![aeiouäöüq])ae", "ä"), (r"(?<![aeiouäöüq])oe", "ö"), (r"(?<![aeiouäöüq])ue", "ü"), ("ss", "ß"), ("ß", "ss"),
))
_TERM = re.compile(r'(-?)(?:[' + OPEN_QUOTES + r']([^' + OPEN_QUOTES + r']*)(?:[' + OPEN_QUOTES + r']|$)|([^\s' + OPEN_QUOTES + r']+))')


def fts_query(text: str) -> str:
    """The FTS5 MATCH expression for `text`, or "" if it names nothing to search for."""
    groups: list[list[str]] = []  # AND of groups, each an OR of alternatives
    excluded: list[str] = []
    join_next = False
    for sign, phrase, word in _TERM.findall(text or ""):
        if word == "OR" and not sign:
            join_next = bool(groups)
            continue
        words = _words(phrase if word == "" else word)
        if not words:
            continue
        alternatives = _alternatives(words, prefix=word != "")
        if sign:
            excluded.append(alternatives)
        elif join_next:
            groups[-1].append(alternatives)
        else:
            groups.append([alternatives])
        join_next = False
    if not groups:
        return ""
    query = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    for alternatives in excluded:
        query += f" NOT ({alternatives})"
    return query


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text.lower()).split()


def _alternatives(words: list[str], *, prefix: bool) -> str:
    """One term (a word, or several words in a row) in every spelling worth trying, joined by OR. A typed
    word is matched as a prefix; a respelled one only when it is long enough not to match half the index."""
    spellings = [_spellings(w) for w in words]
    terms = []
    seen = set()
    for combination in itertools.islice(itertools.product(*spellings), MAX_VARIANTS):
        key = _fold(" ".join(combination))
        if key in seen:
            continue
        seen.add(key)
        as_typed = list(combination) == words
        star = "*" if prefix and len(words) == 1 and (as_typed or len(key) >= 4) else ""
        terms.append('"' + " ".join(combination).replace('"', '""') + '"' + star)
    return " OR ".join(terms)


def _spellings(word: str) -> list[str]:
    """The word as typed first, then with each of ae/oe/ue/ss (and ß) spelled the other way."""
    variants = [word]
    for pattern, other in SPELLINGS:
        if pattern.search(word):
            variants += [pattern.sub(other, v) for v in variants]
    return list(dict.fromkeys(variants))


def _fold(text: str) -> str:
    """What the index sees: without diacritics (unicode61 folds ö to o)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
