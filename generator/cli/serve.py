"""`pbsite serve`."""

from __future__ import annotations

import click

from ..paths import ProjectPaths
from ..site.runner import serve_site
from .common import pass_paths


@click.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览地址")
@pass_paths
def serve(paths: ProjectPaths, dev_addr: str) -> None:
    """本地预览网站，修改报道后自动刷新；有问题的报道以提示横幅显示，不中断预览。"""
    serve_site(paths, dev_addr)
