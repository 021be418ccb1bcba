"""The built-in plugin: registered through the same hooks as any third-party plugin."""

from __future__ import annotations

from pathlib import Path

from linter.hookspecs import hookimpl
from linter.plugins import Lazy

_PACKAGE = Path(__file__).resolve().parent
# Installed: the wheel carries the rules as linter/rules.  From a checkout: ../rules.
RULES_DIR = _PACKAGE / "rules" if (_PACKAGE / "rules").is_dir() else _PACKAGE.parent / "rules"


@hookimpl
def xxgk_lint_check_kinds():
    from linter.kinds.cell_text import CellText
    from linter.kinds.date_sanity import DateSanity
    from linter.kinds.deadline import Deadline
    from linter.kinds.forbid_line import ForbidLine
    from linter.kinds.forbid_text import ForbidText
    from linter.kinds.numbering import Numbering
    from linter.kinds.period import PeriodKind
    from linter.kinds.placeholder import Placeholder
    from linter.kinds.prose_number import ProseNumber
    from linter.kinds.prose_parts import ProseParts
    from linter.kinds.report_kind import ReportKind
    from linter.kinds.report_year import ReportYear
    from linter.kinds.require_any_of import RequireAnyOf
    from linter.kinds.require_text import RequireText
    from linter.kinds.required_section import RequiredSection
    from linter.kinds.section_order import SectionOrder
    from linter.kinds.year_mention import YearMention
    from linter.kinds.table_cells import TableCells
    from linter.kinds.table_format import TableFormat
    from linter.kinds.table_identity import TableIdentity
    from linter.kinds.table_present import TablePresent
    from linter.kinds.table_structure import TableStructure

    return [RequiredSection, ReportYear, SectionOrder, Numbering, RequireText, ForbidText, RequireAnyOf,
            PeriodKind, Placeholder, ForbidLine, YearMention, Deadline, DateSanity, ReportKind, CellText,
            TablePresent, TableFormat, TableStructure, TableCells, TableIdentity,
            ProseNumber, ProseParts]


@hookimpl
def xxgk_lint_readers():
    return [Lazy("linter.readers.markdown:MarkdownReader", instance=True, suffixes=(".md", ".markdown")),
            Lazy("linter.readers.text:TextReader", instance=True, suffixes=(".txt", ".text")),
            Lazy("linter.readers.docx:DocxReader", instance=True, suffixes=(".docx",), binary=True),
            Lazy("linter.readers.html:HtmlReader", instance=True, suffixes=(".html", ".htm"), binary=True)]


@hookimpl
def xxgk_lint_formatters():
    # each in linter/formatters/NAME.py as NameFormatter
    return [Lazy(f"linter.formatters.{name}:{name.capitalize()}Formatter", name=name)
            for name in ("text", "json", "rich", "sarif", "github", "junit", "gitlab", "html")]


@hookimpl
def xxgk_lint_rule_dirs():
    return [str(RULES_DIR)]
