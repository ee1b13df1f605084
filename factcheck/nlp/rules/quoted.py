"""Quotation marks: direct quotations, partial quotations and scare quotes.

A quoted sentence (ending in . ! ?, after a colon, standing alone, or a capitalised clause before a comma) is a
direct quotation; quoted words and phrases are partial quotations when a cue of the sentence (or the claim
around them) gives them a speaker, else scare quotes; names and titles (titles.py) are never speech. A
quotation without a cue of its own takes the speaker of its context (continuation.py). One to three
capitalised words inside a reported claim are a term, not a quotation ("die Band „Landser“ habe …").
"""

from __future__ import annotations

from .continuation import continued_speaker
from .cues import SAY_CORE
from ..lexicons import load_lexicons
from .document import PASSIVE_AUX, Cue, Document, Found, Mention, Sentence
from ..speakers import np_forward
from .resolve import resolve
from .main_clause import names_someone, speaker_like
from .subjects import named_actor, sentence_subject
from .titles import after_title_noun, ends_sentence, looks_like_name, named_by_verb, parenthesised

UNKNOWN = object()  # not looked for yet


def split_marks(d: Document, sent: Sentence) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The sentence's quotations as (direct, partial-or-scare) lists of (opener, closer) tokens."""
    direct, partial = [], []
    for o, c in sent.marks:
        (direct if mark_kind(d, o, c, sent) == "direct" else partial).append((o, c))
    return direct, partial


def mark_kind(d: Document, o: int, c: int, sent: Sentence) -> str:
    """direct for quoted sentences, partial (or scare, decided later) for quoted words and phrases."""
    tk = d.tk
    content = [k for k in range(o + 1, c) if not tk.text[k].isspace()]
    if not content:
        return "partial"
    if after_title_noun(d, o, c) or parenthesised(d, o, c) or looks_like_name(d, o, c) and not ends_sentence(d, c):
        return "partial"  # a title or name, never a quoted sentence ("der „Department of Vertebrate Zoology“")
    first, last = content[0], content[-1]
    prev = o - 1
    while prev >= sent.start and tk.text[prev].isspace():
        prev -= 1
    if tk.text[last] in (".", "!", "?", "…", "...") and len(content) >= 3:
        return "direct"
    if prev >= sent.start and tk.text[prev] == ":" and len(content) >= 2:
        return "direct"
    if prev < sent.start and (c + 1 >= sent.end or tk.text[c + 1] in (",", ".", "!", "?")) and len(content) >= 3:
        return "direct"
    if tk.cap[first] and len(content) >= 4 and c + 1 < sent.end and tk.text[c + 1] == ",":
        return "direct"
    return "partial"


def quotation_claims(d: Document, sent: Sentence, cues: list[Cue], found: list[Found],
                     direct_marks: list[tuple[int, int]], partial_marks: list[tuple[int, int]]) -> None:
    """Add the sentence's quotations to ``found`` (which holds its claims outside quotation marks so far)."""
    prev = sent.prev
    claims = list(found)  # quotation marks do not overlap, so only these claims can hold a quotation
    colon_speaker = standalone_speaker = UNKNOWN  # found once per sentence, for all its quotations
    for o, c in direct_marks + partial_marks:
        direct = (o, c) in direct_marks
        cue = cue_for_mark(d, o, c, sent, cues, claims)
        if not direct and any(x.speaker is not None and x.speaker.start == o + 1 and x.speaker.end == c for x in cues):
            cue = None  # the source itself is quoted: laut „Reuters“
        if cue is None and not direct:
            labeller = label_speaker(d, o, c, sent)
            if labeller is not None:
                cue = Cue("label", o - 1, o, speaker=resolve(d, labeller, sent, prev))
        if not direct and listed_after_name(d, o, c, found):
            cue = None
        if cue is None and not direct:
            found.append(Found(o + 1, c, "scare", None, None, 0.5))
            continue
        if cue is None and direct:
            cue = inverted_post_frame(d, c, sent)
        if cue is None and d.after_colon(o, sent):
            if colon_speaker is UNKNOWN:
                colon_speaker = resolve(d, sentence_subject(d, sent), sent, prev)
            if colon_speaker is not None:
                cue = Cue("colon", o - 1, o, speaker=colon_speaker)
        if cue is None:
            if standalone_speaker is UNKNOWN:
                standalone_speaker = continued_speaker(d, sent, prev)
            speaker, conf, cue_span = standalone_speaker, 0.6, None
            if speaker is not None:
                speaker, cue_span = speaker
        else:
            speaker, conf, cue_span = cue.speaker, 0.9 if direct else 0.8, (cue.start, cue.end)
        found.append(Found(o + 1, c, "direct" if direct else "partial", speaker, cue_span, conf))


def inverted_post_frame(d: Document, c: int, sent: Sentence) -> Cue | None:
    """"„…“, strich Romney heraus." / "„…“, mit diesen Worten meldete er sich zurück." / "„…“, wollen die
    Demonstranten wissen.": after a quoted sentence, a comma and a finite verb or auxiliary before its subject (the
    inverted order of a closing frame) name the speaker, also with a verb outside the lexicon. Only a pronoun or a
    phrase that names someone; the resolve rules name it."""
    tk = d.tk
    k = c + 1
    if k + 2 >= sent.end or tk.text[k] != "," or d.in_mark[k + 1]:
        return None
    v = k + 1
    if tk.text[v] == "mit" and v + 3 < sent.end and tk.text[v + 2] == "Worten":
        v += 3  # "mit diesen Worten meldete er sich"
    t = tk.text[v]
    if (tk.cap[v] or not tk.is_word(v) or d.in_mark[v] or t in tk.adverbs or t in tk.articles or t in tk.prepositions
            or t in tk.conj or t in tk.pronouns or tk.is_adjective(v) and not d.inflected_verb(v) and t not in d.auxiliaries):
        return None
    a = d.skip_adverbs(v + 1, sent.end)
    m = np_forward(tk, a, sent.end) if a < sent.end and not d.in_mark[a] else None
    if m is None or not (tk.text[m.start] in tk.pronouns or speaker_like(d, m) and names_someone(d, m)):
        return None
    return Cue("verb", v, v + 1, speaker=resolve(d, m, sent, sent.prev), direct_after=True)


