"""Content hashes of photo files, memoised so a photo is read for hashing once, ever.

Every cache of rendered images is keyed by the photos' bytes. Reading thousands of photos
to learn that nothing changed would cost more than the rest of a warm build, so the digests
are kept by path, size, modification time and inode, like git's index, and can be saved
beside the caches for the next process.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from ..files import atomic_write

# A file rewritten in place changes its mtime, so a stale digest is never returned; a copy
# with the same bytes still hashes the same.
Stamp = tuple[str, int, int, int]
_memo: dict[Stamp, str] = {}
_saved: dict[Path, bytes] = {}  # what this process last wrote to each index
# A file changed again within the same clock tick would keep its stamp: digests of files
# this young are not saved, as git does for its index.
SETTLING_SECONDS = 2.0


def content_hash(path: Path) -> str:
    """A hex digest of the file's bytes (blake2b, 160 bits)."""
    stamp = _stamp(path)
    digest = _memo.get(stamp)
    if digest is None:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(
                handle, lambda: hashlib.blake2b(digest_size=20)
            ).hexdigest()
        _memo[stamp] = digest
    return digest


def known_hash(path: Path) -> str | None:
    """The digest of the file if this process has it already (hashed, or from a loaded
    index), without reading the file; None if not."""
    return _memo.get(_stamp(path))


def _stamp(path: Path) -> Stamp:
    stat = os.stat(path)
    return os.fspath(path), stat.st_size, stat.st_mtime_ns, stat.st_ino


def load_hashes(index: Path) -> None:
    """Add the digests saved by an earlier process; a missing or damaged index is no loss."""
    try:
        rows = json.loads(index.read_text("utf-8"))
        _memo.update(
            {(path, size, mtime, inode): digest for path, size, mtime, inode, digest in rows}
        )
    except (OSError, ValueError, TypeError):
        return


def save_hashes(index: Path, paths: set[str]) -> None:
    """Save the digests of the files at ``paths``, for the next process; an index that would
    not change is left alone (a preview saves it after every rebuild)."""
    settled = (time.time() - SETTLING_SECONDS) * 1e9
    # A copy: under `serve`, posters drawn on a thread hash photos meanwhile.
    rows = sorted(
        [*stamp, digest]
        for stamp, digest in _memo.copy().items()
        if stamp[0] in paths and stamp[2] < settled
    )
    data = json.dumps(rows, ensure_ascii=False).encode()
    if _saved.get(index) == data:
        return
    atomic_write(index, lambda stream: stream.write(data))
    _saved[index] = data
