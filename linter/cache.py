"""Caches that make the next run cheaper and never change what it reports.

Two of them, both skipped with ``--no-cache`` (or ``XXGK_LINT_NO_CACHE=1``):

* **Results** (``ResultCache``): the findings of one file, as JSON in the cache folder
  (``--cache-dir``, the configuration's ``cache-dir``, else ``.xxgk-lint-cache/`` in the current
  folder; the folder ignores itself in git).  The key is everything the findings depend on:
  the tool's version, the rule set's fingerprint (below), the file's path and content, the rules
  that apply to it with their severities, the facts given on the command line or in the
  configuration, the size limit, and today's date (rules compare dates with today).  An
  unchanged file in a pre-commit run is not read again beyond hashing it.
* **Compiled rules and grammars**: the validated rule set and the lark parsers, pickled, in a
  per-user folder (``$XDG_CACHE_HOME/xxgk-lint``, else ``~/.cache/xxgk-lint``) — never in a
  project folder, since loading a pickle runs code: a repository must not be able to bring
  its own.  Files are used only when they belong to the current user.  The same folder keeps
  the compiled code of the package's own regular expressions (linter/regexes.py), which
  is read as the modules are imported, before the command line is: ``--no-cache`` keeps a
  run from writing it, ``XXGK_LINT_NO_CACHE=1`` from reading it too.

The rule set's fingerprint covers the content of every rule file and catalogue, the source
files (size and modification time, as Python's own bytecode cache does) of this package and of
every check kind's module, the plugins and the versions of Python, PyYAML, lark and regex.
Invalid rule files are never cached, so their errors are reported exactly as without a cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
from pathlib import Path

ENV_DISABLE = "XXGK_LINT_NO_CACHE"
DEFAULT_DIR = ".xxgk-lint-cache"
FORMAT = 1  # bump when the layout of cached results changes
_switched_off = False
_ever_switched_off = False


def switch_off(off: bool = True) -> bool:
    """``--no-cache``: read and write no cache until switched on again; returns the setting
    it replaces."""
    global _switched_off, _ever_switched_off
    previous, _switched_off = _switched_off, off
    _ever_switched_off = _ever_switched_off or off
    return previous


def enabled() -> bool:
    return not _switched_off and os.environ.get(ENV_DISABLE, "") in ("", "0")


def enabled_throughout() -> bool:
    """Whether nothing in this process asked for no cache: for what is written as it ends."""
    return enabled() and not _ever_switched_off


# ---------------------------------------------------------------- per-user folder (pickles)

def user_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xxgk-lint" if os.path.isabs(base) else None


def _own(path: Path) -> bool:
    """A file we may unpickle: ours, not writable by others."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def user_file(name: str) -> Path | None:
    """Where ``name`` goes in the per-user folder (created, private), None without one."""
    folder = user_dir()
    if folder is None or not enabled():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder / name


def load_bytes(name: str) -> bytes | None:
    folder = user_dir()  # not created: a run that only reads leaves no folder behind
    path = folder / name if folder is not None and enabled() else None
    if path is None or not _own(path):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def load_pickle(name: str):
    import pickle

    data = load_bytes(name)
    try:
        return pickle.loads(data) if data is not None else None
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is a miss, never an error
        return None


def load_json(name: str):
    """The JSON value kept as ``name``; None when there is none or it is damaged."""
    data = load_bytes(name)
    try:
        return json.loads(data) if data is not None else None
    except ValueError:
        return None


def store_json(name: str, value, keep: str | None = None) -> None:
    store_bytes(name, json.dumps(value, ensure_ascii=False).encode("utf-8"), keep)


def store_pickle(name: str, value, keep: str | None = None) -> None:
    import pickle

    store_bytes(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), keep)


def store_bytes(name: str, data: bytes, keep: str | None = None) -> None:
    """Write ``data`` atomically, readable by the user only; files whose names start with
    ``keep`` (older rule sets) beyond the newest few are removed."""
    from linter.fileio import write_atomic

    path = user_file(name)
    if path is None:
        return
    try:
        write_atomic(path, data)
        os.chmod(path, 0o600)
        if keep:
            older = sorted(path.parent.glob(f"{keep}*"), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in older[8:]:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


# ---------------------------------------------------------------- rule set fingerprint

def _sources(hasher, folder: Path, suffixes=(".py", ".lark")) -> None:
    found = []
    for root, folders, files in os.walk(folder):  # os.walk: a third of Path.rglob's time, on every run
        folders[:] = [name for name in folders if name != "__pycache__"]  # bytecode: never a source
        found += [os.path.join(root, name) for name in files if name.endswith(suffixes)]
    for path in sorted(found):
        info = os.stat(path)
        hasher.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())


def _module_stamp(name: str) -> str:
    """Where a library is installed and when its code was written, without importing it
    (an upgrade rewrites the file; importing lark, regex and PyYAML costs ~40 ms)."""
    from importlib.util import find_spec

    try:
        origin = find_spec(name).origin
        info = os.stat(origin)
    except (AttributeError, ImportError, OSError, TypeError, ValueError):
        return f"{name} -"
    return f"{name} {origin} {info.st_size} {info.st_mtime_ns}"


