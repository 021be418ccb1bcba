"""lark grammars and the helpers that turn their trees into values."""

import hashlib
import io
import sys
from functools import cache
from pathlib import Path

import lark
from lark import Lark

# The lexer of each grammar.  The contextual lexer keeps a scanner (one regular expression
# over the terminals it may meet) per parser state, each compiled when a parse first reaches
# that state: ~1 ms of re.compile in every process.  The basic lexer compiles one scanner;
# it reads the same tokens where every terminal starts with characters no other terminal
# starts with (tests/test_grammar_startup.py compares both on every string at hand).
# identity.lark needs the contextual lexer: there a KEY can look like a TABLE or "sum".
LEXERS = {"dates": "basic", "numbering": "basic", "identity": "contextual"}


def grammar(name: str) -> str:
    return (Path(__file__).parent / f"{name}.lark").read_text("utf-8")


def build(name: str, text: str | None = None) -> Lark:
    """The LALR parser of ``grammars/NAME.lark`` (or of ``text``), built now."""
    return Lark(grammar(name) if text is None else text, parser="lalr", lexer=LEXERS[name])


@cache
def parser(name: str) -> Lark:
    """Build the LALR parser of ``grammars/NAME.lark`` once per process; the built parser is
    kept in the per-user cache (linter/cache.py), keyed by the grammar, its lexer and the
    lark version."""
    text = grammar(name)
    from linter import cache

    key = f"{text}\0{LEXERS[name]}\0{lark.__version__}\0{sys.version}"
    key = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    stored = cache.load_bytes(f"grammar-{name}-{key}.lark") if cache.enabled() else None
    if stored is not None:
        try:
            return Lark.load(io.BytesIO(stored))
        except Exception:  # noqa: BLE001 - a damaged cache file: build the parser again
            pass
    built = build(name, text)
    if cache.enabled():
        buffer = io.BytesIO()
        built.save(buffer)
        cache.store_bytes(f"grammar-{name}-{key}.lark", buffer.getvalue(), keep=f"grammar-{name}-")
    return built
