"""Find, merge (``extends``) and validate the user's configuration.

A configuration is ``.xxgk-lint.yaml`` (or ``.yml``), or the ``[tool.xxgk-lint]`` table of
``pyproject.toml``, found by walking up from each linted file; ``--config FILE`` names one
for every file.  Keys (docs/configuration.md)::

    extends: ../province/xxgk-lint.yaml   # a pack underneath this file (a list is allowed)
    select: [section, F101]               # only these rules (ids, names or categories)
    ignore: [S106]                        # never these
    severity: {N101: info}                # per-rule severity
    fail-level: warning                   # exit 1 from this severity up
    rule-dirs: [rules-local]              # extra rule directories
    organ: township                       # defaults when the report does not say
    regime: "2021"
    deadlines: {township: "02-20"}        # organ kind → MM-DD of the following year
    max-file-size: 20MB                   # larger files are reported and not read
    per-file-ignores: {"2017/*.txt": [S106]}
    overrides:
      - files: ["departments/*"]
        organ: department
        ignore: [S201]

Paths are relative to the file that names them; globs match the linted file's path
relative to the configuration's folder (fnmatch: ``*`` also crosses folders).
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from linter import yamlsource
from linter.diagnostic import CATEGORIES, ENGINE_RULES, SEVERITIES
from linter.errors import RuleError, UsageError
from linter.facts import ORGANS, REGIMES

NAMES = (".xxgk-lint.yaml", ".xxgk-lint.yml")
_MMDD = r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_LIST_KEYS = ("select", "ignore", "rule-dirs")
DEADLINE_KEYS = (*ORGANS, "summary")  # summary: 汇总 reports of a whole jurisdiction
_FILE_KEYS = {"select", "ignore", "severity", "organ", "regime", "deadlines"}  # allowed in overrides


class Layer:
    """One configuration file's settings, paths already resolved."""

    def __init__(self, source: yamlsource.Located, root: Path, values: dict | None = None):
        self.source = source
        self.root = root
        self.values = {} if values is None else values


