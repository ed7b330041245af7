"""Where a project keeps its inputs, caches and outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Under any cache folder, also a clean build's throw-away one.
PHOTO_DIGESTS = "photo-hashes.json"
WEB_PHOTOS = "media"


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def cache(self) -> Path:
        """Outside `site/`: deleting the site never throws away rendered photos or posters."""
        return self.root / ".cache" / "pbsite"

    @property
    def photo_digests(self) -> Path:
        """Each photo's digest by file stamp, so a photo is read for hashing once."""
        return self.cache / PHOTO_DIGESTS

    @property
    def web_photos(self) -> Path:
        """The site's web-sized copies of the photos (``imaging.web_image``)."""
        return self.cache / WEB_PHOTOS

    @property
    def parsed_reports(self) -> Path:
        """The reports as the last build parsed them (see ``model.ReportMemo``)."""
        return self.cache / "reports.pickle"

    @property
    def site_records(self) -> Path:
        """What each site folder holds, for the build that takes it over (``site.atomic``)."""
        return self.cache / "sites"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def exports(self) -> Path:
        """Private outputs (tallies, WeChat drafts): never published unless the config says so."""
        return self.build / "exports"

    @property
    def build_report(self) -> Path:
        return self.build / "build-report.json"

    @property
    def preview_signals(self) -> Path:
        """A small folder the preview watches: work done in the background says so here."""
        return self.root / ".cache" / "pbsite-preview"
