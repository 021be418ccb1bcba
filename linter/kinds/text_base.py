"""What the text kinds share: a scope parameter and keywords/patterns, compiled at load."""

from __future__ import annotations

from linter import parts, patterns, scopes
from linter.kinds import CheckKind, Param

SCOPE = Param((str, dict), required=False, default="document",
              doc="document | title | intro | headings | tables | body | {part: KEY, subsections: bool}")
KEYWORDS = Param(list, required=False, doc="literal words, matched on normalised text")
PATTERNS = Param(list, required=False, doc="regular expressions over normalised text")


def prepare_scope(kind: CheckKind, regimes, error) -> None:
    """Turn ``kind.scope`` from YAML into a Scope, checking a part key against the catalogue."""
    kind.scope = scopes.parse_scope(kind.scope, lambda message: error(message, "scope"))
    if kind.scope.name == "part":
        kind.needs_regime = True  # a part exists only under a regime's catalogue
        parts.check_key(regimes, kind.scope.part, lambda message, key: error(message, "scope"))


class TextKind(CheckKind):
    params = {"scope": SCOPE, "keywords": KEYWORDS, "patterns": PATTERNS}

    def prepare(self, regimes, error) -> None:
        prepare_scope(self, regimes, error)
        self.matchers = patterns.matchers(self, error)
