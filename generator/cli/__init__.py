"""`pbsite`: a thin command-line shell over the model and its outputs."""

from __future__ import annotations

from pathlib import Path

import click

from ..paths import ProjectPaths
from . import build, check, import_docx, new, posters, serve, tally, wechat


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="项目目录（包含 site_config.yaml、content/ 和 mkdocs.yml）",
)
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """党建宣传站点生成器：生成网站、海报、年度定量评价和公众号稿件。"""
    ctx.obj = ProjectPaths(root.resolve())


# Each command lives in its own module; add new ones to this list.
for command in [
    build.build,
    serve.serve,
    tally.tally,
    new.new,
    check.check,
    import_docx.import_,
    posters.posters,
    wechat.wechat,
]:
    main.add_command(command)
