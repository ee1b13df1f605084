"""Verifying candidate pairs of sentences with rapidfuzz, on their claim forms, 0–100.

Three scores, the highest wins:
- ratio (fuzz.ratio): the sentence reprinted with small changes (a changed word, other marks, turned into
  indirect speech, which the claim form mostly undoes);
- containment: a partial quote inside a longer statement, or a claim inside a reported span with narrative
  around it: the share of the shorter sentence's content (its content words, weighed by their letters) found
  among the longer one's words. All of it scores 100; a content word of the shorter side missing from the
  longer one (a changed verb: „beteiligen“ / „zur Verfügung stellen“, „bleiben“ / „schließen“) takes its share
  off, so such a pair is at most a suggestion for a reviewer, never joined automatically. Only computed when
  the shorter side has at least MIN_CONTAINMENT_WORDS content words, so that a short phrase of common words
  does not match every long sentence that happens to contain it;
- gap: a sentence cut with „…“ or „[…]“: its pieces must be found, in order, in the other sentence
  (fuzz.partial_ratio per piece, weighted by length); the gap may stand for any words.

Sentences with fewer than MIN_CONTENT_WORDS content words („Unsinn“, „Öl ins Feuer“) take no part in
matching at all: the same short phrase from two people is usually two different claims.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from .normalize import GAP

RATIO = "ratio"
CONTAINMENT = "containment"
GAPPED = "gap"
MIN_CONTENT_WORDS = 3
MIN_CONTAINMENT_WORDS = 4
# Containment is only worth computing when the shorter text is clearly shorter; otherwise ratio says it.
CONTAINMENT_MAX_LENGTH_RATIO = 0.9
METHODS = (RATIO, CONTAINMENT, GAPPED)


def score_pairs(forms: list[str], contents: list[tuple[str, ...]], left: np.ndarray, right: np.ndarray,
                cutoff: float = 0) -> tuple[np.ndarray, np.ndarray]:
    """Scores of the pairs (forms[left[k]], forms[right[k]]) of claim forms, and the method of each (an index
    into METHODS); scores below `cutoff` may come back as 0. `contents[i]`: the content words of forms[i]."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int8)
    texts = np.array(forms, dtype=object)  # a numpy take per side, not a Python loop
    queries, choices = texts[left].tolist(), texts[right].tolist()
    scores = process.cpdist(queries, choices, scorer=fuzz.ratio, score_cutoff=cutoff, workers=-1).astype(np.float32)
    methods = np.zeros(len(left), dtype=np.int8)

    lengths = np.fromiter((len(t) for t in forms), dtype=np.int64, count=len(forms))
    counts = np.fromiter((len(c) for c in contents), dtype=np.int64, count=len(contents))
    len_l, len_r = lengths[left], lengths[right]
    shorter, longer = np.where(len_l <= len_r, left, right), np.where(len_l <= len_r, right, left)
    needs = (np.minimum(len_l, len_r) < CONTAINMENT_MAX_LENGTH_RATIO * np.maximum(len_l, len_r)) & (
        counts[shorter] >= MIN_CONTAINMENT_WORDS
    )
    todo = np.flatnonzero(needs & (scores < 100))
    if len(todo):
        contained = containments(contents, shorter[todo], longer[todo])
        # as containment() compared with a float32 score: the float32 value against the score, the float against cutoff
        narrow = contained.astype(np.float32)
        better = (narrow > scores[todo]) & (contained >= cutoff)
        scores[todo[better]], methods[todo[better]] = narrow[better], 1
    gapped_form = np.fromiter((GAP in t for t in forms), dtype=bool, count=len(forms))
    for k in np.flatnonzero((scores < 100) & (gapped_form[left] | gapped_form[right])).tolist():
        a, b = queries[k], choices[k]
        gapped = max(gap_score(a, b) if GAP in a else 0.0, gap_score(b, a) if GAP in b else 0.0)
        if gapped > scores[k]:
            scores[k], methods[k] = gapped, 2
    return scores, methods


def containment(shorter: tuple[str, ...], longer: tuple[str, ...]) -> float:
    """The share of the shorter side's content words (weighed by their letters) that the longer side has, 0–100."""
    there = set(longer)
    total = sum(map(len, shorter))
    return 100.0 * sum(map(len, filter(there.__contains__, shorter))) / total if total else 0.0


def containments(contents: list[tuple[str, ...]], shorter: np.ndarray, longer: np.ndarray, *,
                 chunk: int = 1 << 18) -> np.ndarray:
    """containment(contents[shorter[k]], contents[longer[k]]) for every k at once, the same floats: the content
    words as integer ids, each pair's words of the shorter side looked up among the (text, word) codes of the
    longer side; in chunks of about `chunk` words (memory: a few arrays of `chunk` beside one code per word)."""
    ids: dict[str, int] = {}
    counts = np.fromiter(map(len, contents), dtype=np.int64, count=len(contents))
    offsets = np.r_[0, np.cumsum(counts)].astype(np.int64)
    words = np.fromiter((ids.setdefault(w, len(ids)) for c in contents for w in c), dtype=np.int32, count=offsets[-1])
    letters = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))  # of each word id
    totals = np.fromiter((sum(map(len, c)) for c in contents), dtype=np.int64, count=len(contents))
    size = max(len(ids), 1)
    codes = np.repeat(np.arange(len(contents), dtype=np.int64), counts)  # (text, word): each word once a text
    codes *= size
    codes += words
    codes.sort()
    out = np.zeros(len(shorter), dtype=np.float64)
    per_pair = counts[shorter]
    ends = np.cumsum(per_pair)
    start = 0
    while start < len(shorter):
        stop = max(int(np.searchsorted(ends, ends[start - 1] + chunk if start else chunk, side="right")), start + 1)
        s, n = shorter[start:stop], per_pair[start:stop]
        pair = np.repeat(np.arange(stop - start), n)
        first = np.r_[0, np.cumsum(n)[:-1]]
        word = words[offsets[s][pair] + np.arange(len(pair)) - first[pair]]
        wanted = longer[start:stop][pair] * size + word
        found = codes[np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)] == wanted if len(codes) else wanted < 0
        hits = np.bincount(pair, weights=np.where(found, letters[word], 0), minlength=stop - start)
        total = totals[s]
        out[start:stop] = np.where(total > 0, 100.0 * hits / np.maximum(total, 1), 0.0)
        start = stop
    return out


def gap_score(gapped: str, other: str) -> float:
    """How well a sentence cut with gaps fits into `other`: each piece between the gaps is looked up, in
    order, in the rest of `other` (partial_ratio), and the scores are weighted by the pieces' lengths."""
    pieces = [p.strip() for p in gapped.split(GAP) if p.strip()]
    if len(pieces) < 2 and not gapped.strip().startswith(GAP) and not gapped.strip().endswith(GAP):
        return 0.0
    total = weighted = 0.0
    rest = other
    for piece in pieces:
        found = fuzz.partial_ratio_alignment(piece, rest)
        if found is None:
            return 0.0
        weighted += found.score * len(piece)
        total += len(piece)
        rest = rest[found.dest_end:]
    return weighted / total if total else 0.0
