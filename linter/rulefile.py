"""Load and validate the YAML rule files.  Any defect is a RuleError naming file and line."""

import copy
import os
import re
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from linter import plugins, yamlsource
from linter.diagnostic import CATEGORIES, ENGINE_RULES, SEVERITIES
from linter.errors import RuleError, UsageError
from linter.facts import ORGANS, REGIMES
from linter.kinds import CheckKind

_ID = r"[A-Z]{1,3}[0-9]{3}"
_NAME = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
_REQUIRED = {"id": str, "name": str, "category": str, "severity": str, "regimes": list, "message": str, "check": dict}
_OPTIONAL = {"citation": str, "hint": str, "description": str, "organs": list, "examples": dict}
_EXAMPLE_KEYS = {"text": str, "lines": list, "format": str, "year": int, "regime": (str, int), "organ": str,
                 "published": str, "deadlines": dict}


class Example(NamedTuple):
    """A report the rule must fire on (at ``lines``) or stay silent on (``lines`` empty)."""

    text: str
    lines: tuple[int, ...] = ()
    format: str = "text"  # "text" or "markdown"
    year: int | None = None
    regime: str | None = None
    organ: str | None = None
    published: str | None = None  # YYYY-MM-DD, as --published
    deadlines: dict | None = None  # organ kind → "MM-DD", as the configuration gives them


class Rule:
    """A rule file, validated: its header, its check and its examples."""

    def __init__(self, id: str, name: str, category: str, severity: str, regimes: tuple[str, ...],
                 organs: tuple[str, ...], message: str, citation: str, hint: str, description: str,
                 kind: CheckKind, path: str, examples: dict[str, Example] | None = None):
        self.id = id
        self.name = name
        self.category = category
        self.severity = severity
        self.regimes = regimes
        self.organs = organs
        self.message = message
        self.citation = citation
        self.hint = hint
        self.description = description
        self.kind = kind
        self.path = path
        self.examples = {} if examples is None else examples  # "fail" and "pass"

    def applies(self, regime: str | None, organ: str | None) -> bool:
        if regime is None:
            if set(self.regimes) != set(REGIMES) or self.kind.needs_regime:
                return False
        elif regime not in self.regimes:
            return False
        return not self.organs or organ is None or organ in self.organs


# Data files beside the rules (parts of a report, standard tables), not rules themselves.
CATALOGUES = ("sections.yaml", "tables.yaml")


def rule_files(directory: Path) -> list[str]:
    """The paths of every YAML file below ``directory``, but the catalogues at its top.  A
    link is listed as the file it names, a dangling one too (reading it fails); a linked
    folder is not entered.  (os.walk and strings, not Path.rglob and Paths: the rule set's
    fingerprint asks for them on every run.)"""
    found = []
    for root, folders, files in os.walk(directory):
        names = files + [name for name in folders if os.path.islink(os.path.join(root, name))]
        top = root == os.fspath(directory)
        found += [os.path.join(root, name) for name in names
                  if name.endswith((".yaml", ".yml")) and not (top and name in CATALOGUES)]
    found.sort(key=lambda path: path.split(os.sep))  # part by part, as Paths sort
    return [p for p in found if os.path.isfile(p) or os.path.islink(p)]  # never a FIFO or a device


def load_dir(directory: Path) -> list[Rule]:
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"规则目录应为目录，而不是文件 (a rule directory, not a file): {directory}")
    if not directory.is_dir():
        raise UsageError(f"规则目录不存在 (no such rule directory): {directory}")
    files = rule_files(directory)
    if not files:
        raise UsageError(f"规则目录中没有规则文件 (no .yaml rule files in): {directory}")
    return [load_file(Path(path)) for path in files]


def load_file(path: Path) -> Rule:
    from linter import patterns
    from linter.builtin import RULES_DIR

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"无法读取规则文件 (cannot read rule file): {exc}") from None
    # the shipped rules' patterns are tested against adversarial text; a user's get a time bound
    shipped = RULES_DIR.resolve() in Path(path).resolve().parents
    with patterns.time_bound(None if shipped else patterns.TIMEOUT):
        return parse(yamlsource.load(str(path), text))


