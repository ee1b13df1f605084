"""Scoring claim matching and speaker merging on a labelled set of pairs (`factcheck eval-match PAIRS`).

A labelled set is a JSON object with four lists, each of pairs `[stem, snippet, stem, snippet]` (an optional
fifth element is a note): `same_claim`, `different_claim`, `same_speaker`, `different_speaker`. A stem names an
article file (`<stem>.txt`, `.md`, `.html`, `.htm` or `.jsonl` with one record) in the articles folder beside the
JSON file: a folder named like the file's stem, else `articles/`, else the file's own folder. A snippet is exact
text of its article and names the quotation that contains it (the one it overlaps most; a verbatim fragment
stands for the claim it is part of).

`evaluate` reads the articles into a fresh database with the real pipeline (detector, store, `match.run`) and
says for every pair what the matcher made of it:
- claims: `clustered` (one cluster), `suggested` (a pending suggestion joins the two, or their clusters) or
  `apart`; a same-claim pair counts as found when clustered or suggested, a different-claim pair as kept apart
  when not clustered;
- speakers: `merged` when both quotations end at one speaker (after speaker merges) or show the same name,
  else `apart`;
- `missing` when the detector found no quotation (or, for speakers, no speaker) at a snippet.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CLAIM_LISTS = ("same_claim", "different_claim")
SPEAKER_LISTS = ("same_speaker", "different_speaker")
LISTS = CLAIM_LISTS + SPEAKER_LISTS
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


class PairsError(ValueError):
    """A labelled set that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Snippet:
    stem: str
    text: str


@dataclass(frozen=True)
class Pair:
    a: Snippet
    b: Snippet
    note: str = ""


@dataclass
class LabelledSet:
    lists: dict[str, list[Pair]]
    articles: dict[str, Path]  # stem -> article file


