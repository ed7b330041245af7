"""Publicity posters drawn from report photos, with layouts described as data in the theme.

Flow: model -> ``content.poster_content`` (what to show) -> ``render.render_poster`` (pixels,
following a ``layout.Layout`` read from YAML) -> ``run.render_posters`` (cache, parallelism).
"""

from .errors import PosterError
from .fonts import FontError
from .layout import LayoutError
from .run import (
    DEFAULT_PRESETS,
    RENDERER_VERSION,
    PosterRun,
    load_presets,
    poster_name,
    render_posters,
)

__all__ = [
    "DEFAULT_PRESETS",
    "RENDERER_VERSION",
    "FontError",
    "LayoutError",
    "PosterError",
    "PosterRun",
    "load_presets",
    "poster_name",
    "render_posters",
]
