"""Complement clauses: where the claim after a speech verb ends, and the ", dass …" / ", ob …" / ", zu …"
clauses that are claims although their verb or noun is not in the speech-verb lexicon ("legten Wert darauf,
dass …", "die Forderung des Verbands, die Steuern zu senken").

A Konjunktiv clause after a noun of saying ("der Vorwurf der Opposition, er habe …") is the noun's content.

Not every such clause is a claim: a fact ("Klar ist, dass …", "sorgt dafür, dass …"), a denied statement
("wollte nicht bestätigen, dass …"), an open question in the indicative ("prüft, ob …") and a purpose clause
("um … zu") are none. Lexicons: intent_words.txt, content_nouns.txt, function_words.txt (fact_head, comment_relative,
dass_not_content, zu_not_content, question_word).
"""

from __future__ import annotations

from ..lexicons import load_lexicons
from ..speakers import Mention, np_backward, np_forward
from .document import PASSIVE_AUX, Cue, Document, Sentence, any_between
from .stance import copula_stance, stance_subject
from .subjects import noun_source, subject

_CLOSED = load_lexicons().closed
DASS_NOT_CONTENT = _CLOSED["dass_not_content"]  # "so, dass …", "ohne dass …": no content clause
ZU_NOT_CONTENT = _CLOSED["zu_not_content"]  # "um … zu", "ohne … zu": no content clause
OWNER_MARKS = ("des", "der", "von", "vom")  # "der Vorwurf der Opposition": the genitive or von-phrase names the owner
TRAILING_CLAUSE = _CLOSED["trailing_clause"]  # ", weil …" after a zu-claim still belongs to it
ZU_NOUN_NOT_CONTENT = _CLOSED["zu_noun_not_content"]  # "mit dem Ziel, … zu": the infinitive belongs to the noun
CAUSAL = ("weil", "da")


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
        if t in ("–", "—") and d.zu_infinitive(a, k):
            return k  # "…, ihre Häuser zu verlassen – die Hälfte davon in der Stadt": an aside of the narrator
        if t == "," and k + 1 < e and tk.text[k + 1] in ("und", "aber", "so", "wie", "doch", "jedoch", "sondern", "während") and k + 2 < e:
            if any(j in cue_starts for j in range(k + 1, k + 13)) and not indirect_question(d, k + 1, e):
                return k  # "…, doch UN-Sprecher Birnback erklärte, …": a new frame starts
        if t == "," and k + 1 in cue_starts:
            return k
        if t in (",", "und") and (d.narrator_verb(k + 1) or past_indicative(d, k + 1)) and (
                d.has_konjunktiv(a, k) or tk.text[a] in ("dass", "daß")):
            return k  # "…, er sei unschuldig, und weigerte sich …", "…, dass X anhalte, und warnte …": the narrator again
        if t == "," and k + 1 < e and tk.text[k + 1] == "denn" and not d.has_konjunktiv(k + 2, d.clause_end(k + 2, e)):
            return k  # "…, denn bisher gibt es …": a causal main clause in the indicative is the narrator's again
        if t == "," and k + 1 < e and not d.in_mark[k + 1]:
            nxt = tk.text[k + 1]
            if (nxt in d.comment_relatives and not d.has_konjunktiv(k + 2, d.clause_end(k + 2, e))
                    or nxt in d.auxiliaries and not d.is_konjunktiv(k + 1) and k > a + 2):
                return k  # "…, wobei …" comments on the claim; "…, dass X sei, wird nun …" the main clause follows
    return e


def indirect_question(d: Document, k: int, e: int) -> bool:
    """", wie der Sprecher behaupten konnte, der Bericht sei falsch": a wie-clause with a complement of its own is an
    indirect question inside the claim, not a closing frame (", wie der Sprecher sagte")."""
    return d.tk.text[k] == "wie" and complement_follows(d, k + 1, e)


