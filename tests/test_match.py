"""Near-duplicate claims: seed quotations re-reported with other marks, cut, a word changed; and what
must not be clustered. Fixtures go straight through the store (not through the detector)."""

import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from factcheck import match
from factcheck.cli import cli
from factcheck.match import candidates, core, forked, score
from factcheck.match.candidates import Corpus, band_hashes, lsh_pairs, rare_word_pairs
from factcheck.match.normalize import claim_form, surface, units
from factcheck.store import history, open_db, quote_id, speaker_id

from conftest import SEEDS

# Quotations from the seeds, as printed there.
MEDWEDEW = (
    "Der ukrainische Staat in seiner derzeitigen Form … wird eine ständige, direkte und eindeutige Bedrohung "
    "für Russland darstellen. Daher sollte das Ziel unseres zukünftigen Handelns neben dem Schutz unseres "
    "Volkes und der Grenzen des Landes meiner Meinung nach der vollständige Abbau des politischen Regimes "
    "der Ukraine sein."
)
WHITE_HOUSE = (
    "seine Verurteilung der russischen Raketenangriffe in der gesamten Ukraine, einschließlich Kiew, zum "
    "Ausdruck gebracht und den Angehörigen der bei diesen sinnlosen Angriffen Getöteten und Verletzten sein "
    "Beileid ausgesprochen. Präsident Biden versprach, der Ukraine weiterhin die Unterstützung zukommen zu "
    "lassen, die sie benötigt, um sich selbst zu verteidigen, einschließlich fortschrittlicher "
    "Luftverteidigungssysteme."
)
KULEBA = ("Putin ist verzweifelt wegen der Niederlagen auf dem Schlachtfeld und versucht mit Raketenterror, "
          "das Tempo des Krieges zu seinen Gunsten zu ändern.")
SEED_000 = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")


def test_seed_quotations_are_verbatim():
    flat = " ".join(SEED_000.split())
    for quote in (MEDWEDEW, WHITE_HOUSE, KULEBA):
        assert quote in flat


def add_article(db, article_id, text="", published="2022-10-10"):
    with db.conn:
        db.execute("INSERT INTO articles(id, content_hash, published, ingested_at, text, title) VALUES (?, ?, ?, ?, ?, ?)",
                   [article_id, article_id, published, "2024-01-01T00:00:00+00:00", text or article_id, article_id])


def add_quote(db, article_id, text, speaker=None, speaker_type="person", kind="direct"):
    qid = quote_id(article_id, text)
    with db.conn:
        sid = speaker_id(db, speaker, speaker_type) if speaker else None
        db.execute(
            'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, extractor_version) '
            "VALUES (?, ?, 0, ?, ?, ?, ?, 'test')",
            [qid, article_id, len(text), text, kind, sid],
        )
    return qid


def reported(db, article_id, text, speaker=None, **kw):
    add_article(db, article_id, **kw)
    return add_quote(db, article_id, text, speaker)


def cluster(db, qid):
    return match.clusters.cluster_of(db, qid)


VARIANTS = {
    "other marks": lambda t: f"»{t}«",
    "cut to a partial quote": lambda t: " ".join(t.split()[3:20]),
    "one word changed": lambda t: t.replace("Ukraine", "Russland", 1) if "Ukraine" in t else t.replace("Putin", "Moskau"),
    "case, soft hyphen and spacing": lambda t: t.replace("ei", "e\u00adi").upper().replace(" ", "  "),
}


@pytest.mark.parametrize("original", [MEDWEDEW, WHITE_HOUSE, KULEBA], ids=["medwedew", "white_house", "kuleba"])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_re_reported_variants_are_clustered(fresh_db, original, variant):
    first = reported(fresh_db, "orig", f"„{original}“")
    second = reported(fresh_db, "copy", VARIANTS[variant](original))
    report = match.run(fresh_db)
    assert cluster(fresh_db, first) is not None
    assert cluster(fresh_db, first) == cluster(fresh_db, second)
    assert report.clusters_formed == 1 and report.clustered == 2


