"""The name Celery's `find_app` takes from an old module, read from the source.

`retire` runs `find_app` in a fresh interpreter to learn which name of the old module a
worker started with `celery -A X` takes. When it cannot (`find_app` failed before
retiring, or `verify-import = false`), the source can still say, but only when it is
unambiguous: `find_app` takes the module's `app`, then its `celery` (neither may be a
module), then the first Celery instance among its names. So the old module's `app` or
`celery` must be bound to an app the source makes (`app = Celery(...)`, `app =
make_celery(...)` with a factory of the file calling `Celery(...)`, `celery_app = app`,
or an import of such an app from a module of the project); without either, the module
must hold exactly one app. Anything else (`app` bound to something else, two apps, a
package whose submodule `celery` would be searched first) is unknown, and `retire`
refuses (GS132).
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from ..split.celery_names import _dotted, _makes_celery, _project_module
from .homes import Homes
from .imports import dotted

_App = tuple[str, str]  # (module, name): where the app is made


def _made(path: Path) -> dict[str, _App]:
    """The top-level names of the file at `path` bound to a Celery app it makes (or an
    alias of one), each with where that app is made."""
    try:
        tree = cst.parse_module(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, cst.ParserSyntaxError):
        return {}
    factories = {s.name.value for s in tree.body
                 if isinstance(s, cst.FunctionDef) and _makes_celery(s)}
    found: dict[str, _App] = {}
    for stmt in tree.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if not isinstance(small, cst.Assign):
                continue
            value = small.value
            targets = [t.target.value for t in small.targets if isinstance(t.target, cst.Name)]
            if isinstance(value, cst.Call) and (
                    _dotted(value.func).rpartition(".")[2] == "Celery"
                    or _dotted(value.func) in factories):
                found.update((t, (str(path), targets[0])) for t in targets)
            elif isinstance(value, cst.Name) and value.value in found:  # `celery_app = app`
                found.update((t, found[value.value]) for t in targets)
    return found


def _facade_imports(h: Homes) -> dict[str, tuple[str, str, int]]:
    """Name the facade binds by `from m import orig as name` -> (m, orig, level)."""
    try:
        tree = cst.parse_module(h.facade.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, cst.ParserSyntaxError):
        return {}
    found = {}
    for stmt in tree.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    orig = dotted(alias.name)
                    name = dotted(alias.asname.name) if alias.asname else orig
                    found[name] = (dotted(small.module), orig, len(small.relative))
    return found


def old_module_apps(h: Homes) -> dict[str, _App]:
    """The old module's names bound to a Celery app the project's source makes."""
    made: dict[str, _App] = {}
    for module, path in zip(h.modules, h.paths, strict=True):
        made.update((name, app) for name, app in _made(path).items()
                    if h.homes.get(name) == module)
    for name, (module, orig, level) in _facade_imports(h).items():
        if name in made or name in h.homes:
            continue
        source = _project_module(h.facade, module, level)
        if source is not None and orig in (apps := _made(source)):
            made[name] = apps[orig]
    return made


def static_app(h: Homes) -> tuple[str | None, str]:
    """The name `find_app` takes from `h`'s old module by its source, and how that is
    known; or None and why it is not."""
    names = set(h.homes) | set(h.imported) | set(h.stays)
    apps = old_module_apps(h)
    for name in ("app", "celery"):
        if name in apps:
            return name, f"its `{name}` is the Celery app the source makes"
        if name in names:
            return None, f"its `{name}` is not a Celery app the source makes"
    if h.layout.kind == "package" and h.submodule("celery"):
        return None, "its submodule `celery` is searched first"
    made = set(apps.values())
    if len(made) == 1:
        first = sorted(apps)[0]
        return first, f"`{first}` is the one Celery app the source makes there"
    return None, ("the source makes no Celery app there" if not made else
                  f"the source makes {len(made)} Celery apps there (" + ", ".join(
                      f"`{n}`" for n in sorted(apps)) + ")")

