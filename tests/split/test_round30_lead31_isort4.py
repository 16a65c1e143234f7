"""Round 30 (lead): a project whose isort configuration still holds a setting only isort 4
had (NumPyro 0.2.4's `setup.cfg`: `not_skip = __init__.py`) was refused as a whole: plan and
suggest exited 2 with "isort cannot use this configuration". The settings today's isort
knows are read from the same file; the removed ones are left out."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, plan_texts

SOURCE = '''
    import os

    from pkg import other


    def helper():
        return os.sep


    def user():
        return helper() + other.NAME
'''

SETUP_CFG = """\
[isort]
line_length = 70
not_skip = __init__.py
force_sort_within_sections = true
known_first_party = pkg
known_jax = jax
sections = FUTURE,STDLIB,THIRDPARTY,JAX,FIRSTPARTY,LOCALFOLDER
"""


def test_settings_isort_4_had_are_left_out_and_the_rest_still_read(tmp_path: Path) -> None:
    from godsplit.split.isort_config import isort_settings
    from godsplit.split.style import detect_style

    (tmp_path / ".git").mkdir()
    (tmp_path / "setup.cfg").write_text(SETUP_CFG)
    settings = isort_settings(detect_style(tmp_path))
    assert settings.line_length == 70
    assert settings.known_first_party == frozenset({"pkg"})
    assert settings.known_other == {"jax": frozenset({"jax"})}
    assert settings.force_sort_within_sections
    assert tmp_path in settings.src_paths


def test_a_project_with_an_isort_4_setting_is_split(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "setup.cfg").write_text(SETUP_CFG)
    config = make_project(tmp_path, SOURCE, {"helpers": ["helper"], "users": ["user"]},
                          files={"pkg/other.py": "NAME = 'x'\n"})
    plan, texts = plan_texts(config)
    assert not [f for f in plan.findings if f.severity == "error"]
    assert "pkg/big/helpers.py" in texts
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    assert (tmp_path / "pkg/big/helpers.py").is_file()
