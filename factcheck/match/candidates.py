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

import hashlib
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from .normalize import canonical, is_content, tokens

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
_SEPARATOR_TOKEN = _SEPARATOR.strip().encode()


@dataclass
class Corpus:
    """Texts (surface forms of sentences) as their distinct content words in claim form, as integer ids in
    CSR form; `vocab[id]` is the word."""

    words: np.ndarray    # word ids (int32), grouped by text, ascending within a text
    offsets: np.ndarray  # text i has words[offsets[i]:offsets[i + 1]]
    vocab: list[str]
    surface: list[str]   # a surface form of each word: what background frequencies are looked up by

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    @property
    def counts(self) -> np.ndarray:
        return np.diff(self.offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def subset(self, keep: np.ndarray) -> Corpus:
        """The texts at indices `keep` (same word ids)."""
        counts = self.counts[keep]
        offsets = np.r_[0, np.cumsum(counts)].astype(np.int64)
        take = np.repeat(self.offsets[keep] - offsets[:-1], counts) + np.arange(offsets[-1])
        return Corpus(self.words[take], offsets, self.vocab, self.surface)

    def words_of(self, i: int) -> np.ndarray:
        return self.words[self.offsets[i]:self.offsets[i + 1]]

    @classmethod
    def build(cls, texts: list[str], *, chunk: int = 20_000) -> Corpus:
        """Tokenise surface forms: one pass over each chunk of texts and C-level dict lookups, since this is the
        part of matching that touches every word; each distinct word is put in claim form once. Chunks keep
        memory bounded (a bytes object per word of a chunk, not of all texts); word ids are given in order of
        first appearance all the same."""
        surface_ids: dict[bytes, int] = {}
        to_canon = np.zeros(0, dtype=np.int64)  # surface id -> content word id, or -1
        vocab: dict[str, int] = {}
        surface_of: list[str] = []
        words, counts = [], []
        for start in range(0, len(texts), chunk):
            part = texts[start:start + chunk]
            raw = tokens(_SEPARATOR.join(part))
            ids = np.fromiter(map(surface_ids.get, raw, repeat(-1)), dtype=np.int64, count=len(raw))
            new = []  # the words seen for the first time, in order: their content word ids (or -1)
            for k in np.flatnonzero(ids < 0).tolist():
                word = raw[k]
                sid = surface_ids.get(word)
                if sid is None:
                    sid = surface_ids[word] = len(to_canon) + len(new)
                    text = word.decode("utf-8")
                    canon = canonical(text)
                    if word != _SEPARATOR_TOKEN and is_content(canon):
                        cid = vocab.setdefault(canon, len(vocab))
                        if cid == len(surface_of):
                            surface_of.append(text)
                        new.append(cid)
                    else:
                        new.append(-1)
                ids[k] = sid
            to_canon = np.r_[to_canon, np.array(new, dtype=np.int64)]
            del raw
            separator = surface_ids.get(_SEPARATOR_TOKEN, -1)
            text_of = np.cumsum(ids == separator)  # the separators themselves are dropped below
            ids = to_canon[ids]
            keep = ids >= 0
            size = max(len(vocab), 1)
            codes = _sorted_unique(text_of[keep] * size + ids[keep])  # distinct words per text, grouped by text
            words.append((codes % size).astype(np.int32))  # memory: 4 bytes a word
            counts.append(np.bincount(codes // size, minlength=len(part)))
        offsets = np.r_[0, np.cumsum(np.concatenate(counts))].astype(np.int64) if counts else np.zeros(1, np.int64)
        return cls(np.concatenate(words) if words else np.zeros(0, dtype=np.int32), offsets, list(vocab), surface_of)


def word_hashes(words: list[str]) -> np.ndarray:
    """A fixed pseudo-random uint32 for each word (its MinHash input): the same word gets the same value in
    every run and every database, so that stored band keys stay comparable."""
    return np.fromiter((int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=4).digest(), "little")
                        for w in words), dtype=np.uint32, count=len(words))


def band_hashes(corpus: Corpus, *, chunk_tokens: int = 1_000_000) -> np.ndarray:
    """(BANDS, n) uint32: for each band, its ROWS minimum hashes folded into one number. Texts must
    have at least one word. Deterministic (fixed seed).

    Each permutation is a multiply-add of random per-word values modulo 2**32. Everything is uint32
    and written into buffers allocated once: fresh large temporaries (page faults) and 64-bit
    arithmetic made this several times slower."""
    return band_hashes_of(corpus.words, corpus.offsets, word_hashes(corpus.vocab), chunk_tokens=chunk_tokens)


def band_hashes_of(words: np.ndarray, offsets: np.ndarray, word_values: np.ndarray, *,
                   chunk_tokens: int = 1_000_000) -> np.ndarray:
    """`band_hashes` of texts given as word ids (CSR) and each word id's hash value."""
    rng = np.random.default_rng(_SEED)
    mult = (rng.integers(0, 2**32, size=(NUM_PERM, 1), dtype=np.uint32) | np.uint32(1))
    add = rng.integers(0, 2**32, size=(NUM_PERM, 1), dtype=np.uint32)
    fold = (rng.integers(0, 2**32, size=(1, ROWS, 1), dtype=np.uint32) | np.uint32(1))
    n = len(offsets) - 1
    out = np.empty((BANDS, n), dtype=np.uint32)
    block = 16
    buffer = np.empty((block, min(chunk_tokens, len(words)) or 1), dtype=np.uint32)
    start = 0
    while start < n:  # chunks of texts of about chunk_tokens words: memory stays bounded
        end = int(np.searchsorted(offsets, offsets[start] + chunk_tokens, side="right")) - 1
        end = min(max(end, start + 1), n)
        lo, hi = offsets[start], offsets[end]
        if hi - lo > buffer.shape[1]:  # a single text longer than the chunk
            buffer = np.empty((block, hi - lo), dtype=np.uint32)
        values = word_values[words[lo:hi]][None, :]
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
    least as many words that contains the short one's two rarest content words.

    Each short text is expanded into the postings of its rarest word (at most MAX_RARE_DF of them): the work
    grows with the corpus until the rarest words' postings reach that size, and is linear after. So each row
    must cost little: a word's postings are ordered by the texts' word counts (a short text's candidates are a
    suffix of them, found by one search), a 64-bit signature of each text's words rules most candidates out
    without a search, and the remaining (text, word) lookups are searched in sorted order (random searches
    into the membership codes cost 1.7 µs each, sorted ones 0.1 µs)."""
    n, words, offsets = len(corpus), corpus.words, corpus.offsets
    counts = corpus.counts
    vocab_size = max(corpus.vocab_size, 1)
    df = np.bincount(words, minlength=corpus.vocab_size)
    short = np.flatnonzero(counts >= min_words)
    if not len(short) or not len(words):
        return np.zeros(0, dtype=np.int64)
    # each short text's two rarest words, by (df, word id): two minima of that key over each text's words
    # (min_words >= 2); the texts with words cut `words` into contiguous segments
    with_words = np.flatnonzero(counts > 0)
    starts, pick = offsets[with_words], np.searchsorted(with_words, short)
    rarity = df[words]  # int64, a new array: computed in place (memory)
    rarity *= vocab_size
    rarity += words
    least = np.minimum.reduceat(rarity, starts)
    rarity[rarity == np.repeat(least, counts[with_words])] = np.iinfo(np.int64).max
    second = np.minimum.reduceat(rarity, starts)[pick] % vocab_size
    del rarity
    first = least[pick] % vocab_size
    del least
    keep = df[first] <= MAX_RARE_DF
    short, first, second = short[keep], first[keep], second[keep]

    owner = np.repeat(np.arange(n, dtype=np.int32), counts)
    posting_texts, posting_key = _postings_by_length(words, owner, counts, vocab_size)
    top = int(counts.max()) + 1
    wanted = first * top + counts[short]
    by = np.argsort(wanted, kind="stable")
    begin_at = np.empty(len(short), dtype=np.int64)
    begin_at[by] = np.searchsorted(posting_key, wanted[by])  # the first posting of a text at least as long
    del wanted, by, posting_key
    sizes = np.cumsum(df)[first] - begin_at
    signature = np.zeros(n, dtype=np.uint64)
    signature[with_words] = np.bitwise_or.reduceat(np.left_shift(np.uint64(1), _signature_bit(words)), starts)
    membership = owner.astype(np.int64)  # (text, word) codes, sorted as they are (a text's words ascend)
    del owner
    membership *= vocab_size
    membership += words

    found: list[np.ndarray] = []
    cum = np.cumsum(sizes)
    begin = 0
    while begin < len(short):  # expand in chunks of about `chunk` (short, candidate) rows
        end = int(np.searchsorted(cum, (cum[begin - 1] if begin else 0) + chunk, side="right"))
        end = min(max(end, begin + 1), len(short))
        k = sizes[begin:end]
        rows = np.repeat(np.arange(begin, end), k)
        p = posting_texts[np.arange(len(rows)) + np.repeat(begin_at[begin:end] - (np.cumsum(k) - k), k)].astype(np.int64)
        q, w2 = short[rows], second[rows]
        ok = (p != q) & ((signature[p] >> _signature_bit(w2)) & np.uint64(1)).astype(bool)
        code = p[ok] * vocab_size + w2[ok]
        q, p = q[ok], p[ok]
        by = np.argsort(code)
        code = code[by]
        ok = by[membership[np.minimum(np.searchsorted(membership, code), len(membership) - 1)] == code]
        q, p = q[ok], p[ok]
        if is_new is not None:
            ok = is_new[q] | is_new[p]
            q, p = q[ok], p[ok]
        found.append(np.minimum(q, p) * n + np.maximum(q, p))
        begin = end
    return _unique(found)


def _signature_bit(words: np.ndarray) -> np.ndarray:
    """Which of a text signature's 64 bits a word sets (multiplicative hashing of the word id)."""
    return (words.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(58)


def _postings_by_length(words: np.ndarray, owner: np.ndarray, counts: np.ndarray, vocab_size: int,
                        *, key_bits: int = 63) -> tuple[np.ndarray, np.ndarray]:
    """The postings of all words, by (word, the text's word count, text): the texts (int32) and each one's
    word * (max count + 1) + count. One sort of int64 keys packed with shifts (a lexsort of three keys, or
    packing with products and taking it apart with divisions, cost four times as much); a lexsort where the
    key does not fit in `key_bits`."""
    n = len(counts)
    top = int(counts.max()) + 1
    count_bits, text_bits = top.bit_length(), max(n - 1, 1).bit_length()
    if max(vocab_size - 1, 1).bit_length() + count_bits + text_bits > key_bits:
        order = np.lexsort((owner, counts[owner], words))
        texts = owner[order]
        return texts, words[order].astype(np.int64) * top + counts[texts]
    key = words.astype(np.int64)
    key <<= count_bits
    key |= counts[owner]
    key <<= text_bits
    key |= owner
    key.sort()
    texts = (key & ((1 << text_bits) - 1)).astype(np.int32)
    key >>= text_bits + count_bits
    key *= top
    key += counts[texts]
    return texts, key


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
    """np.unique of non-negative int64 codes, by sorting (measured several times faster here than numpy 2's
    hash-based np.unique). Codes below 2**32 (those of up to 65,536 texts) are sorted as uint32: 141 ms instead
    of 248 for the 3.6M LSH pairs of 5,000 articles."""
    if not len(values):
        return values
    values = values.astype(np.uint32) if int(values.max()) < 2**32 else np.array(values)
    values.sort()
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep].astype(np.int64, copy=False)
