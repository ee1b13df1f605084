"""Speech that continues over sentences: free indirect speech, hearsay, quotations standing alone, and
demonstratives that take up the previous sentence.

- a sentence in Konjunktiv I without a cue of its own continues the last speaker (free indirect speech, up to
  ``FREE_REACH`` sentences back), or the named subject of the sentence before ("Die Polizei bittet um Mithilfe.
  Der Mann sei …"); a hearsay "soll" does so right after a claim; consecutive sentences of one speaker make one
  passage;
- a cue verb in Konjunktiv I right after reported speech ("So gebe es Hinweise, dass …") is part of it;
- a quotation standing alone gets the speaker of the sentence announcing it ("Sie fügte hinzu. „…“"), of the
  last quotation, of the next sentence's frame, or the named subject of the sentence before;
- "Dies bestätigte X." / "Das teilte X mit." makes the previous sentence X's claim.
Lexicons: konjunktiv.txt, hearsay_verbs.txt.
"""

from __future__ import annotations

from ..speakers import Mention
from .cues import find_cues, frame_cue
from .document import Cue, Document, Found, Sentence
from .main_clause import sentence_subject, speaker_like
from .resolve import ADVERBIAL_CONJUNCTIONS, named_subject, resolve
from .titles import looks_like_name

DEMONSTRATIVE_SUBJECTS = ("Dieser", "Diese", "Jener", "Jene")  # "Dieser behaupte, …": the one just named speaks
FREE_REACH = 4  # sentences a cue-less Konjunktiv sentence may reach back for its speaker
# Not a rule: "soll … haben" alone (no claim just before) and a sourceless "X soll … getötet worden sein" were
# wrong more often than right on train (+message, -attribution: their speaker is rarely the last one).


def free_indirect(d: Document, sent: Sentence, cues: list[Cue], found: list[Found], direct_marks: list) -> list[Found]:
    """``found`` with the sentence added as free indirect speech when it continues reported speech; its scare
    quotes (other than names) become the speaker's partial quotations."""
    s, e = sent.start, sent.end
    prev = sent.prev
    recent = d.recent(1)
    under = bool(cues) and not reported_cues_only(d, cues)  # speech verbs that are no Konjunktiv themselves
    if (under and not cues_under_konjunktiv(d, sent, cues)) or direct_marks or not (
            d.has_konjunktiv(s, e, strong=True) or recent and d.has_konjunktiv(s, d.clause_end(s, e), hearsay=True)):
        return found
    a, b = d.trim(s, e)
    if b - a < 3:
        return found
    start = konjunktiv_clause_start(d, a, b)
    own = own_subject(d, sent, start) if start > a else None
    fresh = own or (named_subject(d, prev) if not recent and prev is not None else None)
    unnamed = False  # the source is the previous sentence's subject, but that names no one who can speak
    if fresh is not None or d.last_found is None or d.last_found.speaker is None or d.last_sent_index < d.sent_index - FREE_REACH:
        speaker = fresh
        if speaker is None and prev is not None:
            speaker = sentence_subject(d, prev)
            if speaker is not None and not speaker_like(d, speaker):
                speaker, unnamed = None, True  # "Die Stockwerke brannten aus. Die Feuerwehr sei …": not the floors
            speaker = resolve(d, speaker, prev, None)
        d.last_found = Found(s, e, "free_indirect", speaker, None, 0.4)
        d.last_sent_index = d.sent_index - 1
    last = d.last_found
    if last.speaker is None and (under or not unnamed):
        return found
    found = [f for f in found if f.kind != "scare"] + [
        Found(o + 1, c, "partial", last.speaker, last.cue, 0.5)
        for f in found if f.kind == "scare" for o, c in [(f.start - 1, f.end)] if not looks_like_name(d, o, c)
    ] + [f for f in found if f.kind == "scare" and looks_like_name(d, f.start - 1, f.end)]
    found.append(Found(start, b, "free_indirect", last.speaker, last.cue, 0.5, clause=start > a))
    return found


