"""The plugin manager: built-in plugin plus every ``xxgk_lint`` entry point.

Each hook implementation is called on its own, so that whatever goes wrong — an exception
inside a hook, a name registered twice — is a one-line error naming the plugin.
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache

import pluggy

from linter import hookspecs
from linter.errors import UsageError

BUILTIN = "builtin"


@cache
def manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    from linter import builtin

    pm.register(builtin, name=BUILTIN)
    for name, value in entry_points():  # one at a time, so an error names its plugin
        try:
            pm.load_setuptools_entrypoints(hookspecs.PROJECT, name=name)
        except Exception as exc:  # a broken third-party plugin must not look like our bug
            raise UsageError(f"插件 {name} = {value} 加载失败 (plugin failed to load): {exc!r}") from exc
    try:
        pm.check_pending()  # a misspelt hook name would otherwise be silently ignored
    except pluggy.PluginValidationError as exc:
        raise UsageError(f"插件 {exc.plugin} 定义了未知的钩子 (unknown hook): {exc}") from None
    return pm


class Lazy:
    """A formatter class or a reader named by ``"module:attribute"`` and imported on first
    use, so that a run imports the one output format and the readers it needs, not all of
    them.  The attributes given here (``name``, ``suffixes``, ``binary``) answer without the
    import; ``instance=True`` stands for ``attribute()`` (readers are objects)."""

    def __init__(self, target: str, instance: bool = False, **attributes):
        self._target, self._instance = target, instance
        self.__dict__.update(attributes)

    def loaded(self):
        if "_loaded" not in self.__dict__:
            module, _, attribute = self._target.partition(":")
            value = getattr(importlib.import_module(module), attribute)
            self._loaded = value() if self._instance else value
        return self._loaded

    def __getattr__(self, name: str):  # only for what __init__ did not set
        if name.startswith("__"):  # pickle, copy: the proxy itself
            raise AttributeError(name)
        return getattr(self.loaded(), name)

    def __call__(self, *args, **kwargs):
        return self.loaded()(*args, **kwargs)


def entry_points() -> list[tuple[str, str]]:
    """(name, value) of every ``xxgk_lint`` entry point, in importlib.metadata's order.

    Asking importlib.metadata costs ~25 ms a run (its imports and a scan of every installed
    distribution), for an answer that changes only when a distribution is installed, upgraded
    or removed.  The answer is kept in the per-user cache under the names and modification
    times of the distributions' metadata folders."""
    from linter import cache

    name = f"entry-points-{_path_stamp()}.json"
    try:
        return [tuple(pair) for pair in cache.load_json(name)]
    except TypeError:  # a miss (None), or a damaged file: ask again
        pass
    from importlib.metadata import entry_points as installed

    found = [(entry.name, entry.value) for entry in installed(group=hookspecs.PROJECT)]
    cache.store_json(name, found, keep="entry-points-")
    return found


def _path_stamp() -> str:
    """The installed distributions: each ``*.dist-info``/``*.egg-info`` on ``sys.path`` with
    its modification time (installing, upgrading or removing one changes these)."""
    import hashlib

    stamps = []
    for folder in map(os.path.abspath, sys.path):
        try:
            with os.scandir(folder) as entries:
                stamps += sorted(f"{entry.path}\0{entry.stat().st_mtime_ns}" for entry in entries
                                 if entry.name.endswith((".dist-info", ".egg-info")))
        except OSError:  # not a folder: a zip archive (which may hold distributions too), or nothing
            info = os.stat(folder) if os.path.isfile(folder) else None
            stamps.append(f"{folder}\0{info.st_mtime_ns}\0{info.st_size}" if info else f"{folder}\0-")
    return hashlib.sha256("\n".join([*sys.path, *stamps]).encode()).hexdigest()[:32]


def _call(hook_name: str) -> list[tuple[str, list]]:
    """(plugin name, returned list) of every implementation, built-in first."""
    out = []
    for impl in getattr(manager().hook, hook_name).get_hookimpls():  # registration order
        try:
            items = impl.function()
        except Exception as exc:
            raise UsageError(f"插件 {impl.plugin_name} 的 {hook_name} 出错 (hook raised): {exc!r}") from exc
        if items is not None:
            out.append((impl.plugin_name, list(items)))
    return out


def _named(hook_name: str, what: str) -> dict:
    table, owner = {}, {}
    for plugin, items in _call(hook_name):
        for item in items:
            if item.name in table and table[item.name] is not item:
                raise UsageError(f"{what} “{item.name}” 被重复注册 (registered twice): "
                                 f"{owner[item.name]} 与 {plugin}")
            table[item.name], owner[item.name] = item, plugin
    return table


@cache
def check_kinds() -> dict[str, type]:
    return _named("xxgk_lint_check_kinds", "检查类型 check kind")


@cache
def formatters() -> dict[str, type]:
    return _named("xxgk_lint_formatters", "输出格式 formatter")


@cache
def readers() -> dict[str, object]:
    """Readers by file suffix; a plugin's reader replaces the built-in one for its suffix,
    two plugins claiming one suffix are an error."""
    table, owner = {}, {}
    for plugin, items in _call("xxgk_lint_readers"):
        for reader in items:
            for suffix in (s.lower() for s in reader.suffixes):
                if suffix in table and owner[suffix] != BUILTIN and owner[suffix] != plugin:
                    raise UsageError(f"文件类型 {suffix} 的读取器被重复注册 (reader registered twice): "
                                     f"{owner[suffix]} 与 {plugin}")
                table[suffix], owner[suffix] = reader, plugin
    return table


def rule_dirs() -> list[str]:
    return [d for _, dirs in _call("xxgk_lint_rule_dirs") for d in dirs]
