"""One self-contained HTML page for reviewers who never open a terminal: a summary by file
and by rule, then every report's full text with line numbers, each finding highlighted in
place (its exact column span) and explained below the line — message, rule, 依据, 建议.

Inline CSS only: no scripts, no fonts, images or style sheets from elsewhere, so the file
can be mailed or archived as it is.  Every piece of report text goes through
``html.escape``.  ``scripts/screenshot-html.sh`` renders it in headless Chromium."""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

from linter import __version__
from linter.diagnostic import SEVERITIES, severity_rank
from linter.formatters import summary
from linter.formatters.common import (CATEGORY_LABELS, ENGINE_DESCRIPTIONS, ORGAN_LABELS, REGIME_LABELS, SEVERITY_LABELS,
                                      relative_path, rule_catalogue)

TITLE = "政府信息公开工作年度报告检查结果"

CSS = """
:root { --error:#b3261e; --error-bg:#fde7e4; --warning:#8a5300; --warning-bg:#fff1c9;
  --info:#1d5fa8; --info-bg:#e3eefb; --ok:#1e7a3c; --line:#d9dde3; --muted:#5f6670; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1f2329; font-size: 15px; line-height: 1.65;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; min-height: 100vh; }
h1 { font-size: 26px; margin: 8px 0 4px; letter-spacing: 1px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid #1f2329; }
h3 { font-size: 18px; margin: 0; word-break: break-all; }
p { margin: 6px 0; }
a { color: #1d5fa8; }
.meta, .facts { color: var(--muted); }
.howto { background: #f7f8fa; border-left: 4px solid #8f96a0; padding: 8px 14px; margin: 14px 0; }
.totals { display: flex; gap: 14px; margin: 16px 0 4px; flex-wrap: wrap; }
.total { min-width: 150px; padding: 10px 16px; border-radius: 6px; border: 1px solid var(--line); }
.total b { display: block; font-size: 28px; line-height: 1.2; }
.total.error { background: var(--error-bg); color: var(--error); border-color: #f3b8b1; }
.total.warning { background: var(--warning-bg); color: var(--warning); border-color: #f0d58a; }
.total.info { background: var(--info-bg); color: var(--info); border-color: #b7d0ee; }
.total.files { background: #f1f2f4; }
table.summary { border-collapse: collapse; width: 100%; margin: 8px 0; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
table.summary th { background: #eef0f3; font-weight: 600; white-space: nowrap; }
table.summary td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.summary td.path { word-break: break-all; }
table.summary td.nowrap { white-space: nowrap; }
table.summary tfoot td { font-weight: 600; background: #f7f8fa; }
td.n.error-n { color: var(--error); font-weight: 700; }
td.n.warning-n { color: var(--warning); font-weight: 700; }
td.n.info-n { color: var(--info); font-weight: 700; }
td.zero { color: #aab0b8; }
.badge { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 13px; font-weight: 600;
  line-height: 1.6; white-space: nowrap; vertical-align: 1px; }
.badge.error { background: var(--error); color: #fff; }
.badge.warning { background: #e0a100; color: #221a00; }
.badge.info { background: var(--info); color: #fff; }
.badge.ok { background: var(--ok); color: #fff; }
.rule { font-family: "DejaVu Sans Mono", Consolas, monospace; font-weight: 700; }
.rulename { color: var(--muted); font-size: 13px; }
section.file { margin: 28px 0 0; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.filehead { padding: 12px 16px; background: #eef0f3; border-bottom: 1px solid var(--line); }
.filehead .counts { margin-top: 4px; }
.filebody { padding: 12px 16px 16px; }
ol.index { margin: 4px 0 12px; padding-left: 26px; }
ol.index li { margin: 3px 0; }
.clean { color: var(--ok); font-weight: 600; }
.unread { background: var(--error-bg); border: 1px solid #f3b8b1; padding: 8px 12px; border-radius: 6px; }
details > summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
table.src { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 4px;
  font-family: "Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", monospace; font-size: 14.5px; }
table.src td { padding: 1px 8px; vertical-align: top; }
table.src td.ln { width: 4.2em; text-align: right; color: #8a9099; background: #f6f7f9;
  border-right: 1px solid var(--line); user-select: none; font-variant-numeric: tabular-nums; }
table.src td.code { white-space: pre-wrap; overflow-wrap: anywhere; height: 1.6em; }
table.src tr.hit td.ln { color: #1f2329; font-weight: 700; }
table.src tr.hit.error td.ln { background: var(--error-bg); border-right: 3px solid var(--error); }
table.src tr.hit.warning td.ln { background: var(--warning-bg); border-right: 3px solid #e0a100; }
table.src tr.hit.info td.ln { background: var(--info-bg); border-right: 3px solid var(--info); }
mark { color: inherit; border-radius: 2px; padding: 1px 2px; margin: 0 1px; font-weight: 600; }
mark.error { background: #f9c9c3; border-bottom: 2px solid var(--error); }
mark.warning { background: #ffe08a; border-bottom: 2px solid #c98f00; }
mark.info { background: #cfe1f7; border-bottom: 2px solid var(--info); }
.caret { display: inline-block; width: 0; height: 1.2em; vertical-align: -0.2em; border-left: 3px solid; margin: 0 1px; }
.caret.error { border-color: var(--error); } .caret.warning { border-color: #c98f00; } .caret.info { border-color: var(--info); }
tr.note td.code { white-space: normal; padding: 4px 8px 10px; }
.finding { border: 1px solid var(--line); border-left: 5px solid; border-radius: 6px; padding: 8px 12px; margin: 2px 0;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 14.5px; }
.finding.error { border-left-color: var(--error); background: #fff8f7; }
.finding.warning { border-left-color: #e0a100; background: #fffcf2; }
.finding.info { border-left-color: var(--info); background: #f6f9fe; }
.finding .msg { font-weight: 600; margin: 2px 0 4px; }
.finding .where { color: var(--muted); font-size: 13px; }
.finding dl { display: grid; grid-template-columns: 3em 1fr; gap: 2px 8px; margin: 4px 0 0; }
.finding dt { color: var(--muted); font-weight: 600; }
.finding dd { margin: 0; }
.legend { display: flex; gap: 18px; flex-wrap: wrap; margin: 8px 0; color: var(--muted); font-size: 14px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 10px; }
@media print {
  body { background: #fff; } main { max-width: none; padding: 0; }
  section.file { break-inside: auto; } tr { break-inside: avoid; }
  details > summary { display: none; }
}
"""


