"""The plugin manager: built-in plugin plus every ``xxgk_lint`` entry point."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

import pluggy

from linter import hookspecs
from linter.errors import UsageError


@cache
def manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    from linter import builtin

    pm.register(builtin, name="builtin")
    for entry in entry_points(group=hookspecs.PROJECT):  # one at a time, so an error names its plugin
        try:
            pm.load_setuptools_entrypoints(hookspecs.PROJECT, name=entry.name)
        except Exception as exc:  # a broken third-party plugin must not look like our bug
            raise UsageError(f"插件 {entry.name} = {entry.value} 加载失败 (plugin failed to load): {exc!r}") from exc
    return pm


def _named(results: list[list], what: str) -> dict:
    table = {}
    for items in results:
        for item in items:
            if item.name in table and table[item.name] is not item:
                raise UsageError(f"{what} “{item.name}” 被重复注册 (registered twice)")
            table[item.name] = item
    return table


@cache
def check_kinds() -> dict[str, type]:
    return _named(manager().hook.xxgk_lint_check_kinds(), "检查类型 check kind")


@cache
def formatters() -> dict[str, type]:
    return _named(manager().hook.xxgk_lint_formatters(), "输出格式 formatter")


@cache
def readers() -> dict[str, object]:
    """Readers by file suffix."""
    table = {}
    for items in manager().hook.xxgk_lint_readers():
        for reader in items:
            for suffix in reader.suffixes:
                table[suffix.lower()] = reader
    return table


def rule_dirs() -> list[str]:
    return [d for dirs in manager().hook.xxgk_lint_rule_dirs() for d in dirs]