def complement_follows(d: Document, i: int, e: int) -> bool:
    """The clause at ``i`` ends in a comma and a complement clause follows it: a dass clause or one in Konjunktiv I."""
    tk = d.tk
    end = d.clause_end(i, e)
    if end + 1 >= e or tk.text[end] != ",":
        return False
    a = end + 1
    return tk.text[a] in ("dass", "daß") or d.has_konjunktiv(a, d.clause_end(a, e), strong=True)


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
    freizumachen") or "sodass" / "so dass" (result: "verbreiteten Gerüchte, sodass Hetzjagden entstanden seien")
    is an adjunct of the cue verb, not what was said."""
    tk = d.tk
    first = tk.text[a].lower()
    return first in ZU_NOT_CONTENT or first == "sodass" or first == "so" and a + 1 < tk.n and tk.text[a + 1] == "dass"


def passive_reason(d: Document, v: int, a: int, b: int, sent: Sentence) -> bool:
    """"Er war zu zwei Jahren Haft verurteilt worden, weil er …": a causal clause in the indicative after a passive
    cue without an agent is the narrator's reason for the act, not what anyone said."""
    tk = d.tk
    if tk.text[a] not in CAUSAL or d.has_konjunktiv(a, b, hearsay=True):
        return False
    lo = d.clause_start(v, sent.start)
    clause = [tk.text[k].lower() for k in range(lo, d.clause_end(v, sent.end)) if not d.in_mark[k]]
    return any(t in PASSIVE_AUX or t == "war" for t in clause) and "von" not in clause and "vom" not in clause


def main_clause_after(d: Document, v: int, a: int, b: int, sent: Sentence) -> bool:
    """The cue closes an adverbial clause that opens the sentence ("Nachdem die Polizei informiert worden war, wurde
    …", "Sollte sich das bestätigen, geschieht es …") and the main clause's finite verb follows its comma: that clause
    is the narrator's, unless it is reported speech itself (Konjunktiv I) or the cue's zu-infinitive."""
    tk = d.tk
    lo = d.clause_start(v, sent.start)
    if lo >= v or not (tk.text[lo].lower() in d.lex.closed["adverbial_opener"]
                       or lo == sent.start and tk.text[lo] in d.lex.closed["conditional_opener"]):
        return False
    end = d.clause_end(a, b)
    return (d.is_auxiliary(a) or verbish_word(d, a)) and not d.has_konjunktiv(a, end, strong=True) and not d.zu_infinitive(a, end)


def verbish_word(d: Document, k: int) -> bool:
    """A lowercase word that is no article, preposition, adjective, adverb, conjunction or pronoun: mostly a verb."""
    tk = d.tk
    t = tk.text[k]
    return (tk.is_word(k) and not tk.cap[k] and not d.in_mark[k] and not t[:1].isdigit() and not tk.is_det(k)
            and t not in tk.prepositions and not tk.is_adjective(k) and t not in tk.adverbs and t not in tk.conj
            and t not in tk.pronouns and t not in d.relative and t not in d.subordinators)


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
    for k in d.commas_in(s + 1, e - 2):
        if tk.text[k + 1] not in ("dass", "daß", "ob"):
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


