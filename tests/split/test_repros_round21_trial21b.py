"""Round 21 (trial21b): Plane's `plane/bgtasks/issue_activities_task.py` starts with its
licence, a blank line, then `# Python imports` right above `import json`. LibCST keeps that
comment in the module's header, so every new module began with the licence and then
`# Python imports` above its docstring, and the facade had `# Python imports` above
godsplit's marker, apart from the import it names (and a retired facade kept it alone)."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

SOURCE = """
    # Copyright (c) Example Inc.
    # SPDX-License-Identifier: MIT

    # Python imports
    import json

    # Third Party imports
    from collections import OrderedDict


    def a():
        return json.dumps(OrderedDict())


    def b():
        return a()
"""


def test_a_section_comment_above_the_first_import_is_not_a_file_header(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"alpha": ["a"], "beta": ["b"]},
                          **{"verify-import": False})
    _, texts = plan_texts(config)
    alpha = texts["pkg/big/alpha.py"]
    assert alpha.startswith('# Copyright (c) Example Inc.\n# SPDX-License-Identifier: MIT\n\n"""')
    assert "# Python imports" not in alpha
    facade = texts["pkg/big/__init__.py"]
    assert "# Python imports\nimport json\n" in facade
    assert facade.index("# godsplit") < facade.index("# Python imports")


def test_a_licence_under_a_coding_cookie_stays_in_every_module(tmp_path: Path) -> None:
    source = SOURCE.replace("    # Copyright (c) Example Inc.\n    # SPDX-License-Identifier: MIT\n",
                            "    # -*- coding: utf-8 -*-\n")
    source = source.replace("# Python imports", "# Licensed under the MIT licence")
    config = make_project(tmp_path, source, {"alpha": ["a"], "beta": ["b"]},
                          **{"verify-import": False})
    _, texts = plan_texts(config)
    assert "# Licensed under the MIT licence" in texts["pkg/big/alpha.py"]


def test_a_god_file_in_a_namespace_subpackage_keeps_its_dotted_name(tmp_path: Path) -> None:
    """Read the Docs' `readthedocs/projects/tasks/builds.py`: `tasks/` has no `__init__.py`
    but `readthedocs/projects/` is a regular package, so the module is
    `readthedocs.projects.tasks.builds`. godsplit took it for a top-level `builds`: it
    replaced `__name__` by 'builds' (a new logger name) and did not see that `app` is the
    Celery app of `readthedocs.worker`, so the tasks were not pinned and would be renamed."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "worker.py").write_text("from celery import Celery\n\napp = Celery('x')\n")
    config = make_project(tmp_path, """
        import logging

        from app.worker import app

        log = logging.getLogger(__name__)


        @app.task(bind=True)
        def sync(self):
            log.info("sync")


        @app.task(bind=True)
        def update(self):
            return sync.delay()
    """, {"alpha": ["sync"], "beta": ["update"]}, path="app/tasks/big.py",
        **{"verify-import": False})
    (tmp_path / "app" / "tasks" / "__init__.py").unlink()  # a namespace subpackage
    plan, texts = plan_texts(config)
    found = {(f.code, f.message) for f in plan.findings}
    assert ("GS200", "Celery task name pinned to 'app.tasks.big.sync'") in found
    assert ("GS200", "Celery task name pinned to 'app.tasks.big.update'") in found
    assert not any(code == "GS219" for code, _ in found)
    everything = "".join(texts.values())
    assert "getLogger('app.tasks.big')" in everything or 'getLogger("app.tasks.big")' in everything
    assert "'big'" not in everything and '"big"' not in everything
