"""The --model path with a dependency parse: the parse, not the word-order rules, names the speaker.

No German pipeline can be installed offline, so the test builds a tiny one: a component that gives the
parse of a few sentences from a table (TIGER labels as in spaCy's German pipelines, one sentence in
Universal Dependencies labels), saved with ``to_disk`` and loaded like an installed pipeline.
"""

import json

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language

from factcheck.cli import cli
from factcheck.nlp import extract, load, quotations_from_doc

# word, head (token index), label; sentences of our own
PARSES = {
    # object first: the rules take "Die Pläne" for the subject
    "Die Pläne kritisierte die Gewerkschaft scharf, sie seien unsozial.": """
        Die 1 nk|Pläne 2 oa|kritisierte 2 ROOT|die 4 nk|Gewerkschaft 2 sb|scharf 2 mo|, 2 punct|sie 8 sb|seien 2 oc|
        unsozial 8 pd|. 2 punct""",
    # perfect tense and a coordinated participle: erklärt -cj-> und -cd-> geprüft -oc-> hat <-sb- Firma
    "Die Vorwürfe hat die Firma inzwischen geprüft und erklärt, alle Regeln seien eingehalten worden.": """
        Die 1 nk|Vorwürfe 6 oa|hat 2 ROOT|die 4 nk|Firma 2 sb|inzwischen 6 mo|geprüft 2 oc|und 6 cd|erklärt 7 cj|
        , 8 punct|alle 11 nk|Regeln 12 sb|seien 8 oc|eingehalten 14 oc|worden 12 oc|. 2 punct""",
    # Universal Dependencies labels: betonte -conj-> nahm <-nsubj- Bürgermeisterin
    "Die Kritik nahm die Bürgermeisterin ernst und betonte, die Stadt habe richtig gehandelt.": """
        Die 1 det|Kritik 2 obj|nahm 2 ROOT|die 4 det|Bürgermeisterin 2 nsubj|ernst 2 xcomp|und 7 cc|
        betonte 2 conj|, 13 punct|die 10 det|Stadt 13 nsubj|habe 13 aux|richtig 13 advmod|gehandelt 7 ccomp|. 2 punct""",
    # a relative clause: its pronoun subject stands for "die Ministerin"
    "Es war die Ministerin, die erklärte, die Schulden seien tragbar.": """
        Es 1 ep|war 1 ROOT|die 3 nk|Ministerin 1 pd|, 6 punct|die 6 sb|erklärte 3 rc|, 10 punct|die 9 nk|Schulden 10 sb|
        seien 6 oc|tragbar 10 pd|. 1 punct""",
    # "„…“, sagte X" with an object before the subject: the rules take "dem Sender"
    "„Das reicht nicht“, sagte dem Sender gestern der Minister.": """
        „ 2 punct|Das 2 sb|reicht 6 oc|nicht 2 ng|“ 2 punct|, 6 punct|sagte 6 ROOT|dem 8 nk|Sender 6 da|gestern 6 mo|
        der 11 nk|Minister 6 sb|. 6 punct""",
    # "Wie X mitteilte, …" with adverbials before the subject: the rules take "Abend"
    "Wie gestern Abend im Rathaus die Sprecherin mitteilte, sei die Brücke gesperrt.": """
        Wie 7 mo|gestern 7 mo|Abend 7 mo|im 7 mo|Rathaus 3 nk|die 6 nk|Sprecherin 7 sb|mitteilte 9 mo|, 9 punct|
        sei 9 ROOT|die 11 nk|Brücke 9 sb|gesperrt 9 oc|. 9 punct""",
    # passive with agent: "von der Behörde", not the passive subject "Die Pläne"
    "Die Pläne wurden am Montag von der Behörde kritisiert, sie seien zu teuer.": """
        Die 1 nk|Pläne 2 sb|wurden 2 ROOT|am 8 mo|Montag 3 nk|von 8 sbp|der 5 nk|Behörde 5 nk|kritisiert 2 oc|
        , 8 punct|sie 11 sb|seien 8 oc|zu 13 mo|teuer 11 pd|. 2 punct""",
    # passive without agent: the parse names no speaker, the rules find the report's issuer
    "Die Pläne wurden in einem Bericht der Behörde kritisiert, sie seien zu teuer.": """
        Die 1 nk|Pläne 2 sb|wurden 2 ROOT|in 8 mo|einem 3 nk|Bericht 3 nk|der 7 nk|Behörde 5 ag|kritisiert 2 oc|
        , 8 punct|sie 11 sb|seien 8 oc|zu 13 mo|teuer 11 pd|. 2 punct""",
    # UD passive with agent
    "Der Entwurf wurde von einem Sprecher der Stadt gelobt, er sei gelungen.": """
        Der 1 det|Entwurf 8 nsubj:pass|wurde 8 aux:pass|von 5 case|einem 5 det|Sprecher 8 obl:agent|der 7 det|
        Stadt 5 nmod|gelobt 8 ROOT|, 11 punct|er 11 nsubj|sei 8 ccomp|gelungen 11 xcomp|. 8 punct""",
}


