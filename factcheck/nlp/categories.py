"""Error categories of ``factcheck eval --by-category``: where the detector goes wrong, by kind of evidence.

Each error of the scoring (evaluate.py: a gold quotation missed, a prediction matching no gold, a matched pair
with the wrong speaker) gets the first category whose rule holds, in the order of ``CATEGORIES``. The rules look
only at the text, the gold annotation and the predictions, never at the detector's internals, so the counts
stay comparable from one detector version to the next. ``speaker_span.short`` counts right attributions whose
speaker span covers less than the gold mention (not an error of the metric, but of the span).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .evaluate import jaccard, strip_span
from .lexicons import load_lexicons

CATEGORIES: dict[str, str] = {
    # attribution: the message matched, the speaker did not
    "speaker.not_a_speaker": "a word that cannot be a speaker (subordinator, adverb, participle, light-verb noun)",
    "speaker.none_number_cue": "no speaker: a date or number taken as the cue",
    "speaker.none_passive_perfect": "no speaker: a passive or perfect cue (\"wurde mitgeteilt\", \"hat … erklärt\")",
    "speaker.none": "no speaker, other",
    "speaker.pronoun_skipped": "the gold speaker is a pronoun mention the system skips",
    "speaker.carried_over": "an earlier sentence's speaker although the sentence names its own",
    "speaker.same_sentence": "another noun phrase of the same sentence",
    "speaker.other": "speaker wrong, other",
    "speaker_span.short": "(right attribution) speaker span shorter than the gold mention",
    # misses: a gold quotation no prediction matches
    "miss.nested_outer": "outer claim missed, only a quotation inside it found",
    "miss.nested_inner": "verbatim quotation inside a claim missed (or typed scare)",
    "miss.typed_scare": "quotation typed scare (title, name or term)",
    "miss.discontinuous": "discontinuous claim around a source adverbial (laut X, X zufolge)",
    "miss.boundary": "found, but the span overlaps the gold by less than half",
    "miss.impersonal": "impersonal frame (es heißt, war zu lesen)",
    "miss.continuation": "free indirect, \"soll\" hearsay or Konjunktiv continuation from an earlier sentence",
    "miss.zu_infinitive": "zu-infinitive complement",
    "miss.reported_act": "reported speech act or stance without a content clause",
    "miss.other": "missed, other",
    # false hits: a prediction no gold quotation matches
    "false.boundary": "a span overlapping a gold quotation by less than half",
    "false.title_or_term": "a title, name or term in quotation marks typed direct or partial",
    "false.no_speech_predicate": "a dass/ob/zu clause after a predicate that is no speech",
    "false.reported_narrative": "a narrative sentence typed reported",
    "false.free_indirect": "a Konjunktiv sentence typed free indirect",
    "false.other": "false hit, other",
}

IMPERSONAL = re.compile(r"\b(heißt|hieß|hiess|zu lesen|zu hören|verlautete|wurde berichtet|wird berichtet)\b", re.I)
ZU_END = re.compile(r"(\bzu\s+\w+|\w{2,}zu\w+en)\W*$")
HEARSAY = re.compile(r"\b(soll|sollen|sollte|sollten)\b")
SOURCE_ADVERBIAL = re.compile(r"\b(laut|zufolge|nach\s+(Angaben|Ansicht|Meinung|Auffassung|Einschätzung|Informationen|Aussage))\b", re.I)
PASSIVE_PERFECT = {"wurde", "wurden", "wird", "werden", "worden", "hat", "haben", "hatte", "hatten", "habe", "ist", "sei"}
WORD = re.compile(r"[\w-]+")
SUBORDINATORS = {"bevor", "ehe", "sobald", "solange", "indem", "damit", "seitdem", "sodass", "wohingegen"}


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    lex = load_lexicons()
    closed = {w.casefold() for words in lex.closed.values() for w in words} | SUBORDINATORS
    return {
        "closed": frozenset(closed),
        "pronouns": frozenset(w.casefold() for cls in ("pronoun_person", "pronoun_plural", "relative_pronoun", "subject_pronoun")
                              for w in lex.closed.get(cls, ())) | {"dieser", "diese", "jener", "letzterer", "letztere"},
        "light_nouns": frozenset(lex.stance_nouns) | frozenset(lex.source_nouns.words),
        "adverb_endings": frozenset(lex.closed.get("adverb_ending", ())),
    }


def naive_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds for a gold without them: ends at . ! ? before a space and a capital or a line break."""
    out, start = [], 0
    for m in re.finditer(r"[.!?…][“”»«\"']?(?=\s+[A-ZÄÖÜ„»\"])|\n+", text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


class DocumentErrors:
    """Categorises the errors of one document's scoring."""

    def __init__(self, doc, preds: list, gold_spans: list[tuple[int, int]], pred_spans: list[tuple[int, int]], all_preds: list):
        self.doc = doc
        self.text = doc.text
        self.preds = preds
        self.g_spans = gold_spans
        self.p_spans = pred_spans
        # the scare quotes a WIKINEWS scoring leaves out
        self.scare_spans = [strip_span(doc.text, p.start, p.end) for p in all_preds if p.kind == "scare"]
        self.bounds = doc.sentences or naive_sentences(doc.text)
        self.sent_starts = [a for a, _ in self.bounds]

    def sentence(self, char: int) -> int:
        return bisect_right(self.sent_starts, char) - 1

    # ------------------------------------------------------------------ attribution

    def wrong_speaker(self, g, p) -> str:
        words = _words()
        if p.speaker_start is None:
            cue = p.cue or ""
            if cue[:1].isdigit():
                return "speaker.none_number_cue"
            if p.cue_start is not None and cue[:1].islower():
                a, b = self.bounds[self.sentence(p.cue_start)]
                if {w.casefold() for w in WORD.findall(self.text[a:b])} & PASSIVE_PERFECT:
                    return "speaker.none_passive_perfect"
            return "speaker.none"
        got = self.text[p.speaker_start : p.speaker_end]
        tokens = WORD.findall(got)
        content = [w for w in tokens if w[:1].isupper() and w.casefold() not in words["closed"]
                   and w not in words["light_nouns"] and not w.casefold().endswith(tuple(words["adverb_endings"]))]
        if tokens and not content and not (len(tokens) == 1 and tokens[0].casefold() in words["pronouns"]):
            return "speaker.not_a_speaker"
        gold_text = g.speaker or ""
        if gold_text.casefold() in words["pronouns"]:
            return "speaker.pronoun_skipped"
        quote_sent = self.sentence(g.start)
        gold_sents = {self.sentence(s) for s, _ in g.speaker_spans}
        pred_sent = self.sentence(p.speaker_start)
        if quote_sent in gold_sents and pred_sent < quote_sent:
            return "speaker.carried_over"
        if pred_sent in gold_sents:
            return "speaker.same_sentence"
        return "speaker.other"

    def short_span(self, g, p) -> bool:
        """A right speaker whose span does not cover the gold mention it overlaps."""
        if p.speaker_start is None:
            return False
        for s, e in g.speaker_spans:
            if min(p.speaker_end, e) > max(p.speaker_start, s):
                return p.speaker_start > s or p.speaker_end < e
        return False

    # ------------------------------------------------------------------ misses

    def miss(self, i: int, matched_gold: set[int]) -> str:
        g = self.doc.quotes[i]
        gs = self.g_spans[i]
        inside = [k for k, other in enumerate(self.g_spans) if k != i and gs[0] <= other[0] and other[1] <= gs[1]]
        if (g.has_nested or inside) and any(k in matched_gold for k in inside):
            return "miss.nested_outer"
        if any(jaccard(gs, ss) >= 0.5 for ss in self.scare_spans):
            return "miss.nested_inner" if g.nested else "miss.typed_scare"
        if g.nested:
            return "miss.nested_inner"
        if g.pieces > 1 and SOURCE_ADVERBIAL.search(self.text[gs[0] : gs[1]]):
            return "miss.discontinuous"
        if any(0 < jaccard(gs, ps) for ps in self.p_spans):
            return "miss.boundary"
        if g.cue and IMPERSONAL.search(g.cue) or IMPERSONAL.search(self.text[max(0, gs[0] - 40) : gs[0]]):
            return "miss.impersonal"
        quote_sent = self.sentence(gs[0])
        elsewhere = g.speaker_spans and all(self.sentence(s) < quote_sent for s, _ in g.speaker_spans)
        if g.kind in ("FreeIndirect", "IndirectFreeIndirect", "free_indirect") or elsewhere and HEARSAY.search(self.text[gs[0] : gs[1]]):
            return "miss.continuation"
        if ZU_END.search(self.text[gs[0] : gs[1]]):
            return "miss.zu_infinitive"
        if g.kind in ("Reported", "reported"):
            return "miss.reported_act"
        return "miss.other"

    # ------------------------------------------------------------------ false hits

    def false_hit(self, j: int) -> str:
        p, ps = self.preds[j], self.p_spans[j]
        if any(0 < jaccard(ps, gs) for gs in self.g_spans):
            return "false.boundary"
        text = self.text[ps[0] : ps[1]]
        if p.kind in ("direct", "partial") and len(WORD.findall(text)) <= 4:
            return "false.title_or_term"
        if p.kind == "indirect" and (re.match(r"(dass|daß|ob)\b", text) or ZU_END.search(text)):
            return "false.no_speech_predicate"
        if p.kind == "reported":
            return "false.reported_narrative"
        if p.kind == "free_indirect":
            return "false.free_indirect"
        return "false.other"