class Config:
    """Merged settings; ``selectors`` keep where each rule named came from, for error messages."""

    def __init__(self, root: Path | None = None, select: list | None = None, ignore: list | None = None,
                 severity: dict | None = None, fail_level: str | None = None, rule_dirs: list | None = None,
                 organ: str | None = None, regime: str | None = None, deadlines: dict | None = None,
                 per_file_ignores: list | None = None, overrides: list | None = None,
                 selectors: list | None = None, path: str | None = None, max_file_size: int | None = None):
        self.root = root
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.fail_level = fail_level
        self.rule_dirs = [] if rule_dirs is None else rule_dirs
        self.organ = organ
        self.regime = regime
        self.deadlines = {} if deadlines is None else deadlines
        self.per_file_ignores = [] if per_file_ignores is None else per_file_ignores  # (glob, [selectors], folder)
        self.overrides = [] if overrides is None else overrides  # ([globs], partial Config, folder)
        self.selectors = [] if selectors is None else selectors  # (selector, located, key path) to validate
        self.path = path
        self.max_file_size = max_file_size


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a folder)."""
    for folder in [start, *start.parents]:
        for name in NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.xxgk-lint]" in pyproject.read_text("utf-8", errors="replace"):
            return pyproject
    return None


def load(path: Path) -> Config:
    config = Config(root=path.parent, path=str(path))
    for layer in _chain(path.resolve(), ()):
        _apply(config, layer)
    return config


def _chain(path: Path, seen: tuple) -> list[Layer]:
    """The layers of ``path``: what it extends first, itself last."""
    if path in seen:
        cycle = " → ".join(str(p) for p in (*seen, path))
        raise UsageError(f"配置循环继承 (circular extends): {cycle}")
    source = _read(path)
    data = source.data
    if not isinstance(data, dict):
        raise source.error("配置应为一个映射 (a configuration is a mapping)")
    layer = Layer(source, path.parent, data)
    extends = data.get("extends", [])
    extends = [extends] if isinstance(extends, str) else extends
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise source.error("extends 应为路径或路径列表 (a path or a list of paths)", "extends")
    chain = []
    for i, target in enumerate(extends):
        resolved = (path.parent / target).resolve()
        if not resolved.is_file():
            raise source.error(f"extends 指向的文件不存在 (extended file not found): {target}", "extends",
                               *((i,) if isinstance(data["extends"], list) else ()))
        chain += _chain(resolved, (*seen, path))
    return chain + [layer]


def _read(path: Path) -> yamlsource.Located:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"无法读取配置文件 (cannot read configuration): {exc}") from None
    if path.name == "pyproject.toml":
        return _read_pyproject(path, text)
    return yamlsource.load(str(path), text)


def _read_pyproject(path: Path, text: str) -> yamlsource.Located:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(str(path), None, f"TOML 语法错误 (syntax error): {exc}") from None
    tool = data.get("tool", {})
    table = tool.get("xxgk-lint", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise RuleError(str(path), None, "tool 与 [tool.xxgk-lint] 应为表（映射）(must be tables)")
    line = next((i for i, l in enumerate(text.splitlines(), 1) if l.strip() == "[tool.xxgk-lint]"), None)
    return yamlsource.Located(f"{path} [tool.xxgk-lint]", table, {(): (line, 1)} if line else {}, {})


def _apply(config: Config, layer: Layer) -> None:
    src, data = layer.source, layer.values
    known = {"extends", "select", "ignore", "severity", "fail-level", "rule-dirs", "organ", "regime", "deadlines",
             "per-file-ignores", "overrides", "max-file-size"}
    for key in data:
        if key not in known:
            raise src.error(f"未知的配置项 (unknown key): {key}", key, key=True)
    for key in _LIST_KEYS:
        if key in data and not (isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])):
            raise src.error(f"{key} 应为字符串列表 (a list of strings)", key)
    if "select" in data:
        config.select = list(data["select"])
    config.ignore += data.get("ignore", [])
    config.selectors += [(s, src, (k, i)) for k in ("select", "ignore") for i, s in enumerate(data.get(k, []))]
    for i, folder in enumerate(data.get("rule-dirs", [])):
        resolved = (layer.root / folder).resolve()
        if not resolved.is_dir():
            raise src.error(f"规则目录不存在 (no such rule directory): {folder}", "rule-dirs", i)
        config.rule_dirs.append(resolved)
    _apply_file_values(config, data, src, ())
    if "max-file-size" in data:
        config.max_file_size = _size(src, data["max-file-size"])
    if "fail-level" in data:
        if data["fail-level"] not in SEVERITIES:
            raise src.error(f"fail-level 应为 {', '.join(SEVERITIES)} 之一", "fail-level")
        config.fail_level = data["fail-level"]
    for pattern, selectors in _mapping(src, data, "per-file-ignores").items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            raise src.error("per-file-ignores 的值应为规则列表 (a list of rules)", "per-file-ignores", pattern)
        config.per_file_ignores.append((pattern, selectors, layer.root))
        config.selectors += [(s, src, ("per-file-ignores", pattern, i)) for i, s in enumerate(selectors)]
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        raise src.error("overrides 应为列表 (a list)", "overrides")
    for i, item in enumerate(overrides):
        where = ("overrides", i)
        if not isinstance(item, dict) or not isinstance(item.get("files"), list):
            raise src.error("overrides 每项需要 files: [glob…] (each needs files)", *where)
        for key in item:
            if key != "files" and key not in _FILE_KEYS:
                raise src.error(f"overrides 中不能用 (not allowed in overrides): {key}", *where, key, key=True)
        partial = Config()
        _apply_file_values(partial, item, src, where)
        if "select" in item or "ignore" in item:
            for k in ("select", "ignore"):
                if k in item and not (isinstance(item[k], list) and all(isinstance(v, str) for v in item[k])):
                    raise src.error(f"{k} 应为字符串列表 (a list of strings)", *where, k)
            partial.select = item.get("select")
            partial.ignore = item.get("ignore", [])
            config.selectors += [(s, src, (*where, k, j)) for k in ("select", "ignore")
                                 for j, s in enumerate(item.get(k) or [])]
        config.overrides.append((item["files"], partial, layer.root))


def _apply_file_values(config: Config, data: dict, src, where: tuple) -> None:
    """organ, regime, deadlines, severity: allowed at the top and in overrides."""
    if "organ" in data:
        if data["organ"] not in ORGANS:
            raise src.error(f"organ 应为 {', '.join(ORGANS)} 之一", *where, "organ")
        config.organ = data["organ"]
    if "regime" in data:
        if str(data["regime"]) not in REGIMES:
            raise src.error(f"regime 应为 {', '.join(REGIMES)} 之一", *where, "regime")
        config.regime = str(data["regime"])
    for organ, day in _mapping(src, data, "deadlines", where).items():
        if organ not in DEADLINE_KEYS or not isinstance(day, str) or not re.fullmatch(_MMDD, day):
            raise src.error(f"deadlines 应为 {{{'|'.join(DEADLINE_KEYS)}}}: \"MM-DD\"，如 township: \"02-20\"",
                            *where, "deadlines", organ)
        config.deadlines[organ] = day
    for rule, level in _mapping(src, data, "severity", where).items():
        if level not in SEVERITIES:
            raise src.error(f"severity 的值应为 {', '.join(SEVERITIES)} 之一", *where, "severity", rule)
        config.severity[rule] = level
        config.selectors.append((rule, src, (*where, "severity", rule)))


_SIZE = r"(?i)(\d+)\s*(B|KB|MB|GB)?"
_UNITS = {"": 1, "B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def _size(src, value) -> int:
    """Bytes from 20000000, "20MB", "512 KB"."""
    match = re.fullmatch(_SIZE, str(value).strip()) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if not match or int(match.group(1)) == 0:
        raise src.error("max-file-size 应为正的字节数，可带单位 KB/MB/GB，如 20MB", "max-file-size")
    return int(match.group(1)) * _UNITS[(match.group(2) or "").upper()]


def _mapping(src, data: dict, key: str, where: tuple = ()) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise src.error(f"{key} 应为映射 (a mapping)", *where, key)
    return value




def known_selectors(rules) -> set[str]:
    return {r.id for r in rules} | {r.name for r in rules} | set(CATEGORIES) | set(ENGINE_RULES)


def validate(config: Config, rules) -> None:
    """Every selector names a rule id, a rule name or a category: never silently ignored."""
    known = known_selectors(rules)
    for selector, src, where in config.selectors:
        if selector not in known:
            raise src.error(f"未知的规则 (unknown rule, name or category): {selector}", *where, key=True)


def selected(rule, select, ignore) -> bool:
    if select is None and not ignore:  # no selectors, the usual case: asked for every rule of every file
        return True
    names = (rule.id, rule.name, rule.category)
    return (select is None or any(s in names for s in select)) and not any(s in names for s in ignore)


class FileSettings:
    """The configuration that applies to one file, after its overrides."""

    def __init__(self, rules: list, organ: str | None, regime: str | None, deadlines: dict, fail_level: str | None,
                 ignore: list | None = None, severity: dict | None = None):
        self.rules = rules
        self.organ = organ
        self.regime = regime
        self.deadlines = deadlines
        self.fail_level = fail_level
        self.ignore = [] if ignore is None else ignore  # for the engine's own findings (E001–E004)
        self.severity = {} if severity is None else severity


def engine_settings(diagnostics: list, settings: FileSettings, ignore: list) -> list:
    """The engine's own findings obey ``ignore`` and ``severity`` by id or name (never
    ``select``: an unreadable file must not vanish because a rule was selected)."""
    out = []
    for d in diagnostics:
        if d.rule not in ENGINE_RULES:
            out.append(d)
        elif not {d.rule, d.name} & set(settings.ignore + list(ignore)):
            level = settings.severity.get(d.rule) or settings.severity.get(d.name)
            out.append(d._replace(severity=level) if level else d)
    return out


def for_file(config: Config, rules: list, path: str) -> FileSettings:
    """The rules (their headers: rulefile.Header) and defaults that apply to one linted file."""
    select, ignore = config.select, list(config.ignore)
    severity, deadlines = dict(config.severity), dict(config.deadlines)
    organ, regime = config.organ, config.regime
    for pattern, selectors, root in config.per_file_ignores:
        if fnmatch.fnmatch(_relative(path, root), pattern):
            ignore += selectors
    for globs, partial, root in config.overrides:
        if any(fnmatch.fnmatch(_relative(path, root), g) for g in globs):
            select = partial.select if partial.select is not None else select
            ignore += partial.ignore
            severity.update(partial.severity)
            deadlines.update(partial.deadlines)
            organ, regime = partial.organ or organ, partial.regime or regime
    chosen = []
    for rule in rules:
        if selected(rule, select, ignore):
            level = next((severity[k] for k in (rule.id, rule.name, rule.category) if k in severity), None) \
                if severity else None
            chosen.append(rule._replace(severity=level) if level else rule)
    return FileSettings(chosen, organ, regime, deadlines, config.fail_level, ignore, severity)


def _relative(path: str, root: Path | None) -> str:
    if root is None:
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


@lru_cache(maxsize=256)
def discover(folder: str) -> Config:
    found = find(Path(folder).resolve())
    return load(found) if found else Config()
