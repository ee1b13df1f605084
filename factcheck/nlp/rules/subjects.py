"""Speaker choice: which noun phrase of the sentence is the speaker of a cue.

The subject next to the cue verb or its auxiliary (before it, or after it in a verb-second clause with
something else in front), the agent of a passive or the document it is said in (passive.py), the subject of the
sentence for coordinated verbs and appositions (main_clause.py), a noun of speech or intent ("die Forderung des Verbands, …"),
and with a dependency parse (``--model``) the subject the parse gives (parse.py). Naming the phrase (pronouns,
roles, documents) is resolve.py's. Lexicons: speaker_pronouns.txt, object_articles.txt, claim_pronouns.txt,
speaker_nouns.txt, roles.txt, organisations.txt, function_words.txt.
"""

from __future__ import annotations

from ..lexicons import load_lexicons, read_lines
from ..wordclass import word_class
from ..speakers import Mention, is_lowercase_name, is_time_phrase, np_backward, np_forward, preceded_by_preposition
from .document import CLAUSE_STOPS, PASSIVE_AUX, Document, Sentence
from .main_clause import (ADDRESSEE_ARTICLES, ADVERB_ENDINGS, OBJECT_ARTICLES, neuter_pronoun, past_addressee,
                          sentence_subject, subject_after_expletive, thing_before_name)
from .mentions import after_parenthesis
from .passive import agentless_passive, named_actor, passive_agent, speech_or_intent

_CLOSED = load_lexicons().closed
SPEAKER_PRONOUNS = set(read_lines("speaker_pronouns.txt"))
CLAIM_PRONOUNS = set(read_lines("claim_pronouns.txt"))
DEMONSTRATIVES = _CLOSED.get("demonstrative", set())  # "sagte dieser, dass …"
MAX_DATE_TOKENS = 6  # "dem 28. Dezember 2006"
MAX_PARENTHESIS_TOKENS = 14  # a parenthesis inside a subject's clause: a party, an acronym, a gloss


def subject(d: Document, v: int, sent: Sentence) -> Mention | None:
    """Speaker phrase of the cue verb at ``v``: the subject next to it or next to its auxiliary."""
    parsed = parsed_speaker(d, v)
    if parsed is not None:
        return parsed
    tk = d.tk
    lo = clause_start_outside_parentheses(d, v, sent.start)
    if lo > sent.start and tk.text[lo - 1] == "," and d.pronominal_adverb(v):
        verb = next((k for k in range(lo - 2, sent.start - 1, -1) if d.inflected_verb(k) and not d.in_mark[k]), None)
        if verb is not None:
            return subject(d, verb, sent)  # "ging Celebi, die Anwältin der Frau, davon aus, dass …"
    if verb_final(d, v, sent):  # "Von X wird gesprochen und dass eine Minderheit behauptet, …": the dass-clause's own
        lo = next((k for k in range(v - 2, lo, -1) if tk.text[k] in ("dass", "daß") and not d.in_mark[k]), lo)
    agent = passive_agent(d, v, lo, sent)
    if agent is not None:
        return agent
    m = clause_subject(d, v, lo, sent)
    quoted = quoted_person(d, v, m, lo, sent)
    if quoted is not None:
        return quoted
    if m is not None and agentless_passive(d, v, lo, sent):
        # the subject of a passive is what was said: the actor of the sentence before, or the last speaker, said it
        actor = named_actor(d, sent.prev) if sent.prev is not None else None
        return actor or (d.last_speaker if d.recent(2) and d.last_speaker is not None else m)
    return m


