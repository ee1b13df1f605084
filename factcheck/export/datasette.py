"""A datasette metadata file for a factcheck database, so that a desk can browse, search and publish it:

    datasette zitate.db -m zitate.metadata.json

It names and describes every table and column, makes `quotes_view` (one row per quotation with its
speaker, article, cluster and review) the main table, with full-text search and facets on status, verdict,
kind, speaker and outlet, and adds the canned queries a desk uses. The queries show claims only: a
verbatim fragment inside an indirect claim (`part_of`) and a scare-quoted term are no claims of their own.

Datasette looks a database's metadata up by its name, the file name without its suffix, so the metadata is
written for one file name (`metadata(name)`).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

# Which rows of quotes_view are claims (what a desk checks): not a fragment of another claim, not a term in
# scare quotes, not marked "not a quotation" by a reviewer.
CLAIMS = "part_of IS NULL AND kind != 'scare' AND not_quote = 0"
# The same as datasette table filters, for links to the main table.
CLAIMS_FILTER = "part_of__isnull=1&kind__not=scare&not_quote=0"

MAIN_TABLE = "quotes_view"
FACETS = ["status", "verdict", "kind", "speaker", "outlet"]

_QUOTE_COLUMNS = {
    "text": "The quotation or claim as it stands in the article (quotation marks excluded).",
    "kind": "direct, partial, indirect, free_indirect, reported, or scare (a term in quotation marks, no claim).",
    "start": "Character offset of the text in the article's text.",
    "end": "Character offset just after the text.",
    "confidence": "The detector's confidence, 0 to 1.",
    "extractor_version": "The detector release that found it.",
    "not_quote": "1 when a reviewer marked it as not a quotation.",
    "part_of": "For a verbatim fragment quoted inside a claim: that claim's quote id (the fragment is no claim).",
    "speaker_mention": "How the article names the speaker at this place (a name, role or pronoun).",
    "speaker_start": "Character offset of the speaker mention.",
    "speaker_end": "Character offset just after the speaker mention.",
    "cue": "The speech verb or frame that attributes it (sagte, laut, ...).",
    "cue_start": "Character offset of the cue.",
    "cue_end": "Character offset just after the cue.",
}

TABLES: dict[str, dict] = {
    "quotes_view": {
        "title": "Quotations and claims",
        "description": "One row per quotation with its speaker, article, cluster of repeated claims and review: "
        "start here. Claims are the rows with part_of empty, kind other than scare and not_quote 0.",
        "columns": {
            "quote_pk": "Integer key of the quotation (for full-text search).",
            "quote_id": "Stable id of the quotation: same wording in the same article, same id.",
            **_QUOTE_COLUMNS,
            "speaker_id": "The speaker (see speakers).",
            "speaker": "Who said it, by name where the article names them (merged spellings shown as one).",
            "speaker_type": "person, organization, anonymous or unknown.",
            "article_id": "The article (see articles).",
            "url": "Where the article was published.",
            "title": "The article's title.",
            "outlet": "The publication.",
            "published": "When the article was published.",
            "source": "The file or address the article was read from.",
            "cluster_id": "The cluster of repeated claims it belongs to (the same claim in other articles).",
            "canonical_text": "The cluster's longest full wording of the claim.",
            "cluster_size": "How many quotations the cluster has.",
            "status": "Review status: unreviewed, verified or disputed.",
            "verdict": "The verdict on the rating scale (e.g. falsch, richtig).",
            "note": "The reviewer's note.",
            "evidence": "Evidence URLs (a JSON list).",
            "reviewer": "Who made the latest review decision.",
            "reviewed_at": "When the review was last changed (UTC).",
            "review_version": "How many times the review was changed.",
        },
    },
    "articles": {
        "title": "Articles",
        "description": "The articles read, with their full text.",
        "columns": {
            "pk": "Integer key (for full-text search).",
            "id": "Stable id: the content hash of the first version read.",
            "content_hash": "Hash of the current text.",
            "source": "The file or address it was read from.",
            "url": "Where it was published.",
            "title": "Title.",
            "outlet": "The publication.",
            "published": "Publication date.",
            "ingested_at": "When factcheck first read it (UTC).",
            "updated_at": "When a changed text was last read (UTC).",
            "text": "The article's text.",
            "extractor_version": "The detector release that last read it.",
            "key": "What finds its later versions: file:PATH (the file it was read from) or url:URL; "
            "empty: its text alone identifies it.",
            "version": "How many texts it has had: 1, and one more each time a changed text was read.",
        },
    },
    "article_versions": {
        "title": "Earlier versions of articles",
        "description": "Every text an article had before its current one, with the metadata it came with: what "
        "an orphaned review was made on.",
        "columns": {
            "article_id": "The article (see articles).",
            "version": "1 for the first text read, and so on.",
            "content_hash": "Hash of this text.",
            "text": "The text as it was.",
            "source": "Where this version was read from.",
            "url": "Its url then.",
            "title": "Its title then.",
            "outlet": "Its publication then.",
            "published": "Its publication date then.",
            "extractor_version": "The detector release that read it.",
            "stored_at": "When this version was stored (UTC).",
            "replaced_at": "When the next version replaced it (UTC).",
        },
    },
    "pending_work": {
        "title": "Pending work",
        "description": "Work a command left unfinished; the next factcheck command finishes it.",
        "columns": {"name": "Which work.", "since": "Since when (UTC).", "detail": "What left it."},
    },
    "quotes": {
        "title": "Quotations (raw)",
        "description": "What the detector found, one row per quotation; quotes_view joins in speaker, article, "
        "cluster and review.",
        "columns": {
            "pk": "Integer key (for full-text search).",
            "id": "Stable id: same wording in the same article, same id.",
            "article_id": "The article.",
            **_QUOTE_COLUMNS,
            "speaker_id": "The speaker.",
        },
    },
    "speakers": {
        "title": "Speakers",
        "description": "Everyone quoted, by display name and type; spellings of one person are merged.",
        "columns": {
            "id": "Key.",
            "name": "Display name.",
            "type": "person, organization, anonymous or unknown.",
            "variants": "Spellings seen in the articles (a JSON list).",
            "merged_into": "The speaker this one was merged into, if any.",
            "surname_key": "The surname as speaker merging compares it (spelling folded; empty: no person's name).",
        },
    },
    "reviews": {
        "title": "Reviews",
        "description": "The current review of each quotation. A review outlives its quotation: when a newer "
        "detector no longer finds it, the review stays, flagged orphaned.",
        "columns": {
            "quote_id": "The quotation reviewed.",
            "status": "unreviewed, verified or disputed.",
            "verdict": "The verdict on the rating scale.",
            "note": "The reviewer's note.",
            "evidence": "Evidence URLs (a JSON list).",
            "reviewer": "Who made the latest change.",
            "updated_at": "When it was last changed (UTC).",
            "version": "How many times it was changed (two reviewers never overwrite each other).",
            "article_id": "The article of the quotation (kept if the quotation goes).",
            "quote_text": "The quotation's text (kept if the quotation goes).",
            "orphaned": "1 when the detector no longer finds the quotation.",
        },
    },
    "review_events": {
        "title": "Audit log",
        "description": "Every change by a reviewer or by the matcher, with who and when; append-only.",
        "columns": {
            "id": "Order of the changes.",
            "at": "When (UTC).",
            "reviewer": "Who (empty for the matcher).",
            "quote_id": "The quotation changed, if one.",
            "cluster_id": "The cluster changed, if one.",
            "field": "What changed: status, verdict, note, evidence, correction.*, cluster, ...",
            "old_value": "Before.",
            "new_value": "After.",
        },
    },
    "clusters": {
        "title": "Repeated claims",
        "description": "Clusters of quotations that are the same claim in different articles.",
        "columns": {
            "id": "Key.",
            "canonical_quote_id": "The member with the longest full wording.",
            "canonical_text": "That wording.",
            "size": "How many quotations are members.",
            "first_seen": "Publication date of its earliest appearance.",
            "last_seen": "Publication date of its latest appearance.",
            "created_at": "When the cluster was made (UTC).",
            "updated_at": "When it last changed (UTC).",
        },
    },
    "cluster_members": {
        "title": "Cluster members",
        "description": "Which quotation belongs to which cluster, and the score that put it there.",
        "columns": {
            "quote_id": "The quotation.",
            "cluster_id": "The cluster.",
            "score": "Similarity score (0 to 100) that joined it.",
            "method": "ratio, containment, confirmed (by a reviewer) or seed.",
            "added_at": "When (UTC).",
        },
    },
    "match_suggestions": {
        "title": "Suggested matches",
        "description": "Pairs of quotations that may be the same claim, for a reviewer to confirm or reject.",
        "columns": {
            "quote_a": "One quotation.",
            "quote_b": "The other.",
            "score": "Similarity score (0 to 100).",
            "method": "How it was scored.",
            "status": "pending, confirmed or rejected.",
            "created_at": "When suggested (UTC).",
            "decided_by": "The reviewer who decided.",
            "decided_at": "When (UTC).",
        },
    },
    "cluster_splits": {
        "title": "Split-off quotations",
        "description": "Quotations a reviewer took out of a cluster; the matcher leaves them alone.",
        "columns": {"quote_id": "The quotation.", "reviewer": "Who split it off.", "at": "When (UTC)."},
    },
    "speaker_merges": {
        "title": "Speaker merges",
        "description": "Spellings of one speaker merged into one (and merges undone).",
        "columns": {
            "id": "Key.",
            "speaker_id": "The speaker merged.",
            "into_id": "The speaker it was merged into.",
            "score": "Name similarity.",
            "reason": "Why they were merged.",
            "status": "auto, suggested, confirmed, rejected or undone.",
            "created_at": "When (UTC).",
            "decided_by": "The reviewer who decided.",
            "decided_at": "When (UTC).",
        },
    },
    "speaker_context": {
        "title": "Speaker context",
        "description": "What the articles and clusters of speakers named without a first name said about who "
        "they are; speaker merging reads it instead of the articles again.",
        "columns": {
            "speaker_id": "A speaker named without a first name.",
            "given": "The given names written before its surname in an article quoting it.",
            "other_id": "Or: a speaker of that surname quoted in one cluster with it.",
        },
    },
    "corrections": {
        "title": "Corrections",
        "description": "Reviewers' corrections of the machine (speaker, type, kind, not a quotation); they "
        "survive re-extraction.",
        "columns": {
            "quote_id": "The quotation.",
            "field": "speaker, speaker_type, kind or not_quote.",
            "value": "The corrected value.",
            "reviewer": "Who.",
            "updated_at": "When (UTC).",
        },
    },
    "match_pending": {
        "title": "Matching to do",
        "description": "Quotations added, deleted or changed since they were last matched (written by triggers "
        "with the quotation rows); the next match run consumes them.",
        "columns": {"id": "Order of the change.", "quote_pk": "The quotation's row (quotes.pk)."},
    },
    **{f"{table}_fts_pending": {
        "title": f"Full-text index to do ({table})",
        "description": f"Rows of {table} stored or changed since the full-text index was last brought up to date "
        "(written by triggers with the rows); the end of an ingest or reextract run, or the next command, indexes them.",
        "columns": {"pk": f"The row ({table}.pk)."},
    } for table in ("quotes", "articles")},
    "match_stale_clusters": {
        "title": "Clusters to refresh",
        "description": "Clusters that lost a member; the next match run brings their size and canonical text "
        "up to date.",
        "columns": {"cluster_id": "The cluster."},
    },
    "match_units": {
        "title": "Matching index: sentences",
        "description": "The sentences of the quotations that take part in matching, with their content words "
        "in claim form (the matcher's persisted candidate index).",
        "columns": {"quote_pk": "The quotation's row (quotes.pk).", "seq": "Sentence number in the quotation.",
                    "words": "Content word ids (int32, match_words.id)."},
    },
    "match_words": {
        "title": "Matching index: words",
        "description": "Content words in claim form, how many indexed sentences have them, and while they are "
        "rare which ones.",
        "columns": {"id": "Word id.", "word": "The word in claim form.", "df": "Sentences that have it.",
                    "postings": "Their unit ids (int64, quote pk * 64 + sentence) while the word is rare."},
    },
    "match_buckets": {
        "title": "Matching index: LSH buckets",
        "description": "MinHash LSH bucket keys of the indexed sentences, as sorted runs.",
        "columns": {"first_key": "First bucket key of the run.", "keys": "Bucket keys (int64).",
                    "units": "Unit id of each (int64)."},
    },
    "match_bucket_delta": {
        "title": "Matching index: new buckets",
        "description": "Bucket keys of sentences indexed since the runs were written.",
        "columns": {"bucket": "Bucket key.", "unit": "Unit id."},
    },
    "meta": {
        "title": "About this file",
        "description": "Schema version, and for an export where and when it was made and with which filter.",
        "columns": {"key": "Setting.", "value": "Value."},
    },
}

TABLE_SETTINGS: dict[str, dict] = {
    "quotes_view": {
        "facets": FACETS,
        "fts_table": "quotes_fts",  # a view: datasette needs to be told its index and key
        "fts_pk": "quote_pk",
        "sort_desc": "quote_pk",
        "label_column": "text",
    },
    "articles": {"label_column": "title"},
    "quotes": {"label_column": "text"},
    "speakers": {"label_column": "name"},
    "clusters": {"label_column": "canonical_text"},
    **{table: {"hidden": True} for table in ("match_pending", "match_stale_clusters", "match_units", "match_words",
                                             "match_buckets", "match_bucket_delta", "quotes_fts_pending",
                                             "articles_fts_pending")},
}

QUERIES: dict[str, dict] = {
    "disputed_claims": {
        "title": "Disputed claims",
        "description": "Claims reviewed as disputed, with verdict, note and evidence, newest decision first.",
        "sql": f"""SELECT quote_id, text, speaker, verdict, note, evidence, reviewer, reviewed_at,
       title, outlet, published, url, cluster_id, cluster_size
