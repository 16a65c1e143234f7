"""benchmarks/realworld.py: every project spec renders a godsplit.toml that loads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from godsplit.config import parse_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import maintainers_apply

import realworld


@pytest.mark.parametrize("spec", realworld.load_specs(), ids=lambda s: s.key)
def test_spec_renders_a_config_that_loads(spec: realworld.Spec, tmp_path: Path) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    assert spec.sha256, "record the sdist's sha256 in projects.toml"
    if not spec.split and not spec.maintainers:
        assert spec.note == "suggest only", "a spec without a mapping says `suggest only`"
        return
    if spec.maintainers:  # the grouping keeps the names the god file defines: all here
        case, _ = maintainers_apply.load(spec.maintainers)
        (tmp_path / spec.module).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / spec.module).write_text("".join(
            f"{name} = None\n" for names in case.modules.values() for name in names))
    text = realworld._config(spec, tmp_path)
    config = parse_config(tomllib.loads(text), tmp_path / "godsplit.toml")
    [split] = config.splits
    assert split.source == tmp_path / spec.module
    assert dict(split.modules) and all(names for _, names in split.modules)
    assert spec.sha256, "record the sdist's sha256 in projects.toml"


def test_sdist_names_are_normalised() -> None:
    assert realworld._sdist_name("python_dateutil-2.9.0.post0.tar.gz") == (
        "python-dateutil-2.9.0.post0.tar.gz")
    assert realworld._sdist_name("More.Itertools-1.0.tar.gz") == "more-itertools-1.0.tar.gz"
