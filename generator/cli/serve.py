"""`pbsite serve`."""

from __future__ import annotations

import click

from ..paths import ProjectPaths
from ..site.runner import serve_site
from .common import pass_paths


@click.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览地址")
@click.option(
    "--poll",
    is_flag=True,
    help="每 0.5 秒检查一次文件变化，不依赖系统通知（修改报道后页面不刷新时使用）",
)
@pass_paths
def serve(paths: ProjectPaths, dev_addr: str, poll: bool) -> None:
    """本地预览网站，修改报道后自动刷新；有问题的报道以提示横幅显示，不中断预览。"""
    serve_site(paths, dev_addr, poll=poll)
