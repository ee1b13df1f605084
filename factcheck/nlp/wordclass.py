"""Word classes from the HanTa tagger: is a capitalised word a proper name, a common noun or something else.

HanTa is slow (about 4k tokens/s), so it is asked only for words no lexicon explains, once per distinct word."""

from __future__ import annotations

from functools import lru_cache


def is_name(word: str) -> bool:
    """A proper name rather than a common noun ("Sifton", "Medvedev" vs. "Ergebnis", "Terroranschlag").

    Asks the HanTa morphological tagger (only for the words of a speaker phrase that no lexicon explains,
    cached): a word whose analyses include a proper noun (NE), foreign material (FM) or an unknown nominal
    (NNA) nearly as likely as the best analysis (within 2 log units: "Biden" is NN -32.4 and NE -32.4) counts
    as a name. Without HanTa every capitalised word counts as a name."""
    return word_class(word) == "name"


def is_noun_word(word: str) -> bool:
    """A noun or name ("Täter"), not a pronominal adverb that merely ends like a person noun ("Darin")."""
    return word_class(word) != "other"


@lru_cache(maxsize=65536)
def word_class(word: str) -> str:
    """"name", "noun" or "other" by the HanTa analyses of ``word`` (see is_name); "name" without HanTa."""
    tagger = _tagger()
    if tagger is None:
        return "name"
    tags = tagger.tag_word(word)
    best = max(score for _, score in tags)
    if any(tag in ("NE", "FM", "NNA") and score >= best - 2.0 for tag, score in tags):
        return "name"
    return "noun" if max(tags, key=lambda t: t[1])[0] == "NN" else "other"


_TAGGER: list = []


def load_tagger() -> None:
    """Load the tagger now rather than on first use: the fork server of the ingest workers does, so that each
    worker starts with it (a fifth of a second of CPU each)."""
    _tagger()


def _tagger():
    """The HanTa tagger, loaded on first use (None when HanTa is not installed)."""
    if not _TAGGER:
        try:
            from HanTa import HanoverTagger

            _TAGGER.append(HanoverTagger.HanoverTagger("morphmodel_ger.pgz"))
        except Exception:  # pragma: no cover - optional dependency missing
            _TAGGER.append(None)
    return _TAGGER[0]