class HtmlFormatter:
    name = "html"

    def render(self, results, stream) -> None:
        stream.write(render_page(results))


def render_page(results) -> str:
    catalogue = rule_catalogue()
    out = ["<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
           f"<meta name=\"generator\" content=\"xxgk-lint {escape(__version__)}\">\n",
           f"<title>{TITLE}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"]
    out += _header(results)
    out += _by_file(results)
    out += _by_rule(results, catalogue)
    out.append("<h2>三、逐份报告详情</h2>\n")
    out.append(_legend())
    for number, result in enumerate(results, 1):
        out += _file(number, result)
    out.append("<footer>本页由 xxgk-lint " + escape(__version__) + " 自动生成。检查结果供审核参考，"
               "是否符合要求以《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室规定的年度报告格式为准。"
               "</footer>\n</main>\n</body>\n</html>\n")
    return "".join(out)


def _header(results) -> list[str]:
    totals = summary(results)
    return [
        f"<h1>{TITLE}</h1>\n",
        f"<p class=\"meta\">xxgk-lint {escape(__version__)} · 共检查 {totals['files']} 份报告</p>\n",
        "<div class=\"totals\">",
        f"<div class=\"total files\">检查报告<b>{totals['files']}</b>份</div>",
        f"<div class=\"total error\">错误<b>{totals['errors']}</b>处（须修改）</div>",
        f"<div class=\"total warning\">警告<b>{totals['warnings']}</b>处（应核实）</div>",
        f"<div class=\"total info\">提示<b>{totals['infos']}</b>处（供参考）</div>",
        "</div>\n",
        "<p class=\"howto\">阅读说明：第一、二部分按报告和按规则汇总问题数量；第三部分逐份列出报告全文，"
        "有问题的文字以底色标出（红色为错误，黄色为警告，蓝色为提示），"
        "其下方方框给出问题说明、规则编号、依据和修改建议。点击问题列表中的条目可跳到原文相应位置。</p>\n",
    ]


