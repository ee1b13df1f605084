"""Complement clauses: where the claim after a speech verb ends, and the ", dass …" / ", ob …" / ", zu …"
clauses that are claims although their verb or noun is not in the speech-verb lexicon ("legten Wert darauf,
dass …", "die Forderung des Verbands, die Steuern zu senken").

Not every such clause is a claim: a fact ("Klar ist, dass …", "sorgt dafür, dass …"), a denied statement
("wollte nicht bestätigen, dass …"), an open question in the indicative ("prüft, ob …") and a purpose clause
("um … zu") are none. Lexicons: intent_words.txt, function_words.txt (fact_head, comment_relative,
dass_not_content, zu_not_content, question_word).
"""

from __future__ import annotations

from ..lexicons import load_lexicons
from .document import Cue, Document, Sentence
from .stance import copula_stance, stance_subject
from .subjects import noun_source, subject

_CLOSED = load_lexicons().closed
DASS_NOT_CONTENT = _CLOSED["dass_not_content"]  # "so, dass …", "ohne dass …": no content clause
ZU_NOT_CONTENT = _CLOSED["zu_not_content"]  # "um … zu", "ohne … zu": no content clause
TRAILING_CLAUSE = _CLOSED["trailing_clause"]  # ", weil …" after a zu-claim still belongs to it


def complement_end(d: Document, a: int, sent: Sentence, cues: list[Cue]) -> int:
    """End of the complement clause starting at ``a``: the end of the sentence, unless a colon or semicolon, a new
    frame, a main clause of the narrator or a comment on the claim comes first."""
    tk = d.tk
    e = sent.end
    cue_starts = {c.start for c in cues}
    for k in range(a, e):
        if d.in_mark[k]:
            continue
        t = tk.text[k]
        if t in (":", ";"):
            return k
        if t == "," and k + 1 < e and tk.text[k + 1] in ("und", "aber", "so", "wie", "doch", "sondern", "während") and k + 2 < e:
            if any(j in cue_starts for j in range(k + 1, k + 13)):
                return k  # "…, doch UN-Sprecher Birnback erklärte, …": a new frame starts
        if t == "," and k + 1 in cue_starts:
            return k
        if t in (",", "und") and (d.narrator_verb(k + 1) or past_indicative(d, k + 1)) and d.has_konjunktiv(a, k):
            return k  # "…, er sei unschuldig, und weigerte sich …": an indicative past verb resumes the narrator
        if t == "," and k + 1 < e and tk.text[k + 1] == "denn" and not d.has_konjunktiv(k + 2, d.clause_end(k + 2, e)):
            return k  # "…, denn bisher gibt es …": a causal main clause in the indicative is the narrator's again
        if t == "," and k + 1 < e and not d.in_mark[k + 1]:
            nxt = tk.text[k + 1]
            if (nxt in d.comment_relatives and not d.has_konjunktiv(k + 2, d.clause_end(k + 2, e))
                    or nxt in d.auxiliaries and not d.is_konjunktiv(k + 1) and k > a + 2):
                return k  # "…, wobei …" comments on the claim; "…, dass X sei, wird nun …" the main clause follows
    return e


def past_indicative(d: Document, k: int) -> bool:
    """A finite verb in the indicative past that the -te test of ``narrator_verb`` misses: a strong verb
    ("verglich", "wies", "ging") or a weak one the lemmatizer reads as a participle ("erkannte" -> "erkannt"),
    followed by a lowercase word (its object or particle), as a verb-first narrator clause has it."""
    tk = d.tk
    if k + 1 >= tk.n or d.in_mark[k] or tk.cap[k] or not tk.is_word(k) or not tk.is_word(k + 1) or tk.cap[k + 1]:
        return False
    t, lem = tk.text[k], tk.lemma[k]
    if t in d.lex.konjunktiv or t in d.lex.hearsay or d.is_konjunktiv(k) or t in tk.adverbs or t in d.closed_words:
        return False
    strong = lem != t and lem.endswith("en") and lem.islower() and not t.endswith(("en", "e", "t", "st"))
    weak = t.endswith("te") and lem == t[:-1]
    return strong or weak


def open_question(d: Document, a: int, b: int) -> bool:
    """An indirect question in the indicative is a question still open or a fact ("prüft, ob … eingeleitet
    werden kann", "berichtet, wie …"), not a reported claim; in Konjunktiv it reports one ("fragte, ob er
    gelogen habe")."""
    return d.tk.text[a] in d.question_words and not d.has_konjunktiv(a, b)


def adverbial_clause(d: Document, a: int) -> bool:
    """A clause opened by "um", "ohne", "statt" (purpose or manner: "forderten den Rücktritt, um …
    freizumachen") is an adjunct of the cue verb, not what was said."""
    return d.tk.text[a].lower() in ZU_NOT_CONTENT


def embedded_relative(d: Document, v: int, a: int, sent: Sentence) -> bool:
    """The cue closes a relative clause inside the subject and the main clause's verb follows its comma
    ("Ein Beamter, den die Zeitung zitiert, kommentierte, …"): what follows is not the cue's claim."""
    tk = d.tk
    lo = d.clause_start(v, sent.start)
    if lo >= v or lo - 1 <= sent.start or tk.text[lo - 1] != ",":
        return False
    first = lo + 1 if tk.text[lo] in tk.prepositions and lo + 1 < v else lo
    if tk.text[first] not in d.relative_pronouns:
        return False
    t = tk.text[a]
    return (a < sent.end and tk.is_word(a) and not tk.cap[a] and not d.in_mark[a] and not tk.is_det(a)
            and t not in d.relative and t not in d.subordinators and t not in tk.pronouns)


