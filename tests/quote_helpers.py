"""Helpers for tests of the detector on single sentences."""

from factcheck.nlp import extract


def find(text, snippet):
    """The single quotation whose text starts with ``snippet`` (its offsets checked against the text)."""
    hits = [q for q in extract(text) if q.text.startswith(snippet)]
    assert len(hits) == 1, [(q.kind, q.text) for q in extract(text)]
    q = hits[0]
    assert text[q.start : q.end] == q.text
    return q


def speaker_mention(text, q):
    """The speaker mention of ``q`` as it stands in the text."""
    return text[q.speaker_start : q.speaker_end]


def nested(text, outer, inner):
    """The claim starting with ``outer`` and the verbatim fragment starting with ``inner``, linked by ``part_of``."""
    claim, fragment = find(text, outer), find(text, inner)
    assert fragment.part_of is not None and extract(text)[fragment.part_of] == claim
    return claim, fragment
