"""Opt-in timing of the pipeline: ``XXGK_LINT_PROFILE=1 xxgk-lint check …`` prints to standard
error where the time went — start-up and imports, rule loading (YAML, validation, grammars),
reading, parsing and the section tree, facts, tables, scopes, each rule, output — and the
peak memory.  Standard output is unchanged.

Nothing here runs unless the variable is set: ``install()`` wraps the module functions the
pipeline calls through their modules (``readers.read``, ``outline.build``, ``engine.run_rule``
…) so the normal path carries no timing code at all.  Times are exclusive: a stage started
inside another (tables built by the first rule that asks for them) is not counted twice.
With ``--jobs N`` the per-file stages are summed over the worker processes.
"""

from __future__ import annotations

import functools
import os
import sys
import time

ENV = "XXGK_LINT_PROFILE"

_totals: dict[str, float] = {}
_counts: dict[str, int] = {}
_stack: list[list] = []  # [name, start, time spent in nested stages]
_installed = False


def enabled() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def push(name: str) -> None:
    _stack.append([name, time.perf_counter(), 0.0])


def pop() -> None:
    name, start, nested = _stack.pop()
    elapsed = time.perf_counter() - start
    _totals[name] = _totals.get(name, 0.0) + elapsed - nested
    _counts[name] = _counts.get(name, 0) + 1
    if _stack:
        _stack[-1][2] += elapsed


def add(name: str, seconds: float, count: int = 1) -> None:
    _totals[name] = _totals.get(name, 0.0) + seconds
    _counts[name] = _counts.get(name, 0) + count


def _wrap(owner, attribute: str, name) -> None:
    """Replace ``owner.attribute`` by a timed version; ``name`` is a stage name or a function
    of the call's arguments giving one."""
    original = getattr(owner, attribute)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        push(name(*args, **kwargs) if callable(name) else name)
        try:
            return original(*args, **kwargs)
        finally:
            pop()

    setattr(owner, attribute, timed)