def test_cluster_keeps_longest_form_dates_scores_and_every_speaker(fresh_db):
    full = reported(fresh_db, "a", MEDWEDEW, "Dmitri Medwedew", published="2022-10-03")
    part = reported(fresh_db, "b", " ".join(MEDWEDEW.split()[:18]), "Medvedev", published="2022-10-05")
    other = reported(fresh_db, "c", f"»{MEDWEDEW}«", "Ein Sprecher des Kremls", published="2022-10-09")
    match.run(fresh_db)
    cid = cluster(fresh_db, full)
    assert cid == cluster(fresh_db, part) == cluster(fresh_db, other)
    row = fresh_db["clusters"].get(cid)
    assert row["canonical_quote_id"] in (full, other) and row["canonical_text"].strip("»«") == MEDWEDEW
    assert (row["size"], row["first_seen"], row["last_seen"]) == (3, "2022-10-03", "2022-10-09")
    members = {r["quote_id"]: r for r in fresh_db["cluster_members"].rows}
    assert members[part]["method"] == "exact" and members[part]["score"] == 100  # its first sentence, word for word
    # the same words from two speakers stay one claim with both speakers
    assert match.cluster_speakers(fresh_db, cid) == ["Dmitri Medwedew", "Ein Sprecher des Kremls"]


def test_different_claims_of_one_speaker_are_not_clustered(fresh_db):
    sentences = MEDWEDEW.split(" Daher ")
    a = reported(fresh_db, "a", sentences[0], "Dmitri Medwedew")
    b = reported(fresh_db, "b", "Daher " + sentences[1], "Dmitri Medwedew")
    c = reported(fresh_db, "c", "Russland wird weiterhin alle Ziele der militärischen Spezialoperation erreichen.",
                 "Dmitri Medwedew")
    report = match.run(fresh_db)
    assert cluster(fresh_db, a) is cluster(fresh_db, b) is cluster(fresh_db, c) is None
    assert report.suggestions == 0


def test_same_short_phrase_from_two_speakers_is_not_clustered(fresh_db):
    kuleba = reported(fresh_db, "a", "Unsinn", "Dmytro Kuleba")
    peskow = reported(fresh_db, "b", "„Unsinn“", "Dmitri Peskow")
    fire = reported(fresh_db, "c", "Öl ins Feuer", "Dmitri Peskow")
    fire2 = reported(fresh_db, "d", "Öl ins Feuer", "Olaf Scholz")
    report = match.run(fresh_db)
    assert all(cluster(fresh_db, q) is None for q in (kuleba, peskow, fire, fire2))
    assert report.suggestions == 0 and match.pending_suggestions(fresh_db, kuleba) == []


def test_default_thresholds_separate_variants_from_other_claims():
    """Why 90 / 75: every planted variant of the seed quotations scores >= 90, every pair of different
    claims (including the same speaker's) stays below 75."""
    originals = [MEDWEDEW, WHITE_HOUSE, KULEBA, *MEDWEDEW.split(" Daher ")]
    variants = [core.pair_score(o, make(o))[0] for o in originals[:3] for make in VARIANTS.values()]
    others = [core.pair_score(a, b)[0] for i, a in enumerate(originals) for b in originals[i + 1:]
              if not (a in MEDWEDEW and b in MEDWEDEW)]
    assert min(variants) >= match.DEFAULT_THRESHOLD
    assert max(others) < match.DEFAULT_SUGGEST


REWORDED = ("Putin ist verzweifelt wegen der Niederlagen an der Front und versucht mit Raketenterror, den Verlauf "
            "des Krieges zu seinen Gunsten zu wenden.")