@functools.cache
def _code_stamp() -> str:
    """This package's sources and the libraries' installed files: what the shape of every
    cached object depends on."""
    from linter import __version__

    hasher = hashlib.sha256()
    hasher.update(f"{FORMAT}\0{__version__}\0{sys.version}\n".encode())
    for library in ("yaml", "lark", "regex"):
        hasher.update(f"{_module_stamp(library)}\n".encode())
    _sources(hasher, Path(__file__).resolve().parent)
    return hasher.hexdigest()


def memo(kind: str, path: Path, build):
    """``build(path)`` for a catalogue (tables.yaml, sections.yaml), kept in the per-user
    cache under the file's content and the code's stamp: a run then needs neither PyYAML nor
    the validation of the catalogue."""
    if not enabled():
        return build(path)
    try:
        key = hashlib.sha256(path.read_bytes() + _code_stamp().encode()).hexdigest()[:32]
    except OSError:
        return build(path)  # which says what is wrong with the file
    name = f"{kind}-{key}.pickle"
    value = load_pickle(name)
    if value is None:
        value = build(path)
        store_pickle(name, value, keep=f"{kind}-")
    return value


def rules_fingerprint(directories) -> str | None:
    """A hash of everything the loaded rule set depends on; None when it cannot be told
    (a missing folder, a dangling link, a file that is not a regular one: loading reports
    that).  Rule files are stamped by path, size and times, not read: a file edited, or made
    unreadable, changes the hash."""
    from linter import plugins
    from linter.builtin import RULES_DIR
    from linter.errors import UsageError
    from linter.rulefile import CATALOGUES, rule_files

    hasher = hashlib.sha256()
    try:
        hasher.update(_code_stamp().encode())
        package = Path(__file__).resolve().parent
        manager = plugins.manager()
        for name, plugin in manager.list_name_plugin():
            hasher.update(f"plugin {name} {getattr(plugin, '__file__', type(plugin).__module__)}\n".encode())
        for plugin, dist in manager.list_plugin_distinfo():
            hasher.update(f"dist {dist.project_name} {dist.version}\n".encode())
        try:  # the built-in kinds are among the package's sources: imported only for a plugin's
            kinds = plugins.check_kinds() if len(manager.list_name_plugin()) > 1 else {}
        except UsageError:  # a broken plugin: loading the rules says so, in its own words
            return None
        for kind in kinds.values():
            module = sys.modules.get(kind.__module__)
            source = Path(getattr(module, "__file__", "") or "")
            if source.is_file() and package not in source.resolve().parents:
                info = source.stat()
                hasher.update(f"{source}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
            hasher.update(f"kind {kind.name} {kind.__module__}.{kind.__qualname__}\n".encode())
        files = [os.path.join(RULES_DIR, name) for name in CATALOGUES]
        for directory in directories:
            folder = Path(directory)
            if not folder.is_dir():
                return None
            files += rule_files(folder)
        for path in files:  # stamped as the sources are; ctime too, which a chmod changes
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):  # a FIFO, a device: never opened here
                return None
            hasher.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\n".encode())
    except (OSError, ValueError):
        return None
    return hasher.hexdigest()


# ---------------------------------------------------------------- results

class ResultCache:
    """Findings by file, as JSON below ``folder``/results."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def key(self, path: str, reader, rules, overrides, known, max_bytes: int, fingerprint: str) -> str | None:
        """The entry of ``path``, or None when it is not to be cached: not a regular file,
        too large, or binary where a text reader refuses it after its first block (the
        linter reports that without reading the rest; neither do we)."""
        from datetime import date

        from linter import __version__

        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            content = hashlib.sha256()
            with open(path, "rb") as handle:
                head = handle.read(8192)
                if b"\x00" in head and not getattr(reader, "binary", False):
                    return None
                content.update(head)
                size = len(head)
                for block in iter(lambda: handle.read(1 << 20), b""):
                    content.update(block)
                    size += len(block)
                    if size > max_bytes:
                        return None
        except OSError:
            return None
        given = [overrides.year, overrides.regime, overrides.organ,
                 overrides.published.isoformat() if overrides.published else None, sorted(overrides.deadlines.items())]
        material = [FORMAT, __version__, fingerprint, date.today().isoformat(), path, content.hexdigest(), max_bytes,
                    [(r.id, r.severity) for r in rules], sorted(known), given]
        return hashlib.sha256(json.dumps(material, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / "results" / key[:2] / f"{key}.json"

    def get(self, key: str, path: str):
        from linter.diagnostic import Diagnostic
        from linter.document import Document, Facts
        from linter.engine import FileResult

        try:
            data = json.loads(self._file(key).read_text("utf-8"))
            if data.get("format") != FORMAT:
                return None
            facts = Facts(**data["facts"])
            document = None
            if data["document"] is not None:
                document = Document(path=path, lines=data["document"]["lines"], format=data["document"]["format"],
                                    facts=facts)
            return FileResult(path, document, facts, [Diagnostic(path=path, **d) for d in data["diagnostics"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result) -> None:
        from dataclasses import asdict

        from linter.fileio import write_atomic

        doc = result.document
        data = {"format": FORMAT, "facts": asdict(result.facts),
                "document": {"format": doc.format, "lines": doc.lines} if doc else None,
                "diagnostics": [d.to_json() for d in result.diagnostics]}
        target = self._file(key)
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / ".gitignore").write_text("# created by xxgk-lint\n*\n", encoding="utf-8")
                (self.folder / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# xxgk-lint result cache\n", encoding="utf-8")
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, json.dumps(data, ensure_ascii=False))
        except OSError:
            pass  # a cache that cannot be written is no cache, not an error
