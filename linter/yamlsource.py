"""Safe YAML loading that remembers where every key and value stands (line and column)."""

from __future__ import annotations

import re
from functools import cache

from linter.errors import RuleError

Position = tuple[int, int]  # 1-based line and column

# libyaml's parser (PyYAML built with it) composes nodes about 15× faster than the pure-Python
# one and gives the same nodes with the same marks.  It is only a shortcut: where the two
# differ — a character the pure-Python reader refuses (control characters), tabs and a
# comment glued to a block scalar's ``|`` (libyaml accepts some that PyYAML refuses), a
# byte-order mark inside the text, an explicit ``?`` key (an empty one is placed
# differently) — and on any error the pure-Python loader reads the text, so what is
# accepted, every position and every message stay exactly as they were.
# PyYAML is imported on first use: a run whose rules come from the per-user cache and whose
# configuration is TOML never needs it.
@cache
def _fast_loader():
    """(libyaml loader or None, texts only the pure-Python loader may read)."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None
    pure_only = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern + "|[\t\ufeff]"
                           + r"|(?:^|[\s\[{,])\?(?:\s|$)|[|>][-+0-9]*#")
    return fast, pure_only


class Located:
    """A loaded YAML document plus the position of each key path, for error messages."""

    def __init__(self, path: str, data, values: dict[tuple, Position], keys: dict[tuple, Position]):
        self.path, self.data, self._values, self._keys = path, data, values, keys

    def position(self, *path, key: bool = False) -> Position | None:
        """Where the value at ``path`` stands (its key with ``key=True``); the deepest known
        ancestor when ``path`` is not in the document."""
        table = self._keys if key and path in self._keys else self._values
        while path and path not in table:
            path, table = path[:-1], self._values
        return table.get(path, self._values.get(()))

    def line(self, *path) -> int | None:
        position = self.position(*path)
        return position[0] if position else None

    def error(self, message: str, *path, key: bool = False) -> RuleError:
        line, column = self.position(*path, key=key) or (None, None)
        return RuleError(self.path, line, message, column)


def load(path: str, text: str) -> Located:
    """Parse ``text`` with PyYAML's safe loader; RuleError with file:line:column on bad syntax."""
    import yaml

    fast, pure_only = _fast_loader()
    if fast is not None and not pure_only.search(text):
        try:
            return _load(path, text, fast)
        except RuleError as exc:
            if "too many nodes" in str(exc):  # no second, slower expansion of a bomb
                raise
        except Exception:  # noqa: BLE001 - the pure-Python loader below says what is wrong, as before
            pass
    return _load(path, text, yaml.SafeLoader)


MAX_NODES = 100_000  # after alias expansion: a rule file has hundreds; a "billion laughs" file billions


def _load(path: str, text: str, loader_class) -> Located:
    import yaml

    loader = None
    try:
        loader = loader_class(text)  # the reader refuses control characters already here
        node = loader.get_single_node()
        if node is None:
            raise RuleError(path, 1, "文件为空 (empty YAML file)")
        values: dict[tuple, Position] = {}
        keys: dict[tuple, Position] = {}
        data = _convert(path, loader, node, (), values, keys, [MAX_NODES])
    except RecursionError:
        raise RuleError(path, None, "YAML 嵌套过深 (nested too deep)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context_mark", None)
        if context and mark and context.line != mark.line:
            problem += f"（始于第 {context.line + 1} 行 (started on line {context.line + 1})）"
        if mark is None and isinstance(exc, yaml.reader.ReaderError):  # a control character
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            raise RuleError(path, line, f"YAML 不允许的字符 (character not allowed) {exc.character!r}", column) from None
        raise RuleError(path, mark.line + 1 if mark else None, f"YAML 语法错误 (syntax error): {problem}",
                        mark.column + 1 if mark else None) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Located(path, data, values, keys)


def _at(node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(path: str, loader, node, where: tuple, values: dict, keys: dict, budget: list):
    import yaml

    budget[0] -= 1
    if budget[0] < 0:
        raise RuleError(path, None, f"YAML 展开后超过 {MAX_NODES} 个节点（别名嵌套过多？）(too many nodes after alias expansion)")
    values.setdefault(where, _at(node))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # merge keys (<<: *anchor)
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise RuleError(path, key_node.start_mark.line + 1, f"重复的键 (duplicate key): {key}",
                                key_node.start_mark.column + 1)
            keys[where + (key,)] = _at(key_node)
            out[key] = _convert(path, loader, value_node, where + (key,), values, keys, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(path, loader, item, where + (i,), values, keys, budget) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
