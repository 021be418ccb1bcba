"""Input files → Document.  Decoding (UTF-8, GB18030) happens here and nowhere else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from linter import plugins
from linter.document import Document
from linter.regexes import compiled

MAX_BYTES = 20 * 1024 * 1024
_LINE_END = compiled(r"\r\n|\r|\n")


class ReadProblem(Exception):
    """A file that cannot be linted; the message (Chinese) says why."""


def supported(path: Path) -> bool:
    return path.suffix.lower() in plugins.readers()


def _refuse_binary(head: bytes) -> None:
    if b"\x00" in head:
        raise ReadProblem("不是文本文件（含有 NUL 字节） (not a text file: NUL bytes)")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, which covers GBK and GB2312."""
    _refuse_binary(data[:8192])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadProblem(
                f"无法解码：既不是 UTF-8 也不是 GB18030（第 {utf8_error.start} 字节起）"
                f" (cannot decode as UTF-8 or GB18030 at byte {utf8_error.start})"
            ) from None


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF end a line, nothing else does."""
    # without a CR (most files) the line ends are the LFs: str.split, 3× faster than the pattern
    lines = _LINE_END.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _read_at_most(handle, limit: int, expected: int) -> bytes:
    """The rest of the file, ``limit`` bytes at most.  Asked for what stat() said is there,
    then, if the file grew since, in chunks: one read of ``limit`` bytes would allocate all of
    them, 20 MB for every 20 KB report."""
    chunks, left, size = [], limit, expected + 1
    while left > 0:
        chunk = handle.read(min(left, size))
        if not chunk:
            break
        chunks.append(chunk)
        left, size = left - len(chunk), 1 << 16  # below what malloc maps anew
    return b"".join(chunks)


def _blank(text: str) -> bool:
    """Nothing but white space and byte-order marks (asked without copying the text twice)."""
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    return not text or text.isspace()


def reader_for(path: str):
    """The reader of ``path``'s suffix, None for an unsupported one."""
    return plugins.readers().get(Path(path).suffix.lower())


def read(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and parse one file; ReadProblem if that is impossible.  A file over
    ``max_bytes``, or not a regular file, is refused before it is read; a binary file
    after its first 8 KiB."""
    reader = plugins.readers().get(Path(path).suffix.lower())
    if reader is None:
        raise ReadProblem(f"不支持的文件类型 (unsupported file type): {Path(path).suffix or path}")
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadProblem("不是普通文件 (not a regular file)")
        if info.st_size > max_bytes:
            raise ReadProblem(f"文件过大：{info.st_size} 字节，上限 {max_bytes} 字节 (file too large; see max-file-size)")
        with open(path, "rb") as handle:  # read only: inputs are never written
            head = handle.read(8192)
            if not getattr(reader, "binary", False):
                _refuse_binary(head)
            data = head + _read_at_most(handle, max_bytes + 1 - len(head), info.st_size)
    except OSError as exc:
        raise ReadProblem(f"无法读取文件 (cannot read): {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while we read it
        raise ReadProblem(f"文件过大：超过 {max_bytes} 字节 (file too large)")
    if getattr(reader, "binary", False):  # a container format (.docx) decodes itself
        return reader.read_bytes(path, data)
    text = decode(data)
    if _blank(text):
        raise ReadProblem("文件为空 (empty file)")
    return reader.read(path, text)
