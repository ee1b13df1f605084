"""Text for people: article labels, shortened cells, local times, the filter line and the history, in the UI's
language. Pure functions over plain values; `tr` is the app's `Texts`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from factcheck.store import QuoteFilter


def article_label(row: dict) -> str:
    """What names an article in a list: its title, else its file name (no folders, no extension) or the last
    part of its URL, else its id."""
    if row.get("title"):
        return row["title"]
    if row.get("source"):
        path = PureWindowsPath(row["source"]) if "\\" in row["source"] else PurePosixPath(row["source"])
        return path.stem or path.name
    if row.get("url"):
        parts = urlsplit(row["url"])
        tail = [p for p in parts.path.split("/") if p]
        return f"{parts.netloc}/{tail[-1]}" if tail else parts.netloc or row["url"]
    return row.get("article_id") or ""


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in the middle: the parts of a series differ at the end
    („Ukraine-Krieg: Tag 245“, „… Tag 246“), so both ends stay."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = (width - 1) * 3 // 5
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def distinguishing(labels: set[str], shared: int = 10) -> dict[str, str]:
    """Shorter labels for the parts of a series: a label that begins like another one (at least `shared`
    characters, up to a word) is shown from where they differ: „Ukraine-Krieg: Die Lage am Tag 245“ and
    „… Tag 246“ become „…245“ and „…246“."""
    ordered = sorted(labels)
    shorter = {}
    for i, label in enumerate(ordered):
        common = max((_common_prefix(label, other) for other in ordered[max(i - 1, 0):i + 2] if other != label),
                     default=0)
        cut = label.rfind(" ", 0, common + 1) + 1 if common < len(label) else 0
        if cut >= shared:
            shorter[label] = "…" + label[cut:]
    return shorter


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def local_time(iso: str | None, language: str) -> str:
    """A stored UTC time stamp in the reader's time zone, to the minute."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return moment.strftime("%d.%m.%Y %H:%M" if language == "de" else "%Y-%m-%d %H:%M")


def describe_filter(flt: QuoteFilter, mode: str, tr) -> str:
    """One line saying what the queue shows."""
    parts = []
    for name, values, label in (("status", flt.status, tr.status), ("kind", flt.kind, tr.kind),
                                ("verdict", flt.verdict, str)):
        if values:
            parts.append(f"{tr('filter.' + name)}: {', '.join(label(v) for v in values)}")
    for name in ("speaker", "article", "cluster", "search"):
        value = getattr(flt, name)
        if value is not None:
            parts.append(f"{tr('filter.' + name)}: {value}")
    for name in ("only_unreviewed", "has_suggestions", "include_not_quotes", "include_parts"):
        if getattr(flt, name):
            parts.append(tr("filter." + name))
    shown = tr("mode.clusters") if mode == "clusters" else tr("mode.quotes")
    return f"{shown} · " + (" · ".join(parts) if parts else tr("filter.none"))


def describe_event(event: dict, tr) -> tuple[str, str, str]:
    """(what changed, from, to) for one audit log entry, readably: lists and pairs in words, not JSON."""
    field, old, new = event["field"], _value(event["old_value"]), _value(event["new_value"])
    if field == "refused":
        attempt = new if isinstance(new, dict) else {}
        tried = ", ".join(f"{tr.field(k)} {_shown(v, tr)}" for k, v in attempt.items() if k not in ("action", "reason"))
        return tr("history.refused"), tried or tr.action(attempt.get("action", "")), attempt.get("reason", "")
    if field == "evidence":
        before, after = set(old or []), set(new or [])
        changes = [f"+ {url}" for url in (new or []) if url not in before]
        changes += [f"− {url}" for url in (old or []) if url not in after]
        return tr.field(field), "", "  ".join(changes) or "–"
    if field == "match_suggestion" and isinstance(new, dict):
        other = new.get("with", "")
        return (tr("history.match", other=other), tr.suggestion_status((old or {}).get("status")),
                tr.suggestion_status(new.get("status")))
    name = field.removeprefix("correction.")
    return tr.field(name), _shown(old, tr, name), _shown(new, tr, name)


def _value(stored):
    if stored is None or not stored.startswith(("[", "{")):
        return stored
    try:
        return json.loads(stored)
    except ValueError:
        return stored


def _shown(value, tr, field: str = "") -> str:
    if value is None or value == "":
        return "–"
    if field == "status":
        return tr.status(value)
    if field == "kind":
        return tr.kind(value)
    if field == "not_quote":
        return tr("yes") if value in ("1", 1, True, "true") else tr("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)
