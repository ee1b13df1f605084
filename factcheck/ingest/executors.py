"""Where the detector runs: in this process, in local worker processes, or on a Dask cluster.

Ingest and re-extraction hand article texts to an executor and take the detector's quotations back in the
order the articles came (`detect_in_order`), so that the one writer, in this process, stores them one
article per transaction exactly as it would without workers. Only the detector moves: reading, the check of
what is already stored, and every database write stay on the machine that holds the database.

All executors share one small interface (`Executor`): `submit(text)` returns a future (`.done()`,
`.result()`), `window` is how many articles may be in flight (it bounds memory: nothing more than that is
read ahead), `version` is the detector version the writer expects, and `close()` ends it (they are context
managers).
- `InProcess`: today's path (`--workers 1`); the pipeline is loaded once, on the first article.
- `LocalPool` (pool.py): worker processes on this machine (default: one per core), forked from a server that has
  loaded the pipeline once, fed by the writer's own thread through a pipe each, a few articles at a time.
  A worker that dies (kill -9, out of memory) breaks the pool: it is started again and the articles that
  were in flight are sent again (see `detect_in_order`); none is lost.
- `DaskCluster`: the tasks of a Dask distributed cluster (`--dask ADDRESS`); each worker process loads the
  pipeline once, on its first article. Dask itself re-runs the tasks of a worker that died, and gives up on
  a task whose workers died too often (reported as failed).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

from .. import nlp as detector

MAX_ATTEMPTS = 3          # workers that died with an article before it is reported as failed
IN_FLIGHT_PER_DASK_THREAD = 16  # articles in flight per thread of a Dask cluster

T = TypeVar("T")


class ExecutorError(RuntimeError):
    """The detector cannot run where it was asked to (one line, for the user)."""


# --- what a worker runs ------------------------------------------------------------------------------------

_detector_lock = threading.Lock()  # a Dask worker may run tasks in threads; the pipeline is not shared


def detect(text: str, model: str | None) -> tuple[str, list, float]:
    """The task a worker runs: (detector version, quotations in `text`, CPU seconds it took). The pipeline
    is loaded on the first call in a process and kept (`factcheck.nlp.load` caches it)."""
    with _detector_lock:
        nlp = detector.load(model)
        started = time.thread_time()
        quotations = detector.extract(text, nlp)
        return detector.extractor_version(nlp), quotations, time.thread_time() - started


def detect_all(task, texts: list[str], model: str | None) -> list[tuple[bool, object]]:
    """What a local worker runs for a batch of articles: (True, `task(text, model)`) or (False, the exception it
    raised) for each text, so that an article the detector fails on fails alone."""
    results: list[tuple[bool, object]] = []
    for text in texts:
        try:
            results.append((True, task(text, model)))
        except Exception as err:
            results.append((False, err))
    return results


# --- the executors -----------------------------------------------------------------------------------------


class Executor:
    """What the writer needs of an executor (see the module docstring); subclasses provide `submit`."""

    version: str             # the detector version the writer expects results from
    workers = 1              # how many articles are detected at once
    cores = 1                # processes the run may use on this machine (the match after the last article does)
    window = 1               # how many may be in flight
    lost_errors: tuple = ()  # errors of a future that mean a worker died with the article

    def submit(self, text: str):
        """A future of (detector version, quotations, seconds) for `text`."""
        raise NotImplementedError

    def recover(self) -> None:
        """Start again after a worker died (raised one of `lost_errors`)."""

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class InProcess(Executor):
    """The detector in this process, one article at a time (`--workers 1`): `nlp`, or the default pipeline
    loaded on the first article."""

    def __init__(self, nlp=None):
        self._nlp = nlp
        self.version = detector.extractor_version(nlp)

    def submit(self, text: str) -> Future:
        future: Future = Future()
        try:
            if self._nlp is None:
                self._nlp = detector.load()
            started = time.thread_time()
            quotations = detector.extract(text, self._nlp)
            future.set_result((detector.extractor_version(self._nlp), quotations, time.thread_time() - started))
        except Exception as err:  # one article the detector chokes on must not stop the batch
            future.set_exception(err)
        return future


class DaskCluster(Executor):
    """The workers of a Dask distributed cluster, reached through its scheduler at `address`. Every worker
    needs the same factcheck (and `--model` pipeline) installed; the writer checks the version each result
    was found with. Workers may come and go: the window follows the threads the cluster has."""

    def __init__(self, address: str, model: str | None, version: str, *, wait: float = 60.0):
        try:
            from distributed import Client
        except ImportError:
            raise ExecutorError("--dask needs the distributed package: pip install 'factcheck[dask]'") from None
        self._model, self.version = model, version
        self.cores = os.cpu_count() or 1  # the detector runs elsewhere
        try:
            self.client = Client(address)  # waits distributed.comm.timeouts.connect (dask config) at most
        except (OSError, TimeoutError) as err:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {err}") from None
        try:
            self.client.wait_for_workers(1, timeout=wait)
        except TimeoutError:
            self.client.close()
            raise ExecutorError(f"no Dask worker joined the scheduler at {address} within {wait:.0f} s") from None
        self._threads, self._counted = 1, float("-inf")

    @property
    def workers(self) -> int:
        """Threads in the cluster now (asked of the scheduler at most once a second)."""
        if time.monotonic() - self._counted > 1.0:
            self._threads = max(sum(self.client.nthreads().values()), 1)
            self._counted = time.monotonic()
        return self._threads

    @property
    def window(self) -> int:
        return self.workers * IN_FLIGHT_PER_DASK_THREAD

    def submit(self, text: str):
        return self.client.submit(detect, text, self._model, pure=False)

    def close(self) -> None:
        self._counted = float("inf")  # `workers` keeps telling the last count
        self.client.close()


def make_executor(workers: int | None = None, dask: str | None = None, *, nlp=None, small_input: bool = False):
    """The executor a command asked for: the Dask cluster whose scheduler is at `dask`, else `workers` local
    processes (None: one per core, or this process for a `small_input`, where starting workers would cost
    more than they save). `nlp` is the pipeline to run (None: the default one); workers build the same one
    from its name. Raises ExecutorError if the cluster cannot be reached."""
    model = nlp.meta.get("factcheck_base") if nlp is not None else None
    version = detector.extractor_version(nlp)
    if dask:
        return DaskCluster(dask, model, version)
    if workers is None:
        workers = 1 if small_input else (os.cpu_count() or 1)
    if workers <= 1:
        return InProcess(nlp)
    from .pool import LocalPool  # pool.py builds on this module

    return LocalPool(workers, model, version)


# --- results in article order ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    """What the detector found in one article, or why it found nothing."""

    quotations: list | None = None
    version: str | None = None
    seconds: float = 0.0      # the detector's CPU time, wherever it ran
    error: str | None = None  # one line


@dataclass
class _Task(Generic[T]):
    item: T
    text: str | None
    future: object = None
    suspect: bool = False  # was in flight when a worker died: sent again alone, to find out if it kills
    deaths: int = 0        # workers that died with it in flight


def detect_in_order(executor, jobs: Iterable[tuple[T, str | None]]) -> Iterator[tuple[T, Detection | None]]:
    """For each (item, text) in `jobs`, yield (item, the detector's result for text) in the order of `jobs`;
    an item without text (nothing to detect) comes back with None. At most `executor.window` items are in
    flight; `jobs` is read only as far ahead as that (reading it is where the caller checks what is stored).

    When a worker dies (the executor's `lost_errors`), the executor is started again and every article in
    flight is a suspect: suspects are sent again one at a time, alone, so that an article which kills its
    worker is told from those that only happened to be in flight with it; one that kills MAX_ATTEMPTS
    workers is reported as failed. Workers that die on two different articles in a row, with no result in
    between, die whatever they read: ExecutorError."""
    pending: deque[_Task[T]] = deque()
    killers: set[int] = set()  # articles that killed a worker when alone, since the last result
    for item, text in jobs:
        task = _Task(item, text)
        if text is not None:
            task.future = executor.submit(text)
        pending.append(task)
        # one result out for each article in, so that the workers are fed while the caller stores a run of
        # results that came in together; more only when the window is full
        if _ready(pending[0]):
            yield _finish(executor, pending, killers)
        while len(pending) >= executor.window:
            yield _finish(executor, pending, killers)
    while pending:
        yield _finish(executor, pending, killers)


def _ready(task: _Task) -> bool:
    return task.future is None or (not task.suspect and task.future.done())


def _finish(executor, pending: deque, killers: set[int]) -> tuple:
    """Wait for the first task in `pending` and take it off, as (item, Detection or None)."""
    task = pending[0]
    while task.future is not None:
        if task.suspect:
            _run_alone(executor, pending, killers)
            if task.deaths >= MAX_ATTEMPTS:
                pending.popleft()
                return task.item, Detection(error=f"a detector worker died while reading it ({task.deaths} times)")
            continue
        try:
            version, quotations, seconds = task.future.result()
        except executor.lost_errors:
            _recover(executor, pending)
            continue
        except Exception as err:  # the detector failed on this article (or Dask gave up on it): report it
            pending.popleft()
            return task.item, Detection(error=f"detector failed: {type(err).__name__}: {err}")
        pending.popleft()
        killers.clear()
        if version != executor.version:
            return task.item, Detection(error=f"the worker's detector is {version}, this machine's is {executor.version}: "
                                              "install the same factcheck (and --model) on every worker")
        return task.item, Detection(quotations, version, seconds)
    pending.popleft()
    return task.item, None


def _run_alone(executor, pending: deque, killers: set[int]) -> None:
    """Send the first task, a suspect, again with nothing else in flight: if its worker dies again, it is
    to blame; if not, it is cleared and its result waits in its future."""
    task = pending[0]
    in_flight = [other.future for other in pending if other.future is not None and not other.suspect]
    for future in in_flight:  # let them finish first (their results wait in their futures)
        with contextlib.suppress(Exception):
            future.result()
    if any(_lost(executor, future) for future in in_flight):
        _recover(executor, pending)
    task.future = executor.submit(task.text)
    with contextlib.suppress(Exception):
        task.future.result()
    if _lost(executor, task.future):
        task.deaths += 1
        killers.add(id(task))
        executor.recover()
        if len(killers) > 1:
            raise ExecutorError(f"the detector's worker processes die whatever they read ({len(killers)} "
                                "articles in a row); try --workers 1")
    else:
        task.suspect = False


def _recover(executor, pending: deque) -> None:
    """A worker died: start the executor again; every article that was in flight becomes a suspect."""
    executor.recover()
    for task in pending:
        if task.future is not None and not task.suspect and _lost(executor, task.future):
            task.suspect, task.deaths = True, task.deaths + 1


def _lost(executor, future) -> bool:
    """Whether `future` went down with a broken executor (after `recover`, all its futures are done)."""
    if not future.done() or future.cancelled():
        return True
    return isinstance(future.exception(), executor.lost_errors)
