"""Round 25 (trial25a): real-code trials on redis-py, hypothesis, botocore.

(a) hypothesis' `strategies/_internal/core.py` hides a function's deprecated parameters
right after its definition, naming the signature with a walrus at top level:

    characters.__signature__ = (__sig := get_signature(characters)).replace(
        parameters=[p for p in __sig.parameters.values() if "list" not in p.name]
    )

The walrus binds a module global (`__sig`) that nothing reads, so the statement was a
definition of `__sig`, unmapped and unused: with a `default` it went there, away from
`characters`, and the hand split was refused (GS124: `characters` changed at import time
by code in several modules). A statement that changes what a placed definition binds (an
attribute or item of it), binding only names nobody reads, goes with the latest placed
definition it reads at import time, as a loop that fills a placed registry does."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split

from splitkit import make_project, run_python

WALRUS = '''\
    import inspect


    def characters(codec=None, categories=None, blacklist_characters=None):
        return (codec, categories)


    # Hide the deprecated aliases from documentation and casual inspection
    characters.__signature__ = (__sig := inspect.signature(characters)).replace(
        parameters=[p for p in __sig.parameters.values() if "blacklist" not in p.name]
    )


    def text(alphabet=characters(codec="utf-8")):
        return alphabet


    def booleans():
        return True
    '''


def test_walrus_changing_a_placed_function_goes_with_it(tmp_path: Path) -> None:
    config = make_project(tmp_path, WALRUS, {"textual": ["characters", "text"]},
                          default="basics")
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    placed = {name: p.module for p in plan.placements for name in p.names}
    assert placed["__sig"] == "textual"
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path, "import inspect; from pkg.big import characters, booleans; "
                     "print(list(inspect.signature(characters).parameters), booleans())")
    assert out.strip() == "['codec', 'categories'] True"
