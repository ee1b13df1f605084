"""Speaker phrases: finding the noun phrase of a speaker around a cue, naming and typing it.

German capitalises nouns and names and writes verbs lowercase, so a speaker phrase is found as a run of
articles, adjectives and capitalised words (with genitive and "von"/"in" attachments) next to the cue.
The display name drops articles, and for "role + name" phrases keeps only the name
("Wladimir Putins Pressesprecher Dmitri Peskow" -> "Dmitri Peskow").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicons import Lexicons

ADJ_ENDINGS = ("e", "en", "er", "es", "em")
ATTACHMENTS = ("von", "vom", "in", "im", "für", "aus")  # "Ken Rice vom Institut für Astronomie in Edinburgh"
OPEN_QUOTES = {"„", "»", "“", '"'}
CLOSE_QUOTES = {"“", "”", "«", '"'}
_NO_QUOTES = str.maketrans("", "", "„“”»«\"")
_WORD = re.compile(r"^[\w.\-’']+$")


@dataclass
class Mention:
    start: int  # token indices, end exclusive
    end: int
    name: str | None = None
    type: str = "unknown"


class Tokens:
    """Per-document token features in plain lists (fast access for the rules)."""

    LOWER_NAMES = True

    def __init__(self, doc, lex: Lexicons):
        self.doc = doc
        self.lex = lex
        self.text = [t.text for t in doc]
        self.doc_text = doc.text
        self.lemma = [t.lemma_ or t.text for t in doc]
        self.idx = [t.idx for t in doc]
        self.n = len(self.text)
        self.cap = [bool(t) and t[0].isupper() for t in self.text]
        # entities of a statistical pipeline (``--model``), person and organisation only
        self.ents = [(e.start, e.end, e.label_, e.text) for e in doc.ents if e.label_ in ("PER", "PERSON", "ORG")]
        c = lex.closed
        self.articles = c["article"]
        self.indefinite = c["indefinite"]
        self.pronouns = c["pronoun_person"]
        self.prepositions = c["preposition"]
        self.adverbs = c["adverb"]
        self.non_subject = c.get("pronoun_other", set())
        self.time = c["time"]
        self.conj = c["conjunction"]

    def end_char(self, i: int) -> int:
        return self.idx[i] + len(self.text[i])

    def is_word(self, i: int) -> bool:
        t = self.text[i]
        return t[:1].isalnum() and bool(_WORD.match(t))

    def is_noun(self, i: int) -> bool:
        """Capitalised word that is not an article, pronoun or (sentence-initial) preposition."""
        t = self.text[i]
        if not self.cap[i]:
            # a lowercase name particle joined to a name: al-Dschasira, bin-Laden
            return self.LOWER_NAMES and "-" in t and t[:1].isalpha() and t.rsplit("-", 1)[-1][:1].isupper() and self.is_word(i)
        if not self.is_word(i):
            return False
        low = t.lower()
        return (
            low not in self.articles and low not in self.prepositions and low not in self.adverbs and t not in self.pronouns
            and low not in self.non_subject and low not in ("und", "aber", "doch", "so", "wie", "dass")
        )

    def is_adjective(self, i: int) -> bool:
        """Lowercase inflected adjective or ordinal (hochrangiger, US-amerikanische, zweiter)."""
        t = self.text[i]
        return (
            not self.cap[i]
            and self.is_word(i)
            and len(t) > 3
            and t.endswith(ADJ_ENDINGS)
            and t not in self.articles
            and t not in self.indefinite
            and t not in self.adverbs
            and t not in self.lex.konjunktiv
            and t not in self.lex.hearsay
            and t not in self.lex.verb_forms
        ) or (self.cap[i] and "-" in t and not t.split("-")[-1][:1].isupper())

    def is_det(self, i: int) -> bool:
        t = self.text[i]
        return t.lower() in self.articles or t.lower() in self.indefinite


def np_forward(tk: Tokens, i: int, limit: int) -> Mention | None:
    """The noun phrase starting at token ``i`` (before ``limit``), or None."""
    if i >= limit:
        return None
    t = tk.text[i]
    if t in tk.pronouns:
        return Mention(i, i + 1)
    j = i
    while j < limit and (tk.is_det(j) or tk.is_adjective(j) or tk.text[j] in (",", "und") and j > i and j + 1 < limit and tk.is_adjective(j + 1)):
        j += 1
    if j > i and j < limit and tk.is_det(j - 1) and tk.text[j] in tk.prepositions:
        # extended attribute: "einer auf ihrer Website veröffentlichten Erklärung"
        for k in range(j + 1, min(limit - 1, j + 8)):
            if not tk.is_word(k):
                break
            if tk.is_adjective(k) and tk.is_noun(k + 1):
                j = k + 1
                break
    if j >= limit or not tk.is_noun(j):
        return None
    while j < limit and tk.is_noun(j):
        j += 1
    end = j
    # attachments: genitive (des/der + NP), "von" + name, "in" + place
    while j < limit:
        low = tk.text[j]
        if low in ("des", "der", "von", "vom", "in") and j + 1 < limit:
            k = j + 1
            while k < limit and (tk.is_det(k) or tk.is_adjective(k)):
                k += 1
            if k < limit and tk.is_noun(k) and (low != "in" or k == j + 1) and tk.text[k] not in tk.time:
                while k < limit and tk.is_noun(k):
                    k += 1
                j = end = k
                continue
            if k < limit and tk.text[k] in OPEN_QUOTES and low != "in":  # "der Geschäftsführer von „Ener1“"
                c = k + 1
                while c < limit and c - k <= 6 and tk.is_word(c):
                    c += 1
                if c < limit and c > k + 1 and tk.text[c] in CLOSE_QUOTES and tk.cap[k + 1]:
                    j = end = c + 1
                    continue
        break
    return Mention(i, end)


def np_backward(tk: Tokens, end: int, floor: int) -> Mention | None:
    """The noun phrase ending right before token ``end`` (not before ``floor``), or None."""
    j = end - 1
    while j >= floor and (tk.text[j] in tk.adverbs or tk.text[j].isspace()):  # also a double space
        j -= 1
    if j >= floor and tk.text[j] == ")":  # "Renate Schmidt (SPD) äußerte"
        k = j
        while k > floor and tk.text[k] != "(" and j - k < 8:
            k -= 1
        if tk.text[k] == "(":
            j = k - 1
    end = j + 1
    if j < floor:
        return None
    if tk.text[j] in CLOSE_QUOTES:  # a name in quotation marks: "Die „Süddeutsche Zeitung“ berichtete"
        k = j - 1
        while k > floor and tk.text[k] not in OPEN_QUOTES and j - k < 8:
            k -= 1
        if k - 1 >= floor and tk.text[k] in OPEN_QUOTES and k + 1 < j and all(tk.is_word(x) for x in range(k + 1, j)):
            if tk.is_det(k - 1) or tk.is_noun(k - 1):
                before = np_backward(tk, k, floor) if tk.is_noun(k - 1) else None
                return Mention(before.start if before is not None else k - 1, end)
        if k == floor and tk.text[k] in OPEN_QUOTES and k + 1 < j and all(tk.is_word(x) for x in range(k + 1, j)) and tk.cap[k + 1]:
            return Mention(k, end)  # the quoted name opens the clause: "„Muslix64“ erwähnte, …"
        return None
    if tk.text[j] in tk.pronouns:
        return Mention(j, end)
    if j > floor and is_lowercase_name(tk, j) and tk.is_noun(j - 1):
        j -= 1  # "ein Reporter des Fernsehsenders n-tv berichtete"
    elif not tk.is_noun(j):
        return None
    start = j
    while j >= floor:
        if tk.is_det(j) and start == j + 1 and tk.is_det(start) and (
                tk.text[j] in ("dem", "den", "denen") or j > floor and tk.text[j - 1].lower() in tk.prepositions):
            break  # an object relative pronoun before the subject's article: "…, von dem die Polizei glaubt"
        if tk.is_noun(j) or tk.is_det(j) or tk.is_adjective(j):
            start = j
            j -= 1
        elif tk.text[j] in ATTACHMENTS and j - 1 >= floor and tk.is_noun(j - 1) and start == j + 1 and tk.text[j + 1] not in tk.time:
            j -= 1
        elif tk.text[j] in (",", "und") and j - 1 >= floor and tk.is_adjective(j - 1) and tk.is_adjective(j + 1):
            j -= 1
        else:
            break
    # drop sentence-initial prepositions that look like nouns (In, Am, Nach ...)
    while start < end and tk.text[start].lower() in tk.prepositions:
        start += 1
    if start >= end:
        return None
    return Mention(start, end)


def is_lowercase_name(tk: Tokens, i: int) -> bool:
    """A lowercase brand or web name with a hyphen, digit or dot ("n-tv", "n24", "spiegel.de")."""
    t = tk.text[i]
    return not tk.cap[i] and tk.is_word(i) and t[:1].isalpha() and any(c in t for c in "-.0123456789") and not t.endswith(".")


def preceded_by_preposition(tk: Tokens, m: Mention, floor: int) -> bool:
    k = m.start - 1
    if k >= floor and tk.text[k].lower() in tk.prepositions:
        return True
    # a sentence-initial capitalised preposition was stripped from the phrase
    return m.start > floor and tk.text[m.start - 1].lower() in tk.prepositions


def is_time_phrase(tk: Tokens, m: Mention) -> bool:
    """A time word in the phrase, not counting a quoted name ("Die Wochenzeitung „Die Zeit“" is no time)."""
    for k in range(m.start, m.end):
        if tk.text[k] in OPEN_QUOTES:
            return False
        if tk.text[k] in tk.time:
            return True
    return False


def describe(tk: Tokens, m: Mention) -> tuple[str, str]:
    """Display name and type (person | organization | anonymous | unknown) of a non-pronoun mention."""
    lex = tk.lex
    toks = [k for k in range(m.start, m.end) if tk.text[k] not in OPEN_QUOTES and tk.text[k] not in CLOSE_QUOTES]
    indefinite = bool(toks) and tk.text[toks[0]].lower() in tk.indefinite
    while toks and tk.text[toks[0]].lower() in tk.articles:
        toks.pop(0)
    if not toks:
        return "", "unknown"
    words = [tk.text[k] for k in toks]
    # entity from a statistical pipeline, when one ran
    for start, end, label, text in tk.ents:
        if start < m.end and end > m.start:
            return text, "person" if label in ("PER", "PERSON") else "organization"
    # role + name: keep the name after the last role word
    last_role = -1
    for k, w in enumerate(words):
        base = w[:-1] if w.endswith("s") and w[:-1] in lex.roles else w
        if tk.cap[toks[k]] and (w in lex.roles or base in lex.roles):
            last_role = k
    if last_role >= 0:
        name = []
        for k in range(last_role + 1, len(words)):
            if tk.is_noun(toks[k]):
                name.append(words[k])
            else:
                break
        if name:
            return " ".join(name), "person"
    text = tk.doc_text[tk.idx[toks[0]] : tk.end_char(toks[-1])]
    text = " ".join(text.translate(_NO_QUOTES).split())
    canon = lex.org_canonical.get(text.casefold())
    if canon:
        return canon, "organization"
    heads = [k for k in range(len(words)) if tk.is_noun(toks[k])]
    if not heads:
        return text, "unknown"
    head = words[heads[0]]
    for k in range(heads[0]):
        # "des Weißen Hauses": an inflected multiword name starting with an adjective
        sub = " ".join(words[k : heads[0] + 1]).casefold()
        if sub in lex.org_canonical:
            return lex.org_canonical[sub], "organization"
    if head in lex.organisations or (head.isupper() and len(head) >= 2) or head.split("-")[-1] in lex.organisations:
        return text, "organization"
    if last_role >= 0:
        return text, "anonymous" if indefinite or words[0].lower() in tk.indefinite else "person"
    if indefinite:
        return text, "anonymous"
    if len(heads) == len(words) and len(words) <= 4:
        return text, "person"
    return text, "unknown"
