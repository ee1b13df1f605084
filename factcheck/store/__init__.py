"""The SQLite store: schema and migrations, ids, full-text search, reviews and the audit log.

Other stages use this small surface; the tables themselves are documented in `schema.py`.
"""

from .db import (
    content_hash,
    is_read_only,
    normalize_for_id,
    open_db,
    quote_id,
    speaker_id,
    utc_now,
    write_transaction,
)
from .fts import INDEX_EVERY, Indexer, index_pending, rebuild_fts
from .search import fts_query
from .reviews import (
    CORRECTION_FIELDS,
    KINDS,
    QuotationGone,
    REVIEW_FIELDS,
    STATUSES,
    StaleCorrection,
    StaleReview,
    StaleWrite,
    apply_corrections,
    corrected_value,
    get_review,
    history,
    log_event,
    log_refused,
    set_correction,
    update_review,
    update_reviews,
)
from .query import QuoteFilter, quote_stats, select_quotes
from .articles import (
    Article,
    QuoteChanges,
    Saved,
    StoredArticle,
    article_status,
    articles_to_reextract,
    replace_quotations,
    save_article,
    store_totals,
    stored_article,
)
from .pending import Work, finish_pending, unfinished
from .schema import SCHEMA_VERSION, SchemaError, migrate, schema_version

__all__ = [
    "Article", "QuoteChanges", "Saved", "SchemaError", "StoredArticle", "Work", "finish_pending", "unfinished", "article_status", "articles_to_reextract",
    "INDEX_EVERY", "Indexer", "index_pending", "quote_stats", "replace_quotations", "save_article", "store_totals", "stored_article",
    "CORRECTION_FIELDS", "KINDS", "QuotationGone", "QuoteFilter", "select_quotes", "REVIEW_FIELDS", "SCHEMA_VERSION", "STATUSES", "StaleReview",
    "StaleCorrection", "StaleWrite", "corrected_value", "log_refused",
    "apply_corrections", "content_hash", "fts_query", "get_review", "is_read_only", "history",
    "log_event", "migrate", "normalize_for_id", "open_db", "quote_id", "rebuild_fts", "schema_version",
    "set_correction", "speaker_id", "update_review", "update_reviews", "utc_now", "write_transaction",
]