def clause_subject(d: Document, v: int, lo: int, sent: Sentence) -> Mention | None:
    """The grammatical subject of the cue verb at ``v`` in its clause starting at ``lo``."""
    tk = d.tk
    if verb_final(d, v, sent):
        m = subordinate_subject(d, lo, v, sent)
        if m is not None:
            return m  # "Obwohl Steinbrück mit Mehreinnahmen von 3,5 Milliarden Euro rechnet, …"
    anchor = v
    # participle at clause end: the subject stands next to the auxiliary ("die Ukraine hat ... bestätigt")
    nxt = v + 1
    if nxt >= sent.end or tk.text[nxt] in (",", ".", ":", ";") or d.in_mark[nxt]:
        for k in range(lo, v):
            if d.is_auxiliary(k) and not d.in_mark[k] and not (perfect_auxiliary(d, k) and finite_form(d, v)):
                anchor = k
                break
    # a pronoun in the same clause before the verb (verb-final clauses: "was er als … bezeichnete")
    fwd_start = d.skip_adverbs(anchor + 1, sent.end)
    fwd = np_forward(tk, fwd_start, sent.end) if fwd_start < sent.end and not d.in_mark[fwd_start] else None
    if fwd is None and fwd_start < sent.end and tk.is_det(fwd_start) and not d.in_mark[fwd_start]:
        fwd = quoted_name(d, fwd_start, sent.end)  # "verkündete die „Aktion Mensch“, …"
    if fwd is None and fwd_start + 1 < sent.end and tk.text[fwd_start] in DEMONSTRATIVES and not d.in_mark[fwd_start] and not (
            tk.cap[fwd_start + 1] or tk.is_adjective(fwd_start + 1)):
        fwd = Mention(fwd_start, fwd_start + 1)  # "so schrieb diese in einer Stellungnahme": a pronoun
    if fwd is None and fwd_start + 1 < sent.end and tk.text[fwd_start] == "es" and not d.in_mark[fwd_start]:
        fwd = subject_after_expletive(d, fwd_start, sent)  # "sah es das Gericht als erwiesen an"
    if fwd is not None and tk.text[fwd.start].lower() in ADDRESSEE_ARTICLES:
        fwd = past_addressee(d, fwd, sent)  # "sagte der Zeitung die Sprecherin", "sagte dem Sender der Minister"
    if fwd is not None and fwd.end < sent.end and tk.text[fwd.end] == "zufolge":
        fwd = None
    if fwd is not None and "gegenüber" in tk.text[anchor + 1 : fwd.start]:
        fwd = None  # "sagte gegenüber der Nachrichtenagentur": the addressee
    if fwd is not None and tk.text[fwd.start] in ("den", "einen"):  # an accusative object, no subject
        if anchor - lo == 1 and tk.text[lo] in ("Es", "es") and not d.in_mark[lo]:
            return neuter_pronoun(d, lo, sent)  # "Es weist den Vorwurf zurück": "es" is the subject (das Gericht)
        fwd = None
    if anchor == lo or tk.text[anchor - 1] in ("und", "oder", "sowie"):
        # coordinated verb ("…, verurteilte die Angriffe und versprach …") or apposition
        # ("Klaus Stöhr, Leiter des Programms, sagte"): the subject opens the sentence
        if fwd is not None and tk.text[fwd.start] in tk.pronouns:
            return fwd
        first = tk.text[sent.start].lower()
        if anchor == lo and fwd is not None and first in d.subordinators | d.relative and first not in tk.articles:
            return fwd  # "Da Brauereien …, warnte der Hauptgeschäftsführer": the subordinate clause comes first
        if anchor > lo:
            own = subordinate_subject(d, lo, anchor, sent)
            if own is not None:  # "…, während die Initiative den Vorschlag unterstützt und fordert"
                return own
        before = subject_before_apposition(d, lo, sent)
        if anchor == lo and before is not None:
            return before  # "Erst vor zwei Tagen hatte der Investor für den Neubau, Larry Silverstein, zugesagt"
        head = sentence_subject(d, sent)
        if head is not None and head.start < anchor:
            return head
        if anchor == lo and fwd is not None and not is_time_phrase(tk, fwd):
            return fwd
        return None
    rel = relative_subject(d, lo, v, sent)
    if rel is not None:
        return rel
    back = np_backward(tk, anchor, lo)
    if back is not None and back.start > lo and tk.text[back.start - 1] in ("aus", "Aus") and tk.lemma[v].lower() == "verlauten":
        return back  # "Aus Militärkreisen verlautete, …": the source
    if back is not None and ((preceded_by_preposition(tk, back, lo) or inside_prepositional_phrase(d, back, lo))
                             and not opens_verb_final_clause(d, back, v, sent) or is_time_phrase(tk, back)):
        back = None
    if back is not None and (tk.text[back.start] in ("Berichten",) or initial_non_noun(d, back, sent)):
        back = None  # "Erst am Montag hatte …", "Besorgt äußerte sich …"
    if back is not None and back.start - 1 > lo and tk.text[back.start - 1] == "gegenüber":
        back = np_backward(tk, back.start - 1, lo)  # "der Minister gegenüber Medien versichere": the addressee
    if back is not None and back.end - back.start == 1 and back.start == sent.start and fwd is not None:
        if tk.text[back.start].lower().endswith(ADVERB_ENDINGS):
            back = None  # "Relativierend fügt Gall hinzu": an adverbial opens the sentence
    if back is not None and fwd is not None and not is_time_phrase(tk, fwd) and fronted_object(d, back, fwd, sent):
        return fwd
    if back is not None and back.start == lo:
        return back
    if back is not None and after_parenthesis(d, back.end, anchor) == anchor and all(
            tk.text[k].lower() in tk.adverbs and tk.text[k].lower() != "gegenüber" for k in range(lo, back.start)):
        return back  # "Auch sie forderten …", "Auch die Ministerin (SPD) äußerte …": only adverbs before the subject
    if fwd is not None and tk.text[fwd.start] in tk.pronouns:
        return fwd
    if back is not None and tk.text[back.start - 1] in conj_or_rel(d):
        return back
    if fwd is not None and not is_time_phrase(tk, fwd):
        return fwd
    # pronoun subject of a verb-final clause
    for k in range(lo, anchor):
        if tk.text[k] in tk.pronouns and not d.in_mark[k]:
            return Mention(k, k + 1)
    if back is not None:
        return back
    return subordinate_subject(d, lo, anchor, sent) or bare_subject(d, lo, anchor)


