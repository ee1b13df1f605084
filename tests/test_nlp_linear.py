"""The detector stays linear in its input on every input (issue 12, item 8).

A run of 50,000 quotation marks took 204 s: spaCy's tokenizer strips one affix at a time from a chunk without
whitespace and searches the whole rest of it each time (tokenizer.py); and the rules, which look at a sentence
as a whole, once per quotation or cue in it, were quadratic in a sentence without end (segment.py caps it).
Times are CPU times of this process, so other work on the machine does not count.
"""

import time

import pytest
import spacy
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.nlp import extract, load
from factcheck.nlp.components import sentence_bounds
from factcheck.nlp.segment import MAX_SENTENCE_TOKENS
from factcheck.nlp.tokenizer import MAX_AFFIXES, LinearTokenizer

MARKS = ["„", '"', "»", "‚"]


def cpu(fn, *args):
    start = time.process_time()
    result = fn(*args)
    return time.process_time() - start, result


@pytest.mark.parametrize("mark", MARKS)
def test_100k_quotation_marks_take_under_2_seconds(mark):
    nlp = load()
    extract("Er sagte: „Ja.“", nlp)  # loading and first-call costs are not the run's
    seconds, quotes = cpu(extract, "Potsdam. Olaf Scholz sagte: " + mark * 100_000, nlp)
    assert seconds < 2.0, f"{seconds:.1f} s"
    assert all(q.text for q in quotes)


mark_patterns = st.text(alphabet="„“‚‘»«\"' a.,:", min_size=1, max_size=10).filter(
    lambda p: any(ch in "„“‚‘»«\"'" for ch in p))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mark_patterns)
@example('" „‘:".“„‘')  # many claims carrying one speaker: each looked back to its first mention (resolve.py)
def test_time_grows_linearly_with_the_number_of_marks(pattern):
    """Four times the marks cost about four times as long (quadratic work would cost sixteen times)."""
    nlp = load()
    marks = sum(ch in "„“‚‘»«\"'" for ch in pattern)

    def text(n):
        return "Olaf Scholz sagte: " + pattern * (n // marks + 1)

    extract(text(200), nlp)
    small, _ = cpu(extract, text(6_000), nlp)
    large, _ = cpu(extract, text(24_000), nlp)
    assert large < 6 * small + 0.3, f"{pattern!r}: {small:.2f} s -> {large:.2f} s"


def test_a_150_kb_file_of_quotation_marks_does_not_stall(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text("Olaf Scholz sagte: " + "„" * 50_000, encoding="utf-8")
    assert path.stat().st_size > 150_000
    seconds, result = cpu(CliRunner().invoke, cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert seconds < 5.0


@pytest.mark.parametrize("text", [
    "Der Minister sagte: „Wir kommen.“ (dpa) https://example.org/a/b?c=1&d=2 – 3,5 % „‚Ja‘“, …",
    "„" * (MAX_AFFIXES - 1) + " Ende",
])
def test_ordinary_text_is_tokenized_by_spacy(text):
    plain = spacy.blank("de").tokenizer
    assert [t.text for t in LinearTokenizer(plain)(text)] == [t.text for t in plain(text)]


def test_a_chunk_dense_in_punctuation_is_split_linearly_and_keeps_the_text():
    text = "Er sagte  " + "„a" * MAX_AFFIXES + "“  und ging.\n" + "»" * 5000 + " Ende"
    doc = LinearTokenizer(spacy.blank("de").tokenizer)(text)
    assert doc.text == text
    assert [t.text for t in doc][:6] == ["Er", "sagte", " ", "„", "a", "„"]
    assert [t.text for t in doc][-2:] == ["»", "Ende"]


def test_sentences_without_end_are_cut_outside_quotations():
    nlp = load()
    quote = "„" + " ".join(["wir"] * 300) + "“"
    text = "Er sagte " + ", ".join(["eins zwei drei"] * 200) + " " + quote + " und " + "x " * 400
    doc = nlp(text)
    bounds = sentence_bounds(doc)
    assert len(bounds) > 3
    marks = [(o, c) for o, c, d in doc._.quote_marks if d == 0]
    assert len(marks) == 1
    o, c = marks[0]
    assert any(a <= o and c < b for a, b in bounds)  # the quotation stays in one sentence
    assert all(b - a <= MAX_SENTENCE_TOKENS or a <= o < b for a, b in bounds)
    assert any(doc[a - 1].text == "," for a, _ in bounds[1:3])  # cut after a clause boundary


def test_lookup_lemmatizer_gives_spacys_lemmas():
    """The pipeline's array lemmatizer (components.LookupLemmatizer) writes exactly the lemmas of spaCy's lookup
    lemmatizer, also for a word seen a second time (its cache) and for a word the table does not know."""
    from spacy.lookups import load_lookups

    text = "Die Ministerin sagte, die Gespräche seien gescheitert. Die Ministerin sagte es zweimal. Quarxelbrot!"
    reference = spacy.blank("de")
    lemmatizer = reference.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
    lemmatizer.initialize(lookups=load_lookups("de", ["lemma_lookup"]))
    nlp = load()
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "LookupLemmatizer"
    ours = nlp.get_pipe("lemmatizer")(nlp.make_doc(text))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in reference(text)]
    assert [t.lemma_ for t in ours][:3] == ["der", "Ministerin", "sagen"]
    assert "Quarxelbrot" in [t.lemma_ for t in ours]
    assert [t.lemma_ for t in nlp.get_pipe("lemmatizer")(nlp.make_doc(""))] == []