def test_middle_scores_become_suggestions_and_rejection_sticks(fresh_db):
    a = reported(fresh_db, "a", KULEBA, "Dmytro Kuleba")
    b = reported(fresh_db, "b", REWORDED, "Kuleba")
    report = match.run(fresh_db)
    assert report.suggestions == 1 and cluster(fresh_db, a) is None
    [suggestion] = match.pending_suggestions(fresh_db, a)
    assert suggestion["other_quote_id"] == b and suggestion["text"] == REWORDED
    assert match.DEFAULT_SUGGEST <= suggestion["score"] < match.DEFAULT_THRESHOLD
    assert suggestion["status"] == "pending"

    match.reject_suggestion(fresh_db, b, a, reviewer="anna")
    assert match.pending_suggestions(fresh_db, a) == []
    again = match.run(fresh_db, everything=True)
    assert again.suggestions == 0 and match.pending_suggestions(fresh_db, b) == []
    # rejected even at a threshold that would auto-cluster the pair
    match.run(fresh_db, everything=True, threshold=80, suggest=70)
    assert cluster(fresh_db, a) is None
    assert [e["field"] for e in history(fresh_db, a)] == [e["field"] for e in history(fresh_db, b)] == ["match_suggestion"]


def test_confirm_suggestion_clusters_the_pair_and_logs(fresh_db):
    a = reported(fresh_db, "a", KULEBA)
    b = reported(fresh_db, "b", REWORDED)
    c = reported(fresh_db, "c", f"»{REWORDED}«")
    match.run(fresh_db)
    assert cluster(fresh_db, b) == cluster(fresh_db, c) and cluster(fresh_db, a) is None
    cid = match.confirm_suggestion(fresh_db, a, b, reviewer="anna")
    assert cluster(fresh_db, a) == cluster(fresh_db, b) == cluster(fresh_db, c) == cid
    assert fresh_db["clusters"].get(cid)["size"] == 3
    assert match.pending_suggestions(fresh_db, a) == match.pending_suggestions(fresh_db, c) == []
    events = [(e["field"], e["reviewer"], e["cluster_id"]) for e in history(fresh_db, a)]
    assert ("match_suggestion", "anna", cid) in events and ("cluster", "anna", cid) in events


def test_decisions_reject_unknown_quotes(fresh_db):
    a = reported(fresh_db, "a", KULEBA)
    with pytest.raises(ValueError, match="no quotation with id qnope"):
        match.confirm_suggestion(fresh_db, a, "qnope", reviewer="anna")
    with pytest.raises(ValueError, match="itself"):
        match.reject_suggestion(fresh_db, a, a, reviewer="anna")
    with pytest.raises(ValueError, match="no speaker merge 7"):
        match.undo_speaker_merge(fresh_db, 7, reviewer="anna")


def test_split_sticks(fresh_db):
    a = reported(fresh_db, "a", KULEBA)
    b = reported(fresh_db, "b", f"»{KULEBA}«")
    c = reported(fresh_db, "c", KULEBA.replace("Putin", "Er"))
    match.run(fresh_db)
    cid = cluster(fresh_db, a)
    assert cid is not None and cluster(fresh_db, c) == cid
    match.split_quote(fresh_db, c, reviewer="anna")
    assert cluster(fresh_db, c) is None and fresh_db["clusters"].get(cid)["size"] == 2
    match.run(fresh_db, everything=True)
    d = reported(fresh_db, "d", KULEBA + " ")
    match.run(fresh_db)
    assert cluster(fresh_db, c) is None and cluster(fresh_db, d) == cid
    assert history(fresh_db, c)[-1]["old_value"] == str(cid)
    # splitting the second-last member dissolves the cluster
    match.split_quote(fresh_db, a, reviewer="anna")
    match.split_quote(fresh_db, b, reviewer="anna")
    assert cluster(fresh_db, d) is None and fresh_db["clusters"].count == 0


