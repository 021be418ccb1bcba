"""xxgk-lint: a compliance linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"

# The garbage collector's threshold while linting (engine.Runner.lint, the xxgk-lint script):
# linting makes many short-lived objects and few reference cycles, and at Python's default
# (700 allocations) the collector ran every few hundred objects, a tenth of a run's time.
# mypy raises it in the same way.
GC_THRESHOLD = (50_000, 20, 20)

# Immutable records are typing.NamedTuple, not frozen dataclasses: CPython 3.11 compiles a
# frozen dataclass's six generated methods from source text when its module is imported
# (3.5 million instructions a class against 0.7 million, measured with valgrind), which over
# the package's ~25 such classes was a tenth of a cold run.  A NamedTuple is also built
# faster.  Mutable records, and records with cached properties, stay dataclasses; those never
# compared by value (a node of the section tree, a run's options) with eq=False: one method
# fewer to compile, and equality by identity, which is what they mean.
# typing.NamedTuple also compiles each field annotation written as a string (~0.1M
# instructions a field): the modules that define NamedTuples do without
# ``from __future__ import annotations`` (quoting the few forward references instead).
# Likewise, a regular expression that most runs never use (rule-file validation, facts a title
# did not give) is a pattern string passed to re.search & co., which compile it on first use
# and cache it, rather than compiled at import: 17 such patterns were ~2 ms of a cold run.
