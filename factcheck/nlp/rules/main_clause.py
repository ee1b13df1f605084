"""The subject of a sentence's main clause, and whether a phrase names someone who can speak.

Used where no cue verb anchors the choice: a speaker before a colon ("Ein Beamter der Polizei: „…“"), the
sentence the free indirect speech after it continues, the actor of the sentence before an agentless passive.
Also the subject after a verb, past a dative addressee ("sagte der Zeitung die Sprecherin") or an expletive "es"
("sah es das Gericht als erwiesen an"), and a bare name after a fronted thing ("Eine Verschiebung bezeichnete
Berg als fatal"), for subjects.py and cues.py.
Lexicons: object_articles.txt, function_words.txt (subject_pronoun, adverb_ending), roles.txt, organisations.txt,
speaker_nouns.txt.
"""

from __future__ import annotations

from ..lexicons import load_lexicons, read_lines
from ..speakers import Mention, describe, is_time_phrase, np_forward
from ..wordclass import is_name
from .document import Document, Sentence

_CLOSED = load_lexicons().closed
ADVERB_ENDINGS = tuple(sorted(_CLOSED["adverb_ending"]))
OBJECT_ARTICLES = set(read_lines("object_articles.txt"))
SUBJECT_PRONOUNS = _CLOSED["subject_pronoun"]  # "Die Hilfe lehnt er ab:"
ADDRESSEE_ARTICLES = {"dem", "einem", "der"}  # a dative (or, "der", feminine dative) phrase right after the verb
PLURAL_QUANTIFIERS = {"einige", "mehrere", "viele", "zahlreiche", "alle", "beide"}  # groups of people, not things


def sentence_subject(d: Document, sent: Sentence) -> Mention | None:
    """Subject of the main clause: the opening noun phrase before the finite verb (or its apposition),
    else the noun phrase right after the finite verb ("Letzte Woche sprach Biden …")."""
    tk = d.tk
    s, e = sent.start, sent.end
    st = s
    while st < e and (tk.text[st] in tk.conj or tk.text[st].isspace()):
        st += 1
    adv = st
    while adv < e and tk.text[adv].lower() in tk.adverbs:
        adv += 1
    if adv > st and adv + 1 < e and tk.is_adjective(adv) and d.inflected_verb(adv):
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
        colon = d.clause_end(head.end, e)
        if nxt == ":" or nxt in tk.prepositions and colon < e and tk.text[colon] == ":" and not any(
                tk.text[k] in SUBJECT_PRONOUNS for k in range(head.end, colon)):
            # no verb: "Ein Beamter der Nationalpolizei: „…“" (but "Die Hilfe für X lehnt er ab: „…“")
            return subject_after_verb(d, head, colon) or head
        if nxt in (",", "(") or (not tk.cap[head.end] and tk.is_word(head.end) and nxt not in tk.prepositions) or (
            nxt in tk.prepositions and d.clause_end(head.end, e) < e and tk.text[d.clause_end(head.end, e)] == ","
        ):
            after = head.end + 1
            if nxt not in (",", "(") and after < e and tk.text[after] in SUBJECT_PRONOUNS:
                return Mention(after, after + 1)  # object first: "Das Angebot lehnt er ab"
            if nxt not in (",", "(") and not tk.cap[head.end]:
                return inverted_subject(d, head, head.end, e) or head
            return head
    # first finite verb: first lowercase word after the opening constituent
    k = head.end if head is not None else st + 1
    while k < e and not d.in_mark[k]:
        t = tk.text[k]
        if t in tk.pronouns:
            return Mention(k, k + 1)  # the verb looked like an adjective: "Im Januar legte er …"
        verb_like = not tk.is_adjective(k) or k + 1 < e and tk.is_det(k + 1)  # "brachte die Sprecherin"
        if tk.is_word(k) and not tk.cap[k] and t[0].isalpha() and t not in tk.articles and t not in tk.prepositions and verb_like and t not in tk.adverbs:
            st = d.skip_adverbs(k + 1, e)
            m = np_forward(tk, st, e)
            if m is not None and not is_time_phrase(tk, m):
                return m
            return None
        if t in (",", ":", ";"):
            return None
        k += 1
    return None


def subject_after_verb(d: Document, head: Mention, colon: int) -> Mention | None:
    """"Jede Mitverantwortung an der Affäre weist Berg von sich: „…“": a verb between the opening phrase and
    the colon, a thing before it and a bare name after it (``thing_before_name``): the name is the subject."""
    tk = d.tk
    verb = next((k for k in range(head.end, colon) if d.inflected_verb(k) and not d.in_mark[k]), None)
    if verb is None:
        return None
    st = d.skip_adverbs(verb + 1, colon)
    m = np_forward(tk, st, colon) if st < colon and not d.in_mark[st] else None
    if m is None:
        return None
    m = Mention(m.start, next((k for k in range(m.start, m.end) if not tk.cap[k]), m.end))  # "Berg von sich"
    return m if m.end > m.start and thing_before_name(d, head, m) else None


def thing_before_name(d: Document, back: Mention, fwd: Mention) -> bool:
    """A thing in front of the verb and a bare name after it ("Eine Verschiebung der Wahl bezeichnete Berg als
    fatal", "Jede Mitverantwortung weist Berg von sich"): the thing is the fronted object, the name the subject.
    The name has no article and its last word is a name (known in the text, else by HanTa); the thing names
    no one (no role, organisation or document)."""
    tk = d.tk
    if tk.is_det(fwd.start) or tk.text[fwd.start] in d.lex.roles or not all(tk.cap[k] and tk.is_word(k) for k in range(fwd.start, fwd.end)):
        return False
    if tk.text[back.start] in tk.pronouns or tk.text[back.start].lower() in PLURAL_QUANTIFIERS:
        return False  # "Er beschuldigte Thaksin", "Einige der Abgeordneten haben Blair geschrieben"
    if names_someone(d, back) or any(tk.text[k] in d.lex.speech_nouns for k in range(back.start, back.end)):
        return False
    last = tk.text[fwd.end - 1]
    return last in d.names or is_name(last)


