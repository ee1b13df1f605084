"""Sub-quadratic candidate generation: which pairs of quotations are worth scoring at all.

Two channels over the texts' sets of content words, both vectorised with numpy:
- MinHash LSH (NUM_PERM permutations, BANDS bands of ROWS rows): pairs whose word sets are similar
  (Jaccard ≳ 0.5), i.e. the same quotation with small changes;
- a rare-word index: a quotation and every longer one that contains its two rarest words, i.e. a
  partial quote inside the statement it was cut from (Jaccard too low for LSH).

Pairs are returned as sorted unique int64 codes `lo * n + hi` (lo < hi). With `is_new`, only pairs
with at least one new text are kept: that is what makes matching incremental.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .normalize import is_content_word, tokens

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
# A band bucket with more texts than this holds short texts of common words that agree by chance, not
# near-duplicates (exact duplicates are removed before): it yields no pairs. Real near-duplicates agree
# on several bands, so they are still found through the others.
MAX_BUCKET = 200
# A text whose rarest content word occurs in more texts than this has no rare word to look it up by.
MAX_RARE_DF = 500
_SEED = 20221010
# Joins the texts for one tokenising pass; upper case, so no casefolded text contains it.
_SEPARATOR = " QXSEPARATORQX "


@dataclass
class Corpus:
    """Normalised texts with their distinct content words as integer ids, in CSR form."""

    texts: list[str]
    words: np.ndarray    # word ids, grouped by text
    offsets: np.ndarray  # text i has words[offsets[i]:offsets[i + 1]]
    vocab_size: int

    @property
    def counts(self) -> np.ndarray:
        return np.diff(self.offsets)

    def subset(self, keep: np.ndarray) -> Corpus:
        """The texts at indices `keep` (same word ids)."""
        counts = self.counts[keep]
        offsets = np.r_[0, np.cumsum(counts)].astype(np.int64)
        take = np.repeat(self.offsets[keep] - offsets[:-1], counts) + np.arange(offsets[-1])
        return Corpus([self.texts[i] for i in keep], self.words[take], offsets, self.vocab_size)

    @classmethod
    def build(cls, texts: list[str]) -> Corpus:
        """Tokenise normalised texts: one pass over all of them and C-level dict lookups, since this is
        the part of matching that touches every word."""
        words = tokens(_SEPARATOR.join(texts))
        vocab = {w: i for i, w in enumerate(dict.fromkeys(words))}
        ids = np.fromiter(map(vocab.__getitem__, words), dtype=np.int64, count=len(words))
        kept = np.fromiter(map(is_content_word, vocab), dtype=bool, count=len(vocab))
        separator = vocab.get(_SEPARATOR.strip().encode(), -1)
        text_of = np.cumsum(ids == separator)  # the separators themselves are dropped below
        keep = kept[ids] & (ids != separator)
        ids, text_of = ids[keep], text_of[keep]
        # distinct words per text, grouped by text (in order of the word ids)
        codes = _sorted_unique(text_of * len(vocab) + ids)
        text_of, ids = codes // max(len(vocab), 1), codes % max(len(vocab), 1)
        offsets = np.searchsorted(text_of, np.arange(len(texts) + 1)).astype(np.int64)
        return cls(list(texts), ids, offsets, len(vocab))


def band_hashes(corpus: Corpus, *, chunk_tokens: int = 1_000_000) -> np.ndarray:
    """(BANDS, n) uint32: for each band, its ROWS minimum hashes folded into one number. Texts must
    have at least one word. Deterministic (fixed seed).

    Each permutation is a multiply-add of random per-word values modulo 2**32. Everything is uint32
    and written into buffers allocated once: fresh large temporaries (page faults) and 64-bit
    arithmetic made this several times slower."""
    rng = np.random.default_rng(_SEED)
    word_values = rng.integers(0, 2**32, size=max(corpus.vocab_size, 1), dtype=np.uint32)
    mult = (rng.integers(0, 2**32, size=(NUM_PERM, 1), dtype=np.uint32) | np.uint32(1))
    add = rng.integers(0, 2**32, size=(NUM_PERM, 1), dtype=np.uint32)
    fold = (rng.integers(0, 2**32, size=(1, ROWS, 1), dtype=np.uint32) | np.uint32(1))
    n, offsets = len(corpus.texts), corpus.offsets
    out = np.empty((BANDS, n), dtype=np.uint32)
    block = 16
    buffer = np.empty((block, min(chunk_tokens, len(corpus.words)) or 1), dtype=np.uint32)
    start = 0
    while start < n:  # chunks of texts of about chunk_tokens words: memory stays bounded
        end = int(np.searchsorted(offsets, offsets[start] + chunk_tokens, side="right")) - 1
        end = min(max(end, start + 1), n)
        lo, hi = offsets[start], offsets[end]
        if hi - lo > buffer.shape[1]:  # a single text longer than the chunk
            buffer = np.empty((block, hi - lo), dtype=np.uint32)
        values = word_values[corpus.words[lo:hi]][None, :]
        seg = offsets[start:end] - lo
        sig = np.empty((NUM_PERM, end - start), dtype=np.uint32)
        for p in range(0, NUM_PERM, block):
            h = buffer[:, : hi - lo]
            np.multiply(mult[p:p + block], values, out=h)
            np.add(h, add[p:p + block], out=h)
            sig[p:p + block] = np.minimum.reduceat(h, seg, axis=1)
        sig = sig.reshape(BANDS, ROWS, end - start)
        np.multiply(sig, fold, out=sig)
        out[:, start:end] = sig.sum(axis=1, dtype=np.uint32)
        start = end
    return out


def lsh_pairs(bands: np.ndarray, is_new: np.ndarray | None = None) -> np.ndarray:
    """Pairs of texts that agree on all rows of at least one band (`bands` as from band_hashes)."""
    n = bands.shape[1]
    found: list[np.ndarray] = []
    for band in bands:
        order = np.argsort(band, kind="stable")
        found.append(_pairs_within_groups(band[order], order, n, is_new))
    return _unique(found)


def rare_word_pairs(corpus: Corpus, min_words: int, is_new: np.ndarray | None = None,
                    *, chunk: int = 2_000_000) -> np.ndarray:
    """Pairs (short, long): every text with at least `min_words` content words, and each text with at
    least as many words that contains the short one's two rarest content words."""
    n, words, offsets = len(corpus.texts), corpus.words, corpus.offsets
    counts = corpus.counts
    owner = np.repeat(np.arange(n, dtype=np.int64), counts)
    df = np.bincount(words, minlength=corpus.vocab_size)
    # each text's words by rarity: sort by (text, df, word id)
    order = np.lexsort((words, df[words], owner))
    short = np.flatnonzero(counts >= min_words)
    first = words[order[offsets[short]]]
    second = words[order[offsets[short] + 1]]
    keep = df[first] <= MAX_RARE_DF
    short, first, second = short[keep], first[keep], second[keep]
    # postings: the texts containing each word; and (word, text) membership codes
    by_word = np.argsort(words, kind="stable")
    posting_texts = owner[by_word]
    posting_start = np.searchsorted(words[by_word], np.arange(corpus.vocab_size + 1))
    membership = np.sort(words * n + owner)

    found: list[np.ndarray] = []
    sizes = df[first]
    cum = np.cumsum(sizes)
    begin = 0
    while begin < len(short):  # expand in chunks of about `chunk` (short, candidate) rows
        end = int(np.searchsorted(cum, (cum[begin - 1] if begin else 0) + chunk, side="right"))
        end = min(max(end, begin + 1), len(short))
        s, w1, w2, k = short[begin:end], first[begin:end], second[begin:end], sizes[begin:end]
        rows = np.repeat(np.arange(len(s)), k)
        within = np.arange(len(rows)) - np.repeat(np.cumsum(k) - k, k)
        q = s[rows]
        p = posting_texts[posting_start[w1[rows]] + within]
        ok = (p != q) & (counts[p] >= counts[q])
        q, p, w2 = q[ok], p[ok], w2[rows][ok]
        code = w2 * n + p
        pos = np.minimum(np.searchsorted(membership, code), len(membership) - 1)
        ok = membership[pos] == code
        q, p = q[ok], p[ok]
        if is_new is not None:
            ok = is_new[q] | is_new[p]
            q, p = q[ok], p[ok]
        found.append(np.minimum(q, p) * n + np.maximum(q, p))
        begin = end
    return _unique(found)


def union(*codes: np.ndarray) -> np.ndarray:
    return _unique(list(codes))


def _pairs_within_groups(sorted_keys: np.ndarray, order: np.ndarray, n: int, is_new) -> np.ndarray:
    """All pairs of positions with equal keys in a sorted array, as codes of the original indices."""
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(sorted_keys)])
    group_end = np.repeat(starts + sizes, sizes)
    small = np.repeat(sizes <= MAX_BUCKET, sizes)
    pos = np.flatnonzero(small & (group_end - np.arange(len(sorted_keys)) > 1))  # not the last of its group
    out = []
    d = 1
    while len(pos):
        i, j = order[pos], order[pos + d]
        if is_new is not None:
            keep = is_new[i] | is_new[j]
            i, j = i[keep], j[keep]
        out.append(np.minimum(i, j) * n + np.maximum(i, j))
        d += 1
        pos = pos[pos + d < group_end[pos]]
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)  # unique within a band already


def _unique(parts: list[np.ndarray]) -> np.ndarray:
    parts = [p for p in parts if len(p)]
    return _sorted_unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique for integers by sorting: measured several times faster here than numpy 2's hash-based
    np.unique."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values