def inside_prepositional_phrase(d: Document, m: Mention, lo: int) -> bool:
    """The phrase ends a prepositional phrase whose article, adverbs and adjectives the noun-phrase rules left
    out: "gab in einer gestern veröffentlichten Erklärung bekannt" (the phrase "veröffentlichten Erklärung")."""
    tk = d.tk
    if tk.is_det(m.start):
        return False  # a whole phrase: "von dem die Polizei glaubt"
    k = m.start - 1
    while k >= lo and not d.in_mark[k] and (tk.text[k] in tk.adverbs or tk.is_det(k) or tk.is_adjective(k)):
        k -= 1
    return lo <= k < m.start - 1 and not d.in_mark[k] and tk.text[k].lower() in tk.prepositions


def quoted_person(d: Document, v: int, m: Mention | None, lo: int, sent: Sentence) -> Mention | None:
    """The object of an active "zitieren" at ``v`` (its subject ``m``, its clause from ``lo``): "Die Zeitung zitiert
    den Minister mit den Worten …", "…“, zitiert die „Morgenpost“ Anna Berg": the medium quotes, the person quoted
    said it; "X zitiert aus einem Bericht, wonach …": the report (not "„…“, zitiert die Zeitung aus einem Bericht"; a
    passive "wird von der Zeitung zitiert" names both)."""
    tk = d.tk
    if tk.lemma[v] != "zitieren" or any(tk.text[k] in PASSIVE_AUX and not d.in_mark[k] for k in range(lo, v)):
        return None
    if m is not None and any(d.in_mark[x] for x in range(m.start, m.end)):
        return None  # the quoted name of a medium would be taken for a quotation: "zitiert die „Woche“ X"
    k = v + 1
    if m is not None and d.skip_adverbs(k, sent.end) == m.start:
        k = m.end  # the subject after the verb: "zitiert die Zeitung den Minister"
    elif k < sent.end and tk.text[k] == "man":
        k += 1
    k = d.skip_adverbs(k, sent.end)
    if k == d.skip_adverbs(v + 1, sent.end) and k + 1 < sent.end and tk.text[k] == "aus" and not d.in_mark[k + 1]:
        k += 1  # "Der Sender zitiert aus einem Bericht, wonach …": the claim after it is the source's
    if k >= sent.end or d.in_mark[k]:
        return None
    return np_forward(tk, k, sent.end)


