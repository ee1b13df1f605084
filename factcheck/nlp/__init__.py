"""German quotation and claim detection with speaker attribution.

Public surface used by the other stages:
    load(model=None) -> spacy.Language      the pipeline (cached per model name)
    extract(text, nlp=None) -> list[Quotation]
    EXTRACTOR_VERSION, extractor_version(nlp)

The default pipeline is ``spacy.blank("de")`` + the lookup lemmatizer (spacy-lookups-data) +
``factcheck_sentences`` + ``factcheck_quotes`` (see components.py). With ``model=NAME`` an installed spaCy
German pipeline runs first and its entities name and type the speakers; if it has a parser, the subject of a
cue verb in its dependency parse is the speaker (see parse.py).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from functools import lru_cache

EXTRACTOR_VERSION = "1.7-rules"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quotation:
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect | free_indirect | reported | scare
    speaker: str | None = None
    speaker_type: str = "unknown"  # person | organization | anonymous | unknown
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5
    part_of: int | None = None  # a verbatim fragment of a claim: the index of that claim in the same list

    def as_dict(self) -> dict:
        return asdict(self)


def load(model: str | None = None):
    """The quotation pipeline; ``model`` names an installed spaCy pipeline (or a path) to build on (cached)."""
    return _load(model or None)


@lru_cache(maxsize=4)
def _load(model: str | None):
    from .spacy_import import import_spacy

    spacy = import_spacy()  # before the components import spaCy: without spacy.cli

    from . import components  # noqa: F401  (registers the factories)
    from .tokenizer import LinearTokenizer

    if model:
        nlp = spacy.load(model)
        first = nlp.pipe_names[0] if nlp.pipe_names else None
        if first:
            nlp.add_pipe("factcheck_sentences", before=first)
        else:
            nlp.add_pipe("factcheck_sentences")
        if "lemmatizer" not in nlp.pipe_names:
            _add_lookup_lemmatizer(nlp)
        nlp.add_pipe("factcheck_quotes", last=True)
    else:
        nlp = spacy.blank("de")
        _add_lookup_lemmatizer(nlp)
        nlp.add_pipe("factcheck_sentences")
        nlp.add_pipe("factcheck_quotes")
    nlp.tokenizer = LinearTokenizer(nlp.tokenizer)
    nlp.max_length = 50_000_000
    nlp.meta["factcheck_base"] = model
    return nlp


def extractor_version(nlp=None) -> str:
    """The version stored with quotations found by ``nlp``: EXTRACTOR_VERSION, plus the name of the spaCy
    pipeline it builds on if any ("1.7-rules+de_core_news_lg"), so re-extraction can tell them apart."""
    base = nlp.meta.get("factcheck_base") if nlp is not None else None
    return f"{EXTRACTOR_VERSION}+{base}" if base else EXTRACTOR_VERSION


def _add_lookup_lemmatizer(nlp) -> None:
    from .lemmas import lemma_lookups  # the forms as strings, cached: a second less start-up than load_lookups

    lemmatizer = nlp.add_pipe("factcheck_lemmatizer", name="lemmatizer", config={"mode": "lookup", "overwrite": False})
    lemmatizer.initialize(lookups=lemma_lookups("de"))


def quotations_from_doc(doc, key: str = "quotes") -> list[Quotation]:
    from .tokenizer import token_columns

    spans = list(doc.spans[key]) if key in doc.spans else []
    index = {(s.start, s.end, s.label_): i for i, s in enumerate(spans)}
    text = token_columns(doc).text  # kept with the Doc: slicing it is cheaper than span.text, built token by token
    out = []
    for span in spans:
        ext = span._  # each ``span._`` builds a new accessor: once per span
        sp, cue, outer = ext.speaker_span, ext.cue_span, ext.part_of
        out.append(
            Quotation(
                start=span.start_char,
                end=span.end_char,
                text=text[span.start_char : span.end_char],
                kind=ext.kind,
                speaker=ext.speaker or None,  # a mention with no name left ("Das") names nobody
                speaker_type=ext.speaker_type,
                speaker_start=sp.start_char if sp is not None else None,
                speaker_end=sp.end_char if sp is not None else None,
                cue=text[cue.start_char : cue.end_char] if cue is not None else None,
                cue_start=cue.start_char if cue is not None else None,
                cue_end=cue.end_char if cue is not None else None,
                confidence=round(float(ext.confidence), 3),
                part_of=index[(outer.start, outer.end, outer.label_)] if outer is not None else None,
            )
        )
    return out


def extract(text: str, nlp=None) -> list[Quotation]:
    """All quotations in ``text``; offsets index ``text`` itself. Never raises on any string."""
    if not text:
        return []
    try:
        doc = (nlp or load())(text)
        return quotations_from_doc(doc)
    except Exception:  # pragma: no cover - last line of defence for the ingest batch
        log.exception("quotation extraction failed; falling back to quotation marks only")
        return _marks_only(text)


def _marks_only(text: str) -> list[Quotation]:
    from .marks import find_marks

    return [
        Quotation(m.open + 1, m.close, text[m.open + 1 : m.close], "direct", confidence=0.2)
        for m in find_marks(text)
        if m.depth == 0
    ]
