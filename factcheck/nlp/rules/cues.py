"""Speech-verb cues and what they frame.

``find_cues`` scans a sentence for source frames (frames.py) and for speech verbs from the lexicon (lemma via
the lookup lemmatizer, separable verbs re-joined: "teilte ... mit" -> mitteilen; negated verbs left out).
``frame_cue`` finds a cue's speaker and claim:
- a closing frame ("…, sagte X (mit).") frames the clause before it, or the quotation that opens the sentence;
- a wie-frame ("Wie X mitteilte, …" / "…, wie X sagte.") frames the rest of the sentence;
- a colon or a quotation after the verb ("X sagte: „…“") frames a direct quotation;
- a complement clause after the comma ("sagte, dass …", "sagte, er sei …", "forderte, … zu …") is the claim
  (complements.py says where it ends);
- otherwise a reporting verb with its subject makes the sentence a reported claim (stance.py).
Lexicons: speech_verbs.txt, verb_forms.txt, function_words.txt (say_core, particle, negation).
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicons import load_lexicons
from ..speakers import np_forward
from .complements import (adverbial_clause, complement_end, complement_follows, embedded_relative, main_clause_after,
                          open_question, passive_reason, segment_end)
from .document import Cue, Document, Sentence
from .frames import document_mention, frame, frame_at, heisst_source, quote_opens
from .stance import reported_act
from .main_clause import ADDRESSEE_ARTICLES, past_addressee
from .subjects import OBJECT_ARTICLES, apposition, passive_agent, quoted_name, quoted_person, sentence_subject, subject
from .titles import ends_sentence, looks_like_name

SAY_CORE = load_lexicons().closed["say_core"]  # verbs whose indicative complement ("sagte er, die Lage ist ernst") is a claim
SHORT_NAME_TOKENS = 3  # a quotation this short after the cue verb and before a comma is a name: "meldete „Golem“, …"


def find_cues(d: Document, sent: Sentence) -> list[Cue]:
    """The source frames and speech verbs of ``sent``, in order (their speakers and claims not yet found)."""
    cues: list[Cue] = []
    starts = d.cue_starts
    j = bisect_left(starts, sent.start)
    i = sent.start
    while j < len(starts) and starts[j] < sent.end:
        if starts[j] < i:
            j += 1
            continue
        # past tokens where neither frame_at nor verb_lemma can find anything (the same cues)
        cue, i = cue_at(d, sent, starts[j])
        if cue is not None:
            cues.append(cue)
    return cues


def cue_at(d: Document, sent: Sentence, i: int) -> tuple[Cue | None, int]:
    """The source frame or speech verb at token ``i``, if any, and the token to go on from."""
    framed = frame_at(d, sent, i)
    if framed is not None:
        return framed
    lem = d.verb_lemma(i, sent)
    if lem and not d.negated(i, sent) and not attributive_participle(d, i, sent):
        return Cue("verb", i, i + 1, lemma=lem), i + 1
    return None, i + 1


def attributive_participle(d: Document, i: int, sent: Sentence) -> bool:
    """A participle inflected before its noun inside a phrase ("in einer gestern veröffentlichten Erklärung",
    "nach verbreiteten Illusionen") describes the noun; it is no cue and its phrase no speaker. An article or a
    preposition (past adverbs) before it and a capitalised word (past adjectives) after it; a finite verb has
    its subject or a conjunction before it ("Die Minister erklärten Journalisten")."""
    tk = d.tk
    if not tk.text[i].endswith(("ten", "tem", "ter", "tes", "nen", "nem", "ner", "nes")):
        return False
    k = i - 1
    while k >= sent.start and tk.text[k] in tk.adverbs and not d.in_mark[k]:
        k -= 1
    if k < sent.start or d.in_mark[k] or not (tk.text[k] in tk.articles or tk.text[k] in tk.prepositions):
        return False
    j = i + 1
    while j < sent.end and tk.is_adjective(j) and not d.in_mark[j]:
        j += 1
    return j < sent.end and tk.cap[j] and tk.is_word(j) and not d.in_mark[j]


def frame_cue(d: Document, cue: Cue, sent: Sentence, cues: list[Cue]) -> None:
    """Find the speaker and the framed claim of one cue (``cues``: all cues of the sentence)."""
    if cue.kind in ("verb", "heisst"):
        frame_verb(d, cue, sent, cues)
    else:
        frame(d, cue, sent, cues)


def frame_verb(d: Document, cue: Cue, sent: Sentence, cues: list[Cue]) -> None:
    tk = d.tk
    s, e = sent.start, sent.end
    v = cue.start
    if cue.kind == "heisst":
        cue.speaker = document_mention(d, sent, v) or heisst_source(d, v, sent)
    # "…, sagte X (mit)." : the claim precedes the cue
    pre = v - 1
    while pre > s and tk.text[pre].isspace():
        pre -= 1  # "„…“,      schrieb X"
    if pre > s and tk.text[pre] == "," and not d.in_mark[pre] and is_post_frame(d, cue, v, sent):
        if pre - 1 in d.closers and quote_opens(d, pre - 1, sent):
            cue.direct_after = True
            cue.confidence = 0.9
            return
        cue.region = (s, pre)
        cue.region_kind = "indirect" if d.has_konjunktiv(s, pre) else "reported"
        cue.confidence = 0.75
        return
    # "Wie X mitteilte, …" / "…, wie X sagte."
    lo = d.clause_start(v, s)
    if lo + 1 < v and tk.text[lo].lower() in tk.conj and tk.text[lo + 1] == "wie" and not d.in_mark[lo + 1]:
        lo += 1  # "Denn wie die Zeitung berichtete, …"
    if tk.text[lo].lower() != "wie" and cue.kind == "verb" and (v + 1 >= e or tk.text[v + 1] in (",", ".", ";")):
        # "Wie Steve Marshall, Sprecher der UN, in Bangkok mitteilte, …": an apposition inside the wie-clause
        for k in range(lo - 1, max(s, v - 30) - 1, -1):
            if tk.text[k].lower() == "wie" and (k == s or tk.text[k - 1] == ",") and not d.in_mark[k]:
                lo = k
                break
    if tk.text[lo].lower() == "wie" and cue.kind == "verb" and not (lo > s and own_complement(d, v, sent)):
        wie_frame(d, cue, sent, lo)
        return
    if cue.kind == "verb":
        cue.speaker = subject(d, v, sent)
    end = past_parenthesis(d, v + 1, d.clause_end(v + 1, e), e)
    while end < e and end in d.openers and d.openers[end] + 1 < e and (tk.text[d.openers[end] + 1] == "," and (
            looks_like_name(d, end, d.openers[end]) or d.openers[end] - end <= SHORT_NAME_TOKENS)
            or looks_like_name(d, end, d.openers[end]) and not ends_sentence(d, d.openers[end])):
        end = d.clause_end(d.openers[end] + 1, e)  # "meldete die Nachrichtensite „Golem“, …", "forderte die „Krone Montezumas“ zurück"
    if end < e and (tk.text[end] == ":" or end in d.openers):
        if cue.speaker is None:
            cue.speaker = sentence_subject(d, sent)
        if tk.text[end] == ":" and end + 1 < e and end + 1 not in d.openers and d.has_konjunktiv(end + 1, e, strong=True):
            cue.region = (end + 1, e)  # "kritisierte den Kurs: Es sei bedauerlich, …": reported speech, no quotation
            cue.region_kind = "indirect"
            cue.confidence = 0.7
            return
        cue.direct_after = True
        cue.confidence = 0.9
        return
    if end < e and tk.text[end] == "," and not (end + 1 < e and d.in_mark[end + 1] and end + 1 in d.openers and d.openers[end + 1] >= e - 2):
        a = after_apposition(d, cue, end, sent)
        b = complement_end(d, a, sent, cues)
        if complement_ok(d, cue, sent, v, end, a, b) and b - a >= 2:
            cue.region = (a, b)
            cue.region_kind = "indirect"
            cue.confidence = 0.75
            return
    if lo == v and pre > s and tk.text[pre] == "," and not d.in_mark[pre] and not main_clause_verb(d, s, pre):
        lo = s  # "In einem Bericht, der … vorgelegt wurde, fordert X …": the verb's clause, after its first place
    reported_act(d, cue, sent, lo)


def past_parenthesis(d: Document, a: int, end: int, e: int) -> int:
    """The clause end ``end`` after ``a``, or past the parenthesis it falls into ("für die Kräfte in Lateinamerika
    (Hugo Chávez, Evo Morales), die …": the comma inside the parenthesis ends no clause)."""
    tk = d.tk
    opened = next((k for k in range(end - 1, a - 1, -1) if tk.text[k] in ("(", ")") and not d.in_mark[k]), None)
    if opened is None or tk.text[opened] != "(":
        return end
    close = next((k for k in range(end, e) if tk.text[k] == ")" and not d.in_mark[k]), None)
    return end if close is None else d.clause_end(close + 1, e)


def after_apposition(d: Document, cue: Cue, comma: int, sent: Sentence) -> int:
    """Start of the complement after the cue's comma: past a noun phrase between commas that stands right after the
    speaker ("sagte der Sprecher, Jan Ott, dass …", "erklärte der Eigentümer, das Medienhaus X, die Lage sei …"),
    an apposition to the speaker, when a dass/ob clause or a Konjunktiv clause follows it."""
    tk = d.tk
    a, e = comma + 1, sent.end
    if cue.speaker is None or cue.speaker.end != comma:
        return a
    k = segment_end(d, a, e)
    if k + 2 >= e or tk.text[k] != "," or not apposition(d, a, k):
        return a
    nxt = k + 1
    if tk.text[nxt] in ("dass", "daß", "ob") or d.has_konjunktiv(nxt, d.clause_end(nxt, e)):
        return nxt
    return a


def complement_ok(d: Document, cue: Cue, sent: Sentence, v: int, comma: int, a: int, b: int) -> bool:
    """Tokens a..b after the cue's comma are what was said: a subordinate or Konjunktiv clause, an indicative
    clause right after a core verb of saying, a zu-infinitive; not an adverbial clause, an open question, a
    relative clause in the indicative or the main clause after a relative clause the cue closes."""
    tk = d.tk
    konjunktiv = d.has_konjunktiv(a, b) or quoted_konjunktiv(d, a, b)
    ok = a < b and not adverbial_clause(d, a) and not open_question(d, a, b) and not passive_reason(d, v, a, b, sent) and (
        tk.text[a] in d.subordinators
        or konjunktiv
        or cue.lemma in SAY_CORE and short_middle(d, v, comma, cue.speaker)
        or cue.kind == "heisst"
        or cue.kind == "verb" and d.zu_infinitive(a, b) and not as_phrase(d, v, comma)
    )
    if ok and tk.text[a] in d.relative and tk.text[a] not in d.subordinators and not konjunktiv and not (
            tk.text[a] in tk.articles and (d.zu_infinitive(a, b) or article_main_clause(d, a, b))):
        ok = False  # "forderte X auf, die Grenze zu öffnen", "sagte Rice, die USA hielten sich an …": no relative clause
    if ok and (embedded_relative(d, v, a, sent) or main_clause_after(d, v, a, b, sent)):
        ok = False
    if ok and not any(tk.is_word(k) and not tk.cap[k] and not tk.is_det(k) and tk.text[k] not in tk.prepositions
                      for k in range(a, b)):
        ok = False  # "bestätigte der Präsident, Jan Ott.": an apposition to the speaker, no clause
    return ok


def article_main_clause(d: Document, a: int, b: int) -> bool:
    """The clause at ``a`` opens with an article, its noun and then a finite verb ("die USA hielten sich …"): a main
    clause with the verb second, not a relative clause ("die … vorliegen"), whose verb stands last."""
    tk = d.tk
    if d.zu_infinitive(a, d.clause_end(a, b)):
        return False  # "den Vorschlag prüfen zu lassen": an infinitive clause
    m = np_forward(tk, a, b)
    k = m.end if m is not None else b
    return k + 1 < b and not d.in_mark[k] and tk.is_word(k) and not tk.cap[k] and not (
        tk.is_det(k) or tk.is_adjective(k) and tk.cap[k + 1] or tk.text[k] in tk.prepositions or tk.text[k] in tk.adverbs
        or tk.text[k] in tk.conj or tk.text[k] in d.relative)


def quoted_konjunktiv(d: Document, a: int, b: int) -> bool:
    """A verb in Konjunktiv inside a quotation that opens within the clause ("…, das Gespräch „sei freundlich
    verlaufen“"): the clause reports speech around a verbatim fragment, which is the speaker's Konjunktiv."""
    return any(d.in_mark[k] and d.mark_of[k][0] > a and d.is_konjunktiv(k) for k in range(a + 1, b))


def as_phrase(d: Document, v: int, comma: int) -> bool:
    """"bezeichnete die Maßnahme als einen Versuch, … zu verhindern": the infinitive belongs to the noun of the
    als-phrase, not to the verb."""
    k = next((k for k in range(comma - 1, v, -1) if d.tk.text[k] == "als" and not d.in_mark[k]), None)
    return k is not None and d.clause_verb(k + 1, comma) is None


def own_complement(d: Document, v: int, sent: Sentence) -> bool:
    """"…, wie der Sprecher behaupten konnte, der Bericht sei falsch": the wie-clause's verb has a complement of its
    own (a Konjunktiv or dass clause after its comma), so it is an indirect question, not a comment frame."""
    return complement_follows(d, v + 1, sent.end)


def wie_frame(d: Document, cue: Cue, sent: Sentence, lo: int) -> None:
    """"Wie X mitteilte, …" frames the rest of the sentence, "…, wie X sagte." the part before it."""
    tk = d.tk
    s, e = sent.start, sent.end
    v = cue.start
    # "Wie der Zeitung von der Gruppe berichtet wird": the passive agent, not the addressee
    cue.speaker = passive_agent(d, v, lo + 1, sent)
    cue.speaker = cue.speaker or np_forward(tk, d.skip_adverbs(lo + 1, v), v)  # "Wie schon die WHO sagte"
    if cue.speaker is None and lo + 2 < v and tk.text[lo + 1] in ("aus", "von"):
        cue.speaker = np_forward(tk, lo + 2, v)  # "Wie aus Unternehmenskreisen verlautete"
    if cue.speaker is None:
        cue.speaker = quoted_name(d, d.skip_adverbs(lo + 1, v), v)
    if lo == s or lo == s + 1 and tk.text[s].lower() in tk.conj:  # "Wie X mitteilte, …", "Denn wie X mitteilte, …"
        end = d.clause_end(v, e)
        if v + 2 < e and (tk.text[v + 1] in d.auxiliaries or d.inflected_verb(v + 1)) and not d.in_mark[v + 1] and (
                tk.is_word(v + 2)):  # not "Wie … berichtet wird, …": the auxiliary ends the wie-clause
            cue.region = (v + 1, e)  # "Wie die Sender berichten sind zwei Polizisten …": the comma left out
        elif end < e and tk.text[end] == ",":
            cue.region = (end + 1, e)
    else:
        cue.region = (s, lo - 1)
    if cue.region:
        cue.region_kind = "indirect" if d.has_konjunktiv(*cue.region) else "reported"


def is_post_frame(d: Document, cue: Cue, v: int, sent: Sentence) -> bool:
    """", sagte X (mit)." closes the sentence: only the speaker and adverbials follow the cue."""
    tk = d.tk
    e = sent.end
    if cue.kind == "verb":
        st = d.particle_before_subject(d.skip_adverbs(v + 1, e), e)
        sp = np_forward(tk, st, e) if st < e and not d.in_mark[st] else None
        if sp is None and st < e:
            sp = quoted_name(d, st, e)  # "„…“, schrieb „Die Woche“ in einem Nachruf."
        if sp is not None and tk.text[sp.start].lower() in ADDRESSEE_ARTICLES:
            sp = past_addressee(d, sp, sent)  # "…, sagte der Zeitung die Sprecherin"
        if sp is None or tk.text[sp.start].lower() in OBJECT_ARTICLES:
            return False  # an object, not the speaker: "…, wies den Vorwurf zurück"
        rest = sp.end
    else:
        sp, rest = cue.speaker, v + 1
    end = d.clause_end(rest, e)
    for k in range(rest, end):
        t = tk.text[k]
        if t in ("und", "oder", "sowie", "dass", "als") or t in d.lex.konjunktiv:
            return False
        if t == "es" and cue.kind == "heisst":
            continue  # "…, heißt es."
        if tk.is_word(k) and not tk.cap[k] and not (
            t in tk.prepositions or tk.is_det(k) or tk.is_adjective(k) or t in tk.adverbs
            or t in d.particles and k == end - 1 or t[:1].isdigit()
        ):
            return False  # an object or predicate follows: "…, bezeichnete die Reise als …"
    if v - 2 >= sent.start and v - 2 in d.closers and not looks_like_name(d, d.closers[v - 2], v - 2):
        if cue.kind == "verb":
            cue.speaker = quoted_person(d, v, sp, v, sent) or sp  # "„…“, zitiert die Zeitung den Minister"
        return True  # "„…“, sagte X": the quotation is the claim
    # the clause before the comma must be a claim: a main clause with a verb, not "Obwohl …" or "X, Y,"
    st = sent.start
    first = tk.text[st].lower()
    if first in ("obwohl", "während", "wenn", "selbst", "falls", "nachdem", "seit", "bevor", "da", "weil", "als", "damit", "ob"):
        return False
    if not main_clause_verb(d, st, v - 1):
        return False
    if end < e and tk.text[end] == "," and not (end + 1 < e and end + 1 in d.openers):
        if any(tk.text[k] in d.subordinators for k in range(end + 1, min(e, end + 2))):
            return False
        if end + 1 < e and not d.in_mark[end + 1] and d.trim(end + 1, e)[1] - end > 3 and not apposition(d, end + 1, e) and not (
                tk.text[end + 1] in d.relative_pronouns and d.clause_end(end + 1, e) >= d.trim(end + 1, e)[1]):
            return False  # a clause follows, but not a relative clause on the speaker ("…, heißt es im Bericht, der …")
    if cue.kind == "verb":
        cue.speaker = sp
    return True


def main_clause_verb(d: Document, a: int, b: int) -> bool:
    """A possible verb in a..b outside relative clauses (", die sich … beteiligt hatten", ", auf die … verwiesen wird")
    and participle phrases ("wohl auf das Echo reagierend"): a noun phrase or an adverbial with only these before
    ", VERB X" is the first place of the narrator's sentence, no claim ("Im Brief, den er … geschickt hat, erklärt
    er …"). A first place opened by an article keeps its relative clause's verb: it is often a fronted object whose
    speaker follows the verb ("Die Zahl der Opfer, die … sollen, bezifferte die Agentur mit 13")."""
    tk = d.tk
    lo = a
    while lo < b:
        hi = d.clause_end(lo, b, stops=(",",))
        first = d.skip_adverbs(lo, hi)
        relative = lo > a and first < hi and not tk.is_det(a) and (
            tk.text[first] in d.relative_pronouns
            or tk.text[first] in tk.prepositions and first + 1 < hi and tk.text[first + 1] in d.relative_pronouns)
        if not relative and any(verbish(d, k) and not tk.text[k].endswith("end") or d.is_konjunktiv(k) for k in range(lo, hi)):
            return True
        lo = hi + 1 if hi < b and tk.text[hi] == "," else max(hi, lo + 1)
    return False


def verbish(d: Document, k: int) -> bool:
    """A possible verb (an auxiliary too: "werden … geschlossen"), or a quotation that may hold one (a quoted name
    or title holds none)."""
    tk = d.tk
    t = tk.text[k]
    if d.in_mark[k]:
        o, c = d.mark_of[k]
        return not looks_like_name(d, o, c)
    return t in d.auxiliaries or (tk.is_word(k) and not tk.cap[k] and t not in tk.prepositions and not tk.is_det(k)
            and not tk.is_adjective(k) and t not in tk.adverbs and t not in tk.conj and t not in d.name_particles
            and not t[:1].isdigit())  # a number is no verb: "Die Sprecherin von Bündnis 90/Die Grünen, X, kritisierte"


def short_middle(d: Document, v: int, comma: int, speaker) -> bool:
    """Only the speaker, adverbs and particles between the verb and the comma (no object)."""
    tk = d.tk
    for k in range(v + 1, comma):
        if speaker is not None and speaker.start <= k < speaker.end:
            continue
        t = tk.text[k]
        if t in tk.adverbs or t in d.particles or t.isspace() or not tk.is_word(k):
            continue
        if t in ("am", "im", "in", "auf", "bei", "gegenüber", "dem", "der", "einem", "einer") or tk.cap[k]:
            continue
        return False
    return True
