"""What a word can be, worked out once per distinct word: the word sets derived from the lexicons, the lexicon lemma
of a verb form, and the per-word flags behind the rules' pre-filters.

A Document reads one flag set per token (``word_flags``) and lists the tokens where a rule can fire; the rules then
visit only those. Each flag is a necessary condition of the rule it names, read off that rule's own tests, so a
token without it is one where the rule finds nothing: the pre-filters change the work, never the result.
"""

from __future__ import annotations

from itertools import compress, count
from typing import Any

from ..lexicons import Lexicons

RELATIVE_SOURCES = {"denen", "welchem", "welcher", "welchen", "welche"}  # unambiguous: "nach dem" is mostly an article
FRAME_WORDS = ("nach", "wonach", "demnach", "heißt", "hieß", "so")  # the words frames.frame_at tests by itself

# word flags (see word_flags)
KONJUNKTIV_LISTED = 1  # a listed Konjunktiv form, in any case (Document.konjunktiv_form's first test)
KONJUNKTIV_SHAPE = 2  # a verb form by its lemma (konjunktiv_shape), Konjunktiv if lowercase (konjunktiv_form's second)
HEARSAY = 4  # a hearsay verb ("soll")
SPEECH = 8  # may be a speech verb, alone or with a separable particle (Document.verb_lemma's first test)
STANCE = 16  # may be a stance verb: its lemma or listed irregular form's is one or its base (stance.stance_cues)
FRAME = 32  # its lowercase form is a word frames.frame_at opens a frame with
RELATIVE_SOURCE = 64  # a relative source: frame_at may open a frame right before it (", nach denen", ", denen zufolge")
ROLE = 128  # a role noun (roles.txt: "Präsident"), which may open a role and a name (resolve.collect_role_names)
CONTENT_NOUN = 256  # a noun of saying or claiming that may head a content clause (complements.content_noun's last test)

_DERIVED: dict[int, dict[str, Any]] = {}


class WordCache(dict):
    """``compute(key)`` for every key asked for (a word, or a word and its lemma), kept for the next documents up
    to 100,000 keys (then started afresh): the rules ask about the same words in every text."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        if len(self) >= 100_000:
            self.clear()
        value = self[key] = self.compute(key)
        return value


def derived_sets(lex: Lexicons) -> dict[str, Any]:
    """Word sets computed once per lexicon: all closed-class words, the Konjunktiv II forms behind a verb prefix
    (befänden), the stance verbs and their bases without a separable particle (sprechen of aussprechen), the
    speech verbs' rests after a separable particle (teilen of mitteilen: only such a lemma can join a particle
    to a speech verb) and the source frames by their first word (the lookups run on every token); the caches of
    ``lexicon_lemma`` and ``word_flags`` by word and lemma."""
    key = id(lex)
    if key not in _DERIVED:
        prefixes = lex.closed.get("verb_prefix", set())
        stance_words = set(lex.stance_verbs)
        for v in lex.stance_verbs:
            stance_words.update(v[len(p):] for p in lex.closed["particle"] if v.startswith(p) and len(v) > len(p) + 3)
        frames_by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in lex.frames_before:  # in the lexicon's order (longest first)
            frames_by_first.setdefault(words[0], []).append(words)
        derived = _DERIVED[key] = {
            "closed_words": set().union(*lex.closed.values()),
            "konjunktiv_prefixed": {p + f for p in prefixes for f in lex.konjunktiv_weak if len(f) > 3},
            "stance_words": stance_words,
            "speech_verb_rests": {v[len(p):] for v in lex.speech_verbs for p in lex.closed["particle"] if v.startswith(p)},
            "frames_by_first": frames_by_first,
            "frame_words": frames_by_first.keys() | lex.frames_after | set(FRAME_WORDS),
        }
        derived["lexicon_lemmas"] = WordCache(lambda word_lemma: lexicon_lemma(*word_lemma, lex, derived))
        derived["word_flags"] = WordCache(lambda word_lemma: word_flags(*word_lemma, lex, derived))
    return _DERIVED[key]


def lexicon_lemma(t: str, lemma: str, lex: Lexicons, derived: dict[str, Any]) -> tuple[str, bool]:
    """The lexicon lemma of the word ``t`` that the lemmatizer reads as ``lemma`` (irregular forms from
    verb_forms.txt, else the lemmatizer's), and whether it may be a speech verb, alone or with a separable particle."""
    lem = lex.verb_forms.get(t, lemma.lower())
    if lem == t and t.endswith(("te", "ten", "t")):
        lem = weak_past_infinitive(t, lex.speech_verbs) or lem  # "verlautbarte": unknown to the lemmatizer
    verbs = lex.speech_verbs
    speech = lem in verbs or lem in derived["speech_verb_rests"] or t.lower() in verbs or lem in ("geben", "gegeben")
    return lem, speech


def weak_past_infinitive(t: str, verbs) -> str | None:
    """The infinitive in ``verbs`` of a weak past form the lemmatizer does not know ("verlautbarte" ->
    verlautbaren), else None."""
    stem = t[:-2] if t.endswith("te") else t[:-3] if t.endswith("ten") else t[:-1]
    for inf in (stem + "en", stem + "n"):
        if len(stem) > 3 and inf in verbs:
            return inf
    return None


def konjunktiv_shape(t: str, lem: str) -> bool:
    """A verb form that is its infinitive without the final "n" ("habe" of haben, "ändere" of ändern), or an
    "-iere" form missing from the lookup table ("funktioniere")."""
    ieren = lem == t and len(t) > 6 and t.endswith("iere")
    return len(t) > 3 and (lem.endswith("en") and t == lem[:-1] or lem.endswith(("ern", "eln")) and t == lem[:-1] + "e") or ieren


def word_flags(t: str, lemma: str, lex: Lexicons, derived: dict[str, Any]) -> int:
    """The flags (above) of the word ``t`` that the lemmatizer reads as ``lemma``."""
    low = t.lower()
    flags = 0
    if t in lex.konjunktiv or low in lex.konjunktiv or t in derived["konjunktiv_prefixed"]:
        flags |= KONJUNKTIV_LISTED
    if konjunktiv_shape(t, lemma):
        flags |= KONJUNKTIV_SHAPE
    if t in lex.hearsay:
        flags |= HEARSAY
    if lexicon_lemma(t, lemma, lex, derived)[1]:
        flags |= SPEECH
    if lemma.lower() in derived["stance_words"] or lex.verb_forms.get(t) in derived["stance_words"]:
        flags |= STANCE
    if low in derived["frame_words"]:
        flags |= FRAME
    if t in RELATIVE_SOURCES:
        flags |= RELATIVE_SOURCE
    if t in lex.roles:
        flags |= ROLE
    if t in lex.content_nouns or t in lex.stance_nouns or t in lex.speech_nouns or t in lex.intent:
        flags |= CONTENT_NOUN
    return flags


def positions(flags) -> list[int]:
    """The indices of the true values of ``flags`` (an iterable of per-token flags)."""
    return list(compress(count(), flags))
