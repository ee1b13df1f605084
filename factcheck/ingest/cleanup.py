"""Normalising an article's text before it is stored and searched.

Only the end of an article is ever cut (scraper leftovers), so offsets into the cleaned text are offsets
into the stored text. Nothing in the text is interpreted: markup, escape sequences and SQL stay plain
characters; what is unsafe in it (control characters, bidirectional overrides, unpaired surrogates) is
removed by `factcheck.sanitize`, where all text from outside is made safe.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .. import sanitize

MAX_BOILERPLATE_LINE = 200  # a longer line is the article's own text, whatever it matches


def clean_text(text: str) -> str:
    """Safe text (`sanitize.text`: NFC, newlines as \\n, no control characters but tab and newline), trailing
    leftovers cut."""
    return strip_trailing_boilerplate(sanitize.text(text)).strip()


def strip_trailing_boilerplate(text: str) -> str:
    """Cut trailing lines that are blank or scraper leftovers (patterns in lexicons/boilerplate.txt)."""
    lines = text.rstrip().split("\n")
    while lines and _is_leftover(lines[-1].strip()):
        lines.pop()
    return "\n".join(lines)


def _is_leftover(line: str) -> bool:
    return not line or (len(line) <= MAX_BOILERPLATE_LINE and _boilerplate().fullmatch(line) is not None)


@cache
def _boilerplate() -> re.Pattern:
    source = resources.files("factcheck.lexicons").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    patterns = [line.strip() for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
