"""xxgk-lint: a compliance linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"

# The garbage collector's threshold while linting (engine.Runner.lint, the xxgk-lint script):
# linting makes many short-lived objects and few reference cycles, and at Python's default
# (700 allocations) the collector ran every few hundred objects, a tenth of a run's time.
# mypy raises it in the same way.
GC_THRESHOLD = (50_000, 20, 20)
