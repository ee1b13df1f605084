"""The order in which the rules run, sentence by sentence (see __init__.py for the map of the modules)."""

from __future__ import annotations

from bisect import bisect_right

from ..lexicons import Lexicons
from ..roles import link_roles
from .complements import dass_clauses, noun_clauses, zu_clauses
from .continuation import anaphoric_claim, free_indirect, merge_free_indirect, within_reported_speech
from .cues import find_cues, frame_cue
from .document import Cue, Document, Found, Sentence
from .frames import emerges_from
from .mentions import widen
from .quoted import quotation_claims, quoted_term, split_marks
from .resolve import (ADVERBIAL_CONJUNCTIONS, collect_role_names, nearest_mention, one_name_per_person, passive_clause,
                      resolve)
from .stance import naming_aside, stance_cues
from .subjects import parsed_speaker

CLAIM_KINDS = ("indirect", "reported", "free_indirect")
FIRST_PERSON_SUBJECTS = ("ich", "wir")  # right before or after a cue verb: its subject


def find_quotations(doc, lex: Lexicons, quote_tokens: list[tuple[int, int, int]], sentences: list[Sentence]) -> list[Found]:
    """All quotations and claims of a segmented Doc, sorted by position (longest first)."""
    d = Document(doc, lex, quote_tokens)
    collect_role_names(d)
    for i, sent in enumerate(sentences):
        sent.index = i
        sent.prev = sentences[i - 1] if i else None
        sent.next = sentences[i + 1] if i + 1 < len(sentences) else None
    out: list[Found] = []
    for sent in sentences:
        d.sent_index = sent.index
        found = analyse(d, sent)
        for f in found:
            f.sent = sent.index
            if f.kind != "scare" and f.speaker is not None:
                d.last_found = f
                d.last_speaker = f.speaker
                d.last_sent_index = sent.index
                if f.speaker.type == "person" and f.speaker.name:
                    d.last_person = f.speaker.name
        for f in found:
            if f.start < sent.start and f.kind in ("indirect", "reported"):
                # the previous sentence is now the claim of this sentence's cue
                out = [g for g in out if not (g.start >= f.start and g.end <= sent.start and g.kind in CLAIM_KINDS)]
        out.extend(found)
    out = merge_free_indirect(out)
    one_name_per_person(d, out)
    nearest_mention(d, out, sentences)
    link_roles(d.tk, [f.speaker for f in out if f.speaker is not None])  # on the core of each mention
    widen_mentions(d, out, sentences)
    out.sort(key=lambda f: (f.start, -f.end))
    return out


def widen_mentions(d: Document, found: list[Found], sentences: list[Sentence]) -> None:
    """Each speaker mention once to its whole phrase (mentions.py), inside its own sentence."""
    starts = [s.start for s in sentences]
    seen: set[int] = set()
    for f in found:
        m = f.speaker
        if m is None or id(m) in seen or m.end <= m.start:
            continue
        seen.add(id(m))
        sent = sentences[bisect_right(starts, m.start) - 1]
        widen(d, m, sent.start, sent.end)


def analyse(d: Document, sent: Sentence) -> list[Found]:
    """The quotations and claims of one sentence."""
    cues = sentence_cues(d, sent)
    found: list[Found] = []
    direct_marks, partial_marks = split_marks(d, sent)
    claims_outside_marks(d, cues, found, direct_marks)
    quotation_claims(d, sent, cues, found, direct_marks, partial_marks)
    found = free_indirect(d, sent, cues, found, direct_marks)
    for f in found:
        if quoted_term(d, f, found, sent):
            f.kind, f.speaker, f.cue = "scare", None, None
    return [f for f in found if not first_person_claim(d, f)]


