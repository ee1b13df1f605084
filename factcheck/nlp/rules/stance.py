"""Stances and reported speech acts: sentences that are claims without a content clause.

- a reporting verb with its subject ("Die Gewerkschaft kündigte einen Warnstreik an", speech_verbs.txt
  flagged ``reported``) makes its whole sentence a reported claim, unless a naming verb has a quoted label
  ("bezeichnete den Plan als „Chaos“": the label is the claim; naming_verbs.txt) or the clause states no
  content ("gab Einzelheiten bekannt", "berichtete über die Proteste", "Als X bezeichnet man …"; content_free.txt);
- a stance verb in the main clause ("Der Wetterdienst warnt vor Sturm", "Kritiker befürchten …", with its
  predicate "Analysten halten den Preis für zu hoch"; stance_verbs.txt) does the same when its subject is a speaker,
  not a thing;
- a wie-clause that names something ("wie er genannt wird") is no speech event at all;
- a copula and a stance noun ("X ist der Ansicht, dass …"; stance_nouns.txt) head the subject's dass-clause.
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicons import read_lines
from ..speakers import Mention, np_forward
from .document import Cue, Document, Sentence
from .main_clause import speaker_like
from .subjects import CLAIM_PRONOUNS, subject, subject_with_apposition

CONTENT_FREE: dict[str, set[str]] = {}
for _line in read_lines("content_free.txt"):
    _cls, _, _word = _line.partition("\t")
    CONTENT_FREE.setdefault(_cls, set()).add(_word)


def reported_act(d: Document, cue: Cue, sent: Sentence, lo: int) -> None:
    """A reporting verb that framed no complement: its sentence is the claim when the verb's subject opens the
    clause (``lo``, the clause start) or the sentence with only an apposition or a relative clause between them."""
    if cue.lemma in d.lex.reporting_verbs and cue.speaker is not None and (
            lo == sent.start or subject_with_apposition(d, cue.speaker, cue.start, sent)
            or subject_with_relative(d, cue.speaker, lo, sent)) and not names_quoted_label(d, cue, sent) \
            and not states_no_content(d, cue, sent) and not pronoun_content(d, cue, sent):
        cue.region = (sent.start, sent.end)
        cue.region_kind = "reported"
        cue.confidence = 0.5


def pronoun_content(d: Document, cue: Cue, sent: Sentence) -> bool:
    """"Der Minister hatte dies am Montag bekannt gegeben": a demonstrative object takes up what was said before;
    the sentence itself says nothing new (a demonstrative before a noun is its article: "das Ende der Blockade")."""
    tk = d.tk
    m = cue.speaker
    for k in range(d.clause_start(cue.start, sent.start), d.clause_end(cue.start, sent.end)):
        if tk.text[k] in CLAIM_PRONOUNS and not d.in_mark[k] and not m.start <= k < m.end and k + 1 < sent.end and not (
                tk.cap[k + 1] or tk.is_adjective(k + 1) or tk.text[k + 1][:1].isdigit()):
            return True
    return False


def subject_with_relative(d: Document, m: Mention, lo: int, sent: Sentence) -> bool:
    """"Die Geschäftsführung, die ihre Verluste noch beziffert, spricht von …", "Die Regierungspartei, die Hamas,
    bezeichnete …": the subject opens the sentence and one clause in commas after it, opened by a relative pronoun
    (a relative clause, or an apposition with an article), stands before the verb's clause ``lo``."""
    tk = d.tk
    k = m.end
    if m.start > d.trim(sent.start, sent.end)[0] or k + 2 >= lo or tk.text[k] != "," or tk.text[lo - 1] != ",":
        return False
    first = k + 2 if tk.text[k + 1] in tk.prepositions else k + 1  # ", mit der …"
    return tk.text[first] in d.relative_pronouns and not any(
        tk.text[j] in (",", ":", ";") and not d.in_mark[j] for j in range(k + 1, lo - 1))


def states_no_content(d: Document, cue: Cue, sent: Sentence) -> bool:
    """The reporting verb's clause tells that something was said, not what (content_free.txt):
    - an announcing verb with an information noun as object, and no "als" predicate ("Die Polizei gab Einzelheiten
      bekannt", "teilte ihre Erkenntnisse mit"; but "nannte die Zahlen „geschönt“" is handled as a label);
    - "fordern" with a toll of victims ("Das Unglück forderte 30 Todesopfer"): no demand;
    - "berichten" with a topic only ("berichtete über die Proteste"), not "von" what happened ("von 40 Toten"), and
      "ausgehen" without "von" ("die Lichter gingen aus"): content_free.txt von_verb;
    - a naming verb with the generic "man" or reflexive "sich" ("Als Lichtjahr bezeichnet man …", "wie er sich
      nennt"): a definition or a name, not a claim."""
    tk = d.tk
    m = cue.speaker
    clause = [k for k in range(d.clause_start(cue.start, sent.start), d.clause_end(cue.start, sent.end)) if not d.in_mark[k]]
    words = {tk.text[k] for k in clause if not m.start <= k < m.end}
    lemma = cue.lemma
    # the information noun may be the subject the verb's speaker was read from: "Die Details wurden bekanntgegeben"
    if lemma in CONTENT_FREE["information_verb"] and {tk.text[k] for k in clause} & CONTENT_FREE["information"] and not any(
            tk.text[k].lower() == "als" for k in clause):
        return True
    if lemma == "fordern" and words & CONTENT_FREE["casualty"]:
        return True
    if lemma in CONTENT_FREE["von_verb"] and not words & {"von", "vom", "Von", "Vom", "davon"}:
        return True
    return lemma in d.lex.naming_verbs and ("man" in words or "sich" in words and lemma != "sprechen")  # "sprach sich … aus"


