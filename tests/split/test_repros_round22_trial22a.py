"""Round 22 (trial22a): real-code trials on uncertainties, mpmath, zope.interface,
markdown2 and psutil.

psutil's `psutil/__init__.py` (2,486 lines) has a `__main__` block, and its test suite
writes an empty `__init__.py` into a scratch directory (`os.path.join(tmpdir,
"__init__.py")`). `plan` without `package` refused the file as "run, or read, by its path"
at that test's line and told the user to set `package = "psutil/__init___parts"`: a
string naming any package's `__init__.py` is no path to this one, and a package's own file
never becomes a package: its new modules go beside it, in its directory (as `suggest`
writes it).

suggest on that file keeps 50 names in the old module (GS127: the `globals()` loop writing
the RLIM constants, with every moved name below it) and wrote, one line apart, "the split
moves 51 lines and leaves 77 lines of code in the old module" (GS118, which leaves out
what `keep` names) and "50 names ... stay in the old module, which keeps 2582 lines".
GS118 now says the lines `keep` names stay too.

zope.interface's `interfaces.py`, split by hand: its suite passed and apply said
"verified", but each `class IElement(Interface)` made an `InterfaceClass` instance (no
class) that records its module in `__module__` and in `__identifier__` (also its repr and
hash): all 30 reported the new modules, which keep-module-name cannot undo. GS129 (a
warning) says so.

suggest named zope's modules `ispecifications`, `icomponent_registry`, `iadapter_registry`:
the `I` of an interface's name was read as part of its first word. It is a word now, which
a file of interfaces drops as the prefix of its classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.split.import_check import check_plans
from godsplit.split.plan import plan_split
from godsplit.suggester.graph import build_graph
from godsplit.suggester.naming import name_modules, snake
from godsplit.types import GodsplitError

from splitkit import apply, make_project, plan_texts

INIT = '''\
    def first():
        return 1


    def second():
        return first() + 1


    if __name__ == "__main__":
        print(second())
    '''


def test_an_init_file_is_told_its_own_package_not_a_parts_one(tmp_path: Path) -> None:
    config = make_project(
        tmp_path, INIT, {"one": ["first"], "two": ["second"]}, path="pkg/__init__.py",
        files={"tests/test_x.py": 'import os\nPATH = os.path.join("d", "__init__.py")\n'})
    with pytest.raises(GodsplitError) as caught:
        plan_split(config, config.splits[0])
    message = str(caught.value)
    assert "_parts" not in message and "tests/test_x.py" not in message
    assert 'package = "pkg"' in message


def test_the_package_it_names_splits_the_file_beside_itself(tmp_path: Path) -> None:
    config = make_project(
        tmp_path, INIT, {"one": ["first"], "two": ["second"]}, path="pkg/__init__.py",
        package="pkg")
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    assert {m.name for m in plan.modules} == {"one", "two"}


def test_a_split_that_moves_little_counts_what_keep_names_too(tmp_path: Path) -> None:
    body = "".join(f"    table['k{i}'] = {i}\n" for i in range(30))
    kept = "".join(f"    total += {i}\n" for i in range(8))
    source = (f"def registry():\n    table = globals()\n{body}    return table\n\n"
              f"def other():\n    total = 0\n{kept}    return total\n\n"
              "def helper():\n    return 1\n")
    config = make_project(tmp_path, source, {"tools": ["helper"]}, keep=["other"])
    plan, _ = plan_texts(config)
    [found] = [f for f in plan.findings if f.code == "GS118"]
    assert found.message.startswith(
        "the split moves 3 lines and leaves 33 lines of code in the old module besides the "
        "12 lines `keep` names, the largest kept: registry (line 1, 33 lines)"), found.message


IFACE = """
    class InterfaceClass:
        def __init__(self, name, bases=(), attrs=None, __module__=None):
            self.__name__ = name
            self.__module__ = (attrs or {}).get("__module__", __module__)
            self.__identifier__ = f"{self.__module__}.{name}"


    Interface = InterfaceClass("Interface", __module__=__name__)
"""

INTERFACES = """
    from pkg.iface import Interface


    class IFoo(Interface):
        \"\"\"A foo.\"\"\"


    class IBar(Interface):
        \"\"\"A bar.\"\"\"


    class Plain:
        pass


    def describe():
        return IFoo.__identifier__
"""


def test_interfaces_that_record_their_module_are_a_warning(tmp_path: Path) -> None:
    config = make_project(tmp_path, INTERFACES, {"foos": ["IFoo", "Plain"],
                                                 "bars": ["IBar", "describe"]},
                          files={"pkg/iface.py": IFACE})
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    [found] = [f for s in result.splits for f in s.findings if f.code == "GS129"]
    assert found.severity == "warning" and found.names == ("IBar", "IFoo")
    assert "__identifier__='pkg.big.IBar'" in found.message
    assert "__identifier__='pkg.big.bars.IBar'" in found.message and "; also IFoo;" in found.message
    assert "Plain" not in found.message  # a class's __module__ moving is the split itself
    assert found.line == 8  # at the statement making the first named (IBar)


def test_plan_shows_the_warning_its_import_check_found(tmp_path: Path) -> None:
    config = make_project(tmp_path, INTERFACES, {"foos": ["IFoo", "Plain"],
                                                 "bars": ["IBar", "describe"]},
                          files={"pkg/iface.py": IFACE})
    plan, _ = plan_split(config, config.splits[0])
    check = check_plans(config, [plan])["pkg.big"]
    assert check.text.startswith("ran in a scratch copy: imported pkg.big before the split")
    assert [f.code for f in check.findings] == ["GS129"]


def test_an_object_without_a_string_made_from_its_module_is_no_warning(tmp_path: Path) -> None:
    """Only `__module__` names the module (a TypeVar's, say): as for a class, no GS129."""
    iface = IFACE.replace('            self.__identifier__ = f"{self.__module__}.{name}"\n', "")
    config = make_project(tmp_path, INTERFACES.replace("IFoo.__identifier__", "IFoo"),
                          {"foos": ["IFoo", "Plain"], "bars": ["IBar", "describe"]},
                          files={"pkg/iface.py": iface})
    result = apply(config)
    assert result.written and not any(
        f.code == "GS129" for s in result.splits for f in s.findings)


@pytest.mark.parametrize(("label", "expected"), [
    ("IComponentRegistry", "i_component_registry"), ("IElement", "i_element"),
    ("IPv4Address", "ipv4_address"), ("IOError", "io_error"), ("Item", "item"),
    ("IMAPClient", "imap_client")])
def test_an_interface_prefix_is_a_word(label: str, expected: str) -> None:
    assert snake(label) == expected


def test_a_file_of_interfaces_names_modules_without_the_i(tmp_path: Path) -> None:
    body = "".join(f"        x{i} = {i}\n" for i in range(20))
    names = ["IElement", "IAttribute", "IComponentLookup", "IComponentRegistry", "IRegistration"]
    source = "".join(f"class {n}:\n    def run(self):\n{body}\n\n" for n in names)
    path = tmp_path / "interfaces.py"
    path.write_text(source)
    g = build_graph(analyze(read_source(path)), ())
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    groups = [["IComponentLookup", "IComponentRegistry"], ["IElement"]]
    assert name_modules(g, [sorted(index[n] for n in group) for group in groups],
                        {"interfaces", "_shared", "misc", *names}) == ["component_lookup", "element"]