def relative_subject(d: Document, lo: int, v: int, sent: Sentence) -> Mention | None:
    """A relative pronoun opening the cue's verb-final clause before an object's article is its subject: "eine
    Resolution, die die Regierung auffordert, …", "welche die Lage zur Kenntnis nimmt und die Regierung auffordert",
    "der den Plan kritisiert hatte", "eine Nachricht, welche die Techniker als „…“ bezeichnete." (closing the sentence);
    the speaker is its antecedent, the phrase before the comma (after the main clause's verb)."""
    tk = d.tk
    if lo <= sent.start or tk.text[lo - 1] != "," or tk.text[lo] not in NOMINATIVE_RELATIVES or d.in_mark[lo]:
        return None
    if lo + 1 >= v or tk.text[lo + 1] not in OBJECT_OPENERS or not verb_final(d, v, sent):
        return None  # "die Marke, die der Kanzler genannt hatte": the phrase after it may be the subject
    if v + 1 >= sent.end or tk.text[v + 1] not in (",", "."):
        return None  # no claim after it: "…, die die Stärke angegeben und korrigiert hatte, sagte X" is X's
    floor = d.clause_start(lo - 1, sent.start)
    floor = next((k + 1 for k in range(lo - 2, floor - 1, -1)
                  if not tk.is_det(k) and (d.is_auxiliary(k) or d.inflected_verb(k))), floor)
    ante = np_backward(tk, lo - 1, floor)  # after the main clause's verb: "hinterließen eine Nachricht, welche …"
    return ante if ante is not None and tk.text[ante.start] not in tk.pronouns else Mention(lo, lo + 1)


NOMINATIVE_RELATIVES = {"der", "die", "das", "welcher", "welche", "welches"}
OBJECT_OPENERS = {"die", "das", "den", "dem", "des", "einen", "einem"}  # articles of a phrase that is no subject


def perfect_auxiliary(d: Document, k: int) -> bool:
    """A form of "haben" or "sein", which builds the perfect with a participle only."""
    return d.tk.lemma[k] in ("haben", "sein") or d.tk.text[k] in ("habe", "Habe")


def finite_form(d: Document, v: int) -> bool:
    """The verb at ``v`` is finite, no participle: a present plural ("befürchten"), a weak past ("forderte",
    "erklärten") or a strong past ("versprach"). After "Dies war nicht die erste Auseinandersetzung und die
    Anwohner befürchten, …" it heads a clause of its own, and "war" is not its auxiliary."""
    tk = d.tk
    t, lem = tk.text[v], tk.lemma[v]
    if v > 0 and tk.text[v - 1] == "zu" or t.startswith("ge"):
        return False  # "ist zu erwarten"; "hat … gebeten" (a participle the lemmatizer does not know)
    if lem == t:
        return True
    if t.endswith("te") and t[:-2] + "en" == lem or t.endswith("ten") and t[:-3] + "en" == lem:
        return True
    return not t.endswith(("t", "en", "n"))


def initial_non_noun(d: Document, m: Mention, sent: Sentence) -> bool:
    """A phrase opening the sentence with a word that is no noun or name, capitalised only by its position
    ("Erst", "Besorgt", "Relativierend", "Stellvertretend für die Kommission"): HanTa decides (speakers.py, asked
    once per word)."""
    tk = d.tk
    if m.start != d.trim(sent.start, sent.end)[0] or tk.text[m.start] in tk.pronouns:
        return False
    first = tk.text[m.start]
    if m.end - m.start == 1:
        return word_class(first) == "other"
    # "Stellvertretend für die Kommission": a word and a preposition, the word an adverb by HanTa or its ending
    return tk.text[m.start + 1] in tk.prepositions and (first.lower().endswith(ADVERB_ENDINGS) or word_class(first) == "other")


