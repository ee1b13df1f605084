"""Who a speaker mention stands for: pronouns, roles, documents and name variants.

- a personal pronoun ("Er sagte") is the nearest person named before it in this or the previous sentence, else
  the last person who spoke; "er" opening an adverbial clause (", indem er sagte") is the main clause's subject; a singular "sie" after an organisation is that organisation;
- a possessive source ("ihrer Meinung nach") is its owner; "Demnach" is the source of the previous sentence;
- a document ("eine Erklärung des Weißen Hauses") speaks for its issuer, or for the organisation of its clause,
  or for the last speaker;
- "Präsident Joe Biden" anywhere in the text makes "Biden" and "Bidens" mean Joe Biden, and all mentions of
  one person get one display name; a surname alone is the one person of that name named before it (or in
  the text), and neither when two are (Julia and Dorothee Thomas);
- the Konjunktiv sentence after a narrative sentence continues that sentence's actor (``named_subject``): its
  subject when it names someone, else the agent of a passive speech verb ("wurde vom Verband kritisiert") or the
  speaker of a speech verb that frames no claim ("Einen Rückgang erwarten Analysten nicht.").
The display name and type of a mention are speakers.py's ``describe`` (the speakers engineer's part).
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicons import load_lexicons
from ..speakers import Mention, describe, np_backward, np_forward, preceded_by_preposition
from ..surnames import one_person, person_of_surname
from ..wordclass import is_name
from .cues import find_cues, frame_cue
from .document import PASSIVE_AUX, Document, Found, Sentence
from .mentions import quoted_name_end
from .main_clause import names_someone, speaker_like
from .subjects import DEMONSTRATIVES, named_actor, sentence_subject
from .words import positions


def collect_role_names(d: Document) -> None:
    """"Präsident Joe Biden" anywhere in the text makes "Biden" and "Bidens" mean Joe Biden."""
    tk = d.tk
    roles = d.lex.roles
    for i in d.roles_at:  # the tokens in roles
        if i < tk.n - 2 and tk.cap[i]:
            j = i + 1
            while j < tk.n and tk.is_noun(j) and tk.text[j] not in roles and j - i <= 4:
                j += 1
            if j - i >= 3:
                add_name(d, " ".join(tk.text[i + 1 : j]))


def add_name(d: Document, full: str) -> None:
    """The surname (and its genitive) of `full` means `full` from now on, unless another person of that surname
    was named (Julia and Dorothee Thomas): then it means neither and stays as written."""
    parts = full.split()
    if len(parts) < 2 or any(p in d.lex.organisations for p in parts):
        return
    for key in (parts[-1], parts[-1] + "s"):
        if not one_person(d.names.setdefault(key, full), full):
            d.names[key] = parts[-1]


def resolve(d: Document, m: Mention | None, sent: Sentence, sent_prev: Sentence | None) -> Mention | None:
    """Give the mention ``m`` its display name and type (in place); ``sent_prev`` is where pronouns may look back."""
    if m is None or m.name is not None:
        return m
    tk = d.tk
    if tk.text[m.start] in tk.pronouns or possessive_source(d, m) or m.end - m.start == 1 and tk.text[m.start] in DEMONSTRATIVES:
        m.name, m.type = antecedent(d, m.start, sent, sent_prev)
        return m
    if m.end - m.start == 1 and m.start > sent.start and tk.text[m.start] in d.relative_pronouns and tk.text[m.start - 1] == ",":
        m.name, m.type = relative_antecedent(d, m.start - 1, sent)  # "Ein Kommentar, der … bezeichnet"
        return m
    if m.end - m.start == 1 and tk.text[m.start] == "Demnach":
        m.name, m.type = previous_source(d, sent_prev)
        return m
    m.end = quoted_name_end(d, m.end, sent.end)  # the name, not its kind noun: die Nachrichtenagentur „Xinhua“
    # document nouns ("die Erklärung des Weißen Hauses") speak for their issuer
    heads = [k for k in range(m.start, m.end)
             if tk.text[k] in d.lex.speech_nouns and not speech_noun_in_name(d, k, m, sent.start)]
    if heads:
        m.name, m.type = document_issuer(d, m, heads[0], sent)
        return m
    name, typ = describe(tk, m)
    surname = name and " " not in name and (typ == "person" or typ == "unknown" and (name in d.names or is_name(name)))
    named = person_of_surname(tk, name, m.start) if surname else None
    if named:  # a surname alone: the one person of that name named before it, or itself if two are
        fuller = d.names.get(name, "")
        longer = named != name and fuller.endswith(" " + named)  # "Ayaan Hirsi Ali", not "Hirsi Ali"
        name, typ = fuller if longer else named, "person"
    elif typ == "unknown" and name in d.names:
        typ = "person"  # a surname of a person named before ("so Kessel")
    if typ == "person":
        name = name if named else d.names.get(name, name)
        add_name(d, name)
        d.last_person = name
    m.name, m.type = name, typ
    return m


def document_issuer(d: Document, m: Mention, h: int, sent: Sentence) -> tuple[str | None, str]:
    """Name and type of the issuer of the document mention ``m`` with the speech noun at ``h``: its genitive or
    "von" attachment ("die Erklärung des Weißen Hauses"), else the organisation of its clause or the last speaker."""
    tk = d.tk
    issuer = np_forward(tk, h + 1, m.end) if h + 1 < m.end and tk.text[h + 1] in ("des", "der", "von") else None
    if issuer is None and h + 2 <= m.end and tk.text[h + 1] in ("des", "der", "von", "vom"):
        issuer = np_forward(tk, h + 2, m.end)
    if issuer is not None:
        issuer = np_forward(tk, issuer.start, m.end) or issuer
        if tk.text[issuer.start] in ("des", "der", "von", "vom"):
            issuer = Mention(issuer.start + 1, issuer.end)
        return describe(tk, issuer)
    name, typ = clause_issuer(d, m.start, sent)
    if name is None and any(not tk.is_word(k) and tk.text[k] in "„“”»«\"" for k in range(m.start, m.end)):
        name, typ = describe(tk, m)[0], "organization"  # the paper itself: die Zeitung „Yemen Observer“
    return name, typ


def speech_noun_in_name(d: Document, k: int, m: Mention, sent_start: int) -> bool:
    """A speech noun that is part of a name is no document: the surname of a person named before
    ("Papier sagte"), after a capitalised word of the name ("die Washington Post", "Hans-Jürgen Papier",
    "die Süddeutsche Zeitung"), or a title noun before the name it introduces ("die Zeitung Le Monde")."""
    tk = d.tk
    if tk.text[k] in d.names:
        return True
    if k > m.start and name_word_before(d, k - 1, sent_start) and tk.text[k] not in d.lex.source_nouns:
        return True
    return (k + 1 < m.end and tk.text[k] in d.lex.titles and tk.cap[k + 1] and tk.is_word(k + 1)
            and not tk.is_det(k + 1))


def name_word_before(d: Document, j: int, sent_start: int) -> bool:
    """Capitalised word that can begin a name before a noun: not an article, not a genitive owner
    ("Merkels Rede"); at the sentence start only a known name or a hyphenated name ("Hans-Jürgen"), as any
    word is capitalised there ("Spannende Aussagen")."""
    tk = d.tk
    t = tk.text[j]
    if not (tk.cap[j] and tk.is_word(j)) or tk.is_det(j) or t.endswith("s"):
        return False
    return j > sent_start or t in d.names or "-" in t


def relative_antecedent(d: Document, comma: int, sent: Sentence) -> tuple[str | None, str]:
    """Name and type of the noun phrase a relative pronoun after ``comma`` stands for ("Jan Ott, der …")."""
    ante = np_backward(d.tk, comma, d.clause_start(comma, sent.start))
    if ante is None or d.tk.text[ante.start] in d.tk.pronouns:
        return None, "unknown"
    return resolve(d, Mention(ante.start, ante.end), sent, sent.prev).name, describe(d.tk, ante)[1]


def possessive_source(d: Document, m: Mention) -> bool:
    """"ihrer Meinung nach", "seinen Angaben zufolge": the owner of the source noun is the speaker."""
    tk = d.tk
    return (m.end - m.start == 2 and tk.text[m.start].lower().startswith(("sein", "ihr"))
            and tk.text[m.start].lower() in tk.articles and tk.text[m.start + 1] in d.lex.source_nouns)


def antecedent(d: Document, pos: int, sent: Sentence, sent_prev: Sentence | None) -> tuple[str | None, str]:
    """Nearest person named before ``pos`` in this or the previous sentence, else the last person speaker."""
    tk = d.tk
    own = main_subject_of_adverbial(d, pos, sent)
    if own is not None:
        return own
    floor = sent_prev.start if sent_prev else sent.start
    singular_sie = tk.text[pos] in ("Sie", "sie") and d.singular_verb(pos + 1)
    for k in range(pos - 1, floor - 1, -1):
        if d.in_mark[k]:
            continue
        t = tk.text[k]
        if t in d.names:
            return d.names[t], "person"
        if singular_sie and t in ("die", "der", "Die", "Der") and not (k > floor and tk.is_noun(k - 1)):  # not a genitive
            org = organisation_at(d, k, sent.end)
            if org is not None:
                return org, "organization"  # "Die Gewerkschaft lehnt den Plan ab. Sie bezeichnet ihn als …"
    if d.last_person:
        return d.last_person, "person"
    return None, "unknown"


def main_subject_of_adverbial(d: Document, pos: int, sent: Sentence) -> tuple[str, str] | None:
    """"Sarkozy bestritt das, indem er sagte, …": "er" opening an adverbial clause after the main clause is the
    main clause's subject when that names a person (not the nearest name before it)."""
    tk = d.tk
    if tk.text[pos] != "er" or pos - 2 < sent.start or tk.text[pos - 1] not in ADVERBIAL_CONJUNCTIONS or tk.text[pos - 2] != ",":
        return None
    own = sentence_subject(d, sent)
    if own is None or own.end > pos - 2 or tk.text[own.start] in tk.pronouns or d.in_mark[own.start]:
        return None
    name, typ = describe(tk, own)
    return (d.names.get(name, name), typ) if typ == "person" else None


