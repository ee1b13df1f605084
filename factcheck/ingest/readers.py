"""Reading sources into articles: decoding, HTML main-text extraction, JSONL records.

Every user mistake (binary, empty, undecodable or oversized input, a malformed JSONL line, a path that is
no regular file) comes out as a `Problem` naming the file (and line) and the reason, and reading goes on with
the next input.

Text and metadata are made safe here, where they come in (`factcheck.sanitize`), and each article gets its
identity key (`Article.key`): the file it was read from, for a file that holds one article; otherwise
its url (a JSONL record's, a page's read from stdin); otherwise none, and its text alone identifies it. A
line number never identifies an article (records move when a feed changes), and the canonical url of a page
read from a file is recorded but never taken as its identity (any page can claim any url).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import BinaryIO, Iterator

import charset_normalizer

from .. import sanitize
from ..store import Article
from .cleanup import clean_text
from .sources import Problem, Source, reason

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
JSONL_FIELDS = ("url", "title", "outlet", "published")
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # control characters but \t \n \v \f \r
MAX_CONTROL_SHARE = 0.1  # more control characters than this and it is not text (binary without NUL bytes)


@dataclass(frozen=True)
class Document:
    where: str          # file, or file:line for JSONL
    article: Article
    nbytes: int         # bytes of input it came from (for progress)
    notes: tuple[str, ...] = ()  # what was dropped from it (e.g. a url that is no http(s) address)


class NotText(ValueError):
    """Bytes that are not a readable text; the message says why."""


def read(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Problem]:
    """The articles in `source` (one, or one per JSONL line), or the problems met reading it."""
    if source.size is not None and source.size > max_bytes and source.format != "jsonl":
        yield Problem(source.name, _over_limit("file", source.size, max_bytes), source.size)
        return
    try:
        with source.open() as stream:
            stream = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
            fmt = _sniff(stream) if source.format == "auto" else source.format
            if fmt == "jsonl":
                yield from _read_jsonl(stream, source, max_bytes)
            else:
                yield _read_whole(stream.read(max_bytes + 1), fmt, source, max_bytes)
    except OSError as err:
        yield Problem(source.name, reason(err))


def decode(data: bytes) -> str:
    """Bytes to text: a byte-order mark wins, then UTF-8, then charset-normalizer's guess (preferring
    cp1252, the usual code page of German web pages, when it explains the bytes as well as the best
    guess). Raises NotText for binary or undecodable bytes."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise NotText(f"not valid {encoding} despite its byte-order mark") from None
    if b"\x00" in data:
        raise NotText("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise NotText("cannot decode: not UTF-8 and no known text encoding fits") from None
        western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
        encoding = "cp1252" if western is not None and western.chaos <= best.chaos else best.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise NotText("cannot decode: not UTF-8 and no known text encoding fits") from None
    if len(BINARY_CONTROLS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise NotText("binary file, not text")
    return text


def html_article(html: str) -> tuple[str, dict]:
    """The main text of an HTML page (trafilatura: no navigation, comments or footer) and its metadata."""
    import trafilatura  # slow to import; only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        return "", {}
    return doc.text, {"title": doc.title, "url": doc.url, "outlet": doc.sitename, "published": doc.date}


def _read_whole(data: bytes, fmt: str, source: Source, max_bytes: int) -> Document | Problem:
    if len(data) > max_bytes:
        return Problem(source.name, _over_limit("input", len(data), max_bytes, exact=False), len(data))
    if not data.strip():
        return Problem(source.name, "empty file" if source.identity else "no input", len(data))
    try:
        text = decode(data)
    except NotText as err:
        return Problem(source.name, str(err), len(data))
    meta: dict = {}
    if fmt == "html":
        text, meta = html_article(text)
        if not text:
            return Problem(source.name, "no article text found in the HTML", len(data))
    text = clean_text(text)
    if not text:
        return Problem(source.name, "no article text (only whitespace or scraper leftovers)", len(data))
    key = f"file:{source.identity}" if source.identity else None
    metadata, notes = _metadata(meta)
    return Document(source.name, Article(text, source=source.identity, key=key, **metadata), len(data), notes)


def _read_jsonl(stream: BinaryIO, source: Source, max_bytes: int) -> Iterator[Document | Problem]:
    """One article per line: {"text": ..., "url", "title", "outlet", "published"}; blank lines skipped."""
    number = records = 0
    for number, (line, nbytes) in enumerate(_lines(stream, max_bytes), 1):
        where = f"{source.name}:{number}"
        if line is None:
            records += 1
            yield Problem(where, _over_limit("line", nbytes, max_bytes), nbytes)
            continue
        if not line.strip():
            continue
        records += 1
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            yield Problem(where, "not UTF-8 (JSON lines must be UTF-8)", nbytes)
            continue
        except json.JSONDecodeError as err:
            yield Problem(where, _json_error(err), nbytes)
            continue
        if not isinstance(record, dict):
            yield Problem(where, 'expected a JSON object with a "text" field', nbytes)
            continue
        if not isinstance(record.get("text"), str):
            yield Problem(where, 'no "text" string in this record', nbytes)
            continue
        wrong = [f for f in JSONL_FIELDS if record.get(f) is not None and not isinstance(record[f], str)]
        if wrong:
            yield Problem(where, f'"{wrong[0]}" must be a string', nbytes)
            continue
        text = clean_text(record["text"])
        if not text:
            yield Problem(where, "empty text", nbytes)
            continue
        metadata, notes = _metadata({f: record.get(f) for f in JSONL_FIELDS})
        place = f"{source.identity}:{number}" if source.identity else None  # provenance, not identity
        yield Document(where, Article(text, source=place, **metadata), nbytes, notes)
    if not records:
        yield Problem(source.name, ("empty file" if source.identity else "no input") if not number
                      else "no JSON records, only blank lines")


def _metadata(raw: dict) -> tuple[dict, tuple[str, ...]]:
    """Title, outlet and date made safe; the url kept only if it is an http(s) address (a note says so)."""
    metadata = {name: sanitize.field(raw.get(name)) for name in ("title", "outlet", "published")}
    metadata["url"] = sanitize.url(raw.get("url"))
    notes = ()
    if raw.get("url") and metadata["url"] is None:
        notes = (f"url {sanitize.shown(raw['url'][:80])!r} is no http(s) address, not stored",)
    return metadata, notes


# What json's terse messages mean, where they need saying.
JSON_MESSAGES = {
    "Invalid control character": "a raw control character (tab, line break, ...) inside a string; write it as \\t, \\n or \\u00XX",
    "Expecting value": "expected a value",
    "Extra data": "more after the end of the JSON object (one object per line)",
}


def _json_error(err: json.JSONDecodeError) -> str:
    message = err.msg.removesuffix(" at").removesuffix(" starting")
    return f"not valid JSON at column {err.colno}: {JSON_MESSAGES.get(message, message[:1].lower() + message[1:])}"


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """(line, bytes read) for each line; a line longer than `limit` is skipped unread and comes as None."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            nbytes = len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                nbytes += len(line)
            yield None, nbytes
        else:
            yield line, len(line)


def _sniff(stream) -> str:
    """The format of an unnamed input (stdin) from its first bytes: JSON lines, HTML or text."""
    head = stream.peek(4096).lstrip()[:1]
    return {b"{": "jsonl", b"<": "html"}.get(head, "text")


def _size(nbytes: int) -> str:
    return f"{nbytes / 1024 / 1024:.1f} MB" if nbytes >= 1024 * 1024 else f"{nbytes} bytes"


def _over_limit(what: str, size: int, limit: int, *, exact: bool = True) -> str:
    """"file is 25.3 MB, over the size limit of 20.0 MB"; in bytes where rounding would hide the difference
    (one byte over). Without `exact` the size is only known to be larger than the limit."""
    shown_size, shown_limit = _size(size), _size(limit)
    if shown_size == shown_limit:
        shown_size, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    if not exact:
        return f"{what} is over the size limit of {shown_limit}"
    return f"{what} is {shown_size}, over the size limit of {shown_limit}"
