"""Round 26 (smalls26): small defects left from round 24 (README item 22).

(d) A SIGKILL before apply wrote anything left an untracked `.godsplit-lock` in the tree: the
lock was an flock on a file in the project root, removed only when the run ended. The lock
is now an flock on the root directory itself (nothing written); a file lock stays as the
fallback where a directory cannot be flocked (Windows), and a stale one is taken over.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.split import apply_lock, write
from godsplit.split.apply import apply_splits
from godsplit.types import GodsplitError

from conftest import make_project

BIG = "def alpha():\n    return 1\n\n\ndef beta():\n    return alpha() + 1\n"
CONFIG = ('verify-import = false\n\n[[split]]\nsource = "big.py"\ndefault = "rest"\n\n'
          '[split.modules]\none = ["alpha"]\n')

# apply stopped in its plan (before anything is written) until the test kills it
STOPPED_IN_PLAN = """
import pathlib, sys, time
import godsplit.split.apply as apply
def plan_split(config, split):
    pathlib.Path({marker!r}).touch()
    time.sleep(120)
apply.plan_split = plan_split
sys.argv = ["godsplit", "apply"]
from godsplit.cli import run
run()
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_sigkill_at_plan_time_leaves_the_tree_untouched(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG}, CONFIG)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    marker = tmp_path / "planning"
    process = subprocess.Popen(
        [sys.executable, "-c", STOPPED_IN_PLAN.format(marker=str(marker))], cwd=root,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _git(root, "status", "--porcelain", "--untracked-files=all", "--ignored") == ""
    (root / apply_lock.LOCK).write_text("999999")  # as a godsplit before round 26 left it
    result = apply_splits(load_config(root / "godsplit.toml"))  # the next run takes it over
    assert not (root / apply_lock.LOCK).exists()
    assert result.written and not result.errors and (root / "big" / "one.py").is_file()


def test_the_lock_is_held_without_writing_and_refuses_a_second_holder(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    before = sorted(p.name for p in root.iterdir())
    with write.locked(root):
        assert sorted(p.name for p in root.iterdir()) == before
        assert write.lock_holder(root)
        with pytest.raises(GodsplitError, match=f"running in this project.*{os.getpid()}"):
            with write.locked(root):
                pass
    assert not write.lock_holder(root)
    with write.locked(root):  # released
        pass


def test_without_a_directory_lock_a_stale_lock_file_is_taken_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fallback (Windows): the file lock of a killed run is taken over and removed."""
    monkeypatch.setattr(apply_lock, "_directory", lambda root: None)
    root = make_project(tmp_path, {"big.py": BIG, apply_lock.LOCK: "999999"}, CONFIG)
    assert not write.lock_holder(root)
    with write.locked(root):
        assert (root / apply_lock.LOCK).read_text() == str(os.getpid())
        assert write.lock_holder(root)
        with pytest.raises(GodsplitError, match="running in this project"):
            with write.locked(root):
                pass
    assert not (root / apply_lock.LOCK).exists()


# (e) After a package split `python -m pkg.big` logged under "pkg.big", not "__main__", and
# nothing said so (GS400 said "the same ... `python -m`"): GS417 says what differs.
LOGGED = """\
import logging

log = logging.getLogger(__name__)


def alpha():
    log.warning("alpha ran")
    return 1


def beta():
    return alpha() + 1


if __name__ == "__main__":
    logging.basicConfig(format="%(name)s: %(message)s")
    beta()
"""
PACKAGE = CONFIG.replace("verify-import = false", "verify-import = true").replace(
    'source = "big.py"', 'source = "pkg/big.py"').replace('["alpha"]', '["alpha"]\ntwo = ["beta"]')


def _run_as_main(root: Path) -> str:
    return subprocess.run([sys.executable, "-m", "pkg.big"], cwd=root, capture_output=True,
                          text=True, check=True).stderr


def test_python_m_after_a_split_says_what_reads_name_otherwise(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": LOGGED}, PACKAGE)
    assert _run_as_main(root) == "__main__: alpha ran\n"
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.written and not result.errors
    assert _run_as_main(root) == "pkg.big: alpha ran\n"  # what GS417 says
    findings = result.splits[0].findings
    said = [f for f in findings if f.code == "GS417"]
    assert len(said) == 1 and said[0].severity == "warning" and said[0].line == 3
    assert said[0].message == (
        'under `python -m pkg.big` this file ran as `__main__`, so its code reading `__name__` '
        '(line 3) read "__main__"; after the split `python -m pkg.big` imports the package '
        '`pkg.big` and runs only the `__main__` block as `__main__` (its `__main__.py`), and '
        'that code reads "pkg.big": under `python -m` the logger `log` logs as "pkg.big", not '
        '"__main__" (`import pkg.big` is unchanged: there it read "pkg.big" before too)')
    verified = next(f for f in findings if f.code == "GS400")
    assert "the same `import *`, `__main__` blocks for `python -m`" in verified.message


def test_no_gs417_without_a_main_block_or_a_name_read(tmp_path: Path) -> None:
    quiet = LOGGED.replace("__name__)", '"pkg.big")')
    for text in (LOGGED[:LOGGED.index("\n\nif __name__")] + "\n", quiet):
        root = make_project(tmp_path / str(len(text)), {"pkg/__init__.py": "", "pkg/big.py": text},
                            PACKAGE.replace("verify-import = true", "verify-import = false"))
        result = apply_splits(load_config(root / "godsplit.toml"))
        assert result.written and not result.errors
        assert not [f for f in result.splits[0].findings if f.code == "GS417"]


# (l) benchmarks/realworld.py runs sharing a work directory overwrote each other's results:
# each read results.json when it started and wrote its whole dict after each project.
REALWORLD_RUN = """
import sys, time
sys.path.insert(0, {benchmarks!r})
import realworld
names = [f"{tag}{{i}}" for i in range(8)]
realworld.load_specs = lambda: [realworld.Spec(tests=[], name=n, version="1", module="m.py")
                                for n in names]
def trial(spec, modes):
    time.sleep(0.05)
    return {{"name": spec.key, "version": "1", "module": "m.py", "lines": 1,
             "runs": [{{"mode": "before"}}, {{"mode": modes[0]}}]}}
realworld.trial = trial
sys.argv = ["realworld.py", "--mode", "mapping", *names]
realworld.main()
"""


def test_realworld_runs_sharing_a_directory_keep_each_others_results(tmp_path: Path) -> None:
    import json

    benchmarks = str(Path(__file__).resolve().parents[2] / "benchmarks")
    env = {**os.environ, "GODSPLIT_REALWORLD_DIR": str(tmp_path)}
    runs = [subprocess.Popen([sys.executable, "-c", REALWORLD_RUN.format(
        benchmarks=benchmarks, tag=tag)], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE) for tag in ("a", "b")]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    saved = json.loads((tmp_path / "results.json").read_text())
    assert sorted(saved) == sorted(f"{tag}{i}" for tag in "ab" for i in range(8))


# (k) The pinned isort's interpreter was started for every sort call (0.1-0.3 s each): a
# split sorts each new module and the facade, several documents each. Now one per run.
def test_the_pinned_isort_starts_one_interpreter_for_a_whole_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textwrap import dedent

    from test_repros_round25_smalls25 import BLACK, PINNED, _says_it_is_pinned

    from godsplit.split.plan import plan_split

    import splitkit

    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit"))
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    log = tmp_path / "runs.log"
    _says_it_is_pinned(root / ".venv", log)
    names = [f"f{i}" for i in range(6)]
    source = "import os\nimport sys\n" + "".join(
        f"\n\ndef {name}():\n    return os.sep + sys.platform + {i!r}\n"
        for i, name in enumerate(names))
    config = splitkit.make_project(
        root, dedent(source), {f"part{i}": [name] for i, name in enumerate(names)},
        files={"pyproject.toml": BLACK, "requirements-dev.txt": f"isort=={PINNED}\n"})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    assert [f.code for f in plan.findings if f.code == "GS150"] == ["GS150"]
    # one run to ask its version, one that sorted the six modules and the facade
    assert log.read_text().count("ran") == 2
    module = next(c for c in plan.changes if c.path.name == "part0.py")
    assert module.data is not None and b"import os\nimport sys\n" in module.data


# (j) GS119 at a read of `__module__` made only of an Enum class (hypothesis' `sampled_from`:
# `if isinstance(elements, type) and issubclass(elements, enum.Enum): ...__module__`), when
# no moved class is an Enum and no moved code makes one: such a read cannot see a change.
ENUM_READ = """
import enum

from pkg.base import Base


def describe(kind):
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return f"{kind.__module__}.{kind.__name__}"
    return repr(kind)


class Plain(Base):
    pass


def helper():
    return 1
"""


def _gs119(tmp_path: Path, source: str, base: str = "class Base:\n    pass\n") -> list[int]:
    from textwrap import dedent

    from godsplit.split.plan import plan_split

    import splitkit

    config = splitkit.make_project(tmp_path, dedent(source), {"plain": ["Plain", "helper"]},
                                   files={"pkg/base.py": base})
    plan, _ = plan_split(config, config.splits[0])
    return [f.line for f in plan.findings if f.code == "GS119"]


def test_a_module_read_only_of_an_enum_class_is_not_gs119(tmp_path: Path) -> None:
    assert _gs119(tmp_path, ENUM_READ) == []


@pytest.mark.parametrize("change", [
    ("class Plain(Base):\n    pass", "class Plain(enum.Enum):\n    A = 1"),  # a moved Enum
    ("return 1", "return enum.Enum('Mood', 'SAD HAPPY')"),  # moved code makes one
    ("def helper():\n    return 1", "Make = enum.Enum\n\n\ndef helper():\n    return Make('M', 'A')"),
    ("        return f", "        kind = helper()\n        return f"),  # rebound first
    ("issubclass(kind, enum.Enum)", "issubclass(kind, object)"),  # not an Enum test
])
def test_gs119_stays_where_an_enum_read_can_see_a_moved_class(
    tmp_path: Path, change: tuple[str, str],
) -> None:
    assert change[0] in ENUM_READ
    assert len(_gs119(tmp_path, ENUM_READ.replace(*change, 1))) == 1


def test_gs119_stays_where_a_moved_class_derives_from_a_project_enum(tmp_path: Path) -> None:
    """`Base` is the project's own memberless Enum subclass (read from pkg/base.py)."""
    assert _gs119(tmp_path, ENUM_READ, "import enum\n\n\nclass Base(enum.Enum):\n    pass\n") == [8]