FROM quotes_view
WHERE status = 'disputed' AND {CLAIMS}
ORDER BY reviewed_at DESC""",
    },
    "claims_by_speaker": {
        "title": "Claims by speaker",
        "description": "Every claim of a speaker (part of the name is enough), newest article first.",
        "sql": f"""SELECT speaker, text, kind, status, verdict, title, outlet, published, url, cluster_id, quote_id
FROM quotes_view
WHERE speaker LIKE '%' || :speaker || '%' AND {CLAIMS}
ORDER BY published DESC, article_id, start""",
    },
    "repeated_claims": {
        "title": "Claims in more than N articles",
        "description": "Clusters of the same claim that appear in more than N articles (empty N: more than 0), "
        "with who said it, where, when, and how the appearances were reviewed.",
        "sql": f"""SELECT cluster_id, canonical_text,
       count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS outlets,
       group_concat(DISTINCT speaker) AS speakers,
       min(published) AS first_published, max(published) AS last_published,
       sum(status = 'verified') AS verified, sum(status = 'disputed') AS disputed,
       group_concat(DISTINCT verdict) AS verdicts
FROM quotes_view
WHERE cluster_id IS NOT NULL AND {CLAIMS}
GROUP BY cluster_id
HAVING count(DISTINCT article_id) > CAST(:more_than_articles AS INTEGER)
ORDER BY articles DESC, last_published DESC""",
    },
    "reviews_by_reviewer_and_day": {
        "title": "Reviews by reviewer and day",
        "description": "What each reviewer did each day, from the audit log (empty reviewer: everyone).",
        "sql": """SELECT date(at) AS day, reviewer,
       count(DISTINCT quote_id) AS quotations,
       sum(field = 'status' AND new_value = 'verified') AS verified,
       sum(field = 'status' AND new_value = 'disputed') AS disputed,
       sum(field = 'verdict') AS verdicts,
       sum(field LIKE 'correction.%') AS corrections,
       count(*) AS changes
