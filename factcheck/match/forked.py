"""`forked_map`: a function over items in processes forked from this one, results in order; `forked_call`: one
call in a forked process while this one does something else.

The children are forked after the function is known, so they find everything it needs (the matcher's
sentences, corpus and word statistics) in their copy of this process's memory: only the items and the
results are pickled. That copy is shared with this process until a page is written to: the objects that
exist at the fork are frozen (gc.freeze) so that the children's garbage collection does not write to them all;
what the children read still has its reference counts written (the sentences' strings: about the size of the
texts per child). Where processes cannot be forked (Windows, macOS), or a child dies, the items are
done here, one after the other: the results are the same either way.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_function: Callable | None = None  # what the children call: set before they are forked


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """[function(item) for item in items], computed by up to `workers` forked processes."""
    workers = min(workers, len(items))
    if workers <= 1 or not can_fork():
        return list(map(function, items))
    try:
        with _forked(function, workers) as pool:
            return list(pool.map(_call, items))
    except BrokenProcessPool:  # a child died (out of memory, killed): do them here
        return list(map(function, items))


def forked_call(function: Callable[[], R], meanwhile: Callable[[], object]) -> R:
    """function(), computed by a process forked from this one while this one runs meanwhile() (which must not change
    what function reads); function() is called here instead where processes cannot be forked, or if the child died."""
    if not can_fork():
        meanwhile()
        return function()
    try:
        with _forked(function, 1) as pool:
            future = pool.submit(_call_alone)  # forks the child now, with `function` in its memory
            meanwhile()
            return future.result()
    except BrokenProcessPool:  # the child died (out of memory, killed)
        return function()


@contextlib.contextmanager
def _forked(function: Callable, workers: int):
    """A pool of `workers` processes forked from this one once `function` is what they call (`_call`), with the
    objects that exist now frozen (see the module docstring)."""
    global _function
    _function = function
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_exit_with_parent) as pool:
            yield pool
    finally:
        gc.unfreeze()
        _function = None


def _exit_with_parent() -> None:
    """A child's start: it ends when this process ends. Killed (kill -9), this process cannot shut the pool
    down, and the children would wait for their next item forever."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), daemon=True).start()


def _call(item):
    return _function(item)


def _call_alone():
    return _function()
