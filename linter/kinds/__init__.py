"""Check kinds: the Python behind YAML rules.  One module per kind.

A kind declares its parameters (validated when a rule file is loaded), the
fields its findings put into the rule's message, and ``check(doc)``.
"""

from types import MappingProxyType
from typing import Any, ClassVar, Iterator, Mapping, NamedTuple

from linter.document import Document

_MISSING = object()


class Param(NamedTuple):
    """A parameter of a check kind as rule YAML gives it."""

    type: type | tuple
    required: bool = True
    default: Any = None
    doc: str = ""


class Finding(NamedTuple):
    """Where a rule fires; ``fields`` fill the placeholders of the rule's message."""

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    fields: Mapping[str, Any] = MappingProxyType({})  # none: a read-only mapping, shared


class CheckKind:
    name: ClassVar[str]
    params: ClassVar[dict[str, Param]] = {}
    fields: ClassVar[tuple[str, ...]] = ()  # placeholders a message may use
    needs_regime: ClassVar[bool] = False  # skipped when the report's regime is unknown

    def __init__(self, **params):
        for key, value in params.items():
            setattr(self, key, value)

    @classmethod
    def validate(cls, params: dict, error) -> dict:
        """Checked and defaulted parameters; ``error(message, key, at_key=False)`` builds the
        exception pointing at the parameter's value (or its key)."""
        unknown = set(params) - set(cls.params)
        if unknown:
            raise error(f"检查类型 {cls.name} 没有参数 (unknown parameter): {', '.join(sorted(unknown))}",
                        sorted(unknown)[0], at_key=True)
        out = {}
        for key, spec in cls.params.items():
            value = params.get(key, _MISSING)
            if value is _MISSING:
                if spec.required:
                    raise error(f"检查类型 {cls.name} 缺少参数 (missing parameter): {key}", None)
                value = spec.default
            elif not isinstance(value, spec.type) or (isinstance(value, bool) and bool not in _types(spec.type)):
                raise error(f"参数 {key} 类型错误 (wrong type): 应为 {_type_name(spec.type)}", key)
            out[key] = value
        return out

    def prepare(self, regimes: tuple[str, ...], error) -> None:
        """Cross-check parameters once at load, e.g. against the parts catalogue."""

    def check(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError


def _types(kind) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " 或 ".join(k.__name__ for k in kinds)


def line_span(doc: Document, number: int) -> dict:
    """A finding covering the text of one line (leading white space excluded)."""
    text = doc.line(number)
    stripped = text.lstrip()
    start = len(text) - len(stripped) + 1
    return {"line": number, "column": start, "end_line": number, "end_column": max(len(text.rstrip()) + 1, start)}
