"""Round 16, the lead's own findings: each bug a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

# The comment above an import placed last in a module (a call-time cycle) said "used only
# inside functions" also where the names are read only in annotations, which is untrue.
ANNOTATION_CYCLE = """
    from __future__ import annotations


    class Account:
        def open(self) -> int:
            return audit()


    def audit(account: Account | None = None) -> int:
        return 1
"""


def test_a_deferred_import_read_only_by_annotations_says_so(tmp_path: Path) -> None:
    modules = {"accounts": ["Account"], "audits": ["audit"]}
    _, texts = plan_texts(make_project(tmp_path, ANNOTATION_CYCLE, modules))
    accounts, audits = texts["pkg/big/accounts.py"], texts["pkg/big/audits.py"]
    assert "imported last (an import cycle); used only inside functions.\n" in accounts
    assert "imported last (an import cycle); read only in annotations.\n" in audits
    assert "used only inside functions" not in audits
    printed = same_behaviour(tmp_path / "run", ANNOTATION_CYCLE, modules, """
        import typing
        import pkg.big
        hint = typing.get_type_hints(pkg.big.audit)["account"]
        print(pkg.big.Account().open(), hint.__args__[0] is pkg.big.Account)
    """)
    assert printed == "1 True\n"
