"""The logic behind ``factcheck extract`` and ``factcheck eval`` (cli.py only wires options to these)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable, TextIO


class InputError(Exception):
    """A user-facing problem with one input file (one line, no traceback)."""


def read_text(path: str) -> str:
    """Decode a text file: UTF-8 (BOM stripped), else the charset-normalizer guess."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path}: cannot decode the file as text")
    return str(best)


def extract_files(
    paths: list[str], fmt: str = "jsonl", model: str | None = None, out: TextIO | None = None, err: Callable[[str], None] = print
) -> int:
    """Print the quotations of every file; return the number of files that failed."""
    from . import extract, load

    out = out or sys.stdout
    nlp = load(model)
    failed = 0
    for path in paths:
        try:
            text = read_text(path)
        except InputError as e:
            err(f"error: {e}")
            failed += 1
            continue
        quotes = extract(text, nlp)
        if fmt == "jsonl":
            for q in quotes:
                out.write(json.dumps({"source": path, **q.as_dict()}, ensure_ascii=False) + "\n")
        else:
            out.write(f"== {path}: {len(quotes)} quotations\n")
            for q in quotes:
                snippet = q.text.replace("\n", " ")
                if len(snippet) > 70:
                    snippet = snippet[:67] + "..."
                who = f"{q.speaker} ({q.speaker_type})" if q.speaker else "-"
                out.write(f"{q.start:>7}-{q.end:<7} {q.kind:<13} {who[:40]:<40} {snippet}\n")
    return failed


def evaluate_gold(gold: str, model: str | None = None, errors: bool = False, texts: str | None = None,
                  out: TextIO | None = None, by_category: bool = False) -> dict:
    """Score the pipeline on a gold folder (WIKINEWS JSON) or JSONL file and print the report."""
    from . import extract, load
    from .evaluate import evaluate, load_gold

    out = out or sys.stdout
    path = Path(gold)
    if not path.exists():
        raise InputError(f"{gold}: no such file or folder")
    try:
        docs, fmt = load_gold(path, Path(texts) if texts else None)
    except (OSError, ValueError, KeyError) as e:
        raise InputError(f"{gold}: cannot read the gold ({e})") from None
    if not docs:
        raise InputError(f"{gold}: no gold documents found")
    nlp = load(model)
    scores = evaluate(docs, lambda text: extract(text, nlp), fmt, with_errors=errors)
    out.write(f"{gold} ({fmt}, {len(docs)} documents)\n")
    out.write(scores.report() + "\n")
    if by_category:
        out.write(scores.report_by_category() + "\n")
    if errors:
        out.write("\n".join(scores.errors) + "\n")
    return scores.as_dict()
