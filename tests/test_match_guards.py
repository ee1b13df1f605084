"""The vectorised guards give what the per-pair guards give, pair by pair."""

import numpy as np

from factcheck.match import guards
from factcheck.match.candidates import Corpus
from factcheck.match.core import Quotes
from factcheck.match.pipeline import SpeakerKey


def _corpus(rng, texts: int, vocab: int) -> Corpus:
    sets = [np.unique(rng.integers(0, vocab, rng.integers(0, 12))) for _ in range(texts)]
    offsets = np.r_[0, np.cumsum([len(s) for s in sets])].astype(np.int64)
    words = np.concatenate(sets).astype(np.int32) if sets else np.zeros(0, dtype=np.int32)
    return Corpus(words, offsets, [f"w{k}" for k in range(vocab)], [f"w{k}" for k in range(vocab)])


def test_distinctive_pairs_is_distinctive_pair_by_pair():
    rng = np.random.default_rng(7)
    corpus = _corpus(rng, 300, 60)
    information = rng.uniform(0.5, 4.5, 60).astype(np.float32)
    a, b = rng.integers(0, 300, 5000), rng.integers(0, 300, 5000)
    found, sure = guards.distinctive_pairs(corpus.words, corpus.offsets, a, b, information, chunk=700)
    for k in range(len(a)):
        shared = np.fromiter(set(corpus.words_of(a[k]).tolist()) & set(corpus.words_of(b[k]).tolist()), dtype=np.int64)
        expected = guards.distinctive(information[shared], False)
        assert sure[k] and found[k] == expected, k
    assert found.any() and not found.all()


def test_a_sum_at_the_threshold_is_left_to_distinctive():
    words = np.array([0, 1, 2, 3, 4] * 2, dtype=np.int32)
    offsets = np.array([0, 5, 10], dtype=np.int64)
    information = np.array([3.5, 3.5, 3.5, 3.5, 2.0], dtype=np.float32)  # none rare, 16.0 in all: the threshold
    found, sure = guards.distinctive_pairs(words, offsets, np.array([0]), np.array([1]), information)
    assert not sure[0]
    assert guards.distinctive(information, False)


def test_same_speakers_and_nested_are_the_pairwise_answers():
    rng = np.random.default_rng(3)
    names = ["Anna Berg", "Berg", "Jan Berg", "Olaf Scholz", "Scholz", None]
    keys = {sid: SpeakerKey(sid, name) for sid, name in enumerate(names) if name}
    speakers = [keys.get(int(s)) for s in rng.integers(0, len(names), 200)]
    places = [None if rng.random() < 0.1 else (int(rng.integers(0, 5)), int(s), int(s + rng.integers(1, 40)))
              for s in rng.integers(0, 200, 200)]
    quotes = Quotes([""] * 200, speakers, places)
    i, j = rng.integers(0, 200, 3000), rng.integers(0, 200, 3000)

    def nested(x, y):
        if places[x] is None or places[y] is None:
            return False
        (art_a, start_a, end_a), (art_b, start_b, end_b) = places[x], places[y]
        return art_a == art_b and start_a < end_b and start_b < end_a

    def same_speaker(x, y):
        return speakers[x] is not None and speakers[x] == speakers[y]

    assert quotes.same_speakers(i, j).tolist() == [same_speaker(x, y) for x, y in zip(i.tolist(), j.tolist())]
    assert quotes.nested(i, j).tolist() == [nested(x, y) for x, y in zip(i.tolist(), j.tolist())]
    assert quotes.same_speakers(i, j).any() and quotes.nested(i, j).any()
    assert not Quotes([""] * 200).same_speakers(i, j).any() and not Quotes([""] * 200).nested(i, j).any()
