"""Work that needs only the model, run on another core while MkDocs renders the pages.

MkDocs builds pages one after another on one core. Jobs such as the 公众号 previews read
nothing MkDocs makes, so a forked child can write them into the staging site meanwhile.
Forking hands the child the loaded model for free, where a spawned one would have to
load it again. Where there is no fork (Windows), or where other threads run (the
preview server: a lock one of them holds at the fork stays held in the child for good),
the job simply runs at once.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class BackgroundError(Exception):
    """The job failed; the message carries the child's traceback."""


class BackgroundJob:
    def __init__(self, job: Callable[[], None], *, fork: bool = True):
        self._process = None
        self._failure: str | None = None
        if not fork or not can_fork():
            try:
                job()
            except Exception:  # reported by wait(), as a child's failure is
                self._failure = traceback.format_exc()
            return
        context = multiprocessing.get_context("fork")
        self._outcome, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, sender))
        self._process.start()
        sender.close()

    def wait(self) -> None:
        """Block until the job is done; raises BackgroundError when it failed."""
        if self._process is None:
            if self._failure:
                raise BackgroundError(self._failure)
            return
        try:
            failure = self._outcome.recv()
        except EOFError:
            self._process.join()
            failure = f"后台进程意外退出（退出码 {self._process.exitcode}）"
        self._end(terminate=False)
        if failure:
            raise BackgroundError(failure)

    def cancel(self) -> None:
        """End the child at once; used when the build has failed anyway."""
        self._end(terminate=True)

    def _end(self, *, terminate: bool) -> None:
        if self._process is None:
            return
        if terminate:
            self._process.terminate()
        self._process.join()
        self._outcome.close()
        self._process = None


def _run(job: Callable[[], None], outcome: Connection) -> None:
    try:
        job()
    except BaseException:
        outcome.send(traceback.format_exc())
    else:
        outcome.send(None)
