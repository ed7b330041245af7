"""What a site folder already holds, so that a build writes only what changed.

`pbsite serve` keeps one site folder for the whole session, and `pbsite build` takes over the
site the build before the last one replaced (see ``atomic``). Both ask MkDocs for dirty
builds, in which a page whose file reports itself unmodified is neither read, rendered nor
written. This record is what lets a generated page say so truthfully: the key each report
page was last written under, its search entries (MkDocs skips the page, the index still
needs them), every generated page's output file, the cached file behind every linked image,
and the key of every 公众号 preview folder.

A build into any other folder, or one MkDocs empties first, starts from an empty record.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from ..files import atomic_write, link_or_copy

PREVIEW_DIR = "wechat"  # the site folder holding one 公众号 preview folder per report
# Bump when the stored form changes: a record in another form is not read.
RECORD_FORMAT = 1


class UnchangedFile(File):
    """A generated page already in the site folder exactly as this build would write it."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


@dataclass
class SiteRecord:
    folder: str = ""  # the site folder this record describes
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> key of the page on disk
    searches: dict[str, list[dict]] = field(default_factory=dict)  # src_uri -> search entries
    outputs: dict[str, str] = field(default_factory=dict)  # src_uri -> output file
    links: dict[str, str] = field(default_factory=dict)  # site-relative path -> cached file
    previews: dict[str, str | None] = field(default_factory=dict)  # folder -> its key
    # site-relative path -> stamp (see ``_stamp``) of each file a later build may keep: as
    # the take-over checked it, or as ``save`` takes it for a file written since
    stamps: dict[str, int | tuple[int, int, int]] = field(default_factory=dict)

    def remove_stale_outputs(self, current: dict[str, str]) -> None:
        """Delete the output of every generated page this build no longer makes, or makes
        under another file name (``use_directory_urls`` switched)."""
        written = set(current.values())
        for uri, output in self.outputs.items():
            if current.get(uri) != output and output not in written:
                self._remove(Path(output))
        for uri in self.outputs.keys() - current.keys():
            self.pages.pop(uri, None)
            self.searches.pop(uri, None)
        self.outputs = current

    def changes(
        self, links: dict[str, Path], previews: dict[str, str | None]
    ) -> tuple[set[str], set[str]]:
        """The links and preview folders this build's publishing makes anew."""
        relinked = {path for path, source in links.items() if self.links.get(path) != str(source)}
        redone = {
            slug for slug, key in previews.items() if key is None or self.previews.get(slug) != key
        }
        return relinked, redone

    def will_hold(
        self,
        links: dict[str, Path],
        previews: dict[str, str | None],
        changed: tuple[set[str], set[str]],
    ) -> None:
        """Note the linked images and preview folders the folder holds now that this build's
        publishing is done; each one ``changes`` named loses its stamp (``save`` takes it
        again)."""
        relinked, redone = changed
        self.stamps = {
            path: stamp
            for path, stamp in self.stamps.items()
            if path not in relinked and _preview_of(path) not in redone
        }
        self.links = {path: str(source) for path, source in links.items()}
        self.previews = previews

    def save(self, file: Path, folder: Path) -> None:
        """Keep this record for a build that takes ``folder`` over later (the record's folder,
        renamed since). Each file it may keep is stamped, so that build can tell which of
        them someone has changed or deleted meanwhile; a stamp the take-over checked still
        holds unless this build wrote the file again."""
        pages = {_relative(self.outputs[uri], self.folder) for uri in self.pages}
        # Pages are stamped afresh: MkDocs may have written any of them.
        vouched = self._kept_files(self.stamps)
        stamps = {p: s for p, s in self.stamps.items() if p in vouched and p not in pages}
        stamped = {_preview_of(path) for path in stamps}
        for path in [*pages, *(p for p in self.links if p not in stamps)]:
            stat = os.lstat(os.path.join(folder, path))
            stamps[path] = _stamp(stat, stat.st_ino)
        for slug, key in self.previews.items():
            if key and slug not in stamped:
                inside, _ = _scan(folder / PREVIEW_DIR / slug)
                stamps.update(
                    (
                        f"{PREVIEW_DIR}/{slug}/{path}",
                        _stamp(entry.stat(follow_symlinks=False), entry.inode()),
                    )
                    for path, entry in inside.items()
                )
        stored = {
            "format": RECORD_FORMAT,
            "pages": self.pages,
            "searches": self.searches,
            "outputs": {uri: _relative(out, self.folder) for uri, out in self.outputs.items()},
            "links": self.links,
            "previews": self.previews,
            "stamps": stamps,
        }
        data = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(file, lambda stream: stream.write(data))

    @classmethod
    def stored(cls, file: Path) -> SiteRecord | None:
        """The record ``save`` kept, not yet checked against its folder; None if there is
        none, or it is damaged or in another form."""
        try:
            with open(file, "rb") as handle:
                stored = pickle.load(handle)
        except Exception:  # unpickling can raise almost anything for a file it cannot use
            return None
        if not isinstance(stored, dict) or stored.get("format") != RECORD_FORMAT:
            return None
        return cls(
            pages=stored["pages"],
            searches=stored["searches"],
            outputs=stored["outputs"],
            links=stored["links"],
            previews=stored["previews"],
            stamps=stored["stamps"],
        )

    def take_over(self, folder: Path) -> None:
        """Make this the record of ``folder``, which ``save`` stamped under another name:
        every file still as stamped stays, everything else is deleted. A file edited by
        hand, a link to a replaced image or a stray file is thus written again or gone."""
        stored_outputs = self.outputs  # site-relative, as saved
        self.folder = str(folder)
        self.outputs = {uri: str(folder / out) for uri, out in stored_outputs.items()}
        files, folders = _scan(folder)
        stamps = self.stamps
        intact = {
            path for path, entry in files.items() if path in stamps and _holds(entry, stamps[path])
        }
        self.pages = {
            uri: key for uri, key in self.pages.items() if stored_outputs.get(uri) in intact
        }
        self.searches = {uri: self.searches[uri] for uri in self.pages}
        self.links = {path: source for path, source in self.links.items() if path in intact}
        # A preview folder is kept whole or not at all.
        broken = {_preview_of(path) for path in self.stamps.keys() - intact} - {None}
        self.previews = {
            slug: key for slug, key in self.previews.items() if key and slug not in broken
        }
        keep = self._kept_files(intact)
        self.stamps = {path: self.stamps[path] for path in keep}
        _delete_all_but(folder, files, folders, keep)

    def _kept_files(self, files: dict | set) -> set[str]:
        """Of the site-relative ``files``, those this record vouches for."""
        pages = {_relative(self.outputs[uri], self.folder) for uri in self.pages}
        return {
            path
            for path in files
            if path in pages or path in self.links or self.previews.get(_preview_of(path))
        }

    def _remove(self, file: Path) -> None:
        _remove(file, Path(self.folder))