def load_pairs(path: str | Path, articles: str | Path | None = None) -> LabelledSet:
    """Read and check a labelled set: every list well formed, every article there, every snippet in it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PairsError(f"{path}: cannot read ({err.strerror or err})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PairsError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(data, dict) or not any(name in data for name in LISTS):
        raise PairsError(f"{path}: expected a JSON object with lists {', '.join(LISTS)}")
    folder = Path(articles) if articles else _articles_folder(path)
    lists: dict[str, list[Pair]] = {}
    files: dict[str, Path] = {}
    for name in LISTS:
        entries = data.get(name, [])
        if not isinstance(entries, list):
            raise PairsError(f"{path}: {name} must be a list of pairs")
        lists[name] = []
        for number, entry in enumerate(entries, 1):
            where = f"{path}: {name} pair {number}"
            if (not isinstance(entry, list) or len(entry) not in (4, 5)
                    or not all(isinstance(x, str) and x for x in entry)):
                raise PairsError(f"{where}: expected [stem, snippet, stem, snippet] (and an optional note)")
            for stem, snippet in ((entry[0], entry[1]), (entry[2], entry[3])):
                if stem not in files:
                    files[stem] = _article_file(folder, stem, where)
            lists[name].append(Pair(Snippet(entry[0], entry[1]), Snippet(entry[2], entry[3]),
                                    entry[4] if len(entry) == 5 else ""))
    return LabelledSet(lists, files)


def _articles_folder(path: Path) -> Path:
    for folder in (path.with_suffix(""), path.parent / "articles"):
        if folder.is_dir():
            return folder
    return path.parent


def _article_file(folder: Path, stem: str, where: str) -> Path:
    for suffix in ARTICLE_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    raise PairsError(f"{where}: no article {stem!r} in {folder}")


@dataclass
class PairResult:
    pair: Pair
    outcome: str                   # clustered | suggested | apart | merged | missing
    texts: tuple[str | None, str | None]
    speakers: tuple[str | None, str | None]


@dataclass
class Evaluation:
    results: dict[str, list[PairResult]] = field(default_factory=dict)

    def count(self, name: str, *outcomes: str) -> int:
        return sum(1 for r in self.results.get(name, []) if r.outcome in outcomes)

    def total(self, name: str) -> int:
        return len(self.results.get(name, []))

    def metrics(self) -> dict[str, dict[str, float | int | None]]:
        """Per list: pairs, outcome counts, recall and precision.

        recall: of a same list, the share found (claims: clustered or suggested; speakers: merged); of a
        different list, the share kept apart (not clustered, not merged). precision: of the labelled pairs the
        system joined automatically (clustered, merged), the share labelled same; of those it did not join
        (or suggest), the share labelled different."""
        out = {}
        for same, different in (CLAIM_LISTS, SPEAKER_LISTS):
            joined = "clustered" if same == "same_claim" else "merged"
            found_same = self.count(same, joined, "suggested")
            joined_same, joined_diff = self.count(same, joined), self.count(different, joined)
            apart_same, apart_diff = self.count(same, "apart", "missing"), self.count(different, "apart", "missing")
            out[same] = {"pairs": self.total(same), "recall": _ratio(found_same, self.total(same)),
                         "precision": _ratio(joined_same, joined_same + joined_diff)}
            out[different] = {"pairs": self.total(different), "recall": _ratio(self.total(different) - joined_diff,
                                                                               self.total(different)),
                              "precision": _ratio(apart_diff, apart_diff + apart_same)}
            for name in (same, different):
                out[name] |= {outcome: self.count(name, outcome) for outcome in _OUTCOMES[name]}
        return out

    def report(self, errors: bool = False) -> str:
        metrics = self.metrics()
        lines = []
        for name in LISTS:
            m = metrics[name]
            what = "found" if name.startswith("same") else "kept apart"
            counts = ", ".join(f"{m[o]} {o}" for o in ("clustered", "suggested", "merged", "apart", "missing") if o in m)
            lines.append(f"{name:<18} {m['pairs']:>3} pairs  recall {_fmt(m['recall'])} ({what})  "
                         f"precision {_fmt(m['precision'])}  [{counts}]")
        if errors:
            for name in LISTS:
                wrong = [r for r in self.results[name] if _is_error(name, r.outcome)]
                if wrong:
                    lines.append(f"\n{name}: {len(wrong)} not as labelled")
                for r in wrong:
                    note = f"  ({r.pair.note})" if r.pair.note else ""
                    lines.append(f"  {r.outcome}{note}")
                    for snippet, text, speaker in zip((r.pair.a, r.pair.b), r.texts, r.speakers):
                        shown = _short(text) if text is not None else f"(no quotation at „{_short(snippet.text)}“)"
                        lines.append(f"    {snippet.stem}: {shown}  — {speaker or 'no speaker'}")
        return "\n".join(lines)


_OUTCOMES = {"same_claim": ("clustered", "suggested", "apart", "missing"),
             "different_claim": ("clustered", "suggested", "apart", "missing"),
             "same_speaker": ("merged", "apart", "missing"), "different_speaker": ("merged", "apart", "missing")}


def _is_error(name: str, outcome: str) -> bool:
    if name == "same_claim":
        return outcome in ("apart", "missing")
    if name == "different_claim":
        return outcome in ("clustered", "suggested")
    if name == "same_speaker":
        return outcome in ("apart", "missing")
    return outcome == "merged"


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def evaluate(labelled: LabelledSet, *, nlp=None, threshold: float | None = None, suggest: float | None = None,
             db_path: str | Path | None = None) -> Evaluation:
    """Ingest the labelled set's articles into a new database (at `db_path`, else a temporary one), match,
    and score every pair."""
    from factcheck import match
    from factcheck.ingest import ingest
    from factcheck.store import open_db

    options = {k: v for k, v in (("threshold", threshold), ("suggest", suggest)) if v is not None}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(db_path or Path(tmp) / "eval-match.db")
        try:
            files = [str(f) for f in sorted(set(labelled.articles.values()))]
            report = ingest(db, files, nlp=nlp)
            if report.errors:
                raise PairsError(report.errors[0])
            match.run(db, **options)
            return score(db, labelled)
        finally:
            db.close()


def score(db, labelled: LabelledSet) -> Evaluation:
    """What the database says about every labelled pair (the articles must have been ingested from the
    labelled set's files, and matched)."""
    article_ids = {stem: _article_id(db, path) for stem, path in labelled.articles.items()}
    evaluation = Evaluation()
    for name in LISTS:
        evaluation.results[name] = []
        for pair in labelled.lists[name]:
            quotes = [_quote_at(db, s.stem, article_ids[s.stem], s.text) for s in (pair.a, pair.b)]
            texts = tuple(q["text"] if q else None for q in quotes)
            speakers = tuple(q["speaker"] if q else None for q in quotes)
            if name in CLAIM_LISTS:
                outcome = _claims_outcome(db, *quotes)
            else:
                outcome = _speakers_outcome(*quotes)
            evaluation.results[name].append(PairResult(pair, outcome, texts, speakers))
    return evaluation


def _article_id(db, path: Path) -> str | None:
    row = db.execute("SELECT id FROM articles WHERE source = ?", [str(path.resolve())]).fetchone()
    return row[0] if row else None


def _quote_at(db, stem: str, article_id: str | None, snippet: str) -> dict | None:
    """The claim the snippet names: the quotation overlapping it most (the shorter on a tie), or the claim a
    verbatim fragment is part of."""
    if article_id is None:  # the same text as another article of the set: stored once
        return None
    text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    span = _locate(text, snippet)
    if span is None:
        raise PairsError(f"snippet „{_short(snippet, 60)}“ is not in the text of article {stem!r}")
    start, end = span
    best, best_key = None, None
    for row in db.execute(
        'SELECT quote_id, start, "end", part_of FROM quotes_view WHERE article_id = ? AND start < ? AND "end" > ?',
        [article_id, end, start],
    ):
        overlap = min(end, row[2]) - max(start, row[1])
        key = (overlap, -(row[2] - row[1]))
        if best_key is None or key > best_key:
            best, best_key = row, key
    if best is None:
        return None
    quote_id = best[3] or best[0]
    row = db.execute(
        "SELECT v.quote_id, v.text, v.speaker, v.cluster_id, COALESCE(s.merged_into, s.id) FROM quotes_view v "
        "LEFT JOIN speakers s ON s.id = v.speaker_id WHERE v.quote_id = ?", [quote_id]).fetchone()
    return dict(zip(("id", "text", "speaker", "cluster", "speaker_root"), row)) if row else None


def _locate(text: str, snippet: str) -> tuple[int, int] | None:
    """Where the snippet is in the stored text: exactly, else with any run of whitespace for a space."""
    start = text.find(snippet)
    if start >= 0:
        return start, start + len(snippet)
    words = snippet.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.span() if found else None


def _claims_outcome(db, a: dict | None, b: dict | None) -> str:
    if a is None or b is None:
        return "missing"
    if a["id"] == b["id"] or (a["cluster"] is not None and a["cluster"] == b["cluster"]):
        return "clustered"
    side_a, side_b = _members(db, a), _members(db, b)
    marks_a, marks_b = ",".join("?" * len(side_a)), ",".join("?" * len(side_b))
    suggested = db.execute(
        f"SELECT 1 FROM match_suggestions WHERE status = 'pending' AND "
        f"((quote_a IN ({marks_a}) AND quote_b IN ({marks_b})) OR (quote_a IN ({marks_b}) AND quote_b IN ({marks_a}))) "
        "LIMIT 1", [*side_a, *side_b, *side_b, *side_a]).fetchone()
    return "suggested" if suggested else "apart"


def _members(db, quote: dict) -> list[str]:
    if quote["cluster"] is None:
        return [quote["id"]]
    return [r[0] for r in db.execute("SELECT quote_id FROM cluster_members WHERE cluster_id = ?", [quote["cluster"]])]


def _speakers_outcome(a: dict | None, b: dict | None) -> str:
    if a is None or b is None or a["speaker_root"] is None or b["speaker_root"] is None:
        return "missing"
    same_name = (a["speaker"] or "").casefold() == (b["speaker"] or "").casefold()
    return "merged" if a["speaker_root"] == b["speaker_root"] or same_name else "apart"
