"""The preview's file watcher: the system's change notifications, polling only where they fail.

MkDocs' dev server polls every watched tree twice a second. With five years of reports and
their photos, one poll walks 25,000 files: it holds the interpreter for a third of a second
each time, slowing every rebuild, and an edit waits for the next poll to be seen at all.
The system's notifications (inotify, FSEvents, ReadDirectoryChangesW) cost nothing between
changes and arrive at once. Where they cannot be had (a full inotify watch table, some
network drives), the watcher polls as MkDocs would.
"""

from __future__ import annotations

import logging

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.pbsite")
POLL_SECONDS = 0.5  # MkDocs' own interval
# Only changes: the dev server rebuilds on any event, and the build itself opens and reads
# every report and photo, which would otherwise set off the next rebuild.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


class Watcher:
    """The observer MkDocs' LiveReloadServer drives: schedule, unschedule, start, stop, join."""

    def __init__(self) -> None:
        self.observer: BaseObserver = Observer()
        self._watches: list[tuple[FileSystemEventHandler, str, bool]] = []

    def schedule(
        self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False
    ) -> ObservedWatch:
        self._watches.append((handler, path, recursive))
        return self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)

    def unschedule(self, watch: ObservedWatch) -> None:
        self._watches = [w for w in self._watches if w[1] != watch.raw_path]
        self.observer.unschedule(watch)

    def start(self) -> None:
        try:
            self.observer.start()
        except OSError as exc:
            self.observer.stop()
            log.warning(
                f"系统文件变化通知不可用（{exc.strerror or exc}），改为每 0.5 秒检查一次文件。"
            )
            self.observer = PollingObserver(timeout=POLL_SECONDS)
            for handler, path, recursive in self._watches:
                self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
            self.observer.start()

    def stop(self) -> None:
        self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        self.observer.join(timeout)