def subject_before_apposition(d: Document, lo: int, sent: Sentence) -> Mention | None:
    """The noun phrase before an apposition in commas that ends right before the clause at ``lo``: "hatte der
    Investor für den Neubau, Larry Silverstein, zugesagt" (the verb's subject)."""
    tk = d.tk
    if lo <= sent.start or tk.text[lo - 1] != "," or d.in_mark[lo - 1]:
        return None
    a = d.clause_start(lo - 1, sent.start)
    if a <= sent.start or tk.text[a - 1] != "," or not apposition(d, a, lo - 1) or not (tk.cap[lo - 2] or tk.text[lo - 2] == ")"):
        return None  # a noun phrase, no relative clause (", die den Brief unterschrieben,")
    floor = d.clause_start(a - 1, sent.start)
    floor = next((k + 1 for k in range(a - 2, floor - 1, -1) if d.is_auxiliary(k) or d.inflected_verb(k)), floor)
    m = np_backward(tk, a - 1, floor)
    if m is None or preceded_by_preposition(tk, m, sent.start) or is_time_phrase(tk, m) or initial_non_noun(d, m, sent) \
            or tk.text[m.start].lower() in OBJECT_ARTICLES:
        return None
    return m


def parsed_speaker(d: Document, v: int) -> Mention | None:
    """The subject (or passive agent) the dependency parse gives the cue verb at ``v``; None without a parse."""
    return d.parse.speaker(v) if d.parse is not None else None


def conj_or_rel(d: Document) -> set[str]:
    return d.tk.conj | {",", "–", "—", ":", "("}


def clause_start_outside_parentheses(d: Document, v: int, floor: int) -> int:
    """Start of the clause of token ``v``; a closed parenthesis before ``v``, also one with commas inside,
    belongs to the clause ("Franz Josef Jung (CDU) kündigte an", "Anna Berg (Environment Agency, EA) sagte",
    "Wulff (CDU) hat in einem Gespräch mit Peres (Awoda, dt. Arbeiterpartei) bekräftigt")."""
    tk = d.tk
    i = v
    while i > floor:
        t = tk.text[i - 1]
        if t == ")" and not d.in_mark[i - 1]:
            k = next((x for x in range(i - 2, max(floor, i - MAX_PARENTHESIS_TOKENS) - 1, -1) if tk.text[x] in "()"), None)
            if k is not None and tk.text[k] == "(":
                i = k
                continue
        if t == "," and not d.in_mark[i - 1]:
            j = date_apposition_start(d, i - 1, floor)
            if j is not None:
                i = j  # "wurde von X am Donnerstag, dem 28. Dezember 2006, angegeben": the date is no clause
                continue
        if t in CLAUSE_STOPS or t == "(":
            if not d.in_mark[i - 1]:
                return i
        i -= 1
    return i


def date_apposition_start(d: Document, comma: int, floor: int) -> int | None:
    """The opening comma of a date in commas that closes at ``comma`` ("am Freitag, dem 3. Dezember 2004,"),
    or None."""
    tk = d.tk
    for j in range(comma - 1, max(floor, comma - MAX_DATE_TOKENS) - 1, -1):
        if tk.text[j] == ",":
            ok = j + 2 < comma and tk.text[j + 1] in ("dem", "den") and tk.text[j + 2][:1].isdigit()
            return j if ok and j > floor and tk.text[j - 1] in tk.time else None
    return None


def verb_final(d: Document, v: int, sent: Sentence) -> bool:
    """The cue verb closes its clause (or only an auxiliary follows it): "…, während X den Plan unterstützt und",
    "nachdem X erklärt hatte,"."""
    tk = d.tk
    k = v + 1
    if k < sent.end and d.is_auxiliary(k):
        k += 1
    return k >= sent.end or not d.in_mark[k] and tk.text[k] in (",", ".", ";", ":", "und", "oder")


