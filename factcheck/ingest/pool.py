"""The local worker pool (`--workers N`): the detector in worker processes on this machine, fed by the writer's
own thread (see `LocalPool`; the other executors and `detect_in_order` are in executors.py)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
from collections import deque
from concurrent.futures import CancelledError
from multiprocessing.connection import wait

from .executors import Executor, detect, detect_all

# articles in flight per worker (read, sent or waiting to be stored). Results are stored in article order: while
# one worker reads a long article (or waits for a core), the other goes on only as far as the window reaches.
# In a 5,000-article run on 2 cores (load 3-5) the workers of a LocalPool waited for work 5.5-7.3 % of their
# time with 16, 2.0-3.2 % with 64.
IN_FLIGHT_PER_WORKER = 64
ARTICLES_PER_TASK = 4     # articles a local worker is sent at once (see LocalPool)
# tasks a local worker has at most (the one it works on and those waiting in its pipe): enough to go on while the
# writer is busy elsewhere (the full-text index every 2,000 articles takes it ~0.3 s). In a 5,000-article run on
# 2 cores (load 1.5-2.6) the workers waited for work 6.5-6.6 % of their time with 2, 2.5-2.8 % with 8.
TASKS_AHEAD = 8


def _worker_context():
    """How pool workers start: forked from a fork server that has loaded the default pipeline (warm.py);
    where there is none (Windows), spawned, each loading the pipeline on its first article."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([f"{__package__}.warm"])  # takes effect when the server starts
    return context


class WorkerDied(RuntimeError):
    """A LocalPool worker died (kill -9, out of memory) with the article in flight, or after it: the article was lost."""


class LocalPool(Executor):
    """`workers` processes on this machine, forked from a fork server that loads the default pipeline once
    (warm.py): every worker starts with it loaded, and the writer's open database and threads are never copied.
    The fork server and the workers start on the first article (an input with nothing new starts none; the first
    article comes 1 ms after the pool is made, ~0.25 s after the command started, so nothing would be gained by
    starting the fork server earlier); a worker for another `model` loads that on its first article.

    The writer drives the workers itself, from its own thread, whenever it submits an article or waits for one:
    each worker has a pipe for its tasks and one for its results, and is sent ARTICLES_PER_TASK articles at a time
    while it has fewer than TASKS_AHEAD tasks, so that it never waits while there are articles to detect, and one
    that reads long articles gets fewer of them. (A ProcessPoolExecutor hands tasks and results through threads
    of the writer's process that wait for the writer's GIL while it stores: workers sat idle.) A worker that dies
    loses every article in flight and breaks the pool, as a ProcessPoolExecutor does: `recover` starts it again
    and the articles are sent again (see `detect_in_order`); none is lost."""

    lost_errors = (WorkerDied,)
    task = staticmethod(detect)  # what a worker runs for each article

    def __init__(self, workers: int, model: str | None, version: str):
        self.workers, self._model, self.version = workers, model, version
        self.cores = workers
        self.window = workers * IN_FLIGHT_PER_WORKER
        self._context = _worker_context()
        self._queue: deque[tuple[str, _Article]] = deque()  # submitted, not sent yet
        self._workers: list[_Worker] = []
        self._broken = False  # a worker died: every submit fails until `recover`

    def submit(self, text: str) -> _Article:
        article = _Article(self)
        if self._broken:
            article.fail(WorkerDied("the pool is broken"))
        else:
            self._queue.append((text, article))
            self._drive(None)
        return article

    def _drive(self, waited: _Article | None) -> None:
        """Send articles to the workers that have room and take in the results that came; if `waited`, until
        its result is in (or it is lost)."""
        while True:
            self._send(urgent=waited is not None)
            busy = [worker for worker in self._workers if worker.tasks]
            if not busy or (waited is not None and waited.done()):
                return
            ready = set(wait([w.results for w in busy] + [w.process.sentinel for w in busy],
                             timeout=None if waited is not None else 0))
            for worker in busy:
                if worker.results in ready or worker.process.sentinel in ready:
                    if not worker.receive():
                        self._break(WorkerDied(f"detector worker {worker.process.pid} died "
                                               f"(exit code {worker.process.exitcode})"))
                        return
            if waited is None:
                return

    def _send(self, urgent: bool) -> None:
        """Give each worker with room a task: a full one, or what there is if the worker is idle or the writer
        waits (`urgent`)."""
        if self._queue and not self._workers:
            self._workers = [_Worker(self._context, self.task, self._model) for _ in range(self.workers)]
        for worker in sorted(self._workers, key=lambda w: len(w.tasks)):
            while self._queue and len(worker.tasks) < TASKS_AHEAD:
                if len(self._queue) < ARTICLES_PER_TASK and worker.tasks and not urgent:
                    break
                count = min(ARTICLES_PER_TASK, len(self._queue))
                worker.send([self._queue.popleft() for _ in range(count)])

    def _break(self, error: WorkerDied) -> None:
        """A worker died: stop them all and fail every article in flight, as a broken process pool does."""
        self._broken = True
        self._end(lambda article: article.fail(error))

    def recover(self) -> None:
        """After a worker died: the next `submit` starts new workers."""
        self.close()
        self._broken = False

    def close(self) -> None:
        """Stop the workers (those in the middle of an article too: the writer wants no more)."""
        self._end(_Article.cancel)

    def _end(self, settle) -> None:
        """Stop the workers and settle every article in flight (sent or not yet) with `settle`."""
        for worker in self._workers:
            worker.stop()
        for worker in self._workers:
            worker.process.join()
        for worker in self._workers:
            for task in worker.tasks:
                for article in task:
                    settle(article)
        for _, article in self._queue:
            settle(article)
        self._workers, self._queue = [], deque()