def naming_aside(d: Document, cue: Cue, sent: Sentence) -> bool:
    """"„Uncle Ted“, wie der Senator genannt wurde, …", "wie er sich selbst nannte", "wie man sagt": a wie-clause that
    names something or repeats what "man" says is an aside of the narrator, no speech event (the cue is dropped)."""
    if cue.kind != "verb":
        return False
    tk = d.tk
    lo = d.clause_start(cue.start, sent.start)
    if tk.text[lo].lower() != "wie" or d.in_mark[lo]:
        return False
    return (cue.lemma in d.lex.naming_verbs and cue.lemma != "sprechen") or "man" in tk.text[lo + 1 : cue.start]


def names_quoted_label(d: Document, cue: Cue, sent: Sentence) -> bool:
    """"X bezeichnete die Reform als „Chaos“" / "sprach von einem „Skandal“": a naming verb with a quoted label
    makes the label the claim, not the whole sentence."""
    return cue.lemma in d.lex.naming_verbs and bool(sent.marks)


def stance_cues(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """"Der Wetterdienst warnt vor Sturm", "Kritiker befürchten …": a sentence that frames no claim otherwise is
    one reported claim when the finite verb of its main clause is a stance verb (stance_verbs.txt) and its
    subject a speaker, not a thing ("Das Gerät warnt vor Frost")."""
    if any(c.region or c.direct_after for c in cues):
        return []
    s, e = sent.start, sent.end
    starts = d.stance_starts
    for v in starts[bisect_left(starts, s) : bisect_left(starts, e)]:  # no stance verb at any other token
        lem = d.verb_lemma(v, sent, d.lex.stance_verbs)
        if lem is None or d.clause_start(v, s) != s or not judging_predicate(d, lem, v, sent):
            continue
        # "Die Botschaft hat vor Angriffen gewarnt": a perfect or modal stance clause was no claim more often
        if d.negated(v, sent) or not stance_clause(d, v, sent) or d.has_auxiliary(v, sent):
            return []
        speaker = subject(d, v, sent)
        if speaker is None or not speaker_like(d, speaker):
            return []
        cue = Cue("verb", v, v + 1, lemma=lem, speaker=speaker, confidence=0.45)
        cue.region = (s, e)
        cue.region_kind = "reported"
        return [cue]
    return []


def judging_predicate(d: Document, lem: str, v: int, sent: Sentence) -> bool:
    """A verb of judging is a stance only with its predicative complement (stance_verbs.txt "verb<TAB>prepositions"):
    "Analysten halten den Preis für wahrscheinlich", "Experten sehen in dem Referendum einen ersten Schritt"; not a
    separable verb ("Er hält sich für Gespräche in Paris auf")."""
    preps = d.lex.stance_predicates.get(lem)
    if preps is None:
        return True
    tk = d.tk
    end = d.clause_end(v, sent.end)
    while end in d.openers:  # a quoted predicate does not end the clause ("hält X für „böse und gefährlich“")
        end = d.clause_end(d.openers[end] + 1, sent.end)
    if v + 1 >= end or tk.text[end - 1] in d.particles:
        return False
    return any(tk.text[k] in preps and not d.in_mark[k] for k in range(v + 1, end))


def stance_clause(d: Document, v: int, sent: Sentence) -> bool:
    """The stance verb heads a main clause that states its own claim: not a subordinate clause first
    ("Dass die Partei … ablehnt, ist …") and no demonstrative taking up an earlier claim ("Dies bestätigte X")."""
    tk = d.tk
    lo, hi = d.trim(sent.start, d.clause_end(v, sent.end))
    if tk.text[lo].lower() in d.subordinators:
        return False
    return not any(tk.text[k].lower() in CLAIM_PRONOUNS and not d.in_mark[k] for k in range(lo, hi))


def copula_stance(d: Document, lo: int, k: int) -> int | None:
    """"X ist der Ansicht, dass …": a copula and a genitive stance noun right before the comma head the
    subject's claim (the noun is no source of its own, and the copula no fact head). The copula, or None."""
    tk = d.tk
    if k - lo < 3 or tk.text[k - 1] not in d.lex.stance_nouns:
        return None
    art = k - 3 if tk.is_adjective(k - 2) else k - 2  # "der festen Überzeugung"
    if art <= lo or tk.text[art] != "der":
        return None
    return next((j for j in range(lo, art) if tk.lemma[j] == "sein" or tk.text[j] in d.fact_heads), None)


def stance_subject(d: Document, lo: int, cop: int, v: int, sent: Sentence) -> Mention | None:
    """Subject of "X ist der Ansicht": the noun phrase right before the copula, after the last comma ("Zwar
    sind viele zufrieden, 37 Prozent sind jedoch der Auffassung"), else the subject of the clause verb without
    the stance noun ("Dabei ist der Minister der Meinung")."""
    tk = d.tk
    start = max((j + 1 for j in range(lo, cop) if tk.text[j] == ","), default=lo)
    number = tk.text[start][:1].isdigit()  # "37 Prozent"
    m = np_forward(tk, start + number, cop)
    if m is not None and m.end == cop:
        return Mention(start, m.end)
    m = subject(d, v, sent)
    if m is not None and tk.text[m.end - 1] in d.lex.stance_nouns:
        art = max((j for j in range(m.start, m.end) if tk.text[j] == "der"), default=m.start)
        m = Mention(m.start, art) if art > m.start else None
    return m
