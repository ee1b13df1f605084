"""Speaker phrases: finding the noun phrase of a speaker around a cue, naming and typing it.

German capitalises nouns and names and writes verbs lowercase, so a speaker phrase is found as a run of
articles, adjectives and capitalised words (with genitive and "von"/"in" attachments) next to the cue.
The display name drops articles, and for "role + name" phrases keeps only the name
("Wladimir Putins Pressesprecher Dmitri Peskow" -> "Dmitri Peskow"); see ``describe`` for the speaker types.
Lexicons decide roles, organisations, groups and person nouns; for the remaining capitalised words the HanTa
tagger (loaded lazily, called per distinct word and cached) tells names from common nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA

from .lexicons import Lexicons, WordSet, load_lexicons, read_lines
from .tokenizer import mapped, strings_of, token_columns
from .wordclass import is_name, is_noun_word, word_class

_CLOSED = load_lexicons().closed
PLACES = frozenset(read_lines("places.txt"))  # never a person's name (also factcheck/match/names.py)
_SURNAMES = frozenset(read_lines("surnames.txt"))  # family names, a few of them also roles (Richter, König)
NAME_PARTICLES = frozenset(_CLOSED["surname_particle"])  # "von der Leyen", "de Maizière"
PARTICLE_ARTICLES = frozenset(_CLOSED["surname_article"])
ADJ_ENDINGS = ("e", "en", "er", "es", "em")
ATTACHMENTS = ("von", "vom", "in", "im", "für", "aus")  # "Ken Rice vom Institut für Astronomie in Edinburgh"
OPEN_QUOTES = {"„", "»", "“", '"'}
CLOSE_QUOTES = {"“", "”", "«", '"'}
_NO_QUOTES = str.maketrans("", "", "„“”»«\"")
_WORD = re.compile(r"^[\w.\-’']+$")
INITIAL = re.compile(r"[^\W\d_]\.")  # "M." of "Hanna M. Oberhuber"
AGE_NOUN = re.compile(r"^(\d{1,3})-[jJ]ährige[nrs]?$")  # "der 61-Jährige", "des 61-Jährigen"


@dataclass
class Mention:
    start: int  # token indices, end exclusive
    end: int
    name: str | None = None
    type: str = "unknown"


def _capitalised(t: str) -> bool:
    """Capitalised, as a noun is; an age noun counts ("der 61-Jährige")."""
    return bool(t) and (t[0].isupper() or t[0].isdigit() and "-J" in t)


_CAPITALISED: dict[str, bool] = {}  # word -> _capitalised(word)


class Tokens:
    """Per-document token features in plain lists (fast access for the rules)."""

    LOWER_NAMES = True

    def __init__(self, doc, lex: Lexicons):
        self.doc = doc
        self.lex = lex
        self.text, self.idx, _, self.doc_text = token_columns(doc)  # not token by token: each a Token object
        lemmas = strings_of(doc.to_array(LEMMA).tolist(), doc.vocab.strings) if len(doc) else []
        self.lemma = [lemma or word for lemma, word in zip(lemmas, self.text)]  # "" (id 0): no lemma set
        self.n = len(self.text)
        self.cap = mapped(self.text, _CAPITALISED, _capitalised)
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
        self.named_before: dict[str, list[tuple[int, str]]] = {}  # surname -> (position, given name before it)

    def end_char(self, i: int) -> int:
        return self.idx[i] + len(self.text[i])

    def is_word(self, i: int) -> bool:
        return _is_word(self.text[i])

    def is_noun(self, i: int) -> bool:
        """Capitalised word that is not an article, pronoun or (sentence-initial) preposition."""
        t = self.text[i]
        if not self.cap[i]:
            # a lowercase name particle joined to a name: al-Dschasira, bin-Laden; a web site: laut ndr.de
            return self.LOWER_NAMES and ("-" in t and t[:1].isalpha() and t.rsplit("-", 1)[-1][:1].isupper() and self.is_word(i)
                                         or "." in t and _SITE.fullmatch(t) is not None)
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
            and "." not in t  # a web site: laut ndr.de
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
        if low in ("des", "der", "eines", "von", "vom", "in") and j + 1 < limit:
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
        if k - 1 >= floor and tk.text[k] in OPEN_QUOTES and k + 1 < j and all(tk.is_word(x) for x in range(k + 1, j)) and (
                tk.cap[k + 1] or j - k == 2):  # a name ("die „taz“"), not words quoted ("von Kanada „sehr respektabel“")
            if tk.is_det(k - 1) or tk.is_noun(k - 1):
                before = np_backward(tk, k, floor) if tk.is_noun(k - 1) else None
                start = before.start if before is not None else k - 1
                if start - 2 >= floor and tk.text[start - 1] in ATTACHMENTS and tk.is_noun(start - 2):
                    owner = np_backward(tk, start - 1, floor)  # "Moritz Wohlrab von der „Aktion …“ sagte"
                    start = owner.start if owner is not None else start
                return Mention(start, end)
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
        elif name_particle_end(tk, j) > start:  # "Von der Leyen betonte"
            start = j
            j -= 1
        else:
            break
    # drop sentence-initial prepositions that look like nouns (In, Am, Nach ...), not a name particle
    while start < end and tk.text[start].lower() in tk.prepositions and not name_particle_end(tk, start):
        start += 1
    if start >= end:
        return None
    return Mention(start, end)



def name_particle_end(tk: Tokens, i: int) -> int:
    """End of a surname with a particle starting at ``i`` ("von der Leyen", "de Maizière"), else 0.

    The word after the particle must be a single proper name, not an organisation or common noun, so that
    "von der Behörde" and "von Human Rights Watch" stay attachments."""
    if tk.text[i].lower() not in NAME_PARTICLES:
        return 0
    k = i + 1
    if k < tk.n and tk.text[k] in PARTICLE_ARTICLES:
        k += 1
    if k >= tk.n or not tk.cap[k] or not tk.is_noun(k):
        return 0
    if k + 1 < tk.n and tk.is_noun(k + 1):
        return 0  # "von Human Rights Watch": a multiword name after "von" is an organisation
    w = tk.text[k]
    return k + 1 if w not in tk.lex.organisations and is_name(w) else 0


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
    """Display name and type (person | organization | anonymous | unknown) of a non-pronoun mention.

    Types: a named person, or a definite role holder ("der Präsident"), is a person; an unnamed, indefinite
    role holder or group of people ("ein Sprecher", "mehrere US-Beamte", "Beobachter") is anonymous, its display
    name the role phrase without article; an institution is an organization; a phrase that names no one
    (a thing, an event, a document without issuer) is unknown. Titles and roles before a name and
    attachments after it ("Anna Berg von der Behörde") are dropped from a person's display name."""
    lex = tk.lex
    toks = [k for k in range(m.start, m.end) if tk.text[k] not in OPEN_QUOTES and tk.text[k] not in CLOSE_QUOTES]
    quoted = len(toks) < m.end - m.start
    indefinite = bool(toks) and tk.text[toks[0]].lower() in tk.indefinite
    while toks and tk.text[toks[0]].lower() in tk.articles and not (quoted and toks[0] > m.start and tk.text[toks[0] - 1] in OPEN_QUOTES):
        toks.pop(0)  # the article of a quoted title stays: die Zeitung „Die Woche“
    if not toks:
        return "", "unknown"
    words = [tk.text[k] for k in toks]
    # entity from a statistical pipeline, when one ran
    for start, end, label, text in tk.ents:
        if start < m.end and end > m.start:
            return text, "person" if label in ("PER", "PERSON") else "organization"
    last_role = _last_role(tk, toks)
    name = _name_after_role(tk, toks, last_role)
    if name:
        return name, "person"
    text = _span_text(tk, toks[0], toks[-1])
    canon = lex.org_canonical.get(text.casefold())
    if canon:
        return canon, "organization"
    heads = [k for k in range(len(words)) if tk.is_noun(toks[k])]
    if not heads:
        return text, "unknown"
    for k in range(heads[0]):
        # "des Weißen Hauses": an inflected multiword name starting with an adjective
        sub = " ".join(words[k : heads[0] + 1]).casefold()
        if sub in lex.org_canonical:
            return lex.org_canonical[sub], "organization"
    run = _first_noun_run(tk, toks, heads[0])
    if any(is_organisation(lex, words[k]) for k in run):
        return _organisation_display(tk, toks, run, text), "organization"
    head = words[last_role] if last_role >= 0 else words[run[-1]]
    if head in lex.speaker_nouns or head.endswith("n") and head[:-1] in lex.speaker_nouns:  # dative "Kritikern"
        # a group noun is anonymous ("Beobachter", "die Experten", "Chinesische Politiker") unless a singular
        # article makes it one person
        return text, "person" if tk.text[m.start].lower() in ("der", "dem", "des") else "anonymous"
    if last_role >= 0:
        return text, "anonymous" if indefinite or words[0].lower() in tk.indefinite else "person"
    if words[run[0]] in PLACES:  # "München", "Bayern München": a city, a state or a club speaks
        return text, "organization"
    if AGE_NOUN.match(head):  # "der 61-Jährige": one person, "ein 61-Jähriger": someone
        return text, "anonymous" if indefinite else "person"
    name_run = _person_name_run(words, run) if not indefinite and len(run) <= 4 else []
    if name_run:
        return _span_text(tk, toks[name_run[0]], toks[name_run[-1]]), "person"
    if head in lex.person_nouns and is_noun_word(head):
        return text, "anonymous" if indefinite else "person"
    return text, "unknown"


