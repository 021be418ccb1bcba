"""``xxgk-lint new``: a skeleton report for a year's regime, built from the catalogues
(rules/sections.yaml for the parts, rules/tables.yaml for every table label), so that it
always matches what the linter checks.  Every blank is a placeholder the template rules
(M101, M102) flag until it is filled; the structure itself draws no finding."""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter import parts
from linter.facts import regime_for
from linter.grammars.numbering import CN_DIGITS

_NUMERALS = {v: k for k, v in CN_DIGITS.items()}
_ORGAN = {"government": "人民政府", "department": "政府部门", "township": "乡镇人民政府（街道办事处）"}
_OVERVIEW_ASPECTS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")
CELL = "*"  # an unfilled table cell
# the organ's name with its kind showing, so that the linter knows whose report it is
_NAME = {"government": "（单位名称）人民政府", "department": "（单位名称）局", "township": "（单位名称）镇人民政府"}


@dataclass
class Block:
    """One piece of the skeleton: a heading (level 1 or 2), a paragraph, or a table."""

    kind: str
    text: str = ""
    level: int = 0
    header: tuple = ()
    rows: tuple = ()


def build(year: int, organ: str) -> list[Block]:
    regime = regime_for(year)
    if regime is None:
        raise ValueError(f"{year} 年早于《条例》施行，没有适用的报告格式")
    out = [Block("heading", f"{_NAME[organ]}{year}年政府信息公开工作年度报告", 0),
           Block("paragraph", _intro(year, regime))]
    for number, part in enumerate(parts.catalogue()[regime].parts, start=1):
        if regime == "2007" and part.key == "overview":
            title = f"{_NUMERALS[number]}、概述"
        else:
            title = part.name if part.name[1:2] == "、" else f"{_NUMERALS[number]}、{part.name}"
        out.append(Block("heading", title, 1))
        out += _body(part.key, regime, organ, year)
    out += [Block("paragraph", "（单位名称）"), Block("paragraph", f"{year + 1}年*月*日")]
    return out


def _intro(year: int, regime: str) -> str:
    basis = "《中华人民共和国政府信息公开条例》（以下简称《条例》）"
    return (f"本报告由（单位名称）根据{basis}编制。本报告中所列数据的统计期限自{year}年1月1日起至"
            f"{year}年12月31日止。如对本报告有疑问，请与（单位名称）联系（地址：（此处填写地址），"
            f"电话：（此处填写电话））。")


def _body(key: str, regime: str, organ: str, year: int) -> list[Block]:
    if key == "overview" and regime != "2007":
        blocks = []
        for i, aspect in enumerate(_OVERVIEW_ASPECTS, start=1):
            blocks.append(Block("heading", f"（{_NUMERALS[i]}）{aspect}", 2))
            what = "工作考核、社会评议和责任追究结果" if aspect == "监督保障" and organ != "department" else aspect
            blocks.append(Block("paragraph", f"（此处填写{what}情况）"))
        return blocks
    tables = {"proactive": 1, "requests": 2, "review": 3}
    if regime != "2007" and key in tables:
        return _tables(tables[key], regime)
    if key == "other" and regime == "2021":
        return [Block("paragraph", "依据《政府信息公开信息处理费管理办法》，本年度（此处填写信息处理费收取情况）。")]
    if key == "fees":
        return [Block("paragraph", "（此处填写收费及减免情况）")]
    return [Block("paragraph", "（此处填写本部分内容）")]


def _tables(number: int, version: str) -> list[Block]:
    from linter.tables.catalogue import catalogue

    spec = catalogue()[number]
    if number == 1:
        blocks = []
        for block in spec.blocks_for(version):
            rows = [r for r in block.rows if version in r.versions]
            columns = [c for c in spec.columns_for(version, block.key)]
            blocks.append(Block("paragraph", block.name))
            blocks.append(Block("table", header=("信息内容", *(c.name for c in columns)),
                                rows=tuple((r.name, *(CELL for _ in columns)) for r in rows)))
        return blocks
    columns = spec.columns_for(version)
    rows = spec.rows_for(version)
    if number == 2:
        corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        return [Block("table", header=(corner, *(c.name for c in columns)),
                      rows=tuple((_printed(r), *(CELL for _ in columns)) for r in rows))]
    return [Block("table", header=tuple(_review_header(c.name) for c in columns),
                  rows=((*(CELL for _ in columns),),))]


def _review_header(name: str) -> str:
    """行政复议 结果维持 → 行政复议-结果维持; 复议后起诉 总计 → 行政诉讼（复议后起诉）-总计."""
    group, _, item = name.partition(" ")
    return f"{group if group == '行政复议' else f'行政诉讼（{group}）'}-{item}"


_ROW_NUMBER = re.compile(r"^(（[一二三四五六七八九]）|[一二三四]、)")
_ITEM_NUMBER = re.compile(r"^\d+\.")


def _printed(row) -> str:
    """A table-2 row as the format prints it: its group and numbering (from the catalogue's
    message name, e.g. （六）其他处理 1.) before the standard label."""
    group, _, item = row.name.partition(" ")
    if item:
        number = _ITEM_NUMBER.match(item)
        return f"{group} {number.group() if number else ''}{row.label}"
    number = _ROW_NUMBER.match(row.name)
    return f"{number.group() if number else ''}{row.label}"


def markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            lines.append("#" * (block.level + 1) + " " + block.text)
        elif block.kind == "paragraph":
            lines.append(block.text)
        else:
            lines.append("| " + " | ".join(block.header) + " |")
            lines.append("| " + " | ".join("---" for _ in block.header) + " |")
            lines += ["| " + " | ".join(row) + " |" for row in block.rows]
        lines.append("")
    return "\n".join(lines)


def docx_bytes(blocks: list[Block]) -> bytes:
    """The skeleton as a Word document (python-docx, the ``docx`` extra)."""
    import io

    try:
        import docx
    except ImportError:
        raise RuntimeError("生成 Word 文档需要 python-docx：pip install 'xxgk-lint[docx]'") from None
    document = docx.Document()
    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        else:
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
            table.style = "Table Grid"
            for r, row in enumerate((block.header, *block.rows)):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
