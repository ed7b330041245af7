"""The 投稿指南 page: live lists from the config and an example that passes check."""

from __future__ import annotations

import re

from PIL import Image

from generator.authoring import guide_markdown
from generator.model import load_config
from tests.authoring.conftest import pbsite
from tests.conftest import BASE_CONFIG

CUSTOM_TYPES = """\
activity_types:
  - {id: clinic, name: 义诊, aliases: [健康义诊], required: none, attendance: optional}
  - {id: lesson, name: 微党课, required: monthly, attendance: required}
"""


def test_lists_come_from_the_config(make_project):
    guide = guide_markdown(load_config(make_project(config=BASE_CONFIG + CUSTOM_TYPES)))
    assert guide.startswith("# 投稿指南\n")
    assert "| 心血管内科党支部 | `cardiology` | 心守护 |" in guide
    assert "| 护理党支部 | `nursing` | 南丁格尔 |" in guide
    assert "| 义诊 | `clinic` | 健康义诊 | 不作要求 | 标题、日期、支部、类型 |" in guide
    assert "| 微党课 | `lesson` |  | 每月至少 1 次 | 标题、日期、支部、类型、出勤 |" in guide
    assert "| 主题党日 |" not in guide  # the defaults are replaced, not appended
    assert "联建活动写成 [心血管内科党支部, 护理党支部]" in guide
    assert "如 `[心血管内科党支部, 护理党支部]`" in guide
    for how in ("pbsite new", "pbsite import", "pbsite check", "--fix-encoding", "交给党委办公室"):
        assert how in guide


def test_the_complete_example_passes_check(make_project):
    root = make_project()
    guide = guide_markdown(load_config(root))
    example = re.search(r"```markdown\n(.*?)```", guide, re.S)[1]
    file = root / "content/reports/cardiology/2026/example.md"
    file.parent.mkdir(parents=True)
    file.write_text(example, encoding="utf-8")
    for photo in re.findall(r"^  - (\S+)$", example, re.M):
        (file.parent / photo).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (8, 6)).save(file.parent / photo)
    result = pbsite(root, "check")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert "缺席: [王五（病假）, 赵六（外出进修）]" in example


def test_joint_example_uses_the_configured_branches(make_project):
    config = BASE_CONFIG.replace("心血管内科党支部", "眼科党支部").replace(
        "护理党支部", "药剂科党支部"
    )
    guide = guide_markdown(load_config(make_project(config=config)))
    assert "联建活动写成 [眼科党支部, 药剂科党支部]" in guide
    assert "如 `[眼科党支部, 药剂科党支部]`" in guide
    assert "心血管内科党支部" not in guide and "护理党支部" not in guide
