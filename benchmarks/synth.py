"""Seeded generator of synthetic god modules, and the godsplit mapping that splits them.

`generate(lines, seed)` returns a `Synth`: the text of one Celery-style god module of about
`lines` lines (module docstring and licence header, stdlib/third-party/TYPE_CHECKING/
try-except imports, a logger, constants, a `global`-rebound client, base classes, shared
helpers, and one section per business domain with constants, dataclasses, private helpers,
handler registries, classes and `@shared_task` tasks that call each other across domains),
plus a mapping of the domains onto ~`lines / lines_per_module` new modules that plans with
no errors: tasks by pattern, classes and some helpers by name, everything else carried by
use, to `_shared`, or to the `misc` default.

The same (lines, seed, lines_per_module) always gives the same bytes. Only the standard
library and Celery (for `shared_task`, at import time of the generated module) are used.

    python benchmarks/synth.py 5000 --out /tmp/big.py   # also writes /tmp/godsplit.toml
"""

from __future__ import annotations

import argparse
import keyword
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DOMAINS = [
    "billing", "reports", "tenants", "wellness", "journal", "onboarding", "attendance",
    "payroll", "inventory", "notifications", "scheduling", "audit", "invoices", "contracts",
    "assets", "vendors", "shipments", "tickets", "surveys", "rosters", "leaves", "expenses",
    "budgets", "campaigns", "leads", "quotes", "warehouses", "deliveries", "devices",
    "sensors", "alerts", "incidents", "visits", "patrols", "checkpoints", "shifts",
    "trainings", "certificates", "documents", "approvals", "workflows", "webhooks",
    "exports", "imports_", "backups", "metrics", "dashboards", "feedback", "referrals",
    "rewards", "coupons", "orders", "refunds", "payouts", "ledgers", "taxes", "audits",
    "permissions", "sessions", "devices2", "geofences", "routes", "drivers", "vehicles",
    "fuel", "maintenance", "inspections", "compliance", "policies", "claims", "members",
]
NOUNS = [
    "records", "rows", "items", "entries", "batch", "summary", "payload", "status",
    "snapshot", "digest", "totals", "events", "changes", "cache", "queue", "index",
    "history", "owners", "limits", "window", "schedule", "report", "export", "counts",
    "stale", "pending", "failed", "archive", "links", "tokens", "files", "labels",
]
VERBS = [
    "sync", "build", "send", "refresh", "collect", "rebuild", "expire", "purge",
    "compute", "publish", "import", "export", "notify", "reconcile", "validate", "merge",
    "render", "fetch", "flush", "prune", "load", "check", "update", "close",
]
KINDS = ["Exporter", "Service", "Manager", "Processor", "Builder", "Client", "Formatter"]
EXCEPTIONS = ["ValueError", "KeyError", "TypeError", "LookupError", "RuntimeError"]


def _numbered(name: str) -> Callable[[int], str]:
    """`name` at a first attempt, then `name1`, `name2`, ..."""
    return lambda attempt: name + (str(attempt) if attempt else "")


