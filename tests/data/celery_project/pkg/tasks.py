import logging
import os

from celery import shared_task

from .celery_app import app

logger = logging.getLogger(__name__)


def _record(value):
    with open(os.environ["RESULT_FILE"], "a") as handle:
        handle.write(f"{value}\n")


@shared_task
def add(x, y):
    _record(x + y)
    return x + y


@app.task(bind=True, queue="priority", priority=5, max_retries=3,
          autoretry_for=(ValueError,))
def mul(self, x, y):
    _record(self.name)
    return x * y


@shared_task(name="custom.name")
def named():
    return "n"
