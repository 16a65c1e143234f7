"""Round 20 (celery20): pretix's `mail.py`, split by hand without keep-module-name.

Its `@receiver(signal=periodic_task)` functions are run by pretix's `runperiodic` command,
which names each `f"{receiver.__module__}.{receiver.__name__}"` (`--list-tasks`,
`--tasks`, `--exclude`). After a split the import check called "verified", the command
listed `pretix.base.services.mail.maintenance.retry_stuck_queued_mails`: an operator's
`--exclude pretix.base.services.mail.retry_stuck_queued_mails` no longer matched. The plan
said nothing (GS119 looks only at the source's own reads of `__module__`).
"""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import references

from splitkit import make_project, plan_texts

SOURCE = '''
    from pkg.signals import periodic_task, receiver


    @receiver(signal=periodic_task)
    def retry_stuck(sender, **kwargs):
        return 1


    @receiver(signal=periodic_task)
    def delete_old(sender, **kwargs):
        return 2


    def send(to):
        return to
'''

SIGNALS = '''
    periodic_task = []
    other = []


    def receiver(signal):
        def deco(f):
            signal.append(f)
            return f
        return deco
'''

COMMAND = '''
    from ..signals import periodic_task


    def handle(tasks=(), exclude=()):
        for receiver in periodic_task:
            name = f"{receiver.__module__}.{receiver.__name__}"
            if name not in exclude:
                receiver(None)
'''

UNRELATED = '''
    from pkg.signals import other


    def names():
        return [f.__module__ for f in other]
'''


def _found(tmp_path: Path, files: dict[str, str], **split: object) -> list[tuple[str, str, int]]:
    config = make_project(tmp_path, SOURCE, {"periodic": ["retry_stuck", "delete_old"],
                                             "sending": ["send"]}, files=files, **split)
    plan, _ = plan_texts(config)
    found = references(config, [plan], rewrite=False)[0][plan.old_module]
    return [(f.code, f.message, f.line) for f in found if f.code == "GS145"]


def test_a_registry_read_for_module_names_elsewhere_is_flagged(tmp_path: Path) -> None:
    found = _found(tmp_path, {"pkg/signals.py": SIGNALS, "pkg/commands/__init__.py": "",
                              "pkg/commands/run.py": COMMAND})
    assert len(found) == 1
    _, message, line = found[0]
    assert line == 4  # the first moved receiver's decorator
    assert "`retry_stuck`, `delete_old`" in message
    assert "pkg/commands/run.py:6 reads `receiver.__module__` in `handle`" in message
    assert "keep-module-name = true" in message


def test_keep_module_name_or_an_unrelated_read_is_not_flagged(tmp_path: Path) -> None:
    files = {"pkg/signals.py": SIGNALS, "pkg/commands/__init__.py": "",
             "pkg/commands/run.py": COMMAND}
    assert _found(tmp_path / "kept", files, **{"keep-module-name": True}) == []
    # a read of `__module__` through another registry than the moved code's
    assert _found(tmp_path / "other", {"pkg/signals.py": SIGNALS, "pkg/names.py": UNRELATED}) == []


CANVAS = '''
    class Signature(dict):
        TYPES = {}

        @classmethod
        def register_type(cls, name=None):
            def _inner(subclass):
                cls.TYPES[name or subclass.__name__] = subclass
                return subclass
            return _inner

        @classmethod
        def from_dict(cls, d):
            return cls.TYPES[d["subtask_type"]](d)


    @Signature.register_type(name="chain")
    class _chain(Signature):
        pass


    class _basemap(Signature):
        pass


    @Signature.register_type()
    class xmap(_basemap):
        pass
'''


def test_celery_canvas_keyed_type_registry_is_not_an_ordering_error(tmp_path: Path) -> None:
    """Celery's `canvas.py`: `@Signature.register_type()` fills the keyed `Signature.TYPES`,
    read only by key. A maintainer's mapping (signature / chain / group / chord) was refused
    with GS124: `class _basemap(Signature)` counted as reading `Signature` (a builtin base,
    `dict`, was taken for one that may run a class hook), and `def register_type(cls, ...)`'s
    parameter counted as a read of `cls` (so the keyed write looked order-dependent)."""
    plan, _ = plan_texts(make_project(tmp_path, CANVAS, {
        "signature": ["Signature"], "chains": ["_chain"], "groups": ["_basemap", "xmap"]}))
    codes = {f.code: f for f in plan.findings}
    assert "GS124" not in codes, codes["GS124"].message
    # (round 21: the package's `__init__.py` imports `chains` before `groups`, as in the
    # source: the keyed writes keep their order, a GS153 note rather than a GS218 warning)
    assert "Signature" in codes["GS153"].message and plan.errors == ()
