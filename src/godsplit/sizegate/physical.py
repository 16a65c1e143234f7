"""Physical lines from bytes, and reading a file's bytes: the hot loop of `godsplit check`.

Physical lines are what an editor shows: every line ending (LF, CRLF or a lone CR) ends
a line, and a last line without one still counts. No decoding, no parsing, no regular
expressions to compile: code-line counting (`counting.py`) is imported only when used.
"""

from __future__ import annotations

import os
from pathlib import Path

_CR = 13
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # no newline translation on Windows


def count_physical(data: bytes) -> int:
    """The number of physical lines in `data` (a file's bytes)."""
    lines = data.count(b"\n")
    if b"\r" in data:  # CRLF counts once; a lone CR (old Mac) ends a line too
        lines += data.count(b"\r") - data.count(b"\r\n")
    if data and data[-1] != 10 and data[-1] != _CR:
        lines += 1  # a last line without a line ending
    return lines


def read_bytes(path: Path | str) -> bytes:
    """A file's bytes, with the fewest system calls (this is the hot loop of `check`)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) <= size:  # short read or the file grew: read the rest
            chunks = [data]
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
        return data
    finally:
        os.close(fd)
