"""Scoring quotation detection and attribution against gold annotations.

The metric (issue 3): per document, predictions and gold quotations are matched one-to-one,
best overlaps first. A prediction matches a gold quotation when the character Jaccard of the two
spans, after stripping quotation marks and surrounding whitespace, is >= 0.5. An attribution is
right when the message matches and the predicted speaker span overlaps a gold speaker span (or the
gold has no speaker). Gold without speaker offsets (the seeds JSONL) is compared by display name.

Two gold formats are read:
- a folder of WIKINEWS JSON articles (German Wikinews quotation corpus, see ../shared/data/wikinews-quotes);
  scare quotes are not annotated there, so predicted scare quotes are left out of the scoring;
- a JSONL file of quotations (``{"doc", "kind", "start", "end", "text", "speaker", "speaker_type", "cue"}``),
  with the texts in ``<jsonl folder>/../seeds/<doc>.txt`` or a folder passed as ``texts_dir``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

QUOTE_CHARS = "\"'„“”‚‘’»«›‹"
JACCARD_MIN = 0.5

WIKINEWS_KIND = {
    "Direct": "direct",
    "Indirect": "indirect",
    "FreeIndirect": "free_indirect",
    "IndirectFreeIndirect": "free_indirect",
    "Reported": "reported",
}


@dataclass
class GoldQuote:
    start: int
    end: int
    kind: str  # gold type as written in the gold (Direct, Indirect, ... or direct, partial, ...)
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    speaker: str | None = None
    speaker_type: str | None = None
    pieces: int = 1  # spans of a discontinuous quotation ("Die Brücke ist laut Polizei gesperrt": 2)
    nested: bool = False  # a verbatim quotation inside another gold quotation
    has_nested: bool = False
    cue: str | None = None


@dataclass
class GoldDoc:
    name: str
    text: str
    quotes: list[GoldQuote]
    sentences: list[tuple[int, int]] = field(default_factory=list)  # character bounds, when the gold has them


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past quotation marks and whitespace on both sides."""
    start, end = max(0, start), min(len(text), end)
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS):
        end -= 1
    return start, end


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def _norm_name(name: str | None) -> str:
    name = unicodedata.normalize("NFKC", name or "").casefold()
    return re.sub(r"[^\w]+", " ", name).strip()