class _Article:
    """The future of one article sent to a LocalPool: `done()`, `result()` (waiting for it drives the pool),
    `exception()`, `cancel()`, `cancelled()`, as a concurrent.futures.Future."""

    __slots__ = ("pool", "_value", "_error", "_done")

    def __init__(self, pool: LocalPool):
        self.pool, self._value, self._error, self._done = pool, None, None, False

    def set(self, ok: bool, value) -> None:
        self._value, self._error, self._done = (value, None, True) if ok else (None, value, True)

    def fail(self, error: BaseException) -> None:
        self.set(False, error)

    def cancel(self) -> None:
        if not self._done:
            self.fail(CancelledError())

    def cancelled(self) -> bool:
        return isinstance(self._error, CancelledError)

    def done(self) -> bool:
        return self._done

    def exception(self):
        if not self._done:
            self.pool._drive(self)
        if not self._done:  # every article is waiting to be sent, sent to a worker, or done
            raise RuntimeError("the worker pool lost track of an article")
        return self._error

    def result(self):
        if self.exception() is not None:
            raise self._error
        return self._value


class _Worker:
    """One worker process of a LocalPool, its two pipes, and the tasks it was sent whose results are not in."""

    def __init__(self, context, task, model: str | None):
        task_reader, self._tasks = context.Pipe(duplex=False)
        self.results, result_writer = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, args=(task_reader, result_writer, task, model), daemon=True)
        self.process.start()
        task_reader.close()
        result_writer.close()
        self.tasks: deque[list[_Article]] = deque()

    def send(self, batch: list[tuple[str, _Article]]) -> None:
        try:
            self._tasks.send([text for text, _ in batch])
        except OSError:  # it died: its sentinel tells the pool
            pass
        self.tasks.append([article for _, article in batch])

    def receive(self) -> bool:
        """Take in the results it sent; False if it died."""
        try:
            while self.results.poll():
                results = self.results.recv()  # before its task is taken off: EOFError if it died
                for article, (ok, value) in zip(self.tasks.popleft(), results):
                    article.set(ok, value)
        except (EOFError, OSError):
            return False
        return self.process.exitcode is None

    def stop(self) -> None:
        """Close its task pipe, which ends it (its reader thread exits the process)."""
        self._tasks.close()
        self.results.close()


def _serve(tasks, results, task, model: str | None) -> None:
    """A LocalPool worker: run `detect_all` over each batch of texts it is sent, in order. A thread reads the
    batches as they come, so that the writer never blocks on a full pipe; the end of that pipe (the writer
    closed the pool, or died) ends the process at once. Ctrl-C is for the writer to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    batches: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        with contextlib.suppress(EOFError, OSError):
            while True:
                batches.put(tasks.recv())
        os._exit(0)

    threading.Thread(target=read, daemon=True).start()
    while True:
        results.send(detect_all(task, batches.get(), model))