def link_files(site_dir: Path, files: dict[str, Path], present: dict[str, str]) -> None:
    """Make ``site_dir/<path>`` a link to each cached file; ``present`` maps the links the
    folder already holds to their files, and only what differs is touched."""
    folders: set[Path] = set()
    for path, source in files.items():
        if present.get(path) != str(source):
            target = site_dir / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            link_or_copy(source, target)
    for path in present.keys() - files.keys():
        _remove(site_dir / path, site_dir)


def _remove(file: Path, top: Path) -> None:
    """Delete a file, and the folders it leaves empty: a page's folder is its address."""
    file.unlink(missing_ok=True)
    folder = file.parent
    while folder != top and folder.is_relative_to(top) and folder.is_dir():
        if any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent


def _scan(folder: Path) -> tuple[dict[str, os.DirEntry], list[str]]:
    """Every file under ``folder`` (site-relative path with ``/`` -> its entry), and every
    folder in it, each before the folders inside it. Links are not followed."""
    files: dict[str, os.DirEntry] = {}
    folders: list[str] = []
    pending = [""]
    while pending:
        current = pending.pop()
        folders.append(current)
        with os.scandir(os.path.join(folder, current)) as entries:
            for entry in entries:
                path = f"{current}/{entry.name}" if current else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                else:
                    files[path] = entry
    return files, folders


def _delete_all_but(folder: Path, files: dict, folders: list[str], keep: set[str]) -> None:
    """Delete every file of ``files`` not in ``keep``, then the folders left empty (and any
    that were empty already)."""
    holding = {path.rpartition("/")[0] for path in [*files, *folders[1:]]}
    emptied = set(folders[1:]) - holding
    for path in files.keys() - keep:
        os.unlink(os.path.join(folder, path))
        emptied.add(path.rpartition("/")[0])
    for current in reversed(folders[1:]):  # inner folders first
        if current in emptied and _is_empty(os.path.join(folder, current)):
            os.rmdir(os.path.join(folder, current))
            emptied.add(current.rpartition("/")[0])


def _is_empty(folder: str) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _stamp(stat: os.stat_result, inode: int) -> int | tuple[int, int, int]:
    """What tells whether a file is still the one a build left. A hard link to a cached file
    is that file as long as its inode is: on POSIX the directory listing gives it without
    reading each file's details, and a change made in place would have changed the cache as
    well. Any other file (a page, or a copy where links cannot be made) is checked in full.
    ``inode`` comes apart from ``stat``: a directory entry's stat() has none on Windows."""
    if stat.st_nlink > 1:
        return inode
    return (inode, stat.st_size, stat.st_mtime_ns)


def _holds(entry: os.DirEntry, stamp: int | tuple[int, int, int]) -> bool:
    if isinstance(stamp, int):
        return entry.inode() == stamp
    stat = entry.stat(follow_symlinks=False)
    return stamp == (entry.inode(), stat.st_size, stat.st_mtime_ns)


def _relative(path: str, folder: str) -> str:
    """``path`` under ``folder`` as a site-relative path with ``/``."""
    if path.startswith(folder + os.sep):  # always, for outputs; spares os.path.relpath
        return path[len(folder) + 1 :].replace(os.sep, "/")
    return Path(os.path.relpath(path, folder)).as_posix()


def _preview_of(path: str) -> str | None:
    """The preview folder (its slug) a site-relative path lies in, if any."""
    top, _, rest = path.partition("/")
    slug = rest.partition("/")[0]
    return slug if top == PREVIEW_DIR and "/" in rest else None
