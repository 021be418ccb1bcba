"""Which headings are which part of the report, per regime (``rules/sections.yaml``)."""

from functools import cache
from pathlib import Path
from typing import NamedTuple

from linter import yamlsource
from linter.document import Document, Section, normalize
from linter.facts import REGIMES
from linter.grammars.numbering import STYLE_RANK


class Part(NamedTuple):
    """A part of a report (rules/sections.yaml) and the heading words that name it."""

    key: str
    name: str
    any: tuple[tuple[str, ...], ...]
    none: tuple[str, ...] = ()

    def matches(self, heading_key: str) -> bool:
        # loops, not any()/all() over generators: asked for each heading and part of each report
        for term in self.none:
            if term in heading_key:
                return False
        for terms in self.any:
            for term in terms:
                if term not in heading_key:
                    break
            else:
                return True
        return False


class Regime(NamedTuple):
    """The parts a regime's reports have, and where their headings are looked for."""

    search: str  # "top" or "all"
    parts: tuple[Part, ...]

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)


def load(path: Path) -> dict[str, Regime]:
    located = yamlsource.load(str(path), path.read_text("utf-8"))
    data = located.data
    if not isinstance(data, dict) or set(data) != set(REGIMES):
        raise located.error(f"应为每个制度 {', '.join(REGIMES)} 各定义一次 (one entry per regime)")
    return {regime: _regime(located, regime, body) for regime, body in data.items()}


def _regime(located, regime, body) -> Regime:
    if not isinstance(body, dict) or body.get("search") not in ("top", "all") or not isinstance(body.get("parts"), list):
        raise located.error("每个制度需要 search: top|all 与 parts 列表 (search and parts required)", regime)
    parts = []
    for i, item in enumerate(body["parts"]):
        try:
            parts.append(Part(key=item["key"], name=item["name"],
                              any=tuple(tuple(normalize(t) for t in terms) for terms in item["any"]),
                              none=tuple(normalize(t) for t in item.get("none", ()))))
        except (KeyError, TypeError) as exc:
            raise located.error(f"部分定义不完整 (part needs key, name, any): {exc}", regime, "parts", i) from None
    return Regime(body["search"], tuple(parts))


@cache
def catalogue() -> dict[str, Regime]:
    from linter.builtin import RULES_DIR
    from linter.cache import memo

    return memo("sections", RULES_DIR / "sections.yaml", load)


def is_part_title(title: str) -> bool:
    """Whether a heading text names a part of the report under any regime."""
    key = normalize(title)
    return any(part.matches(key) for regime in catalogue().values() for part in regime.parts)


def _candidates(doc: Document, regime: Regime) -> list[Section]:
    if regime.search == "top":
        # run-in items such as （一）……。 left at the top (their part heading is missing) are
        # not parts; a run-in part such as 六、其他需要报告的事项。无。 is
        return [s for s in doc.sections if not (s.run_in and s.rank > STYLE_RANK["cn_dun"])]
    return list(doc.walk())


def located_parts(doc: Document, regime_name: str) -> dict[str, list[Section]]:
    """Part key → the headings that are that part, in document order (cached per document)."""
    return doc.derive(("parts", regime_name), lambda: _locate(doc, catalogue()[regime_name]))


def _locate(doc: Document, regime: Regime) -> dict[str, list[Section]]:
    found: dict[str, list[Section]] = {p.key: [] for p in regime.parts}
    for section in _candidates(doc, regime):
        key = section.key  # normalised on each access: once per section here
        for part in regime.parts:
            if part.matches(key):
                found[part.key].append(section)
    return found


def check_key(regime_names, key: str, error) -> None:
    """At rule load: ``key`` must be a part of each regime the rule applies to."""
    for name in regime_names:
        if catalogue()[name].part(key) is None:
            raise error(f"制度 {name} 中没有部分 (no part) “{key}”（见 rules/sections.yaml）", "part")