@dataclass
class Synth:
    """A generated god module and how to split it."""

    source: str
    modules: dict[str, list[str]]  # new module -> names and patterns mapped to it
    lines: int
    seed: int
    shared: str = "_shared"
    default: str = "misc"
    names: dict[str, list[str]] = field(default_factory=dict)  # module -> every name mapped

    def config_table(self, source: str = "big.py", max_lines: int = 100_000,
                     verify_import: bool = False) -> dict[str, object]:
        """The config as `godsplit.config.parse_config` takes it."""
        return {
            "max-lines": max_lines,
            "verify-import": verify_import,
            "split": [{
                "source": source, "shared": self.shared, "default": self.default,
                "modules": {m: list(v) for m, v in self.modules.items()},
            }],
        }

    def config_toml(self, source: str = "big.py", max_lines: int = 100_000,
                    verify_import: bool = False) -> str:
        out = [
            f"max-lines = {max_lines}",
            f"verify-import = {'true' if verify_import else 'false'}",
            "",
            "[[split]]",
            f'source = "{source}"',
            f'shared = "{self.shared}"',
            f'default = "{self.default}"',
            "",
            "[split.modules]",
        ]
        for module, entries in self.modules.items():
            out.append(f"{module} = [{', '.join(_q(e) for e in entries)}]")
        return "\n".join(out) + "\n"

    def mapped_names(self) -> list[tuple[str, str]]:
        """(name, module) for every name the mapping places, by name or by pattern."""
        return [(n, m) for m, names in self.names.items() for n in names]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _domain_names(count: int) -> list[str]:
    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    base = [d for d in DOMAINS if d not in stdlib and not keyword.iskeyword(d)]
    out = []
    for i in range(count):
        word = base[i % len(base)]
        rnd = i // len(base)
        out.append(word if rnd == 0 else f"{word.rstrip('_')}{rnd + 1}")
    return out


def _camel(word: str) -> str:
    return "".join(p.capitalize() for p in word.replace("_", " ").split())


