"""What every rule shares: the Document (tokens, quotation marks, clause grammar, what the text said so far),
the per-sentence analysis object Sentence, and the two results of the rules, Cue and Found.

German clause structure is read off punctuation and word classes: a clause runs between commas, colons,
semicolons and dashes outside quotation marks; a lowercase word that is no article, preposition, adverb or
adjective is mostly a verb (German capitalises nouns).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..lexicons import Lexicons, load_lexicons
from ..parse import ParseSpeakers
from ..speakers import Mention, Tokens
from ..wordclass import is_name
from .words import (CONTENT_NOUN, FRAME, HEARSAY, KONJUNKTIV_LISTED, KONJUNKTIV_SHAPE, RELATIVE_SOURCE, ROLE, SPEECH,
                    STANCE, derived_sets, konjunktiv_shape, positions)

_CLOSED = load_lexicons().closed  # word classes of data/lexicons/function_words.txt
PASSIVE_AUX = _CLOSED["passive_aux"]
STRIP_END = set(".,;:!?…–—- \n\t")
CLAUSE_STOPS = (",", ":", ";", "–", "—")


@dataclass
class Found:
    """One quotation found in a document (token range ``start``..``end``, end exclusive)."""

    start: int
    end: int
    kind: str
    speaker: Mention | None = None
    cue: tuple[int, int] | None = None
    confidence: float = 0.5
    sent: int = 0
    clause: bool = False  # free indirect speech in a clause after the narrator's main clause ("…, weil … sei")


@dataclass
class Cue:
    """Evidence of speech in a sentence: a speech verb, a source frame ("laut X"), "heißt es", ", so X" …"""

    kind: str  # verb | heisst | so | frame_before | frame_after | wonach | demnach | colon
    start: int  # cue tokens
    end: int
    lemma: str = ""
    speaker: Mention | None = None
    region: tuple[int, int] | None = None  # claim tokens, if the cue frames one outside quotation marks
    region_kind: str = "indirect"
    direct_after: bool = False  # "…“, sagte X" / "X sagte: „…“" frames a direct quote
    confidence: float = 0.6
    implicit: bool = False  # a complement of a verb or noun outside the cue lexicon (dass_clauses, zu_clauses)


@dataclass(eq=False)
class Sentence:
    """One sentence under analysis: its token range, its outermost quotations and its neighbours."""

    start: int
    end: int
    marks: list[tuple[int, int]] = field(default_factory=list)  # outermost quotation (opener, closer) tokens
    index: int = 0
    prev: Sentence | None = field(default=None, repr=False)
    next: Sentence | None = field(default=None, repr=False)


class Document:
    """One spaCy Doc as the rules see it: token features (``tk``), the outermost quotations, the clause grammar,
    and the discourse memory the sentences share (names seen, the last speaker and claim)."""

    def __init__(self, doc, lex: Lexicons, quote_tokens: list[tuple[int, int, int]]):
        self.doc = doc
        self.lex = lex
        self.tk = Tokens(doc, lex)
        n = self.tk.n
        self.in_mark = [False] * n  # token is a mark or inside an outermost quotation
        self.outer = [(o, c) for o, c, d in quote_tokens if d == 0]
        self.mark_of: dict[int, tuple[int, int]] = {}  # token -> the outermost quotation it is in
        for o, c in self.outer:
            self.in_mark[o : c + 1] = [True] * (c + 1 - o)
            self.mark_of.update(dict.fromkeys(range(o, c + 1), (o, c)))
        self.openers = {o: c for o, c in self.outer}
        self.closers = {c: o for o, c in self.outer}
        self.parse = ParseSpeakers.for_doc(doc, lex, self.in_mark, PASSIVE_AUX)  # None without a dependency parse
        closed = lex.closed
        self.particles = closed["particle"]
        self.number_words = closed["number_word"]
        self.negation = closed["negation"]
        self.subordinators = closed["subordinator"]
        self.auxiliaries = closed["auxiliary"]
        self.relative = closed["relative"]
        self.fact_heads = closed.get("fact_head", set())
        self.comment_relatives = closed.get("comment_relative", set())
        self.derived = derived_sets(lex)
        self.closed_words = self.derived["closed_words"]
        self.name_particles = closed["name_particle"]
        self.question_words = closed["question_word"]
        self.relative_pronouns = closed["relative_pronoun"]
        self.first_person = closed.get("first_person", set())
        self.token_columns()
        # discourse memory, updated sentence by sentence (finder.py)
        self.names: dict[str, str] = {}  # surname (and genitive) -> full name
        self.last_person: str | None = None
        self.last_found: Found | None = None
        self.last_speaker: Mention | None = None
        self.last_sent_index = -10
        self.sent_index = 0  # the sentence under analysis

    def token_columns(self) -> None:
        """What the rules look up token by token, computed once from the word flags (words.py) of the tokens, which
        never change: Konjunktiv per token; sorted positions outside quotation marks of Konjunktiv forms and hearsay
        verbs (has_konjunktiv), of the tokens where a cue may start (cues.find_cues) and of commas; the possible
        stance verbs, role nouns and nouns of saying (complements.noun_clauses)."""
        tk, in_mark = self.tk, self.in_mark
        flags = list(map(self.derived["word_flags"].__getitem__, zip(tk.text, tk.lemma)))
        self.konjunktiv = [False] * tk.n  # is_konjunktiv
        self.konjunktiv_at: list[int] = []
        self.hearsay_at: list[int] = []
        self.stance_starts: list[int] = []
        self.roles_at: list[int] = []
        self.content_nouns_at: list[int] = []
        cue_starts = set()
        for k in positions(flags):  # every other token has no flag: none of these can hold it
            f = flags[k]
            if f & KONJUNKTIV_LISTED or f & KONJUNKTIV_SHAPE and not tk.cap[k]:
                self.konjunktiv[k] = self.konjunktiv_form(k)
                if self.konjunktiv[k] and not in_mark[k]:
                    self.konjunktiv_at.append(k)
            if f & HEARSAY and not in_mark[k]:
                self.hearsay_at.append(k)
            if f & STANCE:
                self.stance_starts.append(k)
            if f & ROLE:
                self.roles_at.append(k)
            if f & CONTENT_NOUN:
                self.content_nouns_at.append(k)
            if (f & FRAME or f & SPEECH and not tk.cap[k]) and not in_mark[k]:
                cue_starts.add(k)
            if f & RELATIVE_SOURCE and k > 0 and not in_mark[k - 1]:
                cue_starts.add(k - 1)
        self.strong_konjunktiv_at = [k for k in self.konjunktiv_at if tk.text[k] not in self.lex.konjunktiv_weak]
        self.cue_starts = sorted(cue_starts)
        self.commas = [k for k in positions(map(",".__eq__, tk.text)) if not in_mark[k]]

    def commas_in(self, a: int, b: int) -> list[int]:
        """The commas outside quotation marks among tokens a..b (end exclusive), in order."""
        return self.commas[bisect_left(self.commas, a) : bisect_left(self.commas, b)]

    def recent(self, sentences: int) -> bool:
        """A claim with a speaker was found at most ``sentences`` sentences before the one under analysis."""
        return self.last_found is not None and self.last_sent_index >= self.sent_index - sentences

    # ------------------------------------------------------------------ clauses

    def clause_end(self, i: int, limit: int, stops=CLAUSE_STOPS) -> int:
        """First token at or after ``i`` that ends a clause (outside quotation marks)."""
        tk = self.tk
        while i < limit:
            if not self.in_mark[i] and (tk.text[i] in stops or tk.text[i] in (".", "!", "?")):
                return i
            if i in self.openers:
                return i
            i += 1
        return limit

    def clause_start(self, i: int, floor: int) -> int:
        tk = self.tk
        while i > floor and not (tk.text[i - 1] in (",", ":", ";", "–", "—", "(") and not self.in_mark[i - 1]):
            i -= 1
        return i

    def trim(self, a: int, b: int) -> tuple[int, int]:
        tk = self.tk
        while a < b and (tk.text[a] in STRIP_END or tk.text[a].isspace()):
            a += 1
        while b > a and (tk.text[b - 1] in STRIP_END or tk.text[b - 1].isspace()):
            b -= 1
        return a, b

    def skip_adverbs(self, i: int, limit: int) -> int:
        tk = self.tk
        while i < limit:
            t = tk.text[i]
            if t in tk.adverbs or t.isspace() or t == "sich":
                i += 1
            elif t in ("am", "im") and i + 1 < limit and tk.cap[i + 1]:
                i += 2
            else:
                break
        return i

    def semicolon_part(self, k: int, s: int, e: int) -> tuple[int, int]:
        """The part of the sentence between semicolons that holds token ``k``: a source frame covers its own main
        clause ("Laut Verfassung geht ihn das nichts an; seine Stellung ergibt sich …")."""
        tk = self.tk
        lo = next((j + 1 for j in range(k - 1, s - 1, -1) if tk.text[j] == ";" and not self.in_mark[j]), s)
        hi = next((j for j in range(k, e) if tk.text[j] == ";" and not self.in_mark[j]), e)
        return lo, hi

    def after_colon(self, o: int, sent: Sentence) -> bool:
        k = o - 1
        while k >= sent.start and self.tk.text[k].isspace():
            k -= 1
        return k >= sent.start and self.tk.text[k] == ":"

    def in_relative_clause(self, k: int, floor: int) -> bool:
        """Token ``k`` stands in a relative clause (", der … betrifft"), right after its relative pronoun."""
        tk = self.tk
        lo = self.clause_start(k, floor)
        if lo <= floor or tk.text[lo - 1] != "," or lo + 3 < k:
            return False
        return tk.text[lo] in self.relative_pronouns

    def in_subordinate_clause(self, k: int, floor: int) -> bool:
        """Token ``k`` stands in a subordinate clause after a comma (", weil die Mission nach Angaben der UN
        überfordert ist", ", unter denen sich nach Einschätzung der Ermittler der Täter befand")."""
        tk = self.tk
        lo = self.clause_start(k, floor)
        if lo <= floor or tk.text[lo - 1] != "," or lo >= k:
            return False
        first = tk.text[lo]
        if first in self.relative and first not in self.relative_pronouns:
            return True  # weil, obwohl, nachdem, dass …
        return lo + 4 >= k and first in tk.prepositions and tk.text[lo + 1] in self.relative_pronouns

    def zu_infinitive(self, a: int, b: int) -> bool:
        """A "zu" infinitive clause ("forderte sie auf, Ruhe zu bewahren", "…, zurückzukehren")."""
        tk = self.tk
        a, b = self.trim(a, b)
        if b - a < 2:
            return False
        last = tk.text[b - 1]
        return (tk.text[b - 2] == "zu" and not tk.cap[b - 1]) or (
            not tk.cap[b - 1] and len(last) > 7 and last.endswith("en") and "zu" in last[2:-4]
        )

    # ------------------------------------------------------------------ verbs

    def particle_before_subject(self, k: int, limit: int) -> int:
        """``k`` moved past a verb particle standing before the subject: "„…“, fügte hinzu Anna Berg", "räumte ein
        Jan Ott" ("ein" and the prepositions only before a name: "räumte ein Sprecher ein", "teilte mit Blick auf")."""
        tk = self.tk
        if k + 1 >= limit or tk.text[k] not in self.particles or self.in_mark[k] or not tk.cap[k + 1] or tk.text[k + 1] in self.lex.roles:
            return k
        if (tk.text[k] in tk.indefinite or tk.text[k] in tk.prepositions) and not (tk.text[k + 1] in self.names or is_name(tk.text[k + 1])):
            return k
        return k + 1

    def verb_lemma(self, i: int, sent: Sentence, verbs: set[str] | None = None) -> str | None:
        """Lexicon lemma of a speech verb (or of one in ``verbs``) at token ``i`` (joining separable particles), else None."""
        tk = self.tk
        t = tk.text[i]
        if tk.cap[i] or self.in_mark[i]:
            return None
        lem, speech = self.lexicon_lemma(i)
        if verbs is None:
            verbs = self.lex.speech_verbs
            if not speech:
                return None  # no speech verb, alone or with a particle: skip the search for a particle (most words)
        if not tk.is_word(i):
            return None
        # separated particle at the end of the clause: "teilte ... mit", "gab ... bekannt"
        j = i + 1
        limit = min(sent.end, i + 15)
        while j < limit and not self.in_mark[j] and tk.text[j] not in (",", ".", ":", ";", "!", "?"):
            j += 1
        p = j - 1
        if p > i and tk.text[p] in self.particles and (p + 1 >= sent.end or not tk.is_word(p + 1)):
            joined = tk.text[p] + lem
            if joined in verbs:
                return joined
        if i > sent.start and tk.text[i - 1] == "bekannt" and lem in ("geben", "gegeben"):
            return "bekanntgeben"
        if i + 2 < sent.end and tk.text[i + 1] + lem in verbs and self.particle_before_subject(i + 1, sent.end) == i + 2:
            return tk.text[i + 1] + lem  # the particle before the subject: "„…“, fügte hinzu Anna Berg"
        if lem in verbs:
            if lem == "sprechen":
                lo = self.clause_start(i, sent.start)
                if not any(tk.text[k] in ("von", "Von") for k in range(lo, j)):
                    return None  # "sprach mit X" is a meeting, "sprach von X" a claim
            return lem
        if t.lower() in verbs:
            return t.lower()
        return None

    def lexicon_lemma(self, i: int) -> tuple[str, bool]:
        """The lexicon lemma of token ``i`` (irregular forms from verb_forms.txt, else the lemmatizer's), and whether
        it may be a speech verb, alone or with a separable particle; computed once per distinct word and lemma."""
        return self.derived["lexicon_lemmas"][self.tk.text[i], self.tk.lemma[i]]

    def negated(self, i: int, sent: Sentence) -> bool:
        tk = self.tk
        a = self.clause_start(i, sent.start)
        window = range(max(a, i - 4), min(sent.end, i + 2))
        return any(tk.text[k] in self.negation and not self.in_mark[k] and not self.attributive_negation(k, i)
                   for k in window)

    def attributive_negation(self, k: int, i: int) -> bool:
        """"nicht" inside a noun phrase before the verb at ``i`` negates an adjective, not the verb: "gab unter
        Berufung auf nicht genannte Quellen an", "ein nicht namentlich genannter Sprecher sagte"."""
        tk = self.tk
        if k < 1 or k >= i or not (tk.is_det(k - 1) or tk.text[k - 1] in tk.prepositions):
            return False
        j = k + 1
        while j < i and tk.text[j] in tk.adverbs:
            j += 1
        return j + 1 < i and not tk.cap[j] and tk.text[j].endswith(("e", "en", "er", "es", "em")) and tk.cap[j + 1]

    def is_konjunktiv(self, i: int) -> bool:
        """Token ``i`` is a verb in Konjunktiv (``konjunktiv_form``, computed once per token in token_columns)."""
        return self.konjunktiv[i]

    def konjunktiv_form(self, i: int) -> bool:
        tk = self.tk
        t = tk.text[i]
        if tk.cap[i] and i > 0 and not tk.text[i - 1] in ".:\n":
            return False
        if t in self.lex.konjunktiv or t.lower() in self.lex.konjunktiv or t in self.derived["konjunktiv_prefixed"]:
            return True  # listed, or a listed Konjunktiv II form behind a verb prefix: "befänden" (fänden)
        return (
            konjunktiv_shape(t, tk.lemma[i])
            and not tk.cap[i]
            and not tk.is_det(i) and t not in tk.adverbs and t not in ("keine", "meine", "deine", "unsere", "alle", "beide")
            and tk.text[i - 1] not in ("ich", "Ich")
            and not self.attributive(i)
        )

    def attributive(self, i: int) -> bool:
        """An adjective between a determiner and its noun ("keine schnelle Entscheidung", "die neue Regel"), which
        the lemmatizer may read as a verb form ("schnelle" -> schnellen)."""
        tk = self.tk
        if i == 0 or i + 1 >= tk.n or not tk.cap[i + 1]:
            return False
        return tk.is_det(i - 1) or tk.text[i - 1].lower().startswith("kein")

    def has_konjunktiv(self, a: int, b: int, hearsay: bool = False, strong: bool = False) -> bool:
        """Konjunktiv (or hearsay "soll") outside quotation marks in tokens a..b; ``strong``: Konjunktiv I only."""
        return (any_between(self.strong_konjunktiv_at if strong else self.konjunktiv_at, a, b)
                or hearsay and any_between(self.hearsay_at, a, b))

    def is_auxiliary(self, k: int) -> bool:
        """An auxiliary, also in Konjunktiv ("Die Mandantin sei davon ausgegangen", "er habe … erklärt")."""
        t = self.tk.text[k]
        return t in self.auxiliaries or t in self.lex.konjunktiv and self.tk.lemma[k] in ("sein", "haben", "werden")

    def has_auxiliary(self, v: int, sent: Sentence) -> bool:
        """An auxiliary before the verb in its clause ("hat … gewarnt", "will … warnen")."""
        tk = self.tk
        return any(tk.text[k] in self.auxiliaries and not self.in_mark[k] for k in range(self.clause_start(v, sent.start), v))

    def inflected_verb(self, j: int) -> bool:
        """A lowercase word the lemmatizer maps to a different verb infinitive ("verwies" -> "verweisen",
        "erteilte" -> "erteilen"): a verb, even where its ending looks like an adjective's."""
        tk = self.tk
        lem = tk.lemma[j]
        return not tk.cap[j] and lem != tk.text[j] and lem.endswith(("en", "ern", "eln")) and lem.islower()

    def plural_verb(self, j: int, lo: int) -> bool:
        """An "-en" word right after the opening noun of a clause is its plural verb ("Beobachter halten es für …",
        "Die Anwohner befürchten, …"): German adjectives stand before their noun, not after it."""
        tk = self.tk
        return j - 1 >= lo and tk.text[j].endswith("en") and tk.cap[j - 1] and tk.is_noun(j - 1) and not self.in_mark[j - 1]

    def singular_verb(self, k: int) -> bool:
        """A finite verb in the third person singular ("bezeichnet", "sagte"), not a plural ("sagten")."""
        tk = self.tk
        return k < tk.n and not tk.cap[k] and tk.is_word(k) and tk.text[k].endswith(("t", "te")) and tk.lemma[k] != tk.text[k]

    def clause_verb(self, lo: int, hi: int) -> int | None:
        """The clause's verb, taken as its first lowercase word that is no article or number ("Vor zwei Wochen",
        "am 19. Mai"), preposition, adverb, adjective or particle (German capitalises nouns, so what is left in
        lower case is mostly the verb)."""
        tk = self.tk
        for j in range(lo, hi):
            t = tk.text[j]
            if (tk.is_word(j) and not tk.cap[j] and not tk.is_det(j) and not t[:1].isdigit() and t not in self.number_words
                    and t not in tk.prepositions
                    and t not in tk.adverbs and (not tk.is_adjective(j) or self.inflected_verb(j) or self.plural_verb(j, lo))
                    and t not in self.particles):
                return j
        return None

    def narrator_verb(self, k: int) -> bool:
        """A finite verb in the indicative past ("weigerte", "kündigte", "bemühten"): after a Konjunktiv complement
        it starts a new clause of the narrator, coordinated with the cue clause."""
        tk = self.tk
        if k + 1 >= tk.n or self.in_mark[k] or tk.cap[k]:
            return False
        if not tk.is_word(k + 1) or tk.cap[k + 1]:
            return False  # clause-final ("…, die X begünstigten,") or an adjective before its noun ("bestimmte Techniken")
        t, lem = tk.text[k], tk.lemma[k]
        return (t.endswith(("te", "ten")) and lem != t and lem.endswith(("en", "ern", "eln"))
                and t not in self.lex.konjunktiv and t not in self.lex.hearsay and not self.is_konjunktiv(k))

    def pronominal_adverb(self, k: int) -> bool:
        """"davon", "darauf", "damit": da(r) + preposition, the object of a verb standing elsewhere."""
        t = self.tk.text[k]
        for head in ("dar", "da"):
            if t.startswith(head) and t[len(head):] in self.tk.prepositions:
                return True
        return False


def any_between(positions: list[int], a: int, b: int) -> bool:
    """One of the sorted ``positions`` lies in a..b (end exclusive)."""
    k = bisect_left(positions, a)
    return k < len(positions) and positions[k] < b
