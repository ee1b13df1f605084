"""Source frames: "laut X", "nach Angaben von X", "X zufolge", "Seiner Meinung nach", ", so X", ", wonach …",
"Demnach …", the document or place of "heißt es" ("in einer Erklärung hieß es", "Aus Paris hieß es") and the document
of "aus X hervorgehen" ("Dies geht aus einer Mitteilung hervor.", "Wie aus dem Bericht hervorgeht, …").

A frame names its source; the claim is the rest of its sentence (or of its part between semicolons), the clause
before a closing frame ("…, laut X." / "…, so X."), or only the relative or subordinate clause that holds it.
Lexicons: frames.txt (fixed frames), source_nouns.txt ("nach Angaben"), non_sources.txt (sourceless hearsay,
"Berichten zufolge"), speech_nouns.txt (documents of "heißt es").
"""

from __future__ import annotations

from ..speakers import Mention, describe, is_time_phrase, np_backward, np_forward
from .complements import TRAILING_CLAUSE, complement_end
from .document import Cue, Document, Sentence
from .subjects import SPEAKER_PRONOUNS
from .titles import looks_like_name
from .words import RELATIVE_SOURCES

EMERGES = ("hervor", "hervorgeht", "hervorging", "hervorgehen", "hervorgingen")  # "geht aus X hervor"
DEMONSTRATIVES = ("dies", "das", "dieses")
SOURCE_CLAUSE_MAX = 14  # tokens of a relative clause or apposition on a source ("…, dem Dekan, …"); a longer run lost its comma


def frame_at(d: Document, sent: Sentence, i: int) -> tuple[Cue | None, int] | None:
    """The source frame (or "heißt es") starting at token ``i``, and the token to go on from; None when no frame
    starts there (the token may still be a speech verb)."""
    tk = d.tk
    s, e = sent.start, sent.end
    t = tk.text[i]
    low = t.lower()
    # source frames before the source: "laut X", "nach Angaben von X"
    for words in d.derived["frames_by_first"].get(low, ()):
        k = len(words)
        if i + k <= e and all(tk.text[i + x].lower() == words[x] for x in range(k)):
            src = np_forward(tk, i + k, e)
            if src is None and i + k in d.openers and looks_like_name(d, i + k, d.openers[i + k]) | (d.openers[i + k] - i - k <= 4):
                src = Mention(i + k + 1, d.openers[i + k])  # laut „tagesschau.de“, laut „Reuters“
            if src is not None:
                src = coordinated(d, src, e)
                if src.end >= d.trim(s, e)[1] and after_speech_verb(d, sent, i):
                    return None, src.end  # "„…“, sagte der Sprecher laut ndr.de.": the verb frames the quotation
                return Cue("frame_before", i, i + k, speaker=src, confidence=0.7), src.end
            break
    if low == "nach" and i + 1 < e:
        src = np_forward(tk, i + 1, e)
        if src is not None and source_head(d, src):
            src = coordinated(d, source_of(d, numbered(d, src, e)), e)
            return Cue("frame_before", i, i + 1, speaker=src, confidence=0.6), src.end
    if low == "nach" and i > s and tk.text[i - 1] in d.lex.source_nouns:
        src = np_backward(tk, i, d.clause_start(i, s))
        if src is not None:
            return Cue("frame_after", i, i + 1, speaker=src, confidence=0.6), i + 1
    if i > s + 1 and tk.text[i - 1] == "," and i + 1 < e and tk.text[i + 1] in RELATIVE_SOURCES and (
            low in ("nach", "laut", "gemäß") or tk.text[i + 2 : i + 3] == ["zufolge"]):
        end = i + 3 if tk.text[i + 2 : i + 3] == ["zufolge"] else i + 2
        return Cue("wonach", i, end, speaker=relative_source(d, i + 1, i - 1, s), confidence=0.6), end
    if low == "wonach" and i > s and tk.text[i - 1] == ",":
        src = np_backward(tk, i - 1, d.clause_start(i - 1, s))
        return (Cue("wonach", i, i + 1, speaker=src, confidence=0.6) if src is not None else None), i + 1
    if low == "demnach" and d.last_speaker is not None and d.last_sent_index >= d.sent_index - 2:
        last = d.last_speaker
        return Cue("demnach", i, i + 1, speaker=Mention(i, i + 1, last.name, last.type), confidence=0.5), i + 1
    if low == "demnach" and i == s:
        return Cue("demnach", i, i + 1, speaker=Mention(i, i + 1), confidence=0.4), i + 1  # the source is named earlier
    if low in d.lex.frames_after and i > s:
        k = parenthesis_start(d, i, s)
        lo = d.clause_start(k, s)
        src = np_backward(tk, k, lo)
        verbs = [j for j in range(src.start, src.end) if finite_verb(d, j, lo)] if src is not None else []
        if any(d.verb_lemma(j, sent) for j in verbs):
            return None, i + 1  # "sagte die Kanzlerin einigen Teilnehmern zufolge": the verb frames the quotation
        if verbs:
            src = Mention(verbs[-1] + 1, src.end) if verbs[-1] + 1 < src.end else None
        if src is not None and src.end < i:
            src = Mention(src.start, i, src.name, src.type)  # "Einer Erklärung des Verbandes (VDR) zufolge"
        return (Cue("frame_after", i, i + 1, speaker=src, confidence=0.7) if src is not None else None), i + 1
    if low in ("heißt", "hieß") and (i + 1 < e and tk.text[i + 1] == "es" or i > s and tk.text[i - 1].lower() == "es"):
        return Cue("heisst", i, i + 1, lemma="heißen", confidence=0.7), i + 1
    if t == "so" and i > s and (tk.text[i - 1] == "," or tk.text[i - 1] in "“”«»\"'"):
        j = i + 1
        verb = j < e and d.verb_lemma(j, sent) is not None and not d.negated(j, sent)
        if verb:
            j = d.skip_adverbs(j + 1, e)  # ", so schätzen die Forscher, …": the speech verb of the frame
        src = np_forward(tk, j, e)
        if src is None and j < e and tk.text[j].lower() in SPEAKER_PRONOUNS and not tk.is_det(j):
            src = Mention(j, j + 1)  # "„…“, so letztere."
        after = so_frame_end(d, src.end, e) if src is not None else e
        if src is not None and (after >= e or tk.text[after] in (",", ".", "!", "?", ":", "–", ";")):
            return Cue("so", i, i + 2 if verb else i + 1, speaker=src, confidence=0.8), src.end
    return None


