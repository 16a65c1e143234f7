"""CI gates and exit codes: `plan --check`, `verify` against git history, Ctrl-C and the
apply lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.split import write

from conftest import litter, tree_hash
from splitkit import make_project

SOURCE = """
    import os


    def a():
        return os.sep


    def b():
        return a()
"""
CONFIG = """
verify-import = {verify}
{extra}
[[split]]
source = "pkg/big.py"
[split.modules]
first = ["a"]
second = ["b"]
"""
GIT = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]


def project(root: Path, verify: bool = False, extra: str = "") -> Path:
    make_project(root, SOURCE, {})
    (root / "godsplit.toml").write_text(CONFIG.format(verify=str(verify).lower(), extra=extra))
    return root


def invoke(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args[:1], "--config", str(root / "godsplit.toml"),
                                       *args[1:]])
    return result.exit_code, result.output


def commit(root: Path, message: str) -> None:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", message], cwd=root, check=True)


def test_plan_check_fails_until_the_split_is_applied(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out = invoke(root, "plan", "--check")
    assert code == 1, out
    assert "pkg/big.py: not split yet (run `godsplit apply pkg/big.py`)" in out.replace(
        str(root) + "/", "")
    assert "1 split of 1 not applied" in out
    assert invoke(root, "apply")[0] == 0
    code, out = invoke(root, "plan", "--check")
    assert code == 0 and "every split is applied (1)" in out


def test_plan_check_plans_nothing(tmp_path: Path) -> None:
    """A CI gate must be cheap: --check does not even parse the source."""
    root = project(tmp_path)
    (root / "pkg" / "big.py").write_text("def broken(:\n")
    code, out = invoke(root, "plan", "--check")
    assert code == 1 and "cannot parse" not in out


def test_verify_against_an_unknown_revision_is_bad_input(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out = invoke(root, "verify", "--against", "no-such-rev")
    assert code == 2 and "--against needs a git repository" in out
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, "source")
    code, out = invoke(root, "verify", "--against", "no-such-rev")
    assert code == 2 and "--against no-such-rev: no such git revision" in out


@pytest.mark.slow
def test_verify_outside_git_does_not_ask_for_git(tmp_path: Path) -> None:
    root = project(tmp_path, verify=True)
    assert invoke(root, "apply")[0] == 0
    code, out = invoke(root, "verify")
    assert code == 0, out
    assert "needs a git repository" not in out
    assert "not in a git repository: nothing to compare the names with" in out
    assert "imported pkg.big in a fresh interpreter" in out


@pytest.mark.slow
@pytest.mark.parametrize("breakage", ["name-removed", "import-broken"])
def test_a_broken_facade_committed_to_head_does_not_pass(tmp_path: Path, breakage: str) -> None:
    """HEAD holds the broken facade; verify finds the module before the split in history."""
    root = project(tmp_path, verify=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, "before the split")
    assert invoke(root, "apply")[0] == 0
    commit(root, "split")
    assert invoke(root, "verify")[0] == 0
    facade = root / "pkg" / "big" / "__init__.py"
    text = facade.read_text()
    if breakage == "name-removed":
        facade.write_text(text.replace("from .second import b\n", ""))
    else:  # every name still bound, statically: only importing it shows the break
        facade.write_text(text.replace("from .second import", "from .secnd import"))
    assert text != facade.read_text()
    commit(root, "broken facade")
    code, out = invoke(root, "verify")
    assert code == 1, out
    assert "compared with pkg/big.py as of commit" in out and "before the split" in out
    if breakage == "name-removed":
        assert "GS401" in out and "no longer binds: b" in out
    else:
        assert "GS406" in out and "does not import" in out and "secnd" in out


@pytest.mark.slow
def test_verify_skips_the_import_check_where_setup_is_missing(tmp_path: Path) -> None:
    """A module that imports only once something is set up (like Django models) fails
    outside the split's own files: verify says the check was skipped, as apply does."""
    root = project(tmp_path, verify=True)
    (root / "framework.py").write_text(
        "import os\nif not os.environ.get('READY'):\n    raise RuntimeError('not set up')\n")
    big = root / "pkg" / "big.py"
    big.write_text("import framework\n" + big.read_text())
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, "before the split")
    code, out = invoke(root, "apply")
    assert code == 0 and "import check skipped" in out, out
    code, out = invoke(root, "verify")
    assert code == 0, out
    assert "GS412 info: import check skipped: pkg.big does not import on its own" in out
    assert "RuntimeError: not set up" in out and "set `verify-setup`" in out
    config = root / "godsplit.toml"
    config.write_text('verify-setup = "import os; os.environ[\'READY\'] = \'1\'"\n'
                      + config.read_text())
    code, out = invoke(root, "verify")
    assert code == 0 and "imported pkg.big in a fresh interpreter" in out, out


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["before-writing", "while-verifying"])
def test_ctrl_c_during_apply_restores_the_tree_and_exits_130(tmp_path: Path, when: str) -> None:
    """The import check's setup sleeps (before the split, or after it is written), and the
    whole process group gets SIGINT, as a terminal's Ctrl-C sends it."""
    marker = tmp_path / "importing"
    after = "os.path.isdir('pkg/big')" if when == "while-verifying" else "True"
    setup = (f"import os, pathlib, time\\nif {after}:\\n    pathlib.Path({str(marker)!r})"
             ".touch(); time.sleep(60)")
    root = project(tmp_path / "project", verify=True, extra=f'verify-setup = "{setup}"')
    before = tree_hash(root)
    # A terminal's process gets SIGINT's default action; a test runner started in the
    # background by a non-interactive shell passes SIGINT on as ignored, so reset it.
    process = subprocess.Popen([sys.executable, "-m", "godsplit", "apply"], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=_default_sigint)
    _wait_for(marker.exists)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert "Aborted!" not in err and "Traceback" not in err
    if when == "while-verifying":
        assert err.strip() == "interrupted: the tree was restored, nothing changed"
    else:
        assert err.strip() == "interrupted before anything was written: nothing changed"
    assert tree_hash(root) == before and not litter(root)


def test_a_second_apply_while_one_runs_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    with write.locked(root):
        before = tree_hash(root)
        code, out = invoke(root, "apply")
        assert code == 2
        assert f"another godsplit apply is running in this project (process {os.getpid()})" in out
        assert tree_hash(root) == before
        code, out = invoke(root, "plan")  # reads the tree: fine while no journal is there
        assert code == 0
    assert not (root / write.LOCK).exists()
    assert invoke(root, "apply")[0] == 0


@pytest.mark.slow
def test_concurrent_applies_never_report_a_false_rollback(tmp_path: Path) -> None:
    """Two applies started together, five times: one splits; the other is refused (exit
    2) or, if it starts after the first is done, finds nothing to do. Never a rollback."""
    for trial in range(5):
        root = project(tmp_path / f"trial{trial}", verify=True)
        runs = [subprocess.Popen([sys.executable, "-m", "godsplit", "apply"], cwd=root,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                for _ in range(2)]
        outputs = [(run.wait(timeout=120), run.stdout.read()) for run in runs]  # type: ignore[union-attr]
        codes = sorted(code for code, _ in outputs)
        text = "\n".join(out for _, out in outputs)
        assert "rolled back" not in text, text
        assert codes in ([0, 0], [0, 2]), text
        if codes == [0, 2]:
            assert "another godsplit apply is running" in text
        else:
            assert "already split, nothing to do" in text
        assert (root / "pkg" / "big" / "first.py").is_file() and not litter(root)
