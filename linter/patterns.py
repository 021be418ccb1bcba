"""Keywords and regular expressions of text rules, compiled once when a rule is loaded.

Text is matched normalised (see scopes.py): keywords are normalised the same way, so
`（单位名称）` in a rule matches `(单位名称)` in a report.  Regular expressions see the
normalised text as it is: write half-width forms (`\\(` for a full-width bracket too).
`\\b` and `\\B` are refused: Chinese has no spaces, so word boundaries mean nothing there.

Time bound: a pattern of a rule the user wrote may backtrack catastrophically on some text,
so the regex engine gives it up after TIMEOUT seconds.  The patterns of the rules shipped
with xxgk-lint (rules/) and keywords (literal text, searched in linear time) run without one:
asking the clock on each of the ~900 calls a report takes cost ~1.8 ms a report, a sixth
of linting it, on machines where reading the clock is a system call.  The shipped patterns
repeat no group, and tests/test_pattern_bounds.py runs each on adversarial text.
"""

from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import regex

from linter.document import normalize
from linter.scopes import Segment

_WORD_BOUNDARY = re.compile(r"(?<!\\)(?:\\\\)*\\[bB]")
# seconds one pattern may spend on one paragraph: wall-clock (what the regex engine measures),
# so generous enough for a loaded CI machine; a backtracking pattern needs far longer
TIMEOUT = 2.0
_bound = contextvars.ContextVar("time_bound", default=TIMEOUT)


@contextmanager
def time_bound(seconds: float | None):
    """Patterns compiled inside get this time bound (None: none; rule files shipped with
    xxgk-lint are loaded so)."""
    token = _bound.set(seconds)
    try:
        yield
    finally:
        _bound.reset(token)


class PatternTimeout(Exception):
    """A pattern took longer than TIMEOUT: almost always catastrophic backtracking."""


@dataclass(frozen=True)
class Matcher:
    """One keyword or pattern, and how it is shown in messages."""

    label: str
    regex: object  # a compiled ``regex`` pattern
    timeout: float | None = TIMEOUT  # seconds per call; None: unbounded (see the module's docstring)

    def finditer(self, segments: list[Segment]) -> Iterator[tuple[Segment, object]]:
        for segment in segments:
            try:
                for match in self.regex.finditer(segment.text, timeout=self.timeout):
                    if match.end() > match.start():
                        yield segment, match
            except TimeoutError:
                raise self._timeout() from None

    def found(self, segments: list[Segment]) -> bool:
        for segment in segments:
            try:
                if self.regex.search(segment.text, timeout=self.timeout):
                    return True
            except TimeoutError:
                raise self._timeout() from None
        return False

    def fullmatch(self, text: str) -> bool:
        try:
            return self.regex.fullmatch(text, timeout=self.timeout) is not None
        except TimeoutError:
            raise self._timeout() from None

    def _timeout(self) -> PatternTimeout:
        return PatternTimeout(f"正则表达式 {self.label!r} 超过 {self.timeout} 秒 (regex timed out)")


class AnyFullmatch:
    """Whether any of ``matchers`` matches a whole text, as ``any(m.fullmatch(text) …)`` says,
    with one combined pattern where that is the same thing: no capturing group (whose number
    or backreference would shift) and no inline flag that would apply to the others.  When the
    combined pattern times out the matchers are tried one by one, each with its own time bound,
    so a timeout is raised exactly where it was."""

    def __init__(self, matchers: list[Matcher]):
        self.matchers = matchers
        self.timeout = max((m.timeout for m in matchers if m.timeout is not None), default=None)
        self.combined = None
        plain = regex.compile("").flags
        if len(matchers) > 1 and all(m.regex.groups == 0 and m.regex.flags == plain for m in matchers):
            try:
                self.combined = regex.compile("|".join(f"(?:{m.regex.pattern})" for m in matchers))
            except (regex.error, ValueError):
                self.combined = None

    def __call__(self, text: str) -> bool:
        if self.combined is not None:
            try:
                return self.combined.fullmatch(text, timeout=self.timeout) is not None
            except TimeoutError:
                pass
        return any(matcher.fullmatch(text) for matcher in self.matchers)


def compile_keywords(words: list, error, key: str) -> list[Matcher]:
    out = []
    for i, word in enumerate(words):
        if not isinstance(word, str) or not normalize(word):
            raise error(f"{key} 的第 {i + 1} 项应为非空字符串 (non-empty string)", key)
        out.append(Matcher(word, regex.compile(regex.escape(normalize(word))), timeout=None))  # linear: a literal
    return out


def compile_patterns(patterns: list, error, key: str) -> list[Matcher]:
    out = []
    for i, pattern in enumerate(patterns):
        if not isinstance(pattern, str) or not pattern:
            raise error(f"{key} 的第 {i + 1} 项应为非空字符串 (non-empty string)", key)
        if _WORD_BOUNDARY.search(pattern):
            raise error(f"正则表达式不能用 \\b / \\B：中文没有词边界 (no word boundaries in Chinese): {pattern}", key)
        try:
            compiled = regex.compile(pattern)
        except (regex.error, ValueError) as exc:
            raise error(f"无效的正则表达式 (invalid regex) {pattern!r}: {exc}", key) from None
        if compiled.search(""):
            raise error(f"正则表达式匹配空文本 (regex matches empty text): {pattern!r}", key)
        out.append(Matcher(pattern, compiled, timeout=_bound.get()))
    return out


def matchers(kind, error) -> list[Matcher]:
    """The keywords and patterns parameters of a text kind, at least one of them."""
    found = compile_keywords(kind.keywords or [], error, "keywords") + \
        compile_patterns(kind.patterns or [], error, "patterns")
    if not found:
        raise error("需要 keywords 或 patterns 至少一项 (keywords or patterns required)", None)
    return found
