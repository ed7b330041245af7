"""What a site folder already holds, so that a preview rebuild writes only what changed.

`pbsite serve` keeps one site folder for the whole session and asks MkDocs for dirty builds,
in which a page whose file reports itself unmodified is neither read, rendered nor written.
This record is what lets a generated page say so truthfully: the key each report page was
last written under, its search entries (MkDocs skips the page, the index still needs them),
every generated page's output file, and the cached file behind every linked image.

A build into any other folder, or one MkDocs empties first, starts from an empty record.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from ..files import link_or_copy


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
    links: dict[str, Path] = field(default_factory=dict)  # site-relative path -> cached file
    previews: dict[str, str | None] = field(default_factory=dict)  # folder -> its key

    def remove_stale_outputs(self, current: dict[str, str]) -> None:
        """Delete the output of every generated page this build no longer makes."""
        for uri in self.outputs.keys() - current.keys():
            self._remove(Path(self.outputs[uri]))
            self.pages.pop(uri, None)
            self.searches.pop(uri, None)
        self.outputs = current

    def sync_links(self, site_dir: Path, files: dict[str, Path]) -> None:
        """Make ``site_dir/<path>`` a link to each cached file, touching only what changed."""
        folders: set[Path] = set()
        for path, source in files.items():
            if self.links.get(path) != source:
                target = site_dir / path
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                link_or_copy(source, target)
        for path in self.links.keys() - files.keys():
            self._remove(site_dir / path)
        self.links = dict(files)

    def _remove(self, file: Path) -> None:
        """Delete a file, and the folders it leaves empty: a page's folder is its address."""
        file.unlink(missing_ok=True)
        folder, top = file.parent, Path(self.folder)
        while folder != top and folder.is_relative_to(top) and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