def table(text):
    rows = [r.split() for r in " ".join(text.split()).split("|")]
    return [(w, int(h), d) for w, h, d in rows]


@Language.factory("factcheck_test_table_parser")
def make_table_parser(nlp, name):
    def parse(doc):
        rows = PARSES.get(doc.text)
        if rows is None:
            return doc  # not in the table: no parse
        rows = table(rows)
        assert [t.text for t in doc] == [w for w, _, _ in rows]
        for tok, (_, head, dep) in zip(doc, rows):
            tok.head = doc[head]
            tok.dep_ = dep
        return doc

    return parse


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    base = spacy.blank("de")
    base.add_pipe("factcheck_test_table_parser")
    path = tmp_path_factory.mktemp("model") / "tiny_de_parser"
    base.to_disk(path)
    return path


def speaker_of(text, nlp=None):
    """Speaker, its mention and type of the single claim in ``text`` (no fallback hides an error)."""
    qs = quotations_from_doc((nlp or load())(text))
    assert len(qs) == 1, qs
    q = qs[0]
    mention = text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None
    return q.speaker, mention, q.speaker_type


@pytest.mark.parametrize("text, rules, parsed", [
    ("Die Pläne kritisierte die Gewerkschaft scharf, sie seien unsozial.", "Pläne", ("Gewerkschaft", "die Gewerkschaft")),
    ("Die Vorwürfe hat die Firma inzwischen geprüft und erklärt, alle Regeln seien eingehalten worden.",
     "Vorwürfe", ("Firma", "die Firma")),
    # (the rules now read this fronted object right too; the case stays for the UD labels)
    ("Die Kritik nahm die Bürgermeisterin ernst und betonte, die Stadt habe richtig gehandelt.",
     "Bürgermeisterin", ("Bürgermeisterin", "die Bürgermeisterin")),
    # (the rules now name a relative pronoun's antecedent too)
    ("Es war die Ministerin, die erklärte, die Schulden seien tragbar.", "Ministerin", ("Ministerin", "die Ministerin")),
    ("„Das reicht nicht“, sagte dem Sender gestern der Minister.", "Sender", ("Minister", "der Minister")),
    ("Wie gestern Abend im Rathaus die Sprecherin mitteilte, sei die Brücke gesperrt.", "Abend", ("Sprecherin", "die Sprecherin")),
])
def test_parse_decides_the_speaker(model_path, text, rules, parsed):
    nlp = load(str(model_path))
    assert "factcheck_test_table_parser" in nlp.pipe_names and nlp.pipe_names[-1] == "factcheck_quotes"
    assert nlp(text).has_annotation("DEP") and not load()(text).has_annotation("DEP")
    assert speaker_of(text)[0] == rules  # what the rules alone pick: mostly another speaker (or none)
    assert speaker_of(text, nlp)[:2] == parsed


def test_passive_agent_from_the_parse_not_the_passive_subject(model_path):
    nlp = load(str(model_path))
    t = "Die Pläne wurden am Montag von der Behörde kritisiert, sie seien zu teuer."
    assert speaker_of(t, nlp)[:2] == ("Behörde", "der Behörde")
    t = "Der Entwurf wurde von einem Sprecher der Stadt gelobt, er sei gelungen."
    assert speaker_of(t, nlp)[:2] == ("Sprecher der Stadt", "einem Sprecher der Stadt")


def test_rules_stay_when_the_parse_names_no_speaker(model_path):
    nlp = load(str(model_path))
    t = "Die Pläne wurden in einem Bericht der Behörde kritisiert, sie seien zu teuer."
    assert speaker_of(t, nlp) == speaker_of(t) == ("Behörde", "einem Bericht der Behörde", "organization")
    t = "Der Minister sagte, die Lage sei ernst."  # not in the table: no parse, the rules as always
    assert speaker_of(t, nlp) == speaker_of(t)


def test_extract_cli_with_model_path_uses_the_parse(model_path, tmp_path):
    src = tmp_path / "artikel.txt"
    text = "Die Pläne kritisierte die Gewerkschaft scharf, sie seien unsozial."
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--model", str(model_path), str(src)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["speaker"], text[r["speaker_start"] : r["speaker_end"]]) for r in rows] == [
        ("sie seien unsozial", "Gewerkschaft", "die Gewerkschaft")]
    plain = CliRunner().invoke(cli, ["extract", str(src)])
    assert json.loads(plain.output.splitlines()[0])["speaker"] == "Pläne"
    assert extract(text, load(str(model_path)))[0].speaker == "Gewerkschaft"
