"""Patch targets and strings that name an old module, for `migrate`.

`mock.patch("old.A")`, `patch.object(old, "A")`, `mocker.patch`, `monkeypatch.setattr`
go to the module whose code looks `A` up (as `apply --rewrite-references` does). When it
is looked up in several modules, a `with` item gets one patch per module sharing one
mock (`with patch("a.A") as m, patch("b.A", m):`), a `monkeypatch.setattr` statement or
a `mocker.patch` assignment is repeated for each, a decorator's test runs its body inside
such a `with` (`decorated`); anything else is listed for a hand edit. Strings: a dotted
path naming a moved object follows it; the old module in an `imports`/`include` list
becomes its new modules; a Celery task's name (its decorator's `name=`, pinned by godsplit
or given by the source) is left alone and listed, as is any other string naming the old
module.
"""

from __future__ import annotations

import re

import libcst as cst

from ..split.dotted_paths import path_parts
from ..split.facade_reads import HANDED
from ..split.nodes import walk
from ..split.references import _call_name
from .by_name import imports_setting
from .code_strings import code_reads, code_text
from .decorated import body_fits, mock_parameter, new_value
from .edit import Context, WithEdit, made_quote
from .homes import Homes
from .imports import fresh
from .path_prefix import held_in, path_start

IMPORTERS = frozenset({"import_module", "__import__", "import_string", "find_spec", "reload"})
ATTRIBUTE_BUILTINS = frozenset({"getattr", "hasattr", "setattr", "delattr"})
SIMPLE = (cst.Name, cst.Attribute, cst.SimpleString, cst.Integer, cst.Float)


