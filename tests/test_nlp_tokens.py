"""token_columns: the Doc's tokens as plain lists, the same as spaCy's Token objects say."""

from __future__ import annotations

from factcheck.nlp import extract, load
from factcheck.nlp.tokenizer import token_columns

TEXT = "Der Minister sagte:  „Wir kommen.“\nEr sei zufrieden, so Müller. "


def test_token_columns_are_what_the_tokens_say():
    doc = load().make_doc(TEXT)
    words, starts, spaces, text = token_columns(doc)
    assert words == [t.text for t in doc]
    assert starts == [t.idx for t in doc]
    assert spaces == [bool(t.whitespace_) for t in doc]
    assert text == doc.text == TEXT


def test_token_columns_are_read_again_when_the_tokens_change():
    doc = load().make_doc(TEXT)
    token_columns(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    assert token_columns(doc).words == [t.text for t in doc]


def test_quotation_texts_are_the_texts_at_their_offsets():
    for q in extract(TEXT):
        assert q.text == TEXT[q.start:q.end]
        assert q.cue is None or q.cue == TEXT[q.cue_start:q.cue_end]
