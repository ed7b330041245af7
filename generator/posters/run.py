"""Render posters for many reports: cached by a hash of their inputs, across all cores."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from PIL import Image, ImageCms
from tqdm import tqdm

from ..files import atomic_write
from ..imaging import content_hash
from ..imaging.derive import atomic_save
from ..model import Project, Report
from .content import PosterContent, poster_content
from .errors import PosterError
from .fonts import FontSet, find_fonts
from .layout import Layout, load_layout
from .render import PosterSkipped, render_poster

# Bump when the renderer draws the same inputs differently, so cached posters are redrawn.
# The key also holds the libraries' versions and a digest of the drawing code, so upgrading
# Pillow or editing the renderer re-renders even when nobody remembers to bump this.
RENDERER_VERSION = 4
# Everything that decides a poster's pixels: decoders and encoders, QR codes, line breaking.
DEPENDENCIES = ("pillow", "pillow-heif", "qrcode", "jieba")
_GENERATOR = Path(__file__).resolve().parents[1]
SOURCE_PACKAGES = (_GENERATOR / "posters", _GENERATOR / "imaging")
DEFAULT_PRESETS = {
    "wechat_cover": "wechat_cover.yaml",
    "phone": "phone.yaml",
    "print_a3": "print_a3.yaml",
}
SQUARE_SUFFIX = "_square"
# The layouts that ship with the generator, used when a project has none of its own.
BUILTIN_LAYOUTS = Path(__file__).resolve().parents[2] / "theme" / "posters"
THEME_LAYOUTS = Path("theme") / "posters"


@dataclass
class PosterRun:
    files: dict[str, dict[str, Path]] = field(default_factory=dict)  # report -> output -> file
    problems: list[str] = field(default_factory=list)  # "path: message"
    rendered: int = 0
    cached: int = 0
    missing: list[str] = field(default_factory=list)  # reports left to draw (``draw=False``)


@dataclass(frozen=True)
class _Preset:
    name: str
    layout: Layout
    digest: str  # of the layout file's bytes


@dataclass(frozen=True)
class _Job:
    content: PosterContent
    presets: tuple[_Preset, ...]
    fonts: FontSet
    root: Path
    out_dir: Path
    renderer: str  # digest of the code and library versions that draw posters


@dataclass
class _JobResult:
    report: str
    files: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    rendered: int = 0
    cached: int = 0


def render_posters(
    project: Project,
    cache_dir: Path,
    *,
    presets: list[str] | None = None,
    reports: list[Report] | None = None,
    workers: int | None = None,
    progress: bool = False,
    draw: bool = True,
) -> PosterRun:
    """Posters for every public report with photos (or the given ``reports``).

    With ``draw=False`` nothing is drawn: the reports whose posters are not in the cache
    are listed in ``PosterRun.missing`` instead, for a caller that cannot wait for them.

    ``cache_dir`` is the project cache (``ProjectPaths.cache``); posters are kept in its
    ``posters/`` folder and returned from there. Raises PosterError (no CJK font, a broken
    layout, an unknown preset) before drawing anything; problems with single photos or
    reports are listed in ``PosterRun.problems`` while the other posters are still made.
    """
    chosen = load_presets(project, presets)
    # Asked for by name, a report without photos gets a branded poster: a 公众号 article
    # still needs its cover. Unasked, only reports with photos are worth a poster.
    if reports is None:
        wanted = [r for r in project.reports if r.is_public and (r.photos or r.cover)]
    else:
        wanted = [r for r in reports if r.is_public]
    run = PosterRun()
    if not wanted:
        return run
    fonts = find_fonts(project.config.posters.font, project.root)
    out_dir = cache_dir / "posters"
    renderer = renderer_identity()
    jobs = [
        _Job(poster_content(project, r), chosen, fonts, project.root, out_dir, renderer)
        for r in wanted
    ]
    # Looking posters up costs a few stats; only the ones to draw go to the workers.
    found = {job.content.report: _render_job(job, draw=False) for job in jobs}
    to_draw = [job for job in jobs if found[job.content.report] is None]
    if draw:
        found.update((result.report, result) for result in _execute(to_draw, workers, progress))
    else:
        run.missing = [job.content.report for job in to_draw]
    for report in wanted:  # in the caller's order, however the workers finished
        result = found[report.path]
        if result is None:
            continue
        if result.files:
            run.files[report.path] = result.files
        run.problems.extend(result.problems)
        run.rendered += result.rendered
        run.cached += result.cached
    return run


def poster_name(report: Report, output: str) -> str:
    """A readable ASCII file name, e.g. ``cardiology-2026-03-05-zhuti-dangri-phone.jpg``."""
    stem = (report.url or "").strip("/").removeprefix("reports/").replace("/", "-")
    return f"{stem or Path(report.path).stem}-{output}.jpg"


def load_presets(project: Project, names: list[str] | None) -> tuple[_Preset, ...]:
    """The chosen presets with their layouts read and checked."""
    mapping = {**DEFAULT_PRESETS, **project.config.posters.presets}
    unknown = [n for n in names or [] if n not in mapping]
    if unknown:
        raise PosterError(f"未知的海报预设：{'、'.join(unknown)}。可选：{'、'.join(mapping)}")
    chosen = []
    for name in names or list(mapping):
        path = _layout_file(project.root, mapping[name])
        shown = _shown(path, project.root)
        chosen.append(_Preset(name, load_layout(path, shown), _file_digest(path)))
    return tuple(chosen)


def _layout_file(root: Path, written: str) -> Path:
    """A layout as written in the config: relative to the project, its theme, or built in."""
    given = Path(written)
    candidates = [given] if given.is_absolute() else []
    candidates += [root / given, root / THEME_LAYOUTS / given, BUILTIN_LAYOUTS / given]
    return next((c for c in candidates if c.is_file()), candidates[0])


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "missing"


@cache
def renderer_identity() -> str:
    """A digest of the renderer: its version, library versions and poster/imaging sources."""
    versions = {name: _version(name) for name in DEPENDENCIES}
    sources = hashlib.blake2b(digest_size=20)
    for package in SOURCE_PACKAGES:
        for path in sorted(package.rglob("*.py")):
            sources.update(path.relative_to(package.parent).as_posix().encode() + b"\0")
            sources.update(path.read_bytes() + b"\0")
    identity = [RENDERER_VERSION, versions, sources.hexdigest()]
    return hashlib.blake2b(json.dumps(identity).encode(), digest_size=20).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def _execute(jobs: list[_Job], workers: int | None, progress: bool):
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    bar = tqdm(
        total=len(jobs),
        desc="生成海报",
        unit="篇",
        disable=not (progress and sys.stderr.isatty()),
        leave=False,
    )
    with bar:
        if workers == 1:
            for job in jobs:
                yield _render_job(job)
                bar.update()
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(_render_job, job) for job in jobs]):
                yield future.result()
                bar.update()


def _render_job(job: _Job, draw: bool = True) -> _JobResult | None:
    """Every preset of one report: found in the cache, or drawn and stored there (None when
    one is missing and ``draw`` is off)."""
    result = _JobResult(job.content.report)
    inputs = _inputs(job)
    for preset in job.presets:
        key = hashlib.blake2b(
            json.dumps([job.renderer, preset.name, preset.digest, inputs]).encode(),
            digest_size=20,
        ).hexdigest()
        outputs = _outputs(job.out_dir / preset.name, key, preset)
        notes = job.out_dir / preset.name / f"{key}.problems.json"
        cached = all(path.is_file() for path in outputs.values())
        if cached:
            result.cached += 1
            problems = _stored_problems(notes)
        elif not draw:
            return None
        else:
            problems, drawn = _draw(job, preset, outputs, notes)
            result.rendered += drawn
        result.problems.extend(p for p in problems if p not in result.problems)
        if cached or all(path.is_file() for path in outputs.values()):
            result.files.update(outputs)
    return result


def _stored_problems(notes: Path) -> list[str]:
    try:
        return json.loads(notes.read_text("utf-8"))
    except FileNotFoundError:  # a poster drawn without problems has no notes
        return []


def _inputs(job: _Job) -> list:
    """Everything besides the layout that shapes a poster of this report."""
    content = job.content
    return [
        content.fields,
        content.colors,
        content.url,
        [_hash_or_missing(job.root / src) for src in content.photos],
        {k: v and _hash_or_missing(job.root / v) for k, v in content.logos.items()},
        job.fonts.identity(),
    ]


def _hash_or_missing(path: Path) -> str:
    try:
        return content_hash(path)
    except OSError:
        return "missing"


def _outputs(folder: Path, key: str, preset: _Preset) -> dict[str, Path]:
    outputs = {preset.name: folder / f"{key}.jpg"}
    if preset.layout.square:
        outputs[preset.name + SQUARE_SUFFIX] = folder / f"{key}-square.jpg"
    return outputs


def _draw(
    job: _Job, preset: _Preset, outputs: dict[str, Path], notes: Path
) -> tuple[list[str], bool]:
    """Render and store one poster; its problems are stored too so cache hits report them."""
    try:
        rendered = render_poster(preset.layout, job.content, job.fonts, job.root)
    except PosterSkipped as exc:
        return [*exc.problems, f"{job.content.report}: {exc}"], False
    if rendered.problems:
        # Before the images: a poster in the cache must never lose its problems.
        data = json.dumps(rendered.problems, ensure_ascii=False).encode()
        atomic_write(notes, lambda stream: stream.write(data))
    layout = preset.layout
    _save(rendered.poster, outputs[preset.name], layout)
    if rendered.square is not None:
        _save(rendered.square, outputs[preset.name + SQUARE_SUFFIX], layout)
    return rendered.problems, True


def _save(image: Image.Image, path: Path, layout: Layout) -> None:
    # Full-resolution chroma (4:4:4) keeps thin red and gold type crisp. Baseline, not
    # progressive: progressive encoding would double the time to save a poster.
    options: dict = {"quality": layout.quality, "optimize": True, "subsampling": 0}
    if layout.dpi:
        options["dpi"] = (layout.dpi, layout.dpi)
    if layout.icc:
        options["icc_profile"] = _srgb_profile()
    atomic_save(image, path, format="JPEG", **options)


@cache
def _srgb_profile() -> bytes:
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    # LittleCMS writes the time of creation into the header (bytes 24-35, ICC.1 7.2.1): a
    # fixed date keeps a poster the same bytes whenever and wherever it is drawn.
    profile[24:36] = struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
    return bytes(profile)
