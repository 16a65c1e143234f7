"""What an old module gives, seen from a fresh interpreter: run by `verify.snapshot`.

Its source is passed to `python -c` (the project's interpreter need not have godsplit),
with seven arguments: the import root, the module's dotted name, setup code, the
comma-separated names of the modules code moved between (old and new), of the registries to
read and of the names the old module's own code binds, and the file for the result (not
standard output: the module's code may take it). It writes one JSON document: each
public-or-not name and the kind of its object; what `from module import *` gives; the
signature and type hints of every function and class (and method) defined in those
modules, or how computing them failed; what `python -m module` would run; and which
modules outside the project importing it loaded.
Module names and object addresses are normalised, so a moved class compares equal.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import re
import sys
import types
import typing
import unicodedata  # noqa: F401  # (loaded by compiling a non-ASCII identifier: see main)
import warnings

from .probe_firsts import first_names  # godsplit: inlined (see probe_out.probe_source)
from .probe_main import runs_as_main  # godsplit: inlined (see probe_out.probe_source)

# `__warningregistry__`: the warnings module's record of what the module's code warned of
# once, there only if a warning was shown (a first import building a cache)
SKIP = {"__builtins__", "__cached__", "__file__", "__loader__", "__spec__", "__path__",
        "__package__", "__annotations__", "__warningregistry__"}


def normalise(text: str, moved: tuple[str, ...]) -> str:
    for name in sorted(moved, key=len, reverse=True):
        text = text.replace(name + ".", "<split>.")
    return re.sub(r" at 0x[0-9a-fA-F]+", " at 0x?", text)


def kind(obj: object, moved: tuple[str, ...]) -> str:
    if isinstance(obj, types.ModuleType):
        return "module " + obj.__name__
    where = type(obj).__module__
    if any(where == p or where.startswith(p + ".") for p in moved):
        where = "<split module>"  # a class that moved: same class, new __module__
    return where + "." + type(obj).__qualname__


def describe(obj: object, moved: tuple[str, ...]) -> str:
    """`signature | type hints`, each or the exception computing it raised."""
    try:
        signature = str(_namespaces_named(inspect.signature(obj)))  # type: ignore[arg-type]
    except Exception as exc:  # TypeError, ValueError, or what a `__getattr__` raises
        signature = f"no signature ({type(exc).__name__})"
    try:
        hints = repr(sorted((k, repr(v)) for k, v in typing.get_type_hints(obj).items()))
    except Exception as exc:
        hints = f"get_type_hints raised {type(exc).__name__}: {exc}"
    return normalise(f"{signature} | {hints}", moved)


class _Namespace:
    """A default that is a module's namespace (`def f(g=globals())`), by its name: its
    contents are not the signature's (the facade binds other names)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<namespace of {self.name}>"


def _namespaces_named(signature: inspect.Signature) -> inspect.Signature:
    params = []
    for param in signature.parameters.values():
        default = param.default
        name = default.get("__name__") if isinstance(default, dict) else None
        if isinstance(name, str) and default is getattr(sys.modules.get(name), "__dict__", None):
            param = param.replace(default=_Namespace(name))
        params.append(param)
    return signature.replace(parameters=params)


def _unwrapped(member: object) -> object:
    """The function a classmethod or staticmethod wraps, else the member. An attribute
    whose `__getattr__` raises something other than AttributeError (pyasn1's schema
    objects: PyAsn1Error) is a member like any other, not a failure of the module."""
    try:
        return getattr(member, "__func__", member)
    except Exception:
        return member


def _moved(values: dict[str, object], moved: tuple[str, ...],
           own: tuple[str, ...] = ()) -> typing.Iterator[tuple[str, typing.Any]]:
    """The functions and classes among the module's names that moved, by the name the
    module binds them under: those whose `__module__` is a module code moved between, and
    those the old module's own code binds (`own`) whatever their `__module__` says (trio's
    `Task.__module__ = "trio.lowlevel"`); for a Celery task made from a function, that
    function (its arguments are the task's)."""
    for name, value in sorted(values.items()):
        value = _task_function(value) or value
        if (inspect.isfunction(value) or inspect.isclass(value)) and (
                getattr(value, "__module__", None) in moved or name in own):
            yield name, value