def test_incremental_run_scores_only_pairs_with_new_quotes(fresh_db, monkeypatch):
    a = reported(fresh_db, "a", MEDWEDEW)
    b = reported(fresh_db, "b", f"»{MEDWEDEW}«")
    k = reported(fresh_db, "k", KULEBA)
    first = match.run(fresh_db)
    cid = cluster(fresh_db, a)
    assert first.new_quotes == 3 and cluster(fresh_db, b) == cid

    assert match.run(fresh_db).new_quotes == 0
    seen = []
    real = score.score_pairs
    monkeypatch.setattr(score, "score_pairs", lambda forms, contents, left, right, cutoff=0: (
        seen.append({tuple(sorted((forms[i], forms[j]))) for i, j in zip(left, right)}),
        real(forms, contents, left, right, cutoff))[1])
    c = reported(fresh_db, "c", MEDWEDEW.replace("vollständige", "komplette"))
    k2 = reported(fresh_db, "k2", KULEBA.replace("Raketenterror", "Raketenangriffen"))
    second = match.run(fresh_db)
    assert (second.new_quotes, second.compared_with) == (2, 5)
    assert cluster(fresh_db, c) == cid and fresh_db["clusters"].get(cid)["size"] == 3
    assert cluster(fresh_db, k) == cluster(fresh_db, k2) != cid
    assert (second.clusters_grown, second.clusters_formed, second.clustered) == (1, 1, 3)
    new_forms = {claim_form(u).text for t in (MEDWEDEW.replace("vollständige", "komplette"),
                                              KULEBA.replace("Raketenterror", "Raketenangriffen")) for u in units(t)}
    assert seen and all(set(pair) & new_forms for pairs in seen for pair in pairs)


def test_quotes_marked_not_a_quotation_take_no_part(fresh_db):
    a = reported(fresh_db, "a", KULEBA)
    b = reported(fresh_db, "b", KULEBA)
    fresh_db.execute("UPDATE quotes SET not_quote = 1 WHERE id = ?", [b])
    match.run(fresh_db)
    assert cluster(fresh_db, a) is None


def test_components_and_lsh_find_near_duplicates():
    labels = core.components(6, np.array([0, 2, 3]), np.array([1, 3, 4]))
    assert labels[0] == labels[1] and labels[2] == labels[3] == labels[4] and len(set(labels.tolist())) == 3
    texts = [surface(t) for t in (KULEBA, KULEBA.replace("Putin", "Moskau"), MEDWEDEW.split(" Daher ")[0], WHITE_HOUSE)]
    corpus = Corpus.build(texts)
    codes = lsh_pairs(band_hashes(corpus))
    assert 0 * 4 + 1 in codes.tolist() and len(codes) == 1
    assert lsh_pairs(band_hashes(corpus), np.array([False, False, True, True])).tolist() == []


def test_match_command(tmp_path):
    path = tmp_path / "cli.db"
    db = open_db(path)
    reported(db, "a", MEDWEDEW)
    reported(db, "b", f"»{MEDWEDEW}«")
    db.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(path), "match"])
    assert result.exit_code == 0, result.output
    assert "2 new quotes" in result.output and "1 clusters formed" in result.output
    result = runner.invoke(cli, ["--db", str(path), "match", "--threshold", "60", "--suggest", "80"])
    assert result.exit_code != 0 and "Error: need 0 <= suggest (80.0) <= threshold (60.0) <= 100" in result.output
    assert "Traceback" not in result.output


def test_rare_word_index_finds_a_short_cut_that_lsh_misses():
    cut = "der Ukraine weiterhin die Unterstützung zukommen zu lassen"
    biden = WHITE_HOUSE.split(" Präsident ")[1]  # the sentence the cut is from
    texts = [surface(t) for t in (biden, cut, KULEBA, MEDWEDEW.split(" Daher ")[0])]
    corpus = Corpus.build(texts)
    assert lsh_pairs(band_hashes(corpus)).tolist() == []  # word sets too different for MinHash
    assert rare_word_pairs(corpus, score.MIN_CONTAINMENT_WORDS).tolist() == [0 * 4 + 1]
    quotes = core.Quotes([WHITE_HOUSE, cut, KULEBA, MEDWEDEW], speakers=["Weißes Haus"] * 2 + ["Kuleba", "Medwedew"])
    pairs, _ = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST)
    assert (pairs.left.tolist(), pairs.right.tolist(), pairs.methods) == ([0], [1], ["containment"])