def _span_text(tk: Tokens, a: int, b: int) -> str:
    """The document text of tokens a..b, without quotation marks and with single spaces."""
    return " ".join(tk.doc_text[tk.idx[a] : tk.end_char(b)].translate(_NO_QUOTES).split())


def _last_role(tk: Tokens, toks: list[int]) -> int:
    """Position in ``toks`` of the last capitalised role word ("Präsident", "Außenministers"), or -1."""
    roles = tk.lex.roles
    last = -1
    for k, i in enumerate(toks):
        w = tk.text[i]
        if tk.cap[i] and (w in roles or w.endswith("s") and w[:-1] in roles) and not is_surname(tk, i):
            last = k
    return last


def role_base(tk: Tokens, i: int) -> str | None:
    """The role word at token ``i`` in its base form ("Präsidenten" -> "Präsident", "SPD-Abgeordneter" ->
    "SPD-Abgeordneter"), or None when it is no role (or a surname: "Stefan Richter")."""
    return None if is_surname(tk, i) else role_word(tk, i)


def is_surname(tk: Tokens, i: int) -> bool:
    """A role word that is also a family name (surnames.txt: Richter, König) is the surname of the given name
    right before it: "Ökonom Stefan Richter", not "der Vorsitzende Richter" nor "der Dresdner Richter"."""
    if i == 0 or tk.text[i] not in _SURNAMES:
        return False
    given = i - 1
    return (tk.is_noun(given) and not tk.text[given].isupper() and role_word(tk, given) is None
            and not (given > 0 and tk.is_det(given - 1)))


