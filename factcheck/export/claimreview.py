"""schema.org ClaimReview (JSON-LD) for search engines and the CMS: one object per reviewed claim.

The rules, in one place:
- A claim is a cluster of near-duplicate quotations (factcheck.match); a quotation in no cluster is a claim
  of its own. A claim is exported when one of its selected quotations has a review (status verified or
  disputed) with a verdict: ClaimReview needs a rating.
- The review that speaks for a claim whose members disagree is the most recent one with a verdict (latest
  reviewed_at, then the higher review version, then the quote id): a later decision supersedes an earlier one.
- Its verdict label becomes reviewRating.alternateName; ratingValue, bestRating and worstRating come from
  the configured verdict scale (`factcheck.config`), which `rating_scale()` writes out.
- A reviewed claim is never dropped silently: one whose reviews have no verdict, or whose verdict is not on
  the scale, is skipped and counted, and the export ends with one line saying how many and why.
- itemReviewed.author is that quotation's speaker: Person for persons, Organization for organizations.
  Anonymous and unknown speakers get no author: a descriptor like "ein Regierungssprecher" is not a name,
  and search engines would show it as one; the appearances still say where the claim was reported.
- itemReviewed.appearance lists every article of the claim with a URL (all cluster members, not only the
  selected ones), earliest first; itemReviewed.datePublished is the earliest of their dates.
- url comes from a template with the placeholders {claim_id} (cluster id, or the quote id for a claim of
  its own), {cluster_id} (empty for those), {quote_id} (the deciding quotation) and {slug} (from the claim).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import string
import unicodedata
from typing import Callable, Iterable, Iterator, TextIO

from factcheck.config import Config, load_config
from factcheck.store import QuoteFilter, select_quotes

URL_PLACEHOLDERS = ("claim_id", "cluster_id", "quote_id", "slug")
REVIEWED = ("verified", "disputed")
AUTHOR_TYPES = {"person": "Person", "organization": "Organization"}

# Ordered so that a claim's rows are adjacent and its deciding review comes first.
_CLAIM_ORDER = "v.cluster_id IS NULL, v.cluster_id, v.reviewed_at DESC, v.review_version DESC, v.quote_id"


class ClaimReviewError(ValueError):
    """The export cannot start: a setting it needs is missing or wrong."""


def check_url_template(template: str) -> None:
    """Only the plain placeholders: a template must not reach into Python objects ({slug.__class__})."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:  # an unbalanced brace
        raise ClaimReviewError(f"--url-template: {err}") from None
    for _, field, spec, conversion in parsed:
        if field is not None and (field not in URL_PLACEHOLDERS or spec or conversion):
            shown = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            known = ", ".join("{" + p + "}" for p in URL_PLACEHOLDERS)
            raise ClaimReviewError(f"--url-template: unknown placeholder {{{shown}}}; use {known}")


def rating_scale(config: Config) -> dict:
    """The verdict scale as ClaimReview ratings: the mapping every exported reviewRating follows."""
    return {
        "bestRating": config.best_rating,
        "worstRating": config.worst_rating,
        "ratings": [{"alternateName": v.label, "ratingValue": v.rating} for v in config.verdicts],
        "scaleSource": str(config.source) if config.source else "factcheck default (CORRECTIV)",
    }