class _Writer:
    """Text with a running line count."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lines = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.lines += text.count("\n")

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Domain:
    name: str
    const: list[str] = field(default_factory=list)
    helpers: list[str] = field(default_factory=list)  # private, carried by use
    mapped_helpers: list[str] = field(default_factory=list)  # private, mapped by name
    classes: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    public: list[str] = field(default_factory=list)  # tasks other domains call (declared first)


class _Gen:
    def __init__(self, lines: int, seed: int, lines_per_module: int) -> None:
        self.target = round(lines * 0.965)  # the last item of each domain overshoots a little
        self.rng = random.Random(f"godsplit-synth:{seed}:{lines}:{lines_per_module}")
        self.seed = seed
        count = max(2, round(lines / lines_per_module))
        self.domains = [_Domain(d) for d in _domain_names(count)]
        self.taken: set[str] = set()
        self.shared_helpers: list[str] = []
        self.shared_consts: list[str] = []
        self.bases: list[str] = []
        self.w = _Writer()
        self.mapped_code = False  # generating a task or class (may call mapped helpers)
        for dom in self.domains:
            for _ in range(3):
                dom.public.append(self._task_name(dom))

    # names ---------------------------------------------------------------------------------
    def _fresh(self, make: Callable[[int], str]) -> str:
        for attempt in range(1000):
            name = make(attempt)
            if name not in self.taken:
                self.taken.add(name)
                return name
        raise RuntimeError("name space exhausted")

    def _task_name(self, dom: _Domain) -> str:
        r = self.rng
        return self._fresh(lambda a: f"{r.choice(VERBS)}_{dom.name}_{r.choice(NOUNS)}"
                           + (f"_{a}" if a > 20 else ""))

    def _helper_name(self, dom: _Domain | None, prefix: str = "") -> str:
        r = self.rng
        if dom is None:
            return self._fresh(lambda a: f"_{r.choice(VERBS)}_{r.choice(NOUNS)}"
                               + (f"_{a}" if a > 20 else ""))
        return self._fresh(lambda a: f"_{prefix}{r.choice(VERBS)}_{dom.name}_{r.choice(NOUNS)}"
                           + (f"_{a}" if a > 20 else ""))

    def _class_name(self, dom: _Domain) -> str:
        r = self.rng
        return self._fresh(lambda a: f"{_camel(dom.name)}{_camel(r.choice(NOUNS))}"
                           f"{r.choice(KINDS)}" + (f"{a}" if a > 20 else ""))

    def _const_name(self, dom: _Domain | None) -> str:
        r = self.rng
        head = dom.name.upper().rstrip("_") if dom else "DEFAULT"
        return self._fresh(lambda a: f"{head}_{r.choice(NOUNS).upper()}_"
                           f"{r.choice(['LIMIT', 'TTL', 'BATCH_SIZE', 'RETRIES', 'KEY', 'QUEUE'])}"
                           + (f"_{a}" if a > 20 else ""))

    # bodies --------------------------------------------------------------------------------
    def _call(self, dom: _Domain | None, arg: str) -> str:
        """A call of a helper this code may use: shared helpers, own-domain helpers, and
        (for mapped code only) own-domain mapped helpers, so unmapped code never depends
        on a mapped module and the only cycles between new modules are call-time ones."""
        r = self.rng
        pool = list(self.shared_helpers)
        local = dom.helpers + (dom.mapped_helpers if self.mapped_code else []) if dom else []
        if local and r.random() < 0.7:
            pool = local
        if not pool:
            return f"dict({arg})"
        name = r.choice(pool)
        if dom is not None:
            dom.used.add(name)
        return f"{name}({arg})"

    def _const(self, dom: _Domain | None) -> str:
        r = self.rng
        if dom is not None and dom.const and r.random() < 0.6:
            return r.choice(dom.const)
        return r.choice(self.shared_consts)

    def _stmts(self, dom: _Domain | None, indent: str, budget: int, cross: bool) -> list[str]:
        """Statements for a function body of about `budget` lines (call-time code only)."""
        r = self.rng
        out: list[str] = []
        i = indent
        used = 0
        var = "rows"
        out.append(f"{i}{var} = list({self._call(dom, 'items')} or [])\n")
        used += 1
        while used < budget:
            choice = r.randrange(8)
            if choice == 0:
                limit = self._const(dom)
                out.append(
                    f"{i}for row in {var}[: {limit} if isinstance({limit}, int) else 100]:\n"
                    f"{i}    value = {self._call(dom, 'row')}\n"
                    f"{i}    if not value:\n"
                    f'{i}        logger.debug("skipping empty row %r", row)\n'
                    f"{i}        continue\n"
                    f"{i}    results.append(value)\n"
                )
                used += 6
            elif choice == 1:
                exc = r.choice(EXCEPTIONS)
                out.append(
                    f"{i}try:\n"
                    f"{i}    payload = {self._call(dom, var)}\n"
                    f"{i}except ({exc}, OSError) as exc:  # noqa: PERF203\n"
                    f'{i}    logger.warning("{r.choice(VERBS)} failed: %s", exc)\n'
                    f"{i}    payload = {{}}\n"
                )
                used += 5
            elif choice == 2:
                out.append(
                    f"{i}summary = {{\n"
                    f'{i}    "count": len({var}),\n'
                    f'{i}    "status": "{r.choice(NOUNS)}",\n'
                    f'{i}    "at": datetime.now(timezone.utc).isoformat(),\n'
                    f"{i}}}\n"
                )
                used += 5
            elif choice == 3:
                out.append(f"{i}# TODO({r.choice(['ops', 'data', 'core'])}): "
                           f"{r.choice(VERBS)} the {r.choice(NOUNS)} in one pass\n")
                out.append(f"{i}{var} = [r for r in {var} if r is not None]\n")
                used += 2
            elif choice == 4 and cross and dom is not None:
                other = r.choice([d for d in self.domains if d is not dom] or [dom])
                target = r.choice(other.public)
                out.append(
                    f"{i}if {var}:\n"
                    f"{i}    {target}.delay([getattr(r, 'pk', r) for r in {var}[:10]])\n"
                )
                used += 2
            elif choice == 5:
                out.append(
                    f"{i}with contextlib.suppress(KeyError):\n"
                    f"{i}    cache_key = {self._const(dom)!s}\n"
                    f"{i}    _ = json.dumps({{'key': cache_key, 'n': len({var})}}, default=str)\n"
                )
                used += 3
            elif choice == 6:
                out.append(
                    f"{i}if len({var}) > DEFAULT_PAGE_SIZE:\n"
                    f"{i}    for chunk in _chunked({var}, DEFAULT_PAGE_SIZE):\n"
                    f"{i}        results.extend({self._call(dom, 'chunk')} or ())\n"
                )
                used += 3
            else:
                out.append(f"{i}total = sum(1 for _ in {var})  # cheap count\n")
                used += 1
        return out

    def _function(self, dom: _Domain | None, name: str, budget: int, cross: bool,
                  decorator: str = "", params: str = "items=None") -> str:
        r = self.rng
        self.mapped_code = cross
        doc = f'    """{_camel(r.choice(VERBS))} the {r.choice(NOUNS)} of {name.strip("_")}."""\n'
        body = self._stmts(dom, "    ", max(2, budget - 5), cross)
        lead = ""
        if r.random() < 0.3:
            lead = f"# Runs the {r.choice(VERBS)} of {r.choice(NOUNS)}; see the runbook.\n"
        return (
            f"{lead}{decorator}def {name}({params}):\n{doc}"
            "    results = []\n" + "".join(body) + "    return results\n"
        )

    # sections ------------------------------------------------------------------------------
    def header(self) -> None:
        self.w.add(
            "# -*- coding: utf-8 -*-\n"
            "# Copyright (c) Example Corp. All rights reserved.\n"
            "# Generated by godsplit's benchmarks/synth.py: a synthetic god module.\n"
            f'"""Background tasks for every domain (synthetic, seed {self.seed}).\n\n'
            "Everything the workers run lives here: syncs, reports, notifications and\n"
            "the helpers they share.\n"
            '"""\n'
            "from __future__ import annotations\n\n"
            "import contextlib\n"
            "import json\n"
            "import logging\n"
            "import os\n"
            "import time\n"
            "from dataclasses import dataclass, field\n"
            "from datetime import datetime, timedelta, timezone\n"
            "from decimal import Decimal\n"
            "from typing import TYPE_CHECKING, Any\n\n"
            "from celery import shared_task\n\n"
            "try:  # optional speedup\n"
            "    import ujson as fast_json\n"
            "except ImportError:  # pragma: no cover\n"
            "    import json as fast_json\n\n"
            "if TYPE_CHECKING:\n"
            "    from collections.abc import Iterable, Iterator\n\n"
            '__version__ = "3.14.0"\n\n'
            "logger = logging.getLogger(__name__)\n\n"
            "DEFAULT_PAGE_SIZE = 500\n"
            'DEFAULT_QUEUE = os.environ.get("WORKER_QUEUE", "default")\n'
            "DEFAULT_RETRY_DELAY = 30  # seconds\n"
            "DEFAULT_TIMEOUT = timedelta(minutes=5)\n\n"
            "_CLIENT = None\n\n\n"
            "def get_client():\n"
            '    """The process-wide API client, created on first use."""\n'
            "    global _CLIENT\n"
            "    if _CLIENT is None:\n"
            '        _CLIENT = {"created": time.time(), "queue": DEFAULT_QUEUE}\n'
            "    return _CLIENT\n\n\n"
            "def _chunked(items: Iterable[Any], size: int = DEFAULT_PAGE_SIZE) -> Iterator[list[Any]]:\n"
            '    """Split `items` into lists of at most `size`."""\n'
            "    chunk: list[Any] = []\n"
            "    for item in items:\n"
            "        chunk.append(item)\n"
            "        if len(chunk) >= size:\n"
            "            yield chunk\n"
            "            chunk = []\n"
            "    if chunk:\n"
            "        yield chunk\n\n\n"
            "def _dumps(value: Any) -> str:\n"
            "    return fast_json.dumps(value)\n\n\n"
        )
        self.shared_consts = ["DEFAULT_PAGE_SIZE", "DEFAULT_QUEUE", "DEFAULT_RETRY_DELAY"]
        self.shared_helpers = ["_chunked", "_dumps"]
        self.taken.update(["get_client", "_CLIENT", "logger", "_chunked", "_dumps"])

    def core(self) -> None:
        r = self.rng
        budget = max(40, self.target // 25)
        start = self.w.lines
        self.w.add("# --- shared infrastructure " + "-" * 60 + "\n\n")
        for _ in range(3):
            name = self._const_name(None)
            self.shared_consts.append(name)
            self.w.add(f"{name} = {r.choice(['100', '3', '600', repr('jobs'), repr('v2')])}\n")
        self.w.add("\n\n")
        for kind in KINDS[:3]:
            base = self._fresh(_numbered(f"Base{kind}"))
            self.bases.append(base)
            self.w.add(
                f"class {base}:\n"
                f'    """Common behaviour of every {kind.lower()}."""\n\n'
                f"    queue = DEFAULT_QUEUE\n"
                f"    page_size = DEFAULT_PAGE_SIZE\n\n"
                f"    def __init__(self, tenant_id: int, *, dry_run: bool = False) -> None:\n"
                f"        self.tenant_id = tenant_id\n"
                f"        self.dry_run = dry_run\n\n"
                f"    def run(self) -> list[Any]:\n"
                f"        raise NotImplementedError\n\n\n"
            )
        while self.w.lines - start < budget:
            name = self._helper_name(None)
            self.w.add(self._function(None, name, r.randint(6, 14), cross=False) + "\n\n")
            self.shared_helpers.append(name)

    def domain_items(self, dom: _Domain, budget: int) -> list[str]:
        """The statements of one domain, in an order that imports."""
        r = self.rng
        items: list[str] = []
        used = 0

        def add(text: str) -> None:
            nonlocal used
            items.append(text)
            used += text.count("\n")

        for _ in range(r.randint(1, 3)):
            name = self._const_name(dom)
            dom.const.append(name)
            add(f"{name} = {r.choice(['50', '7', '86400', repr(dom.name), 'DEFAULT_PAGE_SIZE * 2'])}"
                + ("  # tuned in prod\n" if r.random() < 0.3 else "\n"))
        add("\n\n")
        if r.random() < 0.5:
            record = self._fresh(lambda a: f"{_camel(dom.name)}Record" + (str(a) if a else ""))
            dom.classes.append(record)
            add(
                "@dataclass\n"
                f"class {record}:\n"
                f'    """One {dom.name} row as the workers see it."""\n\n'
                "    pk: int\n"
                "    amount: Decimal = Decimal(\"0\")\n"
                "    tags: list[str] = field(default_factory=list)\n\n\n"
            )
        handlers: list[str] = []
        pending_tasks = list(dom.public)
        while used < budget or pending_tasks:
            roll = r.random()
            if roll < 0.35 or not (dom.helpers or dom.mapped_helpers):
                mapped = r.random() < 0.15
                name = self._helper_name(dom)
                text = self._function(dom, name, r.randint(6, 16), cross=False)
                (dom.mapped_helpers if mapped else dom.helpers).append(name)
                if not mapped and r.random() < 0.2:
                    handlers.append(name)
                add(text + "\n\n")
            elif roll < 0.5:
                cls = self._class_name(dom)
                dom.classes.append(cls)
                base = r.choice(self.bases)
                methods = []
                for _ in range(r.randint(1, 3)):
                    method = f"{r.choice(VERBS)}_{r.choice(NOUNS)}"
                    if method in methods:
                        continue
                    methods.append(method)
                text = (f"class {cls}({base}):\n"
                        f'    """Runs {r.choice(VERBS)} for {dom.name} {r.choice(NOUNS)}."""\n\n')
                text += f"    batch_size = {self._const(dom)}\n\n"
                for method in methods:
                    fn = self._function(dom, method, r.randint(6, 12), cross=True,
                                        params="self, items=None")
                    text += "".join("    " + ln if ln.strip() else ln
                                    for ln in fn.splitlines(keepends=True)) + "\n"
                text += "    def run(self) -> list[Any]:\n"
                text += f"        return self.{methods[0]}(get_client().get('items'))\n\n\n"
                add(text)
            elif roll < 0.57 and handlers:
                registry = self._fresh(lambda a: f"{dom.name.upper().rstrip('_')}_HANDLERS"
                                       + (f"_{a}" if a else ""))
                body = "".join(f'    "{h.strip("_")}": {h},\n' for h in handlers)
                dom.const.append(registry)
                add(f"{registry} = {{\n{body}}}\n\n\n")
                handlers = []
            elif roll < 0.6:
                legacy = self._helper_name(dom, prefix="legacy_")
                add("# Deprecated: nothing calls this any more (kept for old workers).\n"
                    + self._function(dom, legacy, r.randint(5, 9), cross=False) + "\n\n")
            else:
                name = pending_tasks.pop(0) if pending_tasks else self._task_name(dom)
                dom.tasks.append(name)
                options = [f"bind=True, max_retries={r.randint(1, 5)}",
                           f"default_retry_delay={self._const(None)}"]
                if r.random() < 0.3:
                    options.append(f'queue="{dom.name}"')
                if r.random() < 0.15:
                    options.append(f'name="{dom.name}.{name}"')
                deco = f"@shared_task({', '.join(options)})\n"
                text = self._function(dom, name, r.randint(8, 22), cross=True, decorator=deco,
                                      params="self, items=None, *, tenant_id=None")
                add(text + "\n\n")
        return items

    def build(self) -> Synth:
        self.header()
        self.core()
        footer_lines = 4
        remaining = max(len(self.domains) * 30, self.target - self.w.lines - footer_lines)
        per_domain = remaining // len(self.domains)
        queues = [(dom, self.domain_items(dom, per_domain)) for dom in self.domains]
        # interleave sections as god files grow: each domain appears in a few runs
        cursors = [0] * len(queues)
        while any(c < len(items) for c, (_, items) in zip(cursors, queues, strict=True)):
            for index, (dom, items) in enumerate(queues):
                if cursors[index] >= len(items):
                    continue
                take = self.rng.randint(3, 12)
                self.w.add(f"# --- {dom.name} " + "-" * 70 + "\n\n")
                for text in items[cursors[index]: cursors[index] + take]:
                    self.w.add(text)
                cursors[index] += take
        first = self.domains[0].public[0]
        self.w.add(
            'if __name__ == "__main__":\n'
            f"    {first}.apply(kwargs={{'tenant_id': 1}})\n"
        )
        modules: dict[str, list[str]] = {}
        names: dict[str, list[str]] = {}
        for dom in self.domains:
            entries = [f"[a-z]*_{dom.name}_*", *dom.classes, *dom.mapped_helpers]
            modules[dom.name] = entries
            names[dom.name] = [*dom.tasks, *dom.classes, *dom.mapped_helpers]
        source = self.w.text()
        return Synth(source=source, modules=modules, lines=source.count("\n"), seed=self.seed,
                     names=names)


def generate(lines: int, seed: int = 0, lines_per_module: int = 500) -> Synth:
    """A god module of about `lines` lines and its mapping onto ~lines/lines_per_module modules."""
    if lines < 500:
        raise ValueError("at least 500 lines (each domain has three tasks other domains call)")
    return _Gen(lines, seed, lines_per_module).build()


def write_project(directory: Path, synth: Synth, source: str = "big.py",
                  verify_import: bool = False, max_lines: int = 100_000) -> Path:
    """Write the god file and a godsplit.toml into `directory`; return the config path."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / source).write_text(synth.source)
    config = directory / "godsplit.toml"
    config.write_text(synth.config_toml(source, max_lines, verify_import))
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lines-per-module", type=int, default=500)
    parser.add_argument("--out", type=Path, required=True, help="the .py file to write")
    parser.add_argument("--verify-import", action="store_true")
    args = parser.parse_args(argv)
    synth = generate(args.lines, args.seed, args.lines_per_module)
    config = write_project(args.out.parent, synth, args.out.name, args.verify_import)
    print(f"{args.out}: {synth.lines} lines, {len(synth.modules)} modules; config {config}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