def made(values: dict[str, object], moved: tuple[str, ...]) -> dict[str, str]:
    """Objects a class statement made that are no classes (a zope.interface `Interface`, an
    instance of its metaclass), bound under their own name, with a `__module__` of their own
    (not their type's) naming a module code moved between, and other strings made from it
    (zope's `__identifier__`): those strings, by attribute. keep-module-name cannot rename
    them (their `__module__` may be read-only), and what was made from it stays made."""
    out: dict[str, str] = {}
    for name, value in sorted(values.items()):
        if inspect.isclass(value) or inspect.isroutine(value) or inspect.ismodule(value):
            continue
        try:
            home = getattr(value, "__module__", None)
            own = (getattr(value, "__name__", None) == name
                   and home != getattr(type(value), "__module__", None))
            held = dict(getattr(value, "__dict__", None) or {})
            for klass in type(value).__mro__:  # slots (a C base's members)
                held.update((k, getattr(value, k, None)) for k, d in vars(klass).items()
                            if isinstance(d, types.MemberDescriptorType) and k not in held)
        except Exception:  # (an object whose attributes cannot be read)
            continue
        if not own or not isinstance(home, str) or home not in moved:
            continue
        texts = sorted(f"{k}={v!r}" for k, v in held.items() if k != "__module__" and isinstance(
            v, str) and any(v.startswith(m + ".") or v == m for m in moved))
        if texts:
            out[name] = " | ".join([f"__module__={home!r}", *texts])
    return out


def _task_function(value: object) -> object:
    """The function `@app.task` or `@shared_task` made a task of (the task class's `run`,
    a staticmethod unless `bind=True`), else None."""
    try:
        if type(value).__module__ == "celery.local":  # a task the app has not made yet
            value = value._get_current_object()  # type: ignore[attr-defined]
        if not type(value).__dict__.get("_decorated"):  # a Task subclass's own `run`
            return None
        run = type(value).__dict__.get("run")
    except Exception:  # a proxy that cannot be resolved here: not a task
        return None
    return getattr(run, "__func__", run)


