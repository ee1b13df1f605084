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
- `LocalPool`: worker processes on this machine (default: one per core), forked from a server that has
  loaded the pipeline once, sent the articles a few at a time (a future is done only once its batch was sent,
  which waiting for its result does). A worker that dies (kill -9, out of memory) breaks the pool: it is started again and the
  articles that were in flight are sent again (see `detect_in_order`); none is lost.
- `DaskCluster`: the tasks of a Dask distributed cluster (`--dask ADDRESS`); each worker process loads the
  pipeline once, on its first article. Dask itself re-runs the tasks of a worker that died, and gives up on
  a task whose workers died too often (reported as failed).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

from .. import nlp as detector

MAX_ATTEMPTS = 3          # workers that died with an article before it is reported as failed
# articles sent ahead per worker, so that none waits for the writer: with 4, the writer waited 8-10 s for the
# detector in a 5,000-article run on 2 cores, with 16 about 4.5 s (the run 2-5 s shorter)
IN_FLIGHT_PER_WORKER = 16
ARTICLES_PER_TASK = 4     # articles a local worker is sent at once (see LocalPool)

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


def _worker_context():
    """How pool workers start: forked from a fork server that has loaded the default pipeline (warm.py);
    where there is none (Windows), spawned, each loading the pipeline on its first article."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([f"{__package__}.warm"])  # takes effect when the server starts
    return context


def _start_worker() -> None:
    """Pool worker start-up: Ctrl-C is for the writer to handle, and a writer that is killed takes its
    workers with it (they would otherwise wait for work forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    writer = multiprocessing.parent_process()
    if writer is not None:
        threading.Thread(target=lambda: (writer.join(), os._exit(1)), daemon=True).start()


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


class LocalPool(Executor):
    """`workers` processes on this machine. They are started on the first article (an input with nothing
    new starts none) from a fork server, so the writer's open database and threads are never copied. The
    fork server loads the default pipeline once (warm.py) and every worker starts with it; a worker for
    another `model` loads that on its first article.

    Articles go to the workers ARTICLES_PER_TASK at a time: each task of the process pool costs the writer
    thread wake-ups and pipe writes, as much CPU as storing the article, and a batch pays them once. Each
    article still has its own future: a batch is sent when it is full, or as soon as the writer waits for one of
    its articles (so the last articles of an input never wait for more), and a worker that dies loses the
    articles of its batch as it lost its one article before (they are sent again, see `detect_in_order`)."""

    lost_errors = (BrokenProcessPool,)
    task = staticmethod(detect)  # what a worker runs for each article

    def __init__(self, workers: int, model: str | None, version: str):
        self.workers, self._model, self.version = workers, model, version
        self.cores = workers
        # a batch running and one waiting per worker, and at least as many articles ahead as one at a time
        self.window = workers * max(IN_FLIGHT_PER_WORKER, 2 * ARTICLES_PER_TASK)
        self._pool: ProcessPoolExecutor | None = None
        self._batch: list[tuple[str, _Queued]] = []  # articles submitted and not sent yet

    def submit(self, text: str) -> Future:
        future = _Queued(self)
        self._batch.append((text, future))
        if len(self._batch) >= ARTICLES_PER_TASK:
            self.send()
        return future

    def send(self) -> None:
        """Send the articles submitted so far to the workers, as one task."""
        batch, self._batch = self._batch, []
        if not batch:
            return
        futures = [future for _, future in batch]
        for future in futures:
            future.queued = False
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_worker_context(), initializer=_start_worker)
        try:
            sent = self._pool.submit(detect_all, self.task, [text for text, _ in batch], self._model)
        except BrokenProcessPool as err:  # it broke since the last result: handled like any lost article
            sent = Future()
            sent.set_exception(err)
        sent.add_done_callback(lambda done: _hand_out(done, futures))

    def recover(self) -> None:
        """After a worker died: drop the broken pool; the next `submit` starts a new one."""
        self.close()

    def close(self) -> None:
        for _, future in self._batch:  # never sent: lost with the pool, as the articles in flight are
            future.cancel()
        self._batch = []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class _Queued(Future):
    """The future of one article of a LocalPool batch; waiting for it sends its batch if it is not sent yet."""

    def __init__(self, pool: LocalPool):
        super().__init__()
        self.pool, self.queued = pool, True

    def result(self, timeout=None):
        if self.queued:
            self.pool.send()
        return super().result(timeout)

    def exception(self, timeout=None):
        if self.queued:
            self.pool.send()
        return super().exception(timeout)


def _hand_out(sent: Future, futures: list[Future]) -> None:
    """Give each article's future its part of a batch's outcome (a batch cancelled with its pool cancels each)."""
    if sent.cancelled():
        for future in futures:
            future.cancel()
    elif sent.exception() is not None:
        for future in futures:
            future.set_exception(sent.exception())
    else:
        for future, (ok, value) in zip(futures, sent.result()):
            future.set_result(value) if ok else future.set_exception(value)


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
        return self.workers * IN_FLIGHT_PER_WORKER

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
        while pending and (len(pending) >= executor.window or _ready(pending[0])):
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
