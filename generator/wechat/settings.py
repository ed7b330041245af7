"""The optional `wechat:` section of ``site_config.yaml``: the account's house style.

```yaml
wechat:
  author: 示范医院党委        # 作者，最多 16 个字；不写则用支部名称
  heading_style: bar         # bar（竖条）| underline（下划线）| badge（色块）
```
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ContentError, Project
from ..model.config import CONFIG_FILE
from ..model.problems import ProblemList
from ..model.schema import Mapping
from ..model.suggest import did_you_mean
from ..model.yamlpos import Located, load_located

SECTION = "wechat"
AUTHOR_MAX = 16  # WeChat's limit on an article's author
KEYS = {"author": "作者", "heading_style": "标题样式"}
HEADING_STYLES = {
    "bar": "bar",
    "underline": "underline",
    "badge": "badge",
    "竖条": "bar",
    "下划线": "underline",
    "色块": "badge",
}


@dataclass(frozen=True)
class WechatSettings:
    author: str | None = None
    heading_style: str = "bar"
    color: str = "#B71C1C"


def read_settings(project: Project) -> WechatSettings:
    """The validated `wechat:` section; raises ContentError naming each bad key and its line."""
    raw = project.config.extra.get(SECTION)
    color = project.config.organization.color
    if raw is None:
        return WechatSettings(color=color)
    problems = ProblemList(CONFIG_FILE)
    top = Mapping({SECTION: raw}, _located(project), (), problems)
    section = top.mapping(SECTION, KEYS, hint="heading_style: bar")
    if section is None:
        raise ContentError(problems.errors)
    for key in section.known(set(KEYS)):
        section.error(
            key,
            f"`{SECTION}` 下不认识的项 `{key}`。{did_you_mean(key, [*KEYS, *KEYS.values()])}"
            f"可写的项：{'、'.join(f'`{k}`（{v}）' for k, v in KEYS.items())}",
        )
    settings = WechatSettings(
        author=section.text("author", max_len=AUTHOR_MAX),
        heading_style=section.choice("heading_style", HEADING_STYLES, "bar"),
        color=color,
    )
    if problems.errors:
        raise ContentError(problems.errors)
    return settings


def _located(project: Project) -> Located:
    # The model keeps extension sections as plain data; reading the file again (it has
    # already been validated) recovers the line numbers, so errors point at the key.
    text = (project.root / CONFIG_FILE).read_text(encoding="utf-8-sig")
    return load_located(text)