def _counts(diagnostics) -> Counter:
    return Counter(d.severity for d in diagnostics)


def _count_cells(counts: Counter) -> str:
    cells = []
    for severity in SEVERITIES:
        n = counts[severity]
        cells.append(f"<td class=\"n {severity}-n\">{n}</td>" if n else "<td class=\"n zero\">0</td>")
    return "".join(cells)


def _by_file(results) -> list[str]:
    out = ["<h2>一、按报告汇总</h2>\n<table class=\"summary\" id=\"by-file\">\n<thead><tr><th>序号</th><th>文件</th>"
           "<th>报告年度</th><th>适用格式</th><th>机关类型</th><th>错误</th><th>警告</th><th>提示</th></tr></thead>\n<tbody>\n"]
    for number, result in enumerate(results, 1):
        facts = result.facts
        year = f"{facts.year} 年度" if facts.year else "未识别"
        out.append(f"<tr><td class=\"n\">{number}</td>"
                   f"<td class=\"path\"><a href=\"#file-{number}\">{escape(relative_path(result.path))}</a></td>"
                   f"<td>{year}</td><td>{escape(REGIME_LABELS.get(facts.regime, '未识别'))}</td>"
                   f"<td>{escape(ORGAN_LABELS.get(facts.organ, '未识别'))}</td>"
                   f"{_count_cells(_counts(result.diagnostics))}</tr>\n")
    every = [d for r in results for d in r.diagnostics]
    out.append(f"</tbody>\n<tfoot><tr><td></td><td>合计</td><td></td><td></td><td></td>{_count_cells(_counts(every))}"
               "</tr></tfoot>\n</table>\n")
    return out


def _by_rule(results, catalogue) -> list[str]:
    by_rule = defaultdict(list)
    files = defaultdict(set)
    for number, result in enumerate(results, 1):
        for d in result.diagnostics:
            by_rule[d.rule].append(d)
            files[d.rule].add(number)
    out = ["<h2>二、按规则汇总</h2>\n"]
    if not by_rule:
        return out + ["<p class=\"clean\">所有报告均未发现问题。</p>\n"]
    out.append("<table class=\"summary\" id=\"by-rule\">\n<thead><tr><th>规则</th><th>类别</th><th>检查内容</th>"
               "<th>错误</th><th>警告</th><th>提示</th><th>涉及报告</th></tr></thead>\n<tbody>\n")
    for rule_id in sorted(by_rule):
        first = by_rule[rule_id][0]
        rule = catalogue.get(rule_id)
        what = (rule.description or rule.message) if rule else ENGINE_DESCRIPTIONS.get(rule_id, first.message)
        out.append(f"<tr id=\"rule-{escape(rule_id)}\"><td class=\"nowrap\"><span class=\"rule\">{escape(rule_id)}</span>"
                   f"<br><span class=\"rulename\">{escape(first.name)}</span></td>"
                   f"<td class=\"nowrap\">{escape(CATEGORY_LABELS.get(first.category, first.category))}</td>"
                   f"<td>{escape(what)}</td>{_count_cells(_counts(by_rule[rule_id]))}"
                   f"<td class=\"n\">{len(files[rule_id])} 份</td></tr>\n")
    return out + ["</tbody>\n</table>\n"]


