"""Round 21 (trial21a): real-code trials on pyasn1, icalendar and asn1crypto.

pyasn1's BER decoder fills `TYPE_MAP` from `TAG_MAP` in a top-level `for` loop. The loop
binds only its variables (`typeDecoder`, and `typeId` in its body), which nothing reads:
a mapping of `TAG_MAP` and `TYPE_MAP` was refused with GS102 ("typeDecoder, typeId: not
mapped and not used by any mapped definition"). Such a loop now goes with the latest
placed definition it reads at import time."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, same_behaviour

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
