"""Round 31 (mig32): pgcli's `try: import sshtunnel; SSH_TUNNEL_SUPPORT = True / except
ImportError: SSH_TUNNEL_SUPPORT = False`, copied whole into the new module that reads only
`SSH_TUNNEL_SUPPORT`: there `import sshtunnel` is the block's test and nothing reads it,
a new F401 under the project's ruff. It carries `# noqa: F401` now, where the project
reports F401; the module that reads `sshtunnel` gets the block as it was."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, ruff_check, run_python

SOURCE = '''
    """Big module."""
    try:
        import sshtunnel

        SSH_TUNNEL_SUPPORT = True
    except ImportError:
        SSH_TUNNEL_SUPPORT = False


    def tunnel():
        return sshtunnel.SSHTunnelForwarder


    def cli(ssh):
        if ssh and not SSH_TUNNEL_SUPPORT:
            return "no tunnel"
        return "ok"
'''


def test_a_guarded_import_kept_as_the_block_test_is_marked(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"pgexecute": ["tunnel"], "main": ["cli"]},
                          files={"pyproject.toml": "[tool.ruff]\nline-length = 100\n"})
    assert apply(config).written
    main = (tmp_path / "pkg/big/main.py").read_text()
    assert "    import sshtunnel  # noqa: F401\n" in main, main
    pgexecute = (tmp_path / "pkg/big/pgexecute.py").read_text()
    assert "    import sshtunnel\n" in pgexecute, pgexecute
    proc = ruff_check(tmp_path, "pkg")
    assert proc.returncode == 0, proc.stdout
    assert run_python(tmp_path, "from pkg.big import cli; print(cli(0))") == "ok\n"


def test_no_mark_where_the_project_does_not_report_f401(tmp_path: Path) -> None:
    ruff = '[tool.ruff.lint]\nignore = ["F401"]\n'
    config = make_project(tmp_path, SOURCE, {"pgexecute": ["tunnel"], "main": ["cli"]},
                          files={"pyproject.toml": ruff})
    assert apply(config).written
    assert "noqa" not in (tmp_path / "pkg/big/main.py").read_text()
