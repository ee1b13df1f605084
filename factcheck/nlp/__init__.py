"""German quotation and claim detection (placeholder until the detector lands).

Public surface used by the other stages:
    load(model=None) -> spacy.Language
    extract(text, nlp=None) -> list[Quotation]
    EXTRACTOR_VERSION
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

EXTRACTOR_VERSION = "0.0-marks"


@dataclass(frozen=True)
class Quotation:
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_type: str = "unknown"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5

    def as_dict(self) -> dict:
        return asdict(self)


_MARKS = re.compile(r"„([^„“]{1,5000})“|»([^»«]{1,5000})«")


def load(model: str | None = None):
    import spacy

    return spacy.load(model) if model else spacy.blank("de")


def extract(text: str, nlp=None) -> list[Quotation]:
    """Minimal quotation-mark detector: every „…“ / »…« span as a direct quote without speaker."""
    found = []
    for m in _MARKS.finditer(text):
        group = 1 if m.group(1) is not None else 2
        found.append(Quotation(m.start(group), m.end(group), m.group(group), "direct", confidence=0.3))
    return found