ADVERBIAL_CONJUNCTIONS = load_lexicons().closed["adverbial_conjunction"]


def organisation_at(d: Document, k: int, limit: int) -> str | None:
    """Display name of an organisation phrase starting at ``k`` (a feminine antecedent of "sie")."""
    m = np_forward(d.tk, k, limit)
    if m is None:
        return None
    name, typ = describe(d.tk, m)
    return name if typ == "organization" else None


def previous_source(d: Document, sent_prev: Sentence | None) -> tuple[str | None, str]:
    """"Demnach" stands for the source of the previous sentence ("Die Jury gab ihre Entscheidung bekannt.
    Demnach …"): the mention stays the adverb, the name is that sentence's subject."""
    subj = sentence_subject(d, sent_prev) if sent_prev is not None else None
    if subj is None or d.tk.text[subj.start] in d.tk.pronouns:
        return None, "unknown"
    return describe(d.tk, subj)


def clause_issuer(d: Document, pos: int, sent: Sentence) -> tuple[str | None, str]:
    """Issuer of an unnamed document: an organisation subject of the sentence, else the last speaker."""
    tk = d.tk
    # only the clause of the document mention: the claim itself names no issuer
    for k in range(d.clause_start(pos, sent.start), d.clause_end(pos, sent.end)):
        if not d.in_mark[k] and tk.is_noun(k) and k != pos:
            m = np_forward(tk, k, sent.end)
            if m and not any(tk.text[x] in d.lex.speech_nouns for x in range(m.start, m.end)):
                name, typ = describe(tk, m)
                if typ == "organization":
                    return name, typ
    if d.last_speaker is not None and d.last_speaker.name:
        return d.last_speaker.name, d.last_speaker.type
    return None, "unknown"


