"""Speakers from a dependency parse, for pipelines that bring a parser (``--model NAME``).

The rules (rules/subjects.py) guess the subject of a cue verb from word order and capitalisation. When the Doc
has a dependency parse, ``ParseSpeakers.speaker(v)`` reads it off the tree instead: the subject of the cue
verb (climbing from a participle or infinitive to its auxiliary, and from a coordinated verb to the first
conjunct), or the agent "von X" of a passive, expanded to its noun phrase (no punctuation, no relative
clause). It returns None when the parse names no speaker; the rules then decide as before.

The labels are data (data/lexicons/dependency_labels.txt), with TIGER labels (spaCy's German pipelines)
and Universal Dependencies labels side by side.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicons import Lexicons, read_lines
from .speakers import CLOSE_QUOTES, OPEN_QUOTES, Mention

MAX_CLIMB = 6  # auxiliaries and conjuncts climbed from a cue verb


@lru_cache(maxsize=1)
def dependency_labels() -> dict[str, frozenset[str]]:
    """role -> labels (and the ``auxiliary`` lemmas) from dependency_labels.txt."""
    roles: dict[str, set[str]] = {}
    for line in read_lines("dependency_labels.txt"):
        role, _, label = line.partition("\t")
        roles.setdefault(role.strip(), set()).add(label.strip())
    return {role: frozenset(labels) for role, labels in roles.items()}


class ParseSpeakers:
    """The speaker phrase of a cue verb according to the Doc's dependency parse."""

    def __init__(self, doc, lex: Lexicons, in_mark: list[bool], passive_aux: set[str]):
        self.doc = doc
        self.in_mark = in_mark  # token is a quotation mark or inside a quotation
        self.passive_aux = passive_aux  # werden forms
        self.never = {w.lower() for w in lex.closed.get("pronoun_other", ())}  # "es", "dies": never a speaker
        self.relative = lex.closed["relative_pronoun"]
        labels = dependency_labels()

        def get(role: str) -> frozenset[str]:
            return labels.get(role, frozenset())

        self.subject, self.passive_subject, self.agent = get("subject"), get("passive_subject"), get("agent")
        self.passive_marker, self.chain = get("passive_marker"), get("chain")
        self.conjunct, self.coordinator = get("conjunct"), get("coordinator")
        self.relative_clause, self.phrase, self.aux_lemmas = get("relative"), get("phrase"), get("auxiliary")
        self.preposition = get("preposition")

    @classmethod
    def for_doc(cls, doc, lex: Lexicons, in_mark: list[bool], passive_aux: set[str]) -> "ParseSpeakers | None":
        """A helper for a parsed Doc, None for the default pipeline (no parse)."""
        return cls(doc, lex, in_mark, passive_aux) if doc.has_annotation("DEP") else None

    def speaker(self, v: int) -> Mention | None:
        """Speaker phrase of the cue verb at token ``v``: its subject, or the agent of a passive; else None."""
        tok = self.doc[v]
        passive = False
        for _ in range(MAX_CLIMB):
            kids = list(tok.children)
            agent = next((c for c in kids if c.dep_ in self.agent), None)
            if agent is not None:
                return self._phrase(agent, drop_preposition=True)
            passive = passive or any(c.dep_ in self.passive_marker or c.dep_ in self.passive_subject for c in kids)
            subj = next((c for c in kids if c.dep_ in self.subject), None)
            if subj is not None and not passive:
                return self._subject_phrase(subj, tok)
            if subj is not None:
                return None  # "Der Plan wurde angekündigt": the subject of a passive is the thing said
            head = self._climb(tok)
            if head is None:
                return None  # no subject (a passive without agent: the rules look for the document)
            # TIGER marks no passive: a werden form above a participle ("wurde gesagt", not "wird sagen")
            passive = passive or tok.dep_ in self.chain and head.text in self.passive_aux and self._participle(tok)
            tok = head
        return None

    def _climb(self, tok):
        """From a participle or infinitive to its auxiliary, from a coordinated verb to the first conjunct."""
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ in self.chain and (head.pos_ == "AUX" or head.lemma_.lower() in self.aux_lemmas):
            return head
        if tok.dep_ in self.conjunct:
            if head.dep_ in self.coordinator and head.head.i != head.i:
                return head.head  # TIGER: first conjunct -cd-> "und" -cj-> second conjunct
            return head
        return None

    @staticmethod
    def _participle(tok) -> bool:
        """A participle, not an infinitive ("wird gesagt" is passive, "wird sagen" future tense)."""
        return tok.text.lower() != (tok.lemma_ or tok.text).lower()

    def _subject_phrase(self, subj, clause) -> Mention | None:
        """The phrase of the subject ``subj`` of ``clause`` (a relative pronoun: the noun it stands for)."""
        if subj.text.lower() in self.never:
            return None
        if subj.text.lower() in self.relative and subj.n_lefts + subj.n_rights == 0:
            # "die Ministerin, die sagte": the relative clause's noun
            top = clause
            while top.dep_ in self.chain and top.head.i != top.i:
                top = top.head
            if top.dep_ in self.relative_clause and top.head.i != top.i:
                return self._phrase(top.head)
            return None
        return self._phrase(subj)

    def _phrase(self, head, drop_preposition: bool = False) -> Mention | None:
        """The noun phrase of ``head``: its dependents along phrase labels, one contiguous run of tokens
        around the head (quotation marks inside a name kept, a comma ends the run). ``drop_preposition``:
        the phrase is a "von X" agent, X is the speaker (TIGER heads it with "von", UD marks "von" as case)."""
        quotes = OPEN_QUOTES | CLOSE_QUOTES
        keep = {head.i}
        stack = [head]
        while stack:
            for c in stack.pop().children:
                if c.dep_ in self.phrase and c.i not in keep and not (c.is_punct and c.text not in quotes):
                    keep.add(c.i)
                    stack.append(c)
        anchor = head.i
        if drop_preposition:
            if len(keep) < 2:
                return None
            first = min(keep)
            if first == head.i or self.doc[first].dep_ in self.preposition:
                keep.discard(first)
            if anchor not in keep:
                anchor = min(keep)
        doc = self.doc
        start = end = anchor
        while start - 1 in keep or start - 2 in keep and doc[start - 1].text in quotes:
            start -= 1
        while end + 1 in keep or end + 2 in keep and doc[end + 1].text in quotes:
            end += 1
        if end + 1 < len(doc) and doc[end + 1].text in CLOSE_QUOTES and any(doc[k].text in OPEN_QUOTES for k in range(start, end + 1)):
            end += 1  # die „Süddeutsche Zeitung“
        if all(self.in_mark[k] for k in range(start, end + 1)):
            return None  # inside a quotation: part of what is said, not the one who says it
        return Mention(start, end + 1)