def role_word(tk: Tokens, i: int) -> str | None:
    if not tk.cap[i]:
        return None
    return _role_base(tk.text[i], tk.lex.roles)


_SITE = re.compile(r"[a-z][a-z0-9-]*\.(?:de|at|ch|com|net|org|eu|info)")  # a web site named as a source


@lru_cache(maxsize=65536)
def _is_word(t: str) -> bool:
    return t[:1].isalnum() and bool(_WORD.match(t))


@lru_cache(maxsize=65536)
def _role_base(w: str, roles: WordSet) -> str | None:
    """role_word of a capitalised word: depends on the word alone, so asked once per word."""
    if not _is_word(w):
        return None
    for ending in ("", "s", "n", "en"):
        base = w[: len(w) - len(ending)]
        if w.endswith(ending) and (base in roles or "-" in base and base.rsplit("-", 1)[1] in roles):
            return base
    return None


def _name_after_role(tk: Tokens, toks: list[int], last_role: int) -> str:
    """"Präsident Joe Biden" -> "Joe Biden": the capitalised words right after the last role word; after an
    attachment of the role, the name that ends the phrase: "Vorsitzende der Linken Gesine Lötzsch" -> "Gesine
    Lötzsch", "Direktor der peruanischen Zivilluftfahrtbehörde Roberto Rodriguez" -> "Roberto Rodriguez"."""
    if last_role < 0:
        return ""
    name = []
    for i in toks[last_role + 1 :]:
        if not tk.is_noun(i):
            break
        name.append(tk.text[i])
    if len(name) == 1 and name[0].endswith("s") and _many_or_indefinite(tk, toks, last_role):
        return ""  # the owner in the genitive: "ein Sprecher Koch-Mehrins", "die Verteidiger Strauss-Kahns"
    return " ".join(name) or _name_ending_attachment(tk, toks[last_role + 1 :])


def _many_or_indefinite(tk: Tokens, toks: list[int], last_role: int) -> bool:
    """An indefinite role holder ("ein Sprecher") or several ("die Verteidiger"), who cannot be the one
    person a name after the role stands for."""
    first = tk.text[toks[0] - 1].lower() if toks[0] > 0 else ""
    role = tk.text[toks[last_role]]
    return first in tk.indefinite or first == "die" and not role.endswith("in")