FROM review_events
WHERE reviewer IS NOT NULL AND (:reviewer = '' OR reviewer = :reviewer)
GROUP BY day, reviewer
ORDER BY day DESC, changes DESC""",
    },
}


def metadata(name: str) -> dict:
    """The datasette metadata for the database file named `name` (its file name without the suffix)."""
    claims = html.escape(f"{tilde_encode(name)}/{MAIN_TABLE}?{CLAIMS_FILTER}")
    description = (
        f'Quotations and claims found in German news by factcheck. Start with <a href="{claims}">the claims</a> '
        "(search, and facets on review status, verdict, kind, speaker and outlet), or a canned query."
    )
    tables = {table: {**about, **TABLE_SETTINGS.get(table, {})} for table, about in TABLES.items()}
    return {
        "title": f"factcheck: {name}",
        "description_html": description,
        "databases": {name: {"description_html": description, "tables": tables, "queries": QUERIES}},
    }


def metadata_path(database: str | Path) -> Path:
    """Where the metadata of a database file goes by default: beside it, `zitate.db` → `zitate.metadata.json`."""
    database = Path(database)
    return database.with_name(database.stem + ".metadata.json")


def write(name: str, stream) -> None:
    json.dump(metadata(name), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


_TILDE_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def tilde_encode(name: str) -> str:
    """A database name as it appears in datasette's URLs (datasette's tilde encoding)."""
    return "".join(
        "+" if byte == 0x20 else chr(byte) if byte in _TILDE_SAFE else f"~{byte:02X}" for byte in name.encode("utf-8")
    )
