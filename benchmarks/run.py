#!/usr/bin/env python3
"""Benchmark xxgk-lint the way a user runs it: whole process, cold start.

    .venv/bin/python benchmarks/run.py                 # corpus of 1,000 reports, every measurement
    .venv/bin/python benchmarks/run.py --files 200 --repeat 3 --skip scaling
    .venv/bin/python benchmarks/run.py --scale         # also 10,000 reports against 1,000

1. **Corpus.**  Reports of realistic size (20 KB ± 25 %) derived from the real reports in
   ``examples/`` and ``tests/fixtures`` by varying names and numbers, in every input form the
   linter reads: Markdown with GFM tables, text with flattened web tables (``cell | cell |``),
   PDF text (one cell per line), plain text of the 2007 regime, and Word (.docx, built from the
   Markdown ones: headings and paragraphs, tables as Word tables).  Every other report gets
   one to three defects of the kinds ``examples/defective-2020.txt`` shows (statistics period
   of the wrong year, a part missing, a table total off by one, a template placeholder left).
   The corpus is written once (deterministic, ``--seed``) to ``--corpus``.
2. **Measurements**, each a fresh ``xxgk-lint check`` process (what the installed script runs, ``from linter.__main__ import run``) run as a subprocess:
   the reference start-up (``python -c pass``; ``import markdown_it, lark, rich, pluggy, yaml``),
   one 20 KB report of each form cold (min and median of ``--repeat`` runs, CPU time, peak RSS),
   the whole corpus with ``--jobs 1`` and ``--jobs 2`` (wall, files/s, MB/s, peak RSS of the
   largest process and of the whole process tree, sampled every 5 ms), the result cache
   (second run over an unchanged corpus) where the linter has one, linear scaling (reports of
   20 KB, 200 KB and 2 MB; ``--scale``: 10× the files) and the breakdown of where time goes
   (``XXGK_LINT_PROFILE=1``, see linter/profile.py).
3. **Instructions** (where valgrind is installed): the instructions one cold check of each
   20 KB report executes and those of the reference import, counted by
   ``valgrind --tool=callgrind``.  Unlike wall time they do not change with the load that
   other tenants put on a shared machine, so a change can be judged by them there.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = 1024
MB = 1024 * 1024

# (source, form, place-name stems to vary).  Forms: md (GFM tables), txt-flat (web tables
# flattened to cell | cell |), txt-pdf (PDF text, one cell per line), txt-plain (2007 regime,
# no tables), docx (built from the md sources).
TEMPLATES = [
    ("examples/clean-2021.md", "md", ["青禾"]),
    ("tests/fixtures/noisy/shuyang-county-2025-ocr.md", "md", ["沐阳"]),
    ("tests/fixtures/noisy/shanghai-stc-2024-pdf2md.md", "md", ["上海"]),
    ("examples/defective-2020.txt", "txt-flat", ["青禾", "石桥"]),
    ("tests/fixtures/samples/yongshan-county-2020.txt", "txt-flat", ["永善"]),
    ("tests/fixtures/samples/hongze-district-2024.txt", "txt-pdf", ["洪泽", "淮安"]),
    ("tests/fixtures/samples/hongze-district-2023.txt", "txt-pdf", ["洪泽"]),
    ("tests/fixtures/samples/huaian-city-2024.txt", "txt-pdf", ["淮安"]),
    ("tests/fixtures/samples/jiangnan-subdistrict-2017.txt", "txt-plain", ["江南"]),
    ("tests/fixtures/samples/gaoping-city-2012.txt", "txt-plain", ["高平"]),
    ("tests/fixtures/samples/fengxian-county-2017.txt", "txt-plain", ["宝鸡"]),
]
FORMS = ("md", "txt-flat", "txt-pdf", "txt-plain", "docx")
DOCX_FROM = ("examples/clean-2021.md", "examples/defective-2020.txt")
# characters for invented place names; no numerals, so a name never reads as outline numbering
_SYLLABLES = "东南西北安平宁康泰和兴盛丰华阳山川湖林溪源江桥石云青金玉长永福德仁义礼信乐松柏梅兰竹菊清明春秋"
_COUNT = re.compile(r"(?<![第\d.])(\d{1,5})(?=余?(?:条|篇|场|期|次|个|人次|家|份|名|万元))")
# lines whose numbers the cross-check rules compare with the tables: copied unchanged
_SENSITIVE = ("申请", "复议", "诉讼", "其中", "件", "%", "％", "统计期限", "年度报告", "收费")
# lines never copied: the period, the title, what the fee and cross-check rules read
_UNIQUE = ("统计期限", "年度报告", "收费", "申请", "复议", "诉讼", "其中", "%", "％")
_NUMBERED = re.compile(r"^\s*(?:[#一二三四五六七八九十第(（\d]|[-—]\s*\d)")


# ----------------------------------------------------------------------------- corpus

def _vary_numbers(line: str, rng: random.Random) -> str:
    if any(word in line for word in _SENSITIVE):
        return line
    return _COUNT.sub(lambda m: str(max(1, round(int(m.group(1)) * rng.uniform(0.6, 1.6)))), line)


def _prose(line: str) -> str | None:
    """Body text that can be repeated (with other numbers) to make a report longer: a prose
    line, or the text after the title of a run-in item (（一）主动公开情况。2020年，……)."""
    text = line.strip()
    if _NUMBERED.match(text):
        title, stop, rest = text.partition("。")
        text = rest.strip() if stop and len(title) <= 30 else ""
    if (len(text) >= 25 and "|" not in text and any(mark in text for mark in "，,。")
            and not _NUMBERED.match(text) and not any(word in text for word in _UNIQUE)):
        return text
    return None


def _rename(text: str, stems: list[str], rng: random.Random) -> str:
    for stem in stems:
        text = text.replace(stem, "".join(rng.choice(_SYLLABLES) for _ in stem))
    return text


def _grow(lines: list[str], form: str, target: int, rng: random.Random) -> list[str]:
    """Insert varied copies of body text, each after a line that ends a sentence, until the
    text has ``target`` bytes."""
    texts = [_prose(line) for line in lines if _prose(line)]
    after = [i for i, line in enumerate(lines) if line.rstrip().endswith("。") and "|" not in line]
    if not texts or not after:
        return lines
    size = sum(len(line.encode()) + 1 for line in lines)
    inserts: dict[int, list[str]] = {}
    while size < target:
        i, copy = rng.choice(after), _vary_numbers(rng.choice(texts), rng)
        paragraph_ends = form == "md" and (i + 1 == len(lines) or not lines[i + 1].strip())
        inserts.setdefault(i, []).extend(["", copy] if paragraph_ends else [copy])
        size += len(copy.encode()) + (2 if paragraph_ends else 1)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, ()))
    return out


def _defects(lines: list[str], rng: random.Random) -> list[str]:
    """One to three defects of the kinds examples/defective-2020.txt shows."""
    lines = list(lines)

    def period():
        for i, line in enumerate(lines):
            match = re.search(r"统计期限.{0,8}?((?:19|20)\d{2})", line)
            if match:
                year = match.group(1)
                lines[i] = line[:match.start(1)] + str(int(year) - 1) + line[match.end(1):]
                return True
        return False

    def missing_part():
        for i, line in enumerate(lines):
            if re.match(r"^\s*#*\s*[五六]、.{0,4}(存在的主要问题|存在的问题)", line):
                del lines[i]
                return True
        return False

    def total_off():
        rows = [i for i, line in enumerate(lines) if line.count("|") >= 4 and re.search(r"\|\s*\d+\s*\|", line)]
        rows = rows or [i for i, line in enumerate(lines) if re.fullmatch(r"\s*\d{1,4}\s*", line)]
        if not rows:
            return False
        i = rng.choice(rows)
        lines[i] = re.sub(r"(?<![\d.])(\d{1,4})(?![\d.])", lambda m: str(int(m.group(1)) + 1), lines[i], count=1)
        return True

    def placeholder():
        lines.extend(["", "（此处填写单位名称）", "20**年*月*日"])
        return True

    kinds = [period, missing_part, total_off, placeholder]
    rng.shuffle(kinds)
    wanted, done = rng.randint(1, 3), 0
    for kind in kinds:
        if done < wanted and kind():
            done += 1
    return lines


def _header_rows(header: list[str]) -> list[list[str]]:
    """A compound Markdown header (行政复议-结果维持, 行政诉讼（未经复议直接起诉）-总计 …) as the
    header rows of the Word table it was taken from: groups, then sub-groups and leaves."""
    parsed = []
    for cell in header:
        group, _, leaf = cell.partition("-") if "-" in cell else (cell, "", "")
        match = re.fullmatch(r"(.+?)（(.+)）", group)
        parsed.append((match.group(1), match.group(2), leaf) if match else (group, None, leaf))
    rows = [list(dict.fromkeys(g for g, _, _ in parsed)), [], []]
    for group in rows[0]:
        members = [(sub, leaf) for g, sub, leaf in parsed if g == group]
        if any(sub for sub, _ in members):
            rows[1] += list(dict.fromkeys(sub for sub, _ in members))
            rows[2] += [leaf for _, leaf in members]
        else:
            rows[1] += [leaf for _, leaf in members]
    return [row for row in rows if any(row)]


def _write_docx(path: Path, lines: list[str]) -> None:
    """A Word document from the lines of a Markdown or flattened-table text report: headings
    and paragraphs, tables as Word tables whose rows the .docx reader renders as the same
    ``cell | cell |`` lines a web table copied as text has (a short row's last cell spans the
    rest of the table's width)."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
            if len(row) < width:
                table.cell(r, len(row) - 1).merge(table.cell(r, width - 1)).text = row[-1]
        rows.clear()

    for line in lines:
        text = line.strip()
        if "|" in text:
            cells = [c.strip() for c in text.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue  # the delimiter row of a GFM table
            if text.startswith("|") and not rows and any("-" in c for c in cells[1:]):
                rows.extend(_header_rows(cells))
            else:
                rows.append(cells)
            continue
        flush()
        if text.startswith("#"):
            document.add_heading(text.lstrip("#").strip(), level=min(text.count("#", 0, 6), 4))
        else:
            document.add_paragraph(text)
    flush()
    document.save(str(path))


def _variant(source: str, form: str, stems, target: int, defective: bool, rng: random.Random) -> list[str]:
    text = (ROOT / source).read_text("utf-8")
    lines = _rename(text, stems, rng).split("\n")
    lines = [_vary_numbers(line, rng) for line in lines]
    lines = _grow(lines, form, target, rng)
    return _defects(lines, rng) if defective else lines


def write_report(folder: Path, index: int, form: str, target: int, defective: bool, rng: random.Random) -> Path:
    if form == "docx":
        source = DOCX_FROM[index % len(DOCX_FROM)]
        form_of, stems = next((t[1], t[2]) for t in TEMPLATES if t[0] == source)
        lines = _variant(source, form_of, stems, target, defective, rng)
        path = folder / f"{index:05d}-{form}-{'defective' if defective else 'clean'}.docx"
        _write_docx(path, lines)
        return path
    choices = [t for t in TEMPLATES if t[1] == form]
    source, _, stems = choices[index % len(choices)]
    lines = _variant(source, form, stems, target, defective, rng)
    suffix = ".md" if form == "md" else ".txt"
    path = folder / f"{index:05d}-{form}-{'defective' if defective else 'clean'}{suffix}"
    path.write_text("\n".join(lines), "utf-8")
    return path


def build_corpus(folder: Path, files: int, size: int, seed: int) -> list[Path]:
    """``files`` reports (sizes ``size`` ± 25 %), forms in turn, every other one defective;
    reused when ``folder`` already holds exactly this corpus."""
    stamp = folder / ".corpus"
    wanted = f"files={files} size={size} seed={seed} v=1"
    if stamp.is_file() and stamp.read_text() == wanted:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    out = []
    for i in range(files):
        form = FORMS[i % len(FORMS)]
        target = int(size * rng.uniform(0.75, 1.25))
        out.append(write_report(folder, i, form, target, defective=(i // len(FORMS)) % 2 == 1, rng=rng))
    stamp.write_text(wanted)
    return out


def replicate(corpus: list[Path], folder: Path, times: int) -> list[Path]:
    """``times`` copies of ``corpus`` (hard links where possible), for the scaling run."""
    if not (folder / ".corpus").is_file():
        if folder.exists():
            shutil.rmtree(folder)
        for copy in range(times):
            target = folder / f"copy-{copy}"
            target.mkdir(parents=True)
            for path in corpus:
                try:
                    os.link(path, target / path.name)
                except OSError:
                    shutil.copy(path, target / path.name)
        (folder / ".corpus").write_text(f"{times} copies")
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def single_reports(folder: Path, sizes: list[int], seed: int) -> dict[tuple[str, int], Path]:
    """One clean report per form and size (the cold-start and scaling measurements)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        for form in FORMS:
            rng = random.Random(seed)
            sub = folder / f"{form}-{size // KB}k"
            sub.mkdir(exist_ok=True)
            existing = sorted(sub.iterdir())
            out[form, size] = existing[0] if existing else write_report(sub, 0, form, size, False, rng)
    tiny = folder / "tiny.md"
    tiny.write_text("# 标题\n\n正文。\n", "utf-8")
    out["tiny", 0] = tiny
    return out


# ----------------------------------------------------------------------------- running

def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo += [int(p) for p in handle.read().split()]
        except OSError:
            pass
    return out


def _rss(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes: PSS shares the pages a process shares with others
    (workers forked after the rules were loaded) among them, so the PSS of a tree adds up."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            found = dict(line.split(":", 1) for line in handle if line.startswith(("Rss:", "Pss:")))
        return int(found["Rss"].split()[0]) * 1024, int(found["Pss"].split()[0]) * 1024
    except (OSError, ValueError, KeyError):
        return 0, 0


class Run:
    def __init__(self, wall, cpu, maxrss, tree_rss, tree_pss, code, stderr):
        self.wall, self.cpu, self.maxrss, self.tree_rss, self.tree_pss, self.code, self.stderr = \
            wall, cpu, maxrss, tree_rss, tree_pss, code, stderr


_TIME = shutil.which("time") and Path("/usr/bin/time").is_file() and "/usr/bin/time"


def run(command: list[str], env: dict | None = None, sample: bool = False, cwd: Path | None = None) -> Run:
    """Run ``command``; wall time, CPU time (user+sys, children included), peak RSS of the
    largest process and, with ``sample``, of the whole process tree (sum over its processes,
    sampled every 5 ms).  The largest process's peak comes from GNU time (``%M``) where it is
    installed: a child forked from this (large) process would inherit its high-water mark."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak_file:
        wrapped = [_TIME, "-q", "-f", "%M", "-o", peak_file.name, *command] if _TIME else command
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd)
        peak = [0, 0]
        stop = threading.Event()

        def sampler():
            while not stop.is_set():
                sizes = [_rss(p) for p in _tree(proc.pid)[1 if _TIME else 0:]]  # not GNU time itself
                peak[0] = max(peak[0], sum(rss for rss, _ in sizes))
                peak[1] = max(peak[1], sum(pss for _, pss in sizes))
                stop.wait(0.005)

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread:
            thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if thread:
            stop.set()
            thread.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        maxrss = usage.ru_maxrss * 1024
        if _TIME:
            text = peak_file.read().strip().splitlines()
            maxrss = int(text[-1]) * 1024 if text and text[-1].isdigit() else 0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {proc.returncode}:\n{stderr[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, maxrss, peak[0], peak[1], proc.returncode, stderr)


def repeat(command, times: int, env=None, cwd=None) -> list[Run]:
    return [run(command, env=env, cwd=cwd) for _ in range(times)]


# What the installed ``xxgk-lint`` script runs, with the linter of the current folder (a checkout
# measures itself, as with ``python -m linter``, without runpy's start-up on top).
ENTRY = "from linter.__main__ import run; run()"


def linter(python: str, *args: str) -> list[str]:
    return [python, "-c", ENTRY, "check", "--format", "text", *args]


_USER_CACHE: Path | None = None  # set by main(): the per-user cache of the measured runs


def _env(**extra) -> dict:
    """The environment of a measured run: bytecode may be written (as after any pip install;
    some environments set PYTHONDONTWRITEBYTECODE, which makes every start compile the whole
    package), no profiling unless asked, the benchmark's own per-user cache folder."""
    env = dict(os.environ)
    env.pop("XXGK_LINT_PROFILE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _USER_CACHE is not None:
        env["XDG_CACHE_HOME"] = str(_USER_CACHE)
    env.update(extra)
    return env


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _mib(size: float) -> str:
    return f"{size / MB:.1f} MiB"


def _summary(runs: list[Run]) -> str:
    walls = [r.wall for r in runs]
    return (f"min {_ms(min(walls))}  median {_ms(statistics.median(walls))}  "
            f"cpu {_ms(min(r.cpu for r in runs))}  rss {_mib(max(r.maxrss for r in runs))}")


def parallel_capacity(python: str) -> tuple[float, float]:
    """(seconds of a CPU-bound loop alone, seconds each when two run at once): what ``--jobs 2``
    can gain at most here (2× on two free cores; less on shared or hyper-threaded ones)."""
    loop = [python, "-c", "x = 0\nfor i in range(10_000_000): x += i"]
    alone = min(run(loop).wall for _ in range(3))
    together = []
    for _ in range(3):
        start = time.perf_counter()
        procs = [subprocess.Popen(loop) for _ in range(2)]
        for proc in procs:
            proc.wait()
        together.append(time.perf_counter() - start)
    return alone, min(together)


def instructions(command: list[str], env: dict) -> int | None:
    """Instructions the command executes, counted by valgrind's callgrind (None without it)."""
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    return int(found.group(1)) if found else None


def has_option(python: str, option: str) -> bool:
    out = subprocess.run([python, "-m", "linter", "check", "--help"], capture_output=True, text=True)
    return option in out.stdout


# ----------------------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument("--size", type=int, default=20 * KB, help="mean report size in bytes (default 20 KB)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per cold-start figure (default 5)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of the parallel run (default 2)")
    parser.add_argument("--corpus-repeat", type=int, default=3,
                        help="timed runs over the whole corpus per --jobs, interleaved (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-lint-bench",
                        help="where the corpus is written (default: $TMPDIR/xxgk-lint-bench)")
    parser.add_argument("--python", default=sys.executable, help="interpreter with xxgk-lint installed")
    parser.add_argument("--skip", action="append", default=[],
                        choices=("reference", "single", "instructions", "corpus", "cache", "scaling", "profile"))
    parser.add_argument("--scale", action="store_true", help="also lint 10× --files and compare")
    args = parser.parse_args()
    python = args.python
    cache = has_option(python, "--no-cache")
    cache_off = ["--no-cache"] if cache else []
    global _USER_CACHE
    _USER_CACHE = args.corpus / "user-cache"

    print(f"# xxgk-lint benchmark: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, python {python}")
    t = time.perf_counter()
    corpus = build_corpus(args.corpus / f"corpus-{args.files}", args.files, args.size, args.seed)
    singles = single_reports(args.corpus / "single", [20 * KB, 200 * KB, 2 * MB], args.seed)
    total = sum(p.stat().st_size for p in corpus)
    print(f"corpus: {len(corpus)} files, {total / MB:.1f} MB, in {args.corpus} "
          f"({time.perf_counter() - t:.1f} s to prepare)")

    run(linter(python, str(singles["tiny", 0])), env=_env())  # bytecode written, per-user cache filled
    if "reference" not in args.skip:
        print("\n## reference start-up")
        print(f"  python -c pass                                    {_summary(repeat([python, '-c', 'pass'], args.repeat))}")
        libs = [python, "-c", "import markdown_it, lark, rich, pluggy, yaml"]
        print(f"  python -c 'import markdown_it, lark, rich, pluggy, yaml'  {_summary(repeat(libs, args.repeat))}")
        print(f"  python -c 'import linter.cli'                     "
              f"{_summary(repeat([python, '-c', 'import linter.cli'], args.repeat))}")
        print(f"  xxgk-lint check --version                          "
              f"{_summary(repeat([python, '-c', ENTRY, '--version'], args.repeat))}")
        alone, together = parallel_capacity(python)
        print(f"  CPU-bound loop: alone {alone:.2f} s, two at once {together:.2f} s each: "
              f"the machine runs two processes {2 * alone / together:.2f}× as fast as one")

    if "single" not in args.skip:
        print("\n## one report, cold (xxgk-lint check --format text FILE), min of interleaved runs")
        with tempfile.TemporaryDirectory() as folder:
            modes = [("no cache", lambda i: cache_off)]
            if cache:
                modes += [("rules cached", lambda i: ["--cache-dir", f"{folder}/miss-{i}"]),
                          ("findings cached", lambda i: ["--cache-dir", f"{folder}/hit"])]
            for form in FORMS:
                path = singles[form, 20 * KB]
                if cache:
                    run(linter(python, "--cache-dir", f"{folder}/hit", str(path)), env=_env())
                runs: dict[str, list[Run]] = {mode: [] for mode, _ in modes}
                for i in range(args.repeat):
                    for mode, extra in modes:
                        runs[mode].append(run(linter(python, *extra(i), str(path)), env=_env()))
                figures = "  ".join(f"{mode} {_ms(min(r.wall for r in found))} (cpu {_ms(min(r.cpu for r in found))})"
                                    for mode, found in runs.items())
                print(f"  {form:<10} {path.stat().st_size / KB:6.1f} KB  {figures}  "
                      f"rss {_mib(max(r.maxrss for r in runs[modes[0][0]]))}")

    if "instructions" not in args.skip and shutil.which("valgrind"):
        print("\n## instructions executed, one cold run each (valgrind --tool=callgrind; rules cached, "
              "findings not)")
        reference = instructions([python, "-c", "import markdown_it, lark, rich, pluggy, yaml"], _env())
        print(f"  reference import  {reference / 1e6:7.0f} M")
        with tempfile.TemporaryDirectory() as folder:
            for form in FORMS:
                count = instructions(linter(python, "--cache-dir", folder, str(singles[form, 20 * KB])), _env())
                shutil.rmtree(Path(folder) / "results", ignore_errors=True)  # the next file's findings: not cached
                print(f"  {form:<10} 20 KB  {count / 1e6:7.0f} M  ({count / reference:.2f}× the reference)")

    if "corpus" not in args.skip:
        print(f"\n## {len(corpus)} reports ({total / MB:.1f} MB), min and median of {args.corpus_repeat} "
              f"interleaved runs")
        commands = {jobs: linter(python, *cache_off, "--jobs", str(jobs), str(corpus[0].parent))
                    for jobs in (1, args.jobs)}
        # timed without the memory sampler, which reads /proc every 5 ms and takes CPU from the
        # workers on a 2-core machine; the memory figures come from a last, sampled run.  The runs
        # of both --jobs interleave, so that a change in the load of a shared machine hits both
        timed: dict[int, list[Run]] = {jobs: [] for jobs in commands}
        for _ in range(args.corpus_repeat):
            for jobs, command in commands.items():
                timed[jobs].append(run(command, env=_env()))
        for jobs, command in commands.items():
            r, m = min(timed[jobs], key=lambda t: t.wall), run(command, env=_env(), sample=True)
            median = statistics.median(t.wall for t in timed[jobs])
            print(f"  --jobs {jobs}: wall min {r.wall:.2f} s  median {median:.2f} s  "
                  f"{len(corpus) / r.wall:.0f} files/s  {total / MB / r.wall:.2f} MB/s  cpu {r.cpu:.2f} s  "
                  f"peak: largest process {_mib(m.maxrss)}, whole tree rss {_mib(m.tree_rss)} "
                  f"pss {_mib(m.tree_pss)} (sampled run: wall {m.wall:.2f} s)")

    if cache and "cache" not in args.skip:
        print(f"\n## result cache (pre-commit: the same {len(corpus)} reports again, unchanged)")
        with tempfile.TemporaryDirectory() as folder:
            for label in ("first run (fills the cache)", "second run (all hits)"):
                r = run(linter(python, "--cache-dir", folder, "--jobs", str(args.jobs), str(corpus[0].parent)),
                        env=_env(), sample=True)
                print(f"  {label:<30} wall {r.wall:.2f} s  cpu {r.cpu:.2f} s  whole tree rss {_mib(r.tree_rss)} "
                      f"pss {_mib(r.tree_pss)}")
            one = singles["md", 20 * KB]
            run(linter(python, "--cache-dir", folder, str(one)), env=_env())
            runs = repeat(linter(python, "--cache-dir", folder, str(one)), args.repeat, env=_env())
            print(f"  one 20 KB report, cached        {_summary(runs)}")

    if "scaling" not in args.skip:
        print("\n## linear scaling (cold single runs, interleaved; work = CPU time - CPU time of a 3-line report)")
        for form in ("md", "txt-pdf", "txt-flat"):
            paths = [singles["tiny", 0]] + [singles[form, size] for size in (20 * KB, 200 * KB, 2 * MB)]
            cpu = {path: [] for path in paths}
            for _ in range(max(3, args.repeat)):
                for path in paths:
                    cpu[path].append(run(linter(python, *cache_off, str(path)), env=_env()).cpu)
            base = min(cpu[paths[0]])
            work = {path: max(min(cpu[path]) - base, 1e-3) for path in paths[1:]}
            print(f"  {form:<9} 3-line report {_ms(base)} CPU; " + ";  ".join(
                f"{path.stat().st_size / KB:.0f} KB: work {_ms(work[path])} ({work[path] / work[paths[1]]:.0f}×)"
                for path in paths[1:]))
        if args.scale:
            big_folder = args.corpus / f"corpus-{args.files}x10"
            big = replicate(corpus, big_folder, 10)
            times = {}
            for files, folder in ((corpus, corpus[0].parent), (big, big_folder)):
                r = run(linter(python, *cache_off, "--jobs", str(args.jobs), str(folder)), env=_env(), sample=True)
                times[len(files)] = r.wall
                print(f"  {len(files)} reports --jobs {args.jobs}: wall {r.wall:.2f} s, whole tree rss "
                      f"{_mib(r.tree_rss)} pss {_mib(r.tree_pss)}")
            print(f"  ratio: {times[len(big)] / times[len(corpus)]:.1f}× for 10× the files")

    if "profile" not in args.skip:
        print("\n## where the time goes (XXGK_LINT_PROFILE=1)")
        for title, command in [("one 20 KB Markdown report", linter(python, *cache_off, str(singles["md", 20 * KB]))),
                               ("one 20 KB PDF-text report", linter(python, *cache_off, str(singles["txt-pdf", 20 * KB]))),
                               (f"{len(corpus)} reports, --jobs 1", linter(python, *cache_off, str(corpus[0].parent)))]:
            r = run(command, env=_env(XXGK_LINT_PROFILE="1"))
            print(f"### {title}: wall {r.wall * 1000:.0f} ms")
            print(_trim(r.stderr))
    return 0


def _trim(profile: str, rules: int = 12) -> str:
    """The profile's stage table and its ``rules`` slowest rules."""
    out, shown = [], None
    for line in profile.splitlines():
        if line.startswith("rules (all"):
            shown = 0
        elif shown is not None:
            shown += 1
            if shown > rules:
                continue
        out.append(line)
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
