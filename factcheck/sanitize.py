"""Text from outside, made safe once, where it comes in.

Everything factcheck takes from outside (article files, feeds, web pages, file names) passes through this
module before it is stored or shown, so that no other module has to wonder what a string may hold:

- `text`: an article's text. Unicode NFC, newlines as \\n, no control characters but tab and newline, no
  bidirectional overrides or isolates (they reorder what a reviewer sees: "Trojan Source"), no unpaired
  surrogates (they cannot be stored as UTF-8; each becomes U+FFFD).
- `field`: a metadata value (title, outlet, date, ...): the same, on one line (any whitespace run, tabs and
  line breaks included, is one space), or None when nothing is left.
- `url`: an http or https address, or None: a `javascript:` or `data:` url never reaches an export.
- `shown`: a name (a file name, a path the user typed) as a message shows it: on one line, its control
  characters, bidirectional controls and undecodable bytes written as escapes (\\x1b, \\n, \\u202e, \\xff).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides and isolates (not the LRM/RLM marks)
_SURROGATES = re.compile("[\ud800-\udfff]")
_TEXT_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")  # all Cc but tab and newline
_FIELD_UNSAFE = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{BIDI_CONTROLS}]")  # Cc but whitespace
_SHOWN_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029\ud800-\udfff]")
URL_SCHEMES = ("http", "https")


def text(value: str) -> str:
    """An article's text, safe to store, search and show (see the module docstring)."""
    value = _SURROGATES.sub("\ufffd", value).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _TEXT_UNSAFE.sub("", value))


def field(value: str | None, unsafe: str = "") -> str | None:
    """A metadata value on one line, or None if nothing is left of it. Unsafe characters are dropped, or
    replaced by `unsafe` (a display that should show that something was there)."""
    if value is None:
        return None
    value = _FIELD_UNSAFE.sub(unsafe, _SURROGATES.sub("\ufffd", str(value)))
    return " ".join(unicodedata.normalize("NFC", value).split()) or None


def url(value: str | None) -> str | None:
    """The value if it is an http(s) address with a host, else None."""
    value = field(value)
    if value is None or " " in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    return value if parts.scheme.lower() in URL_SCHEMES and parts.hostname else None


def shown(name) -> str:
    """`name` for a one-line message: unsafe characters as escapes; a file name's undecodable bytes (which
    Python keeps as surrogates U+DC80–U+DCFF) as \\xNN."""
    return _SHOWN_UNSAFE.sub(_escape, str(name))


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    code = ord(match[0])
    if match[0] in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[match[0]]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
