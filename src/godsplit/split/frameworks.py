"""How a project's modules are imported on their own, when the config does not say.

A Django project's models import only once Django is set up with a settings module. Its
test runner already knows which one: pytest-django's `DJANGO_SETTINGS_MODULE` in pytest's
configuration, or the `os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` line of
`manage.py`. The import check uses it, unless `verify-setup` says otherwise, so a Django +
Celery project is verified for real without any setting.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..types import Config, GodsplitError
from .import_failure import ImportFailure
from .pytest_config import EnvVar, pytest_env, pytest_sections

_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
_SETDEFAULT = re.compile(
    r"""os\.environ\.setdefault\(\s*['"]DJANGO_SETTINGS_MODULE['"]\s*,\s*['"](""" + _NAME
    + r""")['"]\s*\)"""
)


@dataclass(frozen=True)
class ImportSetup:
    """The code run before importing the project's modules, and where it came from."""

    code: str | None
    origin: str | None  # None: the config's `verify-setup` (or nothing to run)

    def describe(self) -> str:
        """A clause for findings: empty when the user chose the setup."""
        return f" with the setup {self.origin}" if self.origin else ""

    def failed(self, failure: ImportFailure, subject: str = "it") -> str:
        """Why importing failed, and what to do, in GS412's words. The setup's own failure
        is not the module's, and with `verify-setup` set, "set `verify-setup`" is untrue."""
        if failure.timeout is not None:  # it may import: no "does not import", no setup hint
            return (f"importing {subject}{self.describe()} did not finish within "
                    f"{failure.timeout} s (`verify-timeout`); if it imports that slowly, "
                    "raise `verify-timeout`")
        if failure.imported:
            return f"{subject} imports{self.describe()}, but reading its names raised {failure.error}"
        if failure.in_setup and self.origin:
            return f"the setup {self.origin} failed ({failure.error}); set `verify-setup`"
        if failure.in_setup:
            return f"the config's `verify-setup` failed ({failure.error}); fix it"
        if self.code and not self.origin:
            return (f"{subject} does not import with the config's `verify-setup` "
                    f"({failure.error}); check `verify-setup`")
        return (f"{subject} does not import on its own{self.describe()} ({failure.error}); "
                "set `verify-setup`")


def import_setup(config: Config, import_root: Path | None = None) -> ImportSetup:
    """The config's `verify-setup`, or Django's setup with the settings module the
    project's tests use, or nothing. Their files are looked for in the import root (where
    the project's tests run, a `src/` layout's `src`) first, then beside the config: the
    variables pytest-env sets (set here too, as the tests' settings may read them), then
    pytest's `DJANGO_SETTINGS_MODULE` or `manage.py`'s, unless the environment godsplit
    runs in names one (as for pytest-django and `manage.py`, the environment wins)."""
    if config.verify_setup is not None:
        return ImportSetup(config.verify_setup, None)
    roots = [import_root] if import_root is not None and import_root != config.root else []
    env: tuple[EnvVar, ...] = ()
    env_file: Path | None = None
    for directory in [*roots, config.root]:
        env, name = pytest_env(directory)
        if env and name is not None:
            env_file = directory / name
            break
    found: tuple[str, str] | None = None
    for directory in [*roots, config.root]:
        found = django_settings(directory)
        if found is not None:
            break
    setting = _env_setting(env)
    if setting is not None and env_file is not None:
        settings, origin = setting, Path(os.path.relpath(env_file, config.root)).as_posix()
    elif re.fullmatch(_NAME, os.environ.get("DJANGO_SETTINGS_MODULE", "")):
        settings, origin = os.environ["DJANGO_SETTINGS_MODULE"], "the environment"
    elif found is not None:
        settings, name = found
        origin = Path(os.path.relpath(directory / name, config.root)).as_posix()
    else:
        return ImportSetup(None, None)
    code = "; ".join(["import os, django", *(var.statement() for var in env),
                      f"os.environ.setdefault('DJANGO_SETTINGS_MODULE', {settings!r})",
                      "django.setup()"])
    return ImportSetup(code, f"{origin} names (DJANGO_SETTINGS_MODULE = {settings})")


def _env_setting(env: tuple[EnvVar, ...]) -> str | None:
    """The settings module pytest-env gives the tests, if it sets one that counts."""
    for var in reversed(env):
        if var.name == "DJANGO_SETTINGS_MODULE" and re.fullmatch(_NAME, var.value):
            if var.keep_set and os.environ.get("DJANGO_SETTINGS_MODULE"):
                return None
            return var.value
    return None


def django_settings(root: Path) -> tuple[str, str] | None:
    """The settings module and the name of the file in `root` that names it."""
    for name, section in pytest_sections(root):  # pytest's order: pyproject.toml after .pytest.ini
        try:
            value = section.string("DJANGO_SETTINGS_MODULE" if name == "pyproject.toml"
                                   else "django_settings_module", "").strip()
        except GodsplitError:
            continue  # not ours to judge: the test runner reports its own config errors
        if re.fullmatch(_NAME, value):
            return value, name
    manage = root / "manage.py"
    if manage.is_file():
        match = _SETDEFAULT.search(manage.read_text(encoding="utf-8", errors="replace"))
        if match:
            return match.group(1), "manage.py"
    return None