def parse(src: yamlsource.Located) -> Rule:
    data = src.data
    if not isinstance(data, dict):
        raise src.error("规则文件应为一个映射 (a rule file is a mapping)")
    for key in data:
        if key not in _REQUIRED and key not in _OPTIONAL:
            raise src.error(f"未知的键 (unknown key): {key}", key, key=True)
    for key, kind in {**_REQUIRED, **_OPTIONAL}.items():
        if key in data and not isinstance(data[key], kind):
            raise src.error(f"{key} 类型错误 (wrong type): 应为 {kind.__name__}", key)
        if key in _REQUIRED and key not in data:
            raise src.error(f"缺少必需的键 (missing key): {key}")
    _check_value(src, "id", re.fullmatch(_ID, data["id"]), "规则编号应形如 S201 (id like S201)")
    _check_value(src, "id", data["id"] not in ENGINE_RULES, "E001–E004 留给引擎自身的诊断 (reserved for the engine)")
    _check_value(src, "name", re.fullmatch(_NAME, data["name"]), "规则名称应为小写连字符形式 (kebab-case name)")
    _check_value(src, "category", data["category"] in CATEGORIES, f"类别应为 {', '.join(CATEGORIES)} 之一")
    _check_value(src, "severity", data["severity"] in SEVERITIES, f"严重程度应为 {', '.join(SEVERITIES)} 之一")
    regimes = tuple(str(r) for r in data["regimes"])
    _check_value(src, "regimes", regimes and set(regimes) <= set(REGIMES), f"regimes 应取自 {', '.join(REGIMES)}")
    organs = tuple(data.get("organs", ()))
    _check_value(src, "organs", set(organs) <= set(ORGANS), f"organs 应取自 {', '.join(ORGANS)}")
    kind = _kind(src, data["check"], regimes)
    _check_message(src, data["message"], kind)
    return Rule(id=data["id"], name=data["name"], category=data["category"], severity=data["severity"],
                regimes=regimes, organs=organs, message=_text(data["message"]),
                citation=_text(data.get("citation", "")), hint=_text(data.get("hint", "")),
                description=_text(data.get("description", "")), kind=kind, path=src.path,
                examples=_examples(src, data.get("examples", {})))


_FOLD = r"(?<=[^\x00-\x7f])[ \n]+(?=[^\x00-\x7f])"


def _text(value: str) -> str:
    """Rule prose without the spaces YAML's folding leaves between Chinese characters."""
    return re.sub(_FOLD, "", value.strip())


def _examples(src, data: dict) -> dict[str, Example]:
    out = {}
    for name, body in data.items():
        where = ("examples", name)
        if name not in ("fail", "pass"):
            raise src.error(f"examples 只能有 fail 与 pass (only fail and pass): {name}", *where, key=True)
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise src.error("示例需要 text (an example needs text)", *where)
        for key, value in body.items():
            if key not in _EXAMPLE_KEYS or not isinstance(value, _EXAMPLE_KEYS[key]):
                raise src.error(f"示例的键无效 (invalid example key): {key}", *where, key)
        lines = tuple(body.get("lines", ()))
        if name == "fail" and (not lines or not all(isinstance(n, int) and n > 0 for n in lines)):
            raise src.error("fail 示例需要 lines：应报告的行号列表 (lines where the rule fires)", *where)
        if name == "pass" and lines:
            raise src.error("pass 示例不应有 lines (a passing example has no lines)", *where, "lines")
        if body.get("format", "text") not in ("text", "markdown") or str(body.get("regime", "2007")) not in REGIMES \
                or body.get("organ", "government") not in ORGANS:
            raise src.error("示例的 format / regime / organ 取值无效", *where)
        if "published" in body and not _iso_date(body["published"]):
            raise src.error("示例的 published 应为 YYYY-MM-DD", *where, "published")
        out[name] = Example(text=body["text"], lines=lines, format=body.get("format", "text"), year=body.get("year"),
                            regime=str(body["regime"]) if "regime" in body else None, organ=body.get("organ"), published=body.get("published"),
                            deadlines=body.get("deadlines"))
    return out


def _iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_value(src, key, ok, message) -> None:
    if not ok:
        raise src.error(f"{key} 取值无效 (invalid value): {message}", key)


