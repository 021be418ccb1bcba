"""Seed corpus for fuzz/fuzz_lint.py: the real reports in the repository, as UTF-8 and as
GB18030, each prefixed with the byte that picks its reader (0: .txt, 1: .md).

    .venv/bin/python fuzz/make_corpus.py fuzz/corpus
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples", ROOT / "tests" / "fixtures" / "samples", ROOT / "tests" / "fixtures" / "rules",
           ROOT / "tests" / "fixtures" / "noisy", ROOT / "tests" / "fixtures" / "tables"]


def seeds():
    for folder in SOURCES:
        for path in sorted(folder.glob("*")):
            if path.suffix not in (".txt", ".md") or path.name == "README.md":
                continue
            prefix = b"\x01" if path.suffix == ".md" else b"\x00"
            text = path.read_text("utf-8")
            yield prefix + text.encode("utf-8")
            yield prefix + text.encode("gb18030")
            lines = text.splitlines(keepends=True)
            yield prefix + "".join(lines[: len(lines) // 3]).encode("utf-8")  # a short head: faster runs


def main(target: str) -> None:
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for data in seeds():
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        count += 1
    print(f"{count} seeds in {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent / "corpus"))
