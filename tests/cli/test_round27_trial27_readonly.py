"""Round 27 (trial27): bad input found on real trees.

- A god file on a file system mounted read-only (distlib's tree under a read-only bind
  mount): apply, plan and `suggest --write` said "the file is read-only (mode 0644) ...
  make it writable (chmod u+w) first": the mode was writable, and no chmod helps on a
  read-only mount. They name the read-only file system now.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from test_bad_input import BIG
from test_bad_input_round12 import CONFIG, assert_refused

from conftest import make_project


class _ReadOnlyMount:
    """os.statvfs's answer for a read-only mount."""

    f_flag = os.ST_RDONLY


def _mount_read_only(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the OS answers for files under `root` on a read-only mount: no write access
    (EROFS, for root too) and ST_RDONLY in statvfs; everything else as it is."""
    access, statvfs = os.access, os.statvfs
    inside = str(root.resolve())

    def fake_access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and str(Path(path).resolve()).startswith(inside):
            return False
        return access(path, mode, *args, **kwargs)

    def fake_statvfs(path: Any) -> Any:
        if str(Path(path).resolve()).startswith(inside):
            return _ReadOnlyMount()
        return statvfs(path)

    monkeypatch.setattr(os, "access", fake_access)
    monkeypatch.setattr(os, "statvfs", fake_statvfs)


@pytest.mark.parametrize("command", ["apply", "plan"])
def test_a_source_on_a_read_only_mount_names_the_mount_not_the_mode(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    _mount_read_only(root, monkeypatch)
    assert_refused(root, (command,), "big.py: on a read-only file system",
                   ("remount it read-write", "nothing was written"), monkeypatch)


def test_a_writable_file_on_a_writable_mount_is_still_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The statvfs probe does not refuse an ordinary tree."""
    from test_bad_input_round12 import invoke

    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    status, output = invoke(root, "apply", monkeypatch=monkeypatch)
    assert status == 0, output
    assert (root / "big" / "one.py").exists()
