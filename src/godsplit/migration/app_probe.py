"""What Celery's `find_app` gives for each `-A` spec, seen from a fresh interpreter: run by
`celery_app.find_apps` with `python -c` (the project's interpreter need not have godsplit).

Arguments: the import root, setup code, and a JSON list of `[spec, old module]`. It prints
one marked JSON line: per spec, the app's `main`, its type, the names of the old module
bound to it, and the tasks a worker registers once it has imported the app's default
modules; or the error `find_app` raised.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def found_app(spec: str, old: str) -> dict[str, Any]:
    try:
        from celery.app.utils import find_app  # type: ignore[import-untyped,import-not-found,unused-ignore]

        app = find_app(spec)
        module = sys.modules.get(old)
        names = [k for k, v in vars(module).items() if v is app] if module else []
        # the one `find_app` took: `app`, else `celery`, else the first instance
        taken = next((n for n in ("app", "celery") if n in names), names[0] if names else "")
        found: dict[str, Any] = {"main": str(app.main), "type": type(app).__qualname__,
                                 "names": sorted(names), "taken": taken}
        try:
            app.loader.import_default_modules()  # what a worker does when it starts
            found["tasks"] = sorted(n for n in app.tasks if not n.startswith("celery."))
        except Exception as exc:
            found["tasks_error"] = f"{type(exc).__name__}: {exc}"
        return found
    except BaseException as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def main(argv: list[str]) -> None:
    root, setup, specs = argv[1:4]
    sys.path.insert(0, root)
    if setup:
        exec(setup, {})
    out = {spec: found_app(spec, old) for spec, old in json.loads(specs)}
    sys.stdout.flush()  # after what importing printed
    print("\ngodsplit-probe: " + json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
