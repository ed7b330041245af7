"""The preview's file watcher: the system's change notifications, polling only where they fail.

MkDocs' dev server polls every watched tree twice a second. With five years of reports and
their photos, one poll walks 25,000 files: it holds the interpreter for a third of a second
each time, slowing every rebuild, and an edit waits for the next poll to be seen at all.
The system's notifications (inotify, FSEvents, ReadDirectoryChangesW) cost nothing between
changes and arrive at once. They do not reach a network drive, which hospitals often keep
reports on, and a full inotify watch table refuses them: there, and when asked, the watcher
polls as MkDocs would.
"""

from __future__ import annotations

import logging
import os

import psutil
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.pbsite")
POLL_SECONDS = 0.5  # MkDocs' own interval
# Only changes: the dev server rebuilds on any event, and the build itself opens and reads
# every report and photo, which would otherwise set off the next rebuild. A touched file
# (the background posters' signal) changes only its attributes.
CHANGES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    FileAttribEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afpfs", "9p", "fuse.sshfs"}


class Watcher:
    """The observer MkDocs' LiveReloadServer drives: schedule, unschedule, start, stop, join.
    Which kind watches is decided at ``start``, once every path is known."""

    def __init__(self, *, poll: bool = False) -> None:
        self.poll = poll
        self.observer: BaseObserver | None = None
        self._watches: dict[str, tuple[FileSystemEventHandler, bool]] = {}

    def schedule(
        self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False
    ) -> ObservedWatch:
        handler = _FolderChanges(handler)
        self._watches[path] = (handler, recursive)
        if self.observer:
            return self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
        return ObservedWatch(path, recursive=recursive, event_filter=CHANGES)

    def unschedule(self, watch: ObservedWatch) -> None:
        self._watches.pop(watch.raw_path, None)
        if self.observer:
            self.observer.unschedule(watch)

    def start(self) -> None:
        remote = [path for path in self._watches if on_network_drive(path)]
        if remote:
            log.warning(
                f"{remote[0]} 在网络驱动器上，收不到文件变化通知，改为每 0.5 秒检查一次文件。"
            )
        elif not self.poll:
            try:
                return self._start(Observer())
            except OSError as exc:
                log.warning(
                    f"系统文件变化通知不可用（{exc.strerror or exc}），改为每 0.5 秒检查一次文件。"
                )
        self._start(PollingObserver(timeout=POLL_SECONDS))

    def _start(self, observer: BaseObserver) -> None:
        for path, (handler, recursive) in self._watches.items():
            observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
        try:
            observer.start()
        except OSError:
            observer.stop()  # the watches it had set up already
            raise
        self.observer = observer

    def stop(self) -> None:
        if self.observer:
            self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.observer:
            self.observer.join(timeout)


class _FolderChanges(FileSystemEventHandler):
    """Hands a whole folder created, deleted or moved on as a file event. The dev server
    ignores folder events, and a report folder moved out of content/ sends no other."""

    def __init__(self, handler: FileSystemEventHandler):
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            event = FileModifiedEvent(event.src_path)
        self.handler.dispatch(event)


def on_network_drive(path: str) -> bool:
    """Whether ``path`` lies on a network file system (NFS, SMB, a mapped Windows drive)."""
    real = os.path.realpath(path)
    mounts = [
        mount
        for mount in psutil.disk_partitions(all=True)
        if real == mount.mountpoint or real.startswith(mount.mountpoint.rstrip(os.sep) + os.sep)
    ]
    if not mounts:
        return False
    mount = max(mounts, key=lambda m: len(m.mountpoint))
    return mount.fstype.lower() in NETWORK_FILESYSTEMS or "remote" in mount.opts.split(",")