def _legend() -> str:
    return ("<div class=\"legend\"><span><mark class=\"error\">红色底色</mark> 错误：不符合条例或格式要求，须修改</span>"
            "<span><mark class=\"warning\">黄色底色</mark> 警告：很可能有误，请核实</span>"
            "<span><mark class=\"info\">蓝色底色</mark> 提示：供参考</span></div>\n")


def _badge(severity: str) -> str:
    return f"<span class=\"badge {severity}\">{SEVERITY_LABELS[severity]}</span>"


def _worst(diagnostics) -> str:
    return min((d.severity for d in diagnostics), key=severity_rank)


def _file(number: int, result) -> list[str]:
    path = relative_path(result.path)
    facts = result.facts
    diagnostics = result.diagnostics
    counts = _counts(diagnostics)
    ids = {id(d): f"f{number}-{i}" for i, d in enumerate(diagnostics, 1)}
    out = [f"<section class=\"file\" id=\"file-{number}\">\n<div class=\"filehead\">\n"
           f"<h3>{number}. {escape(path)}</h3>\n"]
    described = []
    if facts.agency:
        described.append(f"机关：{escape(facts.agency)}")
    described.append(f"报告年度：{facts.year} 年度" if facts.year else "报告年度：未识别")
    described.append(f"适用格式：{escape(REGIME_LABELS.get(facts.regime, '未识别'))}")
    described.append(f"机关类型：{escape(ORGAN_LABELS.get(facts.organ, '未识别'))}")
    out.append(f"<p class=\"facts\">{' · '.join(described)}</p>\n<p class=\"counts\">")
    if diagnostics:
        out.append("　".join(f"{_badge(s)} {counts[s]} 处" for s in SEVERITIES if counts[s]))
    else:
        out.append("<span class=\"badge ok\">通过</span> <span class=\"clean\">未发现问题</span>")
    out.append("</p>\n</div>\n<div class=\"filebody\">\n")
    doc = result.document
    lines = doc.lines if doc else []
    if diagnostics:
        out.append("<ol class=\"index\">\n")
        for d in diagnostics:
            out.append(f"<li><a href=\"#{ids[id(d)]}\">第 {d.line} 行第 {d.column} 列</a> {_badge(d.severity)} "
                       f"<span class=\"rule\">{escape(d.rule)}</span> {escape(d.message)}</li>\n")
        out.append("</ol>\n")
    if doc is None:
        out.append("<div class=\"unread\">无法读取该文件，未能检查其内容：</div>\n")
        out += [_finding(d, ids[id(d)], path) for d in diagnostics]
        return out + ["</div>\n</section>\n"]
    placed = [d for d in diagnostics if 1 <= d.line <= len(lines)]
    for d in diagnostics:
        if not 1 <= d.line <= len(lines):  # nowhere to show it in the text: show it here
            out.append(_finding(d, ids[id(d)], path))
    note_after = defaultdict(list)
    for d in placed:
        note_after[min(max(d.end_line, d.line), len(lines))].append(d)
    state = "open" if diagnostics else ""
    hint = "有问题的文字以底色标出" if diagnostics else "未发现问题，点击展开"
    out.append(f"<details {state}><summary>报告全文（共 {len(lines)} 行，{hint}）</summary>\n"
               "<table class=\"src\">\n")
    on_line = defaultdict(list)
    for d in placed:
        for covered in range(d.line, min(max(d.end_line, d.line), len(lines)) + 1):
            on_line[covered].append(d)
    for number_in_file, source in enumerate(lines, 1):
        covering = on_line.get(number_in_file, [])
        classes = f" class=\"hit {_worst(covering)}\"" if covering else ""
        out.append(f"<tr id=\"L{number}-{number_in_file}\"{classes}><td class=\"ln\">{number_in_file}</td>"
                   f"<td class=\"code\">{_highlight(source, number_in_file, covering, ids)}</td></tr>\n")
        if note_after[number_in_file]:
            notes = "".join(_finding(d, ids[id(d)], path) for d in note_after[number_in_file])
            out.append(f"<tr class=\"note\"><td class=\"ln\"></td><td class=\"code\">{notes}</td></tr>\n")
    out.append("</table>\n</details>\n</div>\n</section>\n")
    return out


