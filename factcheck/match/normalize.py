"""Text normalisation before matching: what differs between outlets reprinting the same words.

Quotation marks („…“, »…«, "…", '…'), case, whitespace, Unicode composition (NFC), soft hyphens and
zero-width characters, dash and ellipsis variants. Words are runs of letters and digits.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTE_MARKS = "\"'„“”‚‘’»«›‹`´"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATE = str.maketrans(
    {**{c: None for c in _QUOTE_MARKS + _INVISIBLE}, "–": "-", "—": "-", "‑": "-", "\u00a0": " "}
)
_WORD = re.compile(r"\w+")

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


def normalize(text: str) -> str:
    """The form two quotations are compared in: NFC, marks and invisible characters removed, dashes
    and ellipses unified, case folded, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE).replace("...", "…")
    return " ".join(text.casefold().split())


def words(normalized: str) -> list[str]:
    return _WORD.findall(normalized)


def content_words(normalized: str) -> list[str]:
    """Words that can carry a claim: not function words, not single characters."""
    return [w for w in _WORD.findall(normalized) if len(w) > 1 and w not in STOPWORDS]
