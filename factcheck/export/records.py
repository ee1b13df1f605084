"""The export record of one quotation: everything it takes to find it again and to know what was decided
about it, flat, so JSONL and CSV carry the same fields.

`text`, `prefix` and `suffix` are the W3C TextQuoteSelector's exact, prefix and suffix (CONTEXT characters
each side); `start` and `end` are the TextPositionSelector (character offsets into the article text).
`fragments` lists the verbatim words quoted inside an indirect or reported claim (the quotations that are
part of it), each with its offsets; `part_of` is set on a fragment's own row (exported only when asked).
"""

from __future__ import annotations

import json
from typing import Iterator

from factcheck.store import QuoteFilter, select_quotes

CONTEXT = 40

FIELDS = (
    "quote_id", "article_id", "url", "title", "outlet", "published", "source",
    "start", "end", "text", "prefix", "suffix",
    "speaker", "speaker_type", "speaker_mention", "cue", "kind", "confidence",
    "fragments", "part_of", "cluster_id", "canonical_text",
    "status", "verdict", "note", "evidence", "reviewer", "reviewed_at",
    "extractor_version",
)


def records(db, flt: QuoteFilter | None = None) -> Iterator[dict]:
    """Export records of the quotations the filter selects, streamed in article order.

    Because rows come article by article, each article's text is read once and the context cut from it in
    Python. SQLite's substr() per row costs the same on 3,000-character articles (benchmarks/bench_export.py,
    modes records and substr) but reads the article text again for every quotation.
    """
    article_id, article_text, fragments = None, "", {}
    for row in select_quotes(db, flt, order="v.article_id, v.start, v.quote_pk"):
        if row["article_id"] != article_id:
            article_id = row["article_id"]
            article_text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            fragments = _fragments(db, article_id)
        row["fragments"] = fragments.get(row["quote_id"], [])
        start, end = row["start"], row["end"]
        row["prefix"] = article_text[max(0, start - CONTEXT):start]
        row["suffix"] = article_text[end:end + CONTEXT]
        record = {name: row[name] for name in FIELDS}
        record["evidence"] = _evidence(row["evidence"])
        yield record


def _fragments(db, article_id: str) -> dict[str, list[dict]]:
    """The verbatim fragments of each claim of one article, in text order."""
    out: dict[str, list[dict]] = {}
    for claim, text, start, end in db.execute(
        'SELECT part_of, text, start, "end" FROM quotes WHERE article_id = ? AND part_of IS NOT NULL ORDER BY start, pk',
        [article_id],
    ):
        out.setdefault(claim, []).append({"text": text, "start": start, "end": end})
    return out


def _evidence(stored: str | None) -> list:
    """The review's evidence list; text that is not a JSON list (written by some other tool) is kept as one item."""
    if not stored or stored == "[]":
        return []
    try:
        evidence = json.loads(stored)
    except ValueError:
        return [stored]
    return evidence if isinstance(evidence, list) else [stored]
