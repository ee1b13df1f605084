"""`factcheck extract` and the robustness of extract() on arbitrary input (hypothesis)."""

import json

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.nlp import EXTRACTOR_VERSION, Quotation, extract

FIELDS = ["source", "start", "end", "text", "kind", "speaker", "speaker_type", "speaker_start", "speaker_end",
          "cue", "cue_start", "cue_end", "confidence", "part_of"]
KINDS = {"direct", "partial", "indirect", "free_indirect", "reported", "scare"}
TYPES = {"person", "organization", "anonymous", "unknown"}


def no_fallback(text):
    """extract() without hitting its last-resort fallback (which would hide a bug in the rules)."""
    from factcheck.nlp import load, quotations_from_doc

    quotes = quotations_from_doc(load()(text)) if text else []
    assert quotes == extract(text)
    return quotes


def check_valid(text, quotes):
    for q in quotes:
        assert isinstance(q, Quotation)
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in KINDS and q.speaker_type in TYPES
        for a, b in ((q.speaker_start, q.speaker_end), (q.cue_start, q.cue_end)):
            assert (a is None) == (b is None)
            if a is not None:
                assert 0 <= a < b <= len(text)
        if q.cue is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
        assert 0.0 <= q.confidence <= 1.0


def test_extract_cli_jsonl(tmp_path):
    src = tmp_path / "a.txt"
    text = "Vorab.\r\nDer Sprecher sagte: „Wir kommen morgen.“ Laut Polizei wurden zwei Menschen verletzt.\n"
    src.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(cli, ["extract", str(src)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert list(row) == FIELDS
        assert row["source"] == str(src)
        assert text[row["start"] : row["end"]] == row["text"]  # offsets into the decoded text, \r kept
    assert rows[0]["text"] == "Wir kommen morgen." and rows[0]["kind"] == "direct"


def test_extract_cli_table_and_latin1(tmp_path):
    src = tmp_path / "b.txt"
    src.write_bytes("Der Minister erklärte, die Lage sei ernst und größer als gedacht.".encode("cp1252"))
    result = CliRunner().invoke(cli, ["extract", "--format", "table", str(src)])
    assert result.exit_code == 0, result.output
    assert "indirect" in result.output and "Minister" in result.output


def test_extract_cli_bad_files_one_line_each_and_nonzero_exit(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("„Gut so“, sagte sie.", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "missing.txt"), str(good), str(binary), str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert any("missing.txt" in line for line in errors)
    assert any(str(tmp_path) in line and "directory" in line for line in errors)
    assert json.loads(result.stdout.splitlines()[0])["text"] == "Gut so"  # the batch went on


def test_version_is_set():
    assert EXTRACTOR_VERSION and EXTRACTOR_VERSION != "0.0-marks"


def test_empty_and_whitespace_input():
    assert extract("") == []
    assert extract(" \n\t ") == []


MARKS = "„“”‚‘’»«›‹\"'"
german = st.text(alphabet=st.sampled_from(list("abcdeäöüß ABCÄÖÜ.,:;!?–\n") + list(MARKS)), max_size=400)
words = st.lists(
    st.sampled_from(["Er", "sagte", ",", "dass", "sei", "laut", "Polizei", "so", "der", "Sprecher", ":", "„", "“", "«",
                     "»", "'", "\"", ".", "\n\n", "zufolge", "habe", "Biden", "teilte", "mit", "wie", "heißt", "es",
                     "nach", "Angaben", "von", "sie", "nicht", "–", "(", ")"]),
    max_size=120,
).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_unicode_never_raises(text):
    check_valid(text, no_fallback(text))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(german)
def test_random_quotation_marks_never_raise(text):
    check_valid(text, no_fallback(text))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words)
def test_random_cue_soup_never_raises(text):
    check_valid(text, no_fallback(text))


def test_one_megabyte_single_line():
    sentence = "Der Sprecher sagte, die Lage sei „ernst“, und laut Polizei wurden zwei Menschen verletzt. „Stray "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    assert "\n" not in text
    quotes = extract(text)
    check_valid(text, quotes)
    assert len(quotes) > 1000
