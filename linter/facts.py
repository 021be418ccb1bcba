"""Report facts: the year it covers, the regime that year falls under, the kind of organ."""

from __future__ import annotations

import re
from collections import Counter

from linter.document import Document, Facts, normalize
from linter.regexes import compiled

_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_YEAR = compiled(r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年")
_PERIOD = r"统计(?:期限|时限|周期|时间|区间|期间|截止时间)[^。]{0,30}?((?:19|20)\d{2})"
_BODY_YEAR = r"((?:19|20)\d{2})年"
_TOWNSHIP = compiled(r"(街道办事处|街道|乡人民政府|镇人民政府|乡|镇)$")
_PLACE = r"(省|市|县|区|州|盟|旗)$"
_DEPARTMENT = r"(局|委员会|委|厅|署|办|办公室|中心|院|所|站|会|馆|队|处|部)$"
_WS = compiled(r"[\s\u3000\xa0]+")

REGIMES = ("2007", "2019", "2021")
ORGANS = ("government", "department", "township")


def regime_for(year: int) -> str | None:
    """2008–2018 → 条例 2007; 2019–2020 → 2019 format; 2021 on → 2021 format; before 2008
    none (the 2007 regulation took effect on 2008-05-01)."""
    if year < 2008:
        return None
    if year <= 2018:
        return "2007"
    return "2019" if year <= 2020 else "2021"


def normalize_spaces(text: str) -> str:
    """Join "2024 年" (PDF text puts spaces between digits and 年) but keep other spaces."""
    return re.sub(r"(\d)[\s\u3000\xa0]+年", r"\1年", text.strip())


def _to_year(text: str) -> int:
    return int("".join(_CN_DIGIT.get(c, c) for c in text))


def detect(doc: Document) -> Facts:
    facts = Facts()
    title = normalize(doc.title.text) if doc.title else ""
    match = _YEAR.search(title)
    if match:
        facts.year, facts.year_source = _to_year(match.group(1)), "title"
    else:
        year = _period_year(doc) or _body_year(doc)
        if year:
            facts.year, facts.year_source = year
    if facts.year:
        facts.regime = regime_for(facts.year)
    facts.agency, facts.organ = _organ(doc)
    return facts


def _period_year(doc: Document):
    for line in doc.normalized_lines():  # normalize(line) of each line, kept for the rules too
        match = re.search(_PERIOD, line)
        if match:
            return int(match.group(1)), "period"
    return None


def _body_year(doc: Document):
    counts = Counter(int(y) for line in doc.normalized_lines() for y in re.findall(_BODY_YEAR, line))
    if not counts:
        return None
    return counts.most_common(1)[0][0], "body"


def organ_kind(name: str) -> str | None:
    """government, department or township from an organ's name, None when it says nothing."""
    name = normalize(name)
    if not name:
        return None
    if _TOWNSHIP.search(name):
        return "township"
    if "人民政府" in name:
        tail = name.rsplit("人民政府", 1)[1]
        return "government" if tail in ("", "办公室", "办公厅") else "department"
    if re.search(_DEPARTMENT, name):
        return "department"
    if re.search(_PLACE, name):
        return "government"
    return None


def _organ(doc: Document) -> tuple[str | None, str | None]:
    """The organ named before the year in the title, on the line above it, or in the signature."""
    candidates = []
    if doc.title:
        before, _, after = (_YEAR.split(normalize_spaces(doc.title.text), maxsplit=1) + ["", ""])[:3]
        parts = _WS.split(before.strip())
        candidates.append(parts[-1] if parts else "")
        # "2024年上海市科委政府信息公开工作年度报告": the organ follows the year
        candidates.append(normalize(after).removeprefix("度").split("政府信息公开", 1)[0])
        above = [line.strip() for line in doc.lines[: doc.title.line - 1] if line.strip()]
        if above:
            candidates.append(above[-1])
    tail = [line.strip() for line in doc.lines[-12:] if line.strip()]
    candidates += [line for line in reversed(tail) if len(normalize(line)) <= 30 and not re.search(r"\d", line)]
    for name in candidates:
        kind = organ_kind(name)
        if kind:
            return normalize(name), kind
    return None, None