def _name_ending_attachment(tk: Tokens, rest: list[int]) -> str:
    """A person's name of two or three words at the end of a role's attachment, not its first noun (that is
    the attachment's own: "der Linken", "von Aljaksandr Milinkewitsch", "des Kosovos")."""
    if not rest or tk.is_noun(rest[0]):
        return ""
    run = []
    for i in reversed(rest):
        if not tk.is_noun(i):
            break
        run.insert(0, i)
    for k in range(1, len(run) - 1):  # run[0] is the attachment's noun
        words = [tk.text[j] for j in run[k:]]
        before = tk.text[run[k - 1]]
        if before.isupper() or k > 1 and word_class(before) != "noun" and not before.endswith("s"):
            continue  # inside a longer name: "des BBC World Service", "National Maritime Safety Authority"
        if len(words) <= 3 and is_name(words[0]) and " ".join(words) not in tk.lex.organisations \
                and not any(is_organisation(tk.lex, w) for w in words):
            return " ".join(words)
    return ""


def _first_noun_run(tk: Tokens, toks: list[int], first: int) -> list[int]:
    """Positions of the capitalised words from ``first`` up to the first attachment ("Anna Berg | von der …")."""
    run = [first]
    if first > 0 and name_particle_end(tk, toks[0]) == toks[first] + 1:
        run = list(range(first + 1))  # "Von der Leyen" opens the phrase
    while run[-1] + 1 < len(toks):
        nxt = run[-1] + 1
        if tk.is_noun(toks[nxt]):
            run.append(nxt)
            continue
        end = name_particle_end(tk, toks[nxt])  # "Ursula von der Leyen", not "Bewerbung von Kanada"
        if not end or not is_name(tk.text[toks[run[0]]]):
            break
        while run[-1] + 1 < len(toks) and toks[run[-1] + 1] < end:
            run.append(run[-1] + 1)
    return run


def _person_name_run(words: list[str], run: list[int]) -> list[int]:
    """The part of a run of capitalised words that is a person's name, or [].

    The first word decides ("Joachim Banke" is a name though "Banke" is also a noun; "Führung Hongkongs" is
    none, its genitive place name notwithstanding), after a name particle ("Von der Leyen"). A common noun
    before a name that is no listed role is dropped: "Widersacher Jeremy Corbyn" -> "Jeremy Corbyn"."""
    core = [k for k in run if words[k].lower() not in NAME_PARTICLES | PARTICLE_ARTICLES]
    if not core:
        return []
    if is_name(words[core[0]]):
        return run
    last = words[run[-1]]
    if len(core) > 1 and not last.endswith("s") and is_name(last):
        start = next((k for k in core if is_name(words[k])), None)  # None: the name was a particle ("Le")
        return [k for k in run if k >= start] if start is not None else []
    return []


def is_organisation(lex: Lexicons, word: str) -> bool:
    """An organisation head, an acronym (BGH) or their genitive ("des Geheimdienstes")."""
    if word.isupper() and len(word) >= 2 and not word.endswith("."):  # an acronym, not an initial ("P.")
        return True
    bases = (word, word[:-1], word[:-2]) if word.endswith("es") else (word, word[:-1]) if word.endswith("s") else (word,)
    return any(b in lex.organisations or b.split("-")[-1] in lex.organisations for b in bases)


def _organisation_display(tk: Tokens, toks: list[int], run: list[int], text: str) -> str:
    """A kind noun before the name of a medium or company is dropped: "Nachrichtenagentur RIA Novosti" ->
    "RIA Novosti", "die Plattenfirma Sony-Music" -> "Sony-Music", die Zeitung „Die Woche“ -> "Die Woche";
    otherwise the whole phrase."""
    lex = tk.lex
    kind = tk.text[toks[run[0]]]
    kind = kind[:-1] if kind.endswith("s") and kind[:-1] in lex.titles else kind
    if kind in lex.titles and toks[run[0]] + 1 < tk.n and tk.text[toks[run[0]] + 1] in OPEN_QUOTES:
        # the quoted name after the kind noun, with its article: die Zeitung „Die Woche“
        rest = [i for i in toks if i > toks[run[0]]]
        if rest:
            return _span_text(tk, rest[0], rest[-1])
    for n, k in enumerate(run[:-1]):
        w = tk.text[toks[k]]
        w = w[:-1] if w.endswith("s") and w[:-1] in lex.titles else w  # genitive "des Senders"
        if w in lex.titles and w in lex.organisations and run[n + 1] == k + 1:
            return _span_text(tk, toks[k + 1], toks[run[-1]])
    return text
