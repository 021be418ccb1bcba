"""The package's regular expressions, compiled once per machine rather than once per run.

Python's re module compiles a pattern with Python code, and patterns of Chinese text are the
dearest: a set of CJK characters becomes a table over all 65,536 BMP code points, cut into
blocks.  The ~40 patterns the modules compile when imported were ~30M instructions, 4 % of
a cold check.  ``compiled`` keeps what re's compiler makes of each pattern — its code, a
list of integers — in the per-user cache (linter/cache.py), under the Python version, and
hands it to the matching engine directly in later runs: the same Pattern that re.compile
gives, which is checked before the code is kept.  The code is read as the modules are
imported, before the command line is: ``--no-cache`` only keeps a run from writing it, while
XXGK_LINT_NO_CACHE=1 turns it off.  Like Python's own bytecode cache, it holds nothing of the
reports or the rules.  Anything unexpected — another Python, a damaged file — falls back to
re.compile.
"""

import atexit
import re
import sys

try:  # the compiler's parts that re.compile puts together (re/_compiler.py, compile)
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10 names them otherwise: compile as usual
    _sre = None

# re's compiler changes only with the Python version (hashlib would load OpenSSL for a name)
_NAME = f"regexes-{sys.implementation.cache_tag}-{'.'.join(map(str, sys.version_info[:3]))}.pickle"
_known: dict | None = None  # (source, flags) → the arguments of _sre.compile, from the cache
_added: dict = {}  # (source, flags) → Pattern compiled in this run, kept when it ends


def compiled(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from the code kept by an earlier run when there is."""
    global _known
    flags = int(flags)  # a RegexFlag is an int to the engine and to the cache's keys
    if _known is None:
        _known = _load()
    arguments = _known.get((source, flags))
    if arguments is not None:
        try:
            return _sre.compile(source, *arguments)
        except Exception:  # noqa: BLE001 - not what this Python's engine takes: compile it
            pass
    pattern = re.compile(source, flags)
    if not _added:
        atexit.register(_store)
    _added[source, flags] = pattern
    return pattern


def _arguments(source: str, flags: int, pattern: re.Pattern) -> tuple | None:
    """What re.compile hands to the engine for ``source``, if that rebuilds ``pattern``
    exactly (Patterns compare their flags, source and code)."""
    if _sre is None:
        return None
    try:
        parsed = _parser.parse(source, flags)
        code = list(map(int, _compiler._code(parsed, flags)))  # its opcodes are named ints, which pickle refuses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        arguments = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        again = _sre.compile(source, *arguments)
    except Exception:  # noqa: BLE001 - re's private parts changed: keep nothing
        return None
    same = again == pattern and again.groups == pattern.groups and again.groupindex == pattern.groupindex
    return arguments if same else None


def _load() -> dict:
    from linter import cache

    known = cache.load_pickle(_NAME) if cache.enabled() and _sre is not None else None
    return known if isinstance(known, dict) else {}


def _store() -> None:
    """At the end of a run that compiled patterns the cache did not hold (the first run, or
    a pattern changed): keep their code, with what another run may have kept meanwhile.
    The code is read here, not when a pattern is compiled: a run that keeps nothing
    (--no-cache) does not pay for it."""
    from linter import cache

    if cache.enabled_throughout() and _sre is not None:  # --no-cache: nothing written
        try:
            found = {key: _arguments(*key, pattern) for key, pattern in _added.items()}
            kept = {key: arguments for key, arguments in found.items() if arguments is not None}
            cache.store_pickle(_NAME, {**_load(), **kept}, keep="regexes-")
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache, never a traceback at exit
            pass
