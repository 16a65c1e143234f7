import os
from celery import Celery

app = Celery("proj")
_folder = os.environ.get("BROKER_DIR", "/tmp")
app.conf.update(
    broker_url="filesystem://",
    broker_transport_options={"data_folder_in": _folder, "data_folder_out": _folder},
    result_backend=None,
    task_routes={"pkg.tasks.add": {"queue": "math"}},
    task_annotations={"pkg.tasks.mul": {"rate_limit": "10/s"}},
)