def after_speech_verb(d: Document, sent: Sentence, i: int) -> bool:
    """A speech verb stands before the frame at ``i`` in its clause ("„…“, sagte der Sprecher laut ndr.de"): the
    frame names the channel of the report, and the verb's subject is the speaker."""
    return any(not d.in_mark[j] and d.verb_lemma(j, sent) for j in range(d.clause_start(i, sent.start), i))


def finite_verb(d: Document, k: int, lo: int) -> bool:
    """A finite verb at ``k`` that the backward reading of a noun phrase took for an adjective ("Die Männer
    entstammen Zeitungsberichten zufolge …", "Die Firma erwirtschaftete einem Bericht zufolge …", "Sie waren
    Zeugen zufolge …"): an auxiliary, a verb form the lemmatizer knows, or an "-en" word after the clause's
    subject."""
    tk = d.tk
    t = tk.text[k]
    if tk.cap[k] or not tk.is_word(k):
        return False
    if t in d.auxiliaries or d.inflected_verb(k) and t.endswith(("t", "te", "ten", "en")):
        return True
    plural = d.plural_verb(k, lo) or t.endswith("en") and k - 1 >= lo and tk.text[k - 1] in tk.pronouns
    return plural and tk.lemma[k].endswith("en")  # not "einigen" (einig) after a noun


def coordinated(d: Document, src: Mention, e: int) -> Mention:
    """A source with the phrases coordinated to it ("nach Meinung vieler Experten und Fans", "laut Polizei und
    Feuerwehr"): the claim starts after the last of them."""
    tk = d.tk
    k = src.end
    while k + 1 < e and tk.text[k] in ("und", "sowie") and not d.in_mark[k + 1]:
        m = np_forward(tk, k + 1, e)
        if m is None or tk.text[m.start] in tk.pronouns:
            break
        k = m.end
    return Mention(src.start, k, src.name, src.type) if k > src.end else src


def parenthesis_start(d: Document, i: int, s: int) -> int:
    """Token ``i``, or the opening parenthesis of a short one that ends right before it ("des Verbandes (VDR) zufolge")."""
    tk = d.tk
    if i - 1 <= s or tk.text[i - 1] != ")":
        return i
    return next((k for k in range(i - 2, max(s, i - 8), -1) if tk.text[k] == "("), i)


