"""Text normalisation before matching: what differs between outlets reprinting the same words.

Quotation marks („…“, »…«, "…", '…'), case, whitespace, Unicode composition (NFC), soft hyphens and
zero-width characters, dash and ellipsis variants. Words are separated by whitespace and punctuation.
"""

from __future__ import annotations

import unicodedata

_QUOTE_MARKS = "\"'„“”‚‘’»«›‹`´"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Plain str.replace per character: far faster than str.translate with a dict on long strings.
_REPLACEMENTS = (*((c, "") for c in _QUOTE_MARKS + _INVISIBLE), ("–", "-"), ("—", "-"), ("‑", "-"),
                 ("\u00a0", " "), ("...", "…"))
# Word tokens are what is left between whitespace once ASCII punctuation and the ellipsis are blanked
# out; done on UTF-8 bytes with bytes.translate, several times faster than a regex over the text.
_BLANK_PUNCTUATION = bytes(c if chr(c).isalnum() or chr(c).isspace() or c >= 128 else 32 for c in range(256))
_ELLIPSIS = "…".encode()
# Joins texts for normalize_all: a control character that composes with nothing and survives every step.
_SEPARATOR = "\x1e"

# German function words: they carry no claim, so they neither make two quotations similar in candidate
# generation nor count towards the minimum of content words.
STOPWORDS = frozenset("""
aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf aus bei beim
bereits bin bis bisher bist da dabei dafür daher damit dann darauf darum das dass dazu dem den denen denn der
deren des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen
einer eines einige einigen er es etwa euch euer eure für gegen gewesen hab habe haben hat hatte hatten hier
hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in indem ins ist ja jede jedem jeden
jeder jedes jedoch jetzt kann kein keine keinem keinen keiner können könnte man manche mehr mein meine meinem
meinen meiner mich mir mit muss müssen nach nachdem nein nicht nichts noch nun nur ob oder ohne schon sehr
sein seine seinem seinen seiner seines seit sich sie sind so sollen sollte sondern sowie über um und uns
unser unsere unserem unseren unserer unter viel vom von vor wann war waren warum was weil welche welchem
welchen welcher welches wenn wer werde werden wie wieder will wir wird wirst wo wollen wurde wurden zu zum
zur zwar zwischen sei seien wäre wären hätte hätten würde würden worden ab ob
""".split())
_STOPWORD_BYTES = frozenset(w.encode("utf-8") for w in STOPWORDS)


def normalize(text: str) -> str:
    """The form two quotations are compared in: NFC, marks and invisible characters removed, dashes
    and ellipses unified, case folded, whitespace collapsed."""
    return " ".join(_replace(unicodedata.normalize("NFC", text)).casefold().split())


def normalize_all(texts: list[str]) -> list[str]:
    """`normalize` for many texts at once: the Unicode steps run once over all of them, which is several
    times faster than text by text."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text contains the separator itself
        return [normalize(t) for t in texts]
    joined = _replace(unicodedata.normalize("NFC", joined)).casefold()
    return [" ".join(t.split()) for t in joined.split(_SEPARATOR)] if texts else []


def _replace(text: str) -> str:
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def tokens(normalized: str) -> list[bytes]:
    """The words of a normalised text (or of many joined by spaces), as UTF-8 bytes."""
    return normalized.encode("utf-8").replace(_ELLIPSIS, b" ").translate(_BLANK_PUNCTUATION).split()


def is_content_word(token: bytes) -> bool:
    """Can carry a claim: not a function word, not a single character."""
    return token not in _STOPWORD_BYTES and len(token.decode("utf-8")) > 1


def content_words(normalized: str) -> list[str]:
    return [t.decode("utf-8") for t in tokens(normalized) if is_content_word(t)]
