"""Errors that end a run with exit code 2 and a clear message, never a traceback."""


class UsageError(Exception):
    """Bad command line, configuration, rule file or plugin."""


class RuleError(UsageError):
    """An invalid rule file; the message names the file and line."""

    def __init__(self, path: str, line: int | None, message: str):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line
