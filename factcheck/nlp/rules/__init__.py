"""The rules that find quotations, claims and their speakers in a segmented German Doc.

One module per kind of evidence; they share a ``Document`` (tokens, quotation marks, clause grammar, discourse
memory) and a per-sentence ``Sentence`` (document.py), and produce ``Found`` quotations:

    quoted.py        quotation marks: direct and partial quotations, scare quotes, quoted terms
    titles.py        names and titles in quotation marks (der Film „…“, (kurz: „Fed“)): never speech
    cues.py          speech-verb cues and what they frame (", sagte X.", "Wie X mitteilte", "X sagte: „…“")
    complements.py   complement clauses: where a claim ends; ", dass" / ", ob" / ", zu" after other verbs and nouns,
                     a Konjunktiv clause after a noun of saying ("der Vorwurf, er habe …")
    frames.py        source frames: laut X, X zufolge, nach Angaben von X, , so X, wonach, Demnach, heißt es,
                     "Dies geht aus X hervor"
    stance.py        stances and reported speech acts without a content clause ("warnt vor …", "kündigte … an")
    continuation.py  free indirect speech, hearsay, quotations standing alone, "Dies bestätigte X."
    subjects.py      speaker choice: the noun phrase that is the speaker of a cue (its subject, a passive agent,
                     the person an active "zitieren" quotes, the owner of a speech noun)
    passive.py       passive cues: the agent, the document it is said in; nouns of speech, intent and source
    main_clause.py   the subject of a sentence's main clause and the subject after a verb (past a dative addressee
                     or an expletive "es"); whether a phrase names someone who can speak
    resolve.py       pronoun, role, document and name-variant resolution of a speaker mention; the nearest
                     mention of a speaker carried over to a later claim; the actor of a narrative sentence that
                     the Konjunktiv sentence after it continues
    mentions.py      the whole span of a speaker mention (source noun, parenthesis, apposition)
    finder.py        the order in which they run, sentence by sentence
    words.py         what a word can trigger, once per distinct word: the flags behind the per-document token
                     positions (document.py) that let the rules skip every other token

Per sentence (finder.analyse): cues (find_cues, frame_cue, then dass/zu/noun complements and stance), cues that are
part of reported speech dropped, speakers resolved; then the claims outside quotation marks, the quotations,
free indirect speech, and the filters (quoted terms, first person).
"""

from .document import Found, Sentence
from .finder import find_quotations

__all__ = ["Found", "Sentence", "find_quotations"]
