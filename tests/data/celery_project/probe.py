import json, sys, threading, time
from pkg.celery_app import app
import pkg.tasks  # noqa
mode = sys.argv[1]
if mode == "snapshot":
    out = {}
    for name, task in sorted(app.tasks.items()):
        if name.startswith("celery."):
            continue
        route = app.amqp.router.route({}, name)
        out[name] = {k: getattr(task, k, None) for k in ("queue", "priority", "max_retries", "rate_limit", "default_retry_delay")} | {
"route": route["queue"].name,
                     "autoretry_for": [e.__name__ for e in getattr(task, "autoretry_for", ())]}
    print(json.dumps(out, sort_keys=True))
elif mode == "send":
    app.send_task("pkg.tasks.add", args=(2, 3))
    app.send_task("pkg.tasks.mul", args=(2, 3))
elif mode == "work":
    from celery.contrib.testing.worker import start_worker
    with start_worker(app, pool="solo", perform_ping_check=False, queues=["math", "priority", "celery"], shutdown_timeout=5):
        time.sleep(3)
