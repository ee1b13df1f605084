"""Quotation marks around names and titles: „Algemeen Dagblad“, der Film „Full Metal Jacket“, (kurz: „Fed“).

Such a quotation is no speech: the other rules ask ``looks_like_name`` before they take a quotation as
a claim or as the end of a speaker phrase. Lexicon: title_nouns.txt (nouns that name a work, medium or
thing by the quotation after them).
"""

from __future__ import annotations

from .document import Document

NAME_MAX_WORDS = 5  # a quotation of up to 5 capitalised words and name particles is a name or title
INDEFINITE_ARTICLES = frozenset({"ein", "eine", "einer", "eines", "einem", "einen"})
TITLE_MAX_WORDS = 12  # a longer quotation after a noun of naming is taken as speech
# Not a rule: a single quoted word after an article or preposition ("für „Amflora“") is a name more often than
# not, but single quoted words after articles were more often quotes on train.


def looks_like_name(d: Document, o: int, c: int) -> bool:
    """Titles and names in quotation marks („Algemeen Dagblad“, „Full Metal Jacket“, des „Spiegel“)."""
    tk = d.tk
    if after_title_noun(d, o, c) or parenthesised(d, o, c):
        return True
    words = [k for k in range(o + 1, c) if tk.is_word(k)]
    if not words or len(words) > NAME_MAX_WORDS or any(not tk.text[k].isspace() and not tk.is_word(k) and tk.text[k] not in "-&.’'" for k in range(o + 1, c)):
        return False
    if not all(tk.cap[k] or has_digit(tk.text[k]) or tk.text[k] in d.name_particles for k in words):
        return False
    if o > 0 and tk.text[o - 1] in INDEFINITE_ARTICLES and not (c + 1 < tk.n and tk.text[c + 1] == "-"):
        return False  # "sprach von einer „Gefahr für Leib und Leben“": a name takes no indefinite article (but "einem „Spiegel“-Interview")
    caps = [k for k in words if tk.cap[k]]
    if len(caps) >= 2:
        return True
    w = tk.text[words[0]]
    if any(ch.isupper() or ch.isdigit() for ch in w[1:]):
        return True  # PLoS, Muslix64, BRD-Video
    return o > 0 and tk.text[o - 1] in ("dem", "des", "zum", "vom", "im", "beim", "Operation")


def has_digit(word: str) -> bool:
    """A model, type or line name ("c4", "A380", "E1", "1860"): no word of speech has a digit in it."""
    return any(ch.isdigit() for ch in word)


def after_title_noun(d: Document, o: int, c: int) -> bool:
    """A quotation right after a noun of naming ("der Film „Retirement“", "die Partei „Die Linke“",
    "ihr Erstwerk: „Sie befinden sich hier“") is a title, however many words it has."""
    tk = d.tk
    k = o - 1
    while k >= 0 and tk.text[k].isspace():
        k -= 1
    if k >= 0 and tk.text[k] == ":":
        if ends_sentence(d, c):
            return False  # "warnte die Moderatorin eines Lokalsenders: „… sein.“": a speaker, then speech
        k -= 1
    if k < 0 or not tk.cap[k] or d.in_mark[k] or sum(1 for x in range(o + 1, c) if tk.is_word(x)) > TITLE_MAX_WORDS:
        return False
    word = tk.text[k]
    # genitive (des Films, des Magazins) and plural (die Modelle „…“ und „…“, die Zeitungen „…“)
    forms = [word] + [word[: -len(g)] for g in ("es", "s", "en", "e", "n") if word.endswith(g)]
    return any(f in d.lex.titles for f in forms)


def named_by_verb(d: Document, o: int, c: int, v: int) -> bool:
    """The quotation o..c is what a naming verb at ``v`` (nennen, bezeichnen) calls something, not a speaker's
    label for it: a name the subject gives itself ("nennt sie sich „documenta 12“"), a name listed as the verb's
    object ("Der Bericht nennt „Twitter“ und „Facebook“"), a term in an agentless passive ("der als
    „Sonnenwind“ bezeichnet wird"). A label has an object before it or "als" after an active verb ("nannte
    den Plan „verfehlt“", "bezeichnete ihn als „Fehler“")."""
    tk = d.tk
    lo, hi = (v + 1, o) if v < o else (c + 1, v)
    between = [tk.text[k] for k in range(lo, hi) if not tk.text[k].isspace()]
    if "sich" in between:
        return True
    if v < o and all(t in tk.adverbs for t in between) and tk.text[v].lower().startswith("nenn"):
        return True
    passive = v + 1 < tk.n and tk.text[v + 1] in ("wird", "werden") and not d.in_mark[v + 1]
    if not (v > c and passive and "als" in tk.text[max(0, o - 2) : o]):
        return False
    for k in range(o - 1, max(-1, o - 8), -1):  # an agent of the passive: "von Kritikern als „…“ bezeichnet wird"
        if tk.text[k] in ("von", "vom"):
            return False
        if tk.text[k] in ("und", ",", ".") or d.in_mark[k] and k != o - 1:
            break
    return True


def ends_sentence(d: Document, c: int) -> bool:
    """The quotation closed at ``c`` ends with sentence punctuation inside the marks („… sein.“)."""
    k = c - 1
    while k > 0 and d.tk.text[k].isspace():
        k -= 1
    return d.tk.text[k] in (".", "!", "?", "…", "...")


def parenthesised(d: Document, o: int, c: int) -> bool:
    """A gloss in parentheses is a translation or short name, not speech: after a colon ("(etwa: „Partei der
    Volksmacht“)", "(kurz: „Fed“)", "[auf Deutsch: „…“]") or right after a quoted name ("die Operation „Cast Lead“
    („Gegossenes Blei“)"); any other bare "(„…“)" may be a quotation."""
    tk = d.tk
    after = c + 1
    while after < tk.n and tk.text[after].isspace():
        after += 1
    if after >= tk.n or tk.text[after] not in (")", "]"):
        return False
    colon = False
    for k in range(o - 1, max(-1, o - 12), -1):
        colon = colon or tk.text[k] == ":"
        if tk.text[k] in ("(", "["):
            before = k - 1
            while before >= 0 and tk.text[before].isspace():
                before -= 1
            return colon or before in d.closers  # "die Operation „Cast Lead“ („Gegossenes Blei“)": a gloss of the name
        if tk.text[k] in (")", "]", ".") or d.in_mark[k]:
            return False
    return False
