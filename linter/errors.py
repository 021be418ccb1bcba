"""Errors that end a run with exit code 2 and a clear message, never a traceback."""


class UsageError(Exception):
    """Bad command line, configuration, rule file or plugin."""


class RuleError(UsageError):
    """An invalid rule or configuration file; the message names file, line and column."""

    def __init__(self, path: str, line: int | None, message: str, column: int | None = None):
        where = path + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message

    def __reduce__(self):  # crosses process boundaries with --jobs
        return type(self), (self.path, self.line, self.message, self.column)
