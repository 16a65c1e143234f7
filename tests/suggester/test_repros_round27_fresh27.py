"""Round 27 (fresh27): a new held-out half, `fresh3`, and `suggest_eval.py --check`, which
reads a case's data (downloads, sha256s, names) and stops before any suggestion, so a half
can be checked without anyone seeing how suggest does on it."""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

from benchkit import load_benchmark

BEFORE = '''\
"""A god file."""
import os

__tracebackhide__ = True
LIMIT = 3


def alpha():
    return os.sep * LIMIT


class Beta:
    pass
'''


def _eval() -> ModuleType:
    return load_benchmark("suggest_eval")


def _sdist(root: Path) -> bytes:
    """demo-1.0.tar.gz, with demo/big.py under its top directory."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as tar:
        body = BEFORE.encode()
        info = tarfile.TarInfo("demo-1.0/demo/big.py")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    return data.getvalue()


def _case(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    modules: str = 'a = ["__tracebackhide__", "alpha", "LIMIT"]\nb = ["Beta"]\n',
    file_sha: str | None = None,
    sdist_sha: str | None = None,
    also: str = "",
) -> ModuleType:
    """A fresh3 case `demo` over demo-1.0.tar.gz, already in the download cache (and, with
    `also`, a second case `demo2` placing those modules); suggest_eval's suggest and
    evaluate are made to fail the test if called."""
    ev = _eval()
    work, cases = tmp_path / "work", tmp_path / "cases"
    archive = _sdist(tmp_path)
    (work / "sdists").mkdir(parents=True)
    (work / "sdists" / "demo-1.0.tar.gz").write_bytes(archive)
    cases.mkdir()
    fields = {
        "project": "demo",
        "licence": "MIT",
        "half": "fresh3",
        "sdist": "demo==1.0",
        "sdist-file": "demo-1.0.tar.gz",
        "sdist-sha256": sdist_sha or hashlib.sha256(archive).hexdigest(),
        "path": "demo/big.py",
        "sha256": file_sha or hashlib.sha256(BEFORE.encode()).hexdigest(),
    }
    text = "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items())
    (cases / "demo.toml").write_text(text + "\n[modules]\n" + modules)
    if also:
        (cases / "demo2.toml").write_text(text + "\n[modules]\n" + also)
    monkeypatch.setattr(ev, "WORK", work)
    monkeypatch.setattr(ev, "CASES", cases)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("--check made a suggestion")

    monkeypatch.setattr(ev, "suggest", never)
    monkeypatch.setattr(ev, "evaluate", never)
    return ev


def test_check_reads_the_data_and_prints_no_score(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ev = _case(tmp_path, monkeypatch)
    assert ev.main(["--check", "--half", "fresh3"]) == 0
    out = capsys.readouterr().out
    assert "demo (fresh3): demo-1.0.tar.gz and demo/big.py match their sha256" in out
    # a dunder name bound at the top level (pytest's __tracebackhide__) is one of its names
    assert "13 lines; 4 names, each a top-level name of the file, in 2 modules" in out
    assert "checked 1 case, 0 failed; no suggestion was made" in out
    assert "F1" not in out and "ARI" not in out and "beats" not in out


def test_check_names_a_recorded_name_the_file_does_not_define_and_checks_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `os` is imported, not defined; `gamma` is not there at all
    bad = 'a = ["alpha", "os"]\nb = ["Beta", "gamma"]\n'
    ev = _case(tmp_path, monkeypatch, modules=bad, also='a = ["alpha"]\nb = ["Beta"]\n')
    assert ev.main(["--check"]) == 1
    out, err = capsys.readouterr()
    assert "demo: not top-level names of demo/big.py: gamma, os" in err
    assert "demo2 (fresh3): demo-1.0.tar.gz and demo/big.py match their sha256" in out
    assert "checked 2 cases, 1 failed; no suggestion was made" in out


def test_check_refuses_a_before_file_with_another_sha256(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ev = _case(tmp_path, monkeypatch, file_sha="0" * 64)
    assert ev.main(["--check"]) == 1
    assert re.search(r"demo: .*big\.py does not have the recorded sha256", capsys.readouterr().err)


def test_check_refuses_an_sdist_with_another_sha256(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cached archive does not match, so it is fetched again (here from a stand-in
    index serving the same bytes) and refused: the archive's hash is checked, not only
    the file's."""
    ev = _case(tmp_path, monkeypatch, sdist_sha="0" * 64)
    archive = (tmp_path / "work" / "sdists" / "demo-1.0.tar.gz").read_bytes()
    listing = json.dumps({"files": [{"filename": "demo-1.0.tar.gz", "url": "https://x/demo"}]})

    def urlopen(request: object, timeout: float = 0) -> io.BytesIO:
        return io.BytesIO(listing.encode() if not isinstance(request, str) else archive)

    monkeypatch.setattr(ev.urllib.request, "urlopen", urlopen)
    assert ev.main(["--check"]) == 1
    assert "demo: demo-1.0.tar.gz does not have the recorded sha256" in capsys.readouterr().err


def test_fresh3_is_a_half_of_its_own() -> None:
    ev = _eval()
    assert ev.HALVES.index("fresh3") == ev.HALVES.index("fresh2") + 1
    assert "no-such-half" not in ev.HALVES
    with pytest.raises(SystemExit):  # argparse: an unknown half (fresh9 is a half from round 32)
        ev.main(["--check", "--half", "no-such-half"])
