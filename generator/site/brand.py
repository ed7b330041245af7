"""Brand colours from the config, as CSS custom properties the theme reads."""

from __future__ import annotations

from ..model import SiteConfig


def _mix(color: str, other: str, share: float) -> str:
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(x * (1 - share) + y * share):02X}" for x, y in zip(a, b, strict=True)
    )


def brand_css(config: SiteConfig) -> str:
    color = config.organization.color
    lines = [
        ":root, [data-md-color-scheme=default] {",
        f"  --md-primary-fg-color: {color};",
        f"  --md-primary-fg-color--light: {_mix(color, '#FFFFFF', 0.25)};",
        f"  --md-primary-fg-color--dark: {_mix(color, '#000000', 0.25)};",
        "  --md-accent-fg-color: #C9971C;",
        f"  --pb-brand: {color};",
        f"  --pb-brand-soft: {_mix(color, '#FFFFFF', 0.92)};",
        "}",
    ]
    for branch in config.branches:
        lines.append(
            f".pb-branch--{branch.id} {{ --pb-branch: {branch.color}; "
            f"--pb-branch-soft: {_mix(branch.color, '#FFFFFF', 0.9)}; }}"
        )
    return "\n".join(lines) + "\n"