def sentence_cues(d: Document, sent: Sentence) -> list[Cue]:
    """The cues of the sentence with their claims and named speakers."""
    cues = [c for c in find_cues(d, sent) if not naming_aside(d, c, sent)]
    for cue in cues:
        frame_cue(d, cue, sent, cues)
    cues = cues + dass_clauses(d, sent, cues)
    cues = cues + zu_clauses(d, sent, cues)
    cues = cues + noun_clauses(d, sent, cues)
    cues = cues + stance_cues(d, sent, cues)
    cues = cues + emerges_from(d, sent, cues)
    cues = within_reported_speech(d, sent, cues)
    # a source frame inside a reported clause ("X sagte, nach neuesten Erkenntnissen habe …") frames no
    # claim of its own; one that opens it ("Nach Angaben der Polizei habe der Mann verlangt, …") frames it
    for cue in cues:
        if cue.kind.startswith("frame") and cue.region and any(
            o.kind == "verb" and o.region and cue.region[0] <= o.start < cue.region[1] and o.start < cue.start
            for o in cues
        ):
            cue.region = None
    for cue in cues:
        if cue.region and adverbial_speech_clause(d, cue, cues, sent):
            cue.region = None
    # a cue inside another cue's claim belongs to that claim ("…, was er als „…“ bezeichnete", "X sagte, nach
    # neuesten Erkenntnissen habe …"); a speech verb inside the claim of a source frame keeps its own, nested in it
    # ("Laut CNN hat der Minister verkündet, der Rat wolle …": CNN's claim, and the minister's inside it)
    for cue in cues:
        if cue.region and any(o is not cue and o.region and o.region[0] <= cue.start < o.region[1]
                              and not (o.kind.startswith("frame") and cue.kind == "verb") for o in cues):
            cue.region = None
    anaphoric_claim(d, sent, cues)
    for cue in cues:
        if cue.kind == "verb" and not cue.implicit:  # implicit cues chose theirs (noun sources) already
            cue.speaker = parsed_speaker(d, cue.start) or cue.speaker  # also "…, sagte X" and "Wie X sagte"
        cue.speaker = resolve(d, cue.speaker, sent, sent.prev)
        if cue.speaker is None and cue.region and cue.kind == "verb" and d.recent(1) and passive_clause(d, cue.start, sent):
            cue.speaker = d.last_speaker  # "Insbesondere kritisiert wird, dass …" right after X's claim: X's
    return cues


def adverbial_speech_clause(d: Document, cue: Cue, cues: list[Cue], sent: Sentence) -> bool:
    """The claim of ``cue`` is an adverbial clause whose own verb is a cue with its claim ("X bestritt das, indem er
    sagte, …", "…protestiert, da sie befürchten, …"): what follows is that verb's claim, of the clause's subject."""
    a, b = cue.region
    tk = d.tk
    if a >= min(b, tk.n) or tk.text[a].lower() not in ADVERBIAL_CONJUNCTIONS or d.in_mark[a]:
        return False
    end = d.clause_end(a + 1, sent.end)
    return any(o is not cue and o.kind == "verb" and o.region and a < o.start < end and o.region[0] >= end for o in cues)


def claims_outside_marks(d: Document, cues: list[Cue], found: list[Found], direct_marks: list[tuple[int, int]]) -> None:
    """One Found per cue region (claims outside quotation marks) that is not a direct quotation already (unless a
    complement clause opens before it, see ``quotation_inside_complement``); two
    cues of one claim make one quotation, framed by the cue next to the claim ("In einer verbreiteten
    Erklärung gab er an, …": angeben, not verbreiten)."""
    for cue in cues:
        if cue.region is None:
            continue
        a, b = d.trim(*cue.region)
        if b - a < 2:
            continue
        if any(overlap((a, b), (o + 1, c)) >= 0.5 and not quotation_inside_complement(cue, a, o) or (o < a and b <= c + 1)
               for o, c in direct_marks):
            continue
        same = next((f for f in found if (f.start, f.end) == (a, b)), None)
        if same is not None:
            if cue.speaker is not None and (same.speaker is None or gap(cue.start, a, b) < gap(same.cue[0], a, b)):
                same.speaker, same.cue, same.confidence = cue.speaker, (cue.start, cue.end), cue.confidence
            continue
        found.append(Found(a, b, cue.region_kind, cue.speaker, (cue.start, cue.end), cue.confidence, 0))


def quotation_inside_complement(cue: Cue, a: int, o: int) -> bool:
    """The complement clause of a speech verb opens before the quotation ("betonte, unter den Bewerbern seien „viele
    Frauen mit Erfahrung.“"): the clause is the claim and the quotation its verbatim part, both kept."""
    return cue.kind == "verb" and cue.region_kind == "indirect" and cue.start < a < o


def first_person_claim(d: Document, f: Found) -> bool:
    """A claim outside quotation marks that speaks in the first person ("Ich habe das Gefühl, …" in an interview
    answer), or whose cue does ("Ich glaube, die Künstler wollen …"), is the writer's own voice: reported speech
    shifts the speaker to the third person."""
    if f.kind not in CLAIM_KINDS:
        return False
    tk = d.tk
    if f.cue is not None and any(0 <= k < tk.n and tk.text[k].lower() in FIRST_PERSON_SUBJECTS and not d.in_mark[k]
                                 for k in (f.cue[0] - 1, f.cue[1])):
        return True
    return any(tk.text[k] in d.first_person and not d.in_mark[k] for k in range(f.start, f.end))


def gap(k: int, a: int, b: int) -> int:
    """Tokens between token ``k`` and the range a..b."""
    return a - k if k < a else max(0, k - b)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Jaccard overlap of two token ranges."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / ((a[1] - a[0]) + (b[1] - b[0]) - inter)
