"""The lookup lemmatizer's table (spacy-lookups-data), quick to load.

spaCy's `load_lookups` reads the gzipped JSON of German forms (355,000) and hashes every one into a Table:
about a second of every detector start-up, more than the rest of the pipeline together, which a command that
reads one article pays in full. Here the forms stay the strings they are, in a plain dict, which the
lemmatizer asks with the token's text as it would ask spaCy's Table, kept after the first load in the user's
cache folder (factcheck.datacache)."""

from __future__ import annotations

from pathlib import Path

from spacy.lookups import Lookups, Table
from spacy.util import load_language_data, registry

from ..datacache import cached

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
    source = Path(data[TABLE])
    found = source if source.exists() else source.with_name(source.name + ".gz")  # load_language_data reads either
    lookups = Lookups()
    lookups.set_table(TABLE, FormTable(TABLE, cached(found, lambda: dict(load_language_data(source)))))
    return lookups
