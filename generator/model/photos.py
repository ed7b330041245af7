"""Photo references in a report: resolved, kept inside ``content/``, never silently missing."""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .suggest import suggestions

if TYPE_CHECKING:
    from .schema import Mapping

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff"}
PHOTO_KEYS = {"src": "文件", "caption": "说明"}


@dataclass(frozen=True)
class Photo:
    """A photo file inside ``content/``; ``src`` is relative to the project root."""

    src: str
    caption: str | None = None
    # Where the report lists it, for problems found later (a photo that will not decode).
    # Not in repr: page caches key on it, and moving a line changes no page.
    line: int = field(default=0, repr=False, compare=False)


class PhotoResolver:
    """Resolves the `photos` and `cover` keys of one report against the file system."""

    def __init__(self, report_file: Path, root: Path, fields: Mapping):
        self.folder = report_file.parent
        self.root = root
        self.content = root / "content"
        self.fields = fields
        self._real_folders: dict[Path, Path] = {}

    def photos(self) -> tuple[Photo, ...]:
        found: list[Photo] = []
        for index, entry in self.fields.sequence("photos"):
            caption = None
            if isinstance(entry, dict):
                item = self.fields.child("photos", index, entry, PHOTO_KEYS)
                written = item.text("src", required=True, hint="请写照片文件名，如 `01.jpg`")
                caption = item.text("caption")
            else:
                written = str(entry).strip() if entry is not None else None
            src = self._resolve("photos", written, index) if written else None
            if src is None:
                continue
            if any(p.src == src for p in found):
                self.fields.error("photos", f"照片“{written}”重复列出了，同一张照片只写一次", index)
                continue
            found.append(Photo(src, caption, self.fields.line("photos", index)))
        return tuple(found)

    def cover(self, photos: tuple[Photo, ...]) -> Photo | None:
        written = self.fields.text("cover")
        if not written:
            return photos[0] if photos else None
        src = self._resolve("cover", written)
        if src is None:
            return None
        return next((p for p in photos if p.src == src), Photo(src, line=self.fields.line("cover")))

    def _resolve(self, key: str, written: str, *index: int) -> str | None:
        """The photo's path relative to the project root, or None after recording why not."""
        label = f"照片“{written}”"
        # Paths copied from Windows Explorer use backslashes, which no file name may contain there.
        written = written.replace("\\", "/")
        if os.path.isabs(written) or ":" in written[:3]:
            self.fields.error(
                key,
                f"{label}用了绝对路径，请写相对于报道文件的路径，如 `{Path(written).name}`",
                *index,
            )
            return None
        lexical = Path(os.path.normpath(self.folder / written))
        if not _inside(lexical, self.content):
            self.fields.error(
                key,
                f"{label}的位置在 content/ 目录之外，请把照片放进报道旁边的文件夹再引用",
                *index,
            )
            return None
        # Any link on the way counts, a linked folder as much as a linked file.
        real = self._real(lexical)
        if real is not None and not _inside(real, self._real_content):
            self.fields.error(
                key, f"{label}是一个指向 content/ 以外的链接，请把照片文件本身复制进来", *index
            )
            return None
        if not lexical.is_file():
            self.fields.error(
                key,
                f"找不到{label}（{lexical.relative_to(self.root).as_posix()}）。"
                f"{self._similar(lexical, written)}请检查文件名和扩展名",
                *index,
            )
            return None
        if lexical.suffix.lower() not in PHOTO_SUFFIXES:
            self.fields.error(key, f"{label}不是照片文件，支持 JPG、PNG、WebP、HEIC", *index)
            return None
        return lexical.relative_to(self.root).as_posix()

    @cached_property
    def _real_content(self) -> Path:
        return self.content.resolve()

    def _real(self, path: Path) -> Path | None:
        """Where ``path`` really is, each link on the way followed; None if nothing is there.

        Resolving a path looks at every folder on the way: the photos of a report share
        their folders, so each folder is resolved once, and each photo's own name only
        when it is a link.
        """
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return path.resolve() if path.exists() else None
        folder = self._real_folders.get(path.parent)
        if folder is None:
            folder = self._real_folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def _similar(self, missing: Path, written: str) -> str:
        if not missing.parent.is_dir():
            return f"文件夹 {missing.parent.relative_to(self.root).as_posix()} 不存在。"
        names = [p.name for p in missing.parent.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES]
        same_stem = sorted(n for n in names if Path(n).stem.lower() == missing.stem.lower())
        found = same_stem or suggestions(missing.name, names)
        # The suggestion is what to type in the report, so it keeps the folder as written.
        folder = posixpath.dirname(written)
        spelled = [posixpath.join(folder, name) for name in found]
        return f"您是不是要写：{'、'.join(spelled)}？" if found else ""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True
