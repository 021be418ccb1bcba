"""xxgk-lint: a compliance linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"

# The garbage collector's threshold while linting (engine.Runner.lint, the xxgk-lint script):
# linting makes many short-lived objects and few reference cycles, and at Python's default
# (700 allocations) the collector ran every few hundred objects, a tenth of a run's time.
# mypy raises it in the same way.
GC_THRESHOLD = (50_000, 20, 20)

# Records are seldom dataclasses: CPython 3.11 compiles each method a dataclass generates
# from source text when its module is imported (valgrind: 1-6 million instructions a class;
# the 20 mutable records cost 37 million, 5 % of a cold check, until round 5).
# - Immutable records are typing.NamedTuple (~0.7 million a class, and built faster).
# - Mutable records, which nothing compares by value (a node of the section tree, a table
#   cell, a run's options), are plain classes with a written __init__, compiled once into
#   the .pyc; equality is by identity, which is what they mean.
# - Dataclasses remain where their generated methods are the point: Facts (changed as the
#   report is read, compared by value), tables' Spec (frozen, with cached properties).
# typing.NamedTuple also compiles each field annotation written as a string (~0.1M
# instructions a field): the modules that define NamedTuples do without
# ``from __future__ import annotations`` (quoting the few forward references instead).
# Likewise, a regular expression that most runs never use (rule-file validation, facts a title
# did not give) is a pattern string passed to re.search & co., which compile it on first use
# and cache it, rather than compiled at import: 17 such patterns were ~2 ms of a cold run.
