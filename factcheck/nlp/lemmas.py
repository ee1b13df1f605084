"""The lookup lemmatizer's table (spacy-lookups-data), quick to load.

spaCy's `load_lookups` reads the gzipped JSON of German forms (355,000) and hashes every one into a Table:
about a second of every detector start-up, more than the rest of the pipeline together, which a command that
reads one article pays in full. Here the forms stay the strings they are, which the lemmatizer asks with the
token's text as it would ask spaCy's Table (once per distinct word and process): after the first load they are
kept in the user's cache folder as a SQLite table read word by word (factcheck.datacache.cached_strings), so
that a process that reads one article reads a few hundred forms instead of loading all of them (a quarter of a
second)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from spacy.lookups import Lookups, Table
from spacy.util import load_language_data, registry

from ..datacache import StringTable, cached_strings

TABLE = "lemma_lookup"


class FormTable(Table):
    """spaCy's Table interface over a mapping of strings (spaCy's own keys are the strings' hashes)."""

    def __init__(self, name: str, forms: Mapping[str, str]):
        super().__init__(name=name)
        self.forms = forms

    def get(self, key, default=None):
        return self.forms.get(key, default)

    def get_many(self, keys: list[str]) -> dict[str, str]:
        """The forms of those of `keys` the table has (a StringTable asks its file once for all of them)."""
        if isinstance(self.forms, StringTable):
            return self.forms.get_many(keys)
        return {key: self.forms[key] for key in keys if key in self.forms}

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
    source = Path(data[TABLE])
    found = source if source.exists() else source.with_name(source.name + ".gz")  # load_language_data reads either
    lookups = Lookups()
    lookups.set_table(TABLE, FormTable(TABLE, cached_strings(found, lambda: dict(load_language_data(source)))))
    return lookups
