"""Reading the German lexicons shipped in the resource package ``factcheck.lexicons`` (data/lexicons/).

Every file is UTF-8, one entry per line, ``#`` starts a comment line. Entries starting with ``-`` are word
endings (matched case-insensitively against the end of a word, e.g. ``-minister`` covers ``Außenminister``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files


def read_lines(name: str) -> list[str]:
    """Entries of one lexicon file, comments and blank lines removed."""
    text = files("factcheck.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@dataclass(eq=False)  # hashed by identity: functions may cache what they derive from a set (speakers.role_word)
class WordSet:
    """A set of words plus word endings (``-minister``)."""

    words: set[str] = field(default_factory=set)
    endings: tuple[str, ...] = ()
    # words asked about so far and the answers (the rules ask about the same words again and again)
    _known: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def from_entries(cls, entries: list[str]) -> "WordSet":
        words = {e for e in entries if not e.startswith("-")}
        endings = tuple(e[1:].casefold() for e in entries if e.startswith("-"))
        return cls(words, endings)

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= 100_000:
                self._known.clear()
            known = self._known[word] = word in self.words or self._ends_like(word)
        return known

    def _ends_like(self, word: str) -> bool:
        low = word.casefold()
        # one C-level endswith over all endings first: most words match none
        return low.endswith(self.endings) and any(low.endswith(e) and len(low) > len(e) + 1 for e in self.endings)


@dataclass
class Lexicons:
    speech_verbs: set[str]
    reporting_verbs: set[str]  # verbs whose clause is a claim even without a complement clause
    naming_verbs: set[str]  # "bezeichnete X als „…“": with a quoted label, the label is the claim
    stance_verbs: set[str]  # verbs whose clause is a claim when a speaker (not a thing) is the subject
    stance_predicates: dict[str, set[str]]  # stance verbs that need a predicative preposition: halten -> {für}
    speaker_nouns: WordSet  # people and groups that make claims (Beobachter, Kritiker, -schützer)
    speech_nouns: WordSet
    frames_before: list[tuple[str, ...]]  # "laut X", "nach Angaben X"
    frames_after: set[str]  # "X zufolge"
    non_sources: set[str]
    source_nouns: WordSet  # "nach Angaben", "Seiner Meinung nach"
    konjunktiv: set[str]
    konjunktiv_weak: set[str]  # Konjunktiv II forms
    hearsay: set[str]
    verb_forms: dict[str, str]  # irregular verb form -> lemma, where the lookup lemmatizer fails
    intent: WordSet  # heads of a reported zu-infinitive ("Forderung", "-aufruf", "beschließen")
    titles: WordSet  # nouns naming a work or thing by the quotation after them (der Film „…“)
    roles: WordSet
    person_nouns: WordSet  # people nouns and endings (Täter, -in, -mitglied): an unnamed phrase names a person
    organisations: WordSet
    stance_nouns: set[str]  # "X ist der Ansicht, dass …": copula + stance noun heads a claim
    content_nouns: WordSet  # "der Vorwurf, er habe …": with a Konjunktiv clause after them, a claim
    org_canonical: dict[str, str]  # inflected multiword name (casefolded) -> canonical display name
    closed: dict[str, set[str]]  # function word class -> words


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    speech, reporting = set(), set()
    for line in read_lines("speech_verbs.txt"):
        verb, _, flag = line.partition("\t")
        speech.add(verb.replace(" ", ""))
        if flag.strip() == "reported":
            reporting.add(verb.replace(" ", ""))
    before, after = [], set()
    for line in read_lines("frames.txt"):
        kind, _, words = line.partition("\t")
        if kind == "before":
            before.append(tuple(words.lower().split()))  # lower, not casefold: casefold turns "ß" into "ss"
        else:
            after.add(words.lower())
    before.sort(key=len, reverse=True)  # longest frame first
    org_entries, canonical = [], {}
    for line in read_lines("organisations.txt"):
        names = [n.strip() for n in line.split("\t") if n.strip()]
        org_entries.append(names[0])
        for name in names:
            canonical[name.casefold()] = names[0]
    stance, predicates = set(), {}
    for line in read_lines("stance_verbs.txt"):
        verb, _, preps = line.partition("\t")
        stance.add(verb.replace(" ", ""))
        if preps.strip():
            predicates[verb.replace(" ", "")] = set(preps.split())
    konjunktiv = read_lines("konjunktiv.txt")
    closed: dict[str, set[str]] = {}
    for line in read_lines("function_words.txt"):
        cls, _, word = line.partition("\t")
        closed.setdefault(cls, set()).add(word)
    return Lexicons(
        speech_verbs=speech,
        reporting_verbs=reporting,
        naming_verbs=set(read_lines("naming_verbs.txt")),
        stance_verbs=stance,
        stance_predicates=predicates,
        speaker_nouns=WordSet.from_entries(read_lines("speaker_nouns.txt")),
        speech_nouns=WordSet.from_entries(read_lines("speech_nouns.txt")),
        frames_before=before,
        frames_after=after,
        non_sources={w.casefold() for w in read_lines("non_sources.txt")},
        source_nouns=WordSet.from_entries(read_lines("source_nouns.txt")),
        konjunktiv={line.split("\t")[0] for line in konjunktiv},
        konjunktiv_weak={line.split("\t")[0] for line in konjunktiv if line.endswith("\tII")},
        hearsay=set(read_lines("hearsay_verbs.txt")),
        verb_forms=dict(line.split("\t")[:2] for line in read_lines("verb_forms.txt")),
        intent=WordSet.from_entries(read_lines("intent_words.txt")),
        titles=WordSet.from_entries(read_lines("title_nouns.txt")),
        roles=WordSet.from_entries(read_lines("roles.txt")),
        person_nouns=WordSet.from_entries(read_lines("person_nouns.txt")),
        organisations=WordSet.from_entries(org_entries),
        org_canonical=canonical,
        stance_nouns=set(read_lines("stance_nouns.txt")),
        content_nouns=WordSet.from_entries(read_lines("content_nouns.txt")),
        closed=closed,
    )