def numbered(d: Document, src: Mention, e: int) -> Mention:
    """A source with its number and genitive ("nach Artikel 65 des Grundgesetzes"): the claim starts after them."""
    tk = d.tk
    k = src.end
    if k >= e or not tk.text[k][:1].isdigit():
        return src
    k += 1
    if k + 1 < e and tk.text[k] in ("des", "der"):
        m = np_forward(tk, k + 1, e)
        k = m.end if m is not None else k
    return Mention(src.start, k, src.name, src.type)


def relative_source(d: Document, k: int, comma: int, s: int) -> Mention:
    """The relative pronoun at ``k`` of ", nach denen …" / ", denen zufolge …" as the speaker mention, named
    after the noun phrase before the comma ("Studien der Charité, nach denen …" -> Studien der Charité)."""
    tk = d.tk
    lo = d.clause_start(comma, s)
    end = comma
    while end > lo and not tk.is_noun(end - 1):
        end -= 1  # past a separated particle or verb: "legte einen Antrag vor, nach welchem …"
    antecedent = np_backward(tk, end, lo)
    if antecedent is not None:  # not past a verb that looks like an adjective ("legte einen Antrag")
        start = max((k + 1 for k in range(antecedent.start, antecedent.end) if d.inflected_verb(k)), default=antecedent.start)
        antecedent = Mention(start, antecedent.end) if start < antecedent.end else None
    name, typ = describe(d.tk, antecedent) if antecedent is not None else (None, "unknown")
    return Mention(k, k + 1, name, typ)


def frame(d: Document, cue: Cue, sent: Sentence, cues: list[Cue]) -> None:
    """The claim (``cue.region``) of a source frame, "wonach", "Demnach" or ", so X" cue."""
    tk = d.tk
    s, e = sent.start, sent.end
    if cue.kind in ("frame_before", "frame_after"):
        src = cue.speaker
        if tk.text[src.end - 1].casefold() in d.lex.non_sources:
            # "Berichten zufolge": hearsay without a source is no claim (the seeds gold's rule; the WIKINEWS
            # corpus annotates such sentences, so this costs about 0.002 F1 on train); "Berichten verschiedener
            # US-Medien zufolge" names its source
            cue.speaker = None
            return
        lo, hi = (cue.start, src.end) if cue.kind == "frame_before" else (src.start, cue.end)
        if d.in_relative_clause(lo, s) or d.in_subordinate_clause(lo, s):
            # "…, das nach israelischen Angaben der Planung diene, …": the frame covers its relative clause only
            cue.region = (d.clause_start(lo, s), subclause_end(d, hi, e))
            cue.region_kind = "indirect" if d.has_konjunktiv(*cue.region) else "reported"
            return
        if hi in d.closers:
            hi += 1  # laut „Reuters“
        if hi < e and tk.text[hi] == "(" and cue.kind == "frame_before":
            close = next((k for k in range(hi + 1, min(e, hi + 8)) if tk.text[k] == ")"), None)
            if close is not None:
                hi = close + 1  # "nach Angaben des United States Geological Survey (USGS)"
        s, e = d.semicolon_part(lo, s, e)
        s = after_colon(d, s, lo)
        s, e = parenthesis_part(d, lo, hi, s, e)
        a0, b0 = d.trim(s, e)
        if lo <= a0 + 1:
            region = (past_relative_clause(d, hi, e), e)
        elif hi >= b0 - 1 and not (cue.kind == "frame_before" and tk.text[lo - 1] not in (",", "–", "—", "(", "-", ";", ":")):
            region = (s, lo)  # "…, laut X." (a frame inside the clause, "… sei laut X möglich", keeps the sentence)
        else:
            region = (s, e)
        cue.region = region
        cue.region_kind = "indirect" if d.has_konjunktiv(*region) else "reported"
    elif cue.kind == "wonach":
        cue.region = (cue.end, complement_end(d, cue.end, sent, cues))
        cue.region_kind = "indirect"
    elif cue.kind == "demnach":
        cue.region = (cue.end if cue.start == s else s, e)
        cue.region_kind = "indirect" if d.has_konjunktiv(*cue.region) else "reported"
    elif cue.kind == "so":
        if cue.start - 2 in d.closers and quote_opens(d, cue.start - 2, sent):
            cue.direct_after = True  # "„…“, so X."
            cue.confidence = 0.9
        elif tk.text[cue.start - 1] == ",":
            cue.region = (after_colon(d, s, cue.start), cue.start - 1)  # "…: Eine Strafe sei nicht vermittelbar, so X."
            after = d.skip_adverbs(cue.speaker.end, e) if cue.speaker is not None else e
            after = past_source_relative(d, after, e)
            if (after < e and tk.text[after] == "," and d.trim(after + 1, e)[1] - after > 3
                    and tk.text[after + 1] not in d.relative and tk.text[after + 1] not in d.subordinators):
                cue.region = (s, e)  # "Alles sei, so der OSZE-Bericht, möglich gewesen": the frame is a parenthesis
                # (not "…, so X, die auch angab, …" / "…, so X, die angab, dass …": a clause on X follows)
            cue.region_kind = "indirect" if d.has_konjunktiv(*cue.region) else "reported"


