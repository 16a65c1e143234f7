"""Round 26 (trial26a): real-code trials on pylint, billiard, sphinx.

(a) billiard's `pool.py` picks its kill function by platform, each import with a bare
`# noqa` (flake8's blanket form: every code on the line):

    if platform.system() == 'Windows':
        from ._win import kill_processtree as _kill  # noqa
    else:
        from os import kill as _kill                 # noqa

The split put the block in `_shared` (read by two modules), where pyflakes reports the
import unused, and `pyflakes_marks` appended a targeted `# noqa: F401` after the blanket
one: `from os import kill as _kill                 # noqa  # noqa: F401`. The line was
covered already; a second directive is machinery the code does not need."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

BLANKET = '''\
    import os
    import sys

    if sys.platform == "win32":  # pragma: no cover
        from ntpath import join as _join  # noqa
    else:
        from posixpath import join as _join  # noqa


    def first(name):
        return _join(os.sep, name)


    def second(name):
        return _join(name, "x")
    '''


def test_no_targeted_noqa_after_a_blanket_one(tmp_path: Path) -> None:
    config = make_project(tmp_path, BLANKET, {"one": ["first"], "two": ["second"]},
                          files={"setup.cfg": "[flake8]\nmax-line-length = 100\n"})
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    texts = {p.name: p.read_text() for p in (tmp_path / "pkg" / "big").glob("*.py")}
    lines = [line for text in texts.values() for line in text.splitlines() if "_join" in line
             and "import" in line and "# noqa" in line]
    assert lines, texts
    assert not [line for line in lines if line.count("noqa") > 1], lines
    out = run_python(tmp_path, "from pkg.big import first, second; print(first('a'), second('b'))")
    assert out.split() == ["/a", "b/x"]
