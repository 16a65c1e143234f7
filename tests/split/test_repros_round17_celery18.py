"""Round 17 (celery18): the Django setup of the import check, where real task files' tests
name their settings (paperless-ngx: pytest 9's `[tool.pytest]` and pytest-env's
`[tool.pytest_env]`; funkwhale: only the environment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit import apply
from godsplit.config import load_config
from godsplit.split.frameworks import django_settings

from conftest import make_project

MAPPING = '[[split]]\nsource = "pkg/big.py"\n[split.modules]\na = ["f"]\nb = ["g"]\n'

# A stand-in for Django, in the project: models import only once it is set up, and these
# settings read a variable the tests' environment sets (as paperless's SECRET_KEY).
FAKE_DJANGO = {
    "django/__init__.py": "READY = False\n\n\ndef setup():\n    global READY\n    import os\n"
                          "    __import__(os.environ['DJANGO_SETTINGS_MODULE'])\n    READY = True\n",
    "proj/__init__.py": "",
    "proj/settings.py": "import os\n\nSECRET_KEY = os.environ['APP_SECRET']\n",
    "pkg/__init__.py": "",
    "pkg/models.py": "import django\n\nif not django.READY:\n"
                     "    raise RuntimeError(\"Apps aren't loaded yet.\")\n",
    "pkg/big.py": "from pkg import models\n\n\ndef f():\n    return models\n\n\ndef g():\n    return 2\n",
}


@pytest.fixture(autouse=True)
def _no_settings_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    monkeypatch.delenv("APP_SECRET", raising=False)


def _verified(files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> str:
    root = make_project(tmp_path_factory.mktemp("proj"), {**FAKE_DJANGO, **files}, MAPPING)
    result = apply(config=load_config(root / "godsplit.toml"))
    assert result.written and result.splits[0].imported, [
        (f.code, f.message) for f in result.splits[0].findings if f.code == "GS412"]
    [done] = [f.message for f in result.splits[0].findings if f.code == "GS400"]
    return done


def test_pytest_9s_native_table_names_the_settings(tmp_path: Path) -> None:
    """pytest 9 reads `[tool.pytest]` (paperless-ngx); only `[tool.pytest.ini_options]` was
    read, so a project naming its settings there was checked without Django."""
    pyproject = '[tool.pytest]\nDJANGO_SETTINGS_MODULE = "proj.settings"\n'
    root = make_project(tmp_path, {"pyproject.toml": pyproject})
    assert django_settings(root) == ("proj.settings", "pyproject.toml")


def test_pytest_env_variables_are_set_for_the_import_check(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """paperless-ngx's settings read variables `[tool.pytest_env]` sets for its tests: the
    import check set Django up without them, and skipped (GS412) on a KeyError."""
    pyproject = ('[tool.pytest]\nDJANGO_SETTINGS_MODULE = "proj.settings"\n\n'
                 '[tool.pytest_env]\nAPP_SECRET = "test-only"\n')
    done = _verified({"pyproject.toml": pyproject}, tmp_path_factory)
    assert "with the setup pyproject.toml names (DJANGO_SETTINGS_MODULE = proj.settings)" in done


def test_the_settings_module_named_only_in_pytest_envs_lines(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """pytest-env's `env` lines (`D:` keeps a value already set, `R:` is not expanded)
    name the settings module and set what the settings read."""
    ini = ("[pytest]\naddopts = -q\nenv =\n    R:APP_SECRET={not-expanded}\n"
           "    D:DJANGO_SETTINGS_MODULE=proj.settings\n")
    done = _verified({"pytest.ini": ini}, tmp_path_factory)
    assert "with the setup pytest.ini names (DJANGO_SETTINGS_MODULE = proj.settings)" in done


def test_the_settings_module_named_only_in_the_environment(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """funkwhale: `DJANGO_SETTINGS_MODULE` set only in the environment the tests run in;
    the import check said "Apps aren't loaded yet" until `verify-setup` was written."""
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "proj.settings")
    monkeypatch.setenv("APP_SECRET", "from-the-shell")
    done = _verified({}, tmp_path_factory)
    assert "with the setup the environment names (DJANGO_SETTINGS_MODULE = proj.settings)" in done
