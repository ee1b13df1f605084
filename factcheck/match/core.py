"""The in-memory matching core: normalised texts in, scored pairs and clusters out. No database.

`match_texts` finds every pair scoring at least `suggest` among texts (or, incrementally, every such
pair that involves a new text): exact duplicates are paired directly, the distinct texts go through
candidate generation (candidates.py) and verification (score.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import candidates, score
from .candidates import Corpus

EXACT = "exact"


@dataclass
class Pairs:
    left: np.ndarray     # indices into the texts given to match_texts
    right: np.ndarray
    scores: np.ndarray
    methods: list[str]   # exact | ratio | containment
    candidates: int = 0  # pairs of distinct texts that were scored

    def __len__(self) -> int:
        return len(self.left)


def match_texts(texts: list[str], is_new: np.ndarray | None = None, *, suggest: float) -> Pairs:
    """All pairs of normalised `texts` scoring >= `suggest` (with `is_new`: only pairs with a new text).
    Texts that are not `score.eligible` (too few content words) are never paired."""
    n = len(texts)
    new = np.ones(n, dtype=bool) if is_new is None else np.asarray(is_new, dtype=bool)

    # exact duplicates: each text points at the first occurrence of its wording
    first_of: dict[str, int] = {}
    rep = np.fromiter((first_of.setdefault(t, i) for i, t in enumerate(texts)), dtype=np.int64, count=n)
    distinct = np.flatnonzero(rep == np.arange(n))
    corpus = Corpus.build([texts[i] for i in distinct])
    counts = corpus.counts
    eligible = counts >= score.MIN_CONTENT_WORDS
    slot = np.full(n, -1, dtype=np.int64)
    slot[distinct] = np.arange(len(distinct))
    distinct_new = np.zeros(len(distinct), dtype=bool)
    np.logical_or.at(distinct_new, slot[rep], new)

    dup = np.flatnonzero((rep != np.arange(n)) & eligible[slot[rep]] & (new | new[rep]))
    left, right = [rep[dup]], [dup]
    scores, methods = [np.full(len(dup), 100, dtype=np.float32)], [EXACT] * len(dup)

    # distinct eligible texts: candidates, then verification
    keep = np.flatnonzero(eligible)
    sub = corpus.subset(keep)
    sub_new = distinct_new[keep]
    m = len(keep)
    codes = np.zeros(0, dtype=np.int64)
    if m > 1:
        codes = candidates.union(
            candidates.lsh_pairs(candidates.band_hashes(sub), sub_new),
            candidates.rare_word_pairs(sub, score.MIN_CONTAINMENT_WORDS, sub_new),
        )
    a, b = codes // max(m, 1), codes % max(m, 1)
    s, how = score.score_pairs(sub.texts, sub.counts, a, b, cutoff=suggest)
    good = np.flatnonzero(s >= suggest)
    left.append(distinct[keep[a[good]]])
    right.append(distinct[keep[b[good]]])
    scores.append(s[good])
    methods += [how[k] for k in good]
    return Pairs(np.concatenate(left), np.concatenate(right), np.concatenate(scores), methods, len(codes))


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