def install() -> None:
    """Time the pipeline's stages from now on (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    started = process_age()
    if started is not None:
        add("start-up: interpreter and imports before main()", started)
    push("imports (modules loaded after start-up)")  # what install() itself imports
    import lark

    from linter import cache, cli, engine, facts, outline, plugins, readers, rulefile, scopes, suppressions, yamlsource
    from linter import config as config_mod
    from linter import parts, tables
    from linter.readers import docx, markdown, text

    pop()
    _wrap(plugins, "check_kinds", "plugins: load check kinds (imports)")
    _wrap(plugins, "readers", "plugins: load readers")
    _wrap(plugins, "formatters", "plugins: load formatters (imports)")
    _wrap(rulefile, "load_set", "rules: load the rule set (per-user cache or files)")
    _wrap(rulefile.RuleSet, "rules", "rules: load the checks (per-user cache or files)")
    _wrap(cache, "rules_fingerprint", "cache: fingerprint of the rule set")
    _wrap(cache.ResultCache, "key", "cache: hash the file (result cache key)")
    _wrap(cache.ResultCache, "get", "cache: read cached findings")
    _wrap(cache.ResultCache, "put", "cache: write findings")
    _wrap(yamlsource, "load", "rules: YAML parse (rules, catalogues, configuration)")
    _wrap(rulefile, "parse", "rules: validate and prepare")
    _wrap(lark.Lark, "__init__", "rules: build lark grammars")
    _wrap(config_mod, "discover", "config: discover")
    _wrap(config_mod, "for_file", "config: settings per file")
    _wrap(readers, "read", "read: open and check the file")
    _wrap(readers, "decode", "read: decode")
    _wrap(markdown.MarkdownReader, "read", "parse: markdown-it tokens")
    _wrap(text.TextReader, "read", "parse: text blocks")
    _wrap(docx.DocxReader, "read_bytes", "parse: .docx (lxml)")
    _wrap(outline, "build", "parse: section tree (outline)")
    _wrap(facts, "detect", "facts: year, regime, organ")
    _wrap(tables, "tables", "tables: extract")
    _wrap(tables, "standard", "tables: recognise standard tables")
    _wrap(scopes, "segments", "scopes: normalised text")
    _wrap(parts, "located_parts", "parts: locate")
    _wrap(suppressions, "directives", "suppressions")
    _wrap(engine, "run_rule", lambda rule, doc: f"rule {rule.id} {rule.name}")
    _wrap(engine, "_lint_in_worker", "worker: lint one file")
    _wrap(cli, "_emit", "output: format and write")
    _carry_from_workers(engine)
    _time_imports()


def _time_imports() -> None:
    """Modules first imported from now on (lazily, inside the pipeline) count as imports,
    not as the stage that happened to need them."""
    import builtins

    original = builtins.__import__

    def timed_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level or name in sys.modules:
            return original(name, globals, locals, fromlist, level)
        push("imports (modules loaded after start-up)")
        try:
            return original(name, globals, locals, fromlist, level)
        finally:
            pop()

    builtins.__import__ = timed_import


def _carry_from_workers(engine) -> None:
    """Workers send their figures back with each result; the parent adds them up."""
    worker = engine._lint_in_worker

    @functools.wraps(worker)
    def lint_in_worker(path):
        before = dict(_totals), dict(_counts)
        result = worker(path)
        result.__dict__["_profile"] = ({k: v - before[0].get(k, 0.0) for k, v in _totals.items()
                                        if _counts[k] != before[1].get(k, 0)},
                                       {k: v - before[1].get(k, 0) for k, v in _counts.items()})
        return result

    engine._lint_in_worker = lint_in_worker
    lint = engine.Runner.lint

    @functools.wraps(lint)
    def runner_lint(self, *args, **kwargs):
        results = lint(self, *args, **kwargs)
        for result in results:
            carried = result.__dict__.pop("_profile", None)
            if carried:
                for key, seconds in carried[0].items():
                    add(f"{key} [workers]", seconds, carried[1].get(key, 0))
        return results

    engine.Runner.lint = runner_lint


def process_age() -> float | None:
    """Seconds since this process started (Linux), else None."""
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def report(stream=None) -> None:
    """Per-stage and per-rule times, CPU time and peak memory, to standard error."""
    import resource

    stream = stream or sys.stderr
    wall = process_age()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stages = sorted(((k, v) for k, v in _totals.items() if not k.startswith("rule ")), key=lambda kv: -kv[1])
    rules = sorted(((k, v) for k, v in _totals.items() if k.startswith("rule ")), key=lambda kv: -kv[1])
    accounted = sum(_totals.get(k, 0.0) for k in _totals if not k.endswith("[workers]"))
    out = ["xxgk-lint profile (exclusive wall time per stage; XXGK_LINT_PROFILE)"]
    if wall is not None:
        out.append(f"  {'process wall time':<60} {wall * 1000:9.1f} ms")
    out.append(f"  {'CPU user+sys (self / children)':<60} {(own.ru_utime + own.ru_stime) * 1000:9.1f} ms"
               f" / {(children.ru_utime + children.ru_stime) * 1000:.1f} ms")
    out.append(f"  {'peak RSS (self / largest child)':<60} {own.ru_maxrss / 1024:9.1f} MiB"
               f" / {children.ru_maxrss / 1024:.1f} MiB")
    out.append("stages:")
    for name, seconds in stages:
        out.append(f"  {name:<60} {seconds * 1000:9.1f} ms  ×{_counts.get(name, 0)}")
    if wall is not None:
        out.append(f"  {'(outside the stages: main(), arguments, waiting for workers)':<60} "
                   f"{(wall - accounted) * 1000:9.1f} ms")
    out.append(f"rules (all {len(rules)}): {sum(v for _, v in rules) * 1000:.1f} ms")
    for name, seconds in rules:
        out.append(f"  {name:<60} {seconds * 1000:9.2f} ms  ×{_counts.get(name, 0)}")
    stream.write("\n".join(out) + "\n")
    stream.flush()
