"""Round 38, engine39: code the old module runs while it loads that imports names back from
it inside another module's functions (GS158; exchangelib 5.6.0's `properties.py`, whose
class bodies construct `fields.py`'s fields, whose constructors run `from .properties import
RecipientAddress`). Moved, such a class runs while the facade imports its new module, before
the facade binds the name: GS406 at the import check, and suggest gave up ("no mapping
without plan errors") since GS406 named nothing to keep.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.suggester.checked import suggest_checked
from godsplit.types import FACADE

from splitkit import apply, dedent, make_project, plan_texts, run_python

FIELDS = """
    class Field:
        def __init__(self, kind=None):
            self.kind = kind

        def describe(self):
            from .big import Unused  # only when called: not while big loads

            return Unused


    class AddressField(Field):
        def __init__(self):
            from .big import Address

            super().__init__(Address)


    def make_owner():
        return _owner()


    def _owner():
        from pkg.big import Owner

        return Field(Owner)
"""

SOURCE = """
    from .fields import AddressField, Field, make_owner


    class Address:
        pass


    class Owner:
        pass


    class Unused:
        pass


    class Letter:
        to = AddressField()


    class Parcel:
        owner = make_owner()


    class Plain:
        field = Field()
        kinds = (AddressField,)  # read, not run


    def size(x):
        return len(x)
"""

SHOW = """
    import pkg.big as b
    print(b.Letter.to.kind is b.Address, b.Parcel.owner.kind is b.Owner)
    print(b.Plain.field.describe() is b.Unused, b.size("ab"))
"""




def test_moving_a_class_whose_field_imports_back_is_gs158_naming_both(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"homes": ["Address", "Owner", "Unused"],
                                             "mail": ["Letter", "Parcel", "Plain", "size"]},
                          files={"pkg/fields.py": FIELDS})
    plan, _ = plan_texts(config)
    found = [f for f in plan.errors if f.code == "GS158"]
    assert {f.code for f in plan.errors} == {"GS158"}, [f.render() for f in plan.errors]
    messages = " ".join(f.message for f in found)
    assert "Letter cannot move to mail" in messages, messages
    assert "runs `AddressField`, whose code imports `Address`" in messages, messages
    assert "(pkg/fields.py:13)" in messages, messages  # the lazy import's line
    assert "runs `make_owner`, whose code imports `Owner`" in messages, messages  # followed
    lines = dedent(SOURCE).splitlines()
    assert sorted((Path(f.path).name, f.line) for f in found) == [  # (no config file: the source)
        ("big.py", lines.index("class Letter:") + 1), ("big.py", lines.index("class Parcel:") + 1)]
    assert "Plain cannot" not in messages  # `describe` does not run while big loads


def test_carried_such_classes_stay_in_the_old_module_and_the_split_verifies(tmp_path: Path) -> None:
    config = make_project(tmp_path / "after", SOURCE, {"homes": ["Address", "Owner", "Unused"],
                                                       "mail": ["Plain", "size"]},
                          files={"pkg/fields.py": FIELDS}, default="mail")
    make_project(tmp_path / "before", SOURCE, {}, files={"pkg/fields.py": FIELDS})
    before = run_python(tmp_path / "before", SHOW)
    assert before == "True True\nTrue 2\n"
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    kept = {n for p in plan.placements if p.module == FACADE for n in p.names}
    assert {"Letter", "Parcel"} <= kept, plan.placements
    assert "class Letter" in texts["pkg/big/__init__.py"]
    assert "class Plain" in texts["pkg/big/mail.py"]
    result = apply(config)
    assert result.written and not result.errors, [f.render() for f in result.errors]
    assert any(f.code == "GS400" for s in result.splits for f in s.findings)  # verified
    assert run_python(tmp_path / "after", SHOW) == before


@pytest.mark.slow
def test_suggest_keeps_them_and_its_suggestion_verifies(tmp_path: Path) -> None:
    make_project(tmp_path, SOURCE, {}, files={"pkg/fields.py": FIELDS})
    before = run_python(tmp_path, SHOW)
    made = suggest_checked(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"),
                           8, modules=2)
    assert not made.errors, [f.render() for f in made.errors]
    assert {"Letter", "Parcel"} <= set(made.keep), made.keep
    assert any("import check: ran" in n and "difference" not in n for n in made.notes), made.notes
    assert "Plain" not in made.keep
    modules = {m.name: list(m.mapped) for m in made.modules}
    config = make_project(tmp_path / "applied", SOURCE, modules, files={"pkg/fields.py": FIELDS},
                          keep=list(made.keep))
    result = apply(config)
    assert result.written and not result.errors, [f.render() for f in result.errors]
    assert run_python(tmp_path / "applied", SHOW) == before
