"""JUnit XML for CI test dashboards (GitLab ``artifacts:reports:junit``, Jenkins, Azure
Pipelines, GitHub test-report actions).  See docs/output-formats.md.

Layout: one ``<testsuite>`` per report file; one ``<testcase>`` per finding, named
``RULE name (line:column)`` with the file as ``classname``, carrying a ``<failure>`` for
errors and warnings (an info finding passes and keeps its text in ``<system-out>``); a file
without findings has one passing test case, so every checked report shows up in the
dashboard.  Dashboards list failed test cases with their message first: that is the list
of things to fix, each with file, line, citation and hint in the failure body.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from linter.formatters.common import SEVERITY_LABELS, relative_path

# characters XML 1.0 cannot carry, even escaped; report text may hold them (form feeds, …)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


CLEAN_CASE = "xxgk-lint 未发现问题 (no findings)"


class JunitFormatter:
    name = "junit"

    def render(self, results, stream) -> None:
        root = ET.Element("testsuites", name="xxgk-lint")
        totals = {"tests": 0, "failures": 0}
        for result in results:
            suite = self._suite(result)
            root.append(suite)
            totals["tests"] += int(suite.get("tests"))
            totals["failures"] += int(suite.get("failures"))
        root.set("tests", str(totals["tests"]))
        root.set("failures", str(totals["failures"]))
        root.set("errors", "0")
        root.set("time", "0")
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(xml_text(ET.tostring(root, encoding="unicode")) + "\n")

    def _suite(self, result) -> ET.Element:
        path = relative_path(result.path)
        suite = ET.Element("testsuite", name=path)
        failures = 0
        for d in result.diagnostics:
            case = ET.SubElement(suite, "testcase", name=f"{d.rule} {d.name} ({d.line}:{d.column})",
                                 classname=path, file=path, line=str(d.line), time="0")
            body = _details(path, d, result.document)
            if d.severity in ("error", "warning"):
                failures += 1
                failure = ET.SubElement(case, "failure", message=f"{SEVERITY_LABELS[d.severity]} {d.rule}：{d.message}",
                                        type=d.severity)
                failure.text = body
            else:
                ET.SubElement(case, "system-out").text = body
        if not result.diagnostics:
            ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=path, file=path, time="0")
        suite.set("tests", str(max(len(result.diagnostics), 1)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        return suite


def excerpt(source: str, d, room: int = 40) -> str:
    """The source line around the finding: a long paragraph is cut to ``room`` characters on
    either side of the span, with … where it was cut."""
    end = d.end_column if d.end_line == d.line else len(source) + 1
    start, stop = max(d.column - 1 - room, 0), min(max(end, d.column) - 1 + room, len(source))
    text = source[start:stop]
    text = text if start else text.lstrip()
    text = text if stop < len(source) else text.rstrip()
    return ("…" if start else "") + text + ("…" if stop < len(source) else "")


def _details(path: str, d, document) -> str:
    lines = [f"{path}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}"]
    if document and 1 <= d.line <= len(document.lines):
        lines.append(f"第 {d.line} 行：{excerpt(document.line(d.line), d)}")
    if d.citation:
        lines.append(f"依据：{d.citation}")
    if d.hint:
        lines.append(f"建议：{d.hint}")
    return "\n".join(lines)
