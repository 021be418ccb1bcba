"""lark grammars and the helpers that turn their trees into values."""

from functools import cache
from importlib import resources

from lark import Lark


@cache
def parser(name: str) -> Lark:
    """Build the LALR parser of ``grammars/NAME.lark`` once per process."""
    text = resources.files(__package__).joinpath(f"{name}.lark").read_text("utf-8")
    return Lark(text, parser="lalr", lexer="contextual")
