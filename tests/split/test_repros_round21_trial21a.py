"""Round 21 (trial21a): real-code trials on pyasn1, icalendar and asn1crypto.

pyasn1's BER decoder fills `TYPE_MAP` from `TAG_MAP` in a top-level `for` loop. The loop
binds only its variables (`typeDecoder`, and `typeId` in its body), which nothing reads:
a mapping of `TAG_MAP` and `TYPE_MAP` was refused with GS102 ("typeDecoder, typeId: not
mapped and not used by any mapped definition"). Such a loop now goes with the latest
placed definition it reads at import time."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import references
from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, plan_texts, same_behaviour

REGISTRY = '''\
    class Decoder:
        kind = None


    class IntDecoder(Decoder):
        kind = "int"


    class StrDecoder(Decoder):
        kind = "str"


    TAG_MAP = {1: IntDecoder(), 2: StrDecoder(), 3: Decoder()}

    TYPE_MAP = {}

    for tagDecoder in TAG_MAP.values():
        if tagDecoder.kind is not None:
            typeId = tagDecoder.kind
            TYPE_MAP[typeId] = tagDecoder


    def decode(kind):
        return TYPE_MAP[kind]
    '''
MODULES = {"payloads": ["Decoder", "IntDecoder", "StrDecoder"],
           "maps": ["TAG_MAP", "TYPE_MAP"], "decoding": ["decode"]}


def test_a_loop_filling_a_mapped_registry_goes_with_it(tmp_path: Path) -> None:
    config = make_project(tmp_path, dedent(REGISTRY), MODULES)
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    [loop] = [p for p in plan.placements if "typeId" in p.names]
    assert (loop.module, loop.reason) == ("maps", "carried")
    assert "TYPE_MAP" in loop.detail


def test_the_split_behaves_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, dedent(REGISTRY), MODULES,
                         "import pkg.big as m\n"
                         "print(sorted(m.TYPE_MAP), type(m.decode('str')).__name__, m.typeId)\n")
    assert out == "['int', 'str'] StrDecoder str\n"


def test_a_loop_reading_only_imports_is_still_unplaced(tmp_path: Path) -> None:
    """Nothing placed tells where it goes: it is still for the mapping to say."""
    source = dedent('''\
        import os

        for key in sorted(os.environ)[:1]:
            FIRST = key


        def first():
            return 1
        ''')
    config = make_project(tmp_path, source, {"a": ["first"]})
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS102"]


# asn1crypto's `__init__.py` lists its modules "in dependency load order, for the sake of
# live reloading code"; its `test_load_order` checks every module file is in the list.
# Split as a package, `asn1crypto.core`'s code is in modules the list does not name: one
# test failed after a plan that said only GS214 ("the old module still imports").
LOAD_ORDER = '''
    def load_order():
        return [
            "pkg.util",
            "pkg.big",
            "pkg",
        ]
    '''


def _reference_findings(tmp_path: Path, init: str) -> set[tuple[str, str, int]]:
    config = make_project(tmp_path, "def a():\n    return 1\n\n\ndef b():\n    return 2\n",
                          {"one": ["a"], "two": ["b"]}, files={"pkg/__init__.py": init})
    plan, _ = plan_texts(config)
    found = references(config, [plan], rewrite=False)[0][plan.old_module]
    return {(f.code, Path(f.path).name, f.line) for f in found}


def test_a_module_list_naming_the_old_module_is_gs155(tmp_path: Path) -> None:
    assert _reference_findings(tmp_path, LOAD_ORDER) == {("GS155", "__init__.py", 4)}


def test_a_lone_module_name_is_still_gs214(tmp_path: Path) -> None:
    found = _reference_findings(tmp_path, 'NAME = "pkg.big"\nPAIR = ("pkg.big", "other")\n')
    assert found == {("GS214", "__init__.py", 1), ("GS214", "__init__.py", 2)}


def test_a_list_naming_the_new_modules_already_is_left_alone(tmp_path: Path) -> None:
    init = LOAD_ORDER.replace('"pkg.big",', '"pkg.big.one", "pkg.big.two", "pkg.big",')
    assert _reference_findings(tmp_path, init) == {("GS214", "__init__.py", 4)}
