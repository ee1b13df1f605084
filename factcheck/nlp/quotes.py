"""The rules that find quotations, reported claims and their speakers in a segmented German Doc.

Per sentence (see segment.py; quotations are never split):
1. cues: speech verbs from the lexicon (lemma via the lookup lemmatizer, separable verbs re-joined:
   "teilte ... mit" -> mitteilen), "heißt es", ", so X", and source frames ("laut X", "X zufolge",
   "nach Angaben von X");
2. for each cue the speaker phrase (subject next to the cue, or the source of the frame) and the claim it
   frames: the complement clause after "sagte," / "sagte, dass", the clause before ", sagte X" / ", so X",
   the rest of the sentence around a source frame, or the whole sentence for reporting verbs without a
   complement ("X warnte vor ...");
3. quotation marks: direct quotes (full sentences, after a colon, standing alone) and partial quotes
   (inside a claim or a sentence with a cue) get the sentence's speaker; marks without any speech act are
   scare quotes;
4. sentences in Konjunktiv without a cue continue the previous speaker (free indirect speech);
5. pronouns resolve to the nearest person named before them, and name variants of one person in an
   article become one display name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicons import Lexicons, load_lexicons, read_lines
from .parse import ParseSpeakers
from .speakers import Mention, Tokens, describe, is_lowercase_name, is_time_phrase, np_backward, np_forward, preceded_by_preposition

_CLOSED = load_lexicons().closed  # word classes of data/lexicons/function_words.txt
ADVERB_ENDINGS = tuple(sorted(_CLOSED["adverb_ending"]))
SPEAKER_PRONOUNS = set(read_lines("speaker_pronouns.txt"))
OBJECT_ARTICLES = set(read_lines("object_articles.txt"))
CLAIM_PRONOUNS = set(read_lines("claim_pronouns.txt"))
PASSIVE_AUX = _CLOSED["passive_aux"]
STRIP_END = set(".,;:!?…–—- \n\t")
DASS_NOT_CONTENT = _CLOSED["dass_not_content"]  # "so, dass …", "ohne dass …": no content clause
SUBJECT_PRONOUNS = _CLOSED["subject_pronoun"]  # "Die Hilfe lehnt er ab:"
SAY_CORE = _CLOSED["say_core"]  # verbs whose indicative complement ("sagte er, die Lage ist ernst") is a claim


_DERIVED: dict[int, dict[str, set[str]]] = {}


def derived_sets(lex: Lexicons) -> dict[str, set[str]]:
    """Word sets computed once per lexicon: all closed-class words, the Konjunktiv II forms behind a verb prefix
    (befänden), and the stance verbs and their bases without a separable particle (sprechen of aussprechen)."""
    key = id(lex)
    if key not in _DERIVED:
        prefixes = lex.closed.get("verb_prefix", set())
        stance_words = set(lex.stance_verbs)
        for v in lex.stance_verbs:
            stance_words.update(v[len(p):] for p in lex.closed["particle"] if v.startswith(p) and len(v) > len(p) + 3)
        _DERIVED[key] = {
            "closed_words": set().union(*lex.closed.values()),
            "konjunktiv_prefixed": {p + f for p in prefixes for f in lex.konjunktiv_weak if len(f) > 3},
            "stance_words": stance_words,
        }
    return _DERIVED[key]


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
    kind: str  # verb | heisst | so | frame_before | frame_after
    start: int  # cue tokens
    end: int
    lemma: str = ""
    speaker: Mention | None = None
    region: tuple[int, int] | None = None  # claim tokens, if the cue frames one outside quotation marks
    region_kind: str = "indirect"
    direct_after: bool = False  # "…“, sagte X" / "X sagte: „…“" frames a direct quote
    confidence: float = 0.6
    implicit: bool = False  # a complement of a verb or noun outside the cue lexicon (dass_clauses, zu_clauses)


@dataclass
class Sentence:
    start: int
    end: int
    marks: list[tuple[int, int]] = field(default_factory=list)  # outermost quotation (opener, closer) tokens


class QuoteFinder:
    REPORTED_WHOLE = True
    HEARSAY_ALONE = False  # "soll … haben" alone (no quotation just before) was wrong more often than right on train
    MERGE_FREE = True
    AUX_FRAME = True
    DER_EN = True  # "der" + adjective in -en opening a verb-second clause is an object
    FREE_REACH = 4  # sentences a cue-less Konjunktiv sentence may reach back for its speaker
    def __init__(self, doc, lex: Lexicons, quote_tokens: list[tuple[int, int, int]]):
        self.doc = doc
        self.lex = lex
        self.tk = Tokens(doc, lex)
        n = self.tk.n
        self.in_mark = [False] * n  # token is a mark or inside an outermost quotation
        self.outer = [(o, c) for o, c, d in quote_tokens if d == 0]
        self.mark_of: dict[int, tuple[int, int]] = {}  # token -> the outermost quotation it is in
        for o, c in self.outer:
            for k in range(o, c + 1):
                self.in_mark[k] = True
                self.mark_of[k] = (o, c)
        self.openers = {o: c for o, c in self.outer}
        self.closers = {c: o for o, c in self.outer}
        self.parse = ParseSpeakers.for_doc(doc, lex, self.in_mark, PASSIVE_AUX)  # None without a dependency parse
        self.particles = lex.closed["particle"]
        self.negation = lex.closed["negation"]
        self.subordinators = lex.closed["subordinator"]
        self.auxiliaries = lex.closed["auxiliary"]
        self.relative = lex.closed["relative"]
        self.fact_heads = lex.closed.get("fact_head", set())
        self.comment_relatives = lex.closed.get("comment_relative", set())
        self.derived = derived_sets(lex)
        self.closed_words = self.derived["closed_words"]
        self.name_particles = lex.closed["name_particle"]
        self.question_words = lex.closed["question_word"]
        self.relative_pronouns = lex.closed["relative_pronoun"]
        self.first_person = lex.closed.get("first_person", set())
        self.names: dict[str, str] = {}  # surname (and genitive) -> full name
        self.last_person: str | None = None
        self._collect_role_names()

    # ------------------------------------------------------------------ names

    def _collect_role_names(self) -> None:
        """"Präsident Joe Biden" anywhere in the text makes "Biden" and "Bidens" mean Joe Biden."""
        tk = self.tk
        roles = self.lex.roles
        for i in range(tk.n - 2):
            if tk.cap[i] and tk.text[i] in roles:
                j = i + 1
                while j < tk.n and tk.is_noun(j) and tk.text[j] not in roles and j - i <= 4:
                    j += 1
                if j - i >= 3:
                    self._add_name(" ".join(tk.text[i + 1 : j]))

    def _add_name(self, full: str) -> None:
        parts = full.split()
        if len(parts) < 2 or any(p in self.lex.organisations for p in parts):
            return
        self.names.setdefault(parts[-1], full)
        self.names.setdefault(parts[-1] + "s", full)

    def person_name(self, name: str) -> str:
        if name in self.names:
            return self.names[name]
        return name

    def resolve(self, m: Mention | None, sent: Sentence, sent_prev: Sentence | None) -> Mention | None:
        if m is None or m.name is not None:
            return m
        tk = self.tk
        if tk.text[m.start] in tk.pronouns:
            m.name, m.type = self._antecedent(m.start, sent, sent_prev)
            return m
        if self._possessive_source(m):
            m.name, m.type = self._antecedent(m.start, sent, sent_prev)
            return m
        if m.end - m.start == 1 and tk.text[m.start] == "Demnach":
            m.name, m.type = self._previous_source(sent_prev)
            return m
        # document nouns ("die Erklärung des Weißen Hauses") speak for their issuer
        heads = [k for k in range(m.start, m.end)
                 if tk.text[k] in self.lex.speech_nouns and not self._speech_noun_in_name(k, m, sent.start)]
        if heads:
            h = heads[0]
            issuer = np_forward(tk, h + 1, m.end) if h + 1 < m.end and tk.text[h + 1] in ("des", "der", "von") else None
            if issuer is None and h + 2 <= m.end and tk.text[h + 1] in ("des", "der", "von", "vom"):
                issuer = np_forward(tk, h + 2, m.end)
            if issuer is not None:
                issuer = np_forward(tk, issuer.start, m.end) or issuer
                if tk.text[issuer.start] in ("des", "der", "von", "vom"):
                    issuer = Mention(issuer.start + 1, issuer.end)
                name, typ = describe(tk, issuer)
            else:
                name, typ = self._issuer(m.start, sent)
                if name is None and any(not tk.is_word(k) and tk.text[k] in "„“”»«\"" for k in range(m.start, m.end)):
                    name, typ = describe(tk, m)[0], "organization"  # the paper itself: die Zeitung „Yemen Observer“
            m.name, m.type = name, typ
            return m
        name, typ = describe(tk, m)
        if typ == "unknown" and name in self.names:
            typ = "person"  # a surname of a person named before ("so Kessel")
        if typ == "person":
            name = self.person_name(name)
            self._add_name(name)
            self.last_person = name
        m.name, m.type = name, typ
        return m

    def _speech_noun_in_name(self, k: int, m: Mention, sent_start: int) -> bool:
        """A speech noun that is part of a name is no document: the surname of a person named before
        ("Papier sagte"), after a capitalised word of the name ("die Washington Post", "Hans-Jürgen Papier",
        "die Süddeutsche Zeitung"), or a title noun before the name it introduces ("die Zeitung Le Monde")."""
        tk = self.tk
        if tk.text[k] in self.names:
            return True
        if k > m.start and self._name_word_before(k - 1, sent_start) and tk.text[k] not in self.lex.source_nouns:
            return True
        return (k + 1 < m.end and tk.text[k] in self.lex.titles and tk.cap[k + 1] and tk.is_word(k + 1)
                and not tk.is_det(k + 1))

    def _name_word_before(self, j: int, sent_start: int) -> bool:
        """Capitalised word that can begin a name before a noun: not an article, not a genitive owner
        ("Merkels Rede"); at the sentence start only a known name or a hyphenated name ("Hans-Jürgen"), as any
        word is capitalised there ("Spannende Aussagen")."""
        tk = self.tk
        t = tk.text[j]
        if not (tk.cap[j] and tk.is_word(j)) or tk.is_det(j) or t.endswith("s"):
            return False
        return j > sent_start or t in self.names or "-" in t

    def _possessive_source(self, m: Mention) -> bool:
        """"ihrer Meinung nach", "seinen Angaben zufolge": the owner of the source noun is the speaker."""
        tk = self.tk
        return (m.end - m.start == 2 and tk.text[m.start].lower().startswith(("sein", "ihr"))
                and tk.text[m.start].lower() in tk.articles and tk.text[m.start + 1] in self.lex.source_nouns)

    def _antecedent(self, pos: int, sent: Sentence, sent_prev: Sentence | None) -> tuple[str | None, str]:
        """Nearest person named before ``pos`` in this or the previous sentence, else the last person speaker."""
        tk = self.tk
        floor = sent_prev.start if sent_prev else sent.start
        singular_sie = tk.text[pos] in ("Sie", "sie") and self.singular_verb(pos + 1)
        for k in range(pos - 1, floor - 1, -1):
            if self.in_mark[k]:
                continue
            t = tk.text[k]
            if t in self.names:
                return self.names[t], "person"
            if singular_sie and t in ("die", "der", "Die", "Der") and not (k > floor and tk.is_noun(k - 1)):  # not a genitive
                org = self.organisation_at(k, sent.end)
                if org is not None:
                    return org, "organization"  # "Die Gewerkschaft lehnt den Plan ab. Sie bezeichnet ihn als …"
        if self.last_person:
            return self.last_person, "person"
        return None, "unknown"

    def singular_verb(self, k: int) -> bool:
        """A finite verb in the third person singular ("bezeichnet", "sagte"), not a plural ("sagten")."""
        tk = self.tk
        return k < tk.n and not tk.cap[k] and tk.is_word(k) and tk.text[k].endswith(("t", "te")) and tk.lemma[k] != tk.text[k]

    def organisation_at(self, k: int, limit: int) -> str | None:
        """Display name of an organisation phrase starting at ``k`` (a feminine antecedent of "sie")."""
        m = np_forward(self.tk, k, limit)
        if m is None:
            return None
        name, typ = describe(self.tk, m)
        return name if typ == "organization" else None

    def so_frame_end(self, i: int, e: int) -> int:
        """End of the adverbs and prepositional phrases after the speaker of ", so X" ("so der Vereinschef
        zu den Beweggründen", "so X gegenüber der Zeitung"); the frame must close the clause after them."""
        tk = self.tk
        while i < e and not self.in_mark[i]:
            t = tk.text[i]
            if t.lower() in tk.prepositions or t in tk.adverbs:  # "gegenüber" is listed as an adverb
                np = np_forward(tk, i + 1, e)
                if np is not None and tk.text[np.start] not in tk.pronouns:
                    i = np.end
                    continue
            if t in tk.adverbs:
                i += 1
                continue
            break
        return i

    def _previous_source(self, sent_prev: Sentence | None) -> tuple[str | None, str]:
        """"Demnach" stands for the source of the previous sentence ("Die Jury gab ihre Entscheidung bekannt.
        Demnach …"): the mention stays the adverb, the name is that sentence's subject."""
        subj = self.sentence_subject(sent_prev) if sent_prev is not None else None
        if subj is None or self.tk.text[subj.start] in self.tk.pronouns:
            return None, "unknown"
        return describe(self.tk, subj)

    def _issuer(self, pos: int, sent: Sentence) -> tuple[str | None, str]:
        """Issuer of an unnamed document: an organisation subject of the sentence, else the last speaker."""
        tk = self.tk
        # only the clause of the document mention: the claim itself names no issuer
        for k in range(self.clause_start(pos, sent.start), self.clause_end(pos, sent.end)):
            if not self.in_mark[k] and tk.is_noun(k) and k != pos:
                m = np_forward(tk, k, sent.end)
                if m and not any(tk.text[x] in self.lex.speech_nouns for x in range(m.start, m.end)):
                    name, typ = describe(tk, m)
                    if typ == "organization":
                        return name, typ
        if self.last_speaker is not None and self.last_speaker.name:
            return self.last_speaker.name, self.last_speaker.type
        return None, "unknown"

    # ------------------------------------------------------------------ helpers

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

    def is_konjunktiv(self, i: int) -> bool:
        tk = self.tk
        t = tk.text[i]
        if tk.cap[i] and i > 0 and not tk.text[i - 1] in ".:\n":
            return False
        if t in self.lex.konjunktiv or t.lower() in self.lex.konjunktiv or self.prefixed_konjunktiv(t):
            return True
        lem = tk.lemma[i]
        ieren = self.KONJ_IEREN and lem == t and len(t) > 6 and t.endswith("iere")  # "funktioniere": missing from the lookup table
        return (
            (len(t) > 3 and (lem.endswith("en") and t == lem[:-1] or lem.endswith(("ern", "eln")) and t == lem[:-1] + "e") or ieren)
            and not tk.cap[i]
            and not tk.is_det(i) and t not in tk.adverbs and t not in ("keine", "meine", "deine", "unsere", "alle", "beide")
            and tk.text[i - 1] not in ("ich", "Ich")
        )

    def prefixed_konjunktiv(self, t: str) -> bool:
        """A listed Konjunktiv II form behind a verb prefix: "befänden" (fänden), "ankäme" (käme)."""
        return t in self.derived["konjunktiv_prefixed"]

    def has_konjunktiv(self, a: int, b: int, hearsay: bool = False, strong: bool = False) -> bool:
        """Konjunktiv (or hearsay "soll") outside quotation marks in tokens a..b; ``strong``: Konjunktiv I only."""
        for k in range(a, b):
            if self.in_mark[k]:
                continue
            if self.is_konjunktiv(k) and not (strong and self.tk.text[k] in self.lex.konjunktiv_weak):
                return True
            if hearsay and self.tk.text[k] in self.lex.hearsay:
                return True
        return False

    def clause_end(self, i: int, limit: int, stops=(",", ":", ";", "–", "—")) -> int:
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

    # ------------------------------------------------------------------ cues

    def verb_lemma(self, i: int, sent: Sentence, verbs: set[str] | None = None) -> str | None:
        """Lexicon lemma of a speech verb (or of one in ``verbs``) at token ``i`` (joining separable particles), else None."""
        tk = self.tk
        t = tk.text[i]
        if tk.cap[i] or not tk.is_word(i) or self.in_mark[i]:
            return None
        lem = self.lex.verb_forms.get(t, tk.lemma[i].lower())
        verbs = self.lex.speech_verbs if verbs is None else verbs
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
        if lem in verbs:
            if lem == "sprechen":
                lo = self.clause_start(i, sent.start)
                if not any(tk.text[k] in ("von", "Von") for k in range(lo, j)):
                    return None  # "sprach mit X" is a meeting, "sprach von X" a claim
            return lem
        if t.lower() in verbs:
            return t.lower()
        return None

    def negated(self, i: int, sent: Sentence) -> bool:
        tk = self.tk
        a = self.clause_start(i, sent.start)
        window = range(max(a, i - 4), min(sent.end, i + 2))
        return any(tk.text[k] in self.negation for k in window if not self.in_mark[k])

    def subject(self, v: int, sent: Sentence) -> Mention | None:
        """Speaker phrase of the cue verb at ``v``: the subject next to it or next to its auxiliary."""
        parsed = self.parsed_speaker(v)
        if parsed is not None:
            return parsed
        tk = self.tk
        lo = self.clause_start(v, sent.start)
        if lo > sent.start and tk.text[lo - 1] == "(" and ")" in tk.text[lo:v]:
            lo = self.clause_start(lo - 1, sent.start)  # "Franz Josef Jung (CDU) kündigte an"
        lo = self.parenthesis_start(lo, v, sent)
        if lo > sent.start and tk.text[lo - 1] == "," and self.pronominal_adverb(v):
            verb = next((k for k in range(lo - 2, sent.start - 1, -1) if self.inflected_verb(k) and not self.in_mark[k]), None)
            if verb is not None:
                return self.subject(verb, sent)  # "ging Celebi, die Anwältin der Frau, davon aus, dass …"
        agent = self.passive_agent(v, lo, sent)
        if agent is not None:
            return agent
        anchor = v
        # participle at clause end: the subject stands next to the auxiliary ("die Ukraine hat ... bestätigt")
        nxt = v + 1
        if nxt >= sent.end or tk.text[nxt] in (",", ".", ":", ";") or self.in_mark[nxt]:
            for k in range(lo, v):
                if self.is_auxiliary(k) and not self.in_mark[k]:
                    anchor = k
                    break
        # a pronoun in the same clause before the verb (verb-final clauses: "was er als … bezeichnete")
        fwd_start = self.skip_adverbs(anchor + 1, sent.end)
        fwd = np_forward(tk, fwd_start, sent.end) if fwd_start < sent.end and not self.in_mark[fwd_start] else None
        if fwd is not None and fwd.end < sent.end and tk.text[fwd.end] == "zufolge":
            fwd = None
        if fwd is not None and "gegenüber" in tk.text[anchor + 1 : fwd.start]:
            fwd = None  # "sagte gegenüber der Nachrichtenagentur": the addressee
        if anchor == lo or tk.text[anchor - 1] in ("und", "oder", "sowie"):
            # coordinated verb ("…, verurteilte die Angriffe und versprach …") or apposition
            # ("Klaus Stöhr, Leiter des Programms, sagte"): the subject opens the sentence
            if fwd is not None and tk.text[fwd.start] in tk.pronouns:
                return fwd
            first = tk.text[sent.start].lower()
            if anchor == lo and fwd is not None and first in self.subordinators | self.relative and first not in tk.articles:
                return fwd  # "Da Brauereien …, warnte der Hauptgeschäftsführer": the subordinate clause comes first
            head = self.sentence_subject(sent)
            if head is not None and head.start < anchor:
                return head
            if anchor == lo and fwd is not None and not is_time_phrase(tk, fwd):
                return fwd
            return None
        back = np_backward(tk, anchor, lo)
        if back is not None and back.start > lo and tk.text[back.start - 1] in ("aus", "Aus") and tk.lemma[v].lower() == "verlauten":
            return back  # "Aus Militärkreisen verlautete, …": the source
        if back is not None and (preceded_by_preposition(tk, back, lo) and not self.opens_verb_final_clause(back, v, sent)
                                 or is_time_phrase(tk, back)):
            back = None
        if back is not None and tk.text[back.start] in ("Berichten",):
            back = None
        if back is not None and back.start - 1 > lo and tk.text[back.start - 1] == "gegenüber":
            back = np_backward(tk, back.start - 1, lo)  # "der Minister gegenüber Medien versichere": the addressee
        if back is not None and back.end - back.start == 1 and back.start == sent.start and fwd is not None:
            if tk.text[back.start].lower().endswith(ADVERB_ENDINGS):
                back = None  # "Relativierend fügt Gall hinzu": an adverbial opens the sentence
        if back is not None and fwd is not None and not is_time_phrase(tk, fwd) and self.fronted_object(back, fwd, sent):
            return fwd
        if back is not None and back.start == lo:
            return back
        if back is not None and tk.text[back.start] in tk.pronouns and back.end == anchor and all(
                tk.text[k].lower() in tk.adverbs for k in range(lo, back.start)):
            return back  # "Auch sie forderten den Rücktritt": the pronoun in front of the verb is its subject
        if fwd is not None and tk.text[fwd.start] in tk.pronouns:
            return fwd
        if back is not None and tk.text[back.start - 1] in self.conj_or_rel():
            return back
        if fwd is not None and not is_time_phrase(tk, fwd):
            return fwd
        # pronoun subject of a verb-final clause
        for k in range(lo, anchor):
            if tk.text[k] in tk.pronouns and not self.in_mark[k]:
                return Mention(k, k + 1)
        if back is not None:
            return back
        return self.subordinate_subject(lo, anchor, sent) or self.bare_subject(lo, anchor)

    def pronominal_adverb(self, k: int) -> bool:
        """"davon", "darauf", "damit": da(r) + preposition, the object of a verb standing elsewhere."""
        t = self.tk.text[k]
        for head in ("dar", "da"):
            if t.startswith(head) and t[len(head):] in self.tk.prepositions:
                return True
        return False

    def parenthesis_start(self, lo: int, v: int, sent: Sentence) -> int:
        """Move a clause start found inside a parenthesis with a comma ("Anna Berg von der Umweltbehörde
        (Environment Agency, EA) sagte") back to the clause that holds the parenthesis."""
        tk = self.tk
        if ")" not in tk.text[lo:v] or "(" in tk.text[lo:v]:
            return lo
        for k in range(lo - 1, max(sent.start, lo - 12) - 1, -1):
            if tk.text[k] == "(":
                return self.clause_start(k, sent.start)
            if tk.text[k] == ")":
                break
        return lo

    def subordinate_subject(self, lo: int, anchor: int, sent: Sentence) -> Mention | None:
        """Verb-final clause opened by a conjunction: the subject follows the conjunction ("nachdem die Partei auf
        nationaler Ebene entschieden hatte", "Als der Chef am Sonntag sagte, …")."""
        tk = self.tk
        if tk.text[lo].lower() not in self.lex.closed["clause_conjunction"] or self.in_mark[lo]:
            return None
        m = np_forward(tk, self.skip_adverbs(lo + 1, anchor), anchor)
        if m is None or is_time_phrase(tk, m) or tk.text[m.start].lower() in OBJECT_ARTICLES:
            return None
        return m

    def opens_verb_final_clause(self, back: Mention, v: int, sent: Sentence) -> bool:
        """"Während Premierminister X ankündigte, …": a word that is a preposition and a conjunction opens a
        subordinate clause when the cue verb closes it, so the phrase after it is the subject."""
        tk = self.tk
        k = back.start - 1
        closes = v + 1 >= sent.end or tk.text[v + 1] in (",", ".", ";", ":")
        next_to_verb = self.skip_adverbs(back.end, v) == v  # not "Als Termin wurde … genannt"
        word = tk.text[k].lower() if k >= sent.start else ""
        return word in self.lex.closed["clause_conjunction"] and word in tk.prepositions and closes and next_to_verb

    def is_auxiliary(self, k: int) -> bool:
        """An auxiliary, also in Konjunktiv ("Die Mandantin sei davon ausgegangen", "er habe … erklärt")."""
        t = self.tk.text[k]
        return t in self.auxiliaries or t in self.lex.konjunktiv and self.tk.lemma[k] in ("sein", "haben", "werden")

    def parsed_speaker(self, v: int) -> Mention | None:
        """The subject (or passive agent) the dependency parse gives the cue verb at ``v``; None without a parse."""
        return self.parse.speaker(v) if self.parse is not None else None

    def fronted_object(self, back: Mention, fwd: Mention, sent: Sentence) -> bool:
        """Verb-second clause with something else than the subject in front ("Der Politik schlug er vor",
        "Den Vorschlag lehnte die Ministerin ab"): the subject follows the verb. ("er" is nominative only.)"""
        tk = self.tk
        if tk.text[fwd.start] in ("er", "Er") or tk.text[back.start].lower() in OBJECT_ARTICLES:
            return True
        if back.end - back.start == 1 and tk.text[back.start].lower() in CLAIM_PRONOUNS:
            return True  # "Dies bestätigte der Minister"
        # "der" + adjective in -en is dative or genitive: "Der englischsprachigen Zeitung sagte Karma"
        return self.DER_EN and tk.text[back.start] in ("der", "Der") and back.start + 1 < back.end and tk.is_adjective(back.start + 1) and tk.text[back.start + 1].endswith("en")

    def bare_subject(self, lo: int, anchor: int) -> Mention | None:
        """A subject the noun-phrase rules miss: a lone pronoun ("Dieser behauptete", ", der angab"),
        a lowercase name or nominalised adjective after an article ("Die taz vermutet", "der 81-jährige")."""
        tk = self.tk
        if anchor - lo == 1 and tk.text[lo].lower() in SPEAKER_PRONOUNS and not self.in_mark[lo]:
            return Mention(lo, lo + 1)
        if (lo > 0 and tk.text[lo - 1] == "," and tk.text[lo] in SPEAKER_PRONOUNS and not self.in_mark[lo]
                and anchor + 1 < tk.n and tk.text[anchor + 1] in (",", ".", ":")):
            return Mention(lo, lo + 1)  # "…, der in einer Stellungnahme vor dem Parlament betonte, …"
        if 2 <= anchor - lo <= 3 and tk.is_det(lo) and all(tk.is_word(k) and not self.in_mark[k] for k in range(lo, anchor)):
            return Mention(lo, anchor)
        k = self.skip_adverbs(anchor + 1, self.tk.n)
        if k + 2 < tk.n and tk.is_det(k) and tk.is_adjective(k + 1) and not self.in_mark[k] and (
            tk.text[k + 2] in (",", ".") or tk.text[k + 2] in tk.prepositions
        ):
            return Mention(k, k + 2)
        return None

    def named_subject(self, sent: Sentence) -> Mention | None:
        """The subject of a sentence without a quotation when it names a person or organisation: it, rather than an
        older speaker, says the Konjunktiv sentence that follows ("Die Kriminalpolizei bittet um Mithilfe. Der Mann sei …")."""
        m = self.sentence_subject(sent)
        tk = self.tk
        if m is None or tk.text[m.start] in tk.pronouns:
            return None
        lex = self.lex
        if not any(tk.cap[k] and (tk.text[k] in lex.roles or tk.text[k] in lex.organisations or tk.text[k] in self.names) for k in range(m.start, m.end)):
            return None  # a role, an organisation or a person named with a role elsewhere in the text
        return self.resolve(m, sent, None)

    def noun_source(self, comma: int, sent: Sentence) -> Mention | None:
        """A claim attached to a speech or intent noun right before its comma ("die Forderung des Verbands, …
        zu senken", "trotz einer Warnung der Wärter, …", "gab es Hinweise, dass …") is the noun phrase's: the
        corpus marks that phrase, not the clause's subject, as the source."""
        tk, lex = self.tk, self.lex
        m = np_backward(tk, comma, self.clause_start(comma, sent.start))
        if m is None or tk.text[m.start] in tk.pronouns:
            return None
        for k in range(m.end - 1, m.start, -1):
            if tk.text[k] in ("den", "dem", "einen", "einem") and tk.is_noun(k - 1):
                m = Mention(k, m.end)  # "an Bord den Befehl": only the last phrase (no genitive)
                break
        owner = any(tk.text[k] in ("des", "der", "von", "vom") for k in range(m.start + 1, m.end))
        if tk.text[m.start] in ("den", "einen") and not owner:
            return None  # "X erteilte den Befehl, …": the object of the subject's verb; the subject speaks
        if any(tk.cap[k] and (tk.text[k] in lex.intent or tk.text[k] in lex.speech_nouns or tk.text[k] in lex.source_nouns)
               for k in range(m.start, m.end)):
            return m
        return None

    def passive_agent(self, v: int, lo: int, sent: Sentence) -> Mention | None:
        """Agent of a passive cue: "wird von der Netzeitung zitiert", "Von den Behörden wird angenommen"."""
        tk = self.tk
        hi = self.clause_end(v, sent.end)
        if not any(tk.text[k] in PASSIVE_AUX and not self.in_mark[k] for k in range(lo, hi)):
            return None
        for k in range(lo, v):
            if tk.text[k] not in ("von", "vom", "Von", "Vom") or self.in_mark[k]:
                continue
            if k > lo and tk.is_noun(k - 1) and k + 1 < v and tk.cap[k + 1] and not tk.is_det(k + 1):
                continue  # a name particle: "Ursula von der Leyen"
            start = k + 1 if tk.text[k].lower() == "von" else k
            m = np_forward(tk, k + 1, v)
            if m is not None:
                return Mention(start, m.end)
            # a quoted name: "von der „Netzeitung“"
            j = k + 1
            while j < v and (tk.is_det(j) or tk.is_adjective(j)):
                j += 1
            if j < v and j in self.openers and self.openers[j] < v:
                return Mention(start, self.openers[j] + 1)
        # no agent: the document it is said in ("In einem Bericht der BBC wurde vermutet"); but
        # "X wird in einer Erklärung zitiert" quotes its subject
        for k in range(lo, v if tk.lemma[v].lower() != "zitieren" else lo):
            if tk.text[k].lower() in ("in", "im") and not self.in_mark[k]:
                m = np_forward(tk, k + 1, v)
                if m is not None and any(tk.text[x] in self.lex.speech_nouns for x in range(m.start, m.end)):
                    return m
        return None

    def sentence_subject(self, sent: Sentence) -> Mention | None:
        """Subject of the main clause: the opening noun phrase before the finite verb (or its apposition),
        else the noun phrase right after the finite verb ("Letzte Woche sprach Biden …")."""
        tk = self.tk
        s, e = sent.start, sent.end
        st = s
        while st < e and (tk.text[st] in tk.conj or tk.text[st].isspace()):
            st += 1
        adv = st
        while adv < e and tk.text[adv].lower() in tk.adverbs:
            adv += 1
        if adv > st and adv + 1 < e and tk.is_adjective(adv) and self.inflected_verb(adv):
            st = adv + 1  # "Auch lehnte Angela Merkel den Vorschlag ab": adverb, verb, subject
        elif adv > st and np_forward(tk, adv, e) is not None:
            st = adv  # "Auch Winfried Hassemer, Papiers Stellvertreter, glaubt …"
        head = np_forward(tk, st, e)
        oblique = head is not None and tk.text[head.start].lower() in OBJECT_ARTICLES
        if head is not None and head.end - head.start == 1 and head.end < e and not tk.cap[head.end] and (
            tk.text[head.start].lower().endswith(ADVERB_ENDINGS) or tk.text[head.start].lower() in tk.adverbs
        ):
            head = None  # "Relativierend fügt Gall hinzu:"
        if head is not None and head.end < e and not is_time_phrase(tk, head) and not oblique:
            nxt = tk.text[head.end]
            colon = self.clause_end(head.end, e)
            if nxt == ":" or nxt in tk.prepositions and colon < e and tk.text[colon] == ":" and not any(
                    tk.text[k] in SUBJECT_PRONOUNS for k in range(head.end, colon)):
                return head  # no verb: "Ein Beamter der Nationalpolizei: „…“" (but "Die Hilfe für X lehnt er ab: „…“")
            if nxt in (",", "(") or (not tk.cap[head.end] and tk.is_word(head.end) and nxt not in tk.prepositions) or (
                nxt in tk.prepositions and self.clause_end(head.end, e) < e and tk.text[self.clause_end(head.end, e)] == ","
            ):
                after = head.end + 1
                if nxt not in (",", "(") and after < e and tk.text[after] in SUBJECT_PRONOUNS:
                    return Mention(after, after + 1)  # object first: "Das Angebot lehnt er ab"
                if nxt not in (",", "(") and not tk.cap[head.end]:
                    return self.inverted_subject(head, head.end, e) or head
                return head
        # first finite verb: first lowercase word after the opening constituent
        k = head.end if head is not None else st + 1
        while k < e and not self.in_mark[k]:
            t = tk.text[k]
            if t in tk.pronouns:
                return Mention(k, k + 1)  # the verb looked like an adjective: "Im Januar legte er …"
            verb_like = not tk.is_adjective(k) or k + 1 < e and tk.is_det(k + 1)  # "brachte die Sprecherin"
            if tk.is_word(k) and not tk.cap[k] and t[0].isalpha() and t not in tk.articles and t not in tk.prepositions and verb_like and t not in tk.adverbs:
                st = self.skip_adverbs(k + 1, e)
                m = np_forward(tk, st, e)
                if m is not None and not is_time_phrase(tk, m):
                    return m
                return None
            if t in (",", ":", ";"):
                return None
            k += 1
        return None

    def inverted_subject(self, head: Mention, v: int, e: int) -> Mention | None:
        """Verb-second clause with the object in front: "Die Anwendung der Regel stellte der Vorsitzende Franz
        Maier in Frage" — the phrase after the verb is the subject when it names a speaker and the front one does not."""
        tk = self.tk
        if self.speaker_like(head) or not self.inflected_verb(v):
            return None
        st = self.skip_adverbs(v + 1, e)
        m = np_forward(tk, st, e) if st < e and not self.in_mark[st] else None
        if m is None or tk.text[m.start].lower() in OBJECT_ARTICLES or not self.speaker_like(m):
            return None
        return m

    def conj_or_rel(self):
        return self.tk.conj | {",", "–", "—", ":", "("}

    def source_of(self, m: Mention) -> Mention:
        """"Angaben der Polizei" -> "der Polizei": the source inside a source-noun phrase, if named."""
        tk = self.tk
        for k in range(m.start, m.end - 1):
            if tk.text[k] in self.lex.source_nouns and tk.text[k + 1] in ("der", "des", "von", "vom"):
                start = k + 2 if tk.text[k + 1] in ("von", "vom") else k + 1
                if start < m.end:
                    return Mention(start, m.end)
        return m

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

    def source_head(self, m: Mention) -> bool:
        """The head noun of "nach X" is a source noun ("nach Angaben der Polizei", "nach Grupps Meinung"), not
        only a noun inside it ("nach Abschluss der Ermittlungen" is a time)."""
        tk = self.tk
        head = next((k for k in range(m.start, m.end) if tk.is_noun(k)), None)
        if head is not None and head + 1 < m.end and tk.text[head].endswith("s") and tk.is_noun(head + 1):
            head += 1  # a genitive name before the head: "nach Grupps Meinung"
        return head is not None and tk.text[head] in self.lex.source_nouns

    def find_cues(self, sent: Sentence) -> list[Cue]:
        tk = self.tk
        cues: list[Cue] = []
        s, e = sent.start, sent.end
        i = s
        while i < e:
            if self.in_mark[i]:
                i += 1
                continue
            t = tk.text[i]
            low = t.lower()
            # source frames before the source: "laut X", "nach Angaben von X"
            matched = False
            for words in self.lex.frames_before:
                k = len(words)
                if low == words[0] and i + k <= e and all(tk.text[i + x].lower() == words[x] for x in range(k)):
                    src = np_forward(tk, i + k, e)
                    if src is None and i + k in self.openers and self.looks_like_name(i + k, self.openers[i + k]) | (self.openers[i + k] - i - k <= 4):
                        src = Mention(i + k + 1, self.openers[i + k])  # laut „tagesschau.de“, laut „Reuters“
                    if src is not None:
                        cues.append(Cue("frame_before", i, i + k, speaker=src, confidence=0.7))
                        i = src.end
                        matched = True
                    break
            if matched:
                continue
            if low == "nach" and i + 1 < e:
                src = np_forward(tk, i + 1, e)
                if src is not None and self.source_head(src):
                    cues.append(Cue("frame_before", i, i + 1, speaker=self.source_of(src), confidence=0.6))
                    i = src.end
                    continue
            if low == "nach" and i > s and tk.text[i - 1] in self.lex.source_nouns:
                src = np_backward(tk, i, self.clause_start(i, s))
                if src is not None:
                    cues.append(Cue("frame_after", i, i + 1, speaker=src, confidence=0.6))
                    i += 1
                    continue
            if low == "wonach" and i > s and tk.text[i - 1] == ",":
                src = np_backward(tk, i - 1, self.clause_start(i - 1, s))
                if src is not None:
                    cues.append(Cue("wonach", i, i + 1, speaker=src, confidence=0.6))
                i += 1
                continue
            if low == "demnach" and self.last_speaker is not None and self.last_sent_index >= self.sent_index - 2:
                cues.append(Cue("demnach", i, i + 1, speaker=Mention(i, i + 1, self.last_speaker.name, self.last_speaker.type), confidence=0.5))
                i += 1
                continue
            if low == "demnach" and i == s and self.DEMNACH_ALONE:
                cues.append(Cue("demnach", i, i + 1, speaker=Mention(i, i + 1), confidence=0.4))  # the source is named earlier
                i += 1
                continue
            if low in self.lex.frames_after and i > s:
                src = np_backward(tk, i, self.clause_start(i, s))
                if src is not None:
                    cues.append(Cue("frame_after", i, i + 1, speaker=src, confidence=0.7))
                i += 1
                continue
            if low in ("heißt", "hieß", "hieß") and (i + 1 < e and tk.text[i + 1] == "es" or i > s and tk.text[i - 1].lower() == "es"):
                cues.append(Cue("heisst", i, i + 1, lemma="heißen", confidence=0.7))
                i += 1
                continue
            if t == "so" and i > s and (tk.text[i - 1] == "," or tk.text[i - 1] in "“”«»\"'"):
                src = np_forward(tk, i + 1, e)
                if src is None and i + 1 < e and tk.text[i + 1].lower() in SPEAKER_PRONOUNS and not tk.is_det(i + 1):
                    src = Mention(i + 1, i + 2)  # "„…“, so letztere."
                after = self.so_frame_end(src.end, e) if src is not None else e
                if src is not None and (after >= e or tk.text[after] in (",", ".", "!", "?", ":", "–", ";")):
                    cues.append(Cue("so", i, i + 1, speaker=src, confidence=0.8))
                    i = src.end
                    continue
            lem = self.verb_lemma(i, sent)
            if lem and not self.negated(i, sent):
                cues.append(Cue("verb", i, i + 1, lemma=lem))
            i += 1
        return cues

    # ------------------------------------------------------------------ per sentence

    def analyse(self, sent: Sentence, prev: Sentence | None) -> list[Found]:
        tk = self.tk
        s, e = sent.start, sent.end
        cues = self.find_cues(sent)
        for cue in cues:
            self.frame_cue(cue, sent, cues)
        cues = cues + self.dass_clauses(sent, cues)
        if self.ZU_CLAUSES:
            cues = cues + self.zu_clauses(sent, cues)
        if self.STANCE_WHOLE:
            cues = cues + self.stance_cues(sent, cues)
        if self.FREE_OVER_IMPLICIT and self.last_found is not None and self.last_sent_index >= self.sent_index - 1:
            # "Das Ministerium habe Angst gehabt, dass …": a Konjunktiv head clause continues reported speech
            cues = [c for c in cues if not (c.implicit and c.region and self.has_konjunktiv(s, c.region[0], strong=True))]
            if self.last_found.kind in ("indirect", "free_indirect"):
                cues = [c for c in cues if not self.reported_frame(c)]
        # a source frame inside a reported clause ("X sagte, nach neuesten Erkenntnissen habe …") frames no
        # claim of its own
        for cue in cues:
            if cue.kind.startswith("frame") and cue.region and any(
                o.kind == "verb" and o.region and cue.region[0] <= o.start < cue.region[1] for o in cues
            ):
                cue.region = None
        # a cue inside another cue's claim belongs to that claim ("…, was er als „…“ bezeichnete")
        for cue in cues:
            if cue.region and any(o is not cue and o.region and o.region[0] <= cue.start < o.region[1] for o in cues):
                cue.region = None
        # "…. Dies bestätigte X." / "Das teilte X mit.": the demonstrative takes up the previous sentence as claim
        if self.ANAPHORIC_CLAIM and prev is not None and e - s > 2 and tk.text[s].lower() in ("dies", "das", "dieses"):
            quoted = any(o <= prev.start + 1 and c >= prev.end - 3 for o, c in prev.marks)
            for cue in cues:
                if (cue.kind == "verb" and (cue.region is None or cue.region_kind == "reported" and cue.region[0] <= s + 1)
                        and not cue.direct_after and not quoted
                        and (cue.start == s + 1 or tk.text[s + 1] in self.auxiliaries)):
                    cue.region = (prev.start, prev.end)
                    cue.region_kind = "indirect" if self.has_konjunktiv(prev.start, prev.end) else "reported"
                    cue.confidence = 0.5
                    self.drop_sentence_claims(cues, cue, s)
                    break
        for cue in cues:
            if cue.kind == "verb" and not cue.implicit:  # implicit cues chose theirs (noun sources) already
                cue.speaker = self.parsed_speaker(cue.start) or cue.speaker  # also "…, sagte X" and "Wie X sagte"
            cue.speaker = self.resolve(cue.speaker, sent, prev)
        found: list[Found] = []
        direct_marks: list[tuple[int, int]] = []
        partial_marks: list[tuple[int, int]] = []
        for o, c in sent.marks:
            kind = self.mark_kind(o, c, sent)
            (direct_marks if kind == "direct" else partial_marks).append((o, c))
        # claims outside quotation marks
        for cue in cues:
            if cue.region is None:
                continue
            a, b = self.trim(*cue.region)
            if b - a < 2:
                continue
            if any(self._jaccard((a, b), (o + 1, c)) >= 0.5 or (o < a and b <= c + 1) for o, c in direct_marks):
                continue
            same = next((f for f in found if (f.start, f.end) == (a, b)), None)
            if same is not None:
                # two cues of one claim make one quotation, framed by the cue next to the claim ("In einer
                # verbreiteten Erklärung gab er an, …": angeben, not verbreiten)
                if cue.speaker is not None and (same.speaker is None or self._gap(cue.start, a, b) < self._gap(same.cue[0], a, b)):
                    same.speaker, same.cue, same.confidence = cue.speaker, (cue.start, cue.end), cue.confidence
                continue
            found.append(Found(a, b, cue.region_kind, cue.speaker, (cue.start, cue.end), cue.confidence, 0))
        # quotation marks
        for o, c in direct_marks + partial_marks:
            direct = (o, c) in direct_marks
            cue = self.cue_for_mark(o, c, cues, found)
            if not direct and any(x.speaker is not None and x.speaker.start == o + 1 and x.speaker.end == c for x in cues):
                cue = None  # the source itself is quoted: laut „Reuters“
            if cue is None and not direct:
                words = sum(1 for k in range(o + 1, c) if tk.is_word(k))
                if self.SCARE_MIN_WORDS and words >= self.SCARE_MIN_WORDS and not self.looks_like_name(o, c):
                    found.append(Found(o + 1, c, "partial", None, None, 0.4))  # a quoted phrase without a named speaker
                    continue
                found.append(Found(o + 1, c, "scare", None, None, 0.5))
                continue
            if cue is None and self.after_colon(o, sent):
                subj = self.resolve(self.sentence_subject(sent), sent, prev)
                if subj is not None:
                    cue = Cue("colon", o - 1, o, speaker=subj)
            if cue is None:
                speaker, conf, cue_span = self.continued_speaker(sent, prev), 0.6, None
                if speaker is not None:
                    speaker, cue_span = speaker
            else:
                speaker, conf, cue_span = cue.speaker, 0.9 if direct else 0.8, (cue.start, cue.end)
            found.append(Found(o + 1, c, "direct" if direct else "partial", speaker, cue_span, conf))
        # free indirect speech: Konjunktiv without a cue continues the previous speaker
        recent = self.last_found is not None and self.last_sent_index >= self.sent_index - 1
        if (not cues or self.FREE_OVER_REPORTED_CUE and self.reported_cues_only(cues)) and not direct_marks and (
            recent and (self.has_konjunktiv(s, e, strong=True) or self.has_konjunktiv(s, self.clause_end(s, e), hearsay=True))
            or self.has_konjunktiv(s, e, hearsay=self.HEARSAY_ALONE, strong=True)
            or self.HEARSAY_PERFECT and self.hearsay_perfect(s, e)
        ):
            fresh = self.named_subject(prev) if not recent and prev is not None else None
            if fresh is not None or self.last_found is None or self.last_found.speaker is None or self.last_sent_index < self.sent_index - self.FREE_REACH:
                speaker = fresh or (self.resolve(self.sentence_subject(prev), prev, None) if prev is not None else None)
                self.last_found = Found(s, e, "free_indirect", speaker, None, 0.4)
                self.last_sent_index = self.sent_index - 1
            if self.last_found.speaker is not None:
                a, b = self.trim(s, e)
                if b - a >= 3:
                    found = [f for f in found if f.kind != "scare"] + [
                        Found(o + 1, c, "partial", self.last_found.speaker, self.last_found.cue, 0.5)
                        for f in found if f.kind == "scare" for o, c in [(f.start - 1, f.end)] if not self.looks_like_name(o, c)
                    ] + [f for f in found if f.kind == "scare" and self.looks_like_name(f.start - 1, f.end)]
                    a0 = a
                    if self.FREE_FROM_CLAUSE:
                        a = self.konjunktiv_clause_start(a, b)
                    found.append(Found(a, b, "free_indirect", self.last_found.speaker, self.last_found.cue, 0.5, clause=a > a0))
        for f in found:
            if self.quoted_term(f, found, sent):
                f.kind, f.speaker, f.cue = "scare", None, None
        return [f for f in found if not self.first_person_claim(f)]

    def quoted_term(self, f: Found, found: list[Found], sent: Sentence) -> bool:
        """One to three capitalised words in quotation marks inside a reported claim ("…, die Band „Landser“ habe …",
        "sei die „Spreizung“ gewachsen", "die „Hvalur 9“") name a term, a group or a ship; the claim around it is the speech. After a core
        verb of saying ("sagte, solche Behauptungen seien „Unsinn“") the word is the speaker's own."""
        tk = self.tk
        if f.kind != "partial" or f.end - f.start > 3 or not all(tk.cap[k] or tk.text[k][:1].isdigit() for k in range(f.start, f.end)):
            return False
        if f.cue is not None and self.verb_lemma(f.cue[0], sent, SAY_CORE):  # "teilte … mit" too
            return False
        return any(g.kind in ("indirect", "reported", "free_indirect") and g.start <= f.start and f.end <= g.end for g in found)

    def first_person_claim(self, f: Found) -> bool:
        """A claim outside quotation marks that speaks in the first person ("Ich habe das Gefühl, …" in an interview
        answer) is the writer's own voice: reported speech shifts the speaker to the third person."""
        if f.kind not in ("indirect", "reported", "free_indirect"):
            return False
        return any(self.tk.text[k] in self.first_person and not self.in_mark[k] for k in range(f.start, f.end))

    @staticmethod
    def drop_sentence_claims(cues: list[Cue], anaphoric: Cue, s: int) -> None:
        """"Das wurde vom Presseamt bekannt gegeben" / "Dies gab – nach Untersuchungen – X bekannt": once the
        demonstrative hands the claim to the previous sentence, the sentence itself is no claim of another cue."""
        for o in cues:
            if o is not anaphoric and o.region and o.region[0] <= s + 1:
                o.region = None

    def reported_frame(self, cue: Cue) -> bool:
        """"So gebe es Hinweise, dass …" right after reported speech: a cue verb in Konjunktiv I is itself reported,
        so its sentence continues the reported passage instead of framing a claim of its own."""
        return cue.kind == "verb" and cue.region is not None and not cue.direct_after and self.is_konjunktiv(cue.start) and (
            self.tk.text[cue.start] not in self.lex.konjunktiv_weak)

    def reported_cues_only(self, cues: list[Cue]) -> bool:
        """The sentence's speech verbs are part of the reported speech, not a frame: in Konjunktiv ("Sie rate zum
        Kauf") or an infinitive with "zu" ("sei mit Toten zu rechnen"), and framing nothing themselves."""
        tk = self.tk
        return all(
            c.kind == "verb" and c.region is None and not c.direct_after
            and (self.is_konjunktiv(c.start) or c.start > 0 and tk.text[c.start - 1] == "zu")
            for c in cues
        )

    def hearsay_perfect(self, s: int, e: int) -> bool:
        """"X soll … getötet worden sein / geplant haben": hearsay "sollen" with a perfect infinitive reports a claim
        even without a source (the plain "soll … werden" of plans is left alone)."""
        tk = self.tk
        a, b = self.trim(s, e)
        if b - a < 4 or tk.text[b - 1] not in ("haben", "sein"):
            return False
        return any(tk.text[k] in ("soll", "sollen") and not self.in_mark[k] for k in range(a, b))

    def konjunktiv_clause_start(self, a: int, b: int) -> int:
        """Start of reported speech in a cue-less sentence: an indicative main clause ("Zum einen wird auf X
        verwiesen, wo … sei") is the narrator's; the claim starts with the first clause in Konjunktiv."""
        tk = self.tk
        commas = [k for k in range(a, b) if tk.text[k] == "," and not self.in_mark[k]]
        if not commas or self.has_konjunktiv(a, commas[0], hearsay=True) or tk.text[a].lower() in self.subordinators:
            return a  # "Was die Einwohner wollten, sei …": a subject clause belongs to the claim
        for k in commas:
            end = next((x for x in commas if x > k), b)
            if self.has_konjunktiv(k + 1, end, hearsay=True):
                return k + 1
        return a

    def after_colon(self, o: int, sent: Sentence) -> bool:
        k = o - 1
        while k >= sent.start and self.tk.text[k].isspace():
            k -= 1
        return k >= sent.start and self.tk.text[k] == ":"

    def clause_verb(self, lo: int, hi: int) -> int | None:
        """The clause's verb, taken as its first lowercase word that is no article, preposition, adverb,
        adjective or particle (German capitalises nouns, so what is left in lower case is mostly the verb)."""
        tk = self.tk
        for j in range(lo, hi):
            t = tk.text[j]
            if (tk.is_word(j) and not tk.cap[j] and t not in tk.articles and t not in tk.prepositions
                    and t not in tk.adverbs and (not tk.is_adjective(j) or self.inflected_verb(j) or self.plural_verb(j, lo))
                    and t not in self.particles):
                return j
        return None

    def plural_verb(self, j: int, lo: int) -> bool:
        """An "-en" word right after the opening noun of a clause is its plural verb ("Beobachter halten es für …",
        "Die Anwohner befürchten, …"): German adjectives stand before their noun, not after it."""
        tk = self.tk
        return j - 1 >= lo and tk.text[j].endswith("en") and tk.cap[j - 1] and tk.is_noun(j - 1) and not self.in_mark[j - 1]

    def inflected_verb(self, j: int) -> bool:
        """A lowercase word the lemmatizer maps to a different verb infinitive ("verwies" -> "verweisen",
        "erteilte" -> "erteilen"): a verb, even where its ending looks like an adjective's."""
        tk = self.tk
        lem = tk.lemma[j]
        return not tk.cap[j] and lem != tk.text[j] and lem.endswith(("en", "ern", "eln")) and lem.islower()

    def dass_clauses(self, sent: Sentence, cues: list[Cue]) -> list[Cue]:
        """", dass …" / ", ob …" complements of verbs outside the lexicon ("legten Wert darauf, dass …")."""
        tk = self.tk
        s, e = sent.start, sent.end
        covered = [c.region for c in cues if c.region]
        out = []
        for k in range(s + 1, e - 2):
            if tk.text[k] != "," or self.in_mark[k] or tk.text[k + 1] not in ("dass", "daß", "ob"):
                continue
            if tk.text[k - 1] in DASS_NOT_CONTENT or any(a <= k + 1 < b for a, b in covered):
                continue
            lo = self.clause_start(k, s)
            if self.DASS_OVER_PARENTHESIS:
                lo = self.before_parenthesis(lo, k, s)
            if lo > s and tk.text[lo - 1] != ",":
                continue
            v = self.clause_verb(lo, k)
            if v is None or tk.text[v] in self.relative:
                continue
            stance = self.copula_stance(lo, k)
            if stance is None and any(tk.text[j] in self.fact_heads for j in range(lo, k)):
                continue  # "Klar ist, dass …", "sorgt dafür, dass …": a fact, not a claim
            if self.negated_head(max(lo, k - 3), k):
                continue  # "wollte nicht bestätigen, dass …": a denied statement is no claim
            end = self.complement_end(k + 1, sent, cues)
            if self.open_question(k + 1, end):
                continue
            cue = Cue("verb", v, v + 1, lemma=tk.lemma[v], confidence=0.45, implicit=True)
            cue.speaker = self.stance_subject(lo, stance, v, sent) if stance is not None else (
                self.noun_source(k, sent) or self.subject(v, sent))
            cue.region = (k + 1, end)
            cue.region_kind = "indirect"
            out.append(cue)
        return out

    def before_parenthesis(self, lo: int, k: int, s: int) -> int:
        """A clause start inside a closed parenthesis ("Der Verband (DVM) ist der Ansicht, dass …") is the start
        of the clause around it."""
        tk = self.tk
        if lo > s and tk.text[lo - 1] == "(" and any(tk.text[j] == ")" for j in range(lo, k)):
            return self.clause_start(lo - 1, s)
        return lo

    def copula_stance(self, lo: int, k: int) -> int | None:
        """"X ist der Ansicht, dass …": a copula and a genitive stance noun right before the comma head the
        subject's claim (the noun is no source of its own, and the copula no fact head). The copula, or None."""
        tk = self.tk
        if k - lo < 3 or tk.text[k - 1] not in self.lex.stance_nouns:
            return None
        art = k - 3 if tk.is_adjective(k - 2) else k - 2  # "der festen Überzeugung"
        if art <= lo or tk.text[art] != "der":
            return None
        return next((j for j in range(lo, art) if tk.lemma[j] == "sein" or tk.text[j] in self.fact_heads), None)

    def stance_subject(self, lo: int, cop: int, v: int, sent: Sentence) -> Mention | None:
        """Subject of "X ist der Ansicht": the noun phrase right before the copula, after the last comma ("Zwar
        sind viele zufrieden, 37 Prozent sind jedoch der Auffassung"), else the subject of the clause verb without
        the stance noun ("Dabei ist der Minister der Meinung")."""
        tk = self.tk
        start = max((j + 1 for j in range(lo, cop) if tk.text[j] == ","), default=lo)
        number = tk.text[start][:1].isdigit()  # "37 Prozent"
        m = np_forward(tk, start + number, cop)
        if m is not None and m.end == cop:
            return Mention(start, m.end)
        m = self.subject(v, sent)
        if m is not None and tk.text[m.end - 1] in self.lex.stance_nouns:
            art = max((j for j in range(m.start, m.end) if tk.text[j] == "der"), default=m.start)
            m = Mention(m.start, art) if art > m.start else None
        return m

    def negated_head(self, a: int, k: int) -> bool:
        """Negation right before the comma of ", dass" ("konnte nicht glaubhaft machen, dass …"); "schloss nicht
        aus, dass …" (not ruled out) is a claim all the same."""
        tk = self.tk
        words = [tk.text[j] for j in range(a, k) if not self.in_mark[j]]
        return any(w in self.negation for w in words) and not any(w.startswith("aus") for w in words)

    ZU_CLAUSES = True
    ANAPHORIC_CLAIM = True
    FRAME_INSIDE = True
    DEMNACH_ALONE = True
    SHORT_NAME = True
    FREE_OVER_IMPLICIT = True
    COMPLEMENT_STOP = True
    FREE_FROM_CLAUSE = True
    SCARE_MIN_WORDS = 0
    SO_PARENTHESIS = True
    DASS_OVER_PARENTHESIS = True
    WIE_PASSIVE = True
    HEARSAY_PERFECT = False  # +message, -attribution on train and dev (the speaker of a sourceless "soll … haben" is rarely the last one)
    NAME_MAX_WORDS = 5  # a quotation of up to 5 capitalised words and name particles is a name or title
    TITLE_MAX_WORDS = 12  # a longer quotation after a noun of naming is taken as speech
    NAME_AFTER_ARTICLE = False  # "für „Amflora“" is a name, but single quoted words after articles were more often quotes on train
    STANCE_WHOLE = True
    FREE_OVER_REPORTED_CUE = True
    KONJ_IEREN = True
    STANCE_FINITE = True  # "Die Botschaft hat vor Angriffen gewarnt": a perfect or modal stance clause was no claim more often
    ZU_NOT_CONTENT = _CLOSED["zu_not_content"]  # "um … zu", "ohne … zu": no content clause

    def stance_cues(self, sent: Sentence, cues: list[Cue]) -> list[Cue]:
        """"Der Wetterdienst warnt vor Sturm", "Kritiker befürchten …": a sentence that frames no claim otherwise is
        one reported claim when the finite verb of its main clause is a stance verb (stance_verbs.txt) and its
        subject a speaker, not a thing ("Das Gerät warnt vor Frost")."""
        if any(c.region or c.direct_after for c in cues):
            return []
        tk = self.tk
        s, e = sent.start, sent.end
        stance_words = self.derived["stance_words"]
        for v in range(s, e):
            if tk.lemma[v].lower() not in stance_words and self.lex.verb_forms.get(tk.text[v]) not in stance_words:
                continue  # cheap test first: no stance verb (or its base without a particle) here
            lem = self.verb_lemma(v, sent, self.lex.stance_verbs)
            if lem is None or self.clause_start(v, s) != s:
                continue
            if self.negated(v, sent) or not self.stance_clause(v, sent) or self.STANCE_FINITE and self.has_auxiliary(v, sent):
                return []
            speaker = self.subject(v, sent)
            if speaker is None or not self.speaker_like(speaker):
                return []
            cue = Cue("verb", v, v + 1, lemma=lem, speaker=speaker, confidence=0.45)
            cue.region = (s, e)
            cue.region_kind = "reported"
            return [cue]
        return []

    def subject_with_apposition(self, m: Mention, v: int, sent: Sentence) -> bool:
        """"Lars Schauer, Manager des Vereins, bezeichnete …": the subject opens the sentence and only a noun-phrase
        apposition in commas stands between it and the verb."""
        tk = self.tk
        a = self.trim(sent.start, sent.end)[0]
        if m.start > a or m.end >= v or tk.text[m.end] != ",":
            return False
        lo = self.clause_start(v, sent.start)
        if lo <= m.end or tk.text[lo - 1] != ",":
            return False
        return self._apposition(m.end + 1, lo - 1) and not any(tk.text[k].lower() in self.relative for k in range(m.end + 1, min(lo, m.end + 2)))

    def has_auxiliary(self, v: int, sent: Sentence) -> bool:
        """An auxiliary before the verb in its clause ("hat … gewarnt", "will … warnen")."""
        tk = self.tk
        return any(tk.text[k] in self.auxiliaries and not self.in_mark[k] for k in range(self.clause_start(v, sent.start), v))

    def stance_clause(self, v: int, sent: Sentence) -> bool:
        """The stance verb heads a main clause that states its own claim: not a subordinate clause first
        ("Dass die Partei … ablehnt, ist …") and no demonstrative taking up an earlier claim ("Dies bestätigte X")."""
        tk = self.tk
        lo, hi = self.trim(sent.start, self.clause_end(v, sent.end))
        if tk.text[lo].lower() in self.subordinators:
            return False
        return not any(tk.text[k].lower() in CLAIM_PRONOUNS and not self.in_mark[k] for k in range(lo, hi))

    def speaker_like(self, m: Mention) -> bool:
        """The phrase names someone who can make a claim: a personal pronoun, a role, an organisation, a group of
        people (speaker_nouns.txt), a person named in the text, an acronym, or a bare name ("Lars Schauer")."""
        tk = self.tk
        lex = self.lex
        words = [k for k in range(m.start, m.end) if tk.is_word(k)]
        if not words:
            return False
        if len(words) == 1 and tk.text[words[0]] in tk.pronouns:
            return True
        for k in words:
            t = tk.text[k]
            if not tk.cap[k]:
                continue
            if t in lex.roles or t in lex.organisations or t in lex.speaker_nouns or t in self.names:
                return True
            if len(t) >= 2 and t.replace("-", "").isupper():
                return True
        return all(tk.is_noun(k) and tk.text[k].lower() not in self.closed_words and not tk.text[k].lower().endswith(ADVERB_ENDINGS)
                   for k in words)

    def zu_clauses(self, sent: Sentence, cues: list[Cue]) -> list[Cue]:
        """", zu-Infinitiv" complements of verbs and nouns of intent and speech outside the lexicon ("beschloss,
        …zu reduzieren", "die Forderung, … zuzugehen"); purpose clauses ("um … zu") are no claims."""
        tk = self.tk
        s, e = sent.start, sent.end
        covered = [c.region for c in cues if c.region]
        out = []
        k = s + 1
        while k < e - 2:
            if tk.text[k] != "," or self.in_mark[k] or k + 1 in self.openers:
                k += 1
                continue
            a = k + 1
            first = tk.text[a].lower()
            if first in self.ZU_NOT_CONTENT or first in self.subordinators or (first in self.relative and first not in self.tk.articles) or any(x <= a < y for x, y in covered):
                k += 1
                continue
            b = self.clause_end(a, e)
            if not self.zu_infinitive(a, b):
                k += 1
                continue
            # a chain of infinitive clauses ("…zu verstärken, mit … fertigzuwerden")
            while b < e and tk.text[b] == "," and b + 1 < e and tk.text[b + 1].lower() not in self.ZU_NOT_CONTENT:
                b2 = self.clause_end(b + 1, e)
                if not self.zu_infinitive(b + 1, b2):
                    break
                b = b2
            lo = self.clause_start(k, s)
            v = self.clause_verb(lo, k)
            if v is not None and tk.text[v] in self.relative:
                v = None
            heads = [j for j in range(lo, k) if not self.in_mark[j] and (
                tk.cap[j] and tk.text[j] in self.lex.intent
                or not tk.cap[j] and (tk.lemma[j].lower() in self.lex.intent or self.lex.verb_forms.get(tk.text[j], tk.lemma[j].lower()) in self.lex.speech_verbs))]
            if not heads or v is not None and self.negated(v, sent):
                k = b
                continue  # "haben sich nicht darauf geeinigt, … zu stellen": no claim
            pos = v if v is not None else heads[0]
            cue = Cue("verb", pos, pos + 1, lemma=tk.lemma[pos], confidence=0.4, implicit=True)
            cue.speaker = self.noun_source(k, sent) or (self.subject(v, sent) if v is not None else None)
            cue.region = (a, b)
            cue.region_kind = "indirect"
            out.append(cue)
            k = b
        return out

    @staticmethod
    def _gap(k: int, a: int, b: int) -> int:
        """Tokens between token ``k`` and the range a..b."""
        return a - k if k < a else max(0, k - b)

    @staticmethod
    def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
        inter = min(a[1], b[1]) - max(a[0], b[0])
        if inter <= 0:
            return 0.0
        return inter / ((a[1] - a[0]) + (b[1] - b[0]) - inter)

    def mark_kind(self, o: int, c: int, sent: Sentence) -> str:
        """direct for quoted sentences, partial (or scare, decided later) for quoted words and phrases."""
        tk = self.tk
        content = [k for k in range(o + 1, c) if not tk.text[k].isspace()]
        if not content:
            return "partial"
        if self.after_title_noun(o, c) or self.parenthesised(o, c) or self.looks_like_name(o, c) and not self.ends_sentence(c):
            return "partial"  # a title or name, never a quoted sentence ("der „Department of Vertebrate Zoology“")
        first, last = content[0], content[-1]
        prev = o - 1
        while prev >= sent.start and tk.text[prev].isspace():
            prev -= 1
        if tk.text[last] in (".", "!", "?", "…", "...") and len(content) >= 3:
            return "direct"
        if prev >= sent.start and tk.text[prev] == ":" and len(content) >= 2:
            return "direct"
        if prev < sent.start and (c + 1 >= sent.end or tk.text[c + 1] in (",", ".", "!", "?")) and len(content) >= 3:
            return "direct"
        if tk.cap[first] and len(content) >= 4 and c + 1 < sent.end and tk.text[c + 1] == ",":
            return "direct"
        return "partial"

    def cue_for_mark(self, o: int, c: int, cues: list[Cue], found: list[Found]) -> Cue | None:
        tk = self.tk
        if any(cue.speaker is not None and cue.speaker.start <= o and c < cue.speaker.end for cue in cues):
            return None  # a name in quotation marks inside a speaker phrase ("von der „Netzeitung“ zitiert")
        # a title or name in quotation marks after a noun ("der Sender „Al Jazeera“") is no speech
        if o > 0 and tk.is_noun(o - 1) and not tk.cap[o + 1] is False and c - o <= 4:
            if not any(f.start <= o and c <= f.end for f in found):
                return None
        if self.looks_like_name(o, c):
            return None
        for f in found:
            if f.start <= o and c <= f.end + 1 and f.speaker is not None:
                return Cue("verb", *(f.cue or (o, o)), speaker=f.speaker)
        best, dist = None, None
        for cue in cues:
            if cue.speaker is None:
                continue
            if cue.start > c + 2 and not cue.direct_after and self.clause_start(cue.start, 0) > o and not self.aux_post_frame(c, cue):
                continue  # a cue in a later clause does not frame "Die Minen sind „nicht persistent“, …"
            d = cue.start - c if cue.start > c else o - cue.end
            if dist is None or d < dist:
                best, dist = cue, d
        return best

    def aux_post_frame(self, c: int, cue: Cue) -> bool:
        """"„…“, hatte X in einem Interview erklärt.": an auxiliary right after the quotation, the cue verb closing the clause."""
        tk = self.tk
        if not self.AUX_FRAME or c + 2 >= tk.n or tk.text[c + 1] != "," or tk.text[c + 2] not in self.auxiliaries:
            return False
        end = self.clause_end(c + 2, tk.n)
        return cue.start == end - 1 and cue.speaker is not None

    def looks_like_name(self, o: int, c: int) -> bool:
        """Titles and names in quotation marks („Algemeen Dagblad“, „Full Metal Jacket“, des „Spiegel“)."""
        tk = self.tk
        if self.after_title_noun(o, c) or self.parenthesised(o, c):
            return True
        words = [k for k in range(o + 1, c) if tk.is_word(k)]
        if not words or len(words) > self.NAME_MAX_WORDS or any(not tk.text[k].isspace() and not tk.is_word(k) and tk.text[k] not in "-&.’'" for k in range(o + 1, c)):
            return False
        if not all(tk.cap[k] or tk.text[k][:1].isdigit() or tk.text[k] in self.name_particles for k in words):
            return False
        caps = [k for k in words if tk.cap[k]]
        if len(caps) >= 2:
            return True
        w = tk.text[words[0]]
        if any(ch.isupper() or ch.isdigit() for ch in w[1:]):
            return True  # PLoS, Muslix64, BRD-Video
        if self.NAME_AFTER_ARTICLE and len(words) == 1 and tk.cap[words[0]] and o > 0 and (tk.is_det(o - 1) or tk.text[o - 1] in tk.prepositions):
            return True  # a name or term after an article or preposition: der „Kosovo“, für „Amflora“
        return o > 0 and tk.text[o - 1] in ("dem", "des", "zum", "vom", "im", "beim", "Operation")

    def after_title_noun(self, o: int, c: int) -> bool:
        """A quotation right after a noun of naming ("der Film „Retirement“", "die Partei „Die Linke“",
        "ihr Erstwerk: „Sie befinden sich hier“") is a title, however many words it has."""
        tk = self.tk
        k = o - 1
        while k >= 0 and tk.text[k].isspace():
            k -= 1
        if k >= 0 and tk.text[k] == ":":
            if self.ends_sentence(c):
                return False  # "warnte die Moderatorin eines Lokalsenders: „… sein.“": a speaker, then speech
            k -= 1
        if k < 0 or not tk.cap[k] or self.in_mark[k] or sum(1 for x in range(o + 1, c) if tk.is_word(x)) > self.TITLE_MAX_WORDS:
            return False
        word = tk.text[k]
        forms = [word] + [word[: -len(g)] for g in ("es", "s") if word.endswith(g)]  # genitive: des Films, des Magazins
        return any(f in self.lex.titles for f in forms)

    def ends_sentence(self, c: int) -> bool:
        """The quotation closed at ``c`` ends with sentence punctuation inside the marks („… sein.“)."""
        k = c - 1
        while k > 0 and self.tk.text[k].isspace():
            k -= 1
        return self.tk.text[k] in (".", "!", "?", "…", "...")

    def parenthesised(self, o: int, c: int) -> bool:
        """A gloss after a colon in parentheses is a translation or short name, not speech: "(etwa: „Partei der
        Volksmacht“)", "(kurz: „Fed“)", "[auf Deutsch: „…“]" (a bare "(„…“)" may be a quotation)."""
        tk = self.tk
        after = c + 1
        while after < tk.n and tk.text[after].isspace():
            after += 1
        if after >= tk.n or tk.text[after] not in (")", "]"):
            return False
        colon = False
        for k in range(o - 1, max(-1, o - 12), -1):
            colon = colon or tk.text[k] == ":"
            if tk.text[k] in ("(", "["):
                return colon
            if tk.text[k] in (")", "]", ".") or self.in_mark[k]:
                return False
        return False

    def continued_speaker(self, sent: Sentence, prev: Sentence | None):
        """Speaker of a quotation standing alone: the previous sentence's closing frame, the previous
        quotation's, else the next sentence's frame."""
        announced = self.announcing_frame(prev, sent) if prev is not None else None
        if announced is not None:
            return announced
        if self.last_found is not None and self.last_found.speaker is not None and self.last_sent_index >= self.sent_index - 2:
            return self.last_found.speaker, self.last_found.cue
        nxt = self.next_sentence
        if nxt is not None:
            for cue in self.find_cues(nxt):
                self.frame_cue(cue, nxt, [])
                if cue.speaker is not None:
                    return self.resolve(cue.speaker, nxt, sent), (cue.start, cue.end)
        named = self.named_subject(prev) if prev is not None else None
        if named is not None:
            return named, None  # "Die SPD will am Kurs festhalten. „Wir wollen …“"
        return None

    def announcing_frame(self, prev: Sentence, sent: Sentence):
        """"Sie fügte hinzu. „…“": a sentence that ends with a speech verb and frames nothing announces the quotation
        after it; its speaker mention is the quotation's."""
        tk = self.tk
        for cue in self.find_cues(prev):
            if cue.kind != "verb":
                continue
            self.frame_cue(cue, prev, [])
            if cue.region is not None or cue.speaker is None:
                continue
            rest = range(cue.end, prev.end)
            if all(tk.text[k] in self.particles or tk.text[k] in tk.adverbs or not tk.is_word(k) for k in rest):
                return self.resolve(cue.speaker, prev, None), (cue.start, cue.end)
        return None

    def frame_cue(self, cue: Cue, sent: Sentence, cues: list[Cue]) -> None:
        """Find the speaker and the framed claim of one cue."""
        tk = self.tk
        s, e = sent.start, sent.end
        if cue.kind in ("frame_before", "frame_after"):
            src = cue.speaker
            if any(tk.text[k].casefold() in self.lex.non_sources for k in range(src.start, src.end)):
                cue.speaker = None
                return
            lo, hi = (cue.start, src.end) if cue.kind == "frame_before" else (src.start, cue.end)
            if self.in_relative_clause(lo, s) or self.in_subordinate_clause(lo, s):
                # "…, das nach israelischen Angaben der Planung diene, …": the frame covers its relative clause only
                cue.region = (self.clause_start(lo, s), self.clause_end(hi, e))
                cue.region_kind = "indirect" if self.has_konjunktiv(*cue.region) else "reported"
                return
            if hi in self.closers:
                hi += 1  # laut „Reuters“
            if hi < e and tk.text[hi] == "(" and cue.kind == "frame_before":
                close = next((k for k in range(hi + 1, min(e, hi + 8)) if tk.text[k] == ")"), None)
                if close is not None:
                    hi = close + 1  # "nach Angaben des United States Geological Survey (USGS)"
            s, e = self.semicolon_part(lo, s, e)
            a0, b0 = self.trim(s, e)
            if lo <= a0 + 1:
                region = (hi, e)
            elif hi >= b0 - 1 and not (self.FRAME_INSIDE and cue.kind == "frame_before" and tk.text[lo - 1] not in (",", "–", "—", "(", "-", ";", ":")):
                region = (s, lo)  # "…, laut X." (a frame inside the clause, "… sei laut X möglich", keeps the sentence)
            else:
                region = (s, e)
            cue.region = region
            cue.region_kind = "indirect" if self.has_konjunktiv(*region) else "reported"
            return
        if cue.kind == "wonach":
            cue.region = (cue.end, self.complement_end(cue.end, sent, cues))
            cue.region_kind = "indirect"
            return
        if cue.kind == "demnach":
            cue.region = (cue.end if cue.start == s else s, e)
            cue.region_kind = "indirect" if self.has_konjunktiv(*cue.region) else "reported"
            return
        if cue.kind == "so":
            if cue.start - 2 in self.closers and self._quote_opens(cue.start - 2, sent):
                cue.direct_after = True  # "„…“, so X."
                cue.confidence = 0.9
            elif tk.text[cue.start - 1] == ",":
                cue.region = (s, cue.start - 1)
                after = self.skip_adverbs(cue.speaker.end, e) if cue.speaker is not None else e
                if (self.SO_PARENTHESIS and after < e and tk.text[after] == "," and self.trim(after + 1, e)[1] - after > 3
                        and tk.text[after + 1] not in self.relative):  # "…, so X, die auch angab, …": a clause on X follows
                    cue.region = (s, e)  # "Alles sei, so der OSZE-Bericht, möglich gewesen": the frame is a parenthesis
                cue.region_kind = "indirect" if self.has_konjunktiv(*cue.region) else "reported"
            return
        v = cue.start
        if cue.kind == "heisst":
            cue.speaker = self.document_mention(sent, v) or self.heisst_source(v, sent)
        # "…, sagte X (mit)." : the claim precedes the cue
        pre = v - 1
        if pre > s and tk.text[pre] == "," and not self.in_mark[pre] and self.is_post_frame(cue, v, sent):
            if pre - 1 in self.closers and self._quote_opens(pre - 1, sent):
                cue.direct_after = True
                cue.confidence = 0.9
                return
            start = s
            # "Wie X mitteilte, …" earlier in the sentence is another frame; start after it
            cue.region = (start, pre)
            cue.region_kind = "indirect" if self.has_konjunktiv(start, pre) else "reported"
            cue.confidence = 0.75
            return
        # "Wie X mitteilte, …" / "…, wie X sagte."
        lo = self.clause_start(v, s)
        if tk.text[lo].lower() != "wie" and cue.kind == "verb" and (v + 1 >= e or tk.text[v + 1] in (",", ".", ";")):
            # "Wie Steve Marshall, Sprecher der UN, in Bangkok mitteilte, …": an apposition inside the wie-clause
            for k in range(lo - 1, max(s, v - 30) - 1, -1):
                if tk.text[k].lower() == "wie" and (k == s or tk.text[k - 1] == ",") and not self.in_mark[k]:
                    lo = k
                    break
        if tk.text[lo].lower() == "wie" and cue.kind == "verb":
            # "Wie der Zeitung von der Gruppe berichtet wird": the passive agent, not the addressee
            cue.speaker = self.passive_agent(v, lo + 1, sent) if self.WIE_PASSIVE else None
            cue.speaker = cue.speaker or np_forward(tk, self.skip_adverbs(lo + 1, v), v)  # "Wie schon die WHO sagte"
            if cue.speaker is None and lo + 2 < v and tk.text[lo + 1] in ("aus", "von"):
                cue.speaker = np_forward(tk, lo + 2, v)  # "Wie aus Unternehmenskreisen verlautete"
            if cue.speaker is None:
                cue.speaker = self.quoted_name(self.skip_adverbs(lo + 1, v), v)
            if lo == s:
                end = self.clause_end(v, e)
                if end < e and tk.text[end] == ",":
                    cue.region = (end + 1, e)
            else:
                cue.region = (s, lo - 1)
            if cue.region:
                cue.region_kind = "indirect" if self.has_konjunktiv(*cue.region) else "reported"
            return
        if cue.kind == "verb":
            cue.speaker = self.subject(v, sent)
        end = self.clause_end(v + 1, e)
        while end < e and end in self.openers and self.openers[end] + 1 < e and tk.text[self.openers[end] + 1] == "," and (
                self.looks_like_name(end, self.openers[end]) or self.SHORT_NAME and self.openers[end] - end <= 3):
            end = self.clause_end(self.openers[end] + 1, e)  # "meldete die Nachrichtensite „Golem“, …"
        if end < e and (tk.text[end] == ":" or end in self.openers):
            if cue.speaker is None:
                cue.speaker = self.sentence_subject(sent)
            cue.direct_after = True
            cue.confidence = 0.9
            return
        if end < e and tk.text[end] == "," and not (end + 1 < e and self.in_mark[end + 1] and end + 1 in self.openers and self.openers[end + 1] >= e - 2):
            a = end + 1
            b = self.complement_end(a, sent, cues)
            complement_ok = a < b and not self.adverbial_clause(a) and not self.open_question(a, b) and (
                tk.text[a] in self.subordinators
                or self.has_konjunktiv(a, b)
                or cue.lemma in SAY_CORE and self._short_middle(v, end, cue.speaker)
                or cue.kind == "heisst"
                or cue.kind == "verb" and self.zu_infinitive(a, b)
            )
            if complement_ok and tk.text[a] in self.relative and tk.text[a] not in self.subordinators and not self.has_konjunktiv(a, b) and not (
                    tk.text[a] in tk.articles and self.zu_infinitive(a, b)):  # "forderte X auf, die Grenze zu öffnen"
                complement_ok = False
            if complement_ok and self.embedded_relative(v, a, sent):
                complement_ok = False
            if complement_ok and b - a >= 2:
                cue.region = (a, b)
                cue.region_kind = "indirect"
                cue.confidence = 0.75
                return
        if cue.lemma in self.lex.reporting_verbs and cue.speaker is not None and self.REPORTED_WHOLE and (
                lo == s or self.subject_with_apposition(cue.speaker, v, sent)) and not self.names_quoted_label(cue, sent):
            cue.region = (s, e)
            cue.region_kind = "reported"
            cue.confidence = 0.5

    def names_quoted_label(self, cue: Cue, sent: Sentence) -> bool:
        """"X bezeichnete die Reform als „Chaos“" / "sprach von einem „Skandal“": a naming verb with a quoted label
        makes the label the claim, not the whole sentence."""
        return cue.lemma in self.lex.naming_verbs and bool(sent.marks)

    def semicolon_part(self, k: int, s: int, e: int) -> tuple[int, int]:
        """The part of the sentence between semicolons that holds token ``k``: a source frame covers its own main
        clause ("Laut Verfassung geht ihn das nichts an; seine Stellung ergibt sich …")."""
        tk = self.tk
        lo = next((j + 1 for j in range(k - 1, s - 1, -1) if tk.text[j] == ";" and not self.in_mark[j]), s)
        hi = next((j for j in range(k, e) if tk.text[j] == ";" and not self.in_mark[j]), e)
        return lo, hi

    def open_question(self, a: int, b: int) -> bool:
        """An indirect question in the indicative is a question still open or a fact ("prüft, ob … eingeleitet
        werden kann", "berichtet, wie …"), not a reported claim; in Konjunktiv it reports one ("fragte, ob er
        gelogen habe")."""
        return self.tk.text[a] in self.question_words and not self.has_konjunktiv(a, b)

    def adverbial_clause(self, a: int) -> bool:
        """A clause opened by "um", "ohne", "statt" (purpose or manner: "forderten den Rücktritt, um …
        freizumachen") is an adjunct of the cue verb, not what was said."""
        return self.tk.text[a].lower() in self.ZU_NOT_CONTENT

    def embedded_relative(self, v: int, a: int, sent: Sentence) -> bool:
        """The cue closes a relative clause inside the subject and the main clause's verb follows its comma
        ("Ein Beamter, den die Zeitung zitiert, kommentierte, …"): what follows is not the cue's claim."""
        tk = self.tk
        lo = self.clause_start(v, sent.start)
        if lo >= v or lo - 1 <= sent.start or tk.text[lo - 1] != ",":
            return False
        first = lo + 1 if tk.text[lo] in tk.prepositions and lo + 1 < v else lo
        if tk.text[first] not in self.relative_pronouns:
            return False
        t = tk.text[a]
        return (a < sent.end and tk.is_word(a) and not tk.cap[a] and not self.in_mark[a] and not tk.is_det(a)
                and t not in self.relative and t not in self.subordinators and t not in tk.pronouns)

    def quoted_name(self, k: int, limit: int) -> Mention | None:
        """A name in quotation marks or a lowercase web name as subject ("Wie „heise online“ berichtet",
        "Wie die „Aktion Mensch“ mitteilte", "Wie t-online.de berichtet")."""
        tk = self.tk
        start = k
        while k < limit and (tk.is_det(k) or tk.is_adjective(k) and not is_lowercase_name(tk, k)):
            k += 1
        if k < limit and k in self.openers and self.openers[k] < limit and self.openers[k] - k <= 6:
            return Mention(start, self.openers[k] + 1)
        if k < limit and is_lowercase_name(tk, k):
            return Mention(start, k + 1)
        return None

    def is_post_frame(self, cue: Cue, v: int, sent: Sentence) -> bool:
        """", sagte X (mit)." closes the sentence: only the speaker and adverbials follow the cue."""
        tk = self.tk
        e = sent.end
        if cue.kind == "verb":
            st = self.skip_adverbs(v + 1, e)
            sp = np_forward(tk, st, e) if st < e and not self.in_mark[st] else None
            if sp is None and st < e:
                sp = self.quoted_name(st, e)  # "„…“, schrieb „Die Woche“ in einem Nachruf."
            if sp is None or tk.text[sp.start] in ("den", "dem", "einen", "einem", "diesen", "diesem"):
                return False  # an object, not the speaker: "…, wies den Vorwurf zurück"
            rest = sp.end
        else:
            sp, rest = cue.speaker, v + 1
        end = self.clause_end(rest, e)
        for k in range(rest, end):
            t = tk.text[k]
            if t in ("und", "oder", "sowie", "dass", "als") or t in self.lex.konjunktiv:
                return False
            if t == "es" and cue.kind == "heisst":
                continue  # "…, heißt es."
            if tk.is_word(k) and not tk.cap[k] and not (
                t in tk.prepositions or tk.is_det(k) or tk.is_adjective(k) or t in tk.adverbs
                or t in self.particles and k == end - 1 or t[:1].isdigit()
            ):
                return False  # an object or predicate follows: "…, bezeichnete die Reise als …"
        if v - 2 >= sent.start and v - 2 in self.closers and not self.looks_like_name(self.closers[v - 2], v - 2):
            if cue.kind == "verb":
                cue.speaker = sp
            return True  # "„…“, sagte X": the quotation is the claim
        # the clause before the comma must be a claim: a main clause with a verb, not "Obwohl …" or "X, Y,"
        st = sent.start
        first = tk.text[st].lower()
        if first in ("obwohl", "während", "wenn", "selbst", "falls", "nachdem", "seit", "bevor", "da", "weil", "als", "damit", "ob"):
            return False
        if not any(self._verbish(k) for k in range(st, v - 1)):
            return False
        if end < e and tk.text[end] == "," and not (end + 1 < e and end + 1 in self.openers):
            if any(tk.text[k] in self.subordinators for k in range(end + 1, min(e, end + 2))):
                return False
            if end + 1 < e and not self.in_mark[end + 1] and self.trim(end + 1, e)[1] - end > 3 and not self._apposition(end + 1, e):
                return False
        if cue.kind == "verb":
            cue.speaker = sp
        return True

    def _quote_opens(self, c: int, sent: Sentence) -> bool:
        """The quotation closed at ``c`` opens the sentence ("„…“, sagte X"), not only its end ("X sei „…“, so Y")."""
        o = self.closers[c]
        return o <= self.trim(sent.start, sent.end)[0] or self.after_colon(o, sent)

    def _apposition(self, a: int, b: int) -> bool:
        """Only a noun phrase follows the speaker ("…, sagte X, der Sprecher der Feuerwehr."), no clause."""
        tk = self.tk
        a, b = self.trim(a, b)
        for k in range(a, b):
            t = tk.text[k]
            if self.in_mark[k] or not tk.is_word(k) or tk.cap[k]:
                continue
            if t in tk.prepositions or tk.is_det(k) or tk.is_adjective(k) or t in tk.adverbs or t in ("und", "sowie") or t[:1].isdigit():
                continue
            return False
        return True

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

    def _verbish(self, k: int) -> bool:
        """A possible verb, or a quotation that may hold one (a quoted name or title holds none)."""
        tk = self.tk
        t = tk.text[k]
        if self.in_mark[k]:
            o, c = self.mark_of[k]
            return not self.looks_like_name(o, c)
        return (tk.is_word(k) and not tk.cap[k] and t not in tk.prepositions and not tk.is_det(k)
                and not tk.is_adjective(k) and t not in tk.adverbs and t not in tk.conj and t not in self.name_particles)

    def _short_middle(self, v: int, comma: int, speaker: Mention | None) -> bool:
        """Only the speaker, adverbs and particles between the verb and the comma (no object)."""
        tk = self.tk
        for k in range(v + 1, comma):
            if speaker is not None and speaker.start <= k < speaker.end:
                continue
            t = tk.text[k]
            if t in tk.adverbs or t in self.particles or t.isspace() or not tk.is_word(k):
                continue
            if t in ("am", "im", "in", "auf", "bei", "gegenüber", "dem", "der", "einem", "einer") or tk.cap[k]:
                continue
            return False
        return True

    def complement_end(self, a: int, sent: Sentence, cues: list[Cue]) -> int:
        tk = self.tk
        e = sent.end
        for k in range(a, e):
            if self.in_mark[k]:
                continue
            t = tk.text[k]
            if t in (":", ";"):
                return k
            if t == "," and k + 1 < e and tk.text[k + 1] in ("und", "aber", "so", "wie", "doch", "sondern", "während") and k + 2 < e:
                if any(k + 1 <= c.start <= k + 12 for c in cues):
                    return k  # "…, doch UN-Sprecher Birnback erklärte, …": a new frame starts
            if t == "," and any(c.start == k + 1 for c in cues):
                return k
            if t in (",", "und") and self.narrator_verb(k + 1) and self.has_konjunktiv(a, k):
                return k  # "…, er sei unschuldig, und weigerte sich …": an indicative past verb resumes the narrator
            if t == "," and k + 1 < e and tk.text[k + 1] == "denn" and not self.has_konjunktiv(k + 2, self.clause_end(k + 2, e)):
                return k  # "…, denn bisher gibt es …": a causal main clause in the indicative is the narrator's again
            if self.COMPLEMENT_STOP and t == "," and k + 1 < e and not self.in_mark[k + 1]:
                nxt = tk.text[k + 1]
                if (nxt in self.comment_relatives and not self.has_konjunktiv(k + 2, self.clause_end(k + 2, e))
                        or nxt in self.auxiliaries and not self.is_konjunktiv(k + 1) and k > a + 2):
                    return k  # "…, wobei …" comments on the claim; "…, dass X sei, wird nun …" the main clause follows
        return e

    def heisst_source(self, v: int, sent: Sentence) -> Mention | None:
        """The place or body a "heißt es" cue quotes, in a prepositional phrase before or after it ("Aus Paris
        hieß es, …", "Bei der Agentur hieß es, …", "…, hieß es beim Sender XY")."""
        tk = self.tk
        lo = self.clause_start(v, sent.start)
        starts = [lo] if lo < v else []
        after = self.skip_adverbs(v + 1, sent.end)
        if after < sent.end and tk.text[after] == "es":
            starts.append(self.skip_adverbs(after + 1, sent.end))
        for k in starts:
            if k + 1 < sent.end and tk.text[k].lower() in self.lex.closed["source_preposition"] and not self.in_mark[k]:
                m = np_forward(tk, k + 1, sent.end)
                if m is not None and not is_time_phrase(tk, m):
                    return m
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

    def document_mention(self, sent: Sentence, v: int) -> Mention | None:
        """The document a "heißt es" cue quotes ("in einer Erklärung des Weißen Hauses")."""
        tk = self.tk
        best = None
        for k in range(sent.start, sent.end):
            if not self.in_mark[k] and tk.text[k] in self.lex.speech_nouns:
                if best is None or abs(k - v) < abs(best - v):
                    best = k
        if best is None:
            return None
        j = best
        while j > sent.start and (tk.is_det(j - 1) or tk.is_adjective(j - 1)):
            j -= 1
        return np_forward(tk, j, sent.end) or Mention(best, best + 1)

    # ------------------------------------------------------------------ document

    @staticmethod
    def merge_free_indirect(found: list[Found]) -> list[Found]:
        """Konjunktiv sentences that follow each other with one speaker are one free indirect passage; a sentence
        whose main clause is the narrator's ("Für X gilt …, weil er sich bedroht fühle") keeps its own claim."""
        out: list[Found] = []
        last: Found | None = None
        for f in found:
            if (f.kind == "free_indirect" and not f.clause and last is not None and last.kind == "free_indirect"
                    and f.sent == last.sent + 1 and f.speaker is last.speaker):
                last.end = f.end
                last.sent = f.sent
                continue
            out.append(f)
            if f.kind == "free_indirect":
                last = f
            elif f.kind != "partial" and f.kind != "scare":
                last = None
        return out

    def run(self, sentences: list[Sentence]) -> list[Found]:
        out: list[Found] = []
        self.last_found: Found | None = None
        self.last_speaker: Mention | None = None
        self.last_sent_index = -10
        for i, sent in enumerate(sentences):
            self.sent_index = i
            self.next_sentence = sentences[i + 1] if i + 1 < len(sentences) else None
            prev = sentences[i - 1] if i else None
            found = self.analyse(sent, prev)
            for f in found:
                f.sent = i
                if f.kind != "scare" and f.speaker is not None:
                    self.last_found = f
                    self.last_speaker = f.speaker
                    self.last_sent_index = i
                    if f.speaker.type == "person" and f.speaker.name:
                        self.last_person = f.speaker.name
            for f in found:
                if f.start < sent.start and f.kind in ("indirect", "reported"):
                    # the previous sentence is now the claim of this sentence's cue
                    out = [g for g in out if not (g.start >= f.start and g.end <= sent.start and g.kind in ("indirect", "reported", "free_indirect"))]
            out.extend(found)
        if self.MERGE_FREE:
            out = self.merge_free_indirect(out)
        # one display name per person: "Biden" -> "Joe Biden"
        for f in out:
            m = f.speaker
            if m is not None and m.type == "person" and m.name and " " not in m.name:
                m.name = self.names.get(m.name, m.name)
        out.sort(key=lambda f: (f.start, -f.end))
        return out
