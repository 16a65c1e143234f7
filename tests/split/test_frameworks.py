"""frameworks.py: the import check sets up Django as the project's tests do, unless
`verify-setup` says otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from godsplit import apply
from godsplit.config import load_config
from godsplit.migration.core import migrate
from godsplit.migration.retire import retire
from godsplit.split.frameworks import django_settings, import_setup

from conftest import make_project

MAPPING = '[[split]]\nsource = "pkg/big.py"\n[split.modules]\na = ["f"]\nb = ["g"]\n'


@pytest.mark.parametrize(("files", "expected"), [
    ({"pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = proj.settings\n"},
     ("proj.settings", "pytest.ini")),
    ({"pyproject.toml": '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "proj.settings"\n'},
     ("proj.settings", "pyproject.toml")),
    ({"setup.cfg": "[tool:pytest]\nDJANGO_SETTINGS_MODULE = tests.settings\naddopts = -q\n"},
     ("tests.settings", "setup.cfg")),
    ({"tox.ini": "[pytest]\nDJANGO_SETTINGS_MODULE=proj.test_settings\n"},
     ("proj.test_settings", "tox.ini")),
    ({"manage.py": 'import os\nos.environ.setdefault(\n    "DJANGO_SETTINGS_MODULE", "site.settings")\n'},
     ("site.settings", "manage.py")),
    # pytest's own order: pytest.ini wins over setup.cfg, the test settings over manage.py's
    ({"setup.cfg": "[tool:pytest]\nDJANGO_SETTINGS_MODULE = b.settings\n",
      "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = a.settings\n",
      "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'c.settings')\n"},
     ("a.settings", "pytest.ini")),
    ({"setup.cfg": "[flake8]\nmax-line-length = 100\n", "pytest.ini": "[pytest]\naddopts = -q\n"},
     None),
    ({"pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = not a module; import os\n"}, None),
    ({"pytest.ini": "not an ini file [[\n"}, None),
    ({"pyproject.toml": "not toml = = =\n"}, None),
])
def test_the_settings_module_is_found_where_the_tests_name_it(
    tmp_path: Path, files: dict[str, str | bytes], expected: tuple[str, str] | None
) -> None:
    make_project(tmp_path, files)
    assert django_settings(tmp_path) == expected


def test_verify_setup_overrides_what_is_found(tmp_path: Path) -> None:
    make_project(tmp_path, {"pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = proj.settings\n"},
                 'verify-setup = "import os"\n')
    setup = import_setup(load_config(tmp_path / "godsplit.toml"))
    assert setup.code == "import os" and setup.describe() == ""
    (tmp_path / "godsplit.toml").write_text("max-lines = 600\n")
    setup = import_setup(load_config(tmp_path / "godsplit.toml"))
    assert setup.code is not None and "'proj.settings'" in setup.code
    assert setup.describe() == " with the setup pytest.ini names (DJANGO_SETTINGS_MODULE = proj.settings)"


# A stand-in for Django, in the project: models import only once it is set up.
FAKE_DJANGO = {
    "django/__init__.py": "READY = False\n\n\ndef setup():\n    global READY\n    import os\n"
                          "    __import__(os.environ['DJANGO_SETTINGS_MODULE'])\n    READY = True\n",
    "proj/__init__.py": "", "proj/settings.py": "DEBUG = False\n",
    "pkg/__init__.py": "",
    "pkg/models.py": "import django\n\nif not django.READY:\n"
                     "    raise RuntimeError(\"Apps aren't loaded yet.\")\n",
    "pkg/big.py": "from pkg import models\n\n\ndef f():\n    return models\n\n\ndef g():\n    return 2\n",
    "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = proj.settings\n",
}


def test_apply_verifies_a_django_project_with_its_test_settings(tmp_path: Path) -> None:
    result = apply(config=load_config(make_project(tmp_path, FAKE_DJANGO, MAPPING) / "godsplit.toml"))
    assert result.written and result.splits[0].imported, result.errors
    [done] = [f for f in result.splits[0].findings if f.code == "GS400"]
    assert done.message.startswith("imported pkg.big with the setup pytest.ini names "
                                   "(DJANGO_SETTINGS_MODULE = proj.settings) before and after")


def test_a_src_layout_finds_the_settings_where_its_tests_run(tmp_path: Path) -> None:
    """pretix: `src/setup.cfg` names `tests.settings`, importable from `src/`; the config is
    at the top."""
    files = {f"src/{name}": text for name, text in FAKE_DJANGO.items() if name != "pytest.ini"}
    files["src/setup.cfg"] = "[tool:pytest]\nDJANGO_SETTINGS_MODULE = proj.settings\n"
    mapping = MAPPING.replace('"pkg/big.py"', '"src/pkg/big.py"')
    result = apply(config=load_config(make_project(tmp_path, files, mapping) / "godsplit.toml"))
    assert result.written and result.splits[0].imported, result.errors
    [done] = [f for f in result.splits[0].findings if f.code == "GS400"]
    assert "with the setup src/setup.cfg names (DJANGO_SETTINGS_MODULE = proj.settings)" in done.message


def test_migrate_and_retire_import_with_the_setup_apply_used(tmp_path: Path) -> None:
    """pretix again: the modules `migrate` rewrites need Django set up as `apply` did
    (from `src/setup.cfg`), or its import check compares nothing."""
    files = {f"src/{name}": text for name, text in FAKE_DJANGO.items() if name != "pytest.ini"}
    files["src/setup.cfg"] = "[tool:pytest]\nDJANGO_SETTINGS_MODULE = proj.settings\n"
    files["src/pkg/views.py"] = "from pkg import models\nfrom pkg.big import f\n\nVIEW = f\n"
    mapping = MAPPING.replace('"pkg/big.py"', '"src/pkg/big.py"')
    config = load_config(make_project(tmp_path, files, mapping) / "godsplit.toml")
    assert apply(config=config).written
    result = migrate(config)
    assert result.written and "from pkg.big.a import f" in (tmp_path / "src/pkg/views.py").read_text()
    [checked] = [f.message for f in result.findings if f.code == "GS507"]
    assert checked == "import check: 1 rewritten module imported before and after with the same names"
    retired = retire(config)
    assert retired.written, retired.findings
    [checked] = [f.message for f in retired.findings if f.code == "GS507"]
    assert checked == ("import check: 3 modules (new, or naming an old module) imported before "
                       "and after with the same names")


def test_without_the_settings_the_check_says_it_was_skipped(tmp_path: Path) -> None:
    files = {**FAKE_DJANGO, "pytest.ini": "[pytest]\naddopts = -q\n"}
    result = apply(config=load_config(make_project(tmp_path, files, MAPPING) / "godsplit.toml"))
    assert result.written and not result.splits[0].imported
    [skipped] = [f for f in result.splits[0].findings if f.code == "GS412"]
    assert "it does not import on its own (RuntimeError: Apps aren't loaded yet.)" in skipped.message


@pytest.mark.slow
def test_a_failure_in_the_projects_venv_is_reported_not_a_missing_package(tmp_path: Path) -> None:
    """godsplit's interpreter lacks the package; the project's `.venv` has it but the module
    fails there for another reason: that reason is what the user must fix."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / ".venv")],
                   check=True)
    [site] = (tmp_path / ".venv/lib").glob("python*/site-packages")
    (site / "only_in_project_venv.py").write_text("raise LookupError('needs its settings')\n")
    files = {"pyproject.toml": "", "pkg/__init__.py": "",
             "pkg/big.py": "import only_in_project_venv\n\n\ndef f():\n    return 1\n\n\n"
                           "def g():\n    return 2\n"}
    result = apply(config=load_config(make_project(tmp_path, files, MAPPING) / "godsplit.toml"))
    [skipped] = [f for f in result.splits[0].findings if f.code == "GS412"]
    assert "LookupError: needs its settings" in skipped.message
    assert "which no interpreter found has" not in skipped.message
