"""site_config.yaml rules from spec §2."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import ContentError, load_config
from generator.model.config import DEFAULT_ACTIVITY_TYPES
from tests.conftest import BASE_CONFIG, write


def load(tmp_path, text: str):
    write(tmp_path / "site_config.yaml", text)
    return load_config(tmp_path)


def problems(tmp_path, text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(tmp_path, text)
    return [str(p) for p in info.value.problems]


def test_valid_config_with_defaults(tmp_path):
    config = load(tmp_path, BASE_CONFIG)
    assert config.organization.site_url == "https://example.org/dangjian/"
    assert config.activity_types == DEFAULT_ACTIVITY_TYPES
    assert [t.id for t in config.activity_types][:3] == [
        "general_meeting",
        "committee_meeting",
        "group_meeting",
    ]
    theme_day = config.activity_type("主题党日")
    assert (theme_day.required, theme_day.points, theme_day.cap, theme_day.missing_penalty) == (
        "monthly",
        3,
        36,
        1,
    )
    assert config.branch("心血管内科党支部").id == "cardiology"
    assert config.tally.year_start == (1, 1) and config.tally.publish is False
    cardiology = config.branch("cardiology")
    assert cardiology.secretary_on(dt.date(2026, 6, 30)).name == "张三"
    assert cardiology.secretary_on(dt.date(2026, 7, 1)).name == "李四"
    assert cardiology.party_groups == 1


def test_brand_story_is_read_from_content_branches(tmp_path):
    write(tmp_path / "content" / "branches" / "cardiology.md", "# 心守护的故事\n")
    assert "心守护的故事" in load(tmp_path, BASE_CONFIG).branch("cardiology").story


def test_site_url_must_be_absolute(tmp_path):
    text = BASE_CONFIG.replace("https://example.org/dangjian/", "/dangjian/")
    assert problems(tmp_path, text) == [
        "site_config.yaml:3: `site_url` 必须是以 http:// 或 https:// 开头的完整地址"
    ]


def test_branch_id_pattern_and_uniqueness(tmp_path):
    text = BASE_CONFIG.replace("id: nursing", "id: Nursing_1").replace(
        "name: 护理党支部", "name: 心血管内科党支部"
    )
    found = problems(tmp_path, text)
    assert any(p.startswith("site_config.yaml:14:") and "小写英文字母" in p for p in found)
    assert any(p.startswith("site_config.yaml:15:") and "重复" in p for p in found)


def test_overlapping_terms_are_rejected(tmp_path):
    text = BASE_CONFIG.replace("{name: 李四, from: 2026-07-01}", "{name: 李四, from: 2026-06-30}")
    found = problems(tmp_path, text)
    assert len(found) == 1 and found[0].startswith("site_config.yaml:13:") and "重叠" in found[0]


def test_custom_activity_types_replace_defaults(tmp_path):
    config = load(
        tmp_path,
        BASE_CONFIG
        + """\
activity_types:
  - id: theme_day
    name: 主题党日
    aliases: [党日]
    required: monthly
    attendance: required
    points: 4
    missing_penalty: 2
tally:
  year_start: "07-01"
  publish: true
""",
    )
    assert [t.id for t in config.activity_types] == ["theme_day"]
    assert config.activity_type("党日").points == 4 and config.activity_type("党日").cap is None
    assert config.tally.year_bounds(2026) == (dt.date(2026, 7, 1), dt.date(2027, 6, 30))
    assert config.tally.publish is True


def test_bad_choice_and_colour_name_the_key(tmp_path):
    text = (
        BASE_CONFIG.replace('color: "#B71C1C"', "color: red")
        + """\
activity_types:
  - {id: x, name: 学习, required: weekly}
"""
    )
    found = problems(tmp_path, text)
    assert any(p.startswith("site_config.yaml:9:") and "`color`" in p for p in found)
    assert any(
        p.startswith("site_config.yaml:20:") and "`required`" in p and "monthly" in p for p in found
    )


def test_missing_config_file(tmp_path):
    with pytest.raises(ContentError) as info:
        load_config(tmp_path)
    assert "找不到配置文件" in str(info.value)


def test_a_colour_written_without_quotes_is_an_error_not_the_default(tmp_path):
    # YAML reads `#B71C1C` as a comment: the branch would silently get the site's colour.
    text = BASE_CONFIG.replace('color: "#B71C1C"', "color: #1565C0")
    assert problems(tmp_path, text) == [
        "site_config.yaml:9: “#1565C0”被当成了注释，没有算进 `color`：YAML 里空格后面的 # "
        '表示注释。如果它是内容的一部分，请给整个值加上英文引号，例如 `color: "#1565C0"`；'
        "如果它确实是注释，请在 # 后面空一格"
    ]
