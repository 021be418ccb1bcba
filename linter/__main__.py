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


if __name__ == "__main__":
    sys.exit(main())
