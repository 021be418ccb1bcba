"""Safe YAML loading that remembers the source line of every key."""

from __future__ import annotations

import yaml

from linter.errors import RuleError


class Located:
    """A loaded YAML document plus the line of each key path, for error messages."""

    def __init__(self, path: str, data, lines: dict[tuple, int]):
        self.path, self.data, self._lines = path, data, lines

    def line(self, *keys) -> int | None:
        """Line of the deepest known key along ``keys`` (1-based)."""
        while keys and keys not in self._lines:
            keys = keys[:-1]
        return self._lines.get(keys, self._lines.get(()))

    def error(self, message: str, *keys) -> RuleError:
        return RuleError(self.path, self.line(*keys), message)


def load(path: str, text: str) -> Located:
    """Parse ``text`` with PyYAML's safe loader; RuleError with file:line on bad syntax."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise RuleError(path, 1, "文件为空 (empty YAML file)")
        lines: dict[tuple, int] = {}
        data = _convert(path, loader, node, (), lines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context_mark", None)
        if context and mark and context.line != mark.line:
            problem += f"（始于第 {context.line + 1} 行 (started on line {context.line + 1})）"
        raise RuleError(path, mark.line + 1 if mark else None, f"YAML 语法错误 (syntax error): {problem}") from None
    finally:
        loader.dispose()
    return Located(path, data, lines)


def _convert(path: str, loader, node, keys: tuple, lines: dict):
    lines.setdefault(keys, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # merge keys (<<: *anchor)
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise RuleError(path, key_node.start_mark.line + 1, f"重复的键 (duplicate key): {key}")
            lines[keys + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(path, loader, value_node, keys + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(path, loader, item, keys + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
