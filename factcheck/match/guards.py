"""Guards that no score overrides: when two sentences can never be one claim, whatever their wording shares.

- Quantities: numbers, years, dates, amounts (with their months, weekdays and magnitudes, quantities.txt)
  must agree: the quantities of one are all among the other's (a cut may drop a number, but „ab 2027“ is
  never „ab 2029“, „um 12 Prozent“ never „um 21 Prozent“, „Mitte Februar“ never „Mitte März“).
- Negation: a claim and its negation are never one claim: both have as many negations (negations.txt).
- Spread: the same words from two different speakers are one claim only when the words they share are
  distinctive. „Das ist ein wichtiger Schritt in die richtige Richtung“ from a mayor and a fire chief is two
  claims; „Wer zur Risikogruppe gehört, sollte sich sofort impfen lassen“ repeated by a health officer is
  the virologist's claim spreading, which is what fact-checkers track.

How distinctive a word is weighs how rare it is in the whole database (its document frequency over all
sentences that take part in matching) against how common it is in German (a background frequency from
the wordfreq package, so that a small database is not fooled into taking common words for rare ones):
    information(w) = -log10((df(w) - 2 + PRIOR * p(w)) / (N + PRIOR))
with p(w) the chance that a sentence of WORDS_PER_SENTENCE words contains w, and PRIOR pseudo-sentences
of background. A quantity counts as distinctive in itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

PRIOR = 100000.0
WORDS_PER_SENTENCE = 12
UNKNOWN_ZIPF = 2.5   # words not in the background list are rarer than its rarest
# Shared words are distinctive when one of them is rare (about as rare as a word German uses a few times
# per million words) or together they carry this much information.
RARE_WORD = 4.0
DISTINCTIVE_TOTAL = 16.0


def quantities_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


@lru_cache(maxsize=1)
def _background() -> dict[str, float]:
    """wordfreq's frequencies, cached (factcheck.datacache): importing wordfreq costs more than matching one
    article's quotations against a big database."""
    from importlib.util import find_spec

    from ..datacache import cached

    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("de", wordlist="small")

    return cached(Path(find_spec("wordfreq").submodule_search_locations[0]) / "data" / "small_de.msgpack.gz", build)


def background_zipf(words: list[str]) -> np.ndarray:
    """Zipf frequency (log10 of occurrences per billion words) of each (surface, casefolded) word in German."""
    freq = _background()
    return np.array([np.log10(freq[w]) + 9 if w in freq else UNKNOWN_ZIPF for w in words], dtype=np.float32)


def information(df: np.ndarray, zipf: np.ndarray, sentences: int) -> np.ndarray:
    """How much two sentences sharing each word say (see the module docstring); higher is rarer. `df`: the
    sentences that have the word, the two compared among them (they are left out: that they share the word
    is what is being weighed)."""
    others = np.maximum(np.asarray(df, dtype=np.float64) - 2, 0)
    p_background = np.minimum(1.0, WORDS_PER_SENTENCE * 10.0 ** (np.asarray(zipf, dtype=np.float64) - 9))
    return (-np.log10((others + PRIOR * p_background) / (sentences + PRIOR))).astype(np.float32)


@dataclass
class WordStatistics:
    """What `information` needs, for the words of a corpus (indexed by word id)."""

    df: np.ndarray
    zipf: np.ndarray
    sentences: int
    _information: np.ndarray | None = None

    def information(self, words: np.ndarray) -> np.ndarray:
        return self.every_word()[words]

    def every_word(self) -> np.ndarray:
        """The information of every word, by word id."""
        if self._information is None:  # for every word at once: a pair then only looks its words up
            self._information = information(self.df, self.zipf, self.sentences)
        return self._information


# `distinctive_pairs` sums in float64 where `distinctive` sums float32 values: a sum this close to the threshold
# is left for `distinctive` to decide (float32 rounding over a sentence's words is far below it).
SUM_TOLERANCE = 1e-3


def distinctive_pairs(words: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray, information: np.ndarray,
                      *, chunk: int = 1 << 16) -> tuple[np.ndarray, np.ndarray]:
    """`distinctive` of the words texts a[k] and b[k] share, for every k at once (a Python set per pair was most
    of verifying), and whether each answer is sure (see SUM_TOLERANCE). `words`/`offsets`: each text's word ids
    in CSR form, distinct and ascending within a text (candidates.Corpus); `information`: by word id."""
    vocab = len(information)
    out, sure = np.zeros(len(a), dtype=bool), np.ones(len(a), dtype=bool)
    for begin in range(0, len(a), chunk):
        keys = np.concatenate([_pair_words(words, offsets, a[begin:begin + chunk], vocab),
                               _pair_words(words, offsets, b[begin:begin + chunk], vocab)])
        keys.sort(kind="stable")  # two ascending runs: a merge
        shared = keys[1:][keys[1:] == keys[:-1]]  # a word of both texts of a pair
        if not len(shared):
            continue
        pair, word = np.divmod(shared, vocab)
        values = information[word]
        starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
        rare = np.maximum.reduceat(values, starts) >= RARE_WORD
        total = np.add.reduceat(values.astype(np.float64), starts)
        owners = begin + pair[starts]
        out[owners] = rare | (total >= DISTINCTIVE_TOTAL)
        sure[owners] = rare | (np.abs(total - DISTINCTIVE_TOTAL) > SUM_TOLERANCE)
    return out, sure


def _pair_words(words: np.ndarray, offsets: np.ndarray, texts: np.ndarray, vocab: int) -> np.ndarray:
    """position * vocab + word for every word of each text of `texts`: ascending."""
    lengths = offsets[texts + 1] - offsets[texts]
    before = np.cumsum(lengths) - lengths
    take = np.arange(int(lengths.sum())) + np.repeat(offsets[texts] - before, lengths)
    return np.repeat(np.arange(len(texts), dtype=np.int64), lengths) * vocab + words[take]


def distinctive(shared_information: np.ndarray, shares_quantity: bool) -> bool:
    """Are the words two sentences share enough to say they are one claim though two people said them?"""
    if shares_quantity:
        return True
    if not len(shared_information):
        return False
    return bool(shared_information.max() >= RARE_WORD or shared_information.sum() >= DISTINCTIVE_TOTAL)
