"""What the review UI keeps between sessions, in the config's [review] table: theme, language, sort, mode and
filter. Read leniently: a value this version does not know is left out, never an error at start-up."""

from __future__ import annotations

from dataclasses import fields

from factcheck.config import LANGUAGES
from factcheck.store import KINDS, STATUSES, QuoteFilter

from .pages import MODES, SORTS, QueueQuery

THEMES = ("textual-dark", "textual-light")
_TUPLES = {"status": STATUSES, "kind": KINDS, "verdict": None}


def query_from_settings(review: dict) -> QueueQuery:
    """The queue as the reviewer left it."""
    stored = review.get("filter") if isinstance(review.get("filter"), dict) else {}
    values = {}
    for f in fields(QuoteFilter):
        value = stored.get(f.name)
        if value is None:
            continue
        if f.name in _TUPLES:
            allowed = _TUPLES[f.name]
            if isinstance(value, list) and all(isinstance(v, str) and (allowed is None or v in allowed) for v in value):
                values[f.name] = tuple(value)
        elif f.name == "cluster":
            if isinstance(value, int) and not isinstance(value, bool):
                values[f.name] = value
        elif isinstance(f.default, bool):
            if isinstance(value, bool):
                values[f.name] = value
        elif isinstance(value, str):
            values[f.name] = value
    sort = review.get("sort") if review.get("sort") in SORTS else "newest"
    mode = review.get("mode") if review.get("mode") in MODES else "quotes"
    return QueueQuery(QuoteFilter(**values), sort=sort, mode=mode)


def settings_of(query: QueueQuery, theme: str, language: str) -> dict:
    """The [review] table for the current state (filter fields left at their default are not written)."""
    flt = {f.name: getattr(query.filter, f.name) for f in fields(QuoteFilter)
           if getattr(query.filter, f.name) != f.default}
    settings = {"theme": theme, "language": language, "sort": query.sort, "mode": query.mode}
    if flt:
        settings["filter"] = flt
    return settings


def theme_from_settings(review: dict) -> str | None:
    return review.get("theme") if review.get("theme") in THEMES else None


def language_choice(value) -> str | None:
    return value if value in LANGUAGES else None
