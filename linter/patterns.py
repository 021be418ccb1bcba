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

Speed: a pattern without a time bound is tried only on the segments of a scope that hold a
literal every match of it needs (needed_literals: 申请 for 受理…申请(?P<n>\\d+)件; read when
the rule is loaded), found by searching the scope's texts joined; and a line only if it
starts with a character a match can start with (first_characters), for forbid-line.  Both
read the pattern with the re module's parser and give up on anything that parser might read
otherwise than ``regex`` does; tests/test_text_fast_paths.py compares them with trying
everything.
"""

import contextvars
import re
import warnings
from bisect import bisect_right
from contextlib import contextmanager
from typing import Iterator, NamedTuple

import regex

from linter.document import normalize
from linter.scopes import Segment, Segments

try:  # the parser of the re module, which reads the literals a pattern needs (see needed_literals)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_WORD_BOUNDARY = r"(?<!\\)(?:\\\\)*\\[bB]"
# seconds one pattern may spend on one paragraph: wall-clock (what the regex engine measures),
# so generous enough for a loaded CI machine; a backtracking pattern needs far longer
TIMEOUT = 2.0
_PLAIN = regex.compile("").flags  # the flags of a pattern that sets none
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


class Matcher(NamedTuple):
    """One keyword or pattern, and how it is shown in messages."""

    label: str
    regex: object  # a compiled ``regex`` pattern
    timeout: float | None = TIMEOUT  # seconds per call; None: unbounded (see the module's docstring)
    # literals one of which every match holds (needed_literals), longest first; None: try every segment
    needed: tuple[str, ...] | None = None

    @classmethod
    def of(cls, label: str, compiled, timeout: float | None = TIMEOUT) -> "Matcher":
        """A matcher whose needed literals are read now, when its rule is loaded (and kept
        with the rule in the per-user cache).  None for a pattern with a time bound:
        skipping a segment would also skip its timeout."""
        literals = needed_literals(compiled) if timeout is None else None
        return cls(label, compiled, timeout, tuple(sorted(literals, key=lambda s: (-len(s), s))) if literals else None)

    def finditer(self, segments: list[Segment]) -> Iterator[tuple[Segment, object]]:
        for segment in self._candidates(segments):
            try:
                for match in self.regex.finditer(segment.text, timeout=self.timeout):
                    if match.end() > match.start():
                        yield segment, match
            except TimeoutError:
                raise self._timeout() from None

    def found(self, segments: list[Segment]) -> bool:
        for segment in self._candidates(segments):
            try:
                if self.regex.search(segment.text, timeout=self.timeout):
                    return True
            except TimeoutError:
                raise self._timeout() from None
        return False

    def _candidates(self, segments: list[Segment]) -> Iterator[Segment]:
        """The segments a match may lie in: with needed literals, those that hold one, found by
        searches of the scope's joined text instead of a call of the pattern per segment (as
        they are needed: found() stops at the first)."""
        needed = self.needed
        if needed is None or not isinstance(segments, Segments):
            yield from segments
            return
        joined, starts = segments.joined
        hits = _Hits(needed, joined)
        position = 0
        while (hit := hits.first(position)) >= 0:
            index = bisect_right(starts, hit) - 1
            yield segments[index]
            if index + 1 == len(starts):
                return
            position = starts[index + 1]

    def fullmatch(self, text: str) -> bool:
        try:
            return self.regex.fullmatch(text, timeout=self.timeout) is not None
        except TimeoutError:
            raise self._timeout() from None

    def _timeout(self) -> PatternTimeout:
        return PatternTimeout(f"正则表达式 {self.label!r} 超过 {self.timeout} 秒 (regex timed out)")


class _Hits:
    """Where the first of some literals at or after a position lies in a text, found by
    str.find, each literal's next hit kept until the position passes it: the text is read
    once per literal.  (One pattern of the literals, 19|20, made re test every character
    against the set of their first characters, ~55 instructions a character: 4 % of a run.)"""

    def __init__(self, literals: tuple[str, ...], text: str):
        self.text = text
        self.ahead = [[-2, literal] for literal in literals]  # [next hit (-2: not looked for, -1: none), literal]

    def first(self, position: int) -> int:
        """-1 when no literal is left at or after ``position``."""
        best, text = -1, self.text
        for pair in self.ahead:
            at = pair[0]
            if at < position and at != -1:
                at = pair[0] = text.find(pair[1], position)
            if at >= 0 and (best < 0 or at < best):
                best = at
        return best


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
        if len(matchers) > 1 and all(m.regex.groups == 0 and m.regex.flags == _PLAIN for m in matchers):
            try:
                self.combined = regex.compile("|".join(f"(?:{m.regex.pattern})" for m in matchers))
            except (regex.error, ValueError):
                self.combined = None
        # the characters a whole text may start with (None: any), for texts that need no trying;
        # not with a time bound, whose timeout would go with the trying
        firsts = [first_characters(m.regex) if m.timeout is None else None for m in matchers]
        self.first = None if None in firsts or not firsts else frozenset().union(*firsts)

    def __call__(self, text: str) -> bool:
        if self.combined is not None:
            try:
                return self.combined.fullmatch(text, timeout=self.timeout) is not None
            except TimeoutError:
                pass
        return any(matcher.fullmatch(text) for matcher in self.matchers)


class _Unsure(Exception):
    """A pattern whose literals needed_literals does not read."""


_FLAGS_KEPT = re.DOTALL | re.MULTILINE  # inline flags that change no literal
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_NOTHING_NEEDED = {_sre.IN, _sre.ANY, _sre.NOT_LITERAL, _sre.AT, _sre.ASSERT, _sre.ASSERT_NOT,
                   _sre.GROUPREF, _sre.GROUPREF_EXISTS}


def needed_literals(compiled) -> set[str] | None:
    """Literal strings, one of which lies inside every match of the compiled ``regex``
    pattern, or None when the pattern needs none or it is not sure which (see _parsed)."""
    try:
        parsed = _parsed(compiled)
        return _needed(parsed) if parsed is not None else None
    except Exception:  # _Unsure, deep nesting, or re's private parser changed: try everywhere
        return None


def first_characters(compiled) -> frozenset[str] | None:
    """The characters a non-empty match of the compiled ``regex`` pattern can start with, or
    None when it may start with nearly any or it is not sure which (see _parsed)."""
    try:
        parsed = _parsed(compiled)
        return frozenset(_first(parsed)[0]) if parsed is not None else None
    except Exception:  # as in needed_literals
        return None


def _parsed(compiled):
    """The pattern as the re module's parser reads it, or None when that may not be what it is
    to ``regex``.  The two read a pattern alike but for ``regex``'s own syntax: that is refused
    (re raises an error on it: ``\\p{…}``, ``(?V1)``, ``(?|…)``, ``(?<name>…)``) or set aside —
    a literal brace (``{e<=1}`` is a fuzzy match to ``regex``), ``[:`` (a POSIX class in a
    set), any warning of re's parser.  Any flag but
    DOTALL and MULTILINE (case-insensitive, verbose, …) is set aside too."""
    pattern = compiled.pattern
    if not isinstance(pattern, str) or compiled.flags & ~(regex.DOTALL | regex.MULTILINE) != _PLAIN \
            or any(s in pattern for s in ("[:", "[=", "[.")):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _sre_parse.parse(pattern)
    except (re.error, Warning, RecursionError):
        return None
    return None if parsed.state.flags & ~(re.UNICODE | _FLAGS_KEPT) or _brace(parsed) else parsed


def _brace(items) -> bool:
    """Whether a parsed pattern holds a literal brace outside sets (``{e<=1}``, ``\\{``)."""
    for op, value in items:
        if op is _sre.LITERAL and value in (ord("{"), ord("}")):
            return True
        if op is _sre.IN:
            continue
        for part in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(part, _sre_parse.SubPattern) and _brace(part):
                return True
            if isinstance(part, list) and any(_brace(branch) for branch in part):  # a BRANCH's alternatives
                return True
    return False



def _needed(items) -> set[str] | None:
    """Literals of a parsed sequence, one of which every match of it holds: the longest of
    the choices its parts give (a run of literal characters, a group, a repeated part)."""
    choices: list[set[str]] = []
    run = ""
    for op, value in items:
        if op is _sre.LITERAL:
            run += chr(value)
            continue
        if run:
            choices.append({run})
            run = ""
        if op is _sre.SUBPATTERN:
            _group, add, remove, inner = value
            if (add | remove) & ~_FLAGS_KEPT:
                raise _Unsure
            choices.append(_needed(inner))
        elif op in _REPEATS:
            least, _most, inner = value
            found = _needed(inner)
            if least >= 1 and found:
                single = len(inner) == 1 and inner[0][0] is _sre.LITERAL  # \.{3,}: three dots
                choices.append({literal * least for literal in found} if single else found)
        elif op is _ATOMIC and _ATOMIC is not None:
            choices.append(_needed(value))
        elif op is _sre.BRANCH:
            alternatives = [_needed(branch) for branch in value[1]]
            choices.append(None if None in alternatives else set().union(*alternatives))
        elif op in _NOTHING_NEEDED:
            _read_nested(op, value)
        else:
            raise _Unsure
    if run:
        choices.append({run})
    return max((c for c in choices if c), key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _read_nested(op, value) -> None:
    """Read a lookaround's or a conditional's parts, which need nothing of the match, only
    to raise _Unsure on what needed_literals does not read."""
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        _needed(value[1])
    elif op is _sre.GROUPREF_EXISTS:
        _needed(value[1])
        if value[2] is not None:
            _needed(value[2])


_SMALL_SET = 64  # characters a set may stand for and still be a first character each


def _first(items) -> tuple[set[str], bool]:
    """(the characters a non-empty match of a parsed sequence can start with, whether it can
    match the empty text); raises _Unsure when nearly any character may come first."""
    chars: set[str] = set()
    for op, value in items:
        if op is _sre.LITERAL:
            chars.add(chr(value))
            return chars, False
        if op is _sre.IN:
            chars |= _set_members(value)
            return chars, False
        if op is _sre.SUBPATTERN or (op is _ATOMIC and _ATOMIC is not None):
            if op is _sre.SUBPATTERN:
                _group, add, remove, value = value
                if (add | remove) & ~_FLAGS_KEPT:
                    raise _Unsure
            first, empty = _first(value)
        elif op in _REPEATS:
            least, _most, inner = value
            first, empty = _first(inner)
            empty = empty or least == 0
        elif op is _sre.BRANCH:
            alternatives = [_first(branch) for branch in value[1]]
            first = set().union(*(f for f, _ in alternatives))
            empty = any(e for _, e in alternatives)
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):  # takes no character
            _read_nested(op, value)
            continue
        else:  # any character, a class, a back reference
            raise _Unsure
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _set_members(members) -> set[str]:
    """The characters of a parsed set ``[…]`` without classes nor negation, if few."""
    chars: set[str] = set()
    for op, value in members:
        if op is _sre.LITERAL:
            chars.add(chr(value))
        elif op is _sre.RANGE and value[1] - value[0] < _SMALL_SET:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            raise _Unsure
    if len(chars) > _SMALL_SET:
        raise _Unsure
    return chars


def compile_keywords(words: list, error, key: str) -> list[Matcher]:
    out = []
    for i, word in enumerate(words):
        if not isinstance(word, str) or not normalize(word):
            raise error(f"{key} 的第 {i + 1} 项应为非空字符串 (non-empty string)", key)
        literal = normalize(word)  # searched in linear time: no time bound; every match is itself
        out.append(Matcher(word, regex.compile(regex.escape(literal)), None, (literal,)))
    return out


def compile_patterns(patterns: list, error, key: str) -> list[Matcher]:
    out = []
    for i, pattern in enumerate(patterns):
        if not isinstance(pattern, str) or not pattern:
            raise error(f"{key} 的第 {i + 1} 项应为非空字符串 (non-empty string)", key)
        if re.search(_WORD_BOUNDARY, pattern):
            raise error(f"正则表达式不能用 \\b / \\B：中文没有词边界 (no word boundaries in Chinese): {pattern}", key)
        try:
            compiled = regex.compile(pattern)
        except (regex.error, ValueError) as exc:
            raise error(f"无效的正则表达式 (invalid regex) {pattern!r}: {exc}", key) from None
        if compiled.search(""):
            raise error(f"正则表达式匹配空文本 (regex matches empty text): {pattern!r}", key)
        out.append(Matcher.of(pattern, compiled, timeout=_bound.get()))
    return out


def matchers(kind, error) -> list[Matcher]:
    """The keywords and patterns parameters of a text kind, at least one of them."""
    found = compile_keywords(kind.keywords or [], error, "keywords") + \
        compile_patterns(kind.patterns or [], error, "patterns")
    if not found:
        raise error("需要 keywords 或 patterns 至少一项 (keywords or patterns required)", None)
    return found