def subordinate_subject(d: Document, lo: int, anchor: int, sent: Sentence) -> Mention | None:
    """Verb-final clause opened by a conjunction: the subject follows the conjunction ("nachdem die Partei auf
    nationaler Ebene entschieden hatte", "Als der Chef am Sonntag sagte, …", "Doch als der Chef sagte")."""
    tk = d.tk
    if tk.text[lo] in tk.conj and lo + 1 < anchor:
        lo += 1
    if tk.text[lo].lower() not in d.lex.closed["clause_conjunction"] or d.in_mark[lo]:
        return None
    k = d.skip_adverbs(lo + 1, anchor)
    m = np_forward(tk, k, anchor) or quoted_name(d, k, anchor)
    if m is None or is_time_phrase(tk, m) or tk.text[m.start].lower() in OBJECT_ARTICLES:
        return None
    if m.end < anchor and (d.is_auxiliary(m.end) or d.inflected_verb(m.end)):
        return None  # a verb right after the phrase: a main clause ("Als Grund wurde …", "Als Beispiel führte er …")
    return m


def opens_verb_final_clause(d: Document, back: Mention, v: int, sent: Sentence) -> bool:
    """"Während Premierminister X ankündigte, …": a word that is a preposition and a conjunction opens a
    subordinate clause when the cue verb closes it, so the phrase after it is the subject."""
    tk = d.tk
    k = back.start - 1
    closes = v + 1 >= sent.end or tk.text[v + 1] in (",", ".", ";", ":")
    next_to_verb = d.skip_adverbs(back.end, v) == v  # not "Als Termin wurde … genannt"
    word = tk.text[k].lower() if k >= sent.start else ""
    return word in d.lex.closed["clause_conjunction"] and word in tk.prepositions and closes and next_to_verb


def fronted_object(d: Document, back: Mention, fwd: Mention, sent: Sentence) -> bool:
    """Verb-second clause with something else than the subject in front ("Der Politik schlug er vor",
    "Den Vorschlag lehnte die Ministerin ab"): the subject follows the verb. ("er" is nominative only.)"""
    tk = d.tk
    if tk.text[fwd.start] in ("er", "Er") or tk.text[back.start].lower() in OBJECT_ARTICLES:
        return True
    if back.end - back.start == 1 and tk.text[back.start].lower() in CLAIM_PRONOUNS:
        return True  # "Dies bestätigte der Minister"
    # "der" + adjective in -en is dative or genitive: "Der englischsprachigen Zeitung sagte Karma"
    if tk.text[back.start] in ("der", "Der") and back.start + 1 < back.end and tk.is_adjective(back.start + 1) and tk.text[back.start + 1].endswith("en"):
        return True
    return thing_before_name(d, back, fwd)


def bare_subject(d: Document, lo: int, anchor: int) -> Mention | None:
    """A subject the noun-phrase rules miss: a lone pronoun ("Dieser behauptete", ", der angab"),
    a lowercase name or nominalised adjective after an article ("Die taz vermutet", "der 81-jährige")."""
    tk = d.tk
    if anchor - lo == 1 and tk.text[lo].lower() in SPEAKER_PRONOUNS and not d.in_mark[lo]:
        return Mention(lo, lo + 1)
    if (lo > 0 and tk.text[lo - 1] == "," and tk.text[lo] in SPEAKER_PRONOUNS and not d.in_mark[lo]
            and anchor + 1 < tk.n and tk.text[anchor + 1] in (",", ".", ":")):
        return Mention(lo, lo + 1)  # "…, der in einer Stellungnahme vor dem Parlament betonte, …"
    if 2 <= anchor - lo <= 3 and tk.is_det(lo) and all(tk.is_word(k) and not d.in_mark[k] for k in range(lo, anchor)):
        return Mention(lo, anchor)
    k = d.skip_adverbs(anchor + 1, tk.n)
    if k + 2 < tk.n and tk.is_det(k) and tk.is_adjective(k + 1) and not d.in_mark[k] and (
        tk.text[k + 2] in (",", ".") or tk.text[k + 2] in tk.prepositions
    ):
        return Mention(k, k + 2)
    return None








