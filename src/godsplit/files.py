"""The one place godsplit reads source files: bytes -> text with encoding and newline kept.

Writing goes through `write.py`, which encodes with the `SourceText` it was read as.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .types import GodsplitError

# PEP 263: a coding cookie on line 1 or 2.
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


@dataclass(frozen=True)
class SourceText:
    """A decoded source file and how to encode text like it."""

    path: Path
    text: str  # newlines normalised to "\n"
    encoding: str
    newline: str  # the dominant line ending of the file: "\n", "\r\n" or "\r"
    bom: bool
    mixed_newlines: bool

    def encode(self, text: str) -> bytes:
        """Encode new text (with "\n" newlines) the way this file is encoded."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def detect_encoding(data: bytes, path: Path) -> tuple[str, bool]:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", True
    for line in data.splitlines()[:2]:
        match = _COOKIE.match(line)
        if match:
            name = match.group(1).decode("ascii")
            try:
                return codecs.lookup(name).name, False
            except LookupError:
                raise GodsplitError(f"unknown encoding {name!r} in coding cookie", path, 1) from None
        if line.strip() and not line.lstrip().startswith(b"#"):
            break
    return "utf-8", False


def decode_source(data: bytes, path: Path) -> SourceText:
    encoding, bom = detect_encoding(data, path)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        raw = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise GodsplitError(
            f"cannot decode as {encoding}: {exc.reason} (add a PEP 263 coding cookie?)", path, line
        ) from None
    crlf = raw.count("\r\n")
    lone_cr = raw.count("\r") - crlf
    lone_lf = raw.count("\n") - crlf
    counts = {"\r\n": crlf, "\n": lone_lf, "\r": lone_cr}
    newline = max(counts, key=lambda k: (counts[k], k == "\n"))
    mixed = sum(1 for value in counts.values() if value) > 1
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text, encoding, newline, bom, mixed)


def read_source(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GodsplitError("source file not found", path) from None
    except IsADirectoryError:
        raise GodsplitError("source is a directory, not a .py file", path) from None
    except OSError as exc:
        raise GodsplitError(f"cannot read source: {exc.strerror}", path) from None
    return decode_source(data, path)