def same_speaker_name(pred: str | None, gold: str | None) -> bool:
    """Display-name comparison for gold without offsets: normalised equality, containment or fuzzy >= 85."""
    p, g = _norm_name(pred), _norm_name(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    short, long_ = sorted((p.split(), g.split()), key=len)
    if long_[-len(short) :] == short and (len(short) >= 2 or len(long_) <= 3):
        return True  # "Biden" / "Joe Biden", "ukrainische Geheimdienste" / "… und ukrainische Geheimdienste"
    from rapidfuzz import fuzz

    return fuzz.ratio(p, g) >= 85


# --------------------------------------------------------------------------- loading


def load_wikinews(folder: Path) -> list[GoldDoc]:
    docs = []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        quotes = []
        for ann in data.get("annotations", []):
            spans = ann["quote"]["spans"]
            if not spans:
                continue
            speaker_spans = [(s["charBegin"], s["charEnd"]) for s in ann["speaker"]["spans"]]
            quotes.append(
                GoldQuote(
                    start=min(s["charBegin"] for s in spans),
                    end=max(s["charEnd"] for s in spans),
                    kind=ann["type"],
                    speaker_spans=speaker_spans,
                    speaker=ann["speaker"]["text"] or None,
                    pieces=len(spans),
                    nested=bool(ann.get("isNested")),
                    has_nested=bool(ann.get("hasNested")),
                    cue=ann.get("cue", {}).get("text") or None,
                )
            )
        sentences = [(s["charBegin"], s["charEnd"]) for s in data.get("sentences", [])]
        docs.append(GoldDoc(path.stem, data["originalText"], quotes, sentences))
    return docs


def load_jsonl(path: Path, texts_dir: Path | None = None) -> list[GoldDoc]:
    path = Path(path)
    if texts_dir is None:
        texts_dir = path.resolve().parent.parent / "seeds"
    by_doc: dict[str, list[GoldQuote]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        by_doc[rec["doc"]].append(
            GoldQuote(
                start=rec["start"],
                end=rec["end"],
                kind=rec["kind"],
                speaker=rec.get("speaker"),
                speaker_type=rec.get("speaker_type"),
                speaker_spans=[(rec["speaker_start"], rec["speaker_end"])] if rec.get("speaker_start") is not None else [],
            )
        )
    docs = []
    for name, quotes in sorted(by_doc.items()):
        text = (Path(texts_dir) / f"{name}.txt").read_text(encoding="utf-8")
        docs.append(GoldDoc(name, text, quotes))
    return docs


def load_gold(path: str | Path, texts_dir: Path | None = None) -> tuple[list[GoldDoc], str]:
    """Return (docs, format) where format is "wikinews" or "jsonl"."""
    path = Path(path)
    if path.is_dir():
        return load_wikinews(path), "wikinews"
    return load_jsonl(path, texts_dir), "jsonl"


# --------------------------------------------------------------------------- scoring


@dataclass
class Scores:
    n_gold: int = 0
    n_pred: int = 0
    matched: int = 0
    attributed: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    type_checked: int = 0
    type_right: int = 0
    kind_checked: int = 0
    kind_right: int = 0
    gold_by_type: Counter = field(default_factory=Counter)
    found_by_type: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    categories: Counter = field(default_factory=Counter)  # error category (categories.py) -> count

    @staticmethod
    def _prf(hit: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
        p = hit / n_pred if n_pred else 0.0
        r = hit / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def message(self) -> tuple[float, float, float]:
        return self._prf(self.matched, self.n_pred, self.n_gold)

    @property
    def attribution(self) -> tuple[float, float, float]:
        return self._prf(self.attributed, self.n_pred, self.n_gold)

    def as_dict(self) -> dict:
        mp, mr, mf = self.message
        ap, ar, af = self.attribution
        ratio = lambda a, b: a / b if b else None  # noqa: E731
        return {
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "message": {"precision": mp, "recall": mr, "f1": mf},
            "attribution": {"precision": ap, "recall": ar, "f1": af},
            "speaker_accuracy": ratio(self.speaker_right, self.speaker_checked),
            "kind_accuracy": ratio(self.kind_right, self.kind_checked),
            "speaker_type_accuracy": ratio(self.type_right, self.type_checked),
            "recall_by_type": {t: self.found_by_type[t] / n for t, n in sorted(self.gold_by_type.items())},
            "errors_by_category": dict(sorted(self.categories.items())),
        }

    def report(self) -> str:
        d = self.as_dict()
        lines = [f"gold quotations {self.n_gold}, predicted {self.n_pred}"]
        for key in ("message", "attribution"):
            m = d[key]
            lines.append(f"{key:<12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
        for key in ("speaker_accuracy", "kind_accuracy", "speaker_type_accuracy"):
            val = d[key]
            lines.append(f"{key:<22} {'n/a' if val is None else f'{val:.3f}'}")
        lines.append("recall by gold type:")
        for t, r in d["recall_by_type"].items():
            lines.append(f"  {t:<22} {r:.3f}  ({self.found_by_type[t]}/{self.gold_by_type[t]})")
        return "\n".join(lines)

    def report_by_category(self) -> str:
        """Error counts by category (categories.py), grouped as attribution errors, misses and false hits."""
        from .categories import CATEGORIES

        groups = (("speaker", f"attribution errors (message right, speaker wrong; of {self.matched} matched)"),
                  ("speaker_span", "speaker spans"),
                  ("miss", f"misses (of {self.n_gold} gold)"),
                  ("false", f"false hits (of {self.n_pred} predicted)"))
        lines = ["errors by category:"]
        for prefix, title in groups:
            keys = [k for k in CATEGORIES if k.split(".")[0] == prefix]
            lines.append(f"{title}: {sum(self.categories[k] for k in keys)}")
            for k in keys:
                lines.append(f"  {self.categories[k]:>5}  {k:<30} {CATEGORIES[k]}")
        return "\n".join(lines)


def _pred_kind_matches(pred_kind: str, gold_kind: str) -> bool:
    gold_kind = WIKINEWS_KIND.get(gold_kind, gold_kind)
    if gold_kind == "direct" and pred_kind == "partial":
        return True  # the corpus types partial quotes as Direct
    return pred_kind == gold_kind


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    mid = text[start:end].replace("\n", " ")
    if len(mid) > 240:
        mid = mid[:110] + " … " + mid[-110:]
    return f"…{left}[[{mid}]]{right}…"


def score_doc(doc: GoldDoc, preds: list, scores: Scores, fmt: str, with_errors: bool = False) -> None:
    """Add one document's counts (and error categories, categories.py) to ``scores``. ``preds`` are Quotation
    objects (or anything alike)."""
    from .categories import DocumentErrors

    text = doc.text
    all_preds = preds
    if fmt == "wikinews":
        preds = [p for p in preds if p.kind != "scare"]
    golds = doc.quotes
    scores.n_gold += len(golds)
    scores.n_pred += len(preds)
    g_spans = [strip_span(text, g.start, g.end) for g in golds]
    p_spans = [strip_span(text, p.start, p.end) for p in preds]
    pairs = []
    for i, gs in enumerate(g_spans):
        for j, ps in enumerate(p_spans):
            j_ = jaccard(gs, ps)
            if j_ >= JACCARD_MIN:
                pairs.append((j_, i, j))
    pairs.sort(key=lambda x: -x[0])
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _, i, j in pairs:
        if i in g_used or j in p_used:
            continue
        g_used[i] = j
        p_used.add(j)
    why = DocumentErrors(doc, preds, g_spans, p_spans, all_preds)
    for i, g in enumerate(golds):
        scores.gold_by_type[g.kind] += 1
        if i not in g_used:
            category = why.miss(i, set(g_used))
            scores.categories[category] += 1
            if with_errors:
                scores.errors.append(f"MISS  {doc.name} {g.kind:<12} [{category}] speaker={g.speaker!r}\n"
                                     f"      {_context(text, g.start, g.end)}")
            continue
        p = preds[g_used[i]]
        scores.matched += 1
        scores.found_by_type[g.kind] += 1
        scores.kind_checked += 1
        scores.kind_right += _pred_kind_matches(p.kind, g.kind)
        if g.speaker_type is not None and g.speaker_type not in ("none", "unknown"):
            scores.type_checked += 1
            scores.type_right += p.speaker_type == g.speaker_type
        has_gold_speaker = bool(g.speaker_spans) or bool(g.speaker)
        if g.speaker_spans:
            right = p.speaker_start is not None and any(
                min(p.speaker_end, e) > max(p.speaker_start, s) for s, e in g.speaker_spans
            )
        elif g.speaker:
            right = same_speaker_name(p.speaker, g.speaker)
        else:
            right = True
        scores.attributed += right
        if right and has_gold_speaker and why.short_span(g, p):
            scores.categories["speaker_span.short"] += 1
        if has_gold_speaker:
            scores.speaker_checked += 1
            scores.speaker_right += right
            if not right:
                category = why.wrong_speaker(g, p)
                scores.categories[category] += 1
                if with_errors:
                    got = text[p.speaker_start : p.speaker_end] if p.speaker_start is not None else None
                    scores.errors.append(
                        f"SPKR  {doc.name} {g.kind:<12} [{category}] gold={g.speaker!r} got={got!r} ({p.speaker!r})\n"
                        f"      {_context(text, g.start, g.end)}"
                    )
    for j, p in enumerate(preds):
        if j not in p_used:
            category = why.false_hit(j)
            scores.categories[category] += 1
            if with_errors:
                scores.errors.append(f"FALSE {doc.name} {p.kind:<12} [{category}] speaker={p.speaker!r}\n"
                                     f"      {_context(text, p.start, p.end)}")


def evaluate(docs: Iterable[GoldDoc], extract_fn, fmt: str, with_errors: bool = False) -> Scores:
    scores = Scores()
    for doc in docs:
        score_doc(doc, extract_fn(doc.text), scores, fmt, with_errors)
    return scores
