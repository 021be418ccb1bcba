"""The whole plugin contract of xxgk-lint.

A plugin is a module or object with functions marked ``@hookimpl`` of the names
below.  Third-party plugins register through the entry-point group
``xxgk_lint``; the built-in ones (``linter.builtin``) use exactly these hooks.
"""

from __future__ import annotations

import pluggy

PROJECT = "xxgk_lint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def xxgk_lint_check_kinds() -> list[type]:
    """Return check-kind classes (see ``linter.kinds.CheckKind``); each has a unique ``name``
    that rule YAML files name under ``check: kind:``."""


@hookspec
def xxgk_lint_readers() -> list[object]:
    """Return readers: objects with ``format`` (a name), ``suffixes`` (e.g. ``(".md",)``)
    and ``read(path: str, text: str) -> Document`` for text formats; a container format
    sets ``binary = True`` and has ``read_bytes(path: str, data: bytes) -> Document``
    instead (the .docx reader)."""


@hookspec
def xxgk_lint_formatters() -> list[type]:
    """Return formatter classes with a unique ``name`` (the ``--format`` value) and
    ``render(results, stream)``."""


@hookspec
def xxgk_lint_rule_dirs() -> list[str]:
    """Return directories of YAML rules to load."""
