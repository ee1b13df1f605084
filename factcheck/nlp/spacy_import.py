"""spaCy without its command line.

`import spacy` runs `from .cli.info import info` (for `spacy.info`), and with it `spacy/cli/__init__.py`, which
imports every command of spaCy's own command line (typer, weasel, the project, training and download commands):
about a fifth of the detector's start-up, which a command reading one article pays in full, for nothing the
pipeline uses. `import_spacy()` imports spaCy with a stand-in for `spacy.cli.info`, whose `info` imports the real
one when it is called, and takes the stand-ins away again at once: `import spacy.cli` afterwards imports spaCy's
own command line as usual."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import types

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def import_spacy():
    """The spacy module, imported without spacy.cli if it is not imported yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = {name: types.ModuleType(name, "a stand-in while spacy is imported (factcheck.nlp.spacy_import)")
                 for name in _STAND_INS if name not in sys.modules}
    for name, module in stand_ins.items():
        module.__getattr__ = functools.partial(_real_attribute, name)
        module.__stand_in__ = True
    if "spacy.cli" in stand_ins:  # a package whose other submodules are spaCy's own, should a later spaCy ask
        stand_ins["spacy.cli"].__path__ = [f"{importlib.util.find_spec('spacy').submodule_search_locations[0]}/cli"]
    if "spacy.cli.info" in stand_ins:
        stand_ins["spacy.cli.info"].info = info
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _real_attribute(module: str, name: str):
    """Anything else a later spaCy takes from the stand-ins while it is imported: from its own module, imported
    then (spaCy's start-up as without the stand-ins, nothing lost)."""
    if name.startswith("__"):
        raise AttributeError(name)
    for stand_in in _STAND_INS:
        if getattr(sys.modules.get(stand_in), "__stand_in__", False):
            del sys.modules[stand_in]
    return getattr(importlib.import_module(module), name)


def info(*args, **kwargs):
    """`spacy.info`: spaCy's own, imported when asked for."""
    from spacy.cli.info import info as spacys_info

    return spacys_info(*args, **kwargs)