def cue_for_mark(d: Document, o: int, c: int, sent: Sentence, cues: list[Cue], claims: list[Found]) -> Cue | None:
    """The cue that gives the quotation o..c its speaker: the claim around it, else the nearest cue with a
    speaker in the same or an earlier clause; None for names, titles and a name inside a speaker phrase."""
    tk = d.tk
    if any(cue.speaker is not None and cue.speaker.start <= o and c < cue.speaker.end for cue in cues):
        return None  # a name in quotation marks inside a speaker phrase ("von der „Netzeitung“ zitiert")
    # a title or name in quotation marks after a noun ("der Sender „Al Jazeera“") is no speech
    if o > 0 and tk.is_noun(o - 1) and tk.cap[o + 1] and c - o <= 4:
        if not any(f.start <= o and c <= f.end for f in claims):
            return None
    if looks_like_name(d, o, c):
        return None
    for f in claims:
        if f.start <= o and c <= f.end + 1 and f.speaker is not None:
            return Cue("verb", *(f.cue or (o, o)), speaker=f.speaker)
    best, dist = None, None
    for cue in cues:
        if cue.speaker is None:
            continue
        if cue.start > c + 2 and not cue.direct_after and d.clause_start(cue.start, sent.start) > o and not aux_post_frame(d, c, cue, sent):
            continue  # a cue in a later clause does not frame "Die Minen sind „nicht persistent“, …"
        gap = cue.start - c if cue.start > c else o - cue.end
        if dist is None or gap < dist:
            best, dist = cue, gap
    if best is not None and best.lemma in d.lex.naming_verbs and best.lemma != "sprechen" and named_by_verb(d, o, c, best.start):
        return None  # "nennt sich „documenta 12“": a name, not speech
    return best


LABEL_STATUS = load_lexicons().closed["label_status"]  # "gilt als „…“", "ist als „…“ bekannt": a status, nobody's label


def label_speaker(d: Document, o: int, c: int, sent: Sentence) -> Mention | None:
    """Who gives the quoted label after "als" ("Die Ministerin feierte die Absage als „großen Erfolg“", "wies das
    als „Unverschämtheit“ zurück"): the sentence's subject when it names a person or organisation. None where the
    label is a status ("gilt als „…“", "ist als „…“ bekannt", "präsentiert sich als „…“") or a passive hides who
    gave it ("als „Sonnenwind“ bezeichnet wird")."""
    tk = d.tk
    k = o - 1
    while k >= sent.start and (tk.text[k].isspace() or tk.is_det(k)):
        k -= 1
    if k < sent.start or tk.text[k].lower() != "als":
        return None
    lo, hi = d.clause_start(k, sent.start), d.clause_end(c + 1, sent.end)
    outside = [j for j in range(lo, hi) if not d.in_mark[j]]
    if any(tk.lemma[j].lower() in LABEL_STATUS or tk.text[j] in LABEL_STATUS for j in outside):
        return None
    if any(tk.text[j] in PASSIVE_AUX for j in outside):
        return None  # "als „Sonnenwind“ bezeichnet wird": who labels it is not the subject
    return named_actor(d, sent)


def listed_after_name(d: Document, o: int, c: int, found: list[Found]) -> bool:
    """A capitalised quotation joined by "und"/"oder" to a quoted name or title before it is one too ("die Modelle
    „Falke“ und „Adler“", "nennt „Pixelhaus“ und „Netzwerk“")."""
    tk = d.tk
    k = o - 1
    while k >= 0 and tk.text[k].isspace():
        k -= 1
    if k < 1 or tk.text[k] not in ("und", "oder") or not tk.cap[o + 1] or c - o - 1 > 3:
        return False
    k -= 1
    while k >= 0 and tk.text[k].isspace():
        k -= 1
    return k in d.closers and any(f.kind == "scare" and f.start == d.closers[k] + 1 for f in found)


def aux_post_frame(d: Document, c: int, cue: Cue, sent: Sentence) -> bool:
    """"„…“, hatte X in einem Interview erklärt.": an auxiliary right after the quotation, the cue verb closing the clause."""
    tk = d.tk
    if c + 2 >= sent.end or tk.text[c + 1] != "," or tk.text[c + 2] not in d.auxiliaries:
        return False
    end = d.clause_end(c + 2, sent.end)
    return cue.start == end - 1 and cue.speaker is not None


def quoted_term(d: Document, f: Found, found: list[Found], sent: Sentence) -> bool:
    """One to three capitalised words in quotation marks inside a reported claim ("…, die Band „Landser“ habe …",
    "sei die „Spreizung“ gewachsen", "die „Hvalur 9“") name a term, a group or a ship; the claim around it is the speech. After a core
    verb of saying ("sagte, solche Behauptungen seien „Unsinn“") the word is the speaker's own."""
    tk = d.tk
    if f.kind != "partial" or f.end - f.start > 3 or not all(tk.cap[k] or tk.text[k][:1].isdigit() for k in range(f.start, f.end)):
        return False
    if f.cue is not None and d.verb_lemma(f.cue[0], sent, SAY_CORE):  # "teilte … mit" too
        return False
    return any(g.kind in ("indirect", "reported", "free_indirect") and g.start <= f.start and f.end <= g.end for g in found)