def claim_reviews(
    db,
    flt: QuoteFilter | None,
    *,
    organization: str,
    url_template: str,
    config: Config | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> Iterator[dict]:
    """One ClaimReview object per reviewed claim among the selected quotations, streamed cluster by cluster.
    The settings are checked at once, before anything is written."""
    if not organization:
        raise ClaimReviewError(
            "ClaimReview needs the fact-checking organization: give --org or set organization in the config"
        )
    if not url_template:
        raise ClaimReviewError(
            "ClaimReview needs the URL of each fact check: give --url-template, e.g. https://example.org/check/{slug}"
        )
    check_url_template(url_template)
    config = config or load_config()
    flt = flt or QuoteFilter()
    if not flt.status:
        flt = dataclasses.replace(flt, status=REVIEWED)
    return _claim_reviews(db, flt, config, organization, url_template, warn)


def _claim_reviews(db, flt, config, organization, url_template, warn) -> Iterator[dict]:
    reviewed = (row for row in select_quotes(db, flt, order=_CLAIM_ORDER) if row["status"] in REVIEWED)
    without_verdict, off_scale = 0, 0
    for _, rows in itertools.groupby(reviewed, key=_claim_id):
        deciding = next((row for row in rows if row["verdict"]), None)
        if deciding is None:
            without_verdict += 1
            continue
        rating = config.rating(deciding["verdict"])
        if rating is None:
            off_scale += 1
            warn(f"claim {_claim_id(deciding)}: verdict {deciding['verdict']!r} is not on the verdict scale; skipped")
            continue
        yield _claim_review(db, deciding, rating, config, organization, url_template)
    if without_verdict or off_scale:
        warn(skipped_summary(without_verdict, off_scale))


def skipped_summary(without_verdict: int, off_scale: int) -> str:
    """One line: how many reviewed claims were not exported, and why."""
    reasons = []
    if without_verdict:
        reasons.append(f"{without_verdict} without a verdict (ClaimReview needs a rating: give them one in the review)")
    if off_scale:
        reasons.append(f"{off_scale} with a verdict that is not on the verdict scale")
    total = without_verdict + off_scale
    return f"{total} reviewed claim{'s' if total != 1 else ''} not exported: " + "; ".join(reasons)


def write_reviews(reviews: Iterable[dict], stream: TextIO) -> int:
    """A JSON array of ClaimReview objects, each complete with its @context (a CMS can embed each alone)."""
    count = 0
    stream.write("[")
    for review in reviews:
        stream.write(",\n" if count else "\n")
        stream.write(html_safe_json(review))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def html_safe_json(value) -> str:
    """JSON that can go into a <script type="application/ld+json"> as it is: quoted text such as
    "</script><script>…" cannot end the element, because < > & (and the JavaScript line separators) are
    written as \\u escapes, which every JSON reader turns back into the same text."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _claim_review(db, row: dict, rating: int, config: Config, organization: str, url_template: str) -> dict:
    claim_text = row["canonical_text"] or row["text"]
    appearances = list(_appearances(db, row))
    claim: dict = {"@type": "Claim"}
    if row["speaker"] and row["speaker_type"] in AUTHOR_TYPES:
        claim["author"] = {"@type": AUTHOR_TYPES[row["speaker_type"]], "name": row["speaker"]}
    if appearances:
        claim["appearance"] = appearances
    dates = [a["datePublished"] for a in appearances if a.get("datePublished")]
    if dates:
        claim["datePublished"] = min(dates)
    placeholders = {
        "claim_id": _claim_id(row),
        "cluster_id": "" if row["cluster_id"] is None else str(row["cluster_id"]),
        "quote_id": row["quote_id"],
        "slug": slug(claim_text),
    }
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url_template.format_map(placeholders),
        "claimReviewed": claim_text,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": row["verdict"],
            "ratingValue": rating,
            "bestRating": config.best_rating,
            "worstRating": config.worst_rating,
        },
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": organization},
    }
    if row["reviewed_at"]:
        review["datePublished"] = row["reviewed_at"][:10]
    return review


def _appearances(db, row: dict) -> Iterator[dict]:
    if row["cluster_id"] is None:
        where, key = "quote_id = ?", row["quote_id"]
    else:
        where, key = "cluster_id = ?", row["cluster_id"]
    for url, title, outlet, published in db.execute(
        f"SELECT DISTINCT url, title, outlet, published FROM quotes_view WHERE {where} AND not_quote = 0 "
        "AND url IS NOT NULL ORDER BY published IS NULL, published, url",
        [key],
    ):
        work = {"@type": "CreativeWork", "url": url, "headline": title, "datePublished": published}
        if outlet:
            work["publisher"] = {"@type": "Organization", "name": outlet}
        yield {k: v for k, v in work.items() if v is not None}


def _claim_id(row: dict) -> str:
    return row["quote_id"] if row["cluster_id"] is None else str(row["cluster_id"])


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slug(text: str, max_length: int = 60) -> str:
    """A URL slug of German text: "Öl ins Feuer gießen" → "oel-ins-feuer-giessen"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > max_length:
            return result or word[:max_length]
        result = candidate
    return result or "claim"