def quoted_name(d: Document, k: int, limit: int) -> Mention | None:
    """A name in quotation marks or a lowercase web name as subject ("Wie „heise online“ berichtet",
    "Wie die „Aktion Mensch“ mitteilte", "Wie t-online.de berichtet")."""
    tk = d.tk
    start = k
    while k < limit and (tk.is_det(k) or tk.is_adjective(k) and not is_lowercase_name(tk, k)):
        k += 1
    if k < limit and k in d.openers and d.openers[k] < limit and d.openers[k] - k <= 6:
        return Mention(start, d.openers[k] + 1)
    if k < limit and is_lowercase_name(tk, k):
        return Mention(start, k + 1)
    return None


def noun_source(d: Document, comma: int, sent: Sentence) -> Mention | None:
    """A claim attached to a speech or intent noun right before its comma ("die Forderung des Verbands, …
    zu senken", "trotz einer Warnung der Wärter, …", "gab es Hinweise, dass …") is the noun phrase's: the
    corpus marks that phrase, not the clause's subject, as the source; a phrase before the comma that is the
    addressee of such a noun ("der Vorwurf der Regierung an die Firma, …") stands for that noun."""
    tk = d.tk
    lo = d.clause_start(comma, sent.start)
    m = np_backward(tk, comma, lo)
    if m is None or tk.text[m.start] in tk.pronouns or m.start > lo and tk.text[m.start - 1].lower() == "als":
        return None  # "sehen als eine zentrale Aussage, dass …": a predicate, no source
    for k in range(m.end - 1, m.start, -1):
        if tk.text[k] in ("den", "dem", "einen", "einem") and tk.is_noun(k - 1):
            m = Mention(k, m.end)  # "an Bord den Befehl": only the last phrase (no genitive)
            break
    if m.start - 1 > lo and tk.text[m.start - 1] in ("an", "gegen") and not speech_or_intent(d, m):
        noun = np_backward(tk, m.start - 1, lo)  # "der Vorwurf der Regierung an die Firma, …": the noun before
        if noun is not None and speech_or_intent(d, noun):
            m = noun
    owner = any(tk.text[k] in ("des", "der", "von", "vom") for k in range(m.start + 1, m.end))
    if tk.text[m.start] in ("den", "einen") and not owner:
        return None  # "X erteilte den Befehl, …": the object of the subject's verb; the subject speaks
    if (not owner and m.start - 2 >= sent.start and tk.text[m.start - 1].lower() in ("zu", "zum", "zur")
            and not tk.is_noun(m.start - 2)):
        return None  # "Die Experten kamen zu dem Ergebnis, dass …" (not "eine Erklärung zur Bereitschaft, …")
    return m if speech_or_intent(d, m) else None




def subject_with_apposition(d: Document, m: Mention, v: int, sent: Sentence) -> bool:
    """"Lars Schauer, Manager des Vereins, bezeichnete …": the subject opens the sentence and only a noun-phrase
    apposition in commas stands between it and the verb."""
    tk = d.tk
    a = d.trim(sent.start, sent.end)[0]
    if m.start > a or m.end >= v or tk.text[m.end] != ",":
        return False
    lo = d.clause_start(v, sent.start)
    if lo <= m.end or tk.text[lo - 1] != ",":
        return False
    return apposition(d, m.end + 1, lo - 1) and not any(tk.text[k].lower() in d.relative for k in range(m.end + 1, min(lo, m.end + 2)))


def apposition(d: Document, a: int, b: int) -> bool:
    """Only a noun phrase in tokens a..b ("…, sagte X, der Sprecher der Feuerwehr."), no clause."""
    tk = d.tk
    a, b = d.trim(a, b)
    for k in range(a, b):
        t = tk.text[k]
        if d.in_mark[k] or not tk.is_word(k) or tk.cap[k]:
            continue
        if t in tk.prepositions or tk.is_det(k) or tk.is_adjective(k) or t in tk.adverbs or t in ("und", "sowie") or t[:1].isdigit():
            continue
        return False
    return True
