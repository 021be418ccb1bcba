import pytest

from linter.grammars.numbering import parse_numbering


@pytest.mark.parametrize(
    "line, style, value, text",
    [
        ("一、总体情况", "cn_dun", 1, "总体情况"),
        ("十、其他", "cn_dun", 10, "其他"),
        ("十二、其他", "cn_dun", 12, "其他"),
        ("二十、其他", "cn_dun", 20, "其他"),
        ("九十九、其他", "cn_dun", 99, "其他"),
        ("三.概述", "cn_dun", 3, "概述"),
        ("(一)主动公开", "cn_paren", 1, "主动公开"),
        ("(十一)其他", "cn_paren", 11, "其他"),
        ("1.加强组织领导", "arabic_dot", 1, "加强组织领导"),
        ("12、门户网站", "arabic_dot", 12, "门户网站"),
        ("(3)公开形式", "arabic_paren", 3, "公开形式"),
        ("4)公开形式", "arabic_paren", 4, "公开形式"),
        ("第二部分 主动公开", "part", 2, " 主动公开"),
    ],
)
def test_prefixes(line, style, value, text):
    found = parse_numbering(line)
    assert (found.style, found.value, found.text) == (style, value, text)


@pytest.mark.parametrize("line", ["一是加强领导", "二要", "1.5亿元", "2024年", "一二、x", "十十、x", "第一章", "abc", ""])
def test_not_numbering(line):
    assert parse_numbering(line) is None


def test_full_width_forms_arrive_normalised():
    import unicodedata

    for raw, value in [("（一）", 1), ("１．", 1), ("（２）", 2)]:
        assert parse_numbering(unicodedata.normalize("NFKC", raw) + "标题").value == value