def dass_clauses(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """", dass …" / ", ob …" complements of verbs outside the lexicon ("legten Wert darauf, dass …"), when the
    clause names someone who holds them."""
    tk = d.tk
    s, e = sent.start, sent.end
    covered = [c.region for c in cues if c.region]
    out = []
    for k in range(s + 1, e - 2):
        if tk.text[k] != "," or d.in_mark[k] or tk.text[k + 1] not in ("dass", "daß", "ob"):
            continue
        if tk.text[k - 1] in DASS_NOT_CONTENT or any(a <= k + 1 < b for a, b in covered):
            continue
        lo = before_parenthesis(d, d.clause_start(k, s), k, s)
        if lo > s and tk.text[lo - 1] != ",":
            continue
        v = d.clause_verb(lo, k)
        if v is None or tk.text[v] in d.relative:
            continue
        stance = copula_stance(d, lo, k)
        if stance is None and any(tk.text[j] in d.fact_heads for j in range(lo, k)):
            continue  # "Klar ist, dass …", "sorgt dafür, dass …": a fact, not a claim
        if negated_head(d, max(lo, k - 3), k):
            continue  # "wollte nicht bestätigen, dass …": a denied statement is no claim
        end = complement_end(d, k + 1, sent, cues)
        if open_question(d, k + 1, end):
            continue
        cue = Cue("verb", v, v + 1, lemma=tk.lemma[v], confidence=0.45, implicit=True)
        cue.speaker = stance_subject(d, lo, stance, v, sent) if stance is not None else (
            noun_source(d, k, sent) or subject(d, v, sent))
        if cue.speaker is None:
            continue  # "Im Vergleich zum Vorjahr fällt auf, dass …": nobody says it; an observation, not a claim
        cue.region = (k + 1, end)
        cue.region_kind = "indirect"
        out.append(cue)
    return out


def before_parenthesis(d: Document, lo: int, k: int, s: int) -> int:
    """A clause start inside a closed parenthesis ("Der Verband (DVM) ist der Ansicht, dass …") is the start
    of the clause around it."""
    tk = d.tk
    if lo > s and tk.text[lo - 1] == "(" and any(tk.text[j] == ")" for j in range(lo, k)):
        return d.clause_start(lo - 1, s)
    return lo


def negated_head(d: Document, a: int, k: int) -> bool:
    """Negation right before the comma of ", dass" ("konnte nicht glaubhaft machen, dass …"); "schloss nicht
    aus, dass …" (not ruled out) is a claim all the same."""
    tk = d.tk
    words = [tk.text[j] for j in range(a, k) if not d.in_mark[j]]
    return any(w in d.negation for w in words) and not any(w.startswith("aus") for w in words)


def zu_clauses(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """", zu-Infinitiv" complements of verbs and nouns of intent and speech outside the lexicon ("beschloss,
    …zu reduzieren", "die Forderung, … zuzugehen"); purpose clauses ("um … zu") are no claims."""
    tk = d.tk
    s, e = sent.start, sent.end
    covered = [c.region for c in cues if c.region]
    out = []
    k = s + 1
    while k < e - 2:
        if tk.text[k] != "," or d.in_mark[k] or k + 1 in d.openers:
            k += 1
            continue
        a = k + 1
        first = tk.text[a].lower()
        if first in ZU_NOT_CONTENT or first in d.subordinators or (first in d.relative and first not in tk.articles) or any(x <= a < y for x, y in covered):
            k += 1
            continue
        b = d.clause_end(a, e)
        if not d.zu_infinitive(a, b):
            k += 1
            continue
        # a chain of infinitive clauses ("…zu verstärken, mit … fertigzuwerden")
        while b < e and tk.text[b] == "," and b + 1 < e and tk.text[b + 1].lower() not in ZU_NOT_CONTENT:
            b2 = d.clause_end(b + 1, e)
            if not d.zu_infinitive(b + 1, b2):
                break
            b = b2
        while b + 1 < e and tk.text[b] == "," and tk.text[b + 1] in TRAILING_CLAUSE:
            b = d.clause_end(b + 2, e)  # "…, … zu beteiligen, weil die Mission überfordert sei"
        lo = d.clause_start(k, s)
        v = d.clause_verb(lo, k)
        if v is not None and tk.text[v] in d.relative:
            v = None
        heads = [j for j in range(lo, k) if not d.in_mark[j] and (
            tk.cap[j] and tk.text[j] in d.lex.intent
            or not tk.cap[j] and (tk.lemma[j].lower() in d.lex.intent or d.lex.verb_forms.get(tk.text[j], tk.lemma[j].lower()) in d.lex.speech_verbs))]
        if not heads or v is not None and d.negated(v, sent):
            k = b
            continue  # "haben sich nicht darauf geeinigt, … zu stellen": no claim
        pos = v if v is not None else heads[0]
        cue = Cue("verb", pos, pos + 1, lemma=tk.lemma[pos], confidence=0.4, implicit=True)
        cue.speaker = noun_source(d, k, sent) or (subject(d, v, sent) if v is not None else None)
        cue.region = (a, b)
        cue.region_kind = "indirect"
        out.append(cue)
        k = b
    return out
