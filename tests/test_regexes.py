"""linter/regexes.py: the package's patterns come back from the per-user cache as the very
Patterns re.compile makes, and nothing unexpected is kept or breaks a run."""

import os
import re
import subprocess
import sys
from pathlib import Path

from linter import regexes

ROOT = Path(__file__).parent.parent
# patterns of the package's kinds: CJK sets (the dearest to compile), named groups, bytes
SOURCES = [(r"[0-9〇零○一二三四五六七八九十年月日号.\-/—–~至到起止自从由全]+", 0),
           (r"(?P<digits>\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?P<fraction>\.\d{1,6})?(?P<unit>万元|元|件)?", 0),
           (r"截至|截止|统计|数据|期限", 0), (r"<table\b", int(re.IGNORECASE)), (rb"charset\s*=\s*([A-Za-z0-9._:-]+)", int(re.IGNORECASE))]

# one process compiles SOURCES and says which came from the cache; it stores what it compiled
# when it ends, as every run does
_RUN = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from linter import regexes
for source, flags in {SOURCES!r}:
    pattern = regexes.compiled(source, flags)
    assert pattern == __import__("re").compile(source, flags)
print(sorted(map(repr, regexes._added)) == sorted(map(repr, {SOURCES!r})), len(regexes._known))
"""


def _run(tmp_path, **env):
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "XXGK_LINT_NO_CACHE": "", **env}
    done = subprocess.run([sys.executable, "-c", _RUN], env=environment, capture_output=True, text=True, check=True)
    assert not done.stderr, done.stderr
    return done.stdout.split()


def _cached(tmp_path):
    return list((tmp_path / "xxgk-lint").glob("regexes-*.pickle"))


def test_the_second_run_takes_every_pattern_from_the_cache(tmp_path):
    assert _run(tmp_path) == ["True", "0"]  # all compiled, none known
    assert len(_cached(tmp_path)) == 1
    assert _run(tmp_path) == ["False", str(len(SOURCES))]  # none compiled: all known


def test_a_cached_pattern_is_the_pattern_re_compiles():
    for source, flags in SOURCES:
        expected = re.compile(source, flags)
        arguments = regexes._arguments(source, flags, expected)
        assert arguments is not None, source
        again = regexes._sre.compile(source, *arguments)
        assert again == expected and again.groupindex == expected.groupindex and again.flags == expected.flags
        text = "统计期限自2024年1月1日起 1,234.5万元 <TABLE>" if isinstance(source, str) else b"charset=utf-8"
        assert [m.span() for m in again.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_code_that_rebuilds_another_pattern_is_not_kept(monkeypatch):
    expected, other = re.compile("y"), regexes._parser.parse("x", 0)
    monkeypatch.setattr(regexes._parser, "parse", lambda source, flags: other)  # re's parser, changed
    assert regexes._arguments("y", 0, expected) is None


def test_a_damaged_cache_file_is_a_miss(tmp_path):
    _run(tmp_path)
    for path in _cached(tmp_path):
        path.write_bytes(b"not a pickle")
    assert _run(tmp_path) == ["True", "0"]  # compiled again, and correct (the script asserts it)
    assert _run(tmp_path) == ["False", str(len(SOURCES))]  # and stored again


def test_xxgk_lint_no_cache_reads_and_writes_nothing(tmp_path):
    assert _run(tmp_path, XXGK_LINT_NO_CACHE="1") == ["True", "0"]  # all compiled, none known
    assert _cached(tmp_path) == []
    _run(tmp_path)  # now a cache is there, which the next run must neither read nor write
    [path] = _cached(tmp_path)
    before = path.stat().st_mtime_ns, path.read_bytes()
    assert _run(tmp_path, XXGK_LINT_NO_CACHE="1") == ["True", "0"]
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    for _ in range(2):  # nothing kept, and nothing said at exit (_run asserts an empty stderr)
        assert _run(not_a_folder) == ["True", "0"]
