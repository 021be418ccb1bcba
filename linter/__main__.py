"""``python -m linter`` and the ``xxgk-lint`` script."""

import gc
import sys

from linter import GC_THRESHOLD


def main() -> int:
    # before the imports, which make many objects and few cycles: at Python's default
    # threshold a cold run spent 9-12 ms in 26 collections (engine.Runner.lint keeps it so)
    gc.set_threshold(*GC_THRESHOLD)
    from linter.cli import main as cli_main

    return cli_main()


def run() -> None:
    """The script: ``main()``, then the process ends without the interpreter's teardown, which
    frees the run's objects one by one — ~45 ms after 1,000 reports, for memory the process
    gives back whole anyway (mypy exits so too).  What the teardown does for others is done
    first: the atexit handlers run (linter/regexes.py keeps its cache so) and the standard
    streams are flushed.  ``main()`` itself returns, for callers in the same process."""
    code = main()
    import atexit
    import os

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None:  # not CPython: the usual exit
        sys.exit(code)
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader left (a closed pipe), or the stream is closed
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