def own_subject(d: Document, sent: Sentence, claim_start: int) -> Mention | None:
    """The subject of the narrator's main clause before a Konjunktiv claim, when it can be a speaker: "Die BVG
    begegnet der Kritik mit dem Argument, die Züge seien …" is the BVG's claim, not the last speaker's."""
    m = sentence_subject(d, sent)
    if m is None or m.end > claim_start or d.tk.text[m.start] in d.tk.pronouns or not speaker_like(d, m):
        return None
    return resolve(d, m, sent, sent.prev)


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


def within_reported_speech(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """Right after a claim, drop the cues that are part of the reported speech: "Das Ministerium habe Angst
    gehabt, dass …" (a Konjunktiv head clause) and, after indirect speech, "So gebe es Hinweise, dass …"."""
    if not d.recent(1):
        return cues
    cues = [c for c in cues if not (c.implicit and c.region and d.has_konjunktiv(sent.start, c.region[0], strong=True))]
    if d.last_found.kind in ("indirect", "free_indirect"):
        cues = [c for c in cues if not reported_frame(d, c)]
    return cues


def reported_frame(d: Document, cue: Cue) -> bool:
    """"So gebe es Hinweise, dass …" right after reported speech: a cue verb in Konjunktiv I is itself reported,
    so its sentence continues the reported passage instead of framing a claim of its own."""
    tk = d.tk
    if cue.start > 0 and tk.text[cue.start - 1] in DEMONSTRATIVE_SUBJECTS:
        return False  # "Dieser behaupte, …": a new speaker named by a demonstrative reports in turn
    return cue.kind == "verb" and cue.region is not None and not cue.direct_after and d.is_konjunktiv(cue.start) and (
        tk.text[cue.start] not in d.lex.konjunktiv_weak)


def reported_cues_only(d: Document, cues: list[Cue]) -> bool:
    """The sentence's speech verbs are part of the reported speech, not a frame: in Konjunktiv ("Sie rate zum
    Kauf") or an infinitive with "zu" ("sei mit Toten zu rechnen"), and framing nothing themselves."""
    tk = d.tk
    return all(
        c.kind == "verb" and c.region is None and not c.direct_after
        and (d.is_konjunktiv(c.start) or c.start > 0 and tk.text[c.start - 1] == "zu")
        for c in cues
    )


def cues_under_konjunktiv(d: Document, sent: Sentence, cues: list[Cue]) -> bool:
    """Right after a claim of a named speaker, the sentence's first clause has its finite verb in Konjunktiv I before
    any speech verb, and the speech verbs frame nothing: they are participles or infinitives under it or stand in a
    later clause ("Die Angabe sei durch ein Gutachten bestätigt worden."), part of the reported speech like the
    Konjunktiv verbs of ``reported_cues_only``. Not after a subordinate clause ("Während X nichts ändern wolle,
    bestätigte Y …": the narrator's main clause follows)."""
    tk = d.tk
    s, e = sent.start, sent.end
    last = d.last_found if d.recent(1) else None
    if last is None or last.speaker is None or not last.speaker.name or (
            tk.text[s].lower() in d.subordinators or tk.text[s].lower() in ADVERBIAL_CONJUNCTIONS):
        return False
    first_cue = min(c.start for c in cues)
    return d.has_konjunktiv(s, min(first_cue, d.clause_end(s, e)), strong=True) and all(
        c.kind == "verb" and c.region is None and not c.direct_after for c in cues)


def konjunktiv_clause_start(d: Document, a: int, b: int) -> int:
    """Start of reported speech in a cue-less sentence: an indicative main clause ("Zum einen wird auf X
    verwiesen, wo … sei") is the narrator's; the claim starts with the first clause in Konjunktiv."""
    tk = d.tk
    commas = d.commas_in(a, b)
    if not commas or d.has_konjunktiv(a, commas[0], hearsay=True) or tk.text[a].lower() in d.subordinators:
        return a  # "Was die Einwohner wollten, sei …": a subject clause belongs to the claim
    for k in commas:
        end = next((x for x in commas if x > k), b)
        if d.has_konjunktiv(k + 1, end, hearsay=True):
            return a if fronted(d, k + 1) or d.clause_verb(a, k) is None and tk.text[k + 1] not in d.subordinators else k + 1
    return a


def fronted(d: Document, k: int) -> bool:
    """The clause at ``k`` opens with its finite verb in Konjunktiv ("Bei dem Test, der Tage dauerte, sei …",
    "Nachdem er gegangen war, habe er …"): verb second, so what stands before the comma is the clause's own
    fronted phrase or adverbial clause, and the claim starts with the sentence. So it does when no verb stands
    before the comma ("Angesichts der Lage, der Kosten und der Risiken sei …"): no clause of the narrator there."""
    return not d.in_mark[k] and (d.is_konjunktiv(k) or d.tk.text[k] in d.lex.hearsay)


def continued_speaker(d: Document, sent: Sentence, prev: Sentence | None) -> tuple[Mention, tuple[int, int] | None] | None:
    """Speaker (and cue) of a quotation standing alone: the previous sentence's closing frame, the previous
    quotation's, else the next sentence's frame, else the named subject of the previous sentence."""
    announced = announcing_frame(d, prev, sent) if prev is not None else None
    if announced is not None:
        return announced
    if d.recent(2) and d.last_found.speaker is not None:
        return d.last_found.speaker, d.last_found.cue
    nxt = sent.next
    if nxt is not None:
        for cue in find_cues(d, nxt):
            frame_cue(d, cue, nxt, [])
            if cue.speaker is not None:
                return resolve(d, cue.speaker, nxt, sent), (cue.start, cue.end)
    named = named_subject(d, prev) if prev is not None else None
    if named is not None:
        return named, None  # "Die SPD will am Kurs festhalten. „Wir wollen …“"
    return None


def announcing_frame(d: Document, prev: Sentence, sent: Sentence):
    """"Sie fügte hinzu. „…“": a sentence that ends with a speech verb and frames nothing announces the quotation
    after it; its speaker mention is the quotation's."""
    tk = d.tk
    for cue in find_cues(d, prev):
        if cue.kind != "verb":
            continue
        frame_cue(d, cue, prev, [])
        if cue.region is not None or cue.speaker is None:
            continue
        rest = range(cue.end, prev.end)
        if all(tk.text[k] in d.particles or tk.text[k] in tk.adverbs or not tk.is_word(k) for k in rest):
            return resolve(d, cue.speaker, prev, None), (cue.start, cue.end)
    return None


def anaphoric_claim(d: Document, sent: Sentence, cues: list[Cue]) -> None:
    """"…. Dies bestätigte X." / "Das teilte X mit.": the demonstrative takes up the previous sentence as the
    claim of the sentence's cue verb; the sentence itself is then no claim of another cue."""
    tk = d.tk
    s, e = sent.start, sent.end
    prev = sent.prev
    if prev is None or e - s <= 2 or tk.text[s].lower() not in ("dies", "das", "dieses"):
        return
    quoted = any(o <= prev.start + 1 and c >= prev.end - 3 for o, c in prev.marks)
    for cue in cues:
        if (cue.kind == "verb" and (cue.region is None or cue.region_kind == "reported" and cue.region[0] <= s + 1)
                and not cue.direct_after and not quoted
                and (cue.start == s + 1 or tk.text[s + 1] in d.auxiliaries)):
            cue.region = (prev.start, prev.end)
            cue.region_kind = "indirect" if d.has_konjunktiv(prev.start, prev.end) else "reported"
            cue.confidence = 0.5
            # "Das wurde vom Presseamt bekannt gegeben" / "Dies gab – nach Untersuchungen – X bekannt"
            for o in cues:
                if o is not cue and o.region and o.region[0] <= s + 1:
                    o.region = None
            return