def past_source_relative(d: Document, k: int, e: int) -> int:
    """The comma ``k`` after the source of ", so X", or the comma closing a relative clause on the source when the
    claim goes on in Konjunktiv after it ("Im Juni, so die Ergebnisse eines Richters, der gegen ihn ermittelt,
    seien …"): the frame is a parenthesis inside the claim."""
    tk = d.tk
    if k + 1 >= e or tk.text[k] != "," or tk.text[k + 1] not in d.relative_pronouns:
        return k
    end = d.clause_end(k + 1, e)
    if end + 1 < e and tk.text[end] == "," and d.has_konjunktiv(end + 1, d.clause_end(end + 1, e), hearsay=True):
        return end
    return k


def subclause_end(d: Document, k: int, e: int) -> int:
    """End of the relative or subordinate clause around a frame at ``k``: its verb stands last, so a comma after a
    noun is an enumeration inside it ("…, das nach israelischen Angaben der Planung, Finanzierung und
    Unterstützung diene"); a clause of condition or cause after it still belongs to it ("…, wenn …")."""
    tk = d.tk
    end = d.clause_end(k, e)
    while end + 1 < e and tk.text[end] == "," and tk.cap[end - 1] and tk.is_noun(end - 1):
        end = d.clause_end(end + 1, e)
    while end + 1 < e and tk.text[end] == "," and tk.text[end + 1] in TRAILING_CLAUSE:
        end = d.clause_end(end + 2, e)
    return end


def after_colon(d: Document, s: int, lo: int) -> int:
    """The start of the part after a colon that comes before the frame at ``lo`` ("Die Favoriten scheinen klar:
    Nach Meinung der Experten werden …"): the frame speaks for what follows the colon only."""
    for k in range(lo - 1, s - 1, -1):
        if d.tk.text[k] == ":" and not d.in_mark[k]:
            return k + 1
    return s


def parenthesis_part(d: Document, lo: int, hi: int, s: int, e: int) -> tuple[int, int]:
    """A frame inside parentheses frames the parenthesis only ("… getroffen (nach anderen Angaben liegt die
    Stadt 46 Kilometer entfernt).")."""
    tk = d.tk
    o = next((k for k in range(lo - 1, s - 1, -1) if tk.text[k] in ("(", ")") and not d.in_mark[k]), None)
    if o is None or tk.text[o] != "(":
        return s, e
    c = next((k for k in range(hi, e) if tk.text[k] in ("(", ")") and not d.in_mark[k]), None)
    if c is None or tk.text[c] != ")":
        return s, e
    return o + 1, c


def past_relative_clause(d: Document, k: int, e: int) -> int:
    """Token ``k`` after the source of an opening frame, or past a relative clause on the source that stands there
    ("Nach Angaben der Behörden, die nicht überprüft werden können, waren …"): the claim starts after it."""
    tk = d.tk
    if k + 1 < e and tk.text[k] == "," and tk.text[k + 1] in d.relative_pronouns:
        limit = min(e, k + SOURCE_CLAUSE_MAX)
        end = d.clause_end(k + 1, limit)
        if end < limit and tk.text[end] == ",":
            return end + 1
    return k


def quote_opens(d: Document, c: int, sent: Sentence) -> bool:
    """The quotation closed at ``c`` opens the sentence ("„…“, sagte X"), not only its end ("X sei „…“, so Y")."""
    o = d.closers[c]
    return o <= d.trim(sent.start, sent.end)[0] or d.after_colon(o, sent)


def so_frame_end(d: Document, i: int, e: int) -> int:
    """End of the adverbs and prepositional phrases after the speaker of ", so X" ("so der Vereinschef
    zu den Beweggründen", "so X gegenüber der Zeitung"), and a short parenthesis ("(BKA)"); the frame must close
    the clause after them."""
    tk = d.tk
    while i < e and not d.in_mark[i]:
        t = tk.text[i]
        if t.lower() in tk.prepositions or t in tk.adverbs:  # "gegenüber" is listed as an adverb
            np = np_forward(tk, i + 1, e)
            if np is not None and tk.text[np.start] not in tk.pronouns:
                i = np.end
                continue
        if t in tk.adverbs:
            i += 1
            continue
        close = next((k for k in range(i + 1, min(e, i + 6)) if tk.text[k] == ")"), None) if t == "(" else None
        if close is not None:
            i = close + 1  # "so eine Information des Bundeskriminalamtes (BKA) in Wiesbaden"
            continue
        break
    return i


