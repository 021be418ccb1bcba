"""Run rules over documents: file → Document → facts → diagnostics."""

from __future__ import annotations

import functools
import gc
import hashlib
import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from linter import GC_THRESHOLD
from linter import config as config_mod
from linter import facts as facts_mod
from linter import readers, rulefile, suppressions
from linter.diagnostic import ENGINE_CATEGORY, Diagnostic
from linter.document import Document, Facts, normalize
from linter.errors import UsageError
from linter.rulefile import Rule

READ_ERROR = ("E001", "unreadable-file")
INTERNAL_ERROR = ("E002", "internal-error")
INVALID_SUPPRESSION = ("E003", "invalid-suppression")
UNUSED_SUPPRESSION = ("E004", "unused-suppression")
ENGINE_IDS = {key for pair in (READ_ERROR, INTERNAL_ERROR, INVALID_SUPPRESSION, UNUSED_SUPPRESSION) for key in pair}


@contextmanager
def _fewer_collections():
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)


class Overrides:
    """Facts set on the command line win over what the report says."""

    def __init__(self, year: int | None = None, regime: str | None = None, organ: str | None = None,
                 published: date | None = None, deadlines: dict | None = None):
        self.year = year
        self.regime = regime
        self.organ = organ
        self.published = published  # when the report was (or will be) published
        self.deadlines = {} if deadlines is None else deadlines  # organ kind → "MM-DD", from configuration


class FileResult:
    """What linting one file gave: its document, facts and findings."""

    def __init__(self, path: str, document: Document | None, facts: Facts, diagnostics: list[Diagnostic] | None = None,
                 fail_level: str = "error"):
        self.path = path
        self.document = document
        self.facts = facts
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.fail_level = fail_level


class Options:
    """What the command line says; configuration files fill in the rest, file by file."""

    def __init__(self, overrides: Overrides | None = None, rule_dirs: list | None = None, config: str | None = None,
                 select: list | None = None, ignore: list | None = None, fail_level: str | None = None,
                 cache: bool = False, cache_dir: str | None = None, documents: bool = True):
        self.overrides = Overrides() if overrides is None else overrides
        self.rule_dirs = [] if rule_dirs is None else rule_dirs
        self.config = config  # --config: one file for every input instead of discovery
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.fail_level = fail_level
        self.cache = cache  # reuse the findings of unchanged files (linter/cache.py); the CLI turns it on
        self.cache_dir = cache_dir  # default: .xxgk-lint-cache in the current folder
        self.documents = documents  # False: results without their documents (formats that never read them)