def test_reextraction_that_drops_a_member_refreshes_its_cluster(tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import cli
    from factcheck.store import open_db

    quote = "Der ukrainische Staat in seiner derzeitigen Form wird eine ständige Bedrohung für Russland darstellen."
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, city in (("a", "Kiew"), ("b", "Moskau"), ("c", "Minsk")):
        (docs / f"{name}.txt").write_text(f"Medwedew sagte: „{quote}“\n\nIn {city} regnete es.", encoding="utf-8")
    db_file = str(tmp_path / "m.db")
    result = CliRunner().invoke(cli, ["--db", db_file, "ingest", str(docs)])
    assert result.exit_code == 0, result.output
    assert "match:" in result.output
    db = open_db(db_file)
    assert db.execute("SELECT size FROM clusters").fetchall() == [(3,)]
    db.close()

    (docs / "c.txt").write_text("Medwedew schwieg.\n\nIn Minsk regnete es.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", db_file, "ingest", str(docs / "c.txt")])
    assert result.exit_code == 0, result.output
    db = open_db(db_file)
    assert db.execute("SELECT size FROM clusters").fetchall() == [(2,)]
    assert db.execute("SELECT count(*) FROM cluster_members").fetchone()[0] == 2


def test_containments_are_containment_of_each_pair():
    """The vectorised containment gives the same floats as containment() pair by pair (empty sides, words
    shared or not, any chunk size)."""
    import random

    rng = random.Random(7)
    words = ["ab", "abc", "x", "verhandlung", "krieg", "1", "zwölf", "über", "ß"]
    contents = [tuple(dict.fromkeys(rng.choices(words, k=rng.randint(0, 7)))) for _ in range(300)] + [(), ()]
    left = np.array([rng.randrange(len(contents)) for _ in range(3000)])
    right = np.array([rng.randrange(len(contents)) for _ in range(3000)])
    expected = [score.containment(contents[i], contents[j]) for i, j in zip(left.tolist(), right.tolist())]
    for chunk in (1, 10, 1 << 21):
        assert score.containments(contents, left, right, chunk=chunk).tolist() == expected
    assert score.containments([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).tolist() == []


def _seed_variants(count: int = 400):
    """Quotations cut from the seeds and re-reported: other marks, cut, a word changed, a sentence added; five
    speakers. Exact repeats, near-duplicates and partial quotes, so that every channel of matching has work."""
    rng = np.random.default_rng(7)
    sentences = [s for path in sorted(SEEDS.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")) if len(s.split()) >= 6]
    texts: list[str] = []
    for _ in range(count):
        if len(texts) > 10 and rng.random() < 0.5:
            text = texts[int(rng.integers(len(texts)))]
            words, kind = text.split(), int(rng.integers(4))
            if kind == 0:
                text = f"»{text}«"
            elif kind == 1:
                text = " ".join(words[: max(4, len(words) * 2 // 3)])
            elif kind == 2:
                words[int(rng.integers(len(words)))] = words[int(rng.integers(len(words)))]
                text = " ".join(words)
            else:
                text = f"{text} {sentences[int(rng.integers(len(sentences)))]}"
        else:
            text = sentences[int(rng.integers(len(sentences)))]
        texts.append(text)
    return core.Quotes(texts, speakers=rng.integers(0, 5, size=count).tolist())


@pytest.mark.parametrize("shared_forms", [True, False])
def test_verification_in_chunks_and_hash_collisions_give_the_one_pass_result(monkeypatch, shared_forms):
    quotes = _seed_variants()
    one, _ = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST)
    assert len(one) > 100 and {"exact", "ratio", "containment"} <= set(one.methods)
    monkeypatch.setattr(core, "VERIFY_CHUNK", 7)  # many chunks, a pair of quotations found in several of them
    if not shared_forms:  # each chunk makes its own claim forms
        monkeypatch.setattr(core, "SHARED_FORMS_MAX", 0)
    monkeypatch.setattr(core, "hash", lambda text: len(text) % 5, raising=False)  # wordings that share a hash
    parted, _ = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST)
    assert (parted.left.tolist(), parted.right.tolist(), parted.scores.tolist(), parted.methods) == (
        one.left.tolist(), one.right.tolist(), one.scores.tolist(), one.methods)
    assert parted.candidates == one.candidates
    n = len(quotes)
    clusters = core.components(n, one.left[one.scores >= 90], one.right[one.scores >= 90])
    assert np.array_equal(core.components(n, parted.left[parted.scores >= 90], parted.right[parted.scores >= 90]),
                          clusters)


def test_verification_in_forked_processes_gives_the_one_pass_result(monkeypatch):
    """`workers` > 1: the candidate pairs are verified in chunks by forked processes, for the same pairs, scores
    and methods (an earlier chunk still wins a tie)."""
    quotes = _seed_variants()
    one, _ = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST)
    calls, real_map = [], forked.forked_map

    def in_children(function, items, workers):  # forked_map, checking that the chunks were verified elsewhere
        calls.append((len(items), workers))
        results = real_map(lambda item: (function(item), os.getpid()), items, workers)
        assert os.getpid() not in {pid for _, pid in results}
        return [found for found, _ in results]

    monkeypatch.setattr(forked, "forked_map", in_children)
    monkeypatch.setattr(core, "PARALLEL_MIN_PAIRS", 0)
    two, _ = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST, workers=2)
    assert calls[0][1] == 2 and calls[0][0] >= 2 * core.PARALLEL_CHUNKS_PER_WORKER
    assert (two.left.tolist(), two.right.tolist(), two.scores.tolist(), two.methods) == (
        one.left.tolist(), one.right.tolist(), one.scores.tolist(), one.methods)


def test_forked_map_keeps_the_order_and_does_the_items_itself_when_a_child_dies():
    parent = os.getpid()
    results = forked.forked_map(lambda n: (n * n, os.getpid()), list(range(20)), 2)
    assert [r[0] for r in results] == [n * n for n in range(20)] and parent not in {r[1] for r in results}

    def dies_in_a_child(n):
        if os.getpid() != parent:
            os._exit(1)
        return n + 1

    assert forked.forked_map(dies_in_a_child, list(range(5)), 2) == [1, 2, 3, 4, 5]


def test_forked_call_runs_in_a_child_while_this_process_goes_on_and_calls_here_when_the_child_dies():
    parent, done_here = os.getpid(), []
    value, pid = forked.forked_call(lambda: (sum(range(10)), os.getpid()), meanwhile=lambda: done_here.append(1))
    assert value == 45 and pid != parent and done_here == [1]

    def dies_in_a_child():
        if os.getpid() != parent:
            os._exit(1)
        return "here"

    assert forked.forked_call(dies_in_a_child, meanwhile=lambda: None) == "here"


def test_candidates_found_in_a_child_while_the_forms_are_made_give_the_one_pass_result(monkeypatch):
    """`workers` > 1 and enough sentences: a forked process finds the candidates (and the index's bands) while this
    one makes the claim forms; the same pairs, scores, methods and bands as in one process."""
    quotes = _seed_variants()
    one, one_units = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST, index_bands=True)
    calls, real_call = [], forked.forked_call

    def in_a_child(function, meanwhile):
        calls.append(1)
        (bands, codes), pid = real_call(lambda: (function(), os.getpid()), meanwhile)
        assert pid != os.getpid()
        return bands, codes

    monkeypatch.setattr(forked, "forked_call", in_a_child)
    monkeypatch.setattr(core, "OVERLAP_MIN_SENTENCES", 0)
    two, two_units = core.match_quotes(quotes, suggest=match.DEFAULT_SUGGEST, index_bands=True, workers=2)
    assert calls == [1]
    assert (two.left.tolist(), two.right.tolist(), two.scores.tolist(), two.methods, two.candidates) == (
        one.left.tolist(), one.right.tolist(), one.scores.tolist(), one.methods, one.candidates)
    assert np.array_equal(two_units.bands, one_units.bands)


def test_forked_children_end_with_the_process_that_forked_them():
    """Killed with -9, a process cannot shut its children down: they notice and end, instead of waiting forever."""
    # each child writes its pid in one write (print makes two, and the children's could interleave)
    script = ("import os, time; from factcheck.match import forked; "
              "forked.forked_map(lambda n: (os.write(1, b'%d\\n' % os.getpid()), time.sleep(120)), [1, 2], 2)")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    children = [int(process.stdout.readline()) for _ in range(2)]
    process.kill()
    process.wait()

    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + 20
    while any(map(running, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(running, children))


def test_rare_word_pairs_are_its_definition():
    """Each text with >= 4 words, with each other text of at least as many words containing its two rarest words
    (by document frequency, then word id), computed pair by pair; any chunk size gives the same."""
    quotes = _seed_variants(200)
    corpus = Corpus.build([surface(t) for t in quotes.texts] + ["", "ein"])  # texts without content words too
    n, df = len(corpus), np.bincount(corpus.words, minlength=corpus.vocab_size)
    expected = set()
    for q in range(n):
        words = corpus.words_of(q).tolist()
        if len(words) < score.MIN_CONTAINMENT_WORDS:
            continue
        first, second = sorted(words, key=lambda w: (df[w], w))[:2]
        if df[first] > 500:
            continue
        for p in range(n):
            if p != q and corpus.counts[p] >= len(words) and {first, second} <= set(corpus.words_of(p).tolist()):
                expected.add(min(p, q) * n + max(p, q))
    assert len(expected) > 50
    for chunk in (1, 13, 1 << 21):
        assert rare_word_pairs(corpus, score.MIN_CONTAINMENT_WORDS, chunk=chunk).tolist() == sorted(expected)
    is_new = np.zeros(n, dtype=bool)
    is_new[::7] = True
    assert rare_word_pairs(corpus, score.MIN_CONTAINMENT_WORDS, is_new, chunk=13).tolist() == sorted(
        c for c in expected if is_new[c // n] or is_new[c % n])


def test_postings_by_length_packed_or_lexsorted_are_one_order():
    """The postings by (word, the text's word count, text), from one sort of packed keys or, where a key would
    not fit, from a lexsort: the same."""
    corpus = Corpus.build([surface(t) for t in _seed_variants(200).texts])
    owner = np.repeat(np.arange(len(corpus), dtype=np.int32), corpus.counts)
    packed = candidates._postings_by_length(corpus.words, owner, corpus.counts, corpus.vocab_size)
    sorted_ = candidates._postings_by_length(corpus.words, owner, corpus.counts, corpus.vocab_size, key_bits=0)
    top = int(corpus.counts.max()) + 1
    expected = sorted(zip(corpus.words.tolist(), corpus.counts[owner].tolist(), owner.tolist()))
    for texts, key in (packed, sorted_):
        assert texts.dtype == np.int32
        assert list(zip((key // top).tolist(), (key % top).tolist(), texts.tolist())) == expected


def test_units_read_the_texts_in_batches():
    """Matching reads the texts a batch at a time (memory: a caller may keep them compactly and hand over a
    sequence that makes each string when asked); the sentences are those of a list of the same texts."""
    texts = _seed_variants(50).texts

    class Compact(Sequence):
        def __len__(self):
            return len(texts)

        def __getitem__(self, i):
            return texts[i]

        def __iter__(self):
            raise AssertionError("every text at once")

    compact, listed = core.Units.of(Compact()), core.Units.of(list(texts))
    assert compact.surface == listed.surface and np.array_equal(compact.quote, listed.quote)