def noun_clauses(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """A Konjunktiv clause after a noun of saying or claiming is its content ("der Vorwurf der Opposition, der
    Minister habe gelogen, …", "Berichte, die Grenze sei geschlossen"): a claim of the noun's owner, else of the
    clause's subject ("Die Staatsanwaltschaft hegt den Verdacht, X habe …")."""
    tk = d.tk
    s, e = sent.start, sent.end
    covered = [c.region for c in cues if c.region]
    out = []
    for k in d.commas_in(s + 1, e - 2):
        if not any_between(d.content_nouns_at, s, k):
            continue  # content_noun's head would be none of its nouns
        lo = d.clause_start(k, s)
        found = content_noun(d, k, lo)
        if found is None:
            continue
        head, noun = found
        a = k + 1
        first = tk.text[a]
        if d.in_mark[a] or first in d.subordinators or any(x <= a < y for x, y in covered):
            continue
        if first in d.relative and not verb_second(d, a, e):
            continue  # "Berichte, die … vorliegen": a relative clause
        b = segment_end(d, a, e)
        if not d.has_konjunktiv(a, b):
            continue
        while b + 1 < e and tk.text[b] == "," and (tk.text[b + 1] in d.relative or d.has_konjunktiv(b + 1, segment_end(d, b + 1, e), hearsay=True)):
            b = segment_end(d, b + 1, e)  # "…, es handele sich um einen Antrag, mit dem man X zwingen wolle"
        v = d.clause_verb(lo, k)
        owner = any(tk.text[j] in OWNER_MARKS for j in range(noun.start + 1, noun.end))
        speaker = noun if owner else subject(d, v, sent) if v is not None else None
        if speaker is not None and not owner and speaker.start < noun.end and noun.start < speaker.end:
            speaker = np_backward(tk, v, lo)  # "Einige vertreten die Auffassung, …": not the object
            if speaker is not None and speaker.start > lo and tk.text[speaker.start - 1].lower() in tk.prepositions:
                speaker = None  # "Im Jahr 1993 wurde die Botschaft hinterlassen, …"
        if speaker is None:
            continue
        cue = Cue("verb", head, head + 1, lemma=tk.text[head], speaker=speaker, confidence=0.45, implicit=True)
        cue.region = (a, b)
        cue.region_kind = "indirect"
        out.append(cue)
    return out


def verb_second(d: Document, a: int, e: int) -> bool:
    """The clause at ``a`` opens with a noun phrase and its finite verb in Konjunktiv ("die Regierung könnte …"),
    not with a relative pronoun ("die … vorliegen")."""
    tk = d.tk
    m = np_forward(tk, a, e) if tk.text[a] in tk.articles else None
    return m is not None and m.end < e and (d.is_konjunktiv(m.end) or tk.text[m.end] in d.lex.hearsay)


def content_noun(d: Document, k: int, floor: int) -> tuple[int, Mention] | None:
    """The head and the noun phrase before the comma ``k`` when a noun of saying or claiming heads it ("der
    Vorwurf der Opposition", "Berichte von Reisenden"), else None. Read backwards over nouns, names, adjectives and
    genitive or von-phrases; the leftmost noun is the head."""
    tk, lex = d.tk, d.lex
    j = k - 1
    if j > floor and tk.text[j] in d.particles:
        j -= 1  # "liegt die Äußerung vor, er werde …": the particle of the clause's verb
    head = None
    start = end = j + 1
    while j >= floor and not d.in_mark[j] and tk.is_word(j):
        t = tk.text[j]
        if tk.cap[j] and tk.is_noun(j):
            head = start = j
        elif t in OWNER_MARKS and head is not None and j > floor and tk.is_noun(j - 1) and tk.text[j - 1].lower() not in tk.prepositions:
            start = j  # "der Vorwurf der Opposition": the head comes before the genitive
        elif tk.is_det(j) or not tk.cap[j] and tk.is_adjective(j) and t not in tk.prepositions and t not in tk.adverbs:
            start = j
            if tk.is_det(j):
                break
        else:
            break
        j -= 1
    if head is None:
        return None
    t = tk.text[head]
    if t in lex.content_nouns or t in lex.stance_nouns or t in lex.speech_nouns or t in lex.intent:
        return head, Mention(start, end)
    return None


def segment_end(d: Document, a: int, e: int) -> int:
    """The next comma, colon, semicolon or sentence end outside quotation marks (a quotation inside the clause
    does not end it, as in ``clause_end``)."""
    tk = d.tk
    for k in range(a, e):
        if not d.in_mark[k] and tk.text[k] in (",", ":", ";", ".", "!", "?"):
            return k
    return e


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


def intent_verb(d: Document, j: int) -> bool:
    """A verb of intent or speech at ``j`` (lowercase word): its lemma, its listed irregular form, or the infinitive
    of a weak participle or past form the lookup lemmatizer leaves alone ("vereinbart", "überlegten")."""
    tk, lex = d.tk, d.lex
    t = tk.text[j]
    lemma = lex.verb_forms.get(t, tk.lemma[j].lower())
    if lemma in lex.intent or lemma in lex.speech_verbs or t in lex.intent:  # "einigen" (lemmatized "einig")
        return True
    return any(f in lex.intent or f in lex.speech_verbs for f in weak_infinitives(t))


def attribute_of_noun(d: Document, lo: int, k: int) -> bool:
    """The noun phrase right before the comma ``k`` (with its genitive) is headed by a noun that takes the zu-infinitive
    as its own attribute ("plant ein Gesetz mit dem Ziel, … zu stärken", "der Versuch der Regierung, … zu führen",
    "bekannt für sein Geschick, … zu erkämpfen"; function_words.txt zu_noun_not_content): no statement."""
    tk = d.tk
    j = k - 1
    while j >= lo and not d.in_mark[j] and tk.is_word(j) and (tk.cap[j] or tk.is_det(j) or tk.is_adjective(j)):
        if tk.text[j] in ZU_NOUN_NOT_CONTENT:
            return True
        j -= 1
    return False


def separated_intent_verb(d: Document, v: int, k: int) -> bool:
    """The clause verb at ``v`` and its separated particle right before the comma ``k`` make a verb of intent or
    speech ("Die Staaten denken darüber nach, …", "gab vor, … zu wollen"): the zu-clause is its complement."""
    tk, lex = d.tk, d.lex
    particle = tk.text[k - 1]
    if k - 1 <= v or particle not in d.particles:
        return False
    joined = particle + lex.verb_forms.get(tk.text[v], tk.lemma[v].lower())
    return joined in lex.intent or joined in lex.speech_verbs


def judged_infinitive(d: Document, v: int, lo: int, k: int) -> bool:
    """A verb of judging with the correlative "es" and its predicate ("sieht es als seine Aufgabe an, …", "hielten es
    für sinnvoll, …"; stance_verbs.txt "verb<TAB>prepositions"): the zu-infinitive is what the subject holds."""
    tk = d.tk
    preps = d.lex.stance_predicates.get(d.lex.verb_forms.get(tk.text[v], tk.lemma[v].lower()))
    if not preps:
        return False
    words = [tk.text[j].lower() for j in range(lo, k) if not d.in_mark[j]]
    return "es" in words and any(p in words for p in preps)


def weak_infinitives(t: str) -> list[str]:
    """Infinitives a weak verb form may come from: "vereinbart" -> vereinbaren, "überlegten" -> überlegen,
    "aufgefordert" -> aufforderen/auffordern (prefix "ge" dropped after a particle)."""
    for ending in ("ten", "te", "t"):
        if t.endswith(ending) and len(t) > len(ending) + 3:
            stem = t[: -len(ending)]
            break
    else:
        return []
    stems = [stem]
    k = stem.find("ge", 0, 6)
    if k >= 0 and len(stem) - k > 4:
        stems.append(stem[:k] + stem[k + 2 :])
    return [x + "en" for x in stems] + [x + "n" for x in stems if x.endswith(("er", "el"))]


def zu_clauses(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """", zu-Infinitiv" complements of verbs and nouns of intent and speech outside the lexicon ("beschloss,
    …zu reduzieren", "die Forderung, … zuzugehen"); purpose clauses ("um … zu") are no claims."""
    tk = d.tk
    s, e = sent.start, sent.end
    covered = [c.region for c in cues if c.region]
    out = []
    k = s + 1
    for comma in d.commas_in(s + 1, e - 2):
        if comma < k:
            continue  # inside the claim just found
        k = comma
        if k + 1 in d.openers:
            continue
        a = k + 1
        first = tk.text[a].lower()
        if first in ZU_NOT_CONTENT or first in d.subordinators or (first in d.relative and first not in tk.articles) or any(x <= a < y for x, y in covered):
            continue
        b = segment_end(d, a, e)  # a quotation inside the clause does not end it ("… „alle Truppen“ abzuziehen")
        if not d.zu_infinitive(a, b):
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
            tk.cap[j] and tk.text[j] in d.lex.intent or not tk.cap[j] and intent_verb(d, j))]
        if not heads and v is not None and (separated_intent_verb(d, v, k) or judged_infinitive(d, v, lo, k)):
            heads = [v]
        if not heads or v is not None and d.negated(v, sent) or attribute_of_noun(d, lo, k):
            k = b
            continue  # "haben sich nicht darauf geeinigt, … zu stellen", "mit dem Ziel, … zu stärken": no claim
        pos = v if v is not None else heads[0]
        cue = Cue("verb", pos, pos + 1, lemma=tk.lemma[pos], confidence=0.4, implicit=True)
        cue.speaker = noun_source(d, k, sent) or (subject(d, v, sent) if v is not None else None)
        cue.region = (a, b)
        cue.region_kind = "indirect"
        out.append(cue)
        k = b
    if not out and not covered:
        out = zu_clause_without_comma(d, sent)
    return out


