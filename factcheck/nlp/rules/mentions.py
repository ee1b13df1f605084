"""The span of a speaker mention: the whole phrase that names the speaker in the text.

The rules find the core of a speaker phrase and name it ("der Polizei" -> Polizei); the mention a reader
(and the WIKINEWS corpus) sees is wider: the source or speech noun it belongs to ("Angaben der Polizei",
"Angaben von Augenzeugen", "einer Stellungnahme der US-Armee"), a number before it ("80 Prozent"), a name in
quotation marks after its kind noun ("die Nachrichtenagentur „Xinhua“"), a parenthesis after it ("Anna Berg
(SPD)", "die Behörde (DGAC)"), a second subject coordinated with it ("Der Betriebsrat und die Geschäftsleitung")
and an apposition in commas, also after attachments of the core ("der Sprecher der Fraktion im Bundestag, Jan
Ott," / "Ursula Castrup, die Leiterin der Fachstelle für Suchtvorbeugung."). ``widen`` runs once per mention
after all rules, so the display name stays what resolve.py made of the core.
"""

from __future__ import annotations

from ..speakers import NAME_PARTICLES, Mention, np_backward, np_forward
from .document import Document

MAX_PARENTHESIS = 6  # tokens inside "(…)" after a name: a party, an acronym, an age
MAX_QUOTED_NAME = 6  # tokens inside the quotation marks of a name after its kind noun
MAX_APPOSITION = 25  # tokens of an apposition in commas
CLOSING = (",", ".", "!", "?", ";", ":")
NOMINATIVE_OPENERS = {"die", "das", "ein", "eine"}  # no genitive: "sagte der Zeitung die Sprecherin" owns nothing
ROLE_ATTACHMENTS = {"im", "in", "am", "beim", "bei", "für", "auf", "aus", "von", "vom"}  # "Sprecher im Bundestag, X"


def widen(d: Document, m: Mention, lo: int, hi: int) -> None:
    """Widen ``m`` in place to the whole mention inside the sentence lo..hi."""
    tk = d.tk
    if m.start > lo and tk.text[m.start - 1] in tk.pronouns or tk.text[m.start] in tk.pronouns:
        return
    m.start = owner_start(d, m.start, lo)
    if m.start - 1 >= lo and m.start - 1 in d.openers and d.openers[m.start - 1] == m.end:
        m.start, m.end = m.start - 1, m.end + 1  # the whole name in quotation marks: „Welt“
    m.end = quoted_name_end(d, m.end, hi)
    m.end = after_parenthesis(d, m.end, hi)
    m.start, m.end = coordinated(d, m, lo, hi)
    m.end = apposition_end(d, m.end, hi)


def owner_start(d: Document, start: int, lo: int) -> int:
    """Start of the mention with what stands before its core: the source or speech noun whose genitive or
    "von" phrase the core is ("Angaben der Polizei", "Meinung Russlands", "Angaben von Augenzeugen"), a
    "vom", which holds the article ("vom Bundesverband"), a number ("80 Prozent", "einer der 13 Feuerwehrmänner")."""
    tk = d.tk
    k = start - 1
    if k >= lo and tk.text[k] in ("vom", "Vom", "von") and not d.in_mark[k]:
        if k - 1 >= lo and source_noun(d, k - 1):
            k -= 1  # "Angaben von Augenzeugen"
        elif tk.text[k] != "von":
            return k
    if k >= lo and source_noun(d, k) and tk.text[start].lower() not in NOMINATIVE_OPENERS:
        while k - 1 >= lo and not d.in_mark[k - 1] and (tk.is_det(k - 1) or tk.is_adjective(k - 1)):
            k -= 1
        return k
    if k >= lo and tk.text[k][:1].isdigit() and tk.is_word(k) and not d.in_mark[k] and not tk.is_det(start):
        while k - 1 >= lo and not d.in_mark[k - 1] and tk.is_det(k - 1):
            k -= 1  # "einer der 13 beteiligten Feuerwehrmänner"
        return k
    return start


def source_noun(d: Document, k: int) -> bool:
    tk = d.tk
    return tk.cap[k] and not d.in_mark[k] and (tk.text[k] in d.lex.source_nouns or tk.text[k] in d.lex.speech_nouns)


def quoted_name_end(d: Document, end: int, hi: int) -> int:
    """``end`` moved past a name in quotation marks right after the core's kind noun: die Nachrichtenagentur
    „Xinhua“, des Magazins „Der Spiegel“."""
    tk = d.tk
    if end < hi and end in d.openers and end > 0 and tk.cap[end - 1]:
        close = d.openers[end]
        if close < hi and close - end - 1 <= MAX_QUOTED_NAME and close > end + 1 and tk.cap[end + 1]:
            return close + 1
    return end