def details(values: dict[str, object], moved: tuple[str, ...],
            own: tuple[str, ...] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in _moved(values, moved, own):
        out[name] = describe(value, moved)
        if inspect.isclass(value):
            for attribute, member in sorted(vars(value).items()):
                inner = _unwrapped(member)  # classmethod, staticmethod
                if inspect.isfunction(inner):
                    out[f"{name}.{attribute}"] = describe(inner, moved)
    return out


def homes(values: dict[str, object], moved: tuple[str, ...],
          own: tuple[str, ...] = ()) -> dict[str, str]:
    """The `__module__` of each function and class of the module bound under its own name,
    and of each method of those classes defined in its body, not normalised: the split
    must leave each as the plan says (`split/module_homes.py`)."""
    out: dict[str, str] = {}
    for name, value in _moved(values, moved, own):
        if getattr(value, "__qualname__", None) != name:
            continue  # (a decorator's wrapper, an alias)
        members = [(f"{name}.{a}", _unwrapped(m)) for a, m in sorted(vars(value).items())
                   ] if inspect.isclass(value) else []
        for key, item in [(name, value), *members]:
            if item is value or (inspect.isfunction(item) and item.__qualname__ == key):
                home = getattr(item, "__module__", None)
                out.update({key: home} if isinstance(home, str) else {})
    return out


def registered(values: dict[str, object]) -> dict[str, str]:
    """The names objects are registered under, which code elsewhere looks them up by: a
    Celery task's (routes, beat entries and queued messages use it), a logger's. Not
    normalised: a moved task named after its new module is a change."""
    out: dict[str, str] = {}
    logging = sys.modules.get("logging")
    for name, value in sorted(values.items()):
        try:
            if type(value).__module__ == "celery.local":  # a task the app has not made yet
                value = value._get_current_object()  # type: ignore[attr-defined]
            if any(c.__module__ == "celery.app.task" and c.__name__ == "Task"
                   for c in type(value).__mro__):
                out[name] = f"Celery task {value.name}"  # type: ignore[attr-defined]
            elif logging is not None and isinstance(value, logging.Logger):
                out[name] = f"logger {value.name}"
        except Exception:  # a proxy that cannot be resolved here: not a task
            continue
    return out


def recorded(values: dict[str, object], moved: tuple[str, ...],
             own: tuple[str, ...] = ()) -> dict[str, str]:
    """The strings held by the closures of moved functions, and of the methods and
    properties of moved classes, that name a module code moved between: a decorator built
    them from `__module__` while the function was defined (twisted's `@deprecated`:
    'twisted.internet.defer.timeout was deprecated in Twisted 17.1.0'). Not normalised: a
    message that names the new module is a change."""
    out: dict[str, str] = {}
    for name, value in _moved(values, moved, own):
        members: list[tuple[str, object]] = [(name, value)]
        for attribute, member in sorted(vars(value).items()) if inspect.isclass(value) else ():
            parts = [member.fget, member.fset, member.fdel] if isinstance(member, property) else [
                _unwrapped(member)]  # classmethod, staticmethod
            members += [(f"{name}.{attribute}", part) for part in parts]
        for where, function in members:
            texts = []
            cells = function.__closure__ if inspect.isfunction(function) else None
            for cell in cells or ():
                try:
                    text = cell.cell_contents
                except ValueError:  # an empty cell
                    continue
                if isinstance(text, str) and any(m + "." in text for m in moved):
                    texts.append(re.sub(r" at 0x[0-9a-fA-F]+", " at 0x?", text))
            if texts:
                out[where] = " | ".join(sorted(texts))
    return out


def module_kind(module: object, moved: tuple[str, ...]) -> str:
    """What importing the module gives: a module (a live facade's class makes one too), or
    the object its code put in its own place in `sys.modules` (sh's SelfWrapper); a class
    the module gave itself (`__class__ = _Module`), and the live facade's class extending
    it: `type()` of the module is another class then."""
    cls = next(c for c in type(module).__mro__ if c.__name__ != "_GodsplitFacade")
    if cls is types.ModuleType:
        return "module"
    where = cls.__module__
    if any(where == p or where.startswith(p + ".") for p in moved):
        where = "<split module>"
    name = where + "." + cls.__qualname__
    return f"a subclass of {name} (the live facade's)" if cls is not type(module) else name


def _in_project(module: object, root: str) -> bool:
    """A module of the project itself (under the import root, not an installed package):
    splits and migrations move those; which others get loaded must not change. A namespace
    package has no `__file__`: its folders say (moto's `ec2/_models/`, which a split in
    the maintainers' layout gives an `__init__.py`)."""
    file = getattr(module, "__file__", None)
    paths = [file] if file else list(getattr(module, "__path__", None) or ())
    top = os.path.abspath(root) + os.sep
    return bool(paths) and all(
        os.path.abspath(p).startswith(top) and "site-packages" not in p for p in paths)


LIMIT = 2000  # entries of a registry fingerprinted one by one; past it, its count and keys


def _label(obj: object, moved: tuple[str, ...]) -> str:
    """A key or value of a registry, the same wherever its code moved: a class or function
    by its module and qualified name (a moved module's name normalised), a plain value by
    its repr, any other object by its type."""
    if isinstance(obj, (str, int, float, bool, bytes, type(None))):
        return repr(obj)
    if isinstance(obj, tuple):
        return "(" + ", ".join(_label(o, moved) for o in obj) + ")"
    target = obj.__func__ if isinstance(obj, (classmethod, staticmethod, types.MethodType)
                                         ) else obj  # (not a class's `__func__` member)
    name = getattr(target, "__qualname__", None)
    if isinstance(name, str) and (inspect.isroutine(target) or inspect.isclass(target)):
        return normalise(f"{getattr(target, '__module__', None)}.{name}", moved)
    return "instance of " + kind(obj, moved)


def _fingerprint(value: object, moved: tuple[str, ...]) -> list[object] | None:
    """A dict's entries in order (key -> value), a list's items, a set's sorted
    items; past LIMIT entries, its count and sorted keys only; None for anything else."""
    try:
        if isinstance(value, dict):
            if len(value) > LIMIT:
                return ["keys", len(value), sorted(_label(k, moved) for k in value)]
            return ["dict", len(value), [[_label(k, moved), _label(v, moved)]
                                         for k, v in list(value.items())]]
        if isinstance(value, list):
            items = [_label(v, moved) for v in list(value)[:LIMIT]]
            return ["list", len(value), items]
        if isinstance(value, (set, frozenset)):
            return ["set", len(value), sorted(_label(v, moved) for v in list(value))[:LIMIT]]
    except Exception:  # a mapping whose items cannot be read
        return None
    return None


def registries(values: dict[str, object], names: tuple[str, ...], moved: tuple[str, ...],
               ) -> dict[str, list[object]]:
    """The contents of the objects code fills at import time from several modules (the
    plan's GS218): the object itself when a dict, list or set, and the dicts, lists and sets
    it holds as attributes (`Pickler.dispatch`), by dotted name."""
    out: dict[str, list[object]] = {}
    for name in names:
        if name not in values:
            continue
        value = values[name]
        found = _fingerprint(value, moved)
        if found is not None:
            out[name] = found
            continue
        try:
            held = dict(vars(value)) if not inspect.ismodule(value) else {}
        except TypeError:  # no __dict__
            continue
        for attribute, member in sorted(held.items()):
            if attribute.startswith("__"):
                continue
            found = _fingerprint(member, moved)
            if found is not None:
                out[f"{name}.{attribute}"] = found
    return out


UNREAD = "godsplit-probe: imported; reading its names raised "  # import_failure.UNREAD


def main(argv: list[str]) -> None:
    root, name, setup, *lists, out_path = argv[1:8]
    moved, filled, own = (tuple(p for p in text.split(",") if p) for text in lists)
    del sys.argv[1:]  # as `python -c "import name"`: the module's code sees no arguments
    sys.path.insert(0, root)
    if setup:
        try:
            exec(compile(setup, "<verify-setup>", "exec"), {})
        except BaseException:  # said before the traceback (import_failure.SETUP_FAILED)
            print("godsplit-probe: the setup failed", file=sys.stderr, flush=True)
            raise
    module = importlib.import_module(name)
    try:
        result = _read(name, module, root, moved, filled, own)
    except Exception as exc:  # the module imported: say so, not that it does not import
        sys.stderr.write(f"\n{UNREAD}{type(exc).__name__}: {exc}\n")
        raise SystemExit(3) from None
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(result, out)


def _read(name: str, module: types.ModuleType, root: str, moved: tuple[str, ...],
          filled: tuple[str, ...] = (), own: tuple[str, ...] = ()) -> dict[str, object]:
    names = {}
    values: dict[str, object] = {}
    with warnings.catch_warnings():  # a deprecated facade warns when a moved name is read
        warnings.simplefilter("ignore")
        for attribute in sorted({*vars(module), *dir(module), *own} - SKIP):  # `__dir__` hides
            value = getattr(module, attribute, values)  # some; a static facade reads some live
            if value is values or attribute.lower().startswith("_godsplit"):
                continue  # (not given: an own name deleted, `del Y`)
            values[attribute] = value
            if isinstance(value, types.ModuleType) and value.__name__ == f"{name}.{attribute}":
                continue  # a submodule of a package facade
            names[attribute] = kind(value, moved)
    # (`unicodedata` is loaded above: compiling a non-ASCII identifier, such as a new
    # module `café`, loads it, but only when there is no bytecode cache: not a difference)
    loaded = sorted(m for m, value in list(sys.modules.items()) if not _in_project(value, root))
    star: dict[str, object] = {}
    exec(f"from {name} import *", star)
    return {
        "names": names,
        "star": sorted(k for k in star if k != "__builtins__"),
        "details": details(values, moved, own),
        "homes": homes(values, moved, own),
        "registered": registered(values),
        "recorded": recorded(values, moved, own),
        "made": made(values, moved),
        "main": runs_as_main(name, module),
        "loaded": loaded,
        "file": getattr(module, "__file__", None) or "",
        "object": module_kind(module, moved),
        "registries": registries(values, filled, moved),
        "firsts": first_names(module, SKIP, moved),
    }

if __name__ == "__main__":
    main(sys.argv)
