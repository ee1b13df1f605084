"""Passive cues and nouns of speech: who a passive was said by — its agent ("wird von der Zeitung zitiert"), the
document it is said in ("In einem Bericht der BBC wurde vermutet", "ein Schreiben, in dem er informiert wird"), or,
with neither, the actor of the sentence before (subjects.py) — and the nouns of speech, intent or source that stand
for a speaker ("die Forderung des Verbands", "in einer Anweisung der Botschaft").
Lexicons: speech_nouns.txt, intent_words.txt, source nouns (lexicons.py), roles.txt, organisations.txt.
"""

from __future__ import annotations

from ..speakers import Mention, np_backward, np_forward
from .document import PASSIVE_AUX, Document, Sentence
from .main_clause import sentence_subject


def passive_agent(d: Document, v: int, lo: int, sent: Sentence) -> Mention | None:
    """Agent of a passive cue: "wird von der Netzeitung zitiert", "Von den Behörden wird angenommen", "wurde
    durch den Sprecher bestätigt"."""
    tk = d.tk
    hi = d.clause_end(v, sent.end)
    if not any(tk.text[k] in PASSIVE_AUX and not d.in_mark[k] for k in range(lo, hi)):
        return None
    # the auxiliary stands for the clause's verb ("wurden von den Behörden angewiesen, …"): its agent follows it
    limit = hi if tk.text[v] in PASSIVE_AUX else v
    for k in range(lo, limit):
        if tk.text[k].lower() not in ("von", "vom", "durch") or d.in_mark[k]:
            continue
        if tk.text[k] == "von" and k > lo and tk.is_noun(k - 1) and k + 1 < limit and tk.cap[k + 1] and not tk.is_det(k + 1):
            continue  # a name particle: "Ursula von der Leyen" (never "vom")
        m = np_forward(tk, k + 1, limit)
        if m is not None:
            return m  # the whole mention takes a "vom" (mentions.py)
        # a quoted name: "von der „Netzeitung“"
        j = k + 1
        while j < limit and (tk.is_det(j) or tk.is_adjective(j)):
            j += 1
        if j < limit and j in d.openers and d.openers[j] < limit:
            return Mention(k + 1, d.openers[j] + 1)
    # no agent: the document it is said in ("In einem Bericht der BBC wurde vermutet", also before a relative
    # clause: "In einer Stellungnahme, auf die sich Medien berufen, wird …"); "X wird in einer Erklärung zitiert"
    # quotes its subject
    if lo > sent.start + 1 and tk.text[lo - 1] == "," and tk.text[lo] == "in" and tk.text[lo + 1] in ("dem", "der", "denen"):
        ante = np_backward(tk, lo - 1, d.clause_start(lo - 1, sent.start))  # "ein Schreiben, in dem er informiert wird"
        if ante is not None and speech_or_intent(d, ante):
            return ante
    first = d.trim(sent.start, v)[0]
    start = first if tk.text[first] in ("In", "Im") else lo
    for k in range(start, v if tk.lemma[v].lower() != "zitieren" else start):
        if tk.text[k].lower() in ("in", "im") and not d.in_mark[k]:
            m = np_forward(tk, k + 1, v)
            if m is not None and speech_or_intent(d, m):  # also "in einer Anweisung der Botschaft aufgefordert"
                return m
            j = k + 2 if tk.is_det(k + 1) else k + 1
            if j in d.openers and d.openers[j] < v and tk.cap[j + 1]:
                return Mention(k + 1, d.openers[j] + 1)  # a medium: "wurde im „Standard“ als … bezeichnet", "in der „Zeit“"
    return None


def agentless_passive(d: Document, v: int, lo: int, sent: Sentence) -> bool:
    """A passive cue without an agent ("Als Grund wurde die Nachfrage genannt", "Ihm wird Betrug vorgeworfen"):
    its subject is what was said, not who said it ("X wird zitiert" excepted: X is quoted)."""
    tk = d.tk
    if tk.lemma[v] == tk.text[v] or tk.lemma[v].lower() == "zitieren":
        return False  # an infinitive: "wird … sagen" is the future
    return any(tk.text[k] in PASSIVE_AUX and not d.in_mark[k] for k in range(lo, v))


def named_actor(d: Document, sent: Sentence) -> Mention | None:
    """The subject of ``sent`` when it names a person or organisation: a role, an organisation or a person named
    with a role elsewhere in the text (not a pronoun, not a thing)."""
    m = sentence_subject(d, sent)
    tk, lex = d.tk, d.lex
    if m is None or tk.text[m.start] in tk.pronouns:
        return None
    if not any(tk.cap[k] and (tk.text[k] in lex.roles or tk.text[k] in lex.organisations or tk.text[k] in d.names)
               for k in range(m.start, m.end)):
        return None
    return m


def speech_or_intent(d: Document, m: Mention) -> bool:
    """A noun of speech, intent or source in the phrase ("Forderung", "Beschluss", "Angaben")."""
    tk, lex = d.tk, d.lex
    return any(tk.cap[k] and (tk.text[k] in lex.intent or tk.text[k] in lex.speech_nouns or tk.text[k] in lex.source_nouns)
               for k in range(m.start, m.end))