def _kind(src, check: dict, regimes) -> CheckKind:
    name = check.get("kind")
    kinds = plugins.check_kinds()
    if name not in kinds:
        raise src.error(f"未知的检查类型 (unknown check kind): {name}；可用 (known): {', '.join(sorted(kinds))}",
                        "check", "kind")
    cls = kinds[name]
    params = {k: v for k, v in check.items() if k != "kind"}

    def error(message, key=None, at_key=False):
        return src.error(message, "check", *((key,) if key else ()), key=at_key)

    kind = cls(**cls.validate(params, error))
    kind.prepare(regimes, error)
    return kind


def _check_message(src, message: str, kind: CheckKind) -> None:
    from string import Formatter  # rules from the per-user cache are not checked again

    try:
        fields = {name for _, name, _, _ in Formatter().parse(message) if name is not None}
    except ValueError as exc:
        raise src.error(f"message 格式错误 (bad placeholder): {exc}", "message") from None
    unknown = fields - set(kind.fields)
    if unknown:
        raise src.error(f"message 使用了未知占位符 (unknown placeholder): {', '.join(sorted(unknown))}；"
                        f"可用 (known): {', '.join(kind.fields) or '无'}", "message")


def load_all(extra_dirs=()) -> list[Rule]:
    """Every rule of every rule directory; duplicate ids or names are errors (load_set)."""
    return load_set(extra_dirs).rules()


class Header(NamedTuple):
    """What configuration and the result cache read of a rule: whether a file's findings are
    cached can be told without loading the checks (and importing what they import)."""

    id: str
    name: str
    category: str
    severity: str


class RuleSet:
    """The rules of some rule directories: their headers at once, the checks on first use."""

    def __init__(self, headers: list[Header], fingerprint: str | None, load, rules: list[Rule] | None = None):
        self.headers, self.fingerprint, self._load, self._rules = headers, fingerprint, load, rules

    @classmethod
    def of(cls, rules: list[Rule], fingerprint: str | None = None) -> "RuleSet":
        return cls([Header(r.id, r.name, r.category, r.severity) for r in rules], fingerprint, None, rules)

    def rules(self) -> list[Rule]:
        if self._rules is None:
            self._rules = self._load()
        return self._rules

    @cached_property
    def names(self) -> frozenset[str]:
        """Every rule's id and name: what a suppression comment may name."""
        return frozenset(key for h in self.headers for key in (h.id, h.name))

    @cached_property
    def _by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules()}

    def checks(self, headers: list[Header]) -> list[Rule]:
        """The rules of ``headers`` (selected for a file), with the severity the header gives."""
        by_id = self._by_id
        return [by_id[h.id] if by_id[h.id].severity == h.severity else _with_severity(by_id[h.id], h.severity)
                for h in headers]


def _with_severity(rule: Rule, severity: str) -> Rule:
    changed = copy.copy(rule)
    changed.severity = severity
    return changed


def load_set(extra_dirs=()) -> RuleSet:
    """Every rule of every rule directory; duplicate ids or names are errors.  A rule set
    loaded and validated before comes from the per-user cache: the headers from a small
    JSON file, the checks from the pickle when a file is linted."""
    from linter import cache

    directories = [*plugins.rule_dirs(), *extra_dirs]
    fingerprint = cache.rules_fingerprint(directories) if cache.enabled() else None
    if not fingerprint:
        return RuleSet.of(_load(directories))
    pickled, headed = f"rules-{fingerprint}.pickle", f"ruleheads-{fingerprint}.json"
    try:
        headers = [Header(*item) for item in cache.load_json(headed)]
    except TypeError:  # not cached (None), or damaged: load the rules now
        pass
    else:
        def checks():
            rules = cache.load_pickle(pickled)
            fits = isinstance(rules, list) and [r.id for r in rules] == [h.id for h in headers]
            return rules if fits else _load(directories)

        return RuleSet(headers, fingerprint, checks)
    rules = cache.load_pickle(pickled)
    if not isinstance(rules, list):
        rules = _load(directories)
        cache.store_pickle(pickled, rules, keep="rules-")
    rule_set = RuleSet.of(rules, fingerprint)
    cache.store_json(headed, rule_set.headers, keep="ruleheads-")
    return rule_set


def _load(directories) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for directory in directories:
        for rule in load_dir(Path(directory)):
            for key in (rule.id, rule.name):
                if key in seen:
                    raise RuleError(rule.path, 1, f"规则编号或名称重复 (duplicate id or name) {key}：另见 {seen[key].path}")
                seen[key] = rule
            rules.append(rule)
    return rules
