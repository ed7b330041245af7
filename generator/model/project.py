"""The validated model of a whole project: config plus every report, good or bad."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from ..files import atomic_write
from .config import SiteConfig, load_config
from .problems import Problem
from .report import Report, read_report
from .urls import assign_urls, known_slugs, learn_slugs, plain_tokenizer

REPORTS_DIR = Path("content") / "reports"
PARALLEL_FROM = 1500


@dataclass(frozen=True)
class Rejected:
    """A report that failed validation; it is listed, never silently dropped."""

    path: str
    problems: tuple[Problem, ...]


@dataclass
class Project:
    root: Path
    config: SiteConfig
    today: dt.date
    reports: list[Report] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def public_reports(self) -> list[Report]:
        """Published reports, newest first."""
        return sorted((r for r in self.reports if r.is_public), key=_newest_first)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for r in self.rejected for p in r.problems)

    @property
    def report_count(self) -> int:
        return len(self.reports) + len(self.rejected)


def _newest_first(report: Report) -> tuple:
    return (-report.date.toordinal(), report.time is None, report.path)


def report_files(root: Path) -> list[Path]:
    # os.walk, not Path.rglob: half the time on a tree of 25,000 photos and reports.
    inside = str(root / REPORTS_DIR)
    walk = os.walk(inside, followlinks=True)
    return sorted(
        Path(folder, name)
        for folder, _, names in walk
        for name in names
        if _is_report(folder, name, inside)
    )


def _is_report(folder: str, name: str, reports_dir: str) -> bool:
    """A report is any Markdown file under content/reports/, however deep."""
    in_reports = folder == reports_dir or folder.startswith(reports_dir + os.sep)
    return in_reports and name.endswith(".md")


def load_project(
    root: Path,
    today: dt.date | None = None,
    files: list[Path] | None = None,
    *,
    publishing: bool = True,
    memo: ReportMemo | None = None,
) -> Project:
    """Load config and reports; raises ContentError only when the config itself is unusable.

    ``publishing`` gives public reports their addresses and rejects address clashes; a
    tally does not publish, so a clash must not cost a secretary the report's points.
    ``memo`` lets a long-running caller (the preview) re-read only the reports that changed.
    """
    root = root.resolve()
    config = load_config(root)
    project = Project(root, config, today or dt.date.today())
    world = None
    if files is None and memo:  # one walk of content/ finds the reports and what they read
        files, world = _walk_content(root)
    paths = [
        f if f.is_absolute() else f.resolve()
        for f in (files if files is not None else report_files(root))
    ]
    # Addresses cut titles into words: the dictionary loads while the workers parse.
    meanwhile = plain_tokenizer().check_initialized if publishing else None
    if memo:
        results = memo.read_all(paths, root, config, project.today, world, meanwhile)
    else:
        results = _read_all(paths, root, config, project.today, meanwhile)
    for report, problems in results:
        project.warnings.extend(problems.warnings)
        if report is None:
            project.rejected.append(Rejected(problems.path, tuple(problems.errors)))
        else:
            project.reports.append(report)
    if publishing:
        _reject_url_clashes(project)
    return project


def load_remembered(
    root: Path,
    file: Path | None,
    memo: ReportMemo | None = None,
    *,
    today: dt.date | None = None,
    save: bool = True,
) -> tuple[Project, ReportMemo]:
    """Load with the reports an earlier load parsed: ``memo`` when it holds any, else the
    memo saved at ``file``, which is then saved again if ``save``. ``file`` None is a clean
    load: it neither reads nor writes a saved memo."""
    if memo is None or memo.empty:
        memo = ReportMemo.stored(file) if file else ReportMemo()
    project = load_project(root, today=today, memo=memo)
    if file and save:
        memo.save(file)
    return project, memo


def _read_chunk(job: tuple[list[Path], Path, SiteConfig, dt.date]) -> list:
    files, root, config, today = job
    return [read_report(file, root, config, today) for file in files]


def _read_all(
    files: list[Path],
    root: Path,
    config: SiteConfig,
    today: dt.date,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator:
    """Parse reports, across all cores once there are enough to repay starting workers.
    ``meanwhile`` is work of this process's own that can run while the workers parse."""
    workers = os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or workers == 1:
        return (read_report(file, root, config, today) for file in files)
    size = max(200, len(files) // (workers * 4))
    jobs = [(files[i : i + size], root, config, today) for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunks = pool.map(_read_chunk, jobs)
        # Only once the workers exist: forking while this work held a lock would leave the
        # lock held in the workers for good.
        if meanwhile:
            meanwhile()
        return [result for chunk in chunks for result in chunk]


class ReportMemo:
    """The reports one load parsed, handed to the next load where nothing they read changed.

    A report reads its own file, the config, today's date and which files sit where under
    ``content/`` (its photos). The memo is kept only while the last three stay the same, and
    each report only while its own file does. A preview keeps it in memory between
    rebuilds; ``stored`` and ``save`` keep it on disk between builds.
    """

    def __init__(self) -> None:
        self._world: tuple | None = None
        self._parsed: dict[Path, tuple[tuple[int, int, int], tuple]] = {}
        self._slugs: dict[str, str] = {}  # the addresses' title slugs, see ``urls``
        self._changed = True  # since it was stored

    @property
    def empty(self) -> bool:
        return self._world is None

    def read_all(
        self,
        files: list[Path],
        root: Path,
        config: SiteConfig,
        today: dt.date,
        content: tuple | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> list:
        """The reports in ``files``, parsed or as parsed before; ``content`` is what
        ``_walk_content`` found besides reports, when the caller walked already, and
        ``meanwhile`` runs while workers parse, if any do."""
        world = (config, today, content if content is not None else _walk_content(root)[1])
        if world != self._world:
            self._world, self._parsed = world, {}
        stamps = {file: _stamp(file) for file in files}
        changed = [file for file in files if self._parsed.get(file, (None,))[0] != stamps[file]]
        parsed = _read_all(changed, root, config, today, meanwhile)
        for file, result in zip(changed, parsed, strict=True):
            self._parsed[file] = (stamps[file], result)
        self._changed |= bool(changed) or len(self._parsed) != len(files)
        self._parsed = {file: self._parsed[file] for file in files}
        return [entry[1] for entry in self._parsed.values()]

    @classmethod
    def stored(cls, file: Path) -> ReportMemo:
        """The memo an earlier build saved at ``file``; an empty one when there is none, or
        when it was saved by other code (a damaged or foreign file is no loss either)."""
        try:
            with open(file, "rb") as handle:
                version, memo = pickle.load(handle)
        except Exception:  # unpickling can raise almost anything for a file it cannot use
            return cls()
        if version != _code_version() or not isinstance(memo, cls):
            return cls()
        memo._changed = False
        learn_slugs(memo._slugs)
        return memo

    def save(self, file: Path) -> None:
        """Write the memo to ``file`` if it changed since it was stored. A report whose file
        was written under 2 s ago is left out: a second change within the same clock tick
        would keep its stamp, so it is parsed again next time instead (as git does)."""
        if not self._changed:
            return
        settled = (time.time() - 2.0) * 1e9
        kept = ReportMemo()
        kept._world = self._world
        kept._parsed = {f: entry for f, entry in self._parsed.items() if entry[0][0] < settled}
        titles = {result[0].title for _, result in kept._parsed.values() if result[0]}
        kept._slugs = {title: slug for title, slug in known_slugs().items() if title in titles}
        data = pickle.dumps((_code_version(), kept), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(file, lambda stream: stream.write(data))
        self._changed = False


# Libraries whose behaviour shapes a parsed report, its problems or its address.
PARSING_PACKAGES = (
    "pyyaml",
    "python-frontmatter",
    "charset-normalizer",
    "rapidfuzz",
    "jieba",  # and the title slugs of addresses
    "pypinyin",
)


@cache  # the same for the life of the process; a build asks when it loads and when it saves
def _code_version() -> str:
    """What parsing depends on besides its inputs: this package's code, the libraries it
    parses with, and the Python."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=20)
    for package in PARSING_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _stamp(file: Path) -> tuple[int, int, int]:
    stat = file.stat()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _walk_content(root: Path) -> tuple[list[Path], tuple]:
    """Every report file, and every folder and every file but reports under ``content/``
    with its size and time: which photos sit where, as every report reads it."""
    world: list = []
    reports: list[Path] = []
    inside = str(root / REPORTS_DIR)
    for folder, folders, names in os.walk(root / "content", followlinks=True):
        folders.sort()
        world.append(folder)
        for name in sorted(names):
            if _is_report(folder, name, inside):
                reports.append(Path(folder, name))
            elif not name.endswith(".md"):  # pages under content/ are not what a report reads
                stat = os.lstat(os.path.join(folder, name))
                world.append((name, stat.st_size, stat.st_mtime_ns))
    return sorted(reports), tuple(world)


def _reject_url_clashes(project: Project) -> None:
    clashes = assign_urls(project.reports)
    by_path = {p.path: p for p in clashes}
    project.reports = [r for r in project.reports if r.path not in by_path]
    project.rejected.extend(Rejected(path, (problem,)) for path, problem in by_path.items())
