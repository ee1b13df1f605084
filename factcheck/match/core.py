"""The matching core: quotations in, scored pairs of quotations out. No database.

A quotation is matched sentence by sentence (its units: normalize.surface_all cuts it), so that an article
quoting one sentence of a longer quotation joins it. `match_quotes` finds every pair of quotations with a
pair of sentences scoring at least `suggest` (or, incrementally, every such pair that involves a new
quotation): identical sentences are paired directly, the others go through candidate generation
(candidates.py); `verify` scores the candidate sentence pairs (score.py), applies the guards (guards.py) and
keeps each pair of quotations' best sentence pair. The persisted index (index.py) finds candidates for a few
new quotations without this in-memory pass and verifies them with the same `verify`.

Pairs that can never be one claim, whatever their score: two sentences of one quotation, two quotations of
one article whose spans overlap (a quotation and a fragment nested in it), quotations whose quantities
disagree, sentences that fail a guard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Hashable, Sequence

import numpy as np

from . import candidates, forked, guards, score
from .candidates import Corpus
from .normalize import UNIT_SEP, claim_form, is_number, surface_all

EXACT = "exact"
METHODS = (*score.METHODS, EXACT)
# Candidate sentence pairs verified at a time (each chunk makes its own claim forms): bounds the memory of
# verification whatever the number of candidates, for a few recomputed forms.
VERIFY_CHUNK = 1 << 20
# With more than one worker: fewer candidate pairs than this are verified in this process (forking would cost
# more than it saves), more in chunks of which each worker takes a few (the chunks differ in how long they take).
PARALLEL_MIN_PAIRS = 50_000
PARALLEL_CHUNKS_PER_WORKER = 2
# With more than one chunk, the claim forms of up to this many sentences are made once, before the first (and before
# the fork), instead of in every chunk: the chunks of candidate pairs each involve most sentences. About 600 bytes
# a form: more would cost more memory than the chunks save (5M quotations, some 6.5M sentences, go chunk by chunk).
SHARED_FORMS_MAX = 1 << 21
# With more than one worker and at least this many eligible sentences (and at most SHARED_FORMS_MAX), the claim forms
# of all of them are made while a forked process finds the candidates, instead of after it (forking costs less
# than it saves from here on).
OVERLAP_MIN_SENTENCES = 20_000


@dataclass
class Quotes:
    """What matching knows about each quotation."""

    texts: Sequence[str]
    speakers: Sequence[Hashable | None] | None = None  # equal keys: the same speaker; None: not known
    places: Sequence[tuple[Hashable, int, int] | None] | None = None  # (article, start, end)
    _places_as_arrays: tuple | None = field(default=None, repr=False, compare=False)
    _speakers_as_codes: tuple | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.texts)

    def same_speakers(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """For each pair (i[k], j[k]): are both speakers known and equal? One key object is one speaker; two are
        compared once per pair of keys, however many sentence pairs they have."""
        if self.speakers is None:
            return np.zeros(len(i), dtype=bool)
        codes, keys = self._speaker_codes()
        ci, cj = codes[i], codes[j]
        out = (ci >= 0) & (ci == cj)
        ask = np.flatnonzero((ci >= 0) & (cj >= 0) & (ci != cj))
        if len(ask):
            distinct, back = np.unique(ci[ask] * len(keys) + cj[ask], return_inverse=True)
            answers = np.array([keys[x] == keys[y] for x, y in zip(*np.divmod(distinct, len(keys)))], dtype=bool)
            out[ask] = answers[back.ravel()]
        return out

    def _speaker_codes(self) -> tuple[np.ndarray, list]:
        """Each quotation's speaker key as a number (one per key object; -1: not known), and the keys by number."""
        if self._speakers_as_codes is None:
            numbers: dict[int, int] = {}
            keys: list = []
            codes = np.full(len(self.speakers), -1, dtype=np.int64)
            for k, key in enumerate(self.speakers):
                if key is not None:
                    code = numbers.setdefault(id(key), len(keys))
                    if code == len(keys):
                        keys.append(key)
                    codes[k] = code
            self._speakers_as_codes = codes, keys
        return self._speakers_as_codes

    def nested(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """For each pair (i[k], j[k]): one article, overlapping spans (a quotation and a fragment of it, or one
        span read twice)."""
        if self.places is None:
            return np.zeros(len(i), dtype=bool)
        known, article, start, end = self._place_columns()
        return (known[i] & known[j] & (article[i] == article[j]) & (start[i] < end[j]) & (start[j] < end[i]))

    def make_columns(self) -> None:
        """The speaker codes and place arrays made now (before a fork: once, for every child)."""
        if self.speakers is not None:
            self._speaker_codes()
        if self.places is not None:
            self._place_columns()

    def _place_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The places as arrays, made once (a Python call per candidate pair was a tenth of verifying)."""
        if self._places_as_arrays is None:
            codes: dict = {}
            n = len(self.places)
            known, article = np.zeros(n, dtype=bool), np.zeros(n, dtype=np.int64)
            start, end = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
            for k, place in enumerate(self.places):
                if place is not None:
                    known[k] = True
                    article[k] = codes.setdefault(place[0], len(codes))
                    start[k], end[k] = place[1], place[2]
            self._places_as_arrays = known, article, start, end
        return self._places_as_arrays


@dataclass
class Units:
    """The sentences of quotations: which quotation each belongs to, its surface form, its content words."""

    quote: np.ndarray
    surface: list[str]
    corpus: Corpus
    bands: np.ndarray | None = None  # (BANDS, eligible sentences), when asked for
    _forms: dict = field(default_factory=dict)

    @classmethod
    def of(cls, texts: Sequence[str]) -> Units:
        quote, surface = [], []
        for i, text in enumerate(surface_all(texts)):  # any sequence that slices: no copy of every text
            for unit in text.split(UNIT_SEP):
                if unit:
                    quote.append(i)
                    surface.append(unit)
        return cls(np.array(quote, dtype=np.int64), surface, Corpus.build(surface))

    @property
    def seq(self) -> np.ndarray:
        """Each sentence's number within its quotation."""
        first = np.searchsorted(self.quote, self.quote)
        return np.arange(len(self.quote)) - first

    def form(self, i: int):
        if i not in self._forms:
            self._forms[i] = claim_form(self.surface[i])
        return self._forms[i]

    @property
    def eligible(self) -> np.ndarray:
        return self.corpus.counts >= score.MIN_CONTENT_WORDS


@dataclass
class Pairs:
    """Pairs of quotations (indices into the caller's list), each with its best sentence pair's score."""

    left: np.ndarray
    right: np.ndarray
    scores: np.ndarray
    methods: list[str]   # exact | ratio | containment | gap
    candidates: int = 0  # sentence pairs that were scored

    def __len__(self) -> int:
        return len(self.left)


def match_quotes(quotes: Quotes, is_new: np.ndarray | None = None, *, suggest: float,
                 index_bands: bool = False, workers: int = 1) -> tuple[Pairs, Units]:
    """All pairs of quotations scoring >= `suggest` (with `is_new`: only pairs with a new quotation), and the
    sentences they were cut into (with `index_bands`, their `bands` too, for the persisted index). `workers`:
    processes that verify the candidates (see `verify`)."""
    units = Units.of(quotes.texts)
    n = len(units.surface)
    new_quote = np.ones(len(quotes), dtype=bool) if is_new is None else np.asarray(is_new, dtype=bool)
    new = new_quote[units.quote] if n else np.zeros(0, dtype=bool)
    eligible = np.flatnonzero(units.eligible)

    exact, head = _exact_pairs(quotes, units, eligible, new)

    # distinct eligible sentences: candidates by MinHash LSH and rare words; a wording is new if any
    # sentence with it is new (its other sentences join through their exact pairs)
    distinct = np.unique(head)
    head_new = np.zeros(n, dtype=bool)
    head_new[head[new[eligible]]] = True
    del head
    find = partial(_candidate_codes, units, eligible, distinct, head_new, index_bands)
    if workers > 1 and OVERLAP_MIN_SENTENCES <= len(eligible) <= SHARED_FORMS_MAX and forked.can_fork():
        # the claim forms verification needs are made here while a forked process finds the candidates
        bands, codes = forked.forked_call(find, meanwhile=lambda: list(map(units.form, eligible.tolist())))
    else:
        bands, codes = find()
    if index_bands:
        units.bands = bands
    m = max(len(distinct), 1)
    a, b = distinct[codes // m] if len(codes) else codes, distinct[codes % m] if len(codes) else codes
    count = len(codes)
    del codes, distinct
    statistics = _lazy_statistics(units, eligible)
    pairs = verify(quotes, units, a, b, statistics, suggest=suggest, exact=exact, workers=workers)
    pairs.candidates = count
    units._forms.clear()  # memory: the claim forms were for verifying
    return pairs, units


def _candidate_codes(units: Units, eligible: np.ndarray, distinct: np.ndarray, head_new: np.ndarray,
                     index_bands: bool) -> tuple[np.ndarray | None, np.ndarray]:
    """The candidate pairs of the distinct eligible sentences (codes into `distinct`, as candidates.union gives
    them), by MinHash LSH and rare words; with `index_bands`, first the bands of every eligible sentence (for the
    persisted index; the distinct ones' are among them), else None."""
    bands = candidates.band_hashes(units.corpus.subset(eligible)) if index_bands else None
    if len(distinct) < 2:
        return bands, np.zeros(0, dtype=np.int64)
    sub, sub_new = units.corpus.subset(distinct), head_new[distinct]
    similar = candidates.lsh_pairs(bands[:, np.searchsorted(eligible, distinct)] if index_bands
                                   else candidates.band_hashes(sub), sub_new)
    return bands, candidates.union(similar, candidates.rare_word_pairs(sub, score.MIN_CONTAINMENT_WORDS, sub_new))


def _exact_pairs(quotes: Quotes, units: Units, eligible: np.ndarray,
                 new: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    """Identical sentences: each is paired with the first of its wording, and with the first of its wording
    from the same speaker (so that a guard against the first speaker does not keep the others apart); pairs
    with a new sentence only. Also returns, for each eligible sentence, the first sentence of its wording.

    Wordings are grouped by hash (numpy, 8 bytes a sentence) and only sentences whose hash occurs more than once
    are compared as strings: a dict keyed by every wording cost 600 MB at a million quotations."""
    surface = units.surface
    hashes = np.fromiter((hash(surface[i]) for i in eligible.tolist()), dtype=np.int64, count=len(eligible))
    order = np.argsort(hashes, kind="stable")  # equal hashes together, each group by index
    hashes = hashes[order]
    same = hashes[1:] == hashes[:-1]
    del hashes
    shared_hash = order[np.r_[same, False] | np.r_[False, same]] if len(order) else order
    del order, same
    head = eligible.copy()
    first: dict[str, int] = {}
    for k in shared_hash.tolist():  # by hash, then by index: a wording is met first at its first sentence
        i = int(eligible[k])
        head[k] = first.setdefault(surface[i], i)
    del first
    follower = head != eligible
    repeated = np.flatnonzero(follower | np.isin(eligible, head[follower]))  # ascending: eligible is sorted
    first_of: dict = {}
    left, right = [], []
    for i, wording in zip(eligible[repeated].tolist(), head[repeated].tolist()):
        speaker = quotes.speakers[units.quote[i]] if quotes.speakers is not None else None
        for key in ((wording,), (wording, speaker)) if speaker is not None else ((wording,),):
            j = first_of.setdefault(key, i)
            if j != i and (new[i] or new[j]):
                left.append(j)
                right.append(i)
    return (np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)), head


def _lazy_statistics(units: Units, eligible: np.ndarray) -> Callable[[], guards.WordStatistics]:
    """Document frequency and background frequency of each word of the units' corpus, over the eligible
    sentences; computed on first use only (most runs never need it)."""
    cache: list[guards.WordStatistics] = []

    def get() -> guards.WordStatistics:
        if not cache:
            corpus = units.corpus
            keep = np.zeros(len(units.surface), dtype=bool)
            keep[eligible] = True
            owner = np.repeat(keep, corpus.counts)
            df = np.bincount(corpus.words[owner], minlength=corpus.vocab_size)
            cache.append(guards.WordStatistics(df, guards.background_zipf(corpus.surface), int(keep.sum())))
        return cache[0]

    return get


def verify(quotes: Quotes, units: Units, a: np.ndarray, b: np.ndarray,
           statistics: Callable[[], guards.WordStatistics], *,
           suggest: float, exact: tuple[np.ndarray, np.ndarray] | None = None, chunk: int | None = None,
           workers: int = 1) -> Pairs:
    """Score the candidate sentence pairs (a[k], b[k]) and the exact pairs (sentences with one surface form),
    apply the guards, and keep the best sentence pair of each pair of quotations scoring >= suggest.

    The pairs go through in chunks of `chunk`, each with its own claim forms (memory: a claim form of every
    sentence at once was the peak of matching) unless they are few enough to be made once for all
    (SHARED_FORMS_MAX); the best pair of quotations found so far is kept across them,
    an earlier one winning a tie as in one pass, so the result does not depend on the chunk size. With
    `workers` > 1 and enough pairs, the chunks (then at most a `workers`-th of the pairs each) are verified by
    as many processes forked from this one (forked.py), for the same result."""
    batches = [(True, exact), (False, (a, b))] if exact is not None else [(False, (a, b))]
    total = sum(len(left) for _, (left, _) in batches)
    chunk = max(chunk or VERIFY_CHUNK, 1)
    if workers > 1 and total >= PARALLEL_MIN_PAIRS and forked.can_fork():
        chunk = min(chunk, -(-total // (workers * PARALLEL_CHUNKS_PER_WORKER)))
        statistics()  # computed once, here, for every child, as are the quotations' columns
        quotes.make_columns()
    else:
        workers = 1
    jobs = [(same_text, left[begin:begin + chunk], right[begin:begin + chunk])
            for same_text, (left, right) in batches for begin in range(0, len(left), chunk)]
    shared_forms = False
    if len(a) > chunk:  # candidates in more than one chunk
        involved = _distinct(len(units.surface), a, b)
        if len(involved) <= SHARED_FORMS_MAX:  # made once, here, for every chunk (and child): each needs most
            for unit in involved.tolist():
                units.form(unit)
            shared_forms = True

    def run(job) -> dict:
        same_text, left, right = job
        found = _verify_chunk(quotes, units, np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64),
                              same_text, statistics, suggest)
        if not shared_forms:
            units._forms.clear()
        return found

    best: dict[tuple[int, int], tuple[float, int]] = {}
    for found in forked.forked_map(run, jobs, workers) if workers > 1 else map(run, jobs):  # one at a time here
        for key, (s, m) in found.items():
            if key not in best or s > best[key][0]:
                best[key] = (s, m)
    out = sorted((x, y, s, m) for (x, y), (s, m) in best.items())
    return Pairs(np.array([o[0] for o in out], dtype=np.int64), np.array([o[1] for o in out], dtype=np.int64),
                 np.array([o[2] for o in out], dtype=np.float32), [METHODS[o[3]] for o in out])


def _verify_chunk(quotes: Quotes, units: Units, a: np.ndarray, b: np.ndarray, same_text: bool,
                  statistics: Callable[[], guards.WordStatistics], suggest: float) -> dict:
    """`verify` of one chunk of exact pairs (`same_text`) or of candidates: {(quotation, quotation): (score,
    method)} of its best sentence pairs."""
    qa, qb = units.quote[a], units.quote[b]
    keep = qa != qb
    if quotes.places is not None:
        keep &= ~quotes.nested(qa, qb)
    a, b, qa, qb = a[keep], b[keep], qa[keep], qb[keep]

    scores = np.full(len(a), 100, dtype=np.float32)
    methods = np.full(len(a), len(METHODS) - 1, dtype=np.int8)
    if same_text:  # exact pairs score 100 without looking
        passed = np.flatnonzero(_exact_pass(quotes, units, a, b, qa, qb, statistics))
    elif len(a):
        involved = _distinct(len(units.surface), a, b)
        claim_forms = list(map(units.form, involved.tolist()))
        la, lb = np.searchsorted(involved, a), np.searchsorted(involved, b)  # involved: sorted, unique
        scores, methods = score.score_pairs([f.text for f in claim_forms], [f.content for f in claim_forms], la, lb,
                                            cutoff=suggest)
        good = np.flatnonzero(scores >= suggest)
        passed = good[_candidates_pass(quotes, units, claim_forms, a[good], b[good], la[good], lb[good], qa[good],
                                       qb[good], statistics)]
        del claim_forms
    else:
        passed = []
    a, b, scores, methods = a[passed], b[passed], scores[passed], methods[passed]

    # the best sentence pair of each pair of quotations (the first of the highest score); then the quotations'
    # own quantities must agree
    low, high = np.minimum(units.quote[a], units.quote[b]), np.maximum(units.quote[a], units.quote[b])
    order = np.lexsort((np.arange(len(a)), -scores, high, low))
    low, high, scores, methods = low[order], high[order], scores[order], methods[order]
    first = np.flatnonzero(np.r_[True, (low[1:] != low[:-1]) | (high[1:] != high[:-1])]) if len(order) else order
    quote_quantities: dict[int, frozenset] = {}
    return {(x, y): (s, m) for x, y, s, m in zip(low[first].tolist(), high[first].tolist(), scores[first].tolist(),
                                                 methods[first].tolist())
            if _same_sentences(units, x, y) or guards.quantities_agree(_quote_quantities(units, x, quote_quantities),
                                                                       _quote_quantities(units, y, quote_quantities))}


def _candidates_pass(quotes: Quotes, units: Units, claim_forms: list, a: np.ndarray, b: np.ndarray, la: np.ndarray,
                     lb: np.ndarray, qa: np.ndarray, qb: np.ndarray,
                     statistics: Callable[[], guards.WordStatistics]) -> np.ndarray:
    """Do the candidate sentence pairs (a[k], b[k]) (of quotations qa[k], qb[k]; la[k], lb[k]: their claim forms'
    places in `claim_forms`) pass the guards? Their quantities and negations must agree;
    then one speaker, a shared number or distinctive shared words make one claim. All pairs of a chunk at once
    (a Python call per pair was most of verifying): each pair of quantity sets and of speakers compared once,
    the shared words in numpy."""
    negations = np.array([f.negations for f in claim_forms], dtype=np.int64)
    numbered: dict[frozenset, int] = {frozenset(): 0}  # each distinct set of quantities, numbered; none: 0
    quantities = np.array([numbered.setdefault(f.quantities, len(numbered)) for f in claim_forms], dtype=np.int64)
    alive = negations[la] == negations[lb]  # a claim and its negation: as many negations on both sides
    shared_number = np.zeros(len(a), dtype=bool)
    ask = np.flatnonzero(alive & ((quantities[la] > 0) | (quantities[lb] > 0)))
    if len(ask):  # each pair of quantity sets once
        sets = list(numbered)
        numbers = [frozenset(filter(is_number, q)) for q in sets]
        distinct, back = np.unique(quantities[la[ask]] * len(sets) + quantities[lb[ask]], return_inverse=True)
        agree, number = zip(*((guards.quantities_agree(sets[x], sets[y]), not numbers[x].isdisjoint(numbers[y]))
                              for x, y in zip(*(part.tolist() for part in np.divmod(distinct, len(sets))))))
        alive[ask] = np.array(agree, dtype=bool)[back.ravel()]
        shared_number[ask] = np.array(number, dtype=bool)[back.ravel()]
    passed = alive & shared_number
    left = np.flatnonzero(alive & ~shared_number)
    passed[left] = quotes.same_speakers(qa[left], qb[left]) | _distinctive(units, statistics, a[left], b[left])
    return passed


def _exact_pass(quotes: Quotes, units: Units, a: np.ndarray, b: np.ndarray, qa: np.ndarray, qb: np.ndarray,
                statistics: Callable[[], guards.WordStatistics]) -> np.ndarray:
    """The guards of pairs of sentences with one surface form (one claim form): quantities and negations agree
    without looking, and a claim form is only made when the speakers differ: most exact pairs then need none."""
    passed = quotes.same_speakers(qa, qb)
    left = np.flatnonzero(~passed)
    if len(left):
        involved = _distinct(len(units.surface), a[left])
        numbered = np.array([any(map(is_number, units.form(i).quantities)) for i in involved.tolist()], dtype=bool)
        passed[left] = numbered[np.searchsorted(involved, a[left])]  # a number is distinctive in itself
        left = left[~passed[left]]
        passed[left] = _distinctive(units, statistics, a[left], b[left])
    return passed


def _distinctive(units: Units, statistics: Callable[[], guards.WordStatistics], a: np.ndarray,
                 b: np.ndarray) -> np.ndarray:
    """guards.distinctive of the words sentences a[k] and b[k] share, for every k (see guards.distinctive_pairs)."""
    if not len(a):
        return np.zeros(0, dtype=bool)
    involved = _distinct(len(units.surface), a, b)
    sub = units.corpus.subset(involved)  # their words, by their place in `involved`
    found, sure = guards.distinctive_pairs(sub.words, sub.offsets, np.searchsorted(involved, a),
                                           np.searchsorted(involved, b), statistics().every_word())
    words_of = units.corpus.words_of
    for k in np.flatnonzero(~sure).tolist():  # a sum at the threshold: as guards.distinctive takes it
        shared = np.fromiter(set(words_of(a[k]).tolist()) & set(words_of(b[k]).tolist()), dtype=np.int64)
        found[k] = guards.distinctive(statistics().information(shared), False)
    return found


def _distinct(n: int, *indices: np.ndarray) -> np.ndarray:
    """The distinct values of index arrays into range(n), ascending: by a mask when they are many (numpy 2's
    hash-based np.unique cost more than the guards it serves)."""
    if sum(map(len, indices)) < n // 64:
        return np.unique(np.concatenate(indices))
    mask = np.zeros(n, dtype=bool)
    for values in indices:
        mask[values] = True
    return np.flatnonzero(mask)


def _same_sentences(units: Units, x: int, y: int) -> bool:
    """Do quotations x and y have the same sentences in the same surface form (their quantities then agree)?"""
    (sx, ex), (sy, ey) = np.searchsorted(units.quote, [[x, x + 1], [y, y + 1]]).tolist()
    return ex - sx == ey - sy and units.surface[sx:ex] == units.surface[sy:ey]


def _quote_quantities(units: Units, quote: int, cache: dict) -> frozenset:
    if quote not in cache:
        start, end = np.searchsorted(units.quote, [quote, quote + 1])
        cache[quote] = frozenset().union(*(units.form(u).quantities for u in range(int(start), int(end))))
    return cache[quote]


def pair_score(text_a: str, text_b: str) -> tuple[float, str]:
    """The best sentence-pair score of two quotation texts and its method (guards not applied): what a
    reviewer's decision on a pair the matcher never proposed records."""
    units = Units.of([text_a, text_b])
    a = np.flatnonzero(units.quote == 0)
    b = np.flatnonzero(units.quote == 1)
    if not len(a) or not len(b):
        return 0.0, score.RATIO
    la, lb = np.repeat(a, len(b)), np.tile(b, len(a))
    forms = [units.form(u).text for u in range(len(units.surface))]
    contents = [units.form(u).content for u in range(len(units.surface))]
    s, m = score.score_pairs(forms, contents, la, lb)
    k = int(np.argmax(s))
    return float(s[k]), score.METHODS[m[k]]


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of the graph on n nodes with the given edges: one label per node, equal
    within a component. Vectorised union-find: hook each edge's roots onto the smaller, then compress."""
    labels = np.arange(n, dtype=np.int64)
    while True:
        root_l, root_r = labels[left], labels[right]
        if np.array_equal(root_l, root_r):
            return labels
        low = np.minimum(root_l, root_r)
        np.minimum.at(labels, root_l, low)
        np.minimum.at(labels, root_r, low)
        while not np.array_equal(labels, labels[labels]):
            labels = labels[labels]