_CONTROLS = {c: chr(0x2400 + c) for c in range(32) if c != 9} | {0x7f: "\u2421", 0x85: "\u2424",
                                                             0x2028: "\u2424", 0x2029: "\u00b6"}


def report_text(value: str) -> str:
    """Report text for the page: escaped, and control characters and line separators shown as
    their Unicode pictures (one character each, so columns still line up)."""
    return escape(value.translate(_CONTROLS))


def _span_on(d, line_number: int, length: int) -> tuple[int, int]:
    """The 1-based [start, end) columns ``d`` covers on this line."""
    start = d.column if d.line == line_number else 1
    end = d.end_column if max(d.end_line, d.line) == line_number else length + 1
    start = min(max(start, 1), length + 1)
    return start, min(max(end, start), length + 1)


def _highlight(source: str, line_number: int, covering, ids) -> str:
    """The line, escaped, with each finding's exact columns in a <mark> (an empty span is a
    caret); overlapping findings split the line into pieces marked with all of them."""
    if not covering:
        return report_text(source)
    spans = [(d, *_span_on(d, line_number, len(source))) for d in covering]
    cuts = sorted({1, len(source) + 1, *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:] + [None]):
        for d, s, e in spans:
            if s == e == start:
                out.append(f"<span class=\"caret {d.severity}\" title=\"{escape(d.rule)}\" "
                           f"data-finding=\"{ids[id(d)]}\"></span>")
        if end is None:
            break
        piece = report_text(source[start - 1:end - 1])
        over = [d for d, s, e in spans if s <= start and end <= e and s < e]
        if over:
            names = " ".join(ids[id(d)] for d in over)
            title = escape("；".join(f"{d.rule} {d.message}" for d in over))
            out.append(f"<mark class=\"{_worst(over)}\" data-finding=\"{names}\" "
                       f"data-columns=\"{start}-{end}\" title=\"{title}\">{piece}</mark>")
        else:
            out.append(piece)
    return "".join(out)


def _finding(d, anchor: str, path: str) -> str:
    last = d.end_column - 1  # the last column covered (end_column is exclusive)
    if d.end_line == d.line and last > d.column:
        where = f"{path} 第 {d.line} 行第 {d.column}–{last} 列"
    elif d.end_line > d.line:
        where = f"{path} 第 {d.line} 行第 {d.column} 列至第 {d.end_line} 行第 {max(last, 1)} 列"
    else:
        where = f"{path} 第 {d.line} 行第 {d.column} 列"
    parts = [f"<div class=\"finding {d.severity}\" id=\"{anchor}\" data-rule=\"{escape(d.rule)}\" "
             f"data-line=\"{d.line}\" data-column=\"{d.column}\" data-end-line=\"{d.end_line}\" "
             f"data-end-column=\"{d.end_column}\">",
             f"{_badge(d.severity)} <span class=\"rule\">{escape(d.rule)}</span> "
             f"<span class=\"rulename\">{escape(d.name)} · {escape(CATEGORY_LABELS.get(d.category, d.category))}</span>",
             f"<p class=\"msg\">{escape(d.message)}</p>",
             f"<div class=\"where\">位置：{escape(where)}</div>"]
    if d.citation or d.hint:
        parts.append("<dl>")
        if d.citation:
            parts.append(f"<dt>依据</dt><dd>{escape(d.citation)}</dd>")
        if d.hint:
            parts.append(f"<dt>建议</dt><dd>{escape(d.hint)}</dd>")
        parts.append("</dl>")
    parts.append("</div>")
    return "".join(parts)