def past_addressee(d: Document, fwd: Mention, sent: Sentence) -> Mention:
    """The subject after a dative addressee behind the verb: "sagte der Zeitung die Sprecherin des Verbands",
    "sagte dem Sender der Minister" (read as one phrase with a genitive). A phrase that names someone and opens
    with a nominative article after the addressee's noun is the subject; after "der" only an unambiguous one
    ("die", "das", "ein", "eine": "der Minister der Regierung" is one phrase)."""
    tk = d.tk
    dative = tk.text[fwd.start].lower() in ("dem", "einem")
    openers = ("der", "die", "das", "ein", "eine") if dative else ("die", "das", "ein", "eine")
    if not dative and (describe(tk, fwd)[1] not in ("organization", "unknown") or names_person(d, fwd)):
        return fwd  # "der Berliner das Spiel": a person before is the subject
    for k in range(fwd.start + 2, min(fwd.end + 1, sent.end)):
        if tk.text[k] in openers and tk.cap[k - 1] and not d.in_mark[k]:
            m = np_forward(tk, k, sent.end)
            if m is not None and (names_person(d, m) if not dative else names_someone(d, m)):
                return m
    return fwd


def names_person(d: Document, m: Mention) -> bool:
    """A role or a person's name in the phrase ("die Sprecherin des Verbands", "Petra Horn")."""
    tk = d.tk
    return any(tk.cap[k] and (tk.text[k] in d.lex.roles or tk.text[k] in d.names) for k in range(m.start, m.end)) or (
        describe(tk, m)[1] == "person" and tk.is_det(m.start))


def subject_after_expletive(d: Document, es: int, sent: Sentence) -> Mention | None:
    """The subject after an expletive "es" behind the verb ("sah es das Gericht als erwiesen an, dass …"): a
    phrase in the nominative (no object article)."""
    tk = d.tk
    k = d.skip_adverbs(es + 1, sent.end)
    m = np_forward(tk, k, sent.end) if k < sent.end and not d.in_mark[k] else None
    if m is None and k + 1 < sent.end and tk.text[k] in d.particles and tk.text[k + 1] == ",":
        return neuter_pronoun(d, es, sent)  # only the verb's particle follows: "Hier stellte es fest, dass …"
    if m is None or tk.text[m.start].lower() in OBJECT_ARTICLES or tk.text[m.start] in tk.pronouns or is_time_phrase(tk, m):
        return None
    return m


def inverted_subject(d: Document, head: Mention, v: int, e: int) -> Mention | None:
    """Verb-second clause with the object in front: "Die Anwendung der Regel stellte der Vorsitzende Franz
    Maier in Frage" — the phrase after the verb is the subject when it names a speaker and the front one does not."""
    tk = d.tk
    if speaker_like(d, head) or not d.inflected_verb(v):
        return None
    st = d.skip_adverbs(v + 1, e)
    m = np_forward(tk, st, e) if st < e and not d.in_mark[st] else None
    if m is None or tk.text[m.start].lower() in OBJECT_ARTICLES or not speaker_like(d, m):
        return None
    return m


def speaker_like(d: Document, m: Mention) -> bool:
    """The phrase names someone who can make a claim: a personal pronoun, a role, an organisation, a group of
    people (speaker_nouns.txt), a person named in the text, an acronym, or a bare name ("Lars Schauer")."""
    tk = d.tk
    lex = d.lex
    words = [k for k in range(m.start, m.end) if tk.is_word(k)]
    if not words:
        return False
    if len(words) == 1 and tk.text[words[0]] in tk.pronouns:
        return True
    for k in words:
        t = tk.text[k]
        if not tk.cap[k]:
            continue
        if t in lex.roles or t in lex.organisations or t in lex.speaker_nouns or t in d.names:
            return True
        if len(t) >= 2 and t.replace("-", "").isupper():
            return True
    return all(tk.is_noun(k) and tk.text[k].lower() not in d.closed_words and not tk.text[k].lower().endswith(ADVERB_ENDINGS)
               for k in words)


def names_someone(d: Document, m: Mention) -> bool:
    """The phrase names a person, group or organisation ("Die Unterstützer der Vorlage"), or is a bare name
    ("Larson"; HanTa asked for the last word): not a thing ("Besondere Probleme")."""
    tk = d.tk
    if describe(tk, m)[1] in ("organization", "anonymous") or any(tk.text[k] in d.lex.roles or tk.text[k] in d.names for k in range(m.start, m.end)):
        return True
    return not tk.is_det(m.start) and all(tk.cap[k] for k in range(m.start, m.end)) and is_name(tk.text[m.end - 1])


def neuter_pronoun(d: Document, k: int, sent: Sentence) -> Mention:
    """"Es" as the subject of a cue ("Das Landgericht tagte. Es wies den Antrag zurück, …"): named after the
    neuter subject of the sentence before when that names someone, else nobody (the mention stays "Es")."""
    m = Mention(k, k + 1)
    prev = sentence_subject(d, sent.prev) if sent.prev is not None else None
    if prev is not None and d.tk.text[prev.start] in ("Das", "das") and names_someone(d, prev):
        m.name, m.type = describe(d.tk, prev)
    else:
        m.name = ""  # a mention with no name left names nobody (quotations_from_doc)
    return m
