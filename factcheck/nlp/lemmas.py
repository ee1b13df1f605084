"""The lookup lemmatizer's table (spacy-lookups-data), quick to load.

spaCy's `load_lookups` reads the gzipped JSON of German forms (355,000) and hashes every one into a Table:
about a second of every detector start-up, more than the rest of the pipeline together, which a command that
reads one article pays in full. Here the forms stay the strings they are, in a plain dict, which the
lemmatizer asks with the token's text as it would ask spaCy's Table; after the first load they are kept in the
user's cache folder in Python's marshal format, which loads several times faster than the JSON. The cache is
named after the data file's size and time, so a new spacy-lookups-data is read afresh; a cache that cannot be
written or read is only slower (the JSON is read instead)."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path

from spacy.lookups import Lookups, Table
from spacy.util import load_language_data, registry

TABLE = "lemma_lookup"


class FormTable(Table):
    """spaCy's Table interface over a dict of strings (spaCy's own keys are the strings' hashes)."""

    def __init__(self, name: str, forms: dict[str, str]):
        super().__init__(name=name)
        self.forms = forms

    def get(self, key, default=None):
        return self.forms.get(key, default)

    def __getitem__(self, key):
        return self.forms[key]

    def __contains__(self, key) -> bool:
        return key in self.forms

    def __len__(self) -> int:
        return len(self.forms)


def lemma_lookups(lang: str = "de") -> Lookups:
    """Lookups holding the language's lemma table, for `Lemmatizer.initialize(lookups=...)`."""
    if lang not in registry.lookups or TABLE not in (data := registry.lookups.get(lang)):
        raise ValueError(f"spacy-lookups-data has no {TABLE} for {lang!r}: pip install spacy-lookups-data")
    lookups = Lookups()
    lookups.set_table(TABLE, FormTable(TABLE, _forms(Path(data[TABLE]))))
    return lookups


def _forms(source: Path) -> dict[str, str]:
    # the registry names foo.json for foo.json.gz (load_language_data reads either)
    found = source if source.exists() else source.with_name(source.name + ".gz")
    stat = found.stat()
    tag = hashlib.sha1(f"{found.resolve()}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    cached = cache_folder() / f"{source.name.split('.')[0]}-{tag}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        forms = marshal.loads(cached.read_bytes())
        if isinstance(forms, dict):
            return forms
    forms = dict(load_language_data(source))
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False, suffix=".tmp") as out:
            out.write(marshal.dumps(forms))
        os.replace(out.name, cached)  # whole or not at all: another process may be reading it
    return forms


def cache_folder() -> Path:
    """$FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck."""
    if os.environ.get("FACTCHECK_CACHE"):
        return Path(os.environ["FACTCHECK_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"
