"""spaCy components of the factcheck German pipeline and the extensions they set.

``factcheck_lemmatizer`` spaCy's lookup lemmatizer (spacy-lookups-data), one array write per Doc.
``factcheck_sentences``  pairs quotation marks (``doc._.quote_marks``) and sets sentence starts that never
                         split a quotation.
``factcheck_quotes``     finds quotations and claims and writes them to ``doc.spans["quotes"]`` with the
                         Span extensions kind, speaker, speaker_type, speaker_span, cue_span and confidence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span

from .lexicons import load_lexicons
from .rules import Sentence, find_quotations
from .segment import find_quote_tokens, segment

SPANS_KEY = "quotes"
MAX_WORDS = 1_000_000  # words whose lemma the lemmatizer keeps; past that it starts again


def _register_extensions() -> None:
    if not Doc.has_extension("quote_marks"):
        Doc.set_extension("quote_marks", default=None)
    for name, default in (
        ("kind", None),
        ("speaker", None),
        ("speaker_type", "unknown"),
        ("speaker_span", None),
        ("cue_span", None),
        ("confidence", 0.0),
        ("part_of", None),
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Span.has_extension("attributed"):
        Span.set_extension("attributed", getter=lambda span: span._.speaker is not None)


_register_extensions()


class LookupLemmatizer(Lemmatizer):
    """spaCy's lemmatizer in lookup mode with the same lemmas, faster: spaCy's looks up and writes every token
    through a Token object (an eighth of the pipeline's time); this one reads the words as an array, looks each
    distinct word up once per process and writes the lemmas back in one array write."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lemma_of: dict[int, int] = {}  # word (orth id) -> lemma (string id)

    def initialize(self, *args, **kwargs):
        super().initialize(*args, **kwargs)
        self._lemma_of = {}

    def _look_up(self, orths: set[int], table, strings) -> None:
        """Keep the lemma (string id) of each word (orth id) in ``_lemma_of``: its form in the table, else itself."""
        words = {orth: strings[orth] for orth in orths}
        forms = table.get_many(list(words.values())) if hasattr(table, "get_many") else {
            word: table[word] for word in words.values() if word in table}
        for orth, word in words.items():
            self._lemma_of[orth] = strings.add(forms.get(word, word))

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup" or self.overwrite or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        table = self.lookups.get_table("lemma_lookup", {})
        strings = doc.vocab.strings
        lemma_of = self._lemma_of
        words = doc.to_array([ORTH, LEMMA])
        lemmas = words[:, 1]
        unset = lemmas == 0  # as spaCy's with overwrite=False: a lemma set before stays
        if unset.any():
            orths = words[unset, 0].tolist()
            if len(lemma_of) > MAX_WORDS:
                lemma_of.clear()
            # each distinct word once per process (a dict lookup per token after that), the new ones of a Doc
            # asked of the table together
            found = list(map(lemma_of.get, orths))
            if None in found:
                self._look_up({orth for orth, lemma in zip(orths, found) if lemma is None}, table, strings)
                found = [lemma_of[orth] for orth in orths]
            lemmas = lemmas.copy()
            lemmas[unset] = numpy.array(found, dtype="uint64")
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


class QuoteSentencizer:
    """Sentence boundaries that keep quotations whole (see segment.py)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        marks = find_quote_tokens(doc)
        doc._.quote_marks = marks
        if not doc.has_annotation("DEP"):
            segment(doc, marks)
        return doc


class QuoteDetector:
    """Finds direct, partial, indirect, free indirect and reported speech and scare quotes with speakers."""

    def __init__(self, nlp: Language, name: str, spans_key: str, min_confidence: float):
        self.name = name
        self.spans_key = spans_key
        self.min_confidence = min_confidence
        self.lexicons = load_lexicons()

    def __call__(self, doc: Doc) -> Doc:
        marks = doc._.quote_marks
        if marks is None:
            marks = find_quote_tokens(doc)
            doc._.quote_marks = marks
        if not doc.has_annotation("SENT_START"):
            segment(doc, marks)
        outer = [(o, c) for o, c, d in marks if d == 0]
        sentences = []
        k = 0
        for start, end in sentence_bounds(doc):
            s = Sentence(start, end)
            while k < len(outer) and outer[k][0] < start:
                k += 1
            j = k
            while j < len(outer) and outer[j][1] < end:
                s.marks.append(outer[j])
                j += 1
            sentences.append(s)
        spans = []
        for f in find_quotations(doc, self.lexicons, marks, sentences):
            if f.end <= f.start or f.confidence < self.min_confidence:
                continue
            span = Span(doc, f.start, f.end, label=f.kind)
            ext = span._  # each ``span._`` builds a new accessor: once per span
            ext.kind = f.kind
            ext.confidence = f.confidence
            if f.speaker is not None:
                ext.speaker = f.speaker.name
                ext.speaker_type = f.speaker.type if f.speaker.name else "unknown"
                ext.speaker_span = doc[f.speaker.start : f.speaker.end]
            if f.cue is not None:
                ext.cue_span = doc[f.cue[0] : f.cue[1]]
            spans.append(span)
        link_parts(spans)
        doc.spans[self.spans_key] = spans
        return doc


# A claim in reported form (indirect, free indirect, reported speech) often quotes some of the speaker's own
# words verbatim: „Der Minister sagte, der Plan sei „ein Schritt zurück“.“ The quoted words are not a claim
# of their own but part of the enclosing one; they are kept (as evidence of the exact wording) with a link.
CLAIM_KINDS = ("indirect", "free_indirect", "reported")
FRAGMENT_KINDS = ("partial", "direct")


def link_parts(spans: list[Span]) -> None:
    """Set ``span._.part_of`` of every verbatim fragment to the smallest claim that contains it and has the
    same speaker (a fragment without a speaker takes the claim's). One sweep in text order: only the claims
    that reach the fragment's start are looked at, so the work stays linear however many fragments there are."""
    claims = sorted((s for s in spans if s.label_ in CLAIM_KINDS), key=lambda s: s.start)  # the label is the kind
    if not claims:
        return
    active: list[Span] = []
    k = 0
    for span in sorted((s for s in spans if s.label_ in FRAGMENT_KINDS), key=lambda s: s.start):
        while k < len(claims) and claims[k].start <= span.start:
            active.append(claims[k])
            k += 1
        active = [c for c in active if c.end >= span.start]
        speaker = span._.speaker
        around = [
            c for c in active
            if span.end <= c.end and (c.start, c.end) != (span.start, span.end)
            and (speaker is None or speaker == c._.speaker)
        ]
        if around:
            span._.part_of = min(around, key=len)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of the sentences; read off the SENT_START array, which is much faster than
    ``doc.sents`` (a Span per sentence); a parsed Doc takes its sentences from the parse."""
    if doc.has_annotation("DEP"):
        return [(sent.start, sent.end) for sent in doc.sents]
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if len(doc) and (not starts or starts[0] != 0):
        starts.insert(0, 0)
    return list(zip(starts, starts[1:] + [len(doc)]))


@Language.factory("factcheck_lemmatizer", default_config={"mode": "lookup", "overwrite": False})
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


@Language.factory("factcheck_sentences")
def make_sentences(nlp: Language, name: str) -> QuoteSentencizer:
    return QuoteSentencizer(nlp, name)


@Language.factory(
    "factcheck_quotes",
    default_config={"spans_key": SPANS_KEY, "min_confidence": 0.0},
)
def make_quotes(nlp: Language, name: str, spans_key: str, min_confidence: float) -> QuoteDetector:
    return QuoteDetector(nlp, name, spans_key, min_confidence)
