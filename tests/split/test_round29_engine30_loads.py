"""Round 29 (engine30, README item 26): the variable-load rule (a module name that reaches
`import_module`/`__import__`/`import_string`/`resolve_name` through a variable keeps every
patch of the old module once the project names it in a string) found such calls by a
regex over the file's bytes, so a comment or a docstring spelling `import_module(name)`
counted. Under `facade = "static"` the kept patch no longer reached the new module that
looks the name up, and the project's test that passed failed after the split. Now only
code counts (comments and plain strings are not; an f-string's fields are code); a real
call still keeps every patch (`test_repros_round28_refs29`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_repros_round27_refs27 import CONFIG, RUN, SOURCE, TESTS

from godsplit.config import load_config
from godsplit.split.apply import apply_splits
from godsplit.split.dotted_paths import variable_loads

from splitkit import make_project, run_python

PROSE = {
    "a comment": '# the host gets each plugin with import_module(name)\n',
    "a docstring": '"""Plugins: the host gets each with `importlib.import_module(name)`."""\n',
    "a plain string": 'HELP = "each plugin is got with __import__(name) by the host"\n',
}
OTHER = '{prose}\nfrom pkg import big\n\n\ndef call():\n    return big.user()\n'


@pytest.mark.parametrize("facade", ["live", "static"])
@pytest.mark.parametrize("case", sorted(PROSE))
def test_a_loader_call_in_prose_keeps_no_patch(tmp_path: Path, case: str, facade: str) -> None:
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/other.py": OTHER.format(prose=PROSE[case]), "tests/test_it.py": TESTS,
        "pkg/settings.py": 'PLUGINS = ["pkg.big"]\n'})  # the old module named in a string
    (tmp_path / "godsplit.toml").write_text(
        CONFIG.replace("[split.modules]", f'facade = "{facade}"\n[split.modules]'))
    assert "1 passed" in run_python(tmp_path, RUN)  # before the split
    result = apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert not [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        tmp_path / "tests/test_it.py").read_text()
    assert "1 passed" in run_python(tmp_path, RUN)  # (static, before the fix: 1 failed, 'real')


def test_only_code_is_a_load() -> None:
    text = (b'"""Doc: import_module(name)."""\n# import_module(name)\nx = "__import__(name)"\n'
            b'y = f"{import_module(other)}"\nz = rb"import_string(path)"\n\n\ndef f(name):\n'
            b'    return import_module(name)\n\xc3\xa9 = "\xc3\xa9"; resolve_name(last)\n')
    assert variable_loads(text) == [(4, "import_module(other)"), (9, "import_module(name)"),
                                    (10, "resolve_name(last)")]


def test_a_file_that_does_not_tokenize_counts_every_match() -> None:
    """Conservative where the text cannot be read as tokens (find_references reports it)."""
    assert variable_loads(b'import_module(name)\n"""unclosed # import_module(other)\n') == [
        (1, "import_module(name)"), (2, "import_module(other)")]
