"""One test per real mistake from issue 5: `pbsite check` names the file, the line and the fix."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from generator.model import load_project
from generator.model.report import BODY_PLACEHOLDER
from tests.authoring.conftest import MEETING, REPORT, pbsite
from tests.conftest import TODAY, report_text

PHOTO_DIR = "content/reports/cardiology/2026/r"


def only_error(lines: list[str], line: int) -> str:
    """The single problem printed, after checking it points at ``REPORT:line``."""
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{REPORT}:{line}: "), lines[0]
    return lines[0]


def test_bom_and_crlf_are_accepted_silently(check_one):
    text = report_text(MEETING).replace("\n", "\r\n")
    result, lines = check_one(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert result.exit_code == 0 and lines == []
    assert result.stdout.strip() == "共 1 篇报道，其中 0 篇有问题"


@pytest.mark.parametrize(
    "body",
    ["这是用记事本保存的正文，编码为国标扩展。" * 5, "开展活动。"],
    ids=["long", "short"],  # a short GBK file looks like Korean cp949 to a plain detector
)
def test_gbk_file_is_named_with_how_to_resave(check_one, body):
    result, lines = check_one(report_text(MEETING, body).encode("gbk"))
    message = only_error(lines, 1)
    assert "GBK/GB18030" in message and "另存为" in message and "UTF-8" in message
    assert "--fix-encoding" in message and result.exit_code == 1


def test_notepad_unicode_file_is_named_as_utf16(check_one):
    _, lines = check_one(report_text(MEETING).encode("utf-16"))
    assert "UTF-16（记事本里叫“Unicode”）" in only_error(lines, 1)
    assert "--fix-encoding" in lines[0]


def test_fix_encoding_converts_and_keeps_a_backup(make_project):
    root = make_project()
    file = root / REPORT
    file.parent.mkdir(parents=True)
    original = report_text(MEETING, "开展活动。").replace("\n", "\r\n").encode("gb18030")
    file.write_bytes(original)
    result = pbsite(root, "check", "--fix-encoding")
    assert result.exit_code == 0, result.output
    assert f"已转换为 UTF-8：{REPORT}（原为 GBK/GB18030" in result.stdout
    assert (root / (REPORT + ".bak")).read_bytes() == original
    assert file.read_bytes() == original.decode("gb18030").encode("utf-8")
    assert pbsite(root, "check", "--fix-encoding").stdout.strip() == "共 1 篇报道，其中 0 篇有问题"


def test_full_width_colon_is_shown_corrected_on_its_line(check_one):
    _, lines = check_one(report_text(MEETING.replace("title: ", "标题：")))
    message = only_error(lines, 2)
    assert "全角冒号“：”" in message and message.endswith("请改成：`标题: 主题党日活动`")


def test_full_width_colon_in_a_nested_key(check_one):
    _, lines = check_one(report_text(MEETING.replace("  present: 9", "  实到：9")))
    assert only_error(lines, 8).endswith("请改成：`  实到: 9`")


def test_full_width_spaces_are_shown_corrected_on_their_lines(check_one):
    text = MEETING.replace("  expected", "\u3000expected").replace("date: ", "date:\u3000")
    _, lines = check_one(report_text(text))
    assert len(lines) == 2
    assert lines[0].startswith(f"{REPORT}:3: ") and lines[0].endswith("请改成：`date: 2026-03-05`")
    assert lines[1].startswith(f"{REPORT}:7: ") and lines[1].endswith("请改成：`  expected: 10`")
    assert all("全角空格" in line for line in lines)


def apply_suggestions(text: str, lines: list[str]) -> str:
    """The report with each reported line replaced by the line the message says to write."""
    rows = text.split("\n")
    for line in lines:
        number = int(line.split(":")[1])
        rows[number - 1] = line.split("请改成：`")[1].removesuffix("`")
    return "\n".join(rows)


def test_full_width_indentation_is_corrected_to_the_siblings_nesting(check_one):
    text = report_text(MEETING.replace("  present: 9", "\u3000\u3000present: 9"))
    _, lines = check_one(text)
    message = only_error(lines, 8)
    assert "行首用全角空格“　”缩进" in message and "每一级缩进两个半角空格" in message
    assert message.endswith("请改成：`  present: 9`")
    fixed, lines = check_one(apply_suggestions(text, lines))
    assert fixed.exit_code == 0 and lines == []


def test_a_block_indented_with_full_width_spaces_throughout(check_one):
    block = "attendance:\n  expected: 10\n  present: 8\n  absent:\n    - 王芳（病假）\n    - 李明（出差）\n"
    wide = block.replace("    ", "\u3000\u3000\u3000\u3000").replace("  ", "\u3000\u3000")
    text = report_text(MEETING.split("attendance:")[0] + wide)
    _, lines = check_one(text)
    assert [line.split(": ")[0] for line in lines] == [f"{REPORT}:{n}" for n in range(7, 12)]
    assert [line.split("请改成：")[1] for line in lines] == [
        "`  expected: 10`",
        "`  present: 8`",
        "`  absent:`",
        "`    - 王芳（病假）`",
        "`    - 李明（出差）`",
    ]
    fixed, lines = check_one(apply_suggestions(text, lines))
    assert fixed.exit_code == 0 and lines == []


def test_tab_indentation(check_one):
    _, lines = check_one(report_text(MEETING.replace("  expected", "\texpected")))
    message = only_error(lines, 7)
    assert "Tab" in message and message.endswith("请改成：`  expected: 10`")


def test_missing_closing_line_points_where_the_body_starts(check_one):
    _, lines = check_one("---\n" + MEETING + "\n活动正文。\n")
    message = only_error(lines, 11)
    assert "缺少结束的 `---`" in message


def test_missing_closing_line_despite_a_later_rule_in_the_body(check_one):
    _, lines = check_one("---\n" + MEETING + "\n活动正文。\n\n---\n\n后记。\n")
    assert "缺少结束的 `---`" in only_error(lines, 11)


def test_missing_closing_line_right_before_the_body(check_one):
    _, lines = check_one("---\n" + MEETING + "活动正文。\n")
    assert "缺少结束的 `---`" in only_error(lines, 10)


def test_missing_closing_line_with_nothing_after(check_one):
    _, lines = check_one("---\n" + MEETING)
    assert "缺少结束的 `---`" in only_error(lines, 1)


def test_front_matter_that_is_not_a_mapping(check_one):
    _, lines = check_one("---\n# 说明\n- 主题党日活动\n- 2026-03-05\n---\n\n正文。\n")
    assert "`标题: …`、`日期: …` 这样一行一项" in only_error(lines, 3)


def test_a_key_written_twice_names_both_lines(check_one):
    # YAML would keep the later title without a word, and point messages at the earlier line.
    result, lines = check_one(report_text(MEETING + "title: 后写的标题\ndate: 2026-13-01\n"))
    assert lines == [
        f"{REPORT}:10: `title` 写了两次（第 2 行和第 10 行），一项只能写一次，请删去多余的那一行"
    ]
    assert result.exit_code == 1


def test_an_unclosed_quote_points_at_the_line_it_opens(check_one):
    _, lines = check_one(
        report_text(MEETING.replace("title: 主题党日活动", 'title: "主题党日活动'))
    )
    assert "引号或括号没有配对" in only_error(lines, 2)


def test_a_colon_inside_a_value_says_to_quote_it_or_use_a_chinese_colon(check_one):
    _, lines = check_one(report_text(MEETING.replace("主题党日活动", "党课: 学习二十大精神")))
    message = only_error(lines, 2)
    assert "请给整个值加上英文引号" in message and "中文冒号“：”" in message


@pytest.mark.parametrize(
    ("title", "meaning", "fixed"),
    [
        ("[草稿] 支委会", "方括号当成列表", '`title: "[草稿] 支委会"`'),
        ("*支委会", "不允许值以“*”开头", '`title: "*支委会"`'),
        ('"党课" 学习', "引号必须括住整个值", "`title: '\"党课\" 学习'`"),
    ],
)
def test_a_value_starting_with_a_yaml_symbol_is_shown_quoted(check_one, title, meaning, fixed):
    _, lines = check_one(report_text(MEETING.replace("主题党日活动", title)))
    message = only_error(lines, 2)
    assert meaning in message and message.endswith(f"例如 {fixed}")
    advice = message.split(": ", 1)[1].split("例如")[0].replace("YAML", "")
    assert not any("a" <= c <= "z" for c in advice)  # no English from the parser


@pytest.mark.parametrize(
    ("written", "line", "words"),
    [
        # An unclosed bracket is noticed at the end of the front matter: blame where it opens.
        ("tags: [党课, 学习,", 10, "方括号当成列表"),
        # Word's Shift+Enter pastes a vertical tab, which YAML refuses outright.
        ("location: 三楼\x0b会议室", 10, "看不见的控制字符（U+000B）"),
        # YAML notices a missing colon on the line after; the line to fix is this one.
        ("location 三楼会议室\nsummary: 学习", 10, "缺少英文冒号"),
        ("[备注]: 会后补学", 10, "项目名只能是文字"),
    ],
)
def test_more_yaml_mistakes_point_at_their_own_line(check_one, written, line, words):
    _, lines = check_one(report_text(MEETING + written + "\n"))
    assert words in only_error(lines, line)


def test_a_hashtag_in_a_title_is_a_warning_not_a_silent_cut(make_project):
    text = report_text(MEETING.replace("主题党日活动", "支委会 #学习二十大#"))
    root = make_project({"cardiology/2026/r.md": text})
    result = pbsite(root, "check")
    assert result.stderr.splitlines() == [
        f"{REPORT}:2: 警告：“#学习二十大#”被当成了注释，没有算进 `title`：YAML 里空格后面的 # 表示注释。"
        '如果它是内容的一部分，请给整个值加上英文引号，例如 `title: "支委会 #学习二十大#"`；'
        "如果它确实是注释，请在 # 后面空一格"
    ]
    fixed = text.replace("支委会 #学习二十大#", '"支委会 #学习二十大#"')
    (root / REPORT).write_text(fixed.replace("date: 2026-03-05", "date: 2026-03-05  # 必填"))
    assert pbsite(root, "check").stderr == ""
    assert load_project(root).reports[0].title == "支委会 #学习二十大#"


@pytest.mark.parametrize("spelling", ["2026-03-05", "2026年3月5日", "2026/3/5", "2026.3.5"])
def test_date_spellings_mean_the_same_day(make_project, spelling):
    root = make_project(
        {"cardiology/2026/r.md": report_text(MEETING.replace("2026-03-05", spelling))}
    )
    assert pbsite(root, "check").exit_code == 0
    assert load_project(root, today=TODAY).reports[0].date.isoformat() == "2026-03-05"


@pytest.mark.parametrize(
    ("written", "words"),
    [("2026-02-30", "不存在（2026年没有2月30日）"), ("2026-12-01", "在今天（2026-11-22）之后")],
)
def test_impossible_and_future_dates_are_rejected(check_one, written, words):
    _, lines = check_one(report_text(MEETING.replace("2026-03-05", written)))
    message = only_error(lines, 3)
    assert words in message and "`date`（日期）" in message


@pytest.mark.parametrize(
    ("key", "written", "line", "suggestion"),
    [
        ("branch", "心血管内科支部", 4, "心血管内科党支部"),
        ("branch", "xinxueguan", 4, "心血管内科党支部"),
        ("type", "主题党日活动", 5, "主题党日"),
        ("type", "zhutidangri", 5, "主题党日"),
    ],
)
def test_unknown_branch_or_type_gets_the_closest_name(check_one, key, written, line, suggestion):
    old = {"branch": "cardiology", "type": "theme_day"}[key]
    _, lines = check_one(report_text(MEETING.replace(old, written)))
    assert f"“{written}”" in only_error(lines, line)
    assert f"您是不是要写：{suggestion}" in lines[0]


def test_unknown_branch_with_no_close_match_lists_what_is_accepted(check_one):
    _, lines = check_one(report_text(MEETING.replace("branch: cardiology", "branch: zz")))
    message = only_error(lines, 4)
    assert "支部“zz”不在 site_config.yaml 的支部列表中" in message
    assert "您是不是要写" not in message
    assert message.endswith(
        "`branch`（支部） 可写支部全称或 id：心血管内科党支部（cardiology）、护理党支部（nursing）"
    )


def test_present_more_than_expected(check_one):
    _, lines = check_one(report_text(MEETING.replace("present: 9", "present: 11")))
    assert "实到人数 11 大于应到人数 10" in only_error(lines, 8)


def test_absentees_that_do_not_match_the_numbers(check_one):
    _, lines = check_one(report_text(MEETING.replace("present: 9", "present: 7")))
    message = only_error(lines, 9)
    assert "缺席应为 3 人" in message and "列了 1 人" in message


def test_absentees_written_as_one_line_of_text(check_one):
    text = MEETING.replace("present: 9", "present: 8").replace(
        "[王芳（病假）]", "王芳（病假）、李明（出差、进修）"
    )
    result, lines = check_one(report_text(text))
    assert result.exit_code == 0 and lines == []


def write_photo(root, relative: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), "red").save(path, "JPEG")


def check_with_photos(make_project, photos: str, files: tuple[str, ...] = ()) -> list[str]:
    root = make_project({"cardiology/2026/r.md": report_text(MEETING + photos)})
    for relative in files:
        write_photo(root, relative)
    return pbsite(root, "check").stderr.splitlines()


@pytest.mark.parametrize("on_disk", ["r/01.JPG", "r/01.jpeg"])
def test_missing_photo_suggests_the_file_with_another_case_or_extension(make_project, on_disk):
    lines = check_with_photos(
        make_project, "photos:\n  - r/01.jpg\n", (f"content/reports/cardiology/2026/{on_disk}",)
    )
    message = only_error(lines, 11)
    assert f"找不到照片“r/01.jpg”（{PHOTO_DIR}/01.jpg）" in message
    assert f"您是不是要写：{on_disk}？" in message


def test_missing_photo_suggestion_keeps_the_folder_as_written(make_project):
    lines = check_with_photos(
        make_project,
        "photos:\n  - m15/img_001.jpg\n",
        ("content/reports/cardiology/2026/m15/IMG_001.JPG",),
    )
    message = only_error(lines, 11)
    assert "找不到照片“m15/img_001.jpg”" in message
    assert "您是不是要写：m15/IMG_001.JPG？" in message


def test_photo_path_leaving_content(make_project):
    lines = check_with_photos(
        make_project, "photos:\n  - ../../../../secret.jpg\n", ("secret.jpg",)
    )
    assert "content/ 目录之外" in only_error(lines, 11)


def test_photo_symlink_pointing_outside(make_project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    write_photo(outside, "leak.jpg")
    root = make_project(
        {"cardiology/2026/r.md": report_text(MEETING + "photos: [r/01.jpg, r2/leak.jpg]\n")}
    )
    (root / PHOTO_DIR).mkdir()
    os.symlink(outside / "leak.jpg", root / PHOTO_DIR / "01.jpg")
    os.symlink(outside, root / (PHOTO_DIR + "2"))  # a linked folder leaks just the same
    lines = pbsite(root, "check").stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{REPORT}:10: ") for line in lines)
    assert "“r/01.jpg”是一个指向 content/ 以外的链接" in lines[0]
    assert "“r2/leak.jpg”是一个指向 content/ 以外的链接" in lines[1]


def test_photo_links_that_stay_inside_content_are_fine(make_project):
    root = make_project(
        {"cardiology/2026/r.md": report_text(MEETING + "photos: [r/01.jpg, r2/02.jpg, r/03.jpg]\n")}
    )
    write_photo(root, "content/shared/01.jpg")
    write_photo(root, "content/shared/02.jpg")
    (root / PHOTO_DIR).mkdir()
    os.symlink(root / "content" / "shared" / "01.jpg", root / PHOTO_DIR / "01.jpg")
    os.symlink(root / "content" / "shared", root / (PHOTO_DIR + "2"))  # a linked folder
    os.symlink(root / "content" / "shared" / "gone.jpg", root / PHOTO_DIR / "03.jpg")  # broken
    lines = pbsite(root, "check").stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{REPORT}:10: "), lines
    assert "找不到照片“r/03.jpg”" in lines[0]


def test_photos_that_exist_but_cannot_be_shown(make_project):
    # The build would leave them out of the page and the posters: check says so first.
    photos = "photos:\n  - r/01.jpg\n  - r/02.jpg\n  - r/03.jpg\n"
    root = make_project({"cardiology/2026/r.md": report_text(MEETING + photos)})
    write_photo(root, f"{PHOTO_DIR}/01.jpg")
    whole = root / PHOTO_DIR / "whole.jpg"
    Image.effect_noise((400, 300), 60).convert("RGB").save(whole, "JPEG", quality=90)
    (root / PHOTO_DIR / "02.jpg").write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    (root / PHOTO_DIR / "03.jpg").write_text("会议纪要", encoding="utf-8")
    result = pbsite(root, "check")
    assert result.stderr.splitlines() == [
        f"{REPORT}:12: 照片 {PHOTO_DIR}/02.jpg 无法使用：照片文件已损坏或不完整（文件被截断），"
        "请重新导出或从原相册再次复制",
        f"{REPORT}:13: 照片 {PHOTO_DIR}/03.jpg 无法使用：无法识别的图片格式，请另存为 JPG 或 PNG "
        "后再引用",
    ]
    assert result.exit_code == 1


def test_duplicate_photo(make_project):
    photos = "photos:\n  - r/01.jpg\n  - {src: ./r/01.jpg, caption: 合影}\n"
    lines = check_with_photos(make_project, photos, (f"{PHOTO_DIR}/01.jpg",))
    assert "照片“./r/01.jpg”重复列出了" in only_error(lines, 12)


def test_windows_backslashes_in_photo_paths_are_understood(make_project):
    lines = check_with_photos(make_project, "photos: ['r\\01.jpg']\n", (f"{PHOTO_DIR}/01.jpg",))
    assert lines == []


CLASH_A = "content/reports/cardiology/2026/a.md"
CLASH_B = "content/reports/cardiology/2026/b.md"


def clashing_project(make_project):
    """Two reports asking for one address, with `slug` and with its alias `网址`."""
    return make_project(
        {
            "cardiology/2026/a.md": report_text(MEETING + "slug: spring\n"),
            "cardiology/2026/b.md": report_text(MEETING + "tags: [春季]\n网址: spring\n"),
        }
    )


def test_two_reports_publishing_to_the_same_url(make_project):
    result = pbsite(clashing_project(make_project), "check")
    # The second points at its own `网址` line and names the report that has the address.
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{CLASH_B}:11: ") and f"已被 {CLASH_A} 使用" in line
    assert "reports/cardiology/2026-03-05-spring/" in line and "`slug`（网址）" in line
    assert "小写英文字母、数字和连字符" in line
    assert result.stdout.strip() == "共 2 篇报道，其中 1 篇有问题"


def test_checking_only_the_later_of_two_clashing_reports_still_finds_the_clash(make_project):
    root = clashing_project(make_project)
    result = pbsite(root, "check", str(root / CLASH_B))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{CLASH_B}:11: ") and f"已被 {CLASH_A} 使用" in line
    assert result.stdout.strip() == "共 1 篇报道，其中 1 篇有问题"


@pytest.mark.parametrize(
    ("written", "meant"), [("tittle", "title"), ("日 期", "日期"), ("时间", "日期")]
)
def test_key_close_to_a_known_one_is_a_probable_typo(check_one, written, meant):
    key = "title" if meant == "title" else "date"
    result, lines = check_one(report_text(MEETING.replace(f"{key}:", f"{written}:")))
    typo = [line for line in lines if f"不认识的项 `{written}`" in line]
    assert typo == [
        f"{REPORT}:{2 if key == 'title' else 3}: 不认识的项 `{written}`，可能是写错了。您是不是要写：`{meant}`？"
    ]
    assert result.exit_code == 1


def test_other_unknown_keys_are_only_warnings(check_one):
    result, lines = check_one(report_text(MEETING + "备注: 会后补学\n"))
    assert lines == [f"{REPORT}:10: 警告：不认识的项 `备注`，它会被忽略；如果是笔误请改正"]
    assert result.exit_code == 0
    assert result.stdout.strip() == "共 1 篇报道，其中 0 篇有问题；另有 1 条警告"


def test_a_synonym_next_to_its_key_is_only_a_warning(check_one):
    result, lines = check_one(report_text(MEETING + "时间: 下午两点\n"))
    assert lines == [f"{REPORT}:10: 警告：不认识的项 `时间`，它会被忽略；如果是笔误请改正"]
    assert result.exit_code == 0


def test_template_body_left_in_place_is_a_warning_on_its_line(check_one):
    result, lines = check_one(report_text(MEETING, BODY_PLACEHOLDER))
    assert lines == [
        f"{REPORT}:12: 警告：正文还是 `pbsite new` 生成的模板文字“（请在这里写正文…）”，"
        "不改就会原样发布。请把这一行换成活动的正文：活动经过、主要内容和成效"
    ]
    assert result.exit_code == 0
    assert result.stdout.strip() == "共 1 篇报道，其中 0 篇有问题；另有 1 条警告"


def test_template_body_in_a_draft_is_not_reported(check_one):
    result, lines = check_one(report_text(MEETING + "draft: true\n", BODY_PLACEHOLDER))
    assert result.exit_code == 0 and lines == []
