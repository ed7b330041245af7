"""Content hashes of photo files, memoised so a build hashes each file once."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# (path, size, mtime_ns) -> digest. A file rewritten in place changes its mtime, so a stale
# digest is never returned; a copy with the same bytes still hashes the same.
_memo: dict[tuple[str, int, int], str] = {}


def content_hash(path: Path) -> str:
    """A hex digest of the file's bytes (blake2b, 160 bits)."""
    stat = os.stat(path)
    key = (os.fspath(path), stat.st_size, stat.st_mtime_ns)
    digest = _memo.get(key)
    if digest is None:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(
                handle, lambda: hashlib.blake2b(digest_size=20)
            ).hexdigest()
        _memo[key] = digest
    return digest
