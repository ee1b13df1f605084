"""The rules' pre-filters (rules/words.py, Document.token_columns) skip only tokens where a rule finds nothing: on
real texts each gives what the exhaustive scan it replaced gives. A rule that learns a new trigger word must teach
its flag too, or these fail."""

from pathlib import Path

import pytest

import factcheck.nlp.components as components
from factcheck.nlp import extract, load
from factcheck.nlp.evaluate import load_wikinews
from factcheck.nlp.rules.complements import content_noun
from factcheck.nlp.rules.cues import cue_at, find_cues
from factcheck.nlp.rules.document import Document

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS_DEV = ROOT.parent / "shared" / "data" / "wikinews-quotes" / "dev"
SENTENCES = [
    "Laut Polizei war der Mann betrunken. Nach Angaben der Feuerwehr brannte das Haus ab.",
    "Die Studie, nach denen die Preise steigen, liegt vor. Die Berichte, denen zufolge er floh, stimmen nicht.",
    "Dem Sprecher zufolge sei die Lage ruhig, so der Minister. Es gibt einen Bericht, wonach er gelogen habe.",
    "Demnach habe die Firma Verluste gemacht. In einer Erklärung hieß es, man prüfe den Fall.",
    "„Wir kommen“, sagte Anna Berg. Sie teilte mit, dass sie gehe. Er gab bekannt, er trete zurück.",
    "Die Kritiker befürchten, die Reform funktioniere nicht. Der Verband warnt vor Sturm und hält das für falsch.",
    "Präsident Joe Biden äußerte sich nicht. Der Vorwurf der Opposition, der Minister habe gelogen, wiegt schwer.",
    "Sie soll den Vertrag unterschrieben haben. Er sprach von einem „Skandal“ und verlautbarte, es gehe weiter.",
]


@pytest.fixture(scope="module")
def documents():
    """(Document, sentences) of the seeds, the sentences above and (when present) the WIKINEWS dev texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] + SENTENCES
    if WIKINEWS_DEV.is_dir():
        texts += [d.text for d in load_wikinews(WIKINEWS_DEV)][:80]
    captured = []
    find_quotations = components.find_quotations

    def capture(doc, lex, marks, sentences):
        captured.append((doc, lex, marks, sentences))
        return []

    nlp = load()
    components.find_quotations = capture
    try:
        for text in texts:
            extract(text, nlp)
    finally:
        components.find_quotations = find_quotations
    return [(Document(doc, lex, marks), sentences) for doc, lex, marks, sentences in captured]


def test_find_cues_finds_what_a_scan_of_every_token_finds(documents):
    for d, sentences in documents:
        for sent in sentences:
            assert find_cues(d, sent) == every_token_cues(d, sent)


def every_token_cues(d, sent):
    """find_cues as it was before the pre-filter: frame_at and verb_lemma at every token."""
    cues, i = [], sent.start
    while i < sent.end:
        if d.in_mark[i]:
            i += 1
            continue
        cue, i = cue_at(d, sent, i)
        cues += [cue] if cue is not None else []
    return cues


def test_konjunktiv_columns_agree_with_the_rule(documents):
    for d, sentences in documents:
        tk = d.tk
        assert d.konjunktiv == [d.konjunktiv_form(k) for k in range(tk.n)]
        for sent in sentences:
            for a, b in ((sent.start, sent.end), (sent.start, (sent.start + sent.end) // 2)):
                for hearsay in (False, True):
                    for strong in (False, True):
                        expected = any(not d.in_mark[k] and (
                            d.konjunktiv_form(k) and not (strong and tk.text[k] in d.lex.konjunktiv_weak)
                            or hearsay and tk.text[k] in d.lex.hearsay) for k in range(a, b))
                        assert d.has_konjunktiv(a, b, hearsay=hearsay, strong=strong) == expected


def test_token_positions_are_the_tokens_the_rules_tested(documents):
    for d, _ in documents:
        tk, lex = d.tk, d.lex
        stance = d.derived["stance_words"]
        assert d.stance_starts == [v for v in range(tk.n) if tk.lemma[v].lower() in stance
                                   or lex.verb_forms.get(tk.text[v]) in stance]
        assert d.commas == [k for k in range(tk.n) if tk.text[k] == "," and not d.in_mark[k]]
        assert {i for i in range(tk.n) if tk.cap[i] and tk.text[i] in lex.roles} <= set(d.roles_at)


def test_content_noun_needs_a_flagged_noun_before_the_comma(documents):
    found = 0
    for d, sentences in documents:
        for sent in sentences:
            for k in d.commas_in(sent.start + 1, sent.end - 2):
                noun = content_noun(d, k, d.clause_start(k, sent.start))
                found += noun is not None
                assert noun is None or any(sent.start <= j < k for j in d.content_nouns_at)
    assert found  # the sentences above hold one ("Der Vorwurf der Opposition, …")