def _string(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _quoted(like: cst.BaseExpression, value: str) -> cst.SimpleString:
    quote = like.quote if isinstance(like, cst.SimpleString) else '"'
    return cst.SimpleString(f"{quote}{value}{quote}")





def scan_calls(ctx: Context) -> None:
    handled: set[int] = set()
    for call in ctx.calls:
        if call.args:
            _call(ctx, call, handled)
    for string in ctx.strings:
        if id(string) not in handled:
            _plain_string(ctx, string)


def _call(ctx: Context, call: cst.Call, handled: set[int]) -> None:
    first = call.args[0].value
    func = call.func
    if isinstance(func, cst.Name) and func.value in ATTRIBUTE_BUILTINS:
        if id(first) in ctx.access and len(call.args) > 1:
            _builtin(ctx, call, func.value)
        return
    kind, object_form = _call_name(func)
    if not kind and isinstance(func, cst.Attribute) and func.attr.value == "delattr":
        kind = "setattr"  # monkeypatch.delattr
    if not kind:
        return
    value = _string(first)
    if value is not None:
        handled.add(id(first))
        for h in ctx.homes:
            parts = path_parts(value, h.old_module)
            if value == h.old_module:
                ctx.use(call, h, "", "patch", None, False,
                        "patches the old module itself: edit by hand")
            elif parts is not None and parts[0] == "." and not h.submodule(parts[1]):
                _target(ctx, call, h, parts[1], parts[2], object_form)
        return
    if isinstance(first, (cst.FormattedString, cst.BinaryOperation, cst.ConcatenatedString)):
        text = ctx.code(first)
        for h in ctx.homes:
            if _may_build(first, text, h.old_module):
                ctx.use(call, h, "", "dynamic", None, False,
                        f"patch target built at run time ({text}): edit by hand")
                break
        return
    if id(first) in ctx.access and len(call.args) > 1:
        h, _ = ctx.access[id(first)]
        name = _string(call.args[1].value)
        if name is not None and name.isidentifier():
            handled.add(id(call.args[1].value))
            if _target(ctx, call, h, name, "", object_form):
                ctx.consumed.add(id(first))
            else:
                ctx.reported.add(id(first))


_NOT_DOTTED = re.compile(r"[^\w.:]")


def _may_build(node: cst.BaseExpression, text: str, old: str) -> bool:
    """Whether a string built at run time may be a patch target in `old`: its literal
    parts could be pieces of a dotted path (no `/` or space: pretix's
    `token_client.patch(f'/api/v1/.../sendmail_rules/{rule.pk}/')`, an HTTP PATCH), and it
    holds the old module's name, or its last part as a whole word that no other literal
    package precedes."""
    literals = [n.value for n in walk(node) if isinstance(n, cst.FormattedStringText)] + [
        v for n in walk(node) if isinstance(n, cst.SimpleString)
        and isinstance(v := n.evaluated_value, str)]
    if any(_NOT_DOTTED.search(part) for part in literals):
        return False
    parent, _, last = old.rpartition(".")
    if old in text:
        return True
    for match in re.finditer(rf"(?<!\w){re.escape(last)}(?!\w)", text):
        before = text[:match.start()]
        chain = re.search(r"(?<![\w.])((?:[A-Za-z_]\w*\.)+)$", before)
        if chain is None:  # `f"{mod}.tasks"`, `"tasks." + x`: may be the old module
            return True
        # a whole literal package before it must be the old module's: MIT Learn's
        # `f"learning_resources.tasks.{attr}"` is not `learning_resources_search.tasks`
        if chain.group(1)[:-1] == parent:
            return True
    return False


def _builtin(ctx: Context, call: cst.Call, func: str) -> None:
    """`getattr(old, "A")` and friends: the module argument becomes A's new module."""
    first = call.args[0].value
    h, _ = ctx.access[id(first)]
    name = _string(call.args[1].value)
    if name is None:
        return
    where: tuple[str, ...] = ()
    if func in ("getattr", "hasattr"):
        home = h.new_home(name)
        where = (home,) if home is not None else ()
    else:
        where = h.lookups.get(name, ())
    if len(where) == 1:
        ctx.moved[id(first)] = where[0]
        ctx.use(call, h, name, "attribute", where[0], True)


def _func_text(ctx: Context, call: cst.Call, object_form: bool) -> str:
    func = call.func
    if object_form and isinstance(func, cst.Attribute):
        func = func.value
    return ctx.code(func)


def _target(
    ctx: Context, call: cst.Call, h: Homes, name: str, rest: str, object_form: bool
) -> bool:
    """Rewrite (or list) a patch of `old.name<rest>`; True if it is rewritten."""
    where = h.patch_homes(name, rest)
    shown = f"{h.old_module}.{name}{rest}"
    read = h.handed or h.kept_reads.get(name)
    if read is not None and not rest:
        how = (f"{read.how} (left for a hand edit), and a patch of a new module would not "
               "reach what reads the name through it" if read.how == HANDED else
               f"{read.how}, which a patch of a new module would not reach")
        ctx.use(call, h, name, "patch", None, False,
                f"the patch target stays: {read.path}:{read.line} {how}: edit that first, "
                "then run migrate again")  # (no name: uses with one reason are listed once)
        return False
    if not where:
        ctx.use(call, h, name, "patch", None, False,
                "no new module looks this name up (it stays in the old module): edit by hand")
        return False
    targets = [f"{module}.{name}{rest}" for module in where]
    if len(targets) > 1 and not _several(ctx, call, targets, name, object_form):
        ctx.use(call, h, name, "patch", None, False,
                f"patch target {shown!r}: {name} is looked up in {', '.join(where)}; one patch "
                "per module is written only in a `with` item, a `monkeypatch.setattr` "
                "statement, a `mocker.patch` assignment or a decorator whose mock's parameter "
                "is known: edit by hand, patching "
                + " and ".join(repr(t) for t in targets) + " with one mock")
        return False
    first = call.args[0].value
    moves_object = id(first) in ctx.access  # (module, "name") -> "module.name"

    def edit(updated: cst.Call) -> cst.Call:
        func = updated.func
        if object_form and isinstance(func, cst.Attribute):
            func = func.value  # patch.object(mod, "x", ...) -> patch("pkg.mod.x", ...)
        if moves_object:
            quote = made_quote(ctx.style, call.args[1].value)
            args = [cst.Arg(cst.SimpleString(f"{quote}{targets[0]}{quote}"),
                            comma=updated.args[1].comma), *updated.args[2:]]
        else:
            args = [updated.args[0].with_changes(value=_quoted(first, targets[0])),
                    *updated.args[1:]]
        return updated.with_changes(func=func, args=args)

    ctx.edits.calls[id(call)] = edit
    ctx.use(call, h, name, "patch", ", ".join(targets), True)
    return True


def _several(ctx: Context, call: cst.Call, targets: list[str], name: str, object_form: bool) -> bool:
    """Patch each further module too, sharing the first patch's object; False if this
    call's place does not allow it."""
    parent = ctx.parents.get(call)
    func = _func_text(ctx, call, object_form)
    first = call.args[0].value  # a string target's own quote; the project's for `patch.object`
    quote = first.quote if isinstance(first, cst.SimpleString) else made_quote(ctx.style, call.args[1].value)
    mocker = func.startswith("mocker.")
    setter = isinstance(call.func, cst.Attribute) and call.func.attr.value in ("setattr", "delattr")

    def extra(shared: str) -> list[str]:
        return [f"{func}({quote}{t}{quote}, {shared})" for t in targets[1:]]

    if isinstance(parent, cst.WithItem) and parent.item is call and not mocker and not setter:
        asname = parent.asname.name if parent.asname else None
        if asname is not None and not isinstance(asname, cst.Name):
            return False
        shared = asname.value if asname else fresh([f"{name.strip('_') or 'patched'}_mock"],
                                                   ctx.taken)
        ctx.edits.with_items[id(parent)] = WithEdit(None if asname else shared, tuple(extra(shared)))
        return True
    line = ctx.parents.get(parent) if parent is not None else None
    if isinstance(parent, cst.Expr) and isinstance(line, cst.SimpleStatementLine) and setter:
        value_index = 2 if id(call.args[0].value) in ctx.access else 1
        if func.endswith("delattr"):
            ctx.edits.after[id(line)] = [f"{func}({quote}{t}{quote})\n" for t in targets[1:]]
            return True
        if len(call.args) > value_index and isinstance(call.args[value_index].value, SIMPLE):
            value = ctx.code(call.args[value_index].value)
            ctx.edits.after[id(line)] = [text + "\n" for text in extra(value)]
            return True
        return False
    if isinstance(parent, cst.Assign) and isinstance(line, cst.SimpleStatementLine) and mocker \
            and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        shared = parent.targets[0].target.value
        ctx.edits.after[id(line)] = [text + "\n" for text in extra(shared)]
        return True
    if isinstance(parent, cst.Decorator) and not mocker:
        new = new_value(call, 2 if id(call.args[0].value) in ctx.access else 1)
        if new is not None and isinstance(new, SIMPLE):
            ctx.edits.decorators[id(parent)] = extra(ctx.code(new))
            return True
        function = ctx.parents.get(parent)
        receiver = mock_parameter(ctx, parent) if new is None else None
        if receiver is not None and isinstance(function, cst.FunctionDef) and body_fits(
                ctx, function, ctx.style.limit or ctx.style.line_length):  # the body in a `with`
            ctx.edits.bodies.setdefault(id(function), []).extend(extra(receiver))
            return True
    return False


def _container_name(ctx: Context, node: cst.CSTNode) -> str | None:
    """The name a list/tuple/set literal is assigned or passed to (`X = [...]`,
    `f(x=[...])`, `{"x": [...]}`)."""
    parent = ctx.parents.get(node)
    if isinstance(parent, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
        targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [
            parent.target]
        for target in targets:
            if isinstance(target, cst.Name):
                return target.value
            if isinstance(target, cst.Attribute):
                return target.attr.value
        return None
    if isinstance(parent, cst.Arg) and parent.keyword is not None:
        return parent.keyword.value
    if isinstance(parent, cst.DictElement) and parent.value is node:
        return _string(parent.key)
    return None


def _imports_old_module(value: str, h: Homes) -> re.Match[str] | None:
    """The first import of the old module in code held by a string (group 1: a star), not
    counting imports of the split's new modules (`import old.sub`, `from old import sub`),
    which still work once the facade is retired."""
    old = re.escape(h.old_module)
    for code in re.finditer(rf"\b(?:from\s+{old}\s+import\s+(\*|[\w \t,]+)?|import\s+{old}"
                            rf"(?:\.(\w+))?\b)", value):
        names = [n.split(" as ")[0].strip() for n in (code.group(1) or "").split(",")]
        if (code.group(2) is not None and h.submodule(code.group(2))) or (
                code.group(1) not in (None, "*") and all(h.submodule(n) for n in names)):
            continue
        return code
    return None


def _plain_string(ctx: Context, node: cst.SimpleString) -> None:
    value = _string(node)
    text = code_text(node)
    for h in ctx.homes:
        if (text is not None and code_reads(ctx, node, text, h)) or value is None:
            continue
        code = _imports_old_module(value, h)
        if code is not None:
            star = code.group(1) == "*"
            ctx.use(node, h, "*" if star else "", "star" if star else "module",
                    None, False, "code in a string imports the old module: edit by hand")
            continue
        if value == h.old_module:
            _module_string(ctx, node, h)
            continue
        parts = path_parts(value, h.old_module)
        if parts is None or h.submodule(parts[1]):
            continue
        separator, name, rest = parts
        if h.task_names.get(name) == value:
            ctx.note(node, "GS504", f"{value!r} is the name of Celery task {name} (`name=` on "
                     f"its decorator in {h.homes[name]}): a route, annotation, beat entry or "
                     "registry key naming it still matches, so it is left alone")
        elif h.new_home(name) is not None:
            new = f"{h.new_home(name)}{separator}{name}{rest}"
            ctx.edits.exprs[id(node)] = _quoted(node, new)
            ctx.use(node, h, name, "string", new, True)
        elif name in h.stays and not h.kept(name):
            ctx.use(node, h, name, "stays", None, False, f"{value!r} names a name that stays in "
                    "the old module: edit by hand")


def _module_string(ctx: Context, node: cst.SimpleString, h: Homes) -> None:
    element = ctx.parents.get(node)
    container = ctx.parents.get(element) if isinstance(element, cst.Element) else None
    name = _container_name(ctx, container) if isinstance(
        container, (cst.List, cst.Tuple, cst.Set)) else None
    if isinstance(element, cst.Element) and name and imports_setting(name):
        assert isinstance(container, (cst.List, cst.Tuple, cst.Set))
        joints = [e.comma for e in container.elements if isinstance(e.comma, cst.Comma)
                  and isinstance(e.comma.whitespace_after, cst.ParenthesizedWhitespace)]
        ctx.edits.elements[id(element)] = (list(h.modules), joints[0] if joints else None)
        ctx.use(node, h, "", "module", ", ".join(h.modules), True,
                f"{h.old_module!r} in {name}: its new modules are imported instead")
        return
    call = ctx.parents.get(element) if isinstance(element, cst.Arg) else None
    if isinstance(call, cst.Call) and call.args and call.args[0] is element:
        func = call.func
        called = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
        if called in IMPORTERS:
            ctx.use(node, h, "", "module", None, False,
                    "loads the old module by name: edit by hand")
            return
    if _loaded_by_name(ctx, node, element, call):
        ctx.use(node, h, "", "module", None, False, "loads the old module by this name and "
                "reads its names (a settings module, a URL conf): edit by hand")
        return
    setting = _container_name(ctx, node)
    if setting and imports_setting(setting):
        ctx.note(node, "GS505", f"{h.old_module!r} is loaded by name here (`{setting}`, a setting "
                 "that imports the module): left alone; the module still imports under this name "
                 "and its facade imports every new module" + (
                     ", so all its tasks still register" if h.tasks else ""))
        return
    held = held_in(ctx, node)
    start = path_start(ctx, held) if held is not None else None
    if held is not None and start is not None:
        ctx.use(node, h, "", "module", None, False, f"held in {held}, read as a dotted path's "
                f"start at line {ctx.line(start)}: edit by hand (each name's new module)")
        return
    ctx.note(node, "GS505", f"{h.old_module!r} is named in a string (a logger name, a route or "
             "task-name prefix?): left alone; loggers and pinned task names keep the old name")


# calls that load a module by its name and read its names: Django's `include`, Celery's
# `config_from_object`, Flask's `config.from_object`
_LOADERS = frozenset({"include", "config_from_object", "from_object"})
# settings that name a module read that way: DJANGO_SETTINGS_MODULE, ROOT_URLCONF
_BY_NAME = re.compile(r"(?:^|_)(?:SETTINGS_MODULE|URLCONF)$", re.IGNORECASE)


def _loaded_by_name(ctx: Context, node: cst.SimpleString, element: cst.CSTNode | None,
                    call: cst.CSTNode | None) -> bool:
    """The string names a module something loads by that name to read its names: an
    argument of a loader, or the value of a setting such as `DJANGO_SETTINGS_MODULE`
    (also `os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` and
    `os.environ["DJANGO_SETTINGS_MODULE"] = ...`)."""
    if isinstance(element, cst.Arg) and isinstance(call, cst.Call):
        func = call.func
        called = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
        if called in _LOADERS:
            return True
        if called == "setdefault" and len(call.args) >= 2 and call.args[1] is element:
            return bool(_BY_NAME.search(_string(call.args[0].value) or ""))
    name = _container_name(ctx, node)
    parent = ctx.parents.get(node)
    if name is None and isinstance(parent, cst.Assign):
        target = parent.targets[0].target
        if isinstance(target, cst.Subscript) and len(target.slice) == 1:
            index = target.slice[0].slice
            name = _string(index.value) if isinstance(index, cst.Index) else None
    return bool(_BY_NAME.search(name or ""))
