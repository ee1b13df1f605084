"""The evaluation metric, `factcheck eval`, the seeds acceptance figures and the WIKINEWS dev regression."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.nlp import Quotation, extract
from factcheck.nlp.evaluate import GoldDoc, GoldQuote, Scores, jaccard, load_gold, score_doc, strip_span

REPO = Path(__file__).resolve().parents[1]
SEEDS_GOLD = REPO / "data" / "seeds.gold.jsonl"
WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes"


def q(start, end, kind="direct", sp=None):
    return Quotation(start, end, "", kind, speaker_start=sp[0] if sp else None, speaker_end=sp[1] if sp else None)


def test_strip_and_jaccard():
    text = "Er sagte: „ Hallo Welt. “ Ende"
    assert text[slice(*strip_span(text, 10, 25))] == "Hallo Welt."
    assert jaccard((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert jaccard((0, 10), (10, 20)) == 0.0


def test_one_to_one_matching_best_overlap_first_and_attribution():
    text = "x" * 200
    gold = GoldDoc("d", text, [GoldQuote(0, 100, "Indirect", [(150, 160)]), GoldQuote(0, 60, "Direct", [])])
    preds = [q(0, 58, sp=(0, 5)), q(0, 100, sp=(155, 158)), q(0, 100, sp=(0, 1))]
    s = Scores()
    score_doc(gold, preds, s, "wikinews")
    assert (s.n_gold, s.n_pred, s.matched) == (2, 3, 2)  # the duplicate is a false hit
    assert s.attributed == 2  # overlap with the gold speaker; the gold without speaker counts as right
    assert s.message[0] == pytest.approx(2 / 3) and s.message[1] == 1.0


def test_jaccard_threshold_and_scare_left_out_for_wikinews():
    text = "y" * 100
    gold = GoldDoc("d", text, [GoldQuote(0, 40, "Direct")])
    s = Scores()
    score_doc(gold, [q(0, 19), q(50, 60, "scare")], s, "wikinews")
    assert s.matched == 0 and s.n_pred == 1  # 19/40 < 0.5 misses; the scare quote is not scored
    s = Scores()
    score_doc(gold, [q(0, 20)], s, "wikinews")
    assert s.matched == 1


def test_seeds_done_when():
    """All quotation-marked spans found with the right kind; speaker right for >= 90 %; nothing extra."""
    docs, fmt = load_gold(SEEDS_GOLD)
    assert fmt == "jsonl" and sum(len(d.quotes) for d in docs) == 33
    marked = found_kind = 0
    for doc in docs:
        preds = extract(doc.text)
        by_span = {(p.start, p.end): p for p in preds}
        for g in doc.quotes:
            if g.kind in ("direct", "partial", "scare"):
                marked += 1
                p = by_span.get((g.start, g.end))
                found_kind += p is not None and p.kind == g.kind
    assert marked == 19 and found_kind == 19
    s = Scores()
    for doc in docs:
        score_doc(doc, extract(doc.text), s, fmt)
    assert s.speaker_right / s.speaker_checked >= 0.9
    assert s.n_pred == s.matched  # nothing reported where the seeds have no quotation


def test_eval_cli_on_seeds_and_bad_gold(tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(SEEDS_GOLD)])
    assert result.exit_code == 0, result.output
    assert "message" in result.output and "attribution" in result.output and "recall by gold type" in result.output
    bad = CliRunner().invoke(cli, ["eval", str(tmp_path / "nope.jsonl")])
    assert bad.exit_code != 0 and "nope.jsonl" in bad.output and "Traceback" not in bad.output


@pytest.mark.skipif(not (WIKINEWS / "dev").is_dir(), reason="WIKINEWS corpus not present in ../shared")
def test_wikinews_dev_regression():
    """Regression floor on the dev split, just under today's 0.818 / 0.758 (extractor 1.7-rules)."""
    from factcheck.nlp.evaluate import evaluate

    docs, fmt = load_gold(WIKINEWS / "dev")
    scores = evaluate(docs, extract, fmt).as_dict()
    assert scores["message"]["f1"] >= 0.816
    assert scores["attribution"]["f1"] >= 0.756