class Runner:
    """Lints files with the rules and settings that apply to each of them."""

    def __init__(self, options: Options):
        self.options = options
        self._rules: dict[tuple, rulefile.RuleSet] = {}
        self._validated: set[int] = set()
        self._folders: dict[str, str] = {}  # a file's folder → that folder resolved (_folder)
        self._selections: dict = {}  # configuration → what _selection gives for its files
        self._explicit = config_mod.load(Path(options.config)) if options.config else None

    def _dirs(self, config: config_mod.Config) -> tuple:
        return tuple(self.options.rule_dirs) + tuple(str(d) for d in config.rule_dirs)

    def rule_set(self, config: config_mod.Config) -> rulefile.RuleSet:
        dirs = self._dirs(config)
        if dirs not in self._rules:
            rules = rulefile.load_set(dirs)
            known = config_mod.known_selectors(rules.headers)
            unknown = [s for s in (self.options.select or []) + self.options.ignore if s not in known]
            if unknown:
                raise UsageError(f"未知的规则 (unknown rule, name or category): {', '.join(unknown)}")
            self._rules[dirs] = rules
        if id(config) not in self._validated:
            config_mod.validate(config, self._rules[dirs].headers)
            self._validated.add(id(config))
        return self._rules[dirs]

    def lint_path(self, path: str) -> FileResult:
        config = self._explicit or config_mod.discover(self._folder(path))
        rule_set = self.rule_set(config)
        settings, headers, checks = self._selection(config, rule_set, path)
        given = self.options.overrides
        # a configured regime stands for the files it covers, but --year on the command line
        # says which regime applies (through the year) and wins over it
        regime = given.regime or (None if given.year else settings.regime)
        overrides = Overrides(year=given.year, regime=regime,
                              organ=given.organ or settings.organ, published=given.published,
                              deadlines={**settings.deadlines, **given.deadlines})
        known = rule_set.names
        max_bytes = config.max_file_size or readers.MAX_BYTES
        store = self._result_cache() if rule_set.fingerprint else None
        entry = store.key(path, readers.reader_for(path), headers, overrides, known, max_bytes,
                          rule_set.fingerprint) if store else None
        result = store.get(entry, path) if entry else None
        if result is None:  # only now are the checks loaded (and what they import)
            result = lint_file(path, checks(), overrides, known, max_bytes)
            # stored only if the file did not change while it was linted
            if entry and store.key(path, readers.reader_for(path), headers, overrides, known, max_bytes,
                                   rule_set.fingerprint) == entry:
                store.put(entry, result)
        result.diagnostics = config_mod.engine_settings(result.diagnostics, settings, self.options.ignore)
        result.fail_level = self.options.fail_level or settings.fail_level or "error"
        if not self.options.documents:
            result.document = None  # not kept for the whole run, nor sent back from a worker
        return result

    def _selection(self, config: config_mod.Config, rule_set: rulefile.RuleSet, path: str):
        """The settings that apply to ``path``, the rules selected for it (their headers) and
        a function that gives its checks (loaded only when a file is linted).  The same for
        every file of a configuration without per-file patterns: kept per configuration then."""
        per_file = bool(config.per_file_ignores or config.overrides)
        kept = None if per_file else self._selections.get(config)  # a configuration has one rule set
        if kept is None:
            settings = config_mod.for_file(config, rule_set.headers, path)
            headers = [r for r in settings.rules if config_mod.selected(r, self.options.select, self.options.ignore)]
            kept = (settings, headers, functools.cache(lambda: rule_set.checks(headers)))
            if not per_file:
                self._selections[config] = kept
        return kept

    def _folder(self, path: str) -> str:
        """The folder of ``path``, resolved; once per folder, since resolving stats every part of
        the path.  The folder, not the file, is resolved: a symlink loop is the reader's E001,
        not a crash."""
        folder = os.path.dirname(os.path.abspath(path))
        resolved = self._folders.get(folder)
        if resolved is None:
            resolved = self._folders[folder] = str(Path(folder).resolve())
        return resolved

    def _result_cache(self):
        from linter import cache

        if not self.options.cache or not cache.enabled():
            return None
        return cache.ResultCache(self.options.cache_dir or cache.DEFAULT_DIR)

    def lint(self, paths: list[str], jobs: int = 1, progress=None) -> list[FileResult]:
        """Results in the order of the files; ``jobs`` > 1 lints files in that many processes;
        ``progress(total)`` is called once with the number of files, then once per file."""
        files = collect(paths)
        if not files:  # a CI gate must not pass because it looked at nothing
            raise UsageError(f"没有可检查的文件 (no .md, .txt, .docx … files in): {', '.join(paths)}")
        if progress:
            progress(len(files))
        with _fewer_collections():  # the workers forked inside start with it too
            if jobs == 1 or len(files) < 2:
                results = []
                for path in files:
                    results.append(_without_views(self.lint_path(path)))
                    progress and progress(None)
                return results
            return self._parallel(files, jobs, progress)

    def _parallel(self, files: list[str], jobs: int, progress) -> list[FileResult]:
        """``jobs`` processes: ``jobs - 1`` workers and this one, which lints a chunk of files
        whenever the workers have enough queued (an idle parent would hold its memory for
        nothing).  Chunks are small, and single files at the end, so that no process waits
        long for another's last chunk.  The workers get their first chunks at once and load
        the rules while this process does the same: with --no-cache, reading the rule files
        and building the grammars take ~0.25 s, for which the workers used to wait."""
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor

        results = []
        chunks, start = [], 0
        while start < len(files):  # up to 4 files, fewer as the files left run out
            size = max(1, min(4, (len(files) - start) // (jobs * 8)))
            chunks.append(files[start:start + size])
            start += size
        slots, queued = [], deque()  # per chunk, in order: a worker's future or the results here
        with ProcessPoolExecutor(max_workers=jobs - 1, initializer=_start_worker,
                                 initargs=(self.options,)) as pool:
            for chunk in chunks:
                while queued and queued[0].done():
                    _done(queued.popleft(), progress)
                if len(queued) < 2 * (jobs - 1):  # a chunk in hand and one waiting for each worker
                    queued.append(pool.submit(_lint_chunk, chunk))
                    slots.append(queued[-1])
                    continue
                here = []
                for path in chunk:
                    here.append(_without_views(self.lint_path(path)))
                    progress and progress(None)
                slots.append(here)
            while queued:
                _done(queued.popleft(), progress)
        for slot in slots:
            results += slot if isinstance(slot, list) else slot.result()
        return results

    def known_ids(self) -> set[str]:
        """Ids of every rule loaded so far (at least the national ones), and the engine's own."""
        self.rule_set(self._explicit or config_mod.Config())
        return {r.id for rules in self._rules.values() for r in rules.headers} | set(config_mod.ENGINE_RULES)


_WORKER: Runner | None = None


def _start_worker(options: Options) -> None:
    """A worker lints with this run's options; it loads the rules itself (see _parallel)."""
    global _WORKER
    gc.set_threshold(*GC_THRESHOLD)  # a worker started by spawning, not forking, too
    _WORKER = Runner(options)


def _lint_in_worker(path: str) -> FileResult:
    return _without_views(_WORKER.lint_path(path))


def _lint_chunk(paths: list[str]) -> list[FileResult]:
    return [_lint_in_worker(path) for path in paths]


def _done(future, progress) -> None:
    """Wait for a worker's chunk (its exception is raised here) and count its files."""
    for _ in future.result():
        progress and progress(None)


def _without_views(result: FileResult) -> FileResult:
    """The rules' cached views of the document (normalised text, tables …) are cheap to rebuild
    and costly to keep for every file of a large run, or to send back from a worker."""
    if result.document:
        result.document.derived.clear()
    return result


def collect(paths: list[str]) -> list[str]:
    """Files to lint: the files named, and supported files below the directories named."""
    files = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(_below(given))
        elif path.exists() or path.is_symlink():
            files.append(given)
        else:
            raise UsageError(f"路径不存在 (no such file or directory): {given}")
    return files


def _below(folder: str) -> list[str]:
    """Supported regular files below ``folder``, hidden files and folders left out, links to
    folders not followed (a loop would never end); os.walk rather than Path.rglob, which
    makes a Path of every path and asks stat() of every file, ~12 ms for 1,000 reports
    before any is read."""
    found = []
    for top, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        prefix = str(Path(top))  # as Path writes it (./a/ → a), once per folder, not per file
        for name in names:
            if not name.startswith(".") and readers.supported(Path(name)):
                candidate = name if prefix == "." else os.path.join(prefix, name)
                if os.path.isfile(candidate):
                    found.append(candidate)
    return found


def resolve_facts(doc: Document, overrides: Overrides) -> Facts:
    found = facts_mod.detect(doc)
    if overrides.year is not None:
        found.year, found.year_source = overrides.year, "option"
        found.regime = facts_mod.regime_for(overrides.year)
    if overrides.regime:
        found.regime = overrides.regime
    if overrides.organ:
        found.organ = overrides.organ
    return found


def lint_file(path: str, rules: list[Rule], overrides: Overrides, known: set[str] | None = None,
              max_bytes: int = readers.MAX_BYTES) -> FileResult:
    """Lint one file; ``known`` are the rule ids and names a suppression comment may name
    (default: those of ``rules``)."""
    try:
        doc = readers.read(path, max_bytes)
    except readers.ReadProblem as problem:
        return FileResult(path, None, Facts(), [_engine_diagnostic(path, READ_ERROR, str(problem))])
    doc.facts = resolve_facts(doc, overrides)
    doc.context = {"published": overrides.published, "deadlines": dict(overrides.deadlines)}
    result = FileResult(path, doc, doc.facts)
    applicable, ran = _applicable(tuple(rules), doc.facts.regime, doc.facts.organ)
    for rule in applicable:
        result.diagnostics += run_rule(rule, doc)
    known = known if known is not None else {r.id for r in rules} | {r.name for r in rules}
    result.diagnostics = _apply_suppressions(doc, result.diagnostics, known, ran)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


@functools.lru_cache(maxsize=64)
def _applicable(rules: tuple[Rule, ...], regime: str | None, organ: str | None) -> tuple[list[Rule], frozenset]:
    """The rules that apply to a report of ``regime`` and ``organ``, and their ids and names:
    a run asks the same few questions of the same rules for every file."""
    applicable = [rule for rule in rules if rule.applies(regime, organ)]
    return applicable, frozenset(key for rule in applicable for key in (rule.id, rule.name))


def _apply_suppressions(doc: Document, diagnostics: list[Diagnostic], known: set[str],
                        ran: frozenset[str]) -> list[Diagnostic]:
    """Drop suppressed findings; report invalid comments, and those that suppressed nothing
    although one of their rules ran (a rule not selected or not applicable suppresses nothing
    by nature)."""
    found = suppressions.directives(doc)
    if not found:
        return diagnostics
    suppressions.check_known(found, known | set(config_mod.ENGINE_RULES))
    kept = [d for d in diagnostics if not suppressions.suppressed(found, d.rule, d.name, d.line)]
    for directive in found:
        if directive.problem:
            kept.append(_engine_diagnostic(doc.path, INVALID_SUPPRESSION, f"无效的抑制注释：{directive.problem}",
                                           directive.line, directive.column, directive.end_column))
        elif not directive.used and directive.action != "enable" and directive.rules & (ran | ENGINE_IDS):
            kept.append(_engine_diagnostic(
                doc.path, UNUSED_SUPPRESSION, f"抑制注释没有抑制任何问题 (suppresses nothing): {', '.join(directive.names)}",
                directive.line, directive.column, directive.end_column, severity="warning"))
    return kept


def run_rule(rule: Rule, doc: Document) -> list[Diagnostic]:
    """A rule's findings as diagnostics; a crash becomes one internal-error diagnostic."""
    try:
        return [_diagnostic(rule, doc, finding) for finding in rule.kind.check(doc)]
    except Exception as exc:  # one broken rule must not stop the others
        return [_engine_diagnostic(doc.path, INTERNAL_ERROR,
                                   f"规则 {rule.id} ({rule.name}) 运行出错 (rule crashed): {type(exc).__name__}: {exc}")]


def _diagnostic(rule: Rule, doc: Document, finding) -> Diagnostic:
    end_line = finding.end_line or finding.line
    end_column = finding.end_column or len(doc.line(end_line)) + 1
    if (end_line, end_column) < (finding.line, finding.column):  # the contract: a span never ends before it starts
        end_line, end_column = finding.line, finding.column
    return Diagnostic(path=doc.path, line=finding.line, column=finding.column, end_line=end_line,
                      end_column=end_column, rule=rule.id, name=rule.name, category=rule.category,
                      severity=rule.severity, message=rule.message.format_map(finding.fields),
                      citation=rule.citation, hint=rule.hint,
                      fingerprint=fingerprint(rule.id, _offending_text(doc, finding.line, finding.column,
                                                                       end_line, end_column)))


def _offending_text(doc: Document, line: int, column: int, end_line: int, end_column: int) -> str:
    text = doc.line(line)
    piece = text[column - 1:end_column - 1] if end_line == line else text[column - 1:]
    return piece if normalize(piece) else text


def fingerprint(rule: str, text: str) -> str:
    """The rule and the normalised offending text, hashed: unchanged by edits elsewhere."""
    return hashlib.sha256(f"{rule}\0{normalize(text)}".encode("utf-8")).hexdigest()[:16]


def _engine_diagnostic(path: str, rule: tuple[str, str], message: str, line: int = 1, column: int = 1,
                       end_column: int = 1, severity: str = "error") -> Diagnostic:
    return Diagnostic(path=path, line=line, column=column, end_line=line, end_column=end_column, rule=rule[0],
                      name=rule[1], category=ENGINE_CATEGORY, severity=severity, message=message,
                      fingerprint=fingerprint(rule[0], message))


def display_path(path: str) -> str:
    """Paths as given, with the platform separator normalised."""
    return path.replace(os.sep, "/")