def named_subject(d: Document, sent: Sentence) -> Mention | None:
    """The subject of a sentence without a quotation when it names a person or organisation: it, rather than an
    older speaker, says the Konjunktiv sentence that follows ("Die Kriminalpolizei bittet um Mithilfe. Der Mann sei …").
    Beyond the roles, organisations and names of ``named_actor``: a group of people or a bare name ("Larson gab
    sich optimistisch. Man sei …"), never a thing; when the subject names no one, the agent of a passive speech
    verb or the speaker of a speech verb that frames no claim ("Einen Rückgang erwarten Analysten nicht. Der Preis
    sei …")."""
    m = named_actor(d, sent)
    if m is None:
        m = sentence_subject(d, sent)
        if m is None or d.tk.text[m.start] in d.tk.pronouns or not (speaker_like(d, m) and names_someone(d, m)):
            m = passive_actor(d, sent) or speaking_actor(d, sent)
            if m is None:
                return None
    return resolve(d, m, sent, None)


def speaking_actor(d: Document, sent: Sentence) -> Mention | None:
    """The speaker of a speech verb that frames no claim in the sentence ("Auf den schwachen Dollar verweisen
    Analysten. Der Preis sei …", "…, nehmen Beobachter an. Die Opposition werde …"), when it names someone."""
    tk = d.tk
    for cue in find_cues(d, sent):
        if cue.kind != "verb":
            continue
        frame_cue(d, cue, sent, [])
        m = cue.speaker
        if cue.region is not None or m is None or tk.text[m.start] in tk.pronouns or passive_clause(d, cue.start, sent):
            continue  # passives are passive_actor's
        if speaker_like(d, m) and names_someone(d, m):
            return m
    return None