def zu_clause_without_comma(d: Document, sent: Sentence) -> list[Cue]:
    """A sentence that ends in a zu-infinitive after a verb of intent or speech without the comma ("Die Firma hat
    angekündigt die Preise zu erhöhen", "Sie bietet an den Lohn zu erhöhen"; the comma is optional there): the
    infinitive clause is the subject's claim, as after a comma."""
    tk = d.tk
    s, e = d.trim(sent.start, sent.end)
    if not d.zu_infinitive(s, e) or any(tk.text[k] in (",", ";", ":") and not d.in_mark[k] for k in range(s, e)):
        return []
    for j in range(s + 1, e - 3):
        if tk.cap[j] or d.in_mark[j] or not (intent_verb(d, j) or tk.text[j] in d.particles):
            continue
        nxt = tk.text[j + 1].lower()
        if not tk.is_word(j + 1) or nxt in ZU_NOT_CONTENT or nxt == "zu":
            continue
        v = d.clause_verb(s, j + 1)
        if tk.text[j] in d.particles and not (v is not None and separated_intent_verb(d, v, j + 1)):
            continue
        speaker = subject(d, v, sent) if v is not None else None
        if speaker is None:
            return []
        pos = v if tk.text[j] in d.particles else j
        cue = Cue("verb", pos, pos + 1, lemma=tk.lemma[pos], speaker=speaker, confidence=0.4, implicit=True)
        cue.region = (j + 1, e)
        cue.region_kind = "indirect"
        return [cue]
    return []
