"""lark grammars and the helpers that turn their trees into values."""

import hashlib
import io
import sys
from functools import cache
from pathlib import Path

import lark
from lark import Lark


@cache
def parser(name: str) -> Lark:
    """Build the LALR parser of ``grammars/NAME.lark`` once per process; the built parser is
    kept in the per-user cache (linter/cache.py), keyed by the grammar and the lark version."""
    text = (Path(__file__).parent / f"{name}.lark").read_text("utf-8")
    from linter import cache

    key = hashlib.sha256(f"{text}\0{lark.__version__}\0{sys.version}".encode("utf-8")).hexdigest()[:32]
    stored = cache.load_bytes(f"grammar-{name}-{key}.lark") if cache.enabled() else None
    if stored is not None:
        try:
            return Lark.load(io.BytesIO(stored))
        except Exception:  # noqa: BLE001 - a damaged cache file: build the parser again
            pass
    built = Lark(text, parser="lalr", lexer="contextual")
    if cache.enabled():
        buffer = io.BytesIO()
        built.save(buffer)
        cache.store_bytes(f"grammar-{name}-{key}.lark", buffer.getvalue(), keep=f"grammar-{name}-")
    return built
