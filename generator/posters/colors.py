"""The named colours a layout may use, derived from the config's brand colours.

Layouts stay data: instead of hard-coding reds they say ``org_dark`` or ``accent``, and every
poster follows ``organization.color`` and the branch's ``color``. Emblems are pixels pasted as
they are, so no colour here ever touches them.
"""

from __future__ import annotations

import colorsys

from PIL import ImageColor

# Shades of a brand colour: (name suffix, lightness factor, saturation factor). The factors
# reproduce the hand-picked Party-red palette (#C3161C, #8A0B10, #5E060A) from the default
# organisation colour #B71C1C, and give the same light-to-deep steps for any other colour.
_SHADES = (
    ("", 1.0, 1.0),
    ("_light", 1.04, 1.08),
    ("_dark", 0.70, 1.12),
    ("_deep", 0.47, 1.15),
)
SOURCES = ("org", "accent")  # organisation colour, the (host) branch's colour
BUILTIN_COLORS = tuple(f"{source}{suffix}" for source in SOURCES for suffix, _, _ in _SHADES)


def brand_colors(sources: dict[str, str]) -> dict[str, str]:
    """Every builtin colour name as ``#RRGGBB`` from ``{"org": ..., "accent": ...}``."""
    named: dict[str, str] = {}
    for source in SOURCES:
        base = sources.get(source) or sources.get("org") or "#B71C1C"
        for suffix, lightness, saturation in _SHADES:
            named[source + suffix] = _shade(base, lightness, saturation)
    return named


def _shade(color: str, lightness: float, saturation: float) -> str:
    if lightness == saturation == 1.0:
        return color  # the configured colour itself, exactly as written (it may carry alpha)
    red, green, blue = (c / 255 for c in ImageColor.getrgb(color)[:3])
    hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
    rgb = colorsys.hls_to_rgb(hue, min(1.0, light * lightness), min(1.0, sat * saturation))
    return "#" + "".join(f"{round(c * 255):02X}" for c in rgb)