def source_head(d: Document, m: Mention) -> bool:
    """The head noun of "nach X" is a source noun ("nach Angaben der Polizei", "nach Grupps Meinung"), not
    only a noun inside it ("nach Abschluss der Ermittlungen" is a time)."""
    tk = d.tk
    head = next((k for k in range(m.start, m.end) if tk.is_noun(k)), None)
    if head is not None and head + 1 < m.end and tk.text[head].endswith("s") and tk.is_noun(head + 1):
        head += 1  # a genitive name before the head: "nach Grupps Meinung"
    return head is not None and tk.text[head] in d.lex.source_nouns


def source_of(d: Document, m: Mention) -> Mention:
    """"Angaben der Polizei" -> "der Polizei": the source inside a source-noun phrase, if named."""
    tk = d.tk
    for k in range(m.start, m.end - 1):
        if tk.text[k] in d.lex.source_nouns and tk.text[k + 1] in ("der", "des", "von", "vom"):
            start = k + 2 if tk.text[k + 1] in ("von", "vom") else k + 1
            if start < m.end:
                return Mention(start, m.end)
    return m


def heisst_source(d: Document, v: int, sent: Sentence) -> Mention | None:
    """The place or body a "heißt es" cue quotes, in a prepositional phrase before or after it ("Aus Paris
    hieß es, …", "Bei der Agentur hieß es, …", "…, hieß es beim Sender XY")."""
    tk = d.tk
    lo = d.clause_start(v, sent.start)
    starts = [lo] if lo < v else []
    after = d.skip_adverbs(v + 1, sent.end)
    if after < sent.end and tk.text[after] == "es":
        starts.append(d.skip_adverbs(after + 1, sent.end))
    for k in starts:
        if k + 1 < sent.end and tk.text[k].lower() in d.lex.closed["source_preposition"] and not d.in_mark[k]:
            m = np_forward(tk, k + 1, sent.end)
            if m is not None and not is_time_phrase(tk, m):
                return m
    return None


def document_mention(d: Document, sent: Sentence, v: int) -> Mention | None:
    """The document a "heißt es" cue quotes ("in einer Erklärung des Weißen Hauses")."""
    tk = d.tk
    best = None
    for k in range(sent.start, sent.end):
        if not d.in_mark[k] and tk.text[k] in d.lex.speech_nouns:
            if best is None or abs(k - v) < abs(best - v):
                best = k
    if best is None:
        return None
    j = best
    while j > sent.start and (tk.is_det(j - 1) or tk.is_adjective(j - 1)):
        j -= 1
    return np_forward(tk, j, sent.end) or Mention(best, best + 1)


def emerges_from(d: Document, sent: Sentence, cues: list[Cue]) -> list[Cue]:
    """"…. Dies geht aus einer Mitteilung der Polizei hervor." / "Wie aus dem Bericht hervorgeht, wurden …": the
    document in "aus X hervorgehen" is the source of the previous sentence, taken up by the demonstrative, or of the
    main clause after the wie-clause (a source frame without a speech verb, like "laut X")."""
    tk = d.tk
    a, b = d.trim(sent.start, sent.end)
    if b - a < 5 or any(c.region for c in cues):
        return []
    first = tk.text[a].lower()
    if first in DEMONSTRATIVES and tk.text[a + 1] in ("geht", "ging") and tk.text[a + 2] == "aus" and sent.prev is not None:
        src = np_forward(tk, a + 3, b)
        if src is None or not any(tk.text[k] in EMERGES and not d.in_mark[k] for k in range(src.end, b)):
            return []
        region = (sent.prev.start, sent.prev.end)
    elif first == "wie" and tk.text[a + 1] == "aus":
        comma = d.clause_end(a + 1, b)
        src = np_forward(tk, a + 2, comma)
        if src is None or comma >= b or tk.text[comma] != "," or tk.text[comma - 1] not in EMERGES:
            return []
        region = (comma + 1, b)
    else:
        return []
    cue = Cue("frame_before", a + 1, a + 2, speaker=src, confidence=0.6)
    cue.region = region
    cue.region_kind = "indirect" if d.has_konjunktiv(*region) else "reported"
    return [cue]
