"""The span of a speaker mention: the whole phrase that names the speaker in the text.

The rules find the core of a speaker phrase and name it ("der Polizei" -> Polizei); the mention a reader
(and the WIKINEWS corpus) sees is wider: the source or speech noun it belongs to ("Angaben der Polizei",
"einer Stellungnahme der US-Armee"), a parenthesis after it ("Anna Berg (SPD)", "die Behörde (DGAC)") and an
apposition in commas ("der Leiter des Programms, Klaus Stöhr," / "Ursula Castrup, die Leiterin der Fachstelle.").
``widen`` runs once per mention after all rules, so the display name stays what resolve.py made of the core.
"""

from __future__ import annotations

from ..speakers import Mention, np_forward
from .document import Document

MAX_PARENTHESIS = 6  # tokens inside "(…)" after a name: a party, an acronym, an age


def widen(d: Document, m: Mention, lo: int, hi: int) -> None:
    """Widen ``m`` in place to the whole mention inside the sentence lo..hi."""
    tk = d.tk
    if m.start > lo and tk.text[m.start - 1] in tk.pronouns or tk.text[m.start] in tk.pronouns:
        return
    # the source or speech noun whose genitive the core is: "Angaben der Polizei", "Meinung Russlands"
    k = m.start - 1
    if k >= lo and tk.cap[k] and not d.in_mark[k] and (tk.text[k] in d.lex.source_nouns or tk.text[k] in d.lex.speech_nouns):
        while k - 1 >= lo and not d.in_mark[k - 1] and (tk.is_det(k - 1) or tk.is_adjective(k - 1)):
            k -= 1
        m.start = k
    if m.start - 1 >= lo and tk.text[m.start - 1] in ("vom", "Vom"):
        m.start -= 1  # "vom" holds the article: "vom Bundesverband Erneuerbare Energie"
    m.end = after_parenthesis(d, m.end, hi)
    # an apposition in commas: ", Lars Beringer," / ", die Leiterin der Fachstelle."
    if m.end + 1 < hi and tk.text[m.end] == "," and not d.in_mark[m.end + 1]:
        np = np_forward(tk, m.end + 1, hi)
        if np is not None and tk.text[np.start] not in tk.pronouns and not any(d.in_mark[x] for x in range(np.start, np.end)):
            end = after_parenthesis(d, np.end, hi)
            if end >= hi or tk.text[end] in (",", ".", "!", "?", ";", ":"):
                m.end = end


def after_parenthesis(d: Document, end: int, hi: int) -> int:
    """``end`` moved past a short parenthesis that follows it ("(SPD)", "(IAEO)")."""
    tk = d.tk
    if end < hi and tk.text[end] == "(":
        close = next((x for x in range(end + 1, min(hi, end + MAX_PARENTHESIS + 2)) if tk.text[x] == ")"), None)
        if close is not None:
            return close + 1
    return end
