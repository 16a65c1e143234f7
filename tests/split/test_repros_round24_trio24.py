"""Round 24 (trio24): a late platform block that closes an import cycle.

trio 0.35.0's `_core/_run.py` (3,139 lines) ends with `if sys.platform == "win32": from
._io_windows import ... elif ...: from ._io_epoll import (EpollIOManager as TheIOManager,
...) else: ... raise NotImplementedError(...)`, and `_io_epoll.py` imports `Task` back
from `._run`. The block assigns and raises, so godsplit took it for a definition (not an
import), the late-cycle check (`late_imports`, imports only) did not see it, it moved to a
new module, and its import ran while the facade was importing that module, before `Task`
was bound: a plan with no errors, then GS406 at apply and a rollback. Such a block stays
in the old module now (pinned, after the re-exports), like a late cyclic import; moved
code reads what it binds from there."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import apply, make_project, run_python

PLATFORM = '''\
    import sys


    class Task:
        name = "task"


    def make_manager():
        return TheIOManager()


    def stats():
        return IOStatistics.__name__


    if sys.platform == "nope":
        raise NotImplementedError("unsupported platform")
    elif sys.version_info >= (3,):
        from pkg._io import Manager as TheIOManager, Statistics as IOStatistics
    else:
        _patchers = sorted({"gevent"}.intersection(sys.modules))
        raise NotImplementedError("unsupported: " + ", ".join(_patchers))
    '''

IO = '''\
    from pkg.big import Task


    class Manager:
        task = Task


    class Statistics:
        pass
    '''


def test_a_late_platform_block_closing_a_cycle_stays_in_the_old_module(tmp_path: Path) -> None:
    config = make_project(tmp_path, PLATFORM, {"tasks": ["Task"], "runner": ["make_manager", "stats"]},
                          files={"pkg/_io.py": IO})
    before = run_python(tmp_path, "import pkg.big as b; print(b.make_manager().task.name, b.stats())")
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path, "import pkg.big as b; print(b.make_manager().task.name, b.stats())")
    assert out == before and out.split() == ["task", "Statistics"]
    facade = (tmp_path / "pkg" / "big" / "__init__.py").read_text()
    assert "from pkg._io import" in facade
    assert not any("pkg._io" in p.read_text() for p in (tmp_path / "pkg" / "big").glob("[!_]*.py"))


READ_AT_IMPORT = PLATFORM + '''

    class Runner:
        manager_type = TheIOManager
    '''


def test_moved_code_reading_the_blocks_names_at_import_time_is_a_plan_error(
        tmp_path: Path) -> None:
    """`Runner` reads `TheIOManager` while its module loads, and the block binds it only
    after the old module has imported every new module: refused at plan time, naming the
    block's line, not rolled back at apply."""
    config = make_project(tmp_path, READ_AT_IMPORT, {"tasks": ["Task"], "runner": ["Runner"]},
                          files={"pkg/_io.py": IO})
    plan, _ = plan_split(config, config.splits[0])
    [found] = [f for f in plan.errors if f.code == "GS112"]
    assert found.line == 16 and "'TheIOManager'" in found.message, found.render()
    assert "keep Runner in the old module" in found.message, found.render()
    keep = make_project(tmp_path / "kept", READ_AT_IMPORT,
                        {"tasks": ["Task"], "runner": ["make_manager", "stats"]},
                        keep=["Runner"], files={"pkg/_io.py": IO})
    plan, _ = plan_split(keep, keep.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(keep)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path / "kept", "import pkg.big as b; print(b.Runner.manager_type.__name__)")
    assert out.split() == ["Manager"]


def test_a_mapping_that_moves_the_blocks_names_by_name_is_refused(tmp_path: Path) -> None:
    config = make_project(tmp_path, PLATFORM, {"tasks": ["Task"], "io": ["TheIOManager"]},
                          files={"pkg/_io.py": IO})
    plan, _ = plan_split(config, config.splits[0])
    [found] = [f for f in plan.errors if f.code == "GS130"]
    assert "TheIOManager cannot move to io" in found.message and "line 16" in found.message


KEPT_EARLY = '''\
    import sys


    class Task:
        name = "task"


    class Deadlines:
        pass


    class Runner:
        deadlines = Deadlines()

        def manager(self):
            return TheIOManager().task.name


    if sys.platform == "nope":
        raise NotImplementedError("unsupported platform")
    else:
        from pkg._io import Manager as TheIOManager, Statistics as IOStatistics
    '''


def test_a_kept_name_read_at_import_time_is_not_handed_over_with_the_blocks_names(
        tmp_path: Path) -> None:
    """trio with `keep = ["CancelScope", "Deadlines"]`: `Runner` (moved) reads the kept
    `Deadlines` while its module loads and the block's `TheIOManager` in a method. Both
    came in one import from the old module, handed over at the end (the block's names are
    bound late): `Deadlines` was unbound when `Runner` was made (GS411). The kept name
    bound before the re-exports is imported at the top now, the block's at the end."""
    config = make_project(tmp_path, KEPT_EARLY, {"tasks": ["Task"], "runner": ["Runner"]},
                          keep=["Deadlines"], files={"pkg/_io.py": IO})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path, "import pkg.big as b; r = b.Runner(); "
                               "print(r.manager(), type(r.deadlines).__name__)")
    assert out.split() == ["task", "Deadlines"]


def test_a_late_star_import_closing_a_cycle_is_said_to_stay(tmp_path: Path) -> None:
    """GS110 said every star import "is copied into each new module that reads a name no
    other binding provides"; one closing an import cycle is not copied (it stays)."""
    source = PLATFORM + "\n\n    from pkg.generated import *\n"
    generated = "from pkg.big import Task\n\n\ndef current_name():\n    return Task.name\n"
    config = make_project(tmp_path, source, {"tasks": ["Task"], "runner": ["make_manager", "stats"]},
                          files={"pkg/_io.py": IO, "pkg/generated.py": generated})
    plan, _ = plan_split(config, config.splits[0])
    [found] = [f for f in plan.findings if f.code == "GS110"]
    assert "stays in the old module only" in found.message and "copied" not in found.message