def passive_actor(d: Document, sent: Sentence) -> Mention | None:
    """The agent of a passive main clause whose subject names no one: "Der Plan wurde vom Verband als
    rückschrittlich kritisiert. Er sei …" is the Verband's. Only a phrase that names someone, and only the agent
    of a speech verb."""
    tk = d.tk
    if not any(tk.text[k] in PASSIVE_AUX and not d.in_mark[k] for k in range(sent.start, sent.end)):
        return None
    for k in range(sent.start, sent.end - 1):
        name_particle = k > sent.start and tk.cap[k - 1] and tk.cap[k + 1]  # "Ursula von der Leyen"
        if tk.text[k] in ("von", "vom", "durch") and not d.in_mark[k] and not name_particle:
            m = np_forward(tk, k + 1, sent.end)
            if m is None or tk.text[m.start] in tk.pronouns or not (speaker_like(d, m) and names_someone(d, m)):
                continue
            if any(d.verb_lemma(v, sent) for v in range(m.end, d.clause_end(m.end, sent.end))):
                return m  # an act of speech: not "wurden durch den General entlassen"
    return None


def one_name_per_person(d: Document, found: list[Found]) -> None:
    """One display name per person: "Biden" -> "Joe Biden" once the full name is known."""
    for f in found:
        m = f.speaker
        if m is not None and m.type == "person" and m.name and " " not in m.name:
            m.name = person_of_surname(d.tk, m.name, m.start) or d.names.get(m.name, m.name)


def nearest_mention(d: Document, found: list[Found], sentences: list[Sentence]) -> None:
    """A speaker carried over from an earlier sentence (free indirect speech, a continuation) is mentioned where
    the text names it last before the claim: "Peer Steinbrück sagte … Im Ausschuss hatte Steinbrück Positives zu
    berichten. Erstmals sei …" is the second "Steinbrück"'s claim. The mention moves to the nearer occurrence of
    the name outside quotation marks and after no preposition but "laut" ("mit Steinbrück" is none): a person's
    surname, an organisation's whole name. A personal pronoun nearer still is left to the pronoun rules."""
    tk = d.tk
    places = None
    for f in found:
        m = f.speaker
        if m is None or m.type not in ("person", "organization") or f.kind == "scare" or m.end > sentences[f.sent].start \
                or tk.text[m.start] in tk.pronouns:
            continue  # a pronoun's name is the pronoun rules' guess
        places = places or _WordPlaces(d)
        near = nearer_name(d, m, f.start, places)
        if near is not None:
            f.speaker = near


class _WordPlaces:
    """Where each word and each personal pronoun stands outside quotation marks, in text order: a claim looks up
    the nearer mentions of its speaker's name by bisection, so that a long article of many carried-over claims
    costs no scan back to the first mention for each of them."""

    def __init__(self, d: Document):
        self.d = d
        self.places: dict[str, list[int]] = {}
        self.pronouns = [k for k in positions(map(d.tk.pronouns.__contains__, d.tk.text)) if not d.in_mark[k]]

    def of(self, word: str) -> list[int]:
        """Where ``word`` stands outside quotation marks (looked up on first use)."""
        at = self.places.get(word)
        if at is None:
            at = self.places[word] = [k for k in positions(map(word.__eq__, self.d.tk.text)) if not self.d.in_mark[k]]
        return at


def nearer_name(d: Document, m: Mention, before: int, places: _WordPlaces) -> Mention | None:
    """The last occurrence of the name of ``m`` between ``m`` and token ``before`` (see ``nearest_mention``); for
    a person none if a personal pronoun (outside quotation marks) stands nearer."""
    tk = d.tk
    words = m.name.split()
    floor = m.end  # the lowest token looked at
    if m.type == "person":
        p = bisect_left(places.pronouns, before) - 1
        if p >= 0 and places.pronouns[p] >= floor:
            floor = places.pronouns[p] + 1
    at = places.of(words[-1])
    for i in range(bisect_left(at, before) - 1, -1, -1):
        k = at[i]
        if k < floor:
            break
        a, w = k, len(words) - 1
        while w > 0 and a > m.end and tk.text[a - 1] == words[w - 1]:
            a, w = a - 1, w - 1
        near = Mention(a, k + 1, m.name, m.type)
        if (w == 0 or m.type == "person") and (tk.text[a - 1] == "laut" or not preceded_by_preposition(tk, near, m.end)):
            return near
    return None


def passive_clause(d: Document, v: int, sent: Sentence) -> bool:
    """The clause of token ``v`` holds a passive auxiliary ("wurde … kritisiert", "gefordert werde")."""
    lo, hi = d.clause_start(v, sent.start), d.clause_end(v, sent.end)
    return any((d.tk.text[k] in PASSIVE_AUX or d.tk.text[k] == "werde") and not d.in_mark[k] for k in range(lo, hi))
