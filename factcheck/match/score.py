"""Verifying candidate pairs with rapidfuzz, on normalised text, 0–100.

Two scores, the higher wins:
- ratio (fuzz.ratio): the whole quotation reprinted with small changes (a changed word, other marks);
- containment (fuzz.token_set_ratio: 100 when one text's words are a subset of the other's): a
  partial quote inside a longer statement. It is only computed when the shorter side has at least
  MIN_CONTAINMENT_WORDS content words, so that a short phrase of common words does not match every long
  quotation that happens to contain it. (fuzz.partial_ratio would also do, but was ~17× slower on 40k
  pairs of the benchmark's texts.)

Quotations with fewer than MIN_CONTENT_WORDS content words („Unsinn“, „Öl ins Feuer“) take no part
in matching at all: the same short phrase from two people is usually two different claims.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from .normalize import content_words, normalize

RATIO = "ratio"
CONTAINMENT = "containment"
MIN_CONTENT_WORDS = 3
MIN_CONTAINMENT_WORDS = 5
# Containment is only worth computing when the shorter text is clearly shorter; otherwise ratio says it.
CONTAINMENT_MAX_LENGTH_RATIO = 0.9


def eligible(normalized: str) -> bool:
    """Long enough to say whether two uses are the same claim."""
    return len(set(content_words(normalized))) >= MIN_CONTENT_WORDS


def pair_score(text_a: str, text_b: str) -> tuple[float, str]:
    """Score of one pair of raw quotation texts, and which score it was."""
    a, b = normalize(text_a), normalize(text_b)
    n_a, n_b = len(set(content_words(a))), len(set(content_words(b)))
    scores, methods = score_pairs([a, b], np.array([n_a, n_b]), np.array([0]), np.array([1]))
    return float(scores[0]), methods[0]


def score_pairs(
    texts: list[str], content_counts: np.ndarray, left: np.ndarray, right: np.ndarray, cutoff: float = 0
) -> tuple[np.ndarray, list[str]]:
    """Scores of the pairs (texts[left[k]], texts[right[k]]) of normalised texts; scores below `cutoff`
    come back as 0. `content_counts[i]` is the number of content words of texts[i]."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float32), []
    queries = [texts[i] for i in left]
    choices = [texts[j] for j in right]
    scores = process.cpdist(queries, choices, scorer=fuzz.ratio, score_cutoff=cutoff, workers=-1).astype(np.float32)
    methods = np.zeros(len(left), dtype=bool)  # True: containment

    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    len_l, len_r = lengths[left], lengths[right]
    shorter = np.where(len_l <= len_r, left, right)
    needs = (np.minimum(len_l, len_r) < CONTAINMENT_MAX_LENGTH_RATIO * np.maximum(len_l, len_r)) & (
        content_counts[shorter] >= MIN_CONTAINMENT_WORDS
    )
    idx = np.flatnonzero(needs)
    if len(idx):
        contained = process.cpdist(
            [queries[k] for k in idx], [choices[k] for k in idx],
            scorer=fuzz.token_set_ratio, score_cutoff=cutoff, workers=-1,
        ).astype(np.float32)
        better = contained > scores[idx]
        scores[idx[better]] = contained[better]
        methods[idx[better]] = True
    return scores, [CONTAINMENT if m else RATIO for m in methods]