def coordinated(d: Document, m: Mention, lo: int, hi: int) -> tuple[int, int]:
    """The span of two subjects coordinated by "und"/"sowie" that the core is one of: "Der Betriebsrat und die
    Geschäftsleitung des Herstellers" (the core first, a verb after the second), "Die Politiker Peter Danckert
    und Max Straubinger" (the core second, the first opening its clause)."""
    tk = d.tk
    start, end = m.start, m.end
    if end + 1 < hi and tk.text[end] in ("und", "sowie") and not d.in_mark[end + 1]:
        second = np_forward(tk, end + 1, hi)
        if (second is not None and tk.text[second.start].lower() not in OBJECT_WORDS
                and second.end < hi and verb_like(d, second.end)):
            end = after_parenthesis(d, second.end, hi)
    if start - 2 >= lo and tk.text[start - 1] in ("und", "sowie") and not d.in_mark[start - 1]:
        floor = d.clause_start(start - 1, lo)
        first = np_backward(tk, start - 1, floor)
        if first is not None and first.start == d.trim(floor, start)[0] and tk.text[first.start].lower() not in OBJECT_WORDS:
            start = first.start
    return start, end


OBJECT_WORDS = {"den", "dem", "einen", "einem", "diesen", "diesem"}


def verb_like(d: Document, k: int) -> bool:
    """A lowercase word that can be the finite verb after a subject ("… und die Geschäftsleitung teilten mit")."""
    tk = d.tk
    t = tk.text[k]
    return (tk.is_word(k) and not tk.cap[k] and not d.in_mark[k] and t not in tk.articles and t not in tk.prepositions
            and t not in tk.conj)


def apposition_end(d: Document, end: int, hi: int) -> int:
    """``end`` moved past an apposition in commas: ", Lars Beringer," / ", die Leiterin der Fachstelle für
    Suchtvorbeugung."; attachments of the core may stand before its comma ("der Sprecher der Fraktion im
    Bundestag, Jan Ott,"). The apposition is a noun phrase (with attachments) that ends at a comma or the end
    of the sentence; a clause ("…, die Lage sei ernst") is none."""
    tk = d.tk
    comma = end
    if comma < hi and tk.text[comma] in ROLE_ATTACHMENTS and not d.in_mark[comma]:
        comma = d.clause_end(comma, hi)  # attachments of the core up to the comma: then a name must follow
        if comma - end > MAX_APPOSITION or not noun_phrase(d, end, comma):
            return end
    if comma + 1 >= hi or tk.text[comma] != "," or d.in_mark[comma + 1]:
        return end
    np = np_forward(tk, comma + 1, hi)
    if np is None or tk.text[np.start] in tk.pronouns or any(d.in_mark[x] for x in range(np.start, np.end)):
        return end
    if comma > end and tk.is_det(np.start):
        return end
    close = d.clause_end(np.end, hi)
    if close - comma > MAX_APPOSITION or not noun_phrase(d, np.end, close):
        return end
    if close < hi and tk.text[close] not in CLOSING:
        return end
    last = d.trim(comma + 1, close)[1] - 1
    if not (tk.cap[last] or tk.text[last] == ")"):
        return end  # a relative clause ends with its verb
    return d.trim(comma + 1, close)[1]


def noun_phrase(d: Document, a: int, b: int) -> bool:
    """Tokens a..b hold only words of noun phrases and their attachments: capitalised words, articles,
    adjectives, prepositions, numbers, "und", "/" ("Bündnis 90/Die Grünen"), parentheses, surname particles ("Heike
    van Laak"); no verb, no quotation, no time ("am Montag")."""
    tk = d.tk
    for k in range(a, b):
        t = tk.text[k]
        if d.in_mark[k] or t in tk.time:
            return False
        if tk.cap[k] or t in "()" or t[:1].isdigit():
            continue
        if t in tk.prepositions or tk.is_det(k) or t in ("und", "sowie", "/") or t in d.name_particles or t in NAME_PARTICLES:
            continue
        if tk.is_adjective(k) and k + 1 < b and (tk.cap[k + 1] or tk.is_adjective(k + 1)):
            continue  # an adjective before its noun, not a participle closing a clause
        return False
    return True


def after_parenthesis(d: Document, end: int, hi: int) -> int:
    """``end`` moved past a short parenthesis that follows it ("(SPD)", "(IAEO)")."""
    tk = d.tk
    if end < hi and tk.text[end] == "(":
        close = next((x for x in range(end + 1, min(hi, end + MAX_PARENTHESIS + 2)) if tk.text[x] == ")"), None)
        if close is not None:
            return close + 1
    return end
